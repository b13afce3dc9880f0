/** The two `vscode.Memento` methods the stores use, so they run in unit tests too. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}
