import { createHash } from 'node:crypto';
import { specValidator } from '../openapi/spec-validator.js';
import { resolveImageRef } from './resolve-image-ref.js';

/** A problem reported as OpenAI's 400 envelope. */
export class EditRequestError extends Error {
  constructor(
    message: string,
    readonly param: string | null,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** An edit request after parsing, in either body form. */
export interface EditRequest {
  transport: 'multipart' | 'json';
  fields: Record<string, unknown>;
  images: Buffer[];
  mask?: Buffer;
  /** gpt-image-2.6's marks layer. */
  markup?: Buffer;
  /** The multipart parts in the order they arrived (file parts by name only), for the request log. */
  parts?: string[];
  /** SHA-256 of each file part, for the request log. */
  files?: Array<{ name: string; sha256: string }>;
}

const FILE = '<file>';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function declaredTypes(schema: unknown): Set<string> {
  const types = new Set<string>();
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: unknown; anyOf?: unknown[]; oneOf?: unknown[] };
    if (typeof n.type === 'string') types.add(n.type);
    if (Array.isArray(n.type)) for (const t of n.type) types.add(String(t));
    for (const sub of [...(n.anyOf ?? []), ...(n.oneOf ?? [])]) visit(sub);
  };
  visit(schema);
  return types;
}

/** Multipart text fields arrive as strings: coerce them by the type the spec declares. */
function coerce(schema: string, name: string, raw: string): unknown {
  const types = declaredTypes(specValidator().propertySchema(schema, name));
  if (types.has('string')) return raw;
  if ((types.has('integer') || types.has('number')) && /^-?\d+(\.\d+)?$/.test(raw.trim()))
    return Number(raw);
  if (types.has('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (types.has('null') && raw === 'null') return null;
  return raw;
}

function checkUnknown(schema: string, fields: Record<string, unknown>) {
  const known = new Set(specValidator().propertyNames(schema));
  for (const name of Object.keys(fields)) {
    if (!known.has(name)) {
      throw new EditRequestError(`Unknown parameter: '${name}'.`, name, 'unknown_parameter');
    }
  }
}

function validate(schema: string, value: unknown): void {
  const issue = specValidator().validate(schema, value);
  if (issue) throw new EditRequestError(issue.message, issue.param, issue.code);
}

export async function parseMultipart(body: Buffer, contentType: string): Promise<EditRequest> {
  let form: FormData;
  try {
    form = await new Request('http://emulator.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(body),
    }).formData();
  } catch {
    throw new EditRequestError(
      'Could not parse the multipart/form-data body.',
      null,
      'invalid_multipart',
    );
  }
  const schema = specValidator().schemaFor('multipart/form-data');
  const fields: Record<string, unknown> = {};
  const images: Buffer[] = [];
  let mask: Buffer | undefined;
  let markup: Buffer | undefined;
  const files: Array<{ name: string; sha256: string }> = [];
  const entries: Array<[string, FormDataEntryValue]> = [];
  form.forEach((value, key) => {
    entries.push([key, value]);
  });
  for (const [key, value] of entries) {
    const isFile = typeof value !== 'string';
    if (key === 'image' || key === 'image[]') {
      if (!isFile)
        throw new EditRequestError(`'${key}' must be a file upload.`, 'image', 'invalid_type');
      const bytes = Buffer.from(await value.arrayBuffer());
      images.push(bytes);
      files.push({ name: key, sha256: sha256(bytes) });
    } else if (key === 'mask' || key === 'markup') {
      if (!isFile)
        throw new EditRequestError(`'${key}' must be a file upload.`, key, 'invalid_type');
      const bytes = Buffer.from(await value.arrayBuffer());
      files.push({ name: key, sha256: sha256(bytes) });
      if (key === 'mask') mask = bytes;
      else markup = bytes;
    } else if (isFile) {
      throw new EditRequestError(`'${key}' must be a text field, not a file.`, key, 'invalid_type');
    } else {
      fields[key] = coerce(schema, key, value);
    }
  }
  checkUnknown(schema, fields);
  const candidate: Record<string, unknown> = { ...fields };
  if (images.length === 1) candidate.image = FILE;
  if (images.length > 1) candidate.image = images.map(() => FILE);
  if (mask) candidate.mask = FILE;
  if (markup) candidate.markup = FILE;
  validate(schema, candidate);
  return {
    transport: 'multipart',
    fields,
    images,
    ...(mask ? { mask } : {}),
    ...(markup ? { markup } : {}),
    parts: entries.map(([key]) => key),
    files,
  };
}

interface ImageRef {
  image_url?: string;
  file_id?: string;
}

/** Finds an uploaded file's bytes by its id (the Files API), or undefined when there is none. */
export type FileIdResolver = (id: string) => Buffer | undefined;

async function refBytes(
  ref: ImageRef,
  param: string,
  maxBytes: number,
  fileBytes: FileIdResolver,
): Promise<Buffer> {
  if (typeof ref.image_url === 'string')
    return resolveImageRef(ref.image_url, `${param}.image_url`, maxBytes);
  const bytes = typeof ref.file_id === 'string' ? fileBytes(ref.file_id) : undefined;
  if (bytes) return bytes;
  throw new EditRequestError(
    `Invalid '${param}.file_id': no file with id '${String(ref.file_id).slice(0, 100)}' was found.`,
    `${param}.file_id`,
    'file_not_found',
  );
}

export async function parseJson(
  body: Buffer,
  maxImageBytes: number,
  fileBytes: FileIdResolver = () => undefined,
): Promise<EditRequest> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new EditRequestError(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't sending valid JSON.)",
      null,
      null,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EditRequestError('The JSON body must be an object.', null, 'invalid_type');
  }
  const schema = specValidator().schemaFor('application/json');
  const fields = value as Record<string, unknown>;
  checkUnknown(schema, fields);
  validate(schema, fields);
  const {
    images: refs,
    mask: maskRef,
    markup: markupRef,
    ...rest
  } = fields as { images?: unknown; mask?: unknown; markup?: unknown };
  if (!Array.isArray(refs) || refs.length === 0) {
    throw new EditRequestError(
      "Missing required parameter: 'images'.",
      'images',
      'missing_required_parameter',
    );
  }
  const images: Buffer[] = [];
  for (const [index, ref] of refs.entries()) {
    images.push(
      await refBytes((ref ?? {}) as ImageRef, `images[${index}]`, maxImageBytes, fileBytes),
    );
  }
  const mask = maskRef
    ? await refBytes(maskRef as ImageRef, 'mask', maxImageBytes, fileBytes)
    : undefined;
  const markup = markupRef
    ? await refBytes(markupRef as ImageRef, 'markup', maxImageBytes, fileBytes)
    : undefined;
  return {
    transport: 'json',
    fields: rest,
    images,
    ...(mask ? { mask } : {}),
    ...(markup ? { markup } : {}),
  };
}
