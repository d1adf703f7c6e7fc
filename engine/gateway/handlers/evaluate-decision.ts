/**
 * EvaluateDecision: by decisionKey, or by decisionId (latest version). Values in the response are JSON strings; a
 * failed evaluation is answered with failedDecisionId and failureMessage, not with a gRPC error.
 */
import type { DecisionEvaluationResult } from '../../engine-commands.js';
import { ok } from '../../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { keyOf, parseVariables } from '../request-values.js';
import { unary } from '../unary.js';

interface Request {
  decisionKey?: string;
  decisionId?: string;
  variables?: string;
  tenantId?: string;
}

const TENANT = '<default>';

export function evaluateDecision(deps: GatewayDeps) {
  return unary<Request, unknown>(deps, 'EvaluateDecision', async (request) => {
    const variables = parseVariables(request.variables, deps.config.maxVariablesBytes);
    if (!variables.ok) return variables;
    const result = await deps.commands.evaluateDecision({ decisionKey: keyOf(request.decisionKey), decisionId: request.decisionId ?? '', variables: variables.value });
    return result.ok ? ok(responseOf(result.value)) : result;
  });
}

function responseOf({ decision, evaluation, graphDecisions }: DecisionEvaluationResult): Record<string, unknown> {
  const json = (value: unknown) => JSON.stringify(value ?? null);
  return {
    decisionKey: decision.key,
    decisionId: decision.decisionId,
    decisionName: decision.name,
    decisionVersion: decision.version,
    decisionRequirementsId: decision.decisionRequirementsId,
    decisionRequirementsKey: decision.decisionRequirementsKey,
    decisionOutput: evaluation.ok ? json(evaluation.output) : 'null',
    evaluatedDecisions: evaluation.evaluated.map((e) => {
      const stored = graphDecisions.get(e.decisionId);
      return {
        decisionKey: stored?.key ?? '0',
        decisionId: e.decisionId,
        decisionName: e.decisionName,
        decisionVersion: stored?.version ?? 0,
        decisionType: e.decisionType,
        decisionOutput: json(e.output),
        matchedRules: e.matchedRules.map((r) => ({ ruleId: r.ruleId, ruleIndex: r.ruleIndex, evaluatedOutputs: r.evaluatedOutputs.map((o) => ({ ...o, outputValue: json(o.outputValue) })) })),
        evaluatedInputs: e.evaluatedInputs.map((i) => ({ ...i, inputValue: json(i.inputValue) })),
        tenantId: TENANT,
      };
    }),
    failedDecisionId: evaluation.ok ? '' : evaluation.failedDecisionId,
    failureMessage: evaluation.ok ? '' : evaluation.failureMessage,
    tenantId: TENANT,
  };
}
