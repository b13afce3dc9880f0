/** Everything the page needs; URIs already converted with `webview.asWebviewUri`. */
export interface MaskPainterPage {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  imageUri: string;
  imageName: string;
  width: number;
  height: number;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The painter page. The CSP allows only our nonce'd script and stylesheet, images from the
 * webview resource roots (the image) and data:/blob: (the canvas); no network, no inline code.
 */
export function maskPainterHtml(page: MaskPainterPage): string {
  const csp = [
    "default-src 'none'",
    `img-src ${page.cspSource} data: blob:`,
    `script-src 'nonce-${page.nonce}'`,
    `style-src ${page.cspSource} 'nonce-${page.nonce}'`,
  ].join('; ');
  const name = escapeHtml(page.imageName);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${page.nonce}" href="${escapeHtml(page.styleUri)}">
<title>Mask: ${name}</title>
</head>
<body>
<div id="toolbar" role="toolbar" aria-label="Mask tools">
  <button id="brush" type="button" aria-pressed="true" title="Brush (B): mark the area to change">Brush</button>
  <button id="eraser" type="button" aria-pressed="false" title="Eraser (E)">Eraser</button>
  <label for="size">Size <input id="size" type="range" min="2" max="200" value="40"></label>
  <span id="size-value">40</span>
  <button id="undo" type="button" title="Undo (Ctrl+Z)" disabled>Undo</button>
  <button id="redo" type="button" title="Redo (Ctrl+Shift+Z)" disabled>Redo</button>
  <button id="clear" type="button" title="Clear the mask">Clear</button>
  <span class="spacer"></span>
  <button id="cancel" type="button">Cancel</button>
  <button id="save" type="button" class="primary" disabled>Save Mask</button>
</div>
<p id="status" role="status">Paint over the area to change in ${name} (${page.width}x${page.height}).</p>
<div id="stage">
  <img id="image" src="${escapeHtml(page.imageUri)}" alt="${name}" width="${page.width}" height="${page.height}">
  <canvas id="canvas" width="${page.width}" height="${page.height}" aria-label="Mask canvas"></canvas>
</div>
<script nonce="${page.nonce}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>`;
}
