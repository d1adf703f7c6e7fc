/** Exclusive gateway: the first flow (in model order) whose condition is true, else the default flow, else an incident. */
import { EvaluationError } from '../../errors.js';
import { feelTypeName } from '../../model/expressions.js';
import type { FlowElement, SequenceFlow } from '../../model/process-model.js';
import type { ElementProcessor } from '../element-processor.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import type { ElementInstance } from '../../state/types.js';
import { visibleVariables } from '../behaviors/variables.js';

export const exclusiveGatewayProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    const chosen = chooseFlows(rt, el, instance, true);
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    rt.completeElement(rt.ctx.state.element(instance.key)!, () => undefined, chosen);
  },
  onComplete() {
    // completes during activation
  },
};

/** Evaluates the conditions of the outgoing flows; `firstOnly` for exclusive, all true ones for inclusive. */
export function chooseFlows(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>, firstOnly: boolean): SequenceFlow[] {
  if (el.outgoing.length === 1 && !el.outgoing[0]!.condition) return [el.outgoing[0]!];
  const context = visibleVariables(rt.ctx, instance.key);
  const chosen: SequenceFlow[] = [];
  for (const flow of el.outgoing) {
    if (flow.id === el.defaultFlowId || !flow.condition) continue;
    let value: unknown;
    try {
      value = flow.condition.evaluate(context);
    } catch (error) {
      throw new EvaluationError(`Expected to evaluate the condition of sequence flow '${flow.id}', but ${(error as Error).message}`, 'CONDITION_ERROR');
    }
    if (typeof value !== 'boolean') {
      throw new EvaluationError(`Expected result of the expression '${flow.condition.source}' (sequence flow '${flow.id}') to be 'BOOLEAN', but was '${feelTypeName(value)}'`, 'CONDITION_ERROR');
    }
    if (value) {
      chosen.push(flow);
      if (firstOnly) return chosen;
    }
  }
  if (chosen.length > 0) return chosen;
  const fallback = el.outgoing.find((f) => f.id === el.defaultFlowId);
  if (fallback) return [fallback];
  throw new EvaluationError(`Expected at least one condition to evaluate to true, or to have a default flow, but no flow leaving '${el.id}' could be taken`, 'CONDITION_ERROR');
}
