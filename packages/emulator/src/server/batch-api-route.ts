import { cancelBatch, createBatch, listBatches, retrieveBatch } from './batches-routes.js';
import { createFile, deleteFile, fileContent, retrieveFile } from './files-api-routes.js';
import type { RouteMatch } from './match-route.js';
import type { Reply } from './reply.js';
import type { RouteContext } from './route-context.js';

/** The Files and Batches routes, or undefined for any other match. */
export function routeBatchApi(
  match: RouteMatch,
  ctx: RouteContext,
): Promise<Reply> | Reply | undefined {
  switch (match.route) {
    case 'files.create':
      return createFile(ctx);
    case 'files.retrieve':
      return retrieveFile(ctx, match.id);
    case 'files.content':
      return fileContent(ctx, match.id);
    case 'files.delete':
      return deleteFile(ctx, match.id);
    case 'batches.create':
      return createBatch(ctx);
    case 'batches.list':
      return listBatches(ctx);
    case 'batches.retrieve':
      return retrieveBatch(ctx, match.id);
    case 'batches.cancel':
      return cancelBatch(ctx, match.id);
    default:
      return undefined;
  }
}
