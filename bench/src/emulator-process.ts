// Child process: runs retouch-emulator so its CPU and memory stay out of the measured client's.
// Options arrive as JSON in RETOUCH_BENCH_EMULATOR, the key in RETOUCH_BENCH_KEY (never argv).
import { type EmulatorOptions, startEmulator } from 'retouch-emulator';

const options = JSON.parse(process.env.RETOUCH_BENCH_EMULATOR ?? '{}') as EmulatorOptions;
const emulator = await startEmulator({
  ...options,
  apiKey: process.env.RETOUCH_BENCH_KEY,
  log: () => {},
});
process.send?.({ url: emulator.url });

const stop = () => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('disconnect', stop);
