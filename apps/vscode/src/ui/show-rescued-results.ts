import type { DeliveredImage, Delivery } from '@retouch/output';
import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { vscodeOutputFileSystem as fs } from '../host/workspace-fs/vscode-output-file-system.js';

/** The OS file manager can show a local file only from a desktop window on the same machine. */
function canRevealInOs(location: vscode.Uri): boolean {
  return (
    location.scheme === 'file' &&
    vscode.env.uiKind === vscode.UIKind.Desktop &&
    vscode.env.remoteName === undefined
  );
}

async function saveAs(
  services: RetouchServices,
  delivery: Delivery<vscode.Uri>,
  output: DeliveredImage<vscode.Uri>,
): Promise<boolean> {
  const start = vscode.workspace.getWorkspaceFolder(delivery.folder)?.uri ?? delivery.folder;
  const extension = output.name.slice(output.name.lastIndexOf('.') + 1);
  const target = await vscode.window.showSaveDialog({
    title: `Retouch: Save ${output.name} As`,
    defaultUri: vscode.Uri.joinPath(start, output.name),
    filters: { Images: [extension] },
    saveLabel: 'Save Result',
  });
  if (!target) return false;
  try {
    // The dialog has already asked before replacing an existing file.
    await vscode.workspace.fs.copy(output.location, target, { overwrite: true });
  } catch (error) {
    const reason = fs.describeError?.(error) ?? String(error);
    services.log.error(`Could not save ${output.name} as ${fs.display(target)}: ${reason}.`);
    void vscode.window.showErrorMessage(
      `Retouch: could not save ${output.name} there (${reason}). It is still at ${fs.display(output.location)}.`,
    );
    return false;
  }
  services.log.info(`Saved ${output.name} as ${fs.display(target)}.`);
  void vscode.window.showInformationMessage(
    `Retouch: saved ${output.name} as ${vscode.workspace.asRelativePath(target)}`,
  );
  await vscode.commands.executeCommand('vscode.open', target, { preview: false });
  return true;
}

/**
 * Says that the output folder failed and where the results are instead (the extension's own
 * storage), offering to save each one elsewhere or to show it. Not awaited by callers.
 */
export function showRescuedResults(
  services: RetouchServices,
  delivery: Delivery<vscode.Uri>,
  message: string,
): void {
  const rescued = delivery.outputs.filter((output) => output.rescued);
  const first = rescued[0];
  const reveal = first && canRevealInOs(first.location) ? 'Reveal' : 'Open';
  const actions = first ? ['Save As…', reveal, 'Show Log'] : ['Show Log'];
  void vscode.window.showErrorMessage(`Retouch: ${message}`, ...actions).then(async (action) => {
    if (action === 'Save As…') {
      for (const output of rescued) if (!(await saveAs(services, delivery, output))) break;
    }
    if (action === 'Reveal' && first) {
      await vscode.commands.executeCommand('revealFileInOS', first.location);
    }
    if (action === 'Open') {
      for (const output of rescued) {
        await vscode.commands.executeCommand('vscode.open', output.location, { preview: false });
      }
    }
    if (action === 'Show Log') services.log.channel.show(true);
  });
}
