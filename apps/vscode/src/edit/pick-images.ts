import * as vscode from 'vscode';

const imageExtension = /\.(png|jpe?g|webp)$/i;

export function isEditableImage(uri: vscode.Uri): boolean {
  return imageExtension.test(uri.path);
}

interface ImageItem extends vscode.QuickPickItem {
  uri: vscode.Uri;
}

function activeImage(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri =
    input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText
      ? input.uri
      : undefined;
  return uri && isEditableImage(uri) ? uri : undefined;
}

/**
 * The images a command works on: those selected in the Explorer (or the editor's file), else a
 * quick pick of the workspace's images.
 */
export async function pickImages(
  clicked: vscode.Uri | undefined,
  selected: readonly vscode.Uri[] | undefined,
  mode: {
    many: boolean /** "a Mask", "Markup": what the single image is edited with. */;
    purpose?: string;
  },
): Promise<vscode.Uri[] | undefined> {
  const given = (selected && selected.length > 0 ? selected : clicked ? [clicked] : []).filter(
    (uri) => uri instanceof vscode.Uri && isEditableImage(uri),
  );
  if (given.length > 0) return mode.many ? given : given.slice(0, 1);

  const found = await vscode.workspace.findFiles(
    '**/*.{png,PNG,jpg,JPG,jpeg,JPEG,webp,WEBP}',
    '{**/node_modules/**,**/.git/**}',
    5000,
  );
  if (found.length === 0) {
    void vscode.window.showInformationMessage(
      'Retouch: no PNG, JPEG or WebP images found in this workspace. Open a folder with images, or right-click an image in the Explorer.',
    );
    return undefined;
  }
  const current = activeImage()?.toString();
  const items: ImageItem[] = found
    .map((uri) => ({
      uri,
      label: uri.path.slice(uri.path.lastIndexOf('/') + 1),
      description: vscode.workspace.asRelativePath(vscode.Uri.joinPath(uri, '..'), true),
      iconPath: uri,
      picked: uri.toString() === current,
    }))
    .sort((a, b) => `${a.description}/${a.label}`.localeCompare(`${b.description}/${b.label}`));

  if (!mode.many) {
    const picked = await vscode.window.showQuickPick(items, {
      title: `Retouch: Select an Image to Edit${mode.purpose ? ` with ${mode.purpose}` : ''}`,
      placeHolder: 'Type to filter workspace images',
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    return picked ? [picked.uri] : undefined;
  }
  return pickMany(items);
}

function pickMany(items: ImageItem[]): Promise<vscode.Uri[] | undefined> {
  const pick = vscode.window.createQuickPick<ImageItem>();
  pick.title = 'Retouch: Select Images to Edit';
  pick.placeholder = 'Pick one image, or check several to combine them; Enter accepts';
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  pick.items = items;
  pick.selectedItems = items.filter((item) => item.picked);
  return new Promise((resolve) => {
    let result: vscode.Uri[] | undefined;
    pick.onDidAccept(() => {
      // Enter with nothing checked takes the highlighted image, as a single pick would.
      const chosen = pick.selectedItems.length > 0 ? pick.selectedItems : pick.activeItems;
      result = chosen.length > 0 ? chosen.map((item) => item.uri) : undefined;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}
