import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { adviseError } from '@retouch/session';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from './cli-context.js';
import { editCommand } from './commands/edit.js';
import { reportError } from './report-error.js';
import { createWorkDir } from './test-support/images.js';

const key = 'sk-test-cli-words-71c2d9';
let emulator: Emulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
  dir = await createWorkDir();
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

/** `retouch edit …` as a person at a terminal sees it: what is left on stderr once it ends. */
async function editAtTerminal(args: string[], apiKey: string) {
  let printed = '';
  const terminal = {
    isTTY: true,
    columns: 100,
    write: (text: string, done?: () => void) => {
      printed += text;
      done?.();
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  const context: CliContext = {
    env: {
      XDG_CONFIG_HOME: join(dir, '.no-config'),
      RETOUCH_BASE_URL: `${emulator.url}/v1`,
      OPENAI_API_KEY: apiKey,
    },
    cwd: dir,
    stdout: terminal,
    stderr: terminal,
    machine: false,
    secrets: new Set(),
  };
  let failure: unknown;
  let code: number;
  try {
    code = await editCommand(context, ['photo.png', '--prompt', 'sepia', ...args]);
  } catch (error) {
    failure = error;
    code = await reportError(context, error);
  }
  // The progress line rewrites itself with `\r` and an erase; the report is what follows it.
  const report = printed.slice(printed.lastIndexOf('retouch: ')).trimEnd().split('\n');
  return { code, failure, report };
}

describe('a failed edit in the terminal', () => {
  it('opens with the words VS Code shows for the same error, then what to do', async () => {
    const { code, failure, report } = await editAtTerminal([], 'sk-wrong-key-5511');
    expect(code).toBe(3);
    expect(report[0]).toBe(
      'retouch: OpenAI-compatible did not accept the API key (HTTP 401). It said: "Incorrect API key provided." Check the API key.',
    );
    // VS Code's notification is `Retouch: ` and the same advice title (show-edit-error.ts).
    expect(report[0]).toBe(
      `retouch: ${adviseError(failure, { provider: 'OpenAI-compatible' }).title}`,
    );
    // The server's sentence is said once, not again in the raw message below it.
    expect(report.join('\n').match(/Incorrect API key provided/g)).toHaveLength(1);
    expect(report[1]).toMatch(/^ {2}What to do: Check the key: set OPENAI_API_KEY/);
    expect(report.at(-1)).toMatch(
      /^ {2}\(authentication · HTTP 401 · request id req_\w+; exit code 3\)$/,
    );
    expect(report.join('\n')).not.toContain('sk-wrong-key-5511');
  });

  it('lists a refused request’s problems one per line, as VS Code’s dialog does', async () => {
    emulator.reset();
    const { code, report } = await editAtTerminal(['--n', '20'], key);
    expect(code).toBe(2);
    expect(report.slice(0, 2)).toEqual([
      'retouch: OpenAI-compatible cannot take this edit as it is.',
      '  - Number of images: is 20; allowed: a whole number from 1 to 10',
    ]);
    expect(emulator.requests).toHaveLength(0);
  });

  it('says a refusal that is a sentence of its own as it is: which models have a batch API', async () => {
    emulator.reset();
    const { code, report } = await editAtTerminal(
      ['--each', '--batch', '--model', 'gpt-image-2'],
      key,
    );
    expect(code).toBe(2);
    expect(report[0]).toBe(
      'retouch: gpt-image-2 takes no batch edits. Models with a batch API: gpt-image-1.5, gpt-image-1, gpt-image-1-mini, chatgpt-image-latest. Pick another model, or edit without the Batch API.',
    );
    expect(emulator.requests).toHaveLength(0);
  });
});
