#!/usr/bin/env node
import { usageError } from './args/parse-command-args.js';
import { type CliContext, printOut } from './cli-context.js';
import { cliVersion } from './cli-version.js';
import { demoCommand } from './commands/demo.js';
import { editCommand } from './commands/edit.js';
import { emulatorCommand } from './commands/emulator.js';
import { historyCommand } from './commands/history.js';
import { modelsCommand } from './commands/models.js';
import { presetsCommand } from './commands/presets.js';
import { refuseSecretFlags } from './config/refuse-secret-flags.js';
import { reportError } from './report-error.js';

const help = `retouch ${cliVersion}: edit images with AI from the terminal

Usage:
  retouch edit <image…> --prompt "…" [options]   Edit images (retouch edit --help)
  retouch models [--provider <name>]             List models and what they accept
  retouch presets [--json]                       List prompt presets (retouch edit --preset NAME)
  retouch history <result…> [--json]             Show how results were made (their records)
  retouch emulator [--port <n>]                  Run the local emulator (no account needed)
  retouch demo                                   Edit a sample image through both providers locally

Options:
  -h, --help       Show help (also per command)
  -v, --version    Show the version

Keys come from the environment (OPENAI_API_KEY, FAL_KEY, …) or a config file, never from flags.
Exit codes: 0 ok, 1 other, 2 invalid input, 3 auth, 4 rate limit, 5 content policy,
6 network/timeout, 7 server, 8 result saved elsewhere (output folder failed), 130 cancelled.`;

const commands: Record<string, (context: CliContext, args: readonly string[]) => Promise<number>> =
  {
    edit: editCommand,
    models: modelsCommand,
    presets: presetsCommand,
    history: historyCommand,
    emulator: emulatorCommand,
    demo: demoCommand,
  };

async function main(argv: readonly string[]): Promise<number> {
  const context: CliContext = {
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    machine: argv.includes('--json') || !process.stdout.isTTY,
    secrets: new Set(),
  };
  try {
    refuseSecretFlags(argv);
    const [name, ...args] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      await printOut(context, help);
      return 0;
    }
    if (name === '--version' || name === '-v') {
      await printOut(context, cliVersion);
      return 0;
    }
    const command = commands[name];
    if (!command)
      throw usageError(
        '',
        `Unknown command "${name}"; the commands are ${Object.keys(commands).join(', ')}`,
      );
    return await command(context, args);
  } catch (error) {
    return reportError(context, error);
  }
}

// Exit explicitly: keep-alive sockets and timers in providers must not hold a finished command open.
process.exit(await main(process.argv.slice(2)));
