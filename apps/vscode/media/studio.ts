import type { StudioEvent, StudioView } from '../src/studio/studio-messages.js';
import type { Entry } from './painter/history.js';
import { CandidateGrid, type Selected } from './studio/candidates.js';
import { listenForStudioKeys } from './studio/keyboard.js';
import { OptionsRow } from './studio/options-row.js';
import { byId, type PageState, post, typingIn, vscode } from './studio/page-api.js';
import { Painting, type StudioTool } from './studio/painting.js';
import { PromptBox } from './studio/prompt-box.js';
import { previewLongSide, Viewer } from './studio/viewer.js';

// The Studio page: a before/after viewer, the prompt box with the model's options and the
// painting tools, the candidates grid and what to do with the selected one. The extension sends
// the whole view (from the store) whenever something changes; the page keeps only what the
// person is doing (selection, zoom, marks until they are saved).

const state: PageState = vscode.getState() ?? {};
const saveState = () => vscode.setState(state);
let view: StudioView | undefined;
let running = false;
let estimateSeq = 0;
let partialUrl: string | undefined;
let marksKey: string | undefined;

const el = {
  model: byId<HTMLDivElement>('model-line'),
  sourceLine: byId<HTMLDivElement>('source-line'),
  sourceLabel: byId<HTMLSpanElement>('source-label'),
  estimate: byId<HTMLSpanElement>('estimate'),
  send: byId<HTMLButtonElement>('send'),
  cancel: byId<HTMLButtonElement>('cancel'),
  progress: byId<HTMLParagraphElement>('progress'),
  partial: byId<HTMLImageElement>('partial'),
  details: byId<HTMLElement>('details'),
  detailPrompt: byId<HTMLParagraphElement>('detail-prompt'),
  detailSummary: byId<HTMLParagraphElement>('detail-summary'),
  detailChain: byId<HTMLParagraphElement>('detail-chain'),
  detailSize: byId<HTMLParagraphElement>('detail-size'),
  notice: byId<HTMLParagraphElement>('notice'),
  help: byId<HTMLDivElement>('help'),
  marksStatus: byId<HTMLParagraphElement>('marks-status'),
  marksUndo: byId<HTMLButtonElement>('marks-undo'),
  marksClear: byId<HTMLButtonElement>('marks-clear'),
  size: byId<HTMLInputElement>('size'),
};
const toolButtons = [...document.querySelectorAll<HTMLButtonElement>('button[data-tool]')];

let marksTimer: ReturnType<typeof setTimeout> | undefined;
const painting = new Painting(() => {
  refreshMarks();
  clearTimeout(marksTimer);
  // Kept in the store as they change: closing the Studio loses nothing.
  marksTimer = setTimeout(() => post({ type: 'marks', marks: painting.history.entries() }), 250);
});
const viewer = new Viewer(
  () => painting.tool === undefined,
  () => {
    state.mode = viewer.mode;
    state.split = viewer.split;
    saveState();
  },
);
viewer.mode = state.mode ?? 'compare';
viewer.split = state.split ?? 0.5;
const grid = new CandidateGrid(showSelected);
const prompt = new PromptBox((text) => void send(text), requestEstimate);
const options = new OptionsRow(requestEstimate);

function requestEstimate(): void {
  if (!view || view.model.problem) return;
  estimateSeq++;
  post({ type: 'estimate', options: options.chosen(), prompt: prompt.box.value, seq: estimateSeq });
}

async function send(text: string): Promise<void> {
  if (running || !view) return;
  if (view.model.problem) {
    el.progress.textContent = view.model.problem;
    return;
  }
  running = true;
  refreshRunning();
  el.progress.textContent = 'Preparing…';
  try {
    const mask = view.model.mask ? await painting.exportMask() : undefined;
    const markup = painting.hasMarks
      ? await painting.exportMarkup(await viewer.fullBefore())
      : undefined;
    post({
      type: 'send',
      prompt: text,
      options: options.chosen(),
      ...(mask ? { mask } : {}),
      ...(markup ? { markup } : {}),
    });
  } catch (error) {
    running = false;
    refreshRunning();
    el.progress.textContent = `Not sent: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function refreshRunning(): void {
  el.send.disabled = running;
  el.cancel.hidden = !running;
  document.body.dataset.running = String(running);
}

function refreshMarks(): void {
  el.marksUndo.disabled = !painting.history.canUndo;
  el.marksClear.disabled = !painting.hasMask && !painting.hasMarks;
  const parts = [
    painting.hasMask ? 'a mask (only the painted area may change)' : '',
    painting.hasMarks ? 'marks (sent as a marked-up copy)' : '',
  ].filter(Boolean);
  el.marksStatus.textContent =
    parts.length > 0 ? `Sent with ${parts.join(' and ')}. Kept until sent or cleared.` : '';
  document.body.dataset.marks = String(painting.hasMask || painting.hasMarks);
  for (const button of toolButtons) {
    button.setAttribute('aria-pressed', String(button.dataset.tool === painting.tool));
  }
}

function setTool(tool: StudioTool | undefined): void {
  if (tool && (tool === 'brush' || tool === 'eraser') && view && !view.model.mask) {
    el.notice.textContent = 'This model does not take a mask; use the markup tools instead.';
    return;
  }
  painting.setTool(tool);
  // Painting is on the before image: show it alone while a tool is in hand.
  if (tool) viewer.setMode('before');
  const layer = tool === 'brush' || tool === 'eraser' ? 'mask' : 'marks';
  el.size.min = layer === 'mask' ? '2' : '1';
  el.size.max = layer === 'mask' ? '200' : '24';
  el.size.value = String(painting.size[layer]);
  refreshMarks();
}

function showSelected(selected: Selected | undefined): void {
  state.selected = selected?.candidate.id;
  saveState();
  el.details.hidden = !selected;
  viewer.setAfter(selected?.candidate.uri, selected?.candidate.preview);
  if (!selected) return;
  const { candidate, edit } = selected;
  el.detailPrompt.textContent = edit.prompt;
  el.detailSummary.textContent = `${edit.summary}${candidate.keptAs.length > 0 ? ` · kept as ${candidate.keptAs.join(', ')}` : ''}`;
  el.detailChain.textContent = candidate.chain.join(' → ');
  // A model may answer at its own size; the viewer draws the result over the source's box, so
  // both are compared at the same scale whatever their pixel sizes.
  const source = view?.source ?? view?.image;
  el.detailSize.textContent = `Result ${candidate.width}×${candidate.height}${source ? ` · source ${source.width}×${source.height}` : ''}`;
  document.body.dataset.selected = candidate.id;
}

async function showView(next: StudioView): Promise<void> {
  const first = view === undefined;
  if (first) performance.mark('studio:view');
  view = next;
  el.model.textContent = next.model.problem ?? next.model.label;
  el.model.classList.toggle('problem', next.model.problem !== undefined);
  el.sourceLine.hidden = !next.source;
  el.sourceLabel.textContent = next.source ? `Editing ${next.source.label}` : '';
  options.render(next.options, next.prompt !== undefined);
  prompt.update(next);
  const before = next.source ?? next.image;
  painting.setImage(before.width, before.height);
  // Marks are read from the store when the Studio opens or starts from another image; after
  // that the page's own are newer than the store's.
  const key = next.source?.candidateId ?? next.image.name;
  if (key !== marksKey) painting.load((next.marks ?? []) as Entry[]);
  marksKey = key;
  refreshMarks();
  await viewer.setBefore(before.uri, before.width, before.height, before.preview);
  markDrawn();
  document.body.dataset.drawn = 'true';
  // A new edit (one this page has not seen, as after a reload while it ran) is what to look at.
  const newest = next.edits[0];
  const preferred =
    newest && state.newest !== undefined && newest.editId !== state.newest
      ? newest.candidates[0]?.id
      : state.selected;
  state.newest = newest?.editId;
  grid.update(next.edits, preferred);
  // The image first, then the rest: thumbnails, and the candidates decoded ahead of a switch.
  grid.showThumbnails();
  void preloadCandidates(next);
  if (next.running) {
    running = true;
    el.progress.textContent = next.running.text;
  }
  refreshRunning();
  requestEstimate();
  if (first) prompt.box.focus();
}

/** Decoded candidates (their previews, when they have one), kept so a switch is a swap. */
const preloaded = new Map<string, HTMLImageElement>();

async function preloadCandidates(current: StudioView): Promise<void> {
  const before = current.source ?? current.image;
  if (before.previewKey && viewer.before.getAttribute('src') === before.uri) {
    await sendPreview(viewer.before, before.previewKey);
  }
  const candidates = current.edits.flatMap((edit) => edit.candidates);
  const uris = candidates.map((c) => c.preview ?? c.uri);
  for (const uri of [...preloaded.keys()]) if (!uris.includes(uri)) preloaded.delete(uri);
  for (const candidate of candidates) {
    if (view !== current) return;
    const uri = candidate.preview ?? candidate.uri;
    if (preloaded.has(uri)) continue;
    const image = new Image();
    image.src = uri;
    await image.decode().catch(() => undefined);
    preloaded.set(uri, image);
    if (candidate.previewKey) await sendPreview(image, candidate.previewKey);
  }
  document.body.dataset.preloaded = 'true';
}

/** Candidates decoded at full size, once the view is zoomed past the previews: 1:1 switches. */
const preloadedFull = new Map<string, HTMLImageElement>();

async function preloadFullSize(): Promise<void> {
  const current = view;
  const uris = (current?.edits ?? []).flatMap((edit) =>
    edit.candidates.filter((c) => c.preview).map((c) => c.uri),
  );
  for (const uri of [...preloadedFull.keys()]) if (!uris.includes(uri)) preloadedFull.delete(uri);
  for (const uri of uris) {
    if (view !== current) return;
    if (preloadedFull.has(uri)) continue;
    const image = new Image();
    image.src = uri;
    await image.decode().catch(() => undefined);
    preloadedFull.set(uri, image);
  }
}
viewer.onFullSize = () => void preloadFullSize();

/**
 * Makes the screen-sized preview of a large image this page has decoded, for the extension to
 * keep: the next Studio draws it instead of decoding the whole file.
 */
async function sendPreview(image: HTMLImageElement, key: string): Promise<void> {
  const long = Math.max(image.naturalWidth, image.naturalHeight);
  if (long <= previewLongSide) return;
  const width = Math.max(1, Math.round((image.naturalWidth * previewLongSide) / long));
  const height = Math.max(1, Math.round((image.naturalHeight * previewLongSide) / long));
  try {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return;
    context.imageSmoothingQuality = 'high';
    context.drawImage(image, 0, 0, width, height);
    const blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.9 });
    if (blob.type !== 'image/webp') return;
    post({ type: 'preview', key, data: new Uint8Array(await blob.arrayBuffer()) });
  } catch {
    // Only a cache: the Studio works the same without it.
  }
}

function act(type: 'keep' | 'replace' | 'discard' | 'discard-others' | 'refine'): void {
  const id = grid.selectedId;
  if (!id) return;
  el.notice.textContent = '';
  post({ type, candidateId: id });
  if (type === 'refine') prompt.box.focus();
}

window.addEventListener('message', (event: MessageEvent<StudioEvent>) => {
  const message = event.data;
  switch (message.type) {
    case 'view':
      void showView(message);
      return;
    case 'estimate':
      if (message.seq === estimateSeq) el.estimate.textContent = message.text;
      return;
    case 'progress':
      el.progress.textContent = message.text;
      return;
    case 'partial': {
      if (partialUrl) URL.revokeObjectURL(partialUrl);
      const bytes = new Uint8Array(message.data);
      partialUrl = URL.createObjectURL(new Blob([bytes], { type: message.mediaType }));
      el.partial.src = partialUrl;
      el.partial.hidden = false;
      return;
    }
    case 'finished':
      running = false;
      refreshRunning();
      el.progress.textContent = message.text;
      el.partial.hidden = true;
      if (message.ok) painting.load([]);
      refreshMarks();
      return;
    case 'notice':
      el.notice.textContent = message.text;
  }
});

function toggleHelp(open = el.help.hidden): void {
  el.help.hidden = !open;
  if (open) el.help.focus();
  else viewer.viewer.focus();
}

listenForStudioKeys({
  keys: {
    '/': () => prompt.box.focus(),
    '[': () => grid.step(-1),
    ']': () => grid.step(1),
    c: () => viewer.setMode('compare'),
    v: () => viewer.toggle(),
    '1': () => viewer.zoomTo(1),
    '0': () => viewer.fit(),
    '+': () => viewer.zoomBy(1.25),
    '=': () => viewer.zoomBy(1.25),
    '-': () => viewer.zoomBy(0.8),
    k: () => act('keep'),
    f: () => act('refine'),
    b: () => setTool('brush'),
    e: () => setTool('eraser'),
    r: () => setTool('rectangle'),
    o: () => setTool('ellipse'),
    a: () => setTool('arrow'),
    p: () => setTool('pen'),
    '?': () => toggleHelp(),
  },
  escape: (target) => {
    if (!el.help.hidden) toggleHelp(false);
    else if (painting.tool) setTool(undefined);
    else if (typingIn(target)) viewer.viewer.focus();
  },
  undo: (redo) => (redo ? painting.redo() : painting.undo()),
  discard: (others) => act(others ? 'discard-others' : 'discard'),
  nudge: (direction) => {
    if (viewer.mode !== 'compare' || document.activeElement !== viewer.viewer) return false;
    viewer.nudge(direction * 0.05);
    return true;
  },
});

const click = (id: string, run: () => void) => byId(id).addEventListener('click', run);
click('send', () => {
  const text = prompt.resolved();
  if (text) void send(text);
  else prompt.box.focus();
});
click('cancel', () => {
  el.progress.textContent = 'Cancelling…';
  post({ type: 'cancel' });
});
click('keep', () => act('keep'));
click('replace', () => act('replace'));
click('refine', () => act('refine'));
click('discard', () => act('discard'));
click('discard-others', () => act('discard-others'));
click('rerun', () => {
  const selected = grid.selected();
  if (selected) post({ type: 'rerun', editId: selected.edit.editId });
  prompt.box.focus();
});
click('undo-replace', () => post({ type: 'undo-replace' }));
click('source-clear', () => post({ type: 'clear-source' }));
click('mode-compare', () => viewer.setMode('compare'));
click('mode-toggle', () => viewer.toggle());
click('zoom-fit', () => viewer.fit());
click('zoom-1', () => viewer.zoomTo(1));
click('zoom-in', () => viewer.zoomBy(1.25));
click('zoom-out', () => viewer.zoomBy(0.8));
click('marks-undo', () => painting.undo());
click('marks-clear', () => painting.clear());
click('help-button', () => toggleHelp(true));
click('help-close', () => toggleHelp(false));
for (const button of toolButtons) {
  button.addEventListener('click', () =>
    setTool(
      painting.tool === button.dataset.tool ? undefined : (button.dataset.tool as StudioTool),
    ),
  );
}
el.size.addEventListener('input', () => {
  const layer = painting.tool === 'brush' || painting.tool === 'eraser' ? 'mask' : 'marks';
  painting.size[layer] = Number(el.size.value);
});

refreshRunning();
performance.mark('studio:ready');
post({ type: 'ready' });
drawInitialImage();

/** The image as the page's HTML names it, drawn before the view comes (the view keeps it). */
function drawInitialImage(): void {
  let initial: { uri: string; preview?: string; width: number; height: number } | undefined;
  try {
    initial = JSON.parse(document.body.dataset.image ?? 'null') ?? undefined;
  } catch {
    return;
  }
  if (!initial || !(initial.width > 0) || !(initial.height > 0)) return;
  painting.setImage(initial.width, initial.height);
  void viewer
    .setBefore(initial.uri, initial.width, initial.height, initial.preview)
    .then(markDrawn);
}

function markDrawn(): void {
  if (performance.getEntriesByName('studio:drawn').length === 0) {
    performance.mark('studio:drawn');
  }
}
