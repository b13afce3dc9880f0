/** An async iterable fed by `push`, finished by `end`; for events that arrive from callbacks. */
export function pushStream<T>(onReturn: () => void = () => {}) {
  const items: T[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  const iterable: AsyncIterable<T> = {
    [Symbol.asyncIterator]() {
      return {
        async next(): Promise<IteratorResult<T>> {
          for (;;) {
            if (items.length > 0) return { value: items.shift()!, done: false };
            if (ended) return { value: undefined, done: true };
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
          }
        },
        async return(): Promise<IteratorResult<T>> {
          ended = true;
          onReturn();
          return { value: undefined, done: true };
        },
      };
    },
  };
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  return {
    iterable,
    push(item: T) {
      if (ended) return;
      items.push(item);
      poke();
    },
    end() {
      ended = true;
      poke();
    },
  };
}
