import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { paintMask } from './mask-painter-panel.js';

/** Asks whether to paint a mask or use a mask file, and returns the mask's URI. */
export async function pickMask(
  services: RetouchServices,
  image: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      {
        label: '$(edit) Paint a Mask…',
        detail: 'Paint the area to change over the image',
        paint: true,
      },
      {
        label: '$(file-media) Use a Mask File…',
        detail: 'A PNG as large as the image whose transparent pixels mark the area to change',
        paint: false,
      },
    ],
    {
      title: 'Retouch: Mask',
      placeHolder: 'How do you want to mark the area to change?',
      ignoreFocusOut: true,
    },
  );
  if (!choice) return undefined;
  if (choice.paint) return paintMask(services, image);
  const [file] =
    (await vscode.window.showOpenDialog({
      title: 'Retouch: Choose a Mask PNG',
      defaultUri: vscode.Uri.joinPath(image, '..'),
      canSelectMany: false,
      filters: { 'PNG mask': ['png'] },
      openLabel: 'Use as Mask',
    })) ?? [];
  return file;
}
