/** The decision-table hit policies (DMN 1.3 §8.2.11), applied to the outputs of the matched rules. */
import type { Aggregation, DecisionTable } from './dmn-model.js';

export interface RuleResult {
  ruleId: string;
  ruleIndex: number;
  /** One value per table output, in output order. */
  values: unknown[];
}

export type HitResult = { ok: true; output: unknown; rules: RuleResult[] } | { ok: false; message: string };

export function applyHitPolicy(table: DecisionTable, matched: RuleResult[]): HitResult {
  const shape = (rule: RuleResult): unknown =>
    table.outputs.length === 1 ? rule.values[0] : Object.fromEntries(table.outputs.map((o, i) => [o.name, rule.values[i]]));
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) {
        return { ok: false, message: `Expected at most one rule to match for hit policy UNIQUE, but rules ${matched.map((r) => `'${r.ruleId}'`).join(', ')} matched` };
      }
      return { ok: true, output: matched[0] ? shape(matched[0]) : null, rules: matched };
    case 'FIRST':
      return { ok: true, output: matched[0] ? shape(matched[0]) : null, rules: matched.slice(0, 1) };
    case 'ANY': {
      const distinct = new Set(matched.map((r) => JSON.stringify(shape(r))));
      if (distinct.size > 1) {
        return { ok: false, message: `Expected the matching rules to give the same output for hit policy ANY, but rules ${matched.map((r) => `'${r.ruleId}'`).join(', ')} differ` };
      }
      return { ok: true, output: matched[0] ? shape(matched[0]) : null, rules: matched };
    }
    case 'PRIORITY': {
      const best = byPriority(table, matched)[0];
      return { ok: true, output: best ? shape(best) : null, rules: best ? [best] : [] };
    }
    case 'OUTPUT ORDER':
      return { ok: true, output: byPriority(table, matched).map(shape), rules: byPriority(table, matched) };
    case 'RULE ORDER':
      return { ok: true, output: matched.map(shape), rules: matched };
    case 'COLLECT':
      if (table.aggregation === null) return { ok: true, output: matched.map(shape), rules: matched };
      return aggregate(table.aggregation, matched);
  }
}

/** Highest priority first: an output value's priority is its position in the output's list of values. */
function byPriority(table: DecisionTable, rules: RuleResult[]): RuleResult[] {
  const rank = (rule: RuleResult): number[] =>
    table.outputs.map((output, i) => {
      const position = output.priorities.findIndex((p) => JSON.stringify(p) === JSON.stringify(rule.values[i]));
      return position === -1 ? Number.MAX_SAFE_INTEGER : position;
    });
  return [...rules].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i += 1) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    return a.ruleIndex - b.ruleIndex;
  });
}

function aggregate(aggregation: Aggregation, rules: RuleResult[]): HitResult {
  const values = rules.map((r) => r.values[0]).filter((v) => v !== null && v !== undefined);
  if (aggregation === 'COUNT') return { ok: true, output: values.length, rules };
  if (values.length === 0) return { ok: true, output: null, rules };
  if (!values.every((v) => typeof v === 'number')) {
    return { ok: false, message: `Expected numbers to aggregate with ${aggregation}, but the outputs are ${JSON.stringify(values)}` };
  }
  const numbers = values as number[];
  const output = aggregation === 'SUM' ? numbers.reduce((a, b) => a + b, 0) : aggregation === 'MIN' ? Math.min(...numbers) : Math.max(...numbers);
  return { ok: true, output, rules };
}
