/** Everything the page needs; URIs already converted with `webview.asWebviewUri`. */
export interface StudioPage {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  imageName: string;
  /**
   * The image, drawn as soon as the page's script runs, before the view comes: its URI, its
   * preview's (fetched with the page), and its size.
   */
  image?: { uri: string; preview?: string; width: number; height: number };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Keys the help overlay lists; the page implements them (media/studio/shortcuts.ts). */
export const studioShortcuts: readonly [string, string][] = [
  ['Enter', 'Send the prompt with the options shown (Shift+Enter: new line)'],
  ['/', 'Go to the prompt'],
  ['[ and ]', 'Previous and next candidate'],
  ['C', 'Compare with the slider (← and → move it)'],
  ['V', 'Toggle before and after'],
  ['1', 'Zoom to 1:1 pixels'],
  ['0', 'Fit to the window'],
  ['+ and −', 'Zoom in and out (or the mouse wheel; drag to pan)'],
  ['K', 'Keep the selected candidate beside the original'],
  ['F', 'Refine: edit the selected candidate next'],
  ['Delete', 'Discard the selected candidate (Shift+Delete: all the others)'],
  ['B, E', 'Mask brush and eraser: paint where the image may change'],
  ['R, O, A, P', 'Markup: rectangle, ellipse, arrow, pen'],
  ['Ctrl+Z, Ctrl+Shift+Z', 'Undo and redo marks'],
  ['Escape', 'Put the tool down (marks are kept until sent or cleared); close this help'],
  ['?', 'Show or hide this help'],
];

const tool = (name: string, label: string, key: string) =>
  `<button type="button" class="tool" data-tool="${name}" aria-pressed="false" title="${label} (${key})">${label}</button>`;

/**
 * The Studio page. The CSP allows only our nonce'd script and stylesheet, images from the webview
 * resource roots (the image, the store) and blob: (partial images, exported marks); no network,
 * no inline code.
 */
export function studioHtml(page: StudioPage): string {
  const csp = [
    "default-src 'none'",
    `img-src ${page.cspSource} blob: data:`,
    `script-src 'nonce-${page.nonce}'`,
    `style-src ${page.cspSource} 'nonce-${page.nonce}'`,
  ].join('; ');
  const name = escapeHtml(page.imageName);
  const { image } = page;
  const help = studioShortcuts
    .map(([key, what]) => `<dt><kbd>${escapeHtml(key)}</kbd></dt><dd>${escapeHtml(what)}</dd>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${page.nonce}" href="${escapeHtml(page.styleUri)}">${image ? `\n<link rel="preload" as="image" href="${escapeHtml(image.preview ?? image.uri)}">` : ''}
<title>Retouch Studio: ${name}</title>
</head>
<body${image ? ` data-image="${escapeHtml(JSON.stringify(image))}"` : ''}>
<main id="layout">
  <section id="viewer" tabindex="0" aria-label="Before and after: ${name}">
    <div id="stage">
      <img id="before" alt="Before" draggable="false">
      <img id="after" alt="After" draggable="false" hidden>
      <canvas id="mask-layer" class="layer" aria-hidden="true"></canvas>
      <canvas id="marks-layer" class="layer" aria-hidden="true"></canvas>
      <canvas id="draw-layer" class="layer" aria-label="Painting canvas"></canvas>
    </div>
    <div id="divider" hidden aria-hidden="true"></div>
    <div id="labels"><span id="label-before">Before</span><span id="label-after" hidden>After</span></div>
    <div id="viewer-bar" role="toolbar" aria-label="View">
      <button type="button" id="mode-compare" title="Compare with the slider (C)" aria-pressed="false">Slider</button>
      <button type="button" id="mode-toggle" title="Toggle before and after (V)">Before / After</button>
      <span class="sep"></span>
      <button type="button" id="zoom-fit" title="Fit (0)">Fit</button>
      <button type="button" id="zoom-1" title="1:1 pixels (1)">1:1</button>
      <button type="button" id="zoom-out" title="Zoom out (−)" aria-label="Zoom out">−</button>
      <button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
      <span id="zoom-value" aria-live="polite">Fit</span>
    </div>
  </section>
  <aside id="side">
    <section id="compose" aria-label="New edit">
      <div id="model-line"></div>
      <div id="source-line" hidden><span id="source-label"></span> <button type="button" id="source-clear" title="Edit the image itself again">Use the original</button></div>
      <label for="prompt" class="visually-hidden">Describe the edit</label>
      <textarea id="prompt" rows="3" placeholder="Describe the edit, or type a preset's name" aria-describedby="estimate" aria-autocomplete="list" aria-controls="suggestions"></textarea>
      <ul id="suggestions" role="listbox" aria-label="Presets and recent prompts" hidden></ul>
      <div id="options" role="group" aria-label="Options"></div>
      <div id="tools" role="toolbar" aria-label="Mask and markup">
        <span class="group-label">Mask</span>${tool('brush', 'Brush', 'B')}${tool('eraser', 'Eraser', 'E')}
        <span class="group-label">Markup</span>${tool('rectangle', 'Box', 'R')}${tool('ellipse', 'Circle', 'O')}${tool('arrow', 'Arrow', 'A')}${tool('pen', 'Pen', 'P')}
        <label for="size" class="visually-hidden">Brush size</label><input id="size" type="range" min="2" max="200" value="40" title="Size">
        <button type="button" id="marks-undo" title="Undo (Ctrl+Z)" disabled>Undo</button>
        <button type="button" id="marks-clear" title="Clear all marks" disabled>Clear</button>
      </div>
      <p id="marks-status" class="hint"></p>
      <div id="send-row">
        <button type="button" id="send" class="primary" title="Enter">Send</button>
        <button type="button" id="cancel" hidden>Cancel</button>
        <span id="estimate" aria-live="polite"></span>
      </div>
      <p id="progress" role="status" aria-live="polite"></p>
      <img id="partial" alt="Partial image" hidden>
    </section>
    <section id="candidates" aria-label="Candidates">
      <h2>Candidates <span id="count"></span></h2>
      <div id="grid" role="listbox" tabindex="0" aria-label="Candidates; [ and ] to move"></div>
      <p id="empty" class="hint">No candidates yet: describe an edit above and press Enter.</p>
    </section>
    <section id="details" aria-label="Selected candidate" hidden>
      <p id="detail-prompt"></p>
      <p id="detail-summary" class="hint"></p>
      <p id="detail-chain" class="hint" aria-label="Chain of edits"></p>
      <p id="detail-size" class="hint" aria-label="Sizes"></p>
      <div id="actions" role="group" aria-label="What to do with this candidate">
        <button type="button" id="keep" class="primary" title="K">Keep</button>
        <button type="button" id="replace">Replace Original</button>
        <button type="button" id="refine" title="F">Refine</button>
        <button type="button" id="rerun">Re-run with Changes</button>
        <button type="button" id="discard" title="Delete">Discard</button>
        <button type="button" id="discard-others" title="Shift+Delete">Discard Others</button>
        <button type="button" id="undo-replace">Undo Replace</button>
      </div>
    </section>
    <p id="notice" role="status" aria-live="polite"></p>
    <button type="button" id="help-button" title="Keyboard shortcuts (?)">Shortcuts ?</button>
  </aside>
</main>
<div id="help" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" hidden tabindex="-1">
  <h2>Keyboard shortcuts</h2><dl>${help}</dl>
  <button type="button" id="help-close">Close</button>
</div>
<script nonce="${page.nonce}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>`;
}
