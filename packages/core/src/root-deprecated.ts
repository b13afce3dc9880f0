// Plugin-author names the root exported before `@retouch/core/provider` existed, kept for a
// deprecation period so plugins written against the root keep working. Only what a typical
// plugin imports is here; everything else is in `@retouch/core/provider`.
import type { $ZodType } from 'zod/v4/core';
import type {
  EditCall as ProviderEditCall,
  ProviderEditResult as ProviderEditCallResult,
  ProviderImage as ProviderResultImage,
} from './contract/edit-call.js';
import type { ImageFile as ProviderImageFile } from './contract/image-file.js';
import {
  type PluginContext as ProviderPluginContext,
  type RetouchPlugin as ProviderRetouchPlugin,
  definePlugin as providerDefinePlugin,
} from './contract/plugin.js';

/** @deprecated Import `definePlugin` from `@retouch/core/provider`. */
export const definePlugin: typeof providerDefinePlugin = providerDefinePlugin;
/** @deprecated Import `EditCall` from `@retouch/core/provider`. */
export type EditCall = ProviderEditCall;
/** @deprecated Import `ImageFile` from `@retouch/core/provider`. */
export type ImageFile = ProviderImageFile;
/** @deprecated Import `PluginContext` from `@retouch/core/provider`. */
export type PluginContext = ProviderPluginContext;
/** @deprecated Import `ProviderEditResult` from `@retouch/core/provider`. */
export type ProviderEditResult = ProviderEditCallResult;
/** @deprecated Import `ProviderImage` from `@retouch/core/provider`. */
export type ProviderImage = ProviderResultImage;
/** @deprecated Import `RetouchPlugin` from `@retouch/core/provider`. */
export type RetouchPlugin<Schema extends $ZodType = $ZodType> = ProviderRetouchPlugin<Schema>;
