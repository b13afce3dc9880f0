/**
 * How long recent jobs of each model ran, in this process, so polling can check a job around the
 * moment it should finish rather than on a blind schedule. Jobs of one endpoint take similar
 * times; the server's own figure (`metrics.inference_time`) is preferred when it sends one.
 */
const samplesPerModel = 5;
const modelsKept = 64;
const runTimes = new Map<string, number[]>();

export function recordRunTime(model: string, ms: number): void {
  if (!Number.isFinite(ms) || ms <= 0 || ms > 24 * 60 * 60 * 1000) return;
  const samples = runTimes.get(model) ?? [];
  samples.push(ms);
  if (samples.length > samplesPerModel) samples.shift();
  // Re-inserting keeps the map in least-recently-used order, so the oldest model goes first.
  runTimes.delete(model);
  runTimes.set(model, samples);
  if (runTimes.size > modelsKept) runTimes.delete(runTimes.keys().next().value!);
}

/** The median of the model's recent run times, or undefined before one has been seen. */
export function expectedRunTime(model: string): number | undefined {
  const samples = runTimes.get(model);
  if (!samples || samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `metrics.inference_time` of a status document, in milliseconds, when the server sent one. */
export function reportedRunTime(json: unknown): number | undefined {
  const metrics = (json as { metrics?: { inference_time?: unknown } } | null)?.metrics;
  const seconds = metrics?.inference_time;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? seconds * 1000
    : undefined;
}
