import { afterAll, beforeAll, it } from 'vitest';
import { type Session, type SessionOptions, startSession } from './session.js';

export interface SessionTests {
  /** The running session (throws when beforeAll failed). */
  session(): Session;
  /**
   * A test that runs against the session. When it fails, the screenshot at that moment and the
   * extension's log are saved beside the step screenshots, attached to the report and printed.
   */
  test(name: string, body: (session: Session) => Promise<void>, timeout?: number): void;
}

/** Starts one session for the test file (beforeAll) and closes it (afterAll). */
export function useSession(
  options: SessionOptions | (() => Promise<SessionOptions>),
): SessionTests {
  let running: Session | undefined;
  beforeAll(async () => {
    running = await startSession(typeof options === 'function' ? await options() : options);
  }, 180_000);
  afterAll(async () => {
    await running?.close();
  }, 60_000);

  const session = (): Session => {
    if (!running) throw new Error('The session has not started (see the beforeAll error).');
    return running;
  };

  return {
    session,
    test(name, body, timeout) {
      it(
        name,
        async (context) => {
          const current = session();
          try {
            await body(current);
          } catch (error) {
            const { screenshot, log } = await current.captureFailure(name);
            await context.annotate('screenshot at failure', {
              path: screenshot,
              contentType: 'image/png',
            });
            await context.annotate('Retouch log and workbench logs', {
              path: log,
              contentType: 'text/plain',
            });
            process.stderr.write(
              `\n[e2e] "${name}" failed.\n  screenshot: ${screenshot}\n  logs: ${log}\n` +
                `--- Retouch log ---\n${current.extensionLog() || '(empty)'}\n-------------------\n`,
            );
            throw error;
          }
        },
        timeout,
      );
    },
  };
}
