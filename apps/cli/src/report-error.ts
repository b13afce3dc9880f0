import { isRetouchError } from '@retouch/core';
import { sanitizeServerText } from '@retouch/core/http';
import { adviseError } from '@retouch/session';
import { type CliContext, printErr } from './cli-context.js';
import { type ExitCode, exitCodes, hintForExitCode } from './exit-codes.js';
import { builtInProviderNames, loadPlugin } from './plugins/load-plugin.js';

/**
 * Prints an error the way the current mode wants it (one JSON document on stderr for scripts, a
 * short message with what to do for people) and returns the exit code for its family.
 */
export async function reportError(context: CliContext, error: unknown): Promise<ExitCode> {
  if (!isRetouchError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    if (context.machine) {
      await printErr(
        context,
        JSON.stringify({ error: { code: 'internal', exitCode: exitCodes.other, message } }),
      );
    } else {
      await printErr(
        context,
        `retouch: unexpected error: ${sanitizeServerText(message)}\nThis is a bug in retouch; please report it with the command you ran.${
          context.env.RETOUCH_DEBUG && error instanceof Error ? `\n${error.stack}` : ''
        }`,
      );
    }
    return exitCodes.other;
  }

  // The session's advice, as VS Code gets it; the CLI adds its own hint for the family.
  const advice = adviseError(error, {
    provider: await providerName(error.provider, context.cwd),
    secrets: [...context.secrets],
  });
  const exitCode = advice.exitCode;
  const hint = exitCode === exitCodes.cancelled ? undefined : hintForExitCode(exitCode);
  if (context.machine) {
    const body = {
      error: {
        code: error.code,
        exitCode,
        message: error.message,
        hint,
        retryable: error.retryable,
        status: error.status,
        requestId: error.requestId,
        provider: error.provider,
        issues: error.issues.length > 0 ? error.issues : undefined,
      },
    };
    await printErr(context, JSON.stringify(body));
    return exitCode;
  }

  // Messages quote servers; on a terminal nothing they sent may clear it, move the cursor or
  // retitle the window. (--json above needs no such care: JSON escapes control characters.)
  // The first line and the list are what VS Code shows; the whole message follows when it says more.
  const lines = [`retouch: ${sanitizeServerText(advice.title, { singleLine: true })}`];
  for (const problem of advice.problems) {
    lines.push(`  - ${sanitizeServerText(problem, { singleLine: true })}`);
  }
  for (const line of advice.more) lines.push(`  ${line}`);
  if (hint) lines.push(`  What to do: ${hint}`);
  const facts = [
    error.code,
    error.status ? `HTTP ${error.status}` : '',
    error.requestId
      ? `request id ${sanitizeServerText(error.requestId, { singleLine: true })}`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  lines.push(`  (${facts}; exit code ${exitCode})`);
  await printErr(context, lines.join('\n'));
  return exitCode;
}

/** The provider as people know it ("OpenAI-compatible"), the same name VS Code shows. */
async function providerName(id: string | undefined, cwd: string): Promise<string> {
  if (id === undefined) return 'The provider';
  if (!builtInProviderNames.includes(id)) return id;
  return (await loadPlugin(id, cwd).catch(() => undefined))?.plugin.displayName ?? id;
}
