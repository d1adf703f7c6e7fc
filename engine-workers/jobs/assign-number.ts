/**
 * assign-number: the next 文号 of an enforcement body for a kind of document and a year, e.g. 明城管罚决〔2026〕12号.
 * Numbers run 1, 2, 3… per body, year and kind with no gaps and no duplicates (adapters/pg-document-numbers.ts).
 *
 * In:  bodyId (integer), kind (a numbered kind: penalty-decision, penalty-advance-notice, hearing-notice,
 *      seizure-decision, enforcement-demand, and case-number, on-the-spot-decision, … — documents/document-kinds.ts;
 *      also as custom header or variable numberKind), year (optional; default the current year in China).
 * Out: documentNumber { kind, bodyId, year, sequence, number }, number (the 文号 alone).
 */
import { chinaDate } from '../../legal/calendar.js';
import { formatDocumentNumber } from '../documents/document-number.js';
import { canonicalKind, numberAbbreviations } from '../documents/document-kinds.js';
import { proceed, type Decision, type JobInfo, type Parsed } from '../job-definition.js';
import { complete, incident, type JobVariables, type Outcome } from '../outcome.js';
import type { JobPorts } from '../ports/job-ports.js';
import { variableParser } from '../variables.js';

export interface AssignNumberInput {
  bodyId: number;
  kind: string;
  year?: number;
}

export interface AssignNumberPlan {
  year: number;
  abbreviation: string;
}

export function numberedKinds(): string[] {
  return [...numberAbbreviations().keys()];
}

const parse = variableParser<AssignNumberInput>(
  'assign-number',
  {
    type: 'object',
    required: ['bodyId', 'kind'],
    properties: {
      bodyId: { type: 'integer', minimum: 1 },
      kind: { type: 'string', enum: numberedKinds() },
      year: { type: 'integer', minimum: 2000, maximum: 9999 },
    },
  },
  { headers: { kind: 'string', numberKind: 'string' }, aliases: { numberKind: 'kind' } },
);

export function parseVariables(variables: JobVariables, headers: Readonly<Record<string, string>> = {}): Parsed<AssignNumberInput> {
  // a kind under another name (advance-notice for penalty-advance-notice) counts in the same sequence
  const kind = variables.kind ?? variables.numberKind ?? headers.kind ?? headers.numberKind;
  return parse(typeof kind === 'string' ? { ...variables, kind: canonicalKind(kind) } : variables, headers);
}

export function decide(input: AssignNumberInput, now: Date): Decision<AssignNumberPlan> {
  const abbreviation = numberAbbreviations().get(input.kind);
  if (!abbreviation) return incident(`Expected variable 'kind' ('${input.kind}') to be a numbered kind, but it has no 文号 abbreviation`);
  return proceed({ year: input.year ?? Number(chinaDate(now).slice(0, 4)), abbreviation });
}

export async function perform(input: AssignNumberInput, plan: AssignNumberPlan, ports: Pick<JobPorts, 'bodies' | 'numbers'>, _job: JobInfo): Promise<Outcome> {
  const body = await ports.bodies.find(input.bodyId);
  if (!body) return incident(`Expected variable 'bodyId' to name an enforcement body, but body ${input.bodyId} does not exist`);
  const sequence = await ports.numbers.next(body.id, plan.year, input.kind);
  const number = formatDocumentNumber({ prefix: body.documentPrefix ?? body.name, abbreviation: plan.abbreviation, year: plan.year, sequence });
  return complete({ documentNumber: { kind: input.kind, bodyId: body.id, year: plan.year, sequence, number }, number });
}
