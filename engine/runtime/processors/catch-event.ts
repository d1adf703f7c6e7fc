/**
 * Intermediate catch events and receive tasks wait for their timer, message or signal (the subscription is opened
 * when they become ACTIVATED, see catch-events.ts); triggered, they complete with the event's variables. After an
 * event-based gateway the event has already happened: they complete at once.
 */
import type { FlowElement } from '../../model/process-model.js';
import type { ElementInstance } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import type { ElementProcessor } from '../element-processor.js';
import { propagateVariables } from '../behaviors/variables.js';
import { applyInputs, completeWithOutputs } from './activity-steps.js';

export const catchEventProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    applyInputs(rt, el, instance);
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    if (rt.isTriggered(instance.key)) rt.complete(instance.key);
  },
  onComplete(rt, el, instance) {
    completeWithEventVariables(rt, el, instance);
  },
};

/**
 * The event's variables were set as locals of the catching element: with output mappings they are the mappings'
 * input; without, they are propagated to the enclosing scopes (as a job's variables are).
 */
export function completeWithEventVariables(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>, afterOutputs?: () => void): void {
  if (el.outputs.length === 0) {
    const inputs = new Set(el.inputs.map((m) => m.target[0]!));
    const locals = Object.fromEntries([...rt.ctx.state.localVariables(instance.key)].filter(([name]) => !inputs.has(name)));
    if (Object.keys(locals).length > 0) propagateVariables(rt.ctx, instance.flowScopeKey!, locals);
  }
  completeWithOutputs(rt, el, rt.ctx.state.element(instance.key)!, el.outgoing, afterOutputs);
}
