#!/usr/bin/env node
import { parseCliArgs, USAGE } from './cli-args.js';
import { startEmulator } from './start-emulator.js';

async function main(): Promise<void> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`retouch-emulator: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (command.help) {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator(command.options);
  console.log(`retouch-emulator listening on ${emulator.url}`);
  console.log(
    `  OpenAI: POST ${emulator.url}/v1/images/edits   queue: POST ${emulator.url}/v1/queue/{model}`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`retouch-emulator: ${signal} received, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`retouch-emulator: ${(error as Error).message}`);
  process.exit(1);
});
