import { readFileSync, writeFileSync } from 'node:fs';

/** A field of /proc/self/status in bytes (VmRSS, VmHWM), or undefined off Linux. */
function statusBytes(field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync('/proc/self/status', 'utf8'),
    );
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resets the kernel's peak-RSS mark (VmHWM) to the current RSS, so a later read gives the exact
 * peak of what follows, even a spike too short for a sampling timer to see. Linux only.
 */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

export interface PeakRssWatch {
  /** Peak RSS since the watch began: the kernel's mark where it could be reset, else sampled. */
  stop(): { peakBytes: number; sampledPeakBytes: number; kernelPeakBytes: number | undefined };
}

/** Samples RSS every `intervalMs` and also asks the kernel for its exact peak. */
export function watchPeakRss(intervalMs = 5): PeakRssWatch {
  const kernel = resetPeakRss();
  let sampled = process.memoryUsage.rss();
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sampled = Math.max(sampled, process.memoryUsage.rss());
      const kernelPeak = kernel ? statusBytes('VmHWM') : undefined;
      return {
        peakBytes: Math.max(sampled, kernelPeak ?? 0),
        sampledPeakBytes: sampled,
        kernelPeakBytes: kernelPeak,
      };
    },
  };
}

/** RSS after full collections, so the baseline holds no garbage from the warm-up. */
export async function settledRss(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return statusBytes('VmRSS') ?? process.memoryUsage.rss();
}
