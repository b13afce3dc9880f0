import type { ErrorObject } from 'ajv/dist/2020.js';

/** One problem found in a request, phrased the way OpenAI phrases it. */
export interface SpecIssue {
  message: string;
  param: string | null;
  code: string;
}

/** `/images/0/image_url` → `images[0].image_url`, OpenAI's spelling of a parameter path. */
function paramOf(instancePath: string): string | null {
  if (!instancePath) return null;
  return instancePath
    .slice(1)
    .split('/')
    .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

const limitOf = (error: ErrorObject) => (error.params as { limit: number }).limit;
const lengthOf = (data: unknown) =>
  Array.isArray(data) || typeof data === 'string' ? data.length : 0;

/** OpenAI's wording for length limits, e.g. "array too long. Expected … maximum length 16 …". */
function lengthIssue(error: ErrorObject): { detail: string; code: string } | undefined {
  const limit = limitOf(error);
  const length = lengthOf(error.data);
  switch (error.keyword) {
    case 'maxItems':
      return {
        detail: `array too long. Expected an array with maximum length ${limit}, but got an array with length ${length} instead`,
        code: 'array_above_max_length',
      };
    case 'minItems':
      return length === 0
        ? {
            detail: `empty array. Expected an array with minimum length ${limit}, but got an empty array instead`,
            code: 'empty_array',
          }
        : {
            detail: `array too short. Expected an array with minimum length ${limit}, but got an array with length ${length} instead`,
            code: 'array_below_min_length',
          };
    case 'maxLength':
      return {
        detail: `string too long. Expected a string with maximum length ${limit}, but got a string with length ${length} instead`,
        code: 'string_above_max_length',
      };
    case 'minLength':
      return length === 0
        ? {
            detail: `empty string. Expected a string with minimum length ${limit}, but got an empty string instead`,
            code: 'empty_string',
          }
        : {
            detail: `string too short. Expected a string with minimum length ${limit}, but got a string with length ${length} instead`,
            code: 'string_below_min_length',
          };
    default:
      return undefined;
  }
}

/**
 * Picks the error a person should read first and words it like OpenAI. Within an `anyOf`
 * (`image` is a file or a list of files), a `type` error is dropped when another branch accepted
 * the type and failed on a limit: that limit is the real problem.
 */
export function describeSpecIssue(errors: ErrorObject[]): SpecIssue {
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
  const meaningful = specific.filter(
    (e) =>
      e.keyword !== 'type' ||
      !specific.some((other) => other.keyword !== 'type' && other.instancePath === e.instancePath),
  );
  const chosen =
    meaningful.find((e) => e.keyword === 'enum') ??
    meaningful.find((e) => lengthIssue(e) !== undefined) ??
    meaningful.sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ??
    errors[0];
  const param = paramOf(chosen?.instancePath ?? '');
  const name = param ?? 'body';
  const length = chosen ? lengthIssue(chosen) : undefined;
  if (length) {
    return { message: `Invalid '${name}': ${length.detail}.`, param, code: length.code };
  }
  let detail = chosen?.message ?? 'is invalid';
  if (chosen?.keyword === 'enum') {
    const allowed = (chosen.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    detail = `must be one of ${allowed
      .filter((v) => v !== null)
      .map((v) => `'${String(v)}'`)
      .join(', ')}`;
  }
  const exclusive = (chosen?.schema as { required?: unknown } | undefined)?.required;
  if (chosen?.keyword === 'not' && Array.isArray(exclusive)) {
    // ImageRefParam: `not: {required: [image_url, file_id]}` means "exactly one of them".
    detail = `must not set ${exclusive.map((name) => `'${String(name)}'`).join(' and ')} together`;
  }
  if (chosen?.keyword === 'required') {
    const missing = String((chosen.params as { missingProperty?: string }).missingProperty);
    detail = `is missing required property '${missing}'`;
  }
  return { message: `Invalid value for '${name}': ${detail}.`, param, code: 'invalid_value' };
}
