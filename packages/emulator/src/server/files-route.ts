import { bytesReply, falError, type Reply } from './reply-helpers.js';
import type { RouteContext } from './route-context.js';

/** `GET /files/{id}`: the images the emulator produced, for `url` answers. */
export function serveFile(ctx: RouteContext, id: string): Reply {
  const file = ctx.state.files.get(id);
  if (!file) return falError(404, 'File not found');
  const reply = bytesReply(200, file.bytes, file.contentType);
  reply.headers['cache-control'] = 'public, max-age=3600, immutable';
  return reply;
}
