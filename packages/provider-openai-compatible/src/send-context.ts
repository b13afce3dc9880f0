import type { ErrorBodyDetail, HttpClient } from '@retouch/core/http';
import type { EditWarning, ProviderEditResult } from '@retouch/core/provider';
import type { OpenAICompatibleConfig } from './openai-compatible-config.js';
import type { OpenAICompatibleConnection } from './openai-compatible-connection.js';
import type { OpenAICompatibleModel } from './openai-compatible-models.js';
import type { OpenAICompatibleProviderOptions } from './openai-compatible-provider-options.js';

/** What every request of one provider instance shares. */
export interface SendContext {
  provider: string;
  config: OpenAICompatibleConfig;
  connection: OpenAICompatibleConnection;
  client: HttpClient;
  secrets: readonly string[];
  /** The guarded download, with credentials only for the base URL's origin. */
  download: (url: string, signal: AbortSignal) => Promise<{ bytes: Uint8Array; mediaType: string }>;
}

/** One attempt at one call. */
export interface SendOptions {
  model: OpenAICompatibleModel;
  providerOptions: OpenAICompatibleProviderOptions;
  stream: boolean;
  warnings: EditWarning[];
}

/** A result, or the gateway's refusal to stream (the caller then asks again without streaming). */
export type SendOutcome = { result: ProviderEditResult } | { streamRejected: ErrorBodyDetail };
