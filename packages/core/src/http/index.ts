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
  type HttpResponse,
} from './http-client.js';
export {
  createMultipartBody,
  isMultipartBody,
  type MultipartBody,
  type MultipartPart,
} from './multipart-body.js';
export {
  type ErrorBodyDetail,
  errorCodeForStatus,
  parseRetryAfter,
  type ReadHttpErrorOptions,
  readHttpError,
} from './read-http-error.js';
export { redactSecrets, redactUrl } from './redact.js';
export { parseServerSentEvents, type ServerSentEvent } from './server-sent-events.js';
