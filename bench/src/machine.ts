import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';

export interface Machine {
  node: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  date: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // Not Linux: os.cpus() still names the model.
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}

export function describeMachine(now = new Date()): Machine {
  return {
    node: process.version,
    cpu: cpuModel(),
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${process.platform}-${process.arch}`,
    date: now.toISOString(),
  };
}

/** One line for the README: where the numbers come from. */
export function machineLine(machine: Machine): string {
  return `Node ${machine.node} · ${machine.cpu} · ${machine.cores} cores · ${machine.memoryGiB} GiB · ${machine.platform} · ${machine.date.slice(0, 16).replace('T', ' ')} UTC`;
}
