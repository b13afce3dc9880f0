import type { StudioOption } from '../../src/studio/studio-messages.js';
import { byId } from './page-api.js';

/** The model's options in one row: a `<select>` each, only those the model supports. */
export class OptionsRow {
  private readonly row = byId<HTMLDivElement>('options');
  private options: StudioOption[] = [];

  constructor(private readonly changed: () => void) {}

  /** What is chosen, by option key; an option left to the model is left out. */
  chosen(): Record<string, string | number> {
    const chosen: Record<string, string | number> = {};
    for (const select of this.row.querySelectorAll<HTMLSelectElement>('select')) {
      const option = this.options.find((entry) => entry.key === select.dataset.key);
      const value = option?.choices[Number(select.value)]?.value;
      if (value !== null && value !== undefined) chosen[select.dataset.key!] = value;
    }
    return chosen;
  }

  /**
   * Shows the options; the person's choices stay across a refresh unless `reset` (a Re-run with
   * changes brings the edit's own).
   */
  render(options: StudioOption[], reset: boolean): void {
    const previous = this.chosen();
    this.options = options;
    this.row.replaceChildren(
      ...options.map((option) => {
        const label = document.createElement('label');
        label.textContent = option.label;
        const select = document.createElement('select');
        select.dataset.key = option.key;
        select.title = option.label;
        option.choices.forEach((choice, index) => {
          const item = document.createElement('option');
          item.value = String(index);
          item.textContent = choice.label;
          select.append(item);
        });
        const kept = option.choices.findIndex((choice) => choice.value === previous[option.key]);
        select.value = String(reset || kept < 0 ? option.selected : kept);
        select.addEventListener('change', this.changed);
        label.append(select);
        return label;
      }),
    );
  }
}
