import type { StudioCandidate, StudioEdit } from '../../src/studio/studio-messages.js';
import { byId } from './page-api.js';

export interface Selected {
  candidate: StudioCandidate;
  edit: StudioEdit;
}

/**
 * The candidates of this image, newest edit first, as a grid of thumbnails (the images
 * themselves, scaled by the browser: no copies are made), and the selected one's details.
 */
export class CandidateGrid {
  private readonly grid = byId<HTMLDivElement>('grid');
  private readonly empty = byId<HTMLParagraphElement>('empty');
  private readonly count = byId<HTMLSpanElement>('count');
  private edits: StudioEdit[] = [];
  selectedId: string | undefined;

  constructor(private readonly selectedChanged: (selected: Selected | undefined) => void) {
    this.grid.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLElement>('[data-id]');
      if (button?.dataset.id) this.select(button.dataset.id);
    });
    this.grid.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowRight' || event.key === 'ArrowDown') this.step(1);
      else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') this.step(-1);
      else return;
      event.preventDefault();
    });
  }

  all(): Selected[] {
    return this.edits.flatMap((edit) => edit.candidates.map((candidate) => ({ candidate, edit })));
  }

  selected(): Selected | undefined {
    return this.all().find((entry) => entry.candidate.id === this.selectedId);
  }

  update(edits: StudioEdit[], preferred?: string): void {
    const before = new Set(this.all().map((entry) => entry.candidate.id));
    this.edits = edits;
    const all = this.all();
    // A new edit's first candidate is selected as it arrives: that is what the person waited for.
    const fresh =
      before.size > 0 ? all.find((entry) => !before.has(entry.candidate.id)) : undefined;
    const wanted = fresh?.candidate.id ?? preferred ?? this.selectedId;
    this.selectedId = all.some((entry) => entry.candidate.id === wanted)
      ? wanted
      : all[0]?.candidate.id;
    this.render();
    this.selectedChanged(this.selected());
  }

  select(id: string): void {
    if (!this.all().some((entry) => entry.candidate.id === id)) return;
    this.selectedId = id;
    for (const element of this.grid.querySelectorAll<HTMLElement>('[data-id]')) {
      const on = element.dataset.id === id;
      element.setAttribute('aria-selected', String(on));
      if (on) element.scrollIntoView({ block: 'nearest' });
    }
    this.grid.setAttribute('aria-activedescendant', `candidate-${id.replace(/\W/g, '-')}`);
    this.selectedChanged(this.selected());
  }

  /** Loads the thumbnails, once the Studio's own image is on screen. */
  showThumbnails(): void {
    for (const image of this.grid.querySelectorAll<HTMLImageElement>('img[data-src]')) {
      if (image.getAttribute('src') !== image.dataset.src) image.src = image.dataset.src!;
    }
  }

  step(direction: 1 | -1): void {
    const all = this.all();
    if (all.length === 0) return;
    const at = all.findIndex((entry) => entry.candidate.id === this.selectedId);
    const next = all[(at + direction + all.length) % all.length]!;
    this.select(next.candidate.id);
  }

  private render(): void {
    const total = this.all().length;
    this.count.textContent = total > 0 ? `(${total})` : '';
    this.empty.hidden = total > 0;
    let number = 0;
    const groups = this.edits.map((edit) => {
      const group = document.createElement('div');
      group.className = 'edit';
      const heading = document.createElement('p');
      heading.className = 'edit-prompt';
      heading.textContent = edit.prompt;
      heading.title = `${edit.prompt}\n${edit.summary}\nfrom ${edit.from}`;
      const thumbs = document.createElement('div');
      thumbs.className = 'thumbs';
      for (const candidate of edit.candidates) {
        number++;
        const item = document.createElement('div');
        item.className = 'thumb';
        item.role = 'option';
        item.id = `candidate-${candidate.id.replace(/\W/g, '-')}`;
        item.dataset.id = candidate.id;
        item.setAttribute('aria-selected', String(candidate.id === this.selectedId));
        item.setAttribute(
          'aria-label',
          `Candidate ${number}: ${edit.prompt}${candidate.status === 'kept' ? ', kept' : ''}`,
        );
        const image = document.createElement('img');
        // Set once the image itself is drawn (see `showThumbnails`): it comes first.
        image.dataset.src = candidate.preview ?? candidate.uri;
        image.alt = '';
        image.decoding = 'async';
        const caption = document.createElement('span');
        caption.className = 'caption';
        caption.textContent = `${number}${candidate.status === 'kept' ? ' · kept' : ''}`;
        item.append(image, caption);
        thumbs.append(item);
      }
      const summary = document.createElement('p');
      summary.className = 'hint';
      summary.textContent = edit.summary;
      group.append(heading, thumbs, summary);
      return group;
    });
    this.grid.replaceChildren(...groups);
  }
}
