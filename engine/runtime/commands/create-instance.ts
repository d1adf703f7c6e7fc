/** CreateProcessInstance: root variables, then the none start event or the start instructions. */
import { reject, ok, type Result } from '../../errors.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';

export interface CreateInstanceCommand {
  variables: Record<string, unknown>;
  startInstructions: string[];
}

export function createInstance(rt: BpmnRuntime, command: CreateInstanceCommand): Result<void> {
  const { model, state } = rt.ctx;
  if (command.startInstructions.length === 0 && !model.process.noneStartEventId) {
    return reject('INVALID_STATE', `Expected to create instance of process with none start event, but there is no such event in process '${model.bpmnProcessId}'`);
  }
  for (const elementId of command.startInstructions) {
    const el = model.elements.get(elementId);
    if (!el || el.type === 'PROCESS') return reject('INVALID_ARGUMENT', `Expected to create instance of process with start instructions, but no element found with id '${elementId}' in process '${model.bpmnProcessId}'`);
    if (el.type === 'BOUNDARY_EVENT' || el.type === 'START_EVENT' && el.flowScopeId !== model.bpmnProcessId) {
      return reject('INVALID_ARGUMENT', `Expected to create instance of process with start instructions, but the element with id '${elementId}' cannot be started (it is a ${el.type})`);
    }
    // Which inner instance (which item) it would belong to is undefined, so Zeebe refuses this too.
    for (let scope = el.flowScopeId ? model.elements.get(el.flowScopeId) : undefined; scope; scope = scope.flowScopeId ? model.elements.get(scope.flowScopeId) : undefined) {
      if (scope.multiInstance) {
        return reject('INVALID_ARGUMENT', `Expected to create instance of process with start instructions, but the element with id '${elementId}' is inside the multi-instance sub-process '${scope.id}'`);
      }
    }
  }
  if (command.startInstructions.length > 0) rt.startInstructions = command.startInstructions;
  rt.activate(model.bpmnProcessId, null, { key: state.instance.key, localVariables: command.variables });
  rt.run();
  return ok(undefined);
}
