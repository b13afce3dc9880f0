#!/usr/bin/env node
// Derives what the emulator and the providers' contract tests need from OpenAI's OpenAPI
// description into src/openapi/openai-subset.generated.ts, which is compiled and published with
// the package, so nothing reads the YAML at build, test or run time.
//
//   node packages/emulator/scripts/generate-openapi-subset.mjs <path/to/openai-openapi.yaml> \
//     [--commit <sha>] [--date <when>] [--repository openai/openai-openapi]
//
// --commit and --date name the source in the generated header; the YAML itself does not say them.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const EDITS_PATH = '/images/edits';
/** The Files and Batches operations the emulator serves (the Batch API's whole cycle). */
const BATCH_OPERATIONS = [
  ['post', '/files'],
  ['get', '/files/{file_id}'],
  ['delete', '/files/{file_id}'],
  ['post', '/batches'],
  ['get', '/batches'],
  ['get', '/batches/{batch_id}'],
  ['post', '/batches/{batch_id}/cancel'],
];
const ERROR_ENVELOPE = 'ErrorResponse';
const SCHEMA_PREFIX = '#/components/schemas/';
const OUTPUT = join(
  dirname(fileURLToPath(import.meta.url)),
  '../src/openapi/openai-subset.generated.ts',
);

function fail(message) {
  console.error(`generate-openapi-subset: ${message}`);
  process.exit(1);
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The component name a `{$ref: '#/components/schemas/X'}` points at. */
function refName(schema, where) {
  const ref = isObject(schema) ? schema.$ref : undefined;
  if (typeof ref !== 'string' || !ref.startsWith(SCHEMA_PREFIX)) {
    fail(`${where} is not a $ref to a component schema`);
  }
  return ref.slice(SCHEMA_PREFIX.length);
}

/** Maps each media type of an OpenAPI `content` object to its schema's component name. */
function contentSchemas(content, where) {
  if (!isObject(content)) fail(`${where} has no content`);
  return Object.fromEntries(
    Object.entries(content).map(([mediaType, media]) => [
      mediaType,
      refName(media?.schema, `${where} ${mediaType}`),
    ]),
  );
}

/** Every component schema the roots reach through `$ref`, roots first, then by name. */
function reachable(components, roots) {
  const seen = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_PREFIX)) {
        const name = value.slice(SCHEMA_PREFIX.length);
        if (!(name in components)) fail(`$ref to missing schema ${name}`);
        if (!seen.has(name)) {
          seen.add(name);
          visit(components[name]);
        }
      } else {
        visit(value);
      }
    }
  };
  for (const root of roots) visit({ $ref: `${SCHEMA_PREFIX}${root}` });
  const rest = [...seen].filter((name) => !roots.includes(name)).sort();
  return [...roots, ...rest];
}

/** Drops vendor extensions (`x-…`): they steer OpenAI's own tooling, not the wire format. */
function withoutExtensions(node) {
  if (Array.isArray(node)) return node.map(withoutExtensions);
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !key.startsWith('x-'))
      .map(([key, value]) => [key, withoutExtensions(value)]),
  );
}

function formatWithBiome(file) {
  let bin;
  try {
    bin = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  } catch {
    console.warn(
      'generate-openapi-subset: biome not found; run `biome format --write` on the output',
    );
    return;
  }
  const run = spawnSync(process.execPath, [bin, 'format', '--write', file], { stdio: 'inherit' });
  if (run.status !== 0) fail('biome could not format the output');
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    commit: { type: 'string' },
    date: { type: 'string' },
    repository: { type: 'string', default: 'openai/openai-openapi' },
  },
});
if (positionals.length !== 1) {
  fail(
    'usage: generate-openapi-subset.mjs <path/to/openai-openapi.yaml> [--commit SHA] [--date WHEN]',
  );
}
const input = positionals[0];
const bytes = readFileSync(input);
const doc = parse(bytes.toString('utf8'), { maxAliasCount: -1 });
const components = doc?.components?.schemas;
const operation = doc?.paths?.[EDITS_PATH]?.post;
if (!isObject(components)) fail('no components.schemas');
if (!isObject(operation)) fail(`no POST ${EDITS_PATH}`);
if (!(ERROR_ENVELOPE in components)) fail(`no ${ERROR_ENVELOPE} schema`);

const requestBodies = contentSchemas(operation.requestBody?.content, `POST ${EDITS_PATH} body`);
const responses = contentSchemas(operation.responses?.['200']?.content, `POST ${EDITS_PATH} 200`);
/** `{ 'POST /files': { requestBodies, responses } }`: component names of the batch operations. */
const batchOperations = Object.fromEntries(
  BATCH_OPERATIONS.map(([method, path]) => {
    const op = doc.paths?.[path]?.[method];
    const where = `${method.toUpperCase()} ${path}`;
    if (!isObject(op)) fail(`no ${where}`);
    return [
      where,
      {
        requestBodies: op.requestBody
          ? contentSchemas(op.requestBody.content, `${where} body`)
          : {},
        responses: contentSchemas(op.responses?.['200']?.content, `${where} 200`),
      },
    ];
  }),
);
const roots = [
  ...new Set([
    ...Object.values(requestBodies),
    ...Object.values(responses),
    ERROR_ENVELOPE,
    ...Object.values(batchOperations).flatMap((op) => [
      ...Object.values(op.requestBodies),
      ...Object.values(op.responses),
    ]),
  ]),
];
const names = reachable(components, roots);
const schemas = Object.fromEntries(
  names.map((name) => [name, withoutExtensions(components[name])]),
);
const pathRoots = [
  ...new Set(
    Object.keys(doc.paths)
      .map((path) => path.split('?')[0].split('/')[1])
      .filter(Boolean),
  ),
].sort();
const license = doc.info?.license?.identifier ?? doc.info?.license?.name;
if (license !== 'MIT') fail(`the source declares licence ${license}, not MIT: review before use`);

const source = {
  repository: values.repository,
  commit: values.commit ?? 'not recorded',
  date: values.date ?? 'not recorded',
  sha256: createHash('sha256').update(bytes).digest('hex'),
  openapi: String(doc.openapi),
  apiVersion: String(doc.info?.version),
  license,
};
if (!values.commit || !values.date) {
  console.warn(
    'generate-openapi-subset: pass --commit and --date to name the source in the header',
  );
}
const command = [
  'node packages/emulator/scripts/generate-openapi-subset.mjs <path/to/openai-openapi.yaml>',
  ...(values.commit ? [`--commit ${values.commit}`] : []),
  ...(values.date ? [`--date '${values.date}'`] : []),
  ...(values.repository !== 'openai/openai-openapi' ? [`--repository ${values.repository}`] : []),
].join(' ');
const json = (value) => JSON.stringify(value, null, 2);

const text = `// GENERATED FILE: do not edit by hand. Regenerate it from OpenAI's OpenAPI description with
//   ${command}
//
// A subset of ${basename(input)}: the request bodies of POST ${EDITS_PATH} (multipart and JSON), its
// responses and stream events, the error envelope ${ERROR_ENVELOPE}, the Files and Batches operations
// the Batch API needs, and every schema they reference, without vendor extensions (x-…).
// Source: repository ${source.repository}, commit ${source.commit} (${source.date}),
// sha256 ${source.sha256}, OpenAPI ${source.openapi}, API version ${source.apiVersion}.
//
// Copyright (c) OpenAI. Licensed under the MIT License, as the source declares (info.license):
// Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
// associated documentation files (the "Software"), to deal in the Software without restriction,
// including without limitation the rights to use, copy, modify, merge, publish, distribute,
// sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
// furnished to do so, subject to the following conditions: The above copyright notice and this
// permission notice shall be included in all copies or substantial portions of the Software.
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
// NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
// NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
// DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
// OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

/** A schema object of the OpenAPI description, as published (OpenAPI ${source.openapi}). */
export type OpenApiSchema = { readonly [keyword: string]: unknown };

/** Where this subset comes from. */
export const openApiSource = ${json(source)} as const;

/** POST ${EDITS_PATH}: the schema of each request body and 200 response, by media type. */
export const imagesEdits = ${json({ path: EDITS_PATH, requestBodies, responses })} as const;

/** The Files and Batches operations: each one's request body and 200 response schemas. */
export const batchOperations = ${json(batchOperations)} as const;

/** The schema of OpenAI's error envelope \`{error:{message,type,param,code}}\`. */
export const errorEnvelope = ${json(ERROR_ENVELOPE)};

/** The first path segment of every path the API has (\`images\`, \`chat\`, …). */
export const apiPathRoots: readonly string[] = ${json(pathRoots)};

/** The component schemas above and all they reference, by name. */
export const schemas: Readonly<Record<string, OpenApiSchema>> = ${json(schemas)};
`;

writeFileSync(OUTPUT, text);
formatWithBiome(OUTPUT);
console.log(`wrote ${names.length} schemas to ${OUTPUT}`);
