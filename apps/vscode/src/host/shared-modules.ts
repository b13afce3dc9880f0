import {
  createHttpClient,
  readHttpError,
  redactSecrets,
  sanitizeServerText,
} from '@retouch/core/http';
import {
  definePlugin,
  httpUrlSchema,
  modelCapabilitiesSchema,
  modelTableEntrySchema,
  modelTableSchema,
  parsePluginConfig,
  RetouchError,
  responseLimitsSchema,
  retouchErrorWith,
} from '@retouch/core/provider';
import {
  _default,
  array,
  int,
  minLength,
  number,
  object,
  optional,
  partial,
  pipe,
  positive,
  prefault,
  record,
  regex,
  string,
  transform,
  unknown,
  enum as zodEnum,
} from 'zod/mini';

/**
 * What dist/provider-google.js takes from the edit runtime instead of bundling its own copies:
 * one engine, one HTTP connection pool, one zod. Only the names it uses, so the runtime keeps
 * its tree-shaking; `sharedModuleNames` in scripts/esbuild-plugins.mjs lists the same names, and
 * the chunk's build fails if the provider imports one that is not there.
 */
export const sharedModules: Record<string, Record<string, unknown>> = {
  '@retouch/core/http': { createHttpClient, readHttpError, redactSecrets, sanitizeServerText },
  '@retouch/core/provider': {
    definePlugin,
    httpUrlSchema,
    modelCapabilitiesSchema,
    modelTableEntrySchema,
    modelTableSchema,
    parsePluginConfig,
    RetouchError,
    responseLimitsSchema,
    retouchErrorWith,
  },
  'zod/mini': {
    _default,
    array,
    enum: zodEnum,
    int,
    minLength,
    number,
    object,
    optional,
    partial,
    pipe,
    positive,
    prefault,
    record,
    regex,
    string,
    transform,
    unknown,
  },
};
