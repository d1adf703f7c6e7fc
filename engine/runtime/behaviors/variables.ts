/**
 * Zeebe's variable scoping: scopes are element instances (the process instance is the root); inner scopes see
 * their ancestors and a local variable shadows an outer one. Propagation updates the nearest scope that has the
 * name, otherwise creates it at the root.
 */
import { EvaluationError } from '../../errors.js';
import type { Mapping } from '../../model/process-model.js';
import type { ProcessingContext } from '../processing-context.js';

/** Scope keys from `scopeKey` up to the root. */
export function scopeChain(ctx: ProcessingContext, scopeKey: string): string[] {
  const chain: string[] = [];
  let key: string | null = scopeKey;
  while (key) {
    chain.push(key);
    key = ctx.state.element(key)?.flowScopeKey ?? null;
  }
  return chain;
}

/** All variables visible from `scopeKey`, nearest scope wins. */
export function visibleVariables(ctx: ProcessingContext, scopeKey: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const chain = scopeChain(ctx, scopeKey);
  for (let i = chain.length - 1; i >= 0; i--) for (const [name, value] of ctx.state.localVariables(chain[i]!)) out[name] = value;
  return out;
}

export function setLocalVariable(ctx: ProcessingContext, scopeKey: string, name: string, value: unknown): void {
  const local = ctx.state.localVariables(scopeKey);
  const exists = local.has(name);
  if (exists && sameJson(local.get(name), value)) return;
  ctx.write({
    valueType: 'VARIABLE',
    intent: exists ? 'UPDATED' : 'CREATED',
    key: ctx.nextKey(),
    value: { name, value, scopeKey, processInstanceKey: ctx.state.instance.key },
  });
}

export function setLocalVariables(ctx: ProcessingContext, scopeKey: string, variables: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(variables)) setLocalVariable(ctx, scopeKey, name, value);
}

/** Per variable: update the first scope from `scopeKey` upwards that has it, else create it at the root. */
export function propagateVariables(ctx: ProcessingContext, scopeKey: string, variables: Record<string, unknown>): void {
  const chain = scopeChain(ctx, scopeKey);
  const root = chain[chain.length - 1]!;
  for (const [name, value] of Object.entries(variables)) {
    const target = chain.find((key) => ctx.state.localVariables(key).has(name)) ?? root;
    setLocalVariable(ctx, target, name, value);
  }
}

/**
 * Input mappings, evaluated in order with a growing context (later mappings see earlier targets). Returns the
 * local variables to create; nothing is written, so a failure leaves no partial state.
 */
export function evaluateInputMappings(ctx: ProcessingContext, inputs: readonly Mapping[], flowScopeKey: string, elementId: string): Record<string, unknown> {
  const locals: Record<string, unknown> = {};
  if (inputs.length === 0) return locals;
  const context = visibleVariables(ctx, flowScopeKey);
  for (const mapping of inputs) {
    const value = evaluateMapping(mapping, { ...context, ...locals }, elementId, 'input');
    assignPath(locals, mapping.target, value, context);
  }
  return locals;
}

/** Output mappings, evaluated in the element's scope; returns the variables to propagate from its flow scope. */
export function evaluateOutputMappings(ctx: ProcessingContext, outputs: readonly Mapping[], elementInstanceKey: string, flowScopeKey: string, elementId: string): Record<string, unknown> {
  const context = visibleVariables(ctx, elementInstanceKey);
  const outer = visibleVariables(ctx, flowScopeKey);
  const results: Record<string, unknown> = {};
  for (const mapping of outputs) assignPath(results, mapping.target, evaluateMapping(mapping, context, elementId, 'output'), outer);
  return results;
}

function evaluateMapping(mapping: Mapping, context: Record<string, unknown>, elementId: string, kind: string): unknown {
  try {
    return mapping.source.evaluate(context);
  } catch (error) {
    throw new EvaluationError(`Expected to evaluate the ${kind} mapping '${mapping.source.source}' → '${mapping.target.join('.')}' of element '${elementId}', but ${(error as Error).message}`, 'IO_MAPPING_ERROR');
  }
}

/** `a.b.c = v`: nested objects are created, merged with the existing value of `a` when it is an object. */
function assignPath(into: Record<string, unknown>, path: readonly string[], value: unknown, existing: Record<string, unknown>): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    into[head] = value;
    return;
  }
  const base = into[head] ?? existing[head];
  const object: Record<string, unknown> = isObject(base) ? { ...base } : {};
  assignPath(object, rest, value, isObject(base) ? base : {});
  into[head] = object;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
