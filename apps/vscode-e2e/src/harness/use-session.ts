import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Session, type SessionOptions, startSession } from './session.js';

/**
 * Starts one session for the test file (beforeAll) and closes it (afterAll). When a test fails,
 * its screenshot and the extension's log are saved beside the step screenshots and attached
 * to the test report.
 */
export function useSession(
  options: SessionOptions | (() => Promise<SessionOptions>),
): () => Session {
  let session: Session | undefined;
  beforeAll(async () => {
    session = await startSession(typeof options === 'function' ? await options() : options);
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  }, 60_000);
  beforeEach(({ onTestFailed }) => {
    onTestFailed(async (context) => {
      if (!session) return;
      const { screenshot, log } = await session.captureFailure(context.task.name);
      await context.annotate('screenshot at failure', {
        path: screenshot,
        contentType: 'image/png',
      });
      await context.annotate('Retouch extension log', { path: log, contentType: 'text/plain' });
      process.stderr.write(
        `\n[e2e] "${context.task.name}" failed.\n  screenshot: ${screenshot}\n  logs: ${log}\n` +
          `--- Retouch log ---\n${session.extensionLog() || '(empty)'}\n-------------------\n`,
      );
    }, 30_000);
  });
  return () => {
    if (!session) throw new Error('The session has not started (see the beforeAll error).');
    return session;
  };
}
