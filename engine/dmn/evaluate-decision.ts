/**
 * Evaluates a decision of a DRG: its required decisions first (their results become variables named after them),
 * then its table or literal expression. The trace has the shape of Zeebe's EvaluateDecisionResponse, and a failure
 * is a value (failed decision and message), not an exception.
 */
import { EvaluationError } from '../errors.js';
import type { Decision, DecisionRequirementsGraph, DecisionTable } from './dmn-model.js';
import { applyHitPolicy, type RuleResult } from './hit-policy.js';

export interface EvaluatedDecision {
  decisionId: string;
  decisionName: string;
  decisionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  output: unknown;
  evaluatedInputs: Array<{ inputId: string; inputName: string; inputValue: unknown }>;
  matchedRules: Array<{ ruleId: string; ruleIndex: number; evaluatedOutputs: Array<{ outputId: string; outputName: string; outputValue: unknown }> }>;
}

export type DecisionEvaluation =
  | { ok: true; output: unknown; evaluated: EvaluatedDecision[] }
  | { ok: false; failedDecisionId: string; failureMessage: string; evaluated: EvaluatedDecision[] };

export function evaluateDecision(graph: DecisionRequirementsGraph, decisionId: string, variables: Readonly<Record<string, unknown>>): DecisionEvaluation {
  const byId = new Map(graph.decisions.map((d) => [d.id, d]));
  const target = byId.get(decisionId);
  if (!target) {
    return { ok: false, failedDecisionId: decisionId, failureMessage: `Expected decision '${decisionId}' in '${graph.id}', but there is none`, evaluated: [] };
  }
  const evaluated: EvaluatedDecision[] = [];
  const results = new Map<string, unknown>();
  const order = requirementOrder(target, byId);
  for (const decision of order) {
    const context = { ...variables, ...Object.fromEntries(decision.requires.map((id) => [id, results.get(id) ?? null])) };
    const step = evaluateOne(decision, context);
    if (step.trace) evaluated.push(step.trace);
    if (!step.ok) return { ok: false, failedDecisionId: decision.id, failureMessage: step.message, evaluated };
    results.set(decision.id, step.trace.output);
  }
  return { ok: true, output: results.get(target.id) ?? null, evaluated };
}

/** Required decisions before the decisions that need them, each once (the graph is acyclic, checked at deployment). */
function requirementOrder(target: Decision, byId: Map<string, Decision>): Decision[] {
  const order: Decision[] = [];
  const seen = new Set<string>();
  const visit = (decision: Decision) => {
    if (seen.has(decision.id)) return;
    seen.add(decision.id);
    for (const id of decision.requires) visit(byId.get(id)!);
    order.push(decision);
  };
  visit(target);
  return order;
}

type Step = { ok: true; trace: EvaluatedDecision } | { ok: false; message: string; trace: EvaluatedDecision | null };

function evaluateOne(decision: Decision, context: Record<string, unknown>): Step {
  try {
    if (decision.logic.kind === 'LITERAL_EXPRESSION') {
      const output = decision.logic.expression.evaluate(context);
      return { ok: true, trace: { decisionId: decision.id, decisionName: decision.name, decisionType: 'LITERAL_EXPRESSION', output, evaluatedInputs: [], matchedRules: [] } };
    }
    return evaluateTable(decision, decision.logic, context);
  } catch (error) {
    if (error instanceof EvaluationError) return { ok: false, message: `Expected to evaluate decision '${decision.id}', but ${error.message}`, trace: null };
    throw error;
  }
}

function evaluateTable(decision: Decision, table: DecisionTable, context: Record<string, unknown>): Step {
  const inputValues = table.inputs.map((input) => input.expression.evaluate(context));
  const mistyped = table.inputs.findIndex((input, i) => !matchesTypeRef(input.typeRef, inputValues[i]));
  if (mistyped !== -1) {
    const input = table.inputs[mistyped]!;
    return {
      ok: false,
      message: `Expected to evaluate decision '${decision.id}', but input '${input.label}' should be of type '${input.typeRef}' and is ${JSON.stringify(inputValues[mistyped])}`,
      trace: null,
    };
  }
  const matched: RuleResult[] = [];
  for (const rule of table.rules) {
    if (rule.inputEntries.every((entry, i) => entry.test(inputValues[i], context))) {
      matched.push({ ruleId: rule.id, ruleIndex: rule.index, values: rule.outputEntries.map((entry) => entry.evaluate(context)) });
    }
  }
  const base = {
    decisionId: decision.id,
    decisionName: decision.name,
    decisionType: 'DECISION_TABLE' as const,
    evaluatedInputs: table.inputs.map((input, i) => ({ inputId: input.id, inputName: input.label, inputValue: inputValues[i] ?? null })),
  };
  const hit = applyHitPolicy(table, matched);
  if (!hit.ok) {
    return { ok: false, message: `Expected to evaluate decision '${decision.id}', but ${hit.message.charAt(0).toLowerCase()}${hit.message.slice(1)}`, trace: { ...base, output: null, matchedRules: [] } };
  }
  const matchedRules = hit.rules.map((rule) => ({
    ruleId: rule.ruleId,
    ruleIndex: rule.ruleIndex,
    evaluatedOutputs: table.outputs.map((output, i) => ({ outputId: output.id, outputName: output.name, outputValue: rule.values[i] ?? null })),
  }));
  return { ok: true, trace: { ...base, output: hit.output, matchedRules } };
}

const NUMBER_TYPES = new Set(['number', 'integer', 'long', 'double']);

/**
 * Whether an input value fits its declared typeRef (null always does). Checked here because feelin compares a string
 * with a number loosely ("abc" >= 10000 is true), where FEEL gives null: a mistyped input fails the evaluation.
 */
function matchesTypeRef(typeRef: string | null, value: unknown): boolean {
  if (typeRef === null || value === null || value === undefined) return true;
  const type = typeRef.toLowerCase();
  if (NUMBER_TYPES.has(type)) return typeof value === 'number';
  if (type === 'string') return typeof value === 'string';
  if (type === 'boolean') return typeof value === 'boolean';
  return true;
}
