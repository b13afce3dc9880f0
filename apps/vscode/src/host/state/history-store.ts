import { type HistoryEntry, storedHistoryEntry } from './history-entry.js';
import type { MementoLike } from './memento-like.js';

const historyKey = 'retouch.history';
const promptsKey = 'retouch.recentPrompts';
const maxRecentPrompts = 20;

/** Past edits and recent prompts, kept in workspace state (never in a file a repo could ship). */
export class HistoryStore {
  constructor(
    private readonly memento: MementoLike,
    private readonly maxEntries: () => number,
  ) {}

  /** Newest first; entries kept by older versions are read too. */
  list(): HistoryEntry[] {
    const stored = this.memento.get<unknown[]>(historyKey) ?? [];
    return stored.flatMap((value) => storedHistoryEntry(value) ?? []);
  }

  get(id: string): HistoryEntry | undefined {
    return this.list().find((entry) => entry.id === id);
  }

  async add(record: HistoryEntry): Promise<void> {
    const kept = [record, ...this.list().filter((old) => old.id !== record.id)];
    await this.memento.update(historyKey, kept.slice(0, Math.max(1, this.maxEntries())));
    await this.rememberPrompt(record.prompt);
  }

  /** Most recent first, without duplicates. */
  recentPrompts(): string[] {
    return this.memento.get<string[]>(promptsKey) ?? [];
  }

  async rememberPrompt(prompt: string): Promise<void> {
    const trimmed = prompt.trim();
    if (!trimmed) return;
    const prompts = [trimmed, ...this.recentPrompts().filter((old) => old !== trimmed)];
    await this.memento.update(promptsKey, prompts.slice(0, maxRecentPrompts));
  }
}
