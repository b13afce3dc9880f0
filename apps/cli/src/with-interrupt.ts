/**
 * Runs `task` with a signal that Ctrl-C (SIGINT) or SIGTERM aborts. The engine then cancels the
 * job on the server and rejects with a `cancelled` error (exit 130). A second Ctrl-C exits at
 * once, for when the server does not answer the cancel.
 */
export async function withInterrupt<T>(
  task: (signal: AbortSignal) => Promise<T>,
  onInterrupt?: () => void,
): Promise<T> {
  const controller = new AbortController();
  const interrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    onInterrupt?.();
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    return await task(controller.signal);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}
