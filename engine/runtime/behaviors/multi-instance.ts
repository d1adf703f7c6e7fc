/**
 * Multi-instance (Zeebe's MultiInstanceBodyProcessor and MultiInstanceOutputCollectionBehavior). A multi-instance
 * activity is instantiated twice over, under the same element id: a body (bpmnElementType MULTI_INSTANCE_BODY) in the
 * activity's flow scope, which holds the boundary events and the output collection, and inner instances of the
 * activity itself, whose flow scope is the body. Everything here works on any inner activity (tasks, sub-processes,
 * call activities), which keeps its own processor.
 */
import { EvaluationError, IllegalStateError } from '../../errors.js';
import { feelTypeName, type Expression } from '../../model/expressions.js';
import type { ElementType, FlowElement, MultiInstanceDefinition } from '../../model/process-model.js';
import type { ReadonlyInstanceState } from '../../state/instance-state.js';
import type { ElementInstance } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { isActive } from '../lifecycle.js';
import { setLocalVariable, visibleVariables } from './variables.js';

/** An instance of a multi-instance activity is its body, unless its flow scope is that body: then it is an inner instance. */
export function instanceElementType(state: ReadonlyInstanceState, el: FlowElement, flowScopeKey: string | null): ElementType {
  if (!el.multiInstance) return el.type;
  const scope = flowScopeKey ? state.element(flowScopeKey) : undefined;
  return scope && isBodyOf(scope, el.id) ? el.type : 'MULTI_INSTANCE_BODY';
}

/** Whether `instance` runs inside a multi-instance body (its boundary events belong to the body, not to it). */
export function isInnerInstance(state: ReadonlyInstanceState, instance: Readonly<ElementInstance>): boolean {
  const scope = instance.flowScopeKey ? state.element(instance.flowScopeKey) : undefined;
  return scope !== undefined && isBodyOf(scope, instance.elementId);
}

function isBodyOf(instance: Readonly<ElementInstance>, elementId: string): boolean {
  return instance.elementType === 'MULTI_INSTANCE_BODY' && instance.elementId === elementId;
}

/** The input collection, evaluated in `scopeKey`; anything but a list is an incident naming the expression. */
export function evaluateInputCollection(rt: BpmnRuntime, el: FlowElement, scopeKey: string): unknown[] {
  const { inputCollection } = el.multiInstance!;
  const value = evaluate(inputCollection, visibleVariables(rt.ctx, scopeKey), 'input collection', el.id);
  if (!Array.isArray(value)) {
    throw new EvaluationError(`Expected result of the expression '${inputCollection.source}' (input collection of '${el.id}') to be 'ARRAY', but was '${feelTypeName(value)}'`, 'EXTRACT_VALUE_ERROR');
  }
  return value;
}

/**
 * Queues the inner instance for the item at `loopCounter` (1-based). Its loop variables are local: the input element,
 * the loop counter, and — when the output element is a plain variable (or a path into one) — that variable set to
 * null, so that a job's result without output mappings lands on the inner instance instead of overwriting the
 * same variable of the parallel siblings in an outer scope.
 */
export function activateInnerInstance(rt: BpmnRuntime, el: FlowElement, bodyKey: string, loopCounter: number, item: unknown): void {
  const mi = el.multiInstance!;
  const locals: Record<string, unknown> = {};
  if (mi.inputElement) locals[mi.inputElement] = item;
  const outputVariable = outputElementVariable(mi);
  if (outputVariable && outputVariable !== mi.inputElement && outputVariable !== 'loopCounter') locals[outputVariable] = null;
  locals.loopCounter = loopCounter;
  rt.activate(el.id, bodyKey, { localVariables: locals });
}

const PLAIN_PATH = /^=\s*([A-Za-z_$][\w$]*)(\s*\.\s*[A-Za-z_$][\w$]*)*\s*$/;

function outputElementVariable(mi: MultiInstanceDefinition): string | undefined {
  return mi.outputElement ? PLAIN_PATH.exec(mi.outputElement.source.trim())?.[1] : undefined;
}

/** The output collection starts as a list of nulls, one per input item, so results can land at their item's index. */
export function initializeOutputCollection(rt: BpmnRuntime, el: FlowElement, body: Readonly<ElementInstance>, size: number): void {
  const { outputCollection } = el.multiInstance!;
  if (outputCollection) setLocalVariable(rt.ctx, body.key, outputCollection, new Array<null>(size).fill(null));
}

/** Writes the completing inner instance's output element into the body's output collection at the instance's index. */
export function updateOutputCollection(rt: BpmnRuntime, el: FlowElement, body: Readonly<ElementInstance>, child: Readonly<ElementInstance>): void {
  const { outputCollection, outputElement } = el.multiInstance!;
  if (!outputCollection || !outputElement) return;
  const value = evaluate(outputElement, visibleVariables(rt.ctx, child.key), 'output element', el.id);
  const index = loopCounterOf(child);
  const current = rt.ctx.state.localVariables(body.key).get(outputCollection);
  if (!Array.isArray(current)) {
    throw new EvaluationError(
      `Expected the output collection '${outputCollection}' of '${el.id}' to be a list, but it is '${feelTypeName(current)}'; another element may write to the same variable`,
      'EXTRACT_VALUE_ERROR',
    );
  }
  if (index > current.length) {
    throw new EvaluationError(
      `Expected the output collection '${outputCollection}' of '${el.id}' to have an item at position ${index}, but it has ${current.length}; another element may write to the same variable`,
      'EXTRACT_VALUE_ERROR',
    );
  }
  const updated = [...current];
  updated[index - 1] = value;
  setLocalVariable(rt.ctx, body.key, outputCollection, updated);
}

/**
 * The completion condition, evaluated in the completing inner instance's scope. As in Zeebe, the body's counts are
 * given to this expression only (they are not variables, and they shadow variables of the same name); the
 * completing instance already counts as completed and no longer as active.
 */
export function completionConditionMet(rt: BpmnRuntime, el: FlowElement, body: Readonly<ElementInstance>, child: Readonly<ElementInstance>): boolean {
  const condition = el.multiInstance!.completionCondition;
  if (!condition) return false;
  const counts = body.data.innerInstances ?? { created: 0, completed: 0, terminated: 0 };
  const active = rt.ctx.state.children(body.key).filter((c) => isActive(c.state)).length;
  const context = {
    ...visibleVariables(rt.ctx, child.key),
    numberOfInstances: counts.created,
    numberOfActiveInstances: active - 1,
    numberOfCompletedInstances: counts.completed + 1,
    numberOfTerminatedInstances: counts.terminated,
  };
  const value = evaluate(condition, context, 'completion condition', el.id);
  if (typeof value !== 'boolean') {
    throw new EvaluationError(`Expected result of the expression '${condition.source}' (completion condition of '${el.id}') to be 'BOOLEAN', but was '${feelTypeName(value)}'`, 'EXTRACT_VALUE_ERROR');
  }
  return value;
}

/** Copies the output collection from the completing body to its flow scope (nearest scope that has it, else the root). */
export function outputCollectionOf(rt: BpmnRuntime, el: FlowElement, body: Readonly<ElementInstance>): Record<string, unknown> {
  const { outputCollection } = el.multiInstance!;
  if (!outputCollection) return {};
  return { [outputCollection]: rt.ctx.state.localVariables(body.key).get(outputCollection) ?? null };
}

function loopCounterOf(child: Readonly<ElementInstance>): number {
  const index = child.data.loopCounter;
  if (index === undefined) throw new IllegalStateError(`Expected inner instance '${child.key}' of multi-instance '${child.elementId}' to have a loop counter, but it has none`);
  return index;
}

function evaluate(expression: Expression, context: Record<string, unknown>, what: string, elementId: string): unknown {
  try {
    return expression.evaluate(context);
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    throw new EvaluationError(`Expected to evaluate the ${what} '${expression.source}' of '${elementId}', but ${error.message}`, 'EXTRACT_VALUE_ERROR');
  }
}
