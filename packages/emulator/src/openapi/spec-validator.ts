import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describeSpecIssue, type SpecIssue } from './describe-spec-issue.js';
import { imagesEdits, type OpenApiSchema, schemas } from './openai-subset.generated.js';
import { withRequestExtensions } from './request-extensions.js';
import { toJsonSchema } from './to-json-schema.js';

export type { SpecIssue };

export interface SpecValidator {
  /** The request schema name for a content type of `POST /images/edits`, read from the spec. */
  schemaFor(contentType: 'multipart/form-data' | 'application/json'): string;
  /** A converted schema's property, for coercing multipart text fields by their declared type. */
  propertySchema(schemaName: string, property: string): unknown;
  propertyNames(schemaName: string): string[];
  /** Validates against a component schema; the first issue, or undefined when it conforms. */
  validate(schemaName: string, value: unknown): SpecIssue | undefined;
}

type JsonObject = Record<string, unknown>;

let cached: SpecValidator | undefined;

/** The validator for the OpenAPI subset the package carries, compiled once per process. */
export function specValidator(): SpecValidator {
  cached ??= createSpecValidator(withRequestExtensions(schemas));
  return cached;
}

function createSpecValidator(components: Readonly<Record<string, OpenApiSchema>>): SpecValidator {
  const defs = Object.fromEntries(
    Object.entries(components).map(([name, schema]) => [name, toJsonSchema(schema)]),
  ) as JsonObject;
  const ajv = new Ajv2020({
    strict: false,
    allErrors: false,
    validateFormats: false,
    // Each error carries the offending value, so a message can say how long an array was.
    verbose: true,
  });
  ajv.addSchema({ $id: 'openai', $defs: defs });
  const compiled = new Map<string, ValidateFunction>();

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
    schemaFor: (contentType) => imagesEdits.requestBodies[contentType],
    propertySchema: (name, property) => deref(properties(name)[property]),
    propertyNames: (name) => Object.keys(properties(name)),
    validate(name, value) {
      const fn = getValidator(name);
      if (fn(value)) return undefined;
      return describeSpecIssue(fn.errors ?? []);
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
