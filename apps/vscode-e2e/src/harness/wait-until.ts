import type { Locator, Page } from 'playwright-core';

export interface WaitOptions {
  /** Milliseconds before giving up (default 15 s: the machine is busy, the workbench is not). */
  readonly timeout?: number;
  /** Milliseconds between probes (default 50). */
  readonly interval?: number;
}

/**
 * Probes until `probe` returns something other than `undefined` or `false`, and returns it.
 * Throws `describe()` (called at the deadline, so it can say what was seen) when time runs out.
 */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined | false>,
  describe: () => string | Promise<string>,
  { timeout = 15_000, interval = 50 }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(await describe());
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Like `waitUntil`, but answers false instead of throwing. */
export async function becomes(
  probe: () => Promise<boolean>,
  options: WaitOptions = {},
): Promise<boolean> {
  return waitUntil(probe, () => '', options).then(
    () => true,
    () => false,
  );
}

/** Resolves after the page has rendered two more frames: what was scheduled has been painted. */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}

/**
 * Reads `read` until two reads a couple of frames apart agree, and returns that value: the UI
 * has finished rendering (lists filled, items focused, layout settled).
 */
export async function settledValue<T>(
  page: Page,
  read: () => Promise<T>,
  describe: (last: T | undefined) => string,
  options: WaitOptions = {},
): Promise<T> {
  let previous = JSON.stringify(await read());
  let last: T | undefined;
  return waitUntil(
    async () => {
      await nextFrames(page);
      last = await read();
      const current = JSON.stringify(last);
      const settled = current === previous;
      previous = current;
      return settled ? last : undefined;
    },
    () => describe(last),
    options,
  );
}

/** The element's box once it has stopped moving (same box over two frames). */
export async function settledBox(
  locator: Locator,
  options: WaitOptions = {},
): Promise<{ x: number; y: number; width: number; height: number }> {
  const page = locator.page();
  const box = await settledValue(
    page,
    () => locator.boundingBox(),
    (last) => `The element never stopped moving (last box ${JSON.stringify(last)}).`,
    options,
  );
  if (!box) throw new Error('The element has no box on screen.');
  return box;
}

/** A matcher for a visible label: a string matches the whole label, a RegExp any part of it. */
export type TextMatcher = string | RegExp;

export function matchesText(text: string, matcher: TextMatcher): boolean {
  return typeof matcher === 'string' ? text.trim() === matcher.trim() : matcher.test(text);
}

/** A RegExp for Playwright's `hasText` that matches `text` exactly (whitespace aside). */
export function exactly(matcher: TextMatcher): RegExp {
  if (typeof matcher !== 'string') return matcher;
  return new RegExp(`^\\s*${matcher.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}
