import { createRequire } from 'node:module';
import type { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type {
  JsonSchemaType,
  JsonSchemaValidator,
  jsonSchemaValidator,
} from '@modelcontextprotocol/sdk/validation/types.js';

type AjvProvider = typeof import('@modelcontextprotocol/sdk/validation/ajv');

/**
 * The SDK's own ajv validator, made on first use. The server needs it only to check a user's
 * answer to a confirmation (elicitation), never for `initialize` or `tools/list`, and ajv is a
 * sizeable part of what `retouch mcp` would otherwise load and set up before its first answer.
 * It is loaded through the SDK's CommonJS build because a validator is asked for synchronously.
 */
export class LazyJsonSchemaValidator implements jsonSchemaValidator {
  private ajv: AjvJsonSchemaValidator | undefined;

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    this.ajv ??= new (
      createRequire(import.meta.url)('@modelcontextprotocol/sdk/validation/ajv') as AjvProvider
    ).AjvJsonSchemaValidator();
    return this.ajv.getValidator<T>(schema);
  }
}
