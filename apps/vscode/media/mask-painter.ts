export {};

// The mask painter page. Strokes are kept as data, so undo/redo replays them instead of storing
// a bitmap per step (a 4096x4096 snapshot would be 64 MB). The canvas has the image's own pixel
// size; CSS scales it to fit, and pointer positions are mapped back to image pixels.

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

interface Point {
  x: number;
  y: number;
}
type Stroke = { kind: 'paint' | 'erase'; size: number; points: Point[] } | { kind: 'clear' };

const vscode = acquireVsCodeApi();
const canvas = document.getElementById('canvas') as HTMLCanvasElement;
const context = canvas.getContext('2d', { willReadFrequently: true })!;
const buttons = {
  brush: document.getElementById('brush') as HTMLButtonElement,
  eraser: document.getElementById('eraser') as HTMLButtonElement,
  undo: document.getElementById('undo') as HTMLButtonElement,
  redo: document.getElementById('redo') as HTMLButtonElement,
  clear: document.getElementById('clear') as HTMLButtonElement,
  save: document.getElementById('save') as HTMLButtonElement,
  cancel: document.getElementById('cancel') as HTMLButtonElement,
};
const sizeInput = document.getElementById('size') as HTMLInputElement;
const sizeValue = document.getElementById('size-value') as HTMLSpanElement;
const status = document.getElementById('status') as HTMLParagraphElement;
const image = document.getElementById('image') as HTMLImageElement;
const stage = document.getElementById('stage') as HTMLDivElement;

/** Scales the image (and the canvas over it) to fill the panel, up or down, keeping its aspect. */
function fitToPanel(): void {
  const availableWidth = document.documentElement.clientWidth - 16;
  const availableHeight = window.innerHeight - stage.getBoundingClientRect().top - 8;
  const scale = Math.max(
    0.05,
    Math.min(availableWidth / canvas.width, availableHeight / canvas.height),
  );
  image.style.width = `${Math.floor(canvas.width * scale)}px`;
  image.style.height = `${Math.floor(canvas.height * scale)}px`;
}

const strokes: Stroke[] = [];
const undone: Stroke[] = [];
let mode: 'paint' | 'erase' = 'paint';
let current: Extract<Stroke, { points: Point[] }> | undefined;

/** Brush size is chosen in screen pixels; strokes are stored in image pixels. */
function imagePixelsPerScreenPixel(): number {
  const rect = canvas.getBoundingClientRect();
  return rect.width > 0 ? canvas.width / rect.width : 1;
}

function toImagePoint(event: PointerEvent): Point {
  const rect = canvas.getBoundingClientRect();
  return {
    x: ((event.clientX - rect.left) / rect.width) * canvas.width,
    y: ((event.clientY - rect.top) / rect.height) * canvas.height,
  };
}

function drawStroke(stroke: Stroke): void {
  if (stroke.kind === 'clear') {
    context.clearRect(0, 0, canvas.width, canvas.height);
    return;
  }
  context.globalCompositeOperation = stroke.kind === 'paint' ? 'source-over' : 'destination-out';
  context.strokeStyle = 'rgb(255, 0, 96)';
  context.fillStyle = 'rgb(255, 0, 96)';
  context.lineWidth = stroke.size;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  const [first, ...rest] = stroke.points;
  if (!first) return;
  context.beginPath();
  if (rest.length === 0) {
    context.arc(first.x, first.y, stroke.size / 2, 0, Math.PI * 2);
    context.fill();
  } else {
    context.moveTo(first.x, first.y);
    for (const point of rest) context.lineTo(point.x, point.y);
    context.stroke();
  }
  context.globalCompositeOperation = 'source-over';
}

function redraw(): void {
  context.clearRect(0, 0, canvas.width, canvas.height);
  for (const stroke of strokes) drawStroke(stroke);
  refreshButtons();
}

function hasPaint(): boolean {
  const alpha = context.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < alpha.length; i += 4) if (alpha[i]! >= 128) return true;
  return false;
}

function refreshButtons(): void {
  buttons.undo.disabled = strokes.length === 0;
  buttons.redo.disabled = undone.length === 0;
  buttons.save.disabled = strokes.length === 0;
  buttons.brush.setAttribute('aria-pressed', String(mode === 'paint'));
  buttons.eraser.setAttribute('aria-pressed', String(mode === 'erase'));
}

function setMode(next: 'paint' | 'erase'): void {
  mode = next;
  refreshButtons();
}

function commit(stroke: Stroke): void {
  strokes.push(stroke);
  undone.length = 0;
  refreshButtons();
}

function undo(): void {
  const stroke = strokes.pop();
  if (stroke) undone.push(stroke);
  redraw();
}

function redo(): void {
  const stroke = undone.pop();
  if (stroke) strokes.push(stroke);
  redraw();
}

/** One byte per pixel, 255 where painted, as base64 for the extension to encode as a PNG. */
function coverageBase64(): string {
  const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const coverage = new Uint8Array(canvas.width * canvas.height);
  for (let i = 0; i < coverage.length; i++) coverage[i] = rgba[i * 4 + 3]! >= 128 ? 255 : 0;
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < coverage.length; i += chunk) {
    binary += String.fromCharCode(...coverage.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function save(): void {
  if (!hasPaint()) {
    status.textContent = 'Paint the area to change before saving.';
    return;
  }
  buttons.save.disabled = true;
  status.textContent = 'Saving the mask…';
  vscode.postMessage({
    type: 'save',
    width: canvas.width,
    height: canvas.height,
    coverage: coverageBase64(),
  });
}

canvas.addEventListener('pointerdown', (event) => {
  canvas.setPointerCapture(event.pointerId);
  const size = Number(sizeInput.value) * imagePixelsPerScreenPixel();
  current = { kind: mode, size, points: [toImagePoint(event)] };
  drawStroke(current);
});
canvas.addEventListener('pointermove', (event) => {
  if (!current) return;
  current.points.push(toImagePoint(event));
  redraw();
  drawStroke(current);
});
const finishStroke = () => {
  if (!current) return;
  commit(current);
  current = undefined;
  redraw();
};
canvas.addEventListener('pointerup', finishStroke);
canvas.addEventListener('pointercancel', finishStroke);

buttons.brush.addEventListener('click', () => setMode('paint'));
buttons.eraser.addEventListener('click', () => setMode('erase'));
buttons.undo.addEventListener('click', undo);
buttons.redo.addEventListener('click', redo);
buttons.clear.addEventListener('click', () => {
  commit({ kind: 'clear' });
  redraw();
});
buttons.save.addEventListener('click', save);
buttons.cancel.addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
sizeInput.addEventListener('input', () => {
  sizeValue.textContent = sizeInput.value;
});
window.addEventListener('keydown', (event) => {
  const ctrl = event.ctrlKey || event.metaKey;
  if (ctrl && event.key.toLowerCase() === 'z') {
    event.preventDefault();
    if (event.shiftKey) redo();
    else undo();
  } else if (ctrl && event.key.toLowerCase() === 'y') {
    event.preventDefault();
    redo();
  } else if (!ctrl && event.key.toLowerCase() === 'b') setMode('paint');
  else if (!ctrl && event.key.toLowerCase() === 'e') setMode('erase');
});
window.addEventListener('message', (event: MessageEvent<{ type: string; message?: string }>) => {
  if (event.data.type === 'error') {
    status.textContent = event.data.message ?? 'The mask could not be saved.';
    refreshButtons();
  }
});
refreshButtons();
window.addEventListener('resize', fitToPanel);
fitToPanel();
