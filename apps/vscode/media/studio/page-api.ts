import type { StudioRequest } from '../../src/studio/studio-messages.js';

/** What the page keeps across hide and show (and a window reload): VS Code's webview state. */
export interface PageState {
  selected?: string;
  /** The newest edit the page has shown. */
  newest?: string;
  mode?: 'compare' | 'before' | 'after';
  split?: number;
}

interface VsCodeApi {
  postMessage(message: StudioRequest): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export const vscode = acquireVsCodeApi();

export function post(message: StudioRequest): void {
  vscode.postMessage(message);
}

export function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** True while the keyboard belongs to a text field or a list the user is in. */
export function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement
  );
}
