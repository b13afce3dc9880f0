import { redactSecrets } from '@retouch/core/http';

/** Everything a command needs from the outside world, so tests and the demo can supply their own. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** JSON only: `--json` was given or stdout is not a terminal. */
  machine: boolean;
  /** Secrets known so far; every line printed is scrubbed of them. */
  secrets: Set<string>;
}

export function addSecrets(context: CliContext, secrets: readonly string[]): void {
  for (const secret of secrets) if (secret) context.secrets.add(secret);
}

export function scrub(context: CliContext, text: string): string {
  return redactSecrets(text, [...context.secrets]);
}

/** Writes to stdout and resolves once the text is handed to the OS, so exiting next loses nothing. */
export function printOut(context: CliContext, text: string): Promise<void> {
  return write(context.stdout, scrub(context, text));
}

export function printErr(context: CliContext, text: string): Promise<void> {
  return write(context.stderr, scrub(context, text));
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    stream.write(text.endsWith('\n') ? text : `${text}\n`, () => resolve());
  });
}
