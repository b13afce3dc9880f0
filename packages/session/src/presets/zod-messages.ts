import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod/mini leaves issue messages to the app ("Invalid input" otherwise): a user's preset is
 * reported in English, naming the rule, never the rejected value.
 */
export function useEnglishZodMessages(): void {
  if (!config().localeError) config(en());
}
