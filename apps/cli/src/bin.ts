#!/usr/bin/env node
// Only what every command needs is imported here; the engine, the session and the printing
// helpers load with the command that uses them (`retouch mcp` must answer its client quickly).
import type { CliContext } from './cli-context.js';
import { cliVersion } from './cli-version.js';
import { mayCarrySecret } from './config/secret-flag-names.js';

const help = `retouch ${cliVersion}: edit images with AI from the terminal

Usage:
  retouch edit <image…> --prompt "…" [options]   Edit images (retouch edit --help)
  retouch models [--provider <name>]             List models and what they accept
  retouch presets [--json]                       List prompt presets (retouch edit --preset NAME)
  retouch history <result…> [--json]             Show how results were made (their records)
  retouch mcp [--max-cost <amount>]              Serve the edit tools to agents over MCP (stdio)
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
    // Each command is loaded when it runs, so one command does not pay for reading the others.
    edit: async (c, a) => (await import('./commands/edit.js')).editCommand(c, a),
    models: async (c, a) => (await import('./commands/models.js')).modelsCommand(c, a),
    presets: async (c, a) => (await import('./commands/presets.js')).presetsCommand(c, a),
    history: async (c, a) => (await import('./commands/history.js')).historyCommand(c, a),
    mcp: async (c, a) => (await import('./mcp/mcp-command.js')).mcpCommand(c, a),
    emulator: async (c, a) => (await import('./commands/emulator.js')).emulatorCommand(c, a),
    demo: async (c, a) => (await import('./commands/demo.js')).demoCommand(c, a),
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
    if (mayCarrySecret(argv)) {
      (await import('./config/refuse-secret-flags.js')).refuseSecretFlags(argv);
    }
    const [name, ...args] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      await (await import('./cli-context.js')).printOut(context, help);
      return 0;
    }
    if (name === '--version' || name === '-v') {
      await (await import('./cli-context.js')).printOut(context, cliVersion);
      return 0;
    }
    const command = commands[name];
    if (!command) {
      const { usageError } = await import('./args/parse-command-args.js');
      throw usageError(
        '',
        `Unknown command "${name}"; the commands are ${Object.keys(commands).join(', ')}`,
      );
    }
    return await command(context, args);
  } catch (error) {
    return (await import('./report-error.js')).reportError(context, error);
  }
}

// Exit explicitly: keep-alive sockets and timers in providers must not hold a finished command open.
process.exit(await main(process.argv.slice(2)));
