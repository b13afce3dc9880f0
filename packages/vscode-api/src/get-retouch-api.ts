import { type RetouchApiV1, retouchApiVersion, retouchExtensionId } from './retouch-api.js';

/** The part of the `vscode` namespace this helper uses; pass `vscode` itself. */
export interface VscodeExtensionsLike {
  extensions: {
    getExtension(id: string): { activate(): PromiseLike<unknown> } | undefined;
  };
}

/**
 * Activates Retouch and returns its API, or undefined when Retouch is not installed.
 *
 * It takes the `vscode` namespace as an argument instead of importing it, so it works from an
 * ESM or CommonJS extension, bundled or not. Throws when the installed Retouch speaks an API
 * version this package does not know, so a mismatch is loud instead of a later `undefined` call.
 */
export async function getRetouchApi(
  vscode: VscodeExtensionsLike,
): Promise<RetouchApiV1 | undefined> {
  const extension = vscode.extensions.getExtension(retouchExtensionId);
  if (!extension) return undefined;
  const api = (await extension.activate()) as { version?: unknown } | undefined;
  if (api?.version !== retouchApiVersion) {
    throw new TypeError(
      `The installed Retouch extension offers API version ${String(api?.version)}, but this @retouch/vscode-api expects ${retouchApiVersion}. Update the extension or this package.`,
    );
  }
  return api as RetouchApiV1;
}
