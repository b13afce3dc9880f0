import type { PainterMode } from './painter-messages.js';

/** Everything the page needs; URIs already converted with `webview.asWebviewUri`. */
export interface MaskPainterPage {
  mode: PainterMode;
  /** Whether the mask tools are offered in markup mode (the model takes a mask). */
  maskTools: boolean;
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

function toolButton(tool: string, label: string, key: string, hint: string, icon: string): string {
  return `<button type="button" class="tool" data-tool="${tool}" aria-pressed="false" title="${hint} (${key})" aria-keyshortcuts="${key}"><svg viewBox="0 0 16 16" aria-hidden="true">${icon}</svg><span>${label}</span></button>`;
}

const icons = {
  brush:
    '<path d="M10.5 2.5l3 3-6.5 6.5-3-3z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/><path d="M4 9.5l2.5 2.5c-.5 1.8-2 2.5-4 2 0-2 .6-3.8 1.5-4.5z" fill="currentColor"/>',
  eraser:
    '<path d="M6 13.5h7.5M2.8 10.2l6.4-6.4a1.2 1.2 0 0 1 1.7 0l2.3 2.3a1.2 1.2 0 0 1 0 1.7L8 13.5H6z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/>',
  pen: '<path d="M2.5 12c2-4 4-5 5.5-3s3.5 1 5.5-3.5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>',
  arrow:
    '<path d="M3 13L12 4" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/><path d="M13.5 2.5l-1 5-4-4z" fill="currentColor"/>',
  rectangle:
    '<rect x="2.5" y="3.5" width="11" height="9" rx="0.5" fill="none" stroke="currentColor" stroke-width="1.6"/>',
  ellipse:
    '<ellipse cx="8" cy="8" rx="5.8" ry="4.5" fill="none" stroke="currentColor" stroke-width="1.6"/>',
  text: '<path d="M3 3.5h10M8 3.5v10" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>',
};

function maskGroup(): string {
  return `<div class="group" role="group" aria-label="Mask: where the image may change">
    <span class="group-label">Mask</span>
    ${toolButton('brush', 'Brush', 'B', 'Brush: mark the area to change', icons.brush)}
    ${toolButton('eraser', 'Eraser', 'E', 'Eraser', icons.eraser)}
  </div>`;
}

function markupGroup(): string {
  return `<div class="group" role="group" aria-label="Markup: what to change">
    <span class="group-label">Markup</span>
    ${toolButton('pen', 'Pen', 'P', 'Pen: draw freely', icons.pen)}
    ${toolButton('arrow', 'Arrow', 'A', 'Arrow: point at something; Shift keeps 45° steps', icons.arrow)}
    ${toolButton('rectangle', 'Rectangle', 'R', 'Rectangle: box what to change; Shift for a square', icons.rectangle)}
    ${toolButton('ellipse', 'Ellipse', 'O', 'Ellipse: circle what to change; Shift for a circle', icons.ellipse)}
    ${toolButton('text', 'Text', 'T', 'Text: click to place a label, Enter to finish', icons.text)}
    <span id="swatches" class="swatches" role="radiogroup" aria-label="Mark colour"></span>
  </div>`;
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
  const markup = page.mode === 'markup';
  const title = markup ? `Markup: ${name}` : `Mask: ${name}`;
  const groups = markup ? `${markupGroup()}${page.maskTools ? maskGroup() : ''}` : maskGroup();
  const hint = markup
    ? `Draw on ${name} (${page.width}x${page.height}) to show what to change: box or circle it, point with an arrow, add a label.${page.maskTools ? ' Paint a mask too to limit where it may change.' : ''}`
    : `Paint over the area to change in ${name} (${page.width}x${page.height}).`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${page.nonce}" href="${escapeHtml(page.styleUri)}">
<title>${title}</title>
</head>
<body data-mode="${page.mode}">
<div id="toolbar" role="toolbar" aria-label="${markup ? 'Markup tools' : 'Mask tools'}">
  ${groups}
  <div class="group">
    <label for="size">Size</label><input id="size" type="range" min="2" max="200" value="40"><span id="size-value">40</span>
  </div>
  <div class="group">
    <button id="undo" type="button" title="Undo (Ctrl+Z)" disabled>Undo</button>
    <button id="redo" type="button" title="Redo (Ctrl+Shift+Z)" disabled>Redo</button>
    <button id="clear" type="button" title="Clear">Clear</button>
  </div>
  <span class="spacer"></span>
  <button id="cancel" type="button">Cancel</button>
  <button id="save" type="button" class="primary" title="Ctrl+Enter" disabled>${markup ? 'Continue' : 'Save Mask'}</button>
</div>
<p id="status" role="status">${hint}</p>
<div id="stage">
  <img id="image" src="${escapeHtml(page.imageUri)}" alt="${name}" width="${page.width}" height="${page.height}">
  <canvas id="canvas" class="layer" width="${page.width}" height="${page.height}" aria-hidden="true"></canvas>
  <canvas id="marks" class="layer" width="${page.width}" height="${page.height}" aria-hidden="true"></canvas>
  <canvas id="preview" class="layer" width="${page.width}" height="${page.height}" aria-label="${markup ? 'Markup canvas' : 'Mask canvas'}"></canvas>
  <input id="text-entry" type="text" aria-label="Label text" spellcheck="false" hidden>
</div>
<script nonce="${page.nonce}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>`;
}
