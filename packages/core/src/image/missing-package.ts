/**
 * The codec's packages are optional dependencies of @retouch/core, so that an install that never
 * prepares an input needs no native module. Where one is missing, the error says what to install.
 */
export function missingPackage(error: unknown, name: string): Error | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const missing =
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(name);
  if (!missing) return undefined;
  return new Error(
    `the optional package ${name} is not installed; install it beside @retouch/core (npm i ${name}) to prepare images`,
    { cause: error },
  );
}
