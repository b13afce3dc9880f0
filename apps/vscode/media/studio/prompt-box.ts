import type { StudioView } from '../../src/studio/studio-messages.js';
import { byId } from './page-api.js';

interface Suggestion {
  label: string;
  detail: string;
  prompt: string;
}

/** Words of the query all found in the text: presets match by name or by words. */
function matches(text: string, query: string): boolean {
  const words = query
    .toLowerCase()
    .split(/[\s,-]+/)
    .filter(Boolean);
  const haystack = text.toLowerCase();
  return words.length > 0 && words.every((word) => haystack.includes(word));
}

/**
 * The prompt box: Enter sends; typing shows presets (by name or words) and recent prompts, which
 * ↓ and Enter put in the box. A preset's exact name sends the preset's prompt, never the name.
 */
export class PromptBox {
  readonly box = byId<HTMLTextAreaElement>('prompt');
  private readonly list = byId<HTMLUListElement>('suggestions');
  private presets: StudioView['presets'] = [];
  private recent: string[] = [];
  private shown: Suggestion[] = [];
  private active = -1;

  constructor(
    private readonly send: (prompt: string) => void,
    private readonly edited: () => void,
  ) {
    this.box.addEventListener('input', () => {
      this.suggest();
      this.edited();
    });
    this.box.addEventListener('keydown', (event) => this.key(event));
    this.box.addEventListener('blur', () => setTimeout(() => this.hide(), 150));
    this.list.addEventListener('mousedown', (event) => {
      const item = (event.target as HTMLElement).closest('li');
      if (!item) return;
      event.preventDefault();
      this.choose(Number(item.dataset.index));
    });
  }

  update(view: StudioView): void {
    this.presets = view.presets;
    this.recent = view.recent;
    if (view.prompt !== undefined && document.activeElement !== this.box) {
      this.box.value = view.prompt;
    }
  }

  /** The prompt to send for what is in the box: a preset's prompt when it names one. */
  resolved(): string {
    const text = this.box.value.trim();
    const preset = this.presets.find((p) => p.name.toLowerCase() === text.toLowerCase());
    return preset ? preset.prompt : text;
  }

  private suggest(): void {
    const query = this.box.value.trim();
    const presets = this.presets
      .filter((p) => matches(`${p.name} ${p.description} ${p.prompt}`, query))
      .map((p) => ({ label: p.name, detail: p.description || p.prompt, prompt: p.prompt }));
    const recent = this.recent
      .filter((prompt) => prompt !== query && matches(prompt, query))
      .map((prompt) => ({ label: prompt, detail: 'recent', prompt }));
    this.shown = [...presets, ...recent].slice(0, 8);
    this.active = -1;
    this.render();
  }

  private render(): void {
    this.list.replaceChildren(
      ...this.shown.map((suggestion, index) => {
        const item = document.createElement('li');
        item.role = 'option';
        item.id = `suggestion-${index}`;
        item.dataset.index = String(index);
        item.setAttribute('aria-selected', String(index === this.active));
        const label = document.createElement('strong');
        label.textContent = suggestion.label;
        const detail = document.createElement('span');
        detail.textContent = ` ${suggestion.detail}`;
        item.append(label, detail);
        return item;
      }),
    );
    this.list.hidden = this.shown.length === 0;
    if (this.active >= 0)
      this.box.setAttribute('aria-activedescendant', `suggestion-${this.active}`);
    else this.box.removeAttribute('aria-activedescendant');
  }

  private hide(): void {
    this.shown = [];
    this.render();
  }

  private choose(index: number): void {
    const suggestion = this.shown[index];
    if (!suggestion) return;
    this.box.value = suggestion.prompt;
    this.hide();
    this.edited();
    this.box.focus();
  }

  private key(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' && this.shown.length > 0) {
      event.preventDefault();
      this.active = Math.min(this.shown.length - 1, this.active + 1);
      this.render();
    } else if (event.key === 'ArrowUp' && this.active >= 0) {
      event.preventDefault();
      this.active -= 1;
      this.render();
    } else if (event.key === 'Escape' && this.shown.length > 0) {
      event.preventDefault();
      event.stopPropagation();
      this.hide();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      if (this.active >= 0) {
        this.choose(this.active);
        return;
      }
      const prompt = this.resolved();
      if (!prompt) return;
      this.box.value = prompt;
      this.hide();
      this.send(prompt);
    }
  }
}
