import type {
  PainterError,
  PainterMessage,
  PainterMode,
} from '../src/mask-painter/painter-messages.js';
import {
  flattenedMarkupBase64,
  markupLayerBase64,
  maskCoverageBase64,
  maskHasPaint,
} from './painter/export-layers.js';
import {
  constrain,
  imagePixelsPerScreenPixel,
  type Point,
  toImagePoint,
} from './painter/geometry.js';
import { History, type Layer } from './painter/history.js';
import { drawMark, drawPenSegment, type Mark, markColors } from './painter/marks.js';
import { drawMaskSegment, drawMaskStroke, type MaskStroke } from './painter/mask-strokes.js';
import { listenForShortcuts, type Tool } from './painter/shortcuts.js';
import { addSwatches } from './painter/swatches.js';
import { TextEntry } from './painter/text-entry.js';

// The painter page: a mask layer (where to change) and a marks layer (what to change) over the
// image, at the image's own pixel size; CSS scales them to fit. Everything drawn is kept as data,
// so undo/redo replays it instead of storing a bitmap per step (a 4096x4096 snapshot is 64 MB),
// and a stroke in progress only draws its newest stretch.

declare function acquireVsCodeApi(): { postMessage(message: PainterMessage): void };

const vscode = acquireVsCodeApi();
const mode = document.body.dataset.mode as PainterMode;
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const image = byId<HTMLImageElement>('image');
const stage = byId<HTMLDivElement>('stage');
const maskCanvas = byId<HTMLCanvasElement>('canvas');
const marksCanvas = byId<HTMLCanvasElement>('marks');
const previewCanvas = byId<HTMLCanvasElement>('preview');
const maskContext = maskCanvas.getContext('2d', { willReadFrequently: true })!;
const marksContext = marksCanvas.getContext('2d')!;
const previewContext = previewCanvas.getContext('2d')!;
const sizeInput = byId<HTMLInputElement>('size');
const sizeValue = byId<HTMLSpanElement>('size-value');
const status = byId<HTMLParagraphElement>('status');
const buttons = {
  undo: byId<HTMLButtonElement>('undo'),
  redo: byId<HTMLButtonElement>('redo'),
  clear: byId<HTMLButtonElement>('clear'),
  save: byId<HTMLButtonElement>('save'),
  cancel: byId<HTMLButtonElement>('cancel'),
};
const toolButtons = [...document.querySelectorAll<HTMLButtonElement>('button[data-tool]')];
const textEntry = new TextEntry(byId<HTMLInputElement>('text-entry'));

const history = new History();
const hasTool = (tool: Tool) => toolButtons.some((button) => button.dataset.tool === tool);
let tool: Tool = mode === 'markup' ? 'rectangle' : 'brush';
let color: string = markColors[0].value;
/** Slider values in screen pixels: brush size for the mask, line width for marks. */
const sizes = { mask: 40, marks: 4 };
let drawing:
  | { layer: 'mask'; stroke: Extract<MaskStroke, { points: Point[] }> }
  | { layer: 'marks'; mark: Exclude<Mark, { tool: 'text' | 'clear-marks' }> }
  | undefined;

const layerOf = (current: Tool): Layer =>
  current === 'brush' || current === 'eraser' ? 'mask' : 'marks';

/** Scales the image (and the layers over it) to fill the panel, up or down, keeping its aspect. */
function fitToPanel(): void {
  const availableWidth = document.documentElement.clientWidth - 16;
  const availableHeight = window.innerHeight - stage.getBoundingClientRect().top - 8;
  const scale = Math.max(
    0.05,
    Math.min(availableWidth / maskCanvas.width, availableHeight / maskCanvas.height),
  );
  image.style.width = `${Math.floor(maskCanvas.width * scale)}px`;
  image.style.height = `${Math.floor(maskCanvas.height * scale)}px`;
}

function redraw(layer: Layer): void {
  if (layer === 'mask') {
    maskContext.clearRect(0, 0, maskCanvas.width, maskCanvas.height);
    for (const stroke of history.maskStrokes()) drawMaskStroke(maskContext, stroke);
  } else {
    marksContext.clearRect(0, 0, marksCanvas.width, marksCanvas.height);
    for (const mark of history.marks()) drawMark(marksContext, mark);
  }
}

function refresh(): void {
  buttons.undo.disabled = !history.canUndo;
  buttons.redo.disabled = !history.canRedo;
  buttons.save.disabled =
    mode === 'markup' ? history.visibleMarkCount() === 0 : !history.hasMaskStrokes();
  for (const button of toolButtons) {
    button.setAttribute('aria-pressed', String(button.dataset.tool === tool));
  }
  for (const swatch of document.querySelectorAll<HTMLButtonElement>('[data-color]')) {
    swatch.setAttribute('aria-checked', String(swatch.dataset.color === color));
  }
  const layer = layerOf(tool);
  buttons.clear.title = layer === 'mask' ? 'Clear the mask' : 'Clear the marks';
  sizeInput.min = layer === 'mask' ? '2' : '1';
  sizeInput.max = layer === 'mask' ? '200' : '24';
  sizeInput.value = String(sizes[layer]);
  sizeValue.textContent = sizeInput.value;
  previewCanvas.dataset.activeTool = tool;
}

function setTool(next: Tool): void {
  if (!hasTool(next)) return;
  textEntry.finish(true);
  tool = next;
  refresh();
}

function setColor(next: string): void {
  color = next;
  refresh();
}

function commit(entry: Parameters<History['add']>[0]): void {
  history.add(entry);
  refresh();
}

function undoOrRedo(which: 'undo' | 'redo'): void {
  textEntry.finish(true);
  const entry = which === 'undo' ? history.undo() : history.redo();
  if (entry) redraw(entry.layer);
  refresh();
}

function clearLayer(): void {
  textEntry.finish(true);
  if (layerOf(tool) === 'mask') {
    commit({ layer: 'mask', stroke: { kind: 'clear' } });
    redraw('mask');
  } else {
    commit({ layer: 'marks', mark: { tool: 'clear-marks' } });
    redraw('marks');
  }
}

function markWidth(): number {
  return sizes.marks * imagePixelsPerScreenPixel(previewCanvas);
}

function startDrawing(event: PointerEvent): void {
  // Labels are placed on click: focusing their field during pointerdown would lose the focus again.
  if (tool === 'text') return;
  const at = toImagePoint(event, previewCanvas);
  previewCanvas.setPointerCapture(event.pointerId);
  if (tool === 'brush' || tool === 'eraser') {
    const size = sizes.mask * imagePixelsPerScreenPixel(previewCanvas);
    const kind = tool === 'brush' ? 'paint' : 'erase';
    drawing = { layer: 'mask', stroke: { kind, size, points: [at] } };
    drawMaskStroke(maskContext, drawing.stroke);
  } else if (tool === 'pen') {
    drawing = { layer: 'marks', mark: { tool, color, width: markWidth(), points: [at] } };
    drawMark(marksContext, drawing.mark);
  } else {
    drawing = { layer: 'marks', mark: { tool, color, width: markWidth(), from: at, to: at } };
  }
}

function continueDrawing(event: PointerEvent): void {
  if (!drawing) return;
  const at = toImagePoint(event, previewCanvas);
  if (drawing.layer === 'mask') {
    drawing.stroke.points.push(at);
    drawMaskSegment(maskContext, drawing.stroke);
    return;
  }
  const mark = drawing.mark;
  if (mark.tool === 'pen') {
    mark.points.push(at);
    drawPenSegment(marksContext, mark);
    return;
  }
  mark.to = event.shiftKey
    ? constrain(mark.from, at, mark.tool === 'arrow' ? 'direction' : 'box')
    : at;
  previewContext.clearRect(0, 0, previewCanvas.width, previewCanvas.height);
  drawMark(previewContext, mark);
}

function finishDrawing(): void {
  const finished = drawing;
  drawing = undefined;
  if (!finished) return;
  if (finished.layer === 'mask') {
    commit({ layer: 'mask', stroke: finished.stroke });
    return;
  }
  previewContext.clearRect(0, 0, previewCanvas.width, previewCanvas.height);
  const mark = finished.mark;
  // A click without a drag draws no shape.
  if (mark.tool !== 'pen' && Math.hypot(mark.to.x - mark.from.x, mark.to.y - mark.from.y) < 2)
    return;
  if (mark.tool !== 'pen') drawMark(marksContext, mark);
  commit({ layer: 'marks', mark });
}

function placeLabel(event: MouseEvent): void {
  if (tool !== 'text') return;
  const at = toImagePoint(event, previewCanvas);
  const stageRect = stage.getBoundingClientRect();
  const screenSize = 10 + sizes.marks * 4;
  const labelColor = color;
  textEntry.show(
    {
      screen: { x: event.clientX - stageRect.left, y: event.clientY - stageRect.top },
      at,
      color: labelColor,
      screenSize,
      imageSize: screenSize * imagePixelsPerScreenPixel(previewCanvas),
    },
    (text) => {
      if (!text) return;
      const mark: Mark = {
        tool: 'text',
        color: labelColor,
        size: screenSize * imagePixelsPerScreenPixel(previewCanvas),
        at,
        text,
      };
      drawMark(marksContext, mark);
      commit({ layer: 'marks', mark });
    },
  );
}

async function save(): Promise<void> {
  textEntry.finish(true);
  const painted = maskHasPaint(maskContext);
  if (mode === 'mask' && !painted) {
    status.textContent = 'Paint the area to change before saving.';
    return;
  }
  if (mode === 'markup' && history.visibleMarkCount() === 0) {
    status.textContent = 'Draw on the image to show what to change before continuing.';
    return;
  }
  buttons.save.disabled = true;
  status.textContent = mode === 'mask' ? 'Saving the mask…' : 'Saving the markup…';
  try {
    vscode.postMessage({
      type: 'save',
      width: maskCanvas.width,
      height: maskCanvas.height,
      ...(painted ? { coverage: maskCoverageBase64(maskContext) } : {}),
      ...(mode === 'markup'
        ? {
            markup: await flattenedMarkupBase64(image, marksCanvas),
            markupLayer: await markupLayerBase64(marksCanvas),
          }
        : {}),
    });
  } catch (error) {
    status.textContent = `Not saved: ${error instanceof Error ? error.message : String(error)}.`;
    refresh();
  }
}

previewCanvas.addEventListener('pointerdown', startDrawing);
previewCanvas.addEventListener('pointermove', continueDrawing);
previewCanvas.addEventListener('pointerup', finishDrawing);
previewCanvas.addEventListener('pointercancel', finishDrawing);
previewCanvas.addEventListener('click', placeLabel);

for (const button of toolButtons) {
  button.addEventListener('click', () => setTool(button.dataset.tool as Tool));
}
addSwatches(document.getElementById('swatches'), setColor);
buttons.undo.addEventListener('click', () => undoOrRedo('undo'));
buttons.redo.addEventListener('click', () => undoOrRedo('redo'));
buttons.clear.addEventListener('click', clearLayer);
buttons.save.addEventListener('click', () => void save());
buttons.cancel.addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
sizeInput.addEventListener('input', () => {
  sizes[layerOf(tool)] = Number(sizeInput.value);
  sizeValue.textContent = sizeInput.value;
});

listenForShortcuts({
  typing: () => textEntry.open,
  undo: () => undoOrRedo('undo'),
  redo: () => undoOrRedo('redo'),
  save: () => {
    if (!buttons.save.disabled) void save();
  },
  tool: setTool,
  color: (index) => {
    const picked = markColors[index];
    if (picked && mode === 'markup') setColor(picked.value);
  },
  resize: (direction) => {
    const layer = layerOf(tool);
    const next = sizes[layer] + direction * (layer === 'mask' ? 5 : 1);
    sizes[layer] = Math.min(Number(sizeInput.max), Math.max(Number(sizeInput.min), next));
    refresh();
  },
});

window.addEventListener('message', (event: MessageEvent<PainterError>) => {
  if (event.data.type === 'error') {
    status.textContent = event.data.message;
    refresh();
  }
});
refresh();
window.addEventListener('resize', fitToPanel);
fitToPanel();
