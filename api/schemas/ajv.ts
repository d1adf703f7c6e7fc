import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ProblemFieldError } from '../errors.js';

// ajv and ajv-formats are CommonJS with a default export; under NodeNext the class sits on .default.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

/** Bodies are validated strictly; query strings and path parameters arrive as text and are coerced. */
const strictAjv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
const coercingAjv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: 'array', strict: true });
for (const ajv of [strictAjv, coercingAjv]) {
  addFormats(ajv, ['date', 'date-time', 'email', 'uri']);
  // 'YYYY-MM-DD' that is also a real calendar day (no 30 February)
  ajv.addFormat('calendar-date', {
    type: 'string',
    validate: (text: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
      const date = new Date(`${text}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
    },
  });
}

export type JsonSchema = Record<string, unknown>;

export function compileBodySchema(schema: JsonSchema): ValidateFunction {
  return strictAjv.compile(schema);
}

export function compileCoercingSchema(schema: JsonSchema): ValidateFunction {
  return coercingAjv.compile(schema);
}

/** ajv errors → problem+json field errors with a JSON pointer under the request part (/body/name). */
export function toFieldErrors(part: 'body' | 'query' | 'params', errors: ErrorObject[] | null | undefined): ProblemFieldError[] {
  return (errors ?? []).map((error) => {
    let pointer = error.instancePath;
    if (error.keyword === 'required') pointer += `/${String(error.params.missingProperty)}`;
    if (error.keyword === 'additionalProperties') pointer += `/${String(error.params.additionalProperty)}`;
    return { path: `/${part}${pointer}`, message: error.message ?? 'is invalid', keyword: error.keyword };
  });
}
