/**
 * The one module that knows the FEEL interpreter (nikku/feelin). A value starting with '=' is a FEEL expression,
 * anything else is static. Expressions are compiled once per deployed model: the syntax is checked at deploy time
 * and the compiled object is cached with the model. (feelin's public API re-parses on evaluation; swapping the
 * interpreter only touches this file.)
 */
import { evaluate as feelEvaluate, parseExpression } from 'feelin';
import { EvaluationError } from '../errors.js';

export interface Expression {
  readonly source: string;
  readonly isStatic: boolean;
  /** Evaluates against a variables context. Static expressions return their text. Throws EvaluationError. */
  evaluate(context: Readonly<Record<string, unknown>>): unknown;
}

export class ExpressionSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionSyntaxError';
  }
}

/** Compiles `raw` (e.g. '=a > 1' or 'static'); throws ExpressionSyntaxError when the FEEL does not parse. */
export function compileExpression(raw: string): Expression {
  const trimmed = raw.trim();
  if (!trimmed.startsWith('=')) {
    return { source: raw, isStatic: true, evaluate: () => raw };
  }
  const feel = trimmed.slice(1).trim();
  if (feel === '') throw new ExpressionSyntaxError(`failed to parse expression '${raw}': the expression is empty`);
  checkSyntax(feel, raw);
  return {
    source: raw,
    isStatic: false,
    evaluate(context) {
      let result: { value: unknown; warnings: Array<{ type: string; message: string }> };
      try {
        result = feelEvaluate(feel, context as Record<string, unknown>);
      } catch (error) {
        throw new EvaluationError(`failed to evaluate expression '${feel}': ${(error as Error).message}`);
      }
      // A missing variable or property gives null (as in Zeebe 8.3); a wrong type or a failed function call is a failure.
      const failure = result.value === null ? result.warnings.find((w) => HARD_WARNINGS.has(w.type)) : undefined;
      if (failure) throw new EvaluationError(`failed to evaluate expression '${feel}': ${failure.message}`);
      return toJsonValue(result.value);
    },
  };
}

const HARD_WARNINGS = new Set(['INVALID_TYPE', 'INVALID_ARGUMENTS', 'NO_FUNCTION_FOUND', 'FUNCTION_INVOCATION_FAILURE', 'NOT_COMPARABLE', 'UNSUPPORTED']);

function checkSyntax(feel: string, raw: string): void {
  const tree = parseExpression(feel, {}, undefined);
  let problem: { from: number } | null = null;
  tree.iterate({
    enter(node) {
      if (problem) return false;
      if (node.type.isError) {
        problem = { from: node.from };
        return false;
      }
      return undefined;
    },
  });
  if (problem) {
    const at = (problem as { from: number }).from;
    throw new ExpressionSyntaxError(`failed to parse expression '${raw}': syntax error at position ${at} ('${feel.slice(at, at + 12)}')`);
  }
}

/** FEEL values (temporal wrappers, ranges, functions) become JSON: temporals as ISO strings, functions as null. */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'function') return null;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto === Object.prototype || proto === null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJsonValue(v);
      return out;
    }
    const text = String(value);
    return text === '[object Object]' ? null : text;
  }
  return null;
}

/** A short FEEL type name for incident messages, as Zeebe reports them ('BOOLEAN', 'NULL', …). */
export function feelTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return 'NUMBER';
  if (typeof value === 'string') return 'STRING';
  if (Array.isArray(value)) return 'ARRAY';
  return 'OBJECT';
}
