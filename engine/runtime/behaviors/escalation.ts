/**
 * Escalations (Zeebe's BpmnEventPublicationBehavior.throwEscalationEvent): an escalation throw event (intermediate or
 * end) tells an enclosing scope that something needs attention. The catch is searched from the throw event's flow
 * scope upwards (catch-search.ts). Unlike an error, an escalation is not critical: caught or not, the throw event
 * goes on, unless an interrupting catch terminated it along with its scope. An uncaught escalation is recorded as
 * NOT_ESCALATED and is not an incident.
 */
import { EvaluationError } from '../../errors.js';
import { feelTypeName } from '../../model/expressions.js';
import type { FlowElement } from '../../model/process-model.js';
import type { ElementInstance } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { findCatch, triggerCatch } from './catch-search.js';
import { visibleVariables } from './variables.js';

/** The escalation code of a throw event, evaluated in its scope (input mappings included). Not a non-empty string → incident. */
export function evaluateEscalationCode(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>): string {
  const expression = el.escalationCodeExpression!;
  let code: unknown;
  try {
    code = expression.evaluate(visibleVariables(rt.ctx, instance.key));
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    throw new EvaluationError(`Expected the escalation code of '${el.id}' ('${expression.source}') to be a non-empty string, but ${error.message}`);
  }
  if (typeof code !== 'string' || code === '') {
    throw new EvaluationError(`Expected the escalation code of '${el.id}' ('${expression.source}') to be a non-empty string, but found '${feelTypeName(code)}'`);
  }
  return code;
}

/** Throws the escalation; returns whether the throw event goes on (false: an interrupting catch terminated it). */
export function throwEscalation(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>, code: string): boolean {
  const found = instance.flowScopeKey ? findCatch(rt, instance.flowScopeKey, 'ESCALATION', code) : null;
  rt.ctx.write({
    valueType: 'ESCALATION',
    intent: found ? 'ESCALATED' : 'NOT_ESCALATED',
    key: rt.ctx.nextKey(),
    value: { throwElementId: el.id, escalationCode: code, catchElementId: found?.catchEvent.id ?? null, processInstanceKey: rt.ctx.state.instance.key },
  });
  if (!found) return true;
  triggerCatch(rt, found, {});
  return found.catchEvent.cancelActivity === false;
}
