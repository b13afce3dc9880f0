/** Splits `n` images into provider calls of at most `maxPerCall`: 10 over 4 gives [4, 4, 2]. */
export function splitN(n: number, maxPerCall: number): number[] {
  const perCall = Math.max(1, Math.floor(maxPerCall));
  const calls: number[] = [];
  for (let left = n; left > 0; left -= perCall) calls.push(Math.min(perCall, left));
  return calls;
}
