/**
 * Business-rule task. With zeebe:calledDecision: the latest version of the decision is evaluated at activation with
 * the element's variables, its output is written to resultVariable like a job result (subject to output mappings),
 * then the task completes. A missing decision or a failed evaluation is an incident; resolving it re-runs the
 * activation. With zeebe:taskDefinition it is a job like a service task.
 */
import { EvaluationError } from '../../errors.js';
import { evaluateDecision } from '../../dmn/evaluate-decision.js';
import type { ElementProcessor } from '../element-processor.js';
import { propagateVariables, setLocalVariable, visibleVariables } from '../behaviors/variables.js';
import { applyInputs, completeWithOutputs } from './activity-steps.js';
import { jobTaskProcessor } from './job-task.js';

export const businessRuleTaskProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    if (!el.calledDecision) return jobTaskProcessor.onActivate(rt, el, instance);
    applyInputs(rt, el, instance);
    const variables = visibleVariables(rt.ctx, instance.key);
    const decisionId = el.calledDecision.decisionId.evaluate(variables);
    if (typeof decisionId !== 'string' || decisionId === '') {
      throw new EvaluationError(`Expected the decision id of '${el.id}' to be a non-empty string, but got ${JSON.stringify(decisionId ?? null)}`, 'CALLED_DECISION_ERROR');
    }
    const decision = rt.ctx.decision(decisionId);
    if (!decision) {
      throw new EvaluationError(`Expected to evaluate decision '${decisionId}', but no decision found for id '${decisionId}'`, 'CALLED_DECISION_ERROR');
    }
    const evaluation = evaluateDecision(decision.graph, decision.decisionId, variables);
    if (!evaluation.ok) throw new EvaluationError(evaluation.failureMessage, 'DECISION_EVALUATION_ERROR');
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    const { resultVariable } = el.calledDecision;
    if (el.outputs.length > 0) setLocalVariable(rt.ctx, instance.key, resultVariable, evaluation.output);
    else propagateVariables(rt.ctx, instance.key, { [resultVariable]: evaluation.output });
    rt.complete(instance.key);
  },
  onComplete(rt, el, instance) {
    completeWithOutputs(rt, el, instance);
  },
  onTerminate(rt, el, instance) {
    jobTaskProcessor.onTerminate?.(rt, el, instance);
  },
};
