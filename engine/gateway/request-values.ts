/** Validation of request fields shared by the handlers: JSON variable documents, keys, numbers. */
import { ok, reject, type Result } from '../errors.js';

export function parseVariables(raw: string | undefined, maxBytes: number, what = 'variables'): Result<Record<string, unknown>> {
  if (raw === undefined || raw.trim() === '') return ok({});
  if (raw.length > maxBytes) return reject('INVALID_ARGUMENT', `Expected ${what} to be at most ${maxBytes} characters, but got ${raw.length}`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return reject('INVALID_ARGUMENT', `Expected to parse ${what} as a JSON document, but it is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject('INVALID_ARGUMENT', `Expected ${what} to be a JSON object, but got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
  }
  return ok(value as Record<string, unknown>);
}

/** int64 fields arrive as strings (longs: String); numbers are accepted too. */
export function keyOf(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

export function intOf(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : 0;
  return Number.isFinite(n) ? n : 0;
}
