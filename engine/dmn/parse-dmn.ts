/**
 * DMN XML → a validated, compiled decision requirements graph. Problems name the element and what is wrong, so that
 * the deployment can be refused with INVALID_ARGUMENT; nothing is partly accepted.
 */
import { DmnModdle } from 'dmn-moddle';
import { compileExpression, ExpressionSyntaxError, type Expression } from '../model/expressions.js';
import { compileUnaryTests } from '../model/unary-tests.js';
import type { Aggregation, Decision, DecisionRequirementsGraph, DecisionTable, HitPolicy, TableOutput } from './dmn-model.js';

export interface DmnProblem {
  elementId: string;
  message: string;
}

export type ParseDmnResult = { ok: true; graph: DecisionRequirementsGraph } | { ok: false; problems: DmnProblem[] };

const HIT_POLICIES: HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'];
const AGGREGATIONS: Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];

interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

export async function parseDmn(xml: string): Promise<ParseDmnResult> {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, problems: [{ elementId: 'definitions', message: 'DOCTYPE and entity declarations are not allowed' }] };
  let definitions: ModdleElement;
  try {
    const result = await DmnModdle().fromXML(xml, 'dmn:Definitions');
    definitions = result.rootElement as ModdleElement;
    const warning = (result.warnings as Array<{ message: string }> | undefined)?.[0];
    if (warning) return { ok: false, problems: [{ elementId: 'definitions', message: `the XML does not read as DMN: ${warning.message}` }] };
  } catch (error) {
    return { ok: false, problems: [{ elementId: 'definitions', message: `the XML does not parse: ${(error as Error).message}` }] };
  }
  const problems: DmnProblem[] = [];
  const decisions: Decision[] = [];
  const elements = ((definitions.drgElement as ModdleElement[] | undefined) ?? []).filter((e) => e.$type === 'dmn:Decision');
  if (elements.length === 0) problems.push({ elementId: definitions.id ?? 'definitions', message: 'the definitions contain no decision' });
  for (const element of elements) {
    const decision = compileDecision(element, problems);
    if (decision) decisions.push(decision);
  }
  const ids = new Set(decisions.map((d) => d.id));
  for (const decision of decisions) {
    for (const required of decision.requires) {
      if (!ids.has(required)) problems.push({ elementId: decision.id, message: `it requires decision '${required}', which is not in the definitions` });
    }
  }
  const cycle = findCycle(decisions);
  if (cycle) problems.push({ elementId: cycle[0]!, message: `its required decisions form a cycle: ${cycle.join(' → ')}` });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, graph: { id: definitions.id ?? 'definitions', name: definitions.name ?? definitions.id ?? '', decisions } };
}

function compileDecision(element: ModdleElement, problems: DmnProblem[]): Decision | null {
  const id = element.id ?? '';
  const requires = ((element.informationRequirement as ModdleElement[] | undefined) ?? [])
    .map((r) => ((r.requiredDecision as { href?: string } | undefined)?.href ?? '').replace(/^#/, ''))
    .filter((href) => href !== '');
  const logic = element.decisionLogic as ModdleElement | undefined;
  const report = (message: string, elementId = id) => problems.push({ elementId, message });
  if (!logic) {
    report('it has no decision logic (a decision table or a literal expression)');
    return null;
  }
  if (logic.$type === 'dmn:LiteralExpression') {
    const expression = expressionOf(String(logic.text ?? ''), logic.id ?? id, report);
    return expression ? { id, name: element.name ?? id, requires, logic: { kind: 'LITERAL_EXPRESSION', expression } } : null;
  }
  if (logic.$type !== 'dmn:DecisionTable') {
    report(`its decision logic '${logic.$type.replace('dmn:', '')}' is not supported; use a decision table or a literal expression`);
    return null;
  }
  const table = compileTable(logic, id, report);
  return table ? { id, name: element.name ?? id, requires, logic: table } : null;
}

function compileTable(table: ModdleElement, decisionId: string, report: (message: string, elementId?: string) => void): DecisionTable | null {
  const before = { count: 0 };
  const fail = (message: string, elementId?: string) => {
    before.count += 1;
    report(message, elementId);
  };
  const hitPolicy = String(table.hitPolicy ?? 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.includes(hitPolicy)) fail(`its hit policy '${hitPolicy}' is not supported`);
  const aggregationText = table.aggregation === undefined ? null : String(table.aggregation);
  if (aggregationText !== null && (hitPolicy !== 'COLLECT' || !AGGREGATIONS.includes(aggregationText as Aggregation))) {
    fail(`the aggregation '${aggregationText}' is allowed only with hit policy COLLECT and one of ${AGGREGATIONS.join(', ')}`);
  }
  const inputs = ((table.input as ModdleElement[] | undefined) ?? []).map((input, index) => {
    const inputExpression = input.inputExpression as ModdleElement | undefined;
    const text = String(inputExpression?.text ?? '').trim();
    const elementId = input.id ?? `${decisionId}-input-${index + 1}`;
    if (text === '') fail('the input has no expression', elementId);
    const expression = text === '' ? null : expressionOf(text, elementId, fail);
    const typeRef = inputExpression?.typeRef === undefined ? null : String(inputExpression.typeRef);
    return { id: elementId, label: String(input.label ?? text), expression, typeRef };
  });
  const outputs: TableOutput[] = ((table.output as ModdleElement[] | undefined) ?? []).map((output, index) => ({
    id: output.id ?? `${decisionId}-output-${index + 1}`,
    name: String(output.name ?? ''),
    label: String(output.label ?? output.name ?? ''),
    priorities: parsePriorities(output, fail),
  }));
  if (outputs.length === 0) fail('the decision table has no output');
  if (outputs.length > 1) outputs.forEach((o) => o.name === '' && fail('an output of a table with several outputs needs a name', o.id));
  if ((hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') && outputs.some((o) => o.priorities.length === 0)) {
    fail(`hit policy ${hitPolicy} needs the output values (priorities) of every output`);
  }
  const rules = ((table.rule as ModdleElement[] | undefined) ?? []).map((rule, index) => {
    const ruleId = rule.id ?? `${decisionId}-rule-${index + 1}`;
    const inputEntries = ((rule.inputEntry as ModdleElement[] | undefined) ?? []).map((entry) => {
      try {
        return compileUnaryTests(String(entry.text ?? ''));
      } catch (error) {
        fail((error as Error).message, entry.id ?? ruleId);
        return compileUnaryTests('-');
      }
    });
    const outputEntries = ((rule.outputEntry as ModdleElement[] | undefined) ?? []).map((entry) => {
      const text = String(entry.text ?? '').trim();
      return expressionOf(text === '' ? 'null' : text, entry.id ?? ruleId, fail) ?? compileExpression('=null');
    });
    if (inputEntries.length !== inputs.length) fail(`the rule has ${inputEntries.length} input entries for ${inputs.length} inputs`, ruleId);
    if (outputEntries.length !== outputs.length) fail(`the rule has ${outputEntries.length} output entries for ${outputs.length} outputs`, ruleId);
    return { id: ruleId, index: index + 1, inputEntries, outputEntries };
  });
  if (before.count > 0) return null;
  return {
    kind: 'DECISION_TABLE',
    hitPolicy,
    aggregation: aggregationText as Aggregation | null,
    inputs: inputs.map((i) => ({ id: i.id, label: i.label, expression: i.expression!, typeRef: i.typeRef })),
    outputs,
    rules,
  };
}

/** DMN texts are FEEL without the leading '=' of Zeebe's BPMN expressions. */
function expressionOf(text: string, elementId: string, report: (message: string, elementId?: string) => void): Expression | null {
  try {
    return compileExpression(`=${text}`);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) report(error.message, elementId);
    else throw error;
    return null;
  }
}

function parsePriorities(output: ModdleElement, report: (message: string, elementId?: string) => void): unknown[] {
  const text = String((output.outputValues as ModdleElement | undefined)?.text ?? '').trim();
  if (text === '') return [];
  try {
    const list = compileExpression(`=[${text}]`).evaluate({});
    return Array.isArray(list) ? list : [];
  } catch (error) {
    report(`its output values do not parse: ${(error as Error).message}`, output.id);
    return [];
  }
}

function findCycle(decisions: Decision[]): string[] | null {
  const byId = new Map(decisions.map((d) => [d.id, d]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const required of byId.get(id)?.requires ?? []) {
      const cycle = visit(required);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const decision of decisions) {
    const cycle = visit(decision.id);
    if (cycle) return cycle;
  }
  return null;
}
