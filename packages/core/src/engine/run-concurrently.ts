/**
 * Runs `task(0) … task(count - 1)` with at most `limit` in flight, keeping results in index order.
 * The first failure stops new tasks from starting and calls `onFailure` so running ones can be
 * aborted; the promise then rejects with that first error once every started task has settled.
 */
export async function runConcurrently<T>(
  count: number,
  limit: number,
  task: (index: number) => Promise<T>,
  onFailure: (error: unknown) => void,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < count) {
      const index = next++;
      try {
        results[index] = await task(index);
      } catch (error) {
        if (!failure) {
          failure = { error };
          onFailure(error);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
  if (failure) throw failure.error;
  return results;
}
