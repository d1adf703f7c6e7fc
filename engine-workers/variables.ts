import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { incident, type JobVariables } from './outcome.js';
import type { Parsed } from './job-definition.js';

// ajv and ajv-formats are CommonJS with a default export; under NodeNext the class sits on .default.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function isRealDay(text: string): boolean {
  const match = DATE.exec(text.slice(0, 10));
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(text.slice(0, 10));
}

/** Job variables are process data: not strict about unknown keys (every visible variable arrives), strict about types. */
// strictRequired off: conditional requirements (if/then, anyOf) name properties declared beside them, not inside
const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true, strictRequired: false, allowUnionTypes: true, coerceTypes: false, verbose: true });
addFormats(ajv, ['date-time']);
ajv.addFormat('calendar-date', { type: 'string', validate: (text: string) => DATE.test(text) && isRealDay(text) });
// an instant as the legal calendar takes it: a date-time with an offset, or a bare date (00:00 in China)
ajv.addFormat('instant', { type: 'string', validate: (text: string) => (DATE.test(text) || DATE_TIME.test(text)) && isRealDay(text) });

export type JsonSchema = Record<string, unknown>;

export interface ParserOptions {
  /**
   * Custom headers (zeebe:taskHeaders, the static configuration of a task in the diagram) that supply a variable the
   * process does not set, with the type to read the header text as. A process variable wins over a header.
   */
  headers?: Record<string, 'string' | 'integer'>;
  /** Other names a variable may come under (alias → name), from a variable or a header, e.g. numberKind → kind. */
  aliases?: Record<string, string>;
}

/**
 * A parseVariables for a job file: validates against `schema` and names every bad variable in the incident.
 * Top-level variables that are null count as absent (a FEEL input mapping of a missing path gives null).
 */
export function variableParser<I>(jobType: string, schema: JsonSchema, options: ParserOptions = {}): (variables: JobVariables, headers?: Readonly<Record<string, string>>) => Parsed<I> {
  const validate: ValidateFunction = ajv.compile(schema);
  return (variables, headers = {}) => {
    // useDefaults writes into the object: validate a copy, never the job's own variables
    const copy = structuredClone(variables) as JobVariables;
    for (const [key, value] of Object.entries(copy)) if (value === null) delete copy[key];
    for (const [key, type] of Object.entries(options.headers ?? {})) {
      const header = headers[key];
      if (copy[key] === undefined && header !== undefined) copy[key] = type === 'integer' && /^-?\d+$/.test(header.trim()) ? Number(header) : header;
    }
    for (const [alias, name] of Object.entries(options.aliases ?? {})) {
      if (copy[name] === undefined && copy[alias] !== undefined) copy[name] = copy[alias];
    }
    if (validate(copy)) return { ok: true, input: copy as I };
    // 'if' only says that a 'then' failed, which has its own, more telling error
    const problems = (validate.errors ?? []).filter((error) => error.keyword !== 'if').map(describeError);
    return { ok: false, outcome: incident(`Expected the variables of job type '${jobType}' to be valid, but ${problems.join('; ')}`) };
  };
}

/** The variable's path as a modeller writes it in FEEL: fields.party.name, evidence[0]. */
export function variablePath(error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '');
}

function describeError(error: ErrorObject): string {
  const name = variablePath(error) || '(the variables)';
  switch (error.keyword) {
    case 'required':
      return `variable '${name}' is missing`;
    case 'type':
      return `variable '${name}' must be of type ${String(error.params.type)}, but got ${describeValue(error.data)}`;
    case 'enum':
      return `variable '${name}' must be one of ${(error.params.allowedValues as unknown[]).map((v) => `'${String(v)}'`).join(', ')}, but got ${describeValue(error.data)}`;
    case 'format':
      return `variable '${name}' must be ${formatText(String(error.params.format))}, but got ${describeValue(error.data)}`;
    default:
      return `variable '${name}' ${error.message ?? 'is invalid'}${error.data === undefined ? '' : ` (got ${describeValue(error.data)})`}`;
  }
}

function formatText(format: string): string {
  if (format === 'calendar-date') return 'a date (YYYY-MM-DD)';
  if (format === 'instant') return 'a date (YYYY-MM-DD) or a date-time with an offset (2026-03-02T10:00:00+08:00)';
  if (format === 'date-time') return 'a date-time with an offset';
  return `in format '${format}'`;
}

function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
