// Loaded with `node --import` into a CLI run: writes the process's peak RSS (the kernel's VmHWM)
// to RETOUCH_BENCH_PEAK_FILE as it exits, however it exits, so a benchmark can read it after.
import { readFileSync, writeFileSync } from 'node:fs';

const target = process.env.RETOUCH_BENCH_PEAK_FILE;
if (target) {
  process.on('exit', () => {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) writeFileSync(target, String(Number(match[1]) * 1024));
  });
}
