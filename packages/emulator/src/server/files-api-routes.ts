import { type FilePurpose, fileView } from '../batches/openai-files.js';
import { batchOperations } from '../openapi/openai-subset.generated.js';
import { specValidator } from '../openapi/spec-validator.js';
import { bytesReply, jsonReply, openAiError, type Reply } from './reply-helpers.js';
import type { RouteContext } from './route-context.js';

const FILE = '<file>';

function notFound(id: string): Reply {
  return openAiError(404, `No such File object: ${id.slice(0, 200)}`, { param: 'id' });
}

/** `POST /v1/files`: a multipart upload of `file` and `purpose` (and `expires_after[…]`). */
export async function createFile(ctx: RouteContext): Promise<Reply> {
  const contentType = String(ctx.req.headers['content-type'] ?? '');
  if (!/^multipart\/form-data/i.test(contentType)) {
    return openAiError(
      400,
      `Invalid Content-Type '${contentType || '(none)'}': send multipart/form-data.`,
    );
  }
  let form: FormData;
  try {
    form = await new Request('http://emulator.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(await ctx.body()),
    }).formData();
  } catch {
    return openAiError(400, 'Could not parse the multipart/form-data body.');
  }
  const file = form.get('file');
  const fields: Record<string, unknown> = {};
  const expires: Record<string, unknown> = {};
  const entries: Array<[string, FormDataEntryValue]> = [];
  form.forEach((value, key) => {
    entries.push([key, value]);
  });
  for (const [key, value] of entries) {
    if (key === 'file') continue;
    if (typeof value !== 'string') {
      return openAiError(400, `'${key}' must be a text field, not a file.`, { param: key });
    }
    const nested = /^expires_after\[(anchor|seconds)\]$/.exec(key);
    if (nested) expires[nested[1]!] = nested[1] === 'seconds' ? Number(value) : value;
    else fields[key] = value;
  }
  const candidate = {
    ...fields,
    ...(file ? { file: FILE } : {}),
    ...(Object.keys(expires).length > 0 ? { expires_after: expires } : {}),
  };
  const issue = specValidator().validate(
    batchOperations['POST /files'].requestBodies['multipart/form-data'],
    candidate,
  );
  if (issue) return openAiError(400, issue.message, { param: issue.param, code: issue.code });
  if (!file || typeof file === 'string') {
    return openAiError(400, "'file' must be a file upload.", { param: 'file' });
  }
  const stored = ctx.state.openAiFiles.add(
    Buffer.from(await file.arrayBuffer()),
    file.name || 'upload',
    fields.purpose as FilePurpose,
    typeof expires.seconds === 'number' ? expires.seconds : undefined,
  );
  return jsonReply(200, fileView(stored));
}

export function retrieveFile(ctx: RouteContext, id: string): Reply {
  const file = ctx.state.openAiFiles.get(id);
  return file ? jsonReply(200, fileView(file)) : notFound(id);
}

/** `GET /v1/files/{id}/content`: the bytes as uploaded or written (batch output is JSONL). */
export function fileContent(ctx: RouteContext, id: string): Reply {
  const file = ctx.state.openAiFiles.get(id);
  if (!file) return notFound(id);
  return bytesReply(200, file.bytes, 'application/octet-stream');
}

export function deleteFile(ctx: RouteContext, id: string): Reply {
  if (!ctx.state.openAiFiles.delete(id)) return notFound(id);
  return jsonReply(200, { id, object: 'file', deleted: true });
}
