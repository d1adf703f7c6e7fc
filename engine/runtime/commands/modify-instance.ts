/**
 * ModifyProcessInstance (Zeebe's ProcessInstanceModificationModifyProcessor): activate elements (creating missing
 * flow scopes, or new ones under a chosen ancestor) with variables, and terminate element instances. The
 * instructions are checked against the model and the instance first; what only the activations can tell (an
 * ambiguous flow scope, a termination of a scope an activation is placed in, the end of a call activity's child) is
 * checked as they are applied. A rejection discards every change of the command (the batch flushes nothing of it),
 * so the modification applies completely or not at all.
 *
 * Order, as in Zeebe: activations first (scopes created, elements queued), then terminations; a flow scope left with
 * nothing active by a termination is terminated as well (upwards, up to the process instance), unless an activation
 * of this command needs it. Last, the queued activations run.
 */
import { EvaluationError, ok, reject, type Result } from '../../errors.js';
import type { FlowElement, ProcessModel } from '../../model/process-model.js';
import type { ElementInstance } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { activateElement, flowScopeIdsOf, type ActivatedElement } from '../behaviors/element-activation.js';

export interface ActivateInstruction {
  elementId: string;
  /** null: the existing instance of each flow scope is used (zeebe-node sends -1 for that). */
  ancestorElementInstanceKey: string | null;
  /** scopeId '' is the process instance (global variables). */
  variableInstructions: ReadonlyArray<{ scopeId: string; variables: Record<string, unknown> }>;
}

export interface ModifyInstanceCommand {
  activateInstructions: readonly ActivateInstruction[];
  terminateInstructions: ReadonlyArray<{ elementInstanceKey: string }>;
}

/** Zeebe cannot activate these directly: they are entered by an event or a flow, never on their own. */
const UNSUPPORTED_TYPES: ReadonlySet<string> = new Set(['PROCESS', 'START_EVENT', 'BOUNDARY_EVENT', 'SEQUENCE_FLOW']);

export function modifyInstance(rt: BpmnRuntime, command: ModifyInstanceCommand): Result<void> {
  const invalid = validate(rt, command);
  if (invalid) return invalid;
  const { model, state } = rt.ctx;
  rt.ctx.record('PROCESS_INSTANCE_MODIFICATION', 'MODIFIED', state.instance.key, {
    processInstanceKey: state.instance.key,
    activateInstructions: command.activateInstructions,
    terminateInstructions: command.terminateInstructions,
  });

  // instances that the activations are placed in must survive the terminations
  const required = new Set<string>();
  for (const instruction of command.activateInstructions) {
    let activated: Result<ActivatedElement>;
    try {
      activated = activateElement(rt, { elementId: instruction.elementId, ancestorKey: instruction.ancestorElementInstanceKey, localVariables: variablesByScope(model, instruction) });
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      return reject('INVALID_ARGUMENT', `Expected to modify instance of process '${model.bpmnProcessId}', but activating element '${instruction.elementId}' failed: ${error.message}`);
    }
    if (!activated.ok) return activated;
    for (const key of activated.value.flowScopeKeys) required.add(key);
  }

  const conflicts = command.terminateInstructions.filter((t) => required.has(t.elementInstanceKey)).map((t) => `'${t.elementInstanceKey}'`);
  if (conflicts.length > 0) {
    return reject(
      'INVALID_ARGUMENT',
      `Expected to modify instance of process '${model.bpmnProcessId}', but it contains terminate instructions for element instances that activate instructions of the same command are placed in: ${unique(conflicts).join(', ')}; choose another ancestor or do not terminate them`,
    );
  }

  for (const { elementInstanceKey } of command.terminateInstructions) {
    const instance = state.element(elementInstanceKey);
    if (!instance) continue; // terminated already, with the scope of an earlier instruction
    rt.terminate(elementInstanceKey);
    const scopes = terminateEmptyFlowScopes(rt, instance.flowScopeKey, required);
    if (!scopes.ok) return scopes;
  }
  rt.run();
  return ok(undefined);
}

/** Every instruction, checked against the model and the instance before anything is written (Zeebe's validation order). */
function validate(rt: BpmnRuntime, command: ModifyInstanceCommand): Result<void> | null {
  const { model, state } = rt.ctx;
  const process = model.bpmnProcessId;
  const expected = `Expected to modify instance of process '${process}', but`;
  const activations = command.activateInstructions;

  const unknown = unique(activations.map((a) => a.elementId).filter((id) => !model.elements.has(id) && !model.flows.has(id)));
  if (unknown.length > 0) return reject('INVALID_ARGUMENT', `${expected} it contains activate instructions with an element that could not be found: ${quoted(unknown)}`);

  const unsupported = unique(activations.map((a) => a.elementId).filter((id) => UNSUPPORTED_TYPES.has(typeOf(model, id))));
  if (unsupported.length > 0) {
    const types = unique(unsupported.map((id) => typeOf(model, id)));
    return reject('INVALID_ARGUMENT', `${expected} it contains activate instructions for elements that cannot be activated: ${quoted(unsupported)} (the activation of elements of type ${quoted(types)} is not supported)`);
  }
  const afterEventGateway = unique(activations.map((a) => a.elementId).filter((id) => model.elements.get(id)!.incoming.some((f) => model.elements.get(f.sourceId)?.type === 'EVENT_BASED_GATEWAY')));
  if (afterEventGateway.length > 0) {
    return reject('INVALID_ARGUMENT', `${expected} it contains activate instructions for events that belong to an event-based gateway: ${quoted(afterEventGateway)} (activate the gateway instead)`);
  }
  for (const { elementId } of activations) {
    const loop = multiInstanceScopeOf(model, elementId);
    if (loop) {
      return reject('INVALID_ARGUMENT', `${expected} it contains an activate instruction for element '${elementId}' inside the multi-instance activity '${loop.id}', which is not supported (activate '${loop.id}' itself instead)`);
    }
  }

  const missing = unique(command.terminateInstructions.map((t) => t.elementInstanceKey).filter((key) => !state.element(key)));
  if (missing.length > 0) return reject('INVALID_ARGUMENT', `${expected} it contains terminate instructions with an element instance that could not be found: ${quoted(missing)}`);
  if (state.instance.parentProcessInstanceKey && command.terminateInstructions.some((t) => t.elementInstanceKey === state.instance.key)) return childWouldEnd(rt);

  const scopeIds = activations.flatMap((a) => a.variableInstructions.map((v) => v.scopeId)).filter((id) => id !== '');
  const unknownScopes = unique(scopeIds.filter((id) => !model.elements.has(id)));
  if (unknownScopes.length > 0) return reject('INVALID_ARGUMENT', `${expected} it contains variable instructions with a scope element id that could not be found: ${quoted(unknownScopes)}`);
  for (const a of activations) {
    const allowed = new Set([a.elementId, process, ...flowScopeIdsOf(model, a.elementId)]);
    const foreign = unique(a.variableInstructions.map((v) => v.scopeId).filter((id) => id !== '' && !allowed.has(id)));
    if (foreign.length > 0) {
      return reject(
        'INVALID_ARGUMENT',
        `${expected} the activate instruction for element '${a.elementId}' has variable instructions for ${quoted(foreign)}, which is neither that element nor one of its flow scopes; set such variables before or after the modification`,
      );
    }
  }

  for (const a of activations) {
    const ancestorKey = a.ancestorElementInstanceKey;
    if (ancestorKey === null) continue;
    const ancestor = state.element(ancestorKey);
    if (!ancestor || ancestor.state !== 'ACTIVATED') {
      return reject('INVALID_ARGUMENT', `${expected} it contains activate instructions with an ancestor scope key that does not exist in this process instance, or is not active: '${ancestorKey}'`);
    }
    if (!isFlowScopeOf(model, ancestor, a.elementId)) {
      return reject('INVALID_ARGUMENT', `${expected} it contains activate instructions with an ancestor scope key that is not an ancestor of the element to activate: instance '${ancestorKey}' of element '${ancestor.elementId}' is not an ancestor of element '${a.elementId}'`);
    }
  }
  return null;
}

/**
 * Zeebe's terminateFlowScopes: walking up from `scopeKey`, a scope with no child left, no token waiting at a
 * joining gateway and no activation of this command in it is terminated (the process instance too).
 */
function terminateEmptyFlowScopes(rt: BpmnRuntime, scopeKey: string | null, required: ReadonlySet<string>): Result<void> {
  const { state } = rt.ctx;
  for (let scope = scopeKey ? state.element(scopeKey) : undefined; scope && canTerminate(rt, scope, required); ) {
    if (scope.key === state.instance.key && state.instance.parentProcessInstanceKey) return childWouldEnd(rt);
    const next = scope.flowScopeKey;
    rt.terminate(scope.key);
    scope = next ? state.element(next) : undefined;
  }
  return ok(undefined);
}

/**
 * As in Zeebe: a modification must not end an instance a call activity started. Its call activity would wait
 * forever (terminating it would be the parent's business), so the parent instance is to be modified instead.
 */
function childWouldEnd(rt: BpmnRuntime): Result<void> {
  const pi = rt.ctx.state.instance;
  return reject(
    'INVALID_ARGUMENT',
    `Expected to modify instance of process '${pi.bpmnProcessId}', but the instructions would terminate the instance, which a call activity of process instance '${pi.parentProcessInstanceKey}' created; modify that parent instance instead`,
  );
}

function canTerminate(rt: BpmnRuntime, scope: Readonly<ElementInstance>, required: ReadonlySet<string>): boolean {
  const tokensWaiting = Object.keys(scope.data.takenFlows ?? {}).length > 0;
  return !required.has(scope.key) && !tokensWaiting && rt.ctx.state.children(scope.key).length === 0;
}

/** The variable instructions of one activation by element id; '' (global) becomes the process id. */
function variablesByScope(model: ProcessModel, instruction: ActivateInstruction): Map<string, Record<string, unknown>> {
  const byScope = new Map<string, Record<string, unknown>>();
  for (const { scopeId, variables } of instruction.variableInstructions) {
    const id = scopeId === '' ? model.bpmnProcessId : scopeId;
    byScope.set(id, { ...byScope.get(id), ...variables });
  }
  return byScope;
}

/** A multi-instance activity the element lies inside (its inner scopes are the body's; Zeebe refuses those too). */
function multiInstanceScopeOf(model: ProcessModel, elementId: string): FlowElement | undefined {
  return flowScopeIdsOf(model, elementId)
    .map((id) => model.elements.get(id)!)
    .find((scope) => scope.multiInstance !== undefined);
}

/** Whether the ancestor instance is of the process or of one of the element's flow scopes. */
function isFlowScopeOf(model: ProcessModel, ancestor: Readonly<ElementInstance>, elementId: string): boolean {
  if (ancestor.elementId === model.bpmnProcessId && ancestor.flowScopeKey === null) return true;
  return flowScopeIdsOf(model, elementId).includes(ancestor.elementId);
}

function typeOf(model: ProcessModel, id: string): string {
  return model.elements.get(id)?.type ?? (model.flows.has(id) ? 'SEQUENCE_FLOW' : 'UNSPECIFIED');
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function quoted(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}
