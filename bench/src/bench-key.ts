/**
 * The emulator's key for every run. It is a made-up loopback key, but it still travels the way a
 * real one would: in the environment of child processes, never on a command line.
 */
export const benchApiKey = process.env.RETOUCH_BENCH_KEY ?? 'sk-bench-loopback-only';
