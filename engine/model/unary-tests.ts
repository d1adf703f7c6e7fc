/**
 * FEEL unary tests (the input entries of DMN decision tables), beside model/expressions.ts as the only other place
 * that knows the FEEL interpreter. '-' or an empty entry matches any value.
 */
import { parseUnaryTests, unaryTest } from 'feelin';
import { ExpressionSyntaxError } from './expressions.js';
import { EvaluationError } from '../errors.js';

export interface UnaryTests {
  readonly source: string;
  readonly matchesAnything: boolean;
  /** Whether `input` passes the tests; variables are visible to the tests. Throws EvaluationError. */
  test(input: unknown, variables: Readonly<Record<string, unknown>>): boolean;
}

export function compileUnaryTests(raw: string): UnaryTests {
  const text = raw.trim();
  if (text === '' || text === '-') return { source: raw, matchesAnything: true, test: () => true };
  const tree = parseUnaryTests(text, {}, undefined);
  let errorAt: number | null = null;
  tree.iterate({
    enter(node) {
      if (errorAt !== null) return false;
      if (node.type.isError) errorAt = node.from;
      return undefined;
    },
  });
  if (errorAt !== null) throw new ExpressionSyntaxError(`failed to parse unary tests '${text}': syntax error at position ${errorAt}`);
  return {
    source: raw,
    matchesAnything: false,
    test(input, variables) {
      let result: { value: boolean | null; warnings: Array<{ type: string; message: string }> };
      try {
        result = unaryTest(text, { ...variables, '?': input });
      } catch (error) {
        throw new EvaluationError(`failed to evaluate unary tests '${text}': ${(error as Error).message}`);
      }
      return result.value === true;
    },
  };
}
