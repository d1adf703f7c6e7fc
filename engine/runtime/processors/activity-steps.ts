/** Steps shared by activities and events: input mappings on activation, output mappings on completion. */
import type { FlowElement } from '../../model/process-model.js';
import type { ElementInstance } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { isInnerInstance } from '../behaviors/multi-instance.js';
import { evaluateInputMappings, evaluateOutputMappings, propagateVariables, setLocalVariables } from '../behaviors/variables.js';

export function applyInputs(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>): void {
  if (el.inputs.length === 0) return;
  // An inner instance of a multi-instance body already has its loop variables (input element, loopCounter) as
  // locals, and its mappings must see them (Zeebe evaluates input mappings in the element's own scope).
  const scopeKey = isInnerInstance(rt.ctx.state, instance) ? instance.key : instance.flowScopeKey!;
  const locals = evaluateInputMappings(rt.ctx, el.inputs, scopeKey, el.id);
  setLocalVariables(rt.ctx, instance.key, locals);
}

/** `afterOutputs` runs once the output mappings are applied, before the element is COMPLETED. */
export function completeWithOutputs(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>, flows: FlowElement['outgoing'] | null = el.outgoing, afterOutputs?: () => void): void {
  rt.completeElement(
    instance,
    () => {
      if (el.outputs.length > 0 && instance.flowScopeKey) {
        const results = evaluateOutputMappings(rt.ctx, el.outputs, instance.key, instance.flowScopeKey, el.id);
        propagateVariables(rt.ctx, instance.flowScopeKey, results);
      }
      afterOutputs?.();
    },
    flows,
  );
}
