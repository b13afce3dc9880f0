import { randomBytes } from 'node:crypto';
import { newId } from './file-store.js';
import { jsonReply, type Reply } from './reply.js';
import { falError } from './reply-helpers.js';
import type { RouteContext } from './route-context.js';

const maxPendingUploads = 1000;

/**
 * `POST /storage/upload/initiate` (fal's `rest.fal.ai`): takes `{ file_name, content_type }` and
 * answers `{ upload_url, file_url }`, as fal's client expects. The upload URL is one-time and
 * needs no key, like the presigned URL fal returns; the file URL serves the bytes once they are in.
 */
export async function initiateUpload(ctx: RouteContext): Promise<Reply> {
  let body: unknown;
  try {
    body = JSON.parse((await ctx.body()).toString('utf8'));
  } catch {
    return falError(422, [{ loc: ['body'], msg: 'body must be JSON', type: 'value_error' }]);
  }
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const fileName = fields.file_name;
  const contentType = fields.content_type ?? 'application/octet-stream';
  if (typeof fileName !== 'string' || fileName === '' || typeof contentType !== 'string') {
    return falError(422, [
      {
        loc: ['body', 'file_name'],
        msg: 'file_name must be a non-empty string',
        type: 'value_error',
      },
    ]);
  }
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase() ?? 'bin';
  const fileId = newId(extension);
  const token = randomBytes(16).toString('hex');
  ctx.state.uploads.set(token, { fileId, contentType });
  // Upload URLs nobody uses must not pile up: the oldest lapse, as presigned URLs expire.
  for (const stale of ctx.state.uploads.keys()) {
    if (ctx.state.uploads.size <= maxPendingUploads) break;
    ctx.state.uploads.delete(stale);
  }
  return jsonReply(200, {
    upload_url: `${ctx.origin}/storage/upload/put/${token}`,
    file_url: `${ctx.origin}/files/${fileId}`,
  });
}

/** `PUT` of the bytes to an upload URL: stores them under the file URL `initiate` promised. */
export async function receiveUpload(ctx: RouteContext, token: string): Promise<Reply> {
  const pending = ctx.state.uploads.get(token);
  if (!pending) return falError(404, 'Upload URL not found or already used');
  const bytes = await ctx.body();
  ctx.state.uploads.delete(token);
  const declared = ctx.req.headers['content-type'];
  const contentType =
    typeof declared === 'string' && declared !== '' ? declared : pending.contentType;
  ctx.state.files.put(bytes, contentType, '', pending.fileId);
  return jsonReply(200, {});
}
