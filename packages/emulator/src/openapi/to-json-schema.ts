type Json = unknown;
type JsonObject = Record<string, Json>;

const DROPPED_KEYS = new Set(['discriminator', 'example', 'examples', 'xml', 'externalDocs']);

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns one OpenAPI (3.0 or 3.1) schema into JSON Schema 2020-12 that ajv understands:
 * `$ref`s point into `$defs`, `nullable: true` becomes a null alternative, `x-` and
 * documentation-only keys go, and `format: binary` (a multipart file) is dropped because
 * files reach the validator as placeholder strings.
 */
export function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-') || DROPPED_KEYS.has(key) || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', '#/$defs/');
    } else if (key === 'format' && value === 'binary') {
    } else if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub)]),
      );
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (schema.nullable === true) return makeNullable(out);
  return out;
}

function makeNullable(out: JsonObject): JsonObject {
  if (typeof out.type === 'string') {
    const nullable: JsonObject = { ...out, type: [out.type, 'null'] };
    if (Array.isArray(out.enum)) nullable.enum = [...out.enum, null];
    return nullable;
  }
  return { anyOf: [out, { type: 'null' }] };
}
