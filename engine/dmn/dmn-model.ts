/** A deployed DMN decision requirements graph (DRG), parsed and compiled once at deployment. */
import type { Expression } from '../model/expressions.js';
import type { UnaryTests } from '../model/unary-tests.js';

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface TableInput {
  id: string;
  label: string;
  expression: Expression;
  /** The inputExpression's typeRef (number, string, boolean …), checked before the rules are tested; null: any. */
  typeRef: string | null;
}

export interface TableOutput {
  id: string;
  /** The output's name: the key of the result context when the table has several outputs. */
  name: string;
  label: string;
  /** The allowed values in priority order (outputValues), used by PRIORITY and OUTPUT ORDER. */
  priorities: unknown[];
}

export interface TableRule {
  id: string;
  index: number;
  inputEntries: UnaryTests[];
  outputEntries: Expression[];
}

export interface DecisionTable {
  kind: 'DECISION_TABLE';
  hitPolicy: HitPolicy;
  aggregation: Aggregation | null;
  inputs: TableInput[];
  outputs: TableOutput[];
  rules: TableRule[];
}

export interface LiteralExpression {
  kind: 'LITERAL_EXPRESSION';
  expression: Expression;
}

export interface Decision {
  id: string;
  name: string;
  /** Ids of the decisions whose results this one reads, as variables named after them. */
  requires: string[];
  logic: DecisionTable | LiteralExpression;
}

export interface DecisionRequirementsGraph {
  id: string;
  name: string;
  decisions: Decision[];
}

/** A deployed decision (one version) with the compiled graph it belongs to. */
export interface DeployedDecision {
  key: string;
  decisionId: string;
  name: string;
  version: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: string;
  graph: DecisionRequirementsGraph;
}
