import type { z } from 'zod';
import type { RetouchPlugin } from '../contract/plugin.js';
import { RetouchError } from '../errors/retouch-error.js';

/**
 * Validates a user's configuration with a plugin's schema. Every problem is reported by field;
 * zod issues name the path and the rule, never the rejected value, so no key leaks into the error.
 */
export function parsePluginConfig<Schema extends z.ZodType>(
  plugin: Pick<RetouchPlugin<Schema>, 'id' | 'displayName' | 'configSchema'>,
  config: unknown,
): z.output<Schema> {
  const parsed = plugin.configSchema.safeParse(config ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(config)',
    message: issue.message,
  }));
  throw new RetouchError({
    code: 'invalid_request',
    provider: plugin.id,
    message: `The ${plugin.displayName} configuration is invalid: ${issues
      .map((i) => `${i.field}: ${i.message}`)
      .join('; ')}.`,
    issues,
  });
}
