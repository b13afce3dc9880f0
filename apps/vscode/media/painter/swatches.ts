import { markColors } from './marks.js';

/** One radio-like button per mark colour, numbered as the 1–5 keys pick them. */
export function addSwatches(container: HTMLElement | null, pick: (color: string) => void): void {
  for (const [index, { name, value }] of markColors.entries()) {
    const swatch = document.createElement('button');
    swatch.type = 'button';
    swatch.className = 'swatch';
    swatch.dataset.color = value;
    swatch.setAttribute('role', 'radio');
    swatch.setAttribute('aria-label', name);
    swatch.title = `${name} (${index + 1})`;
    // CSSOM, not a style attribute: the page's CSP allows no inline styles.
    swatch.style.backgroundColor = value;
    swatch.addEventListener('click', () => pick(value));
    container?.append(swatch);
  }
}
