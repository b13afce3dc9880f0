import type { $ZodType, output, util } from 'zod/v4/core';
import type { RetouchPlugin } from '../contract/plugin.js';
import { useEnglishZodMessages } from '../contract/zod-messages.js';
import { RetouchError } from '../errors/retouch-error.js';

/**
 * Validates a user's configuration with a plugin's schema (zod 4, classic or mini). Every problem
 * is reported by field; zod issues name the path and the rule, never the rejected value, so no
 * key leaks into the error.
 */
export function parsePluginConfig<Schema extends $ZodType>(
  plugin: Pick<RetouchPlugin<Schema>, 'id' | 'displayName' | 'configSchema'>,
  config: unknown,
): output<Schema> {
  useEnglishZodMessages();
  // Classic and mini schemas both have the method.
  const schema = plugin.configSchema as unknown as {
    safeParse(value: unknown): util.SafeParseResult<output<Schema>>;
  };
  const parsed = schema.safeParse(config ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(config)',
    message: issue.message,
  }));
  throw new RetouchError({
    code: 'invalid_request',
    origin: 'configuration',
    provider: plugin.id,
    message: `The ${plugin.displayName} configuration is invalid: ${issues
      .map((i) => `${i.field}: ${i.message}`)
      .join('; ')}.`,
    issues,
  });
}
