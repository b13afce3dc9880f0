export { type SanitizeOptions, sanitizeServerText } from '../text/sanitize-server-text.js';
export {
  type FetchRequestedImagesOptions,
  fetchRequestedImages,
  type RequestedImages,
} from './fetch-requested-images.js';
export {
  type GuardedDownloadOptions,
  type GuardedDownloadResult,
  guardedDownload,
} from './guarded-download.js';
export {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequest,
} from './http-client.js';
export type { HttpResponse } from './http-response.js';
export {
  createFileBody,
  createMultipartBody,
  isMultipartBody,
  type MultipartBody,
  type MultipartPart,
} from './multipart-body.js';
export { parseRetryAfter } from './rate-limit-headers.js';
export {
  type ErrorBodyDetail,
  errorCodeForStatus,
  type ReadHttpErrorOptions,
  readHttpError,
} from './read-http-error.js';
export { redactSecrets, redactUrl } from './redact.js';
export {
  defaultResponseLimits,
  type ReadLimitOptions,
  type ResponseLimits,
} from './response-limits.js';
export {
  addressKind,
  checkResultUrl,
  type ResolveHost,
  type ResultUrlRefusal,
  type ResultUrlRule,
} from './result-url-rules.js';
export {
  parseServerSentEvents,
  type ServerSentEvent,
  type ServerSentEventOptions,
} from './server-sent-events.js';
