import { typingIn } from './page-api.js';

/** What the Studio's keys do; the page supplies the actions (the help overlay lists them). */
export interface StudioKeys {
  /** Single keys, outside text fields: `k` keeps, `]` goes to the next candidate, … */
  keys: Record<string, () => void>;
  escape(target: EventTarget | null): void;
  undo(redo: boolean): void;
  discard(others: boolean): void;
  /** ← and → move the slider when the viewer has the focus; false when they did nothing. */
  nudge(direction: -1 | 1): boolean;
}

export function listenForStudioKeys(actions: StudioKeys): void {
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      actions.escape(event.target);
      return;
    }
    const ctrl = event.ctrlKey || event.metaKey;
    if (ctrl && event.key.toLowerCase() === 'z' && !typingIn(event.target)) {
      event.preventDefault();
      actions.undo(event.shiftKey);
      return;
    }
    if (ctrl || event.altKey || typingIn(event.target)) return;
    if (event.key === 'Delete') {
      actions.discard(event.shiftKey);
      return;
    }
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      if (actions.nudge(event.key === 'ArrowLeft' ? -1 : 1)) {
        event.preventDefault();
        return;
      }
    }
    const action = actions.keys[event.key.toLowerCase()] ?? actions.keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
}
