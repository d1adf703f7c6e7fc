/**
 * Activating an element somewhere inside a running instance (Zeebe's ElementActivationBehavior), for start
 * instructions and ModifyProcessInstance: the element's flow scopes are found or created top-down, then the element
 * itself is queued for activation. Created scopes are activated directly (no start event runs in them), so the
 * element is the only path they contain.
 */
import { ok, reject, type Result } from '../../errors.js';
import { element as modelElement, type ProcessModel } from '../../model/process-model.js';
import type { ReadonlyInstanceState } from '../../state/instance-state.js';
import type { ElementInstance } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { evaluateInputMappings, setLocalVariables } from './variables.js';

export interface ElementActivation {
  elementId: string;
  /**
   * An element instance the new instance must be created under (its flow scope or one above); null: the existing
   * instance of each flow scope is used. Below the ancestor, NEW instances of the flow scopes are created, as in Zeebe.
   */
  ancestorKey: string | null;
  /**
   * Local variables per element id, set on the instance of that flow scope (found or created), or on the new element
   * instance itself; the process id stands for the process instance. Set before input mappings run.
   */
  localVariables?: ReadonlyMap<string, Record<string, unknown>>;
}

export interface ActivatedElement {
  elementInstanceKey: string;
  /** The instances the element is activated in, from the process instance down to its direct flow scope. */
  flowScopeKeys: string[];
}

/**
 * Finds or creates the flow scopes of `elementId` and queues its activation. Rejected (INVALID_ARGUMENT) when the
 * scope to use is ambiguous (several instances of a flow scope and no ancestor to choose by) or not active. Input
 * mappings of created scopes may throw EvaluationError; nothing is committed then, as the command fails as a whole.
 */
export function activateElement(rt: BpmnRuntime, activation: ElementActivation): Result<ActivatedElement> {
  const { model, state } = rt.ctx;
  const locals = activation.localVariables ?? NO_VARIABLES;
  const root = state.instance.key;
  setLocals(rt, root, locals.get(model.bpmnProcessId));
  const flowScopeKeys = [root];
  let scopeKey = root;
  for (const scopeId of flowScopeIdsOf(model, activation.elementId)) {
    const candidates = state.children(scopeKey).filter((c) => c.elementId === scopeId);
    const chosen = chooseScope(state, candidates, activation.ancestorKey);
    if (chosen === 'ambiguous') {
      return reject(
        'INVALID_ARGUMENT',
        `Expected to activate element '${activation.elementId}' in an instance of its flow scope '${scopeId}', but there are ${candidates.length} instances of it (${candidates.map((c) => `'${c.key}'`).join(', ')}) and no ancestor element instance key chooses one`,
      );
    }
    if (chosen === null) {
      scopeKey = createScope(rt, scopeId, scopeKey, locals.get(scopeId));
    } else {
      if (chosen.state !== 'ACTIVATED') {
        return reject('INVALID_ARGUMENT', `Expected to activate element '${activation.elementId}' inside the instance '${chosen.key}' of '${scopeId}', but that instance is in state '${chosen.state}'`);
      }
      setLocals(rt, chosen.key, locals.get(scopeId));
      scopeKey = chosen.key;
    }
    flowScopeKeys.push(scopeKey);
  }
  const elementInstanceKey = rt.activate(activation.elementId, scopeKey, { localVariables: locals.get(activation.elementId) });
  return ok({ elementInstanceKey, flowScopeKeys });
}

/** The ids of the element's flow scopes below the process, outermost first. */
export function flowScopeIdsOf(model: ProcessModel, elementId: string): string[] {
  const ids: string[] = [];
  for (let id = modelElement(model, elementId).flowScopeId; id && id !== model.bpmnProcessId; id = modelElement(model, id).flowScopeId) ids.unshift(id);
  return ids;
}

/** Whether `ancestorKey` is the flow scope of `instance` or one above it. */
export function isAncestorOf(state: ReadonlyInstanceState, ancestorKey: string, instance: Readonly<ElementInstance>): boolean {
  for (let key = instance.flowScopeKey; key; key = state.element(key)?.flowScopeKey ?? null) if (key === ancestorKey) return true;
  return false;
}

/**
 * Zeebe's choice among the instances of one flow scope: none → create one; with an ancestor that lies above an
 * existing instance → create a new one under the ancestor; the ancestor itself, or an instance above the ancestor →
 * use it; several and no way to choose → ambiguous.
 */
function chooseScope(state: ReadonlyInstanceState, candidates: ReadonlyArray<Readonly<ElementInstance>>, ancestorKey: string | null): Readonly<ElementInstance> | null | 'ambiguous' {
  if (candidates.length === 0) return null;
  if (candidates.length === 1) {
    const only = candidates[0]!;
    return ancestorKey !== null && isAncestorOf(state, ancestorKey, only) ? null : only;
  }
  if (ancestorKey === null) return 'ambiguous';
  const selected = candidates.find((c) => c.key === ancestorKey);
  if (selected) return selected;
  if (candidates.some((c) => isAncestorOf(state, ancestorKey, c))) return null;
  const ancestor = state.element(ancestorKey);
  return (ancestor && candidates.find((c) => isAncestorOf(state, c.key, ancestor))) ?? 'ambiguous';
}

/** A new instance of a flow scope, ACTIVATED at once: variables first, then its input mappings (which see them). */
function createScope(rt: BpmnRuntime, scopeId: string, flowScopeKey: string, variables: Record<string, unknown> | undefined): string {
  const key = rt.ctx.nextKey();
  rt.ctx.write({ valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATING', key, value: rt.valueOf(scopeId, flowScopeKey) });
  setLocals(rt, key, variables);
  const scopeEl = modelElement(rt.ctx.model, scopeId);
  if (scopeEl.inputs.length > 0) setLocalVariables(rt.ctx, key, evaluateInputMappings(rt.ctx, scopeEl.inputs, key, scopeId));
  rt.transition(rt.ctx.state.element(key)!, 'ELEMENT_ACTIVATED');
  return key;
}

function setLocals(rt: BpmnRuntime, scopeKey: string, variables: Record<string, unknown> | undefined): void {
  if (variables) setLocalVariables(rt.ctx, scopeKey, variables);
}

const NO_VARIABLES: ReadonlyMap<string, Record<string, unknown>> = new Map();
