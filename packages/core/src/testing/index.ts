export { checkCapabilities } from './check-capabilities.js';
export { createTestPng, type TestPngOptions } from './create-test-png.js';
export {
  type ConformanceServer,
  describeProviderConformance,
  type ProviderConformanceOptions,
} from './describe-provider-conformance.js';
export { findSecretLeaks } from './find-secret-leaks.js';
export { type EndlessOptions, hostile } from './hostile-behaviours.js';
export {
  type HostileBehaviour,
  type HostileExchange,
  type HostileRequest,
  type HostileServer,
  startHostileServer,
} from './hostile-server.js';
export { type SwitchableProxy, startSwitchableProxy } from './switchable-proxy.js';
export { type TokenBucketOptions, type TokenBucketStats, tokenBucket } from './token-bucket.js';
