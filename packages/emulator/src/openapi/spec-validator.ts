import { readFile } from 'node:fs/promises';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { findOpenApiSpec } from './find-spec.js';
import { reachableSchemas, toJsonSchema } from './to-json-schema.js';

/** One problem found in a request, phrased the way OpenAI phrases it. */
export interface SpecIssue {
  message: string;
  param: string | null;
  code: string;
}

export interface SpecValidator {
  /** Absolute path of the YAML that was loaded. */
  readonly path: string;
  /** The request schema name for a content type of `POST /images/edits`, read from the spec. */
  schemaFor(contentType: 'multipart/form-data' | 'application/json'): string;
  /** A converted schema's property, for coercing multipart text fields by their declared type. */
  propertySchema(schemaName: string, property: string): unknown;
  propertyNames(schemaName: string): string[];
  /** Validates against a component schema; the first issue, or undefined when it conforms. */
  validate(schemaName: string, value: unknown): SpecIssue | undefined;
}

type JsonObject = Record<string, unknown>;

const ROOTS = [
  'CreateImageEditRequest',
  'EditImageBodyJsonParam',
  'ImagesResponse',
  'ImageEditStreamEvent',
  'ErrorResponse',
];

let cached: Promise<SpecValidator | undefined> | undefined;

/** Loads (once per process) the spec and compiles validators; undefined when no spec is found. */
export function loadSpecValidator(): Promise<SpecValidator | undefined> {
  cached ??= (async () => {
    const path = findOpenApiSpec();
    if (!path) return undefined;
    return createSpecValidator(path, await readFile(path, 'utf8'));
  })();
  return cached;
}

export function createSpecValidator(path: string, yamlText: string): SpecValidator {
  const doc = parse(yamlText, { maxAliasCount: -1 }) as JsonObject;
  const components = (doc.components as JsonObject | undefined)?.schemas as JsonObject;
  const names = reachableSchemas(components, ROOTS);
  const defs = Object.fromEntries(names.map((name) => [name, toJsonSchema(components[name])]));
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  ajv.addSchema({ $id: 'openai', $defs: defs });
  const compiled = new Map<string, ValidateFunction>();
  const editPost = ((doc.paths as JsonObject)['/images/edits'] as JsonObject).post as JsonObject;
  const content = (editPost.requestBody as JsonObject).content as JsonObject;

  const getValidator = (name: string): ValidateFunction => {
    let fn = compiled.get(name);
    if (!fn) {
      fn = ajv.compile({ $ref: `openai#/$defs/${name}` });
      compiled.set(name, fn);
    }
    return fn;
  };
  const deref = (node: unknown) => derefWith(defs, node);
  const properties = (name: string): JsonObject =>
    ((defs[name] as JsonObject | undefined)?.properties as JsonObject | undefined) ?? {};

  return {
    path,
    schemaFor(contentType) {
      const media = content[contentType] as JsonObject | undefined;
      const ref = (media?.schema as JsonObject | undefined)?.$ref;
      if (typeof ref !== 'string') throw new Error(`spec has no ${contentType} body for edits`);
      return ref.replace('#/components/schemas/', '');
    },
    propertySchema: (name, property) => deref(properties(name)[property]),
    propertyNames: (name) => Object.keys(properties(name)),
    validate(name, value) {
      const fn = getValidator(name);
      if (fn(value)) return undefined;
      return describeIssue(fn.errors ?? []);
    },
  };
}

/** Follows `$ref`s (also inside anyOf/oneOf) so callers see the declared types. */
function derefWith(defs: JsonObject, node: unknown, depth = 0): unknown {
  if (typeof node !== 'object' || node === null || depth > 8) return node;
  const n = node as JsonObject;
  if (typeof n.$ref === 'string') {
    return derefWith(defs, defs[n.$ref.replace('#/$defs/', '')], depth + 1);
  }
  const out: JsonObject = { ...n };
  for (const key of ['anyOf', 'oneOf']) {
    if (Array.isArray(n[key]))
      out[key] = (n[key] as unknown[]).map((sub) => derefWith(defs, sub, depth + 1));
  }
  return out;
}

function paramOf(instancePath: string): string | null {
  if (!instancePath) return null;
  return instancePath
    .slice(1)
    .split('/')
    .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

function describeIssue(errors: ErrorObject[]): SpecIssue {
  const required = errors.find((e) => e.keyword === 'required');
  if (required && !required.instancePath) {
    const name = String((required.params as { missingProperty?: string }).missingProperty);
    return {
      message: `Missing required parameter: '${name}'.`,
      param: name,
      code: 'missing_required_parameter',
    };
  }
  const specific = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'not');
  const chosen =
    specific.find((e) => e.keyword === 'enum') ??
    specific.sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ??
    errors[0];
  const param = paramOf(chosen?.instancePath ?? '');
  let detail = chosen?.message ?? 'is invalid';
  if (chosen?.keyword === 'enum') {
    const allowed = (chosen.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    detail = `must be one of ${allowed
      .filter((v) => v !== null)
      .map((v) => `'${String(v)}'`)
      .join(', ')}`;
  }
  if (chosen?.keyword === 'required') {
    const name = String((chosen.params as { missingProperty?: string }).missingProperty);
    detail = `is missing required property '${name}'`;
  }
  return {
    message: `Invalid value for '${param ?? 'body'}': ${detail}.`,
    param,
    code: 'invalid_value',
  };
}
