import type { ImageEditClient } from '../clients/image-edit-client.js';
import { percentile } from '../stats.js';

export interface ClientOverheadRun {
  edits: number;
  wallP50Ms: number;
  wallP95Ms: number;
  cpuP50Ms: number;
  cpuP95Ms: number;
  cpuMeanMs: number;
}

const warmupEdits = 20;

/**
 * Sequential edits of a small image. Wall time includes the emulator's work (the same for both
 * clients); CPU time is this process's alone, since the emulator runs in another process.
 */
export async function runClientOverhead(
  edit: ImageEditClient,
  small: string,
  edits: number,
): Promise<ClientOverheadRun> {
  for (let i = 0; i < warmupEdits; i++) await edit({ path: small, prompt: 'tint' });
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < edits; i++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await edit({ path: small, prompt: 'tint' });
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    edits,
    wallP50Ms: percentile(wall, 50),
    wallP95Ms: percentile(wall, 95),
    cpuP50Ms: percentile(cpu, 50),
    cpuP95Ms: percentile(cpu, 95),
    cpuMeanMs: cpu.reduce((a, b) => a + b, 0) / cpu.length,
  };
}
