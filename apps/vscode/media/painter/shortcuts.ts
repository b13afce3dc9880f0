import type { MarkTool } from './marks.js';

export type Tool = 'brush' | 'eraser' | MarkTool;

/** What the painter's keys do; the page supplies the actions. */
export interface ShortcutActions {
  /** True while a label is being typed: keys then belong to the text field. */
  typing(): boolean;
  undo(): void;
  redo(): void;
  save(): void;
  tool(tool: Tool): void;
  /** 0-based index into the mark colours. */
  color(index: number): void;
  /** +1 or -1: a step bigger or smaller. */
  resize(direction: 1 | -1): void;
}

const toolKeys: Record<string, Tool> = {
  b: 'brush',
  e: 'eraser',
  p: 'pen',
  a: 'arrow',
  r: 'rectangle',
  o: 'ellipse',
  t: 'text',
};

/**
 * B/E for the mask's brush and eraser, P/A/R/O/T for the markup tools, 1–9 for colours, [ and ]
 * for size, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y for undo and redo, Ctrl+Enter to save.
 */
export function listenForShortcuts(actions: ShortcutActions): void {
  window.addEventListener('keydown', (event) => {
    if (actions.typing()) return;
    const key = event.key.toLowerCase();
    const ctrl = event.ctrlKey || event.metaKey;
    if (ctrl && (key === 'z' || key === 'y' || key === 'enter')) {
      event.preventDefault();
      if (key === 'enter') actions.save();
      else if (key === 'y' || event.shiftKey) actions.redo();
      else actions.undo();
      return;
    }
    if (ctrl || event.altKey) return;
    const tool = toolKeys[key];
    if (tool) actions.tool(tool);
    else if (/^[1-9]$/.test(key)) actions.color(Number(key) - 1);
    else if (key === '[' || key === ']') actions.resize(key === ']' ? 1 : -1);
  });
}
