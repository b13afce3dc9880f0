export { getRetouchApi, type VscodeExtensionsLike } from './get-retouch-api.js';
export {
  type RegisterProviderOptions,
  type RetouchApi,
  type RetouchApiV1,
  type RetouchDisposable,
  type RetouchProviderInfo,
  retouchApiVersion,
  retouchExtensionId,
} from './retouch-api.js';
