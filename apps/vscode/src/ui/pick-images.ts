import * as vscode from 'vscode';

// Besides the types models take, the photo types the engine converts before sending (HEIC, …).
const imageExtension = /\.(png|jpe?g|webp|heic|heif|avif|tiff?|bmp|gif)$/i;

export function isEditableImage(uri: vscode.Uri): boolean {
  return imageExtension.test(uri.path);
}

interface ImageItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
  /** The entry that switches to checking several images. */
  several?: true;
}

function activeImage(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri =
    input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText
      ? input.uri
      : undefined;
  return uri && isEditableImage(uri) ? uri : undefined;
}

/** The image's folder as the Explorer names it: `workspace/art`, or the workspace's name. */
function folderName(uri: vscode.Uri): string {
  const folder = vscode.Uri.joinPath(uri, '..');
  const root = vscode.workspace.getWorkspaceFolder(uri);
  if (root && folder.toString() === root.uri.toString()) return root.name;
  return vscode.workspace.asRelativePath(folder, true);
}

/**
 * The images a command works on: those selected in the Explorer (or the editor's file), else a
 * quick pick of the workspace's images. The pick is keyboard-first: type to filter, Enter takes
 * the first match. "Combine Several Images…" switches to a list with checkboxes.
 */
export async function pickImages(
  clicked: vscode.Uri | undefined,
  selected: readonly vscode.Uri[] | undefined,
  mode: {
    many: boolean;
    /** "a Mask", "Markup": what the single image is edited with. */
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
      description: folderName(uri),
      iconPath: uri,
    }))
    .sort((a, b) => `${a.description}/${a.label}`.localeCompare(`${b.description}/${b.label}`));
  // The open image first, so Enter alone edits it.
  items.sort(
    (a, b) => Number(b.uri?.toString() === current) - Number(a.uri?.toString() === current),
  );

  const several: ImageItem = {
    label: '$(checklist) Combine Several Images…',
    description: 'check each image to combine them into one result',
    several: true,
    alwaysShow: true,
  };
  const picked = await vscode.window.showQuickPick(
    mode.many && items.length > 1 ? [...items, several] : items,
    {
      title: `Retouch: Select an Image to Edit${mode.purpose ? ` with ${mode.purpose}` : ''}`,
      placeHolder: 'Type to filter the workspace images, then Enter',
      matchOnDescription: true,
      ignoreFocusOut: true,
    },
  );
  if (!picked) return undefined;
  if (picked.uri) return [picked.uri];
  return pickSeveral(items, current);
}

/** Checkboxes: Space checks the highlighted image, Enter accepts the checked ones. */
function pickSeveral(
  items: ImageItem[],
  current: string | undefined,
): Promise<vscode.Uri[] | undefined> {
  const pick = vscode.window.createQuickPick<ImageItem>();
  pick.title = 'Retouch: Select Images to Combine';
  pick.placeholder = 'Space checks the highlighted image; Enter edits the checked ones';
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  pick.items = items;
  pick.selectedItems = items.filter((item) => item.uri?.toString() === current);
  return new Promise((resolve) => {
    let result: vscode.Uri[] | undefined;
    pick.onDidAccept(() => {
      // Enter with nothing checked takes the highlighted image, as a single pick would.
      const chosen = pick.selectedItems.length > 0 ? pick.selectedItems : pick.activeItems;
      const uris = chosen.flatMap((item) => (item.uri ? [item.uri] : []));
      if (uris.length === 0) return;
      result = uris;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}
