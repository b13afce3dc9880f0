/** Requests `checkEdit()` runs: everything before sending, but no input is decoded or re-encoded. */
const dryRuns = new WeakSet<object>();

export function markDryRun<T extends object>(request: T): T {
  dryRuns.add(request);
  return request;
}

export function isDryRun(request: object): boolean {
  return dryRuns.has(request);
}
