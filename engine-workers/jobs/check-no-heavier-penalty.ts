/**
 * check-no-heavier-penalty: 不得因当事人陈述、申辩而给予更重的处罚 (《行政处罚法》第四十五条第二款). When the party
 * stated or defended (a reviewed statement, `statementReview`, or a hearing held in which the party did not waive,
 * `hearingRecord`), the decided penalty may not be heavier than the one proposed in the advance notice (`proposed`).
 *
 * Heavier means any of:
 * - a heavier kind: a decided kind ranks above every proposed kind, by the severity order
 *   警告 < 通报批评 < 罚款 < 没收违法所得/没收非法财物 < 暂扣许可证件/降低资质等级 < 限制开展生产经营活动/责令停产停业/
 *   责令关闭/限制从业 < 吊销许可证件 < 行政拘留;
 * - an added kind: a decided kind that the notice did not propose, unless it replaces a proposed kind that ranks above it
 *   (a licence suspension turned into a fine is lighter; a warning added to the same fine is heavier; 其他较重的行政处罚,
 *   which has no rank, is heavier whenever it is added);
 * - a higher fine than proposed, or a higher confiscation value than proposed (when both give one).
 * A lighter or equal decision passes; so does any decision when the party neither stated nor defended. The lawful way to a
 * heavier penalty is a new advance notice with it (Arts 44, 45), which is where the diagram's error path leads.
 *
 * In:  proposed { kinds, fine, confiscationValue } (proposedPenalty), decided { kinds, fine, confiscationValue }
 *      (decision.penalty), statementReview (optional), hearingRecord (optional).
 * Out: {} · error HEAVIER_PENALTY_AFTER_DEFENCE with variable penaltyComparison { heavierKinds, addedKinds, fine,
 *      confiscationValue }.
 */
import type { Decision, JobInfo } from '../job-definition.js';
import { bpmnError, complete, type Outcome } from '../outcome.js';
import type { JobPorts } from '../ports/job-ports.js';
import { variableParser } from '../variables.js';

export type PenaltyKind =
  | 'warning'
  | 'notice-of-criticism'
  | 'fine'
  | 'confiscation-income'
  | 'confiscation-property'
  | 'licence-suspension'
  | 'qualification-downgrade'
  | 'business-restriction'
  | 'production-suspension'
  | 'closure'
  | 'employment-restriction'
  | 'licence-revocation'
  | 'detention'
  | 'other-heavy';

/** Rank of each kind (higher = heavier); 其他较重的行政处罚 has none. Kinds of one rank are not comparable. */
export const PENALTY_SEVERITY: Readonly<Record<PenaltyKind, number | null>> = Object.freeze({
  warning: 1,
  'notice-of-criticism': 2,
  fine: 3,
  'confiscation-income': 4,
  'confiscation-property': 4,
  'licence-suspension': 5,
  'qualification-downgrade': 5,
  'business-restriction': 6,
  'production-suspension': 6,
  closure: 6,
  'employment-restriction': 6,
  'licence-revocation': 7,
  detention: 8,
  'other-heavy': null,
});

export const PENALTY_LABELS: Readonly<Record<PenaltyKind, string>> = Object.freeze({
  warning: '警告',
  'notice-of-criticism': '通报批评',
  fine: '罚款',
  'confiscation-income': '没收违法所得',
  'confiscation-property': '没收非法财物',
  'licence-suspension': '暂扣许可证件',
  'qualification-downgrade': '降低资质等级',
  'business-restriction': '限制开展生产经营活动',
  'production-suspension': '责令停产停业',
  closure: '责令关闭',
  'employment-restriction': '限制从业',
  'licence-revocation': '吊销许可证件',
  detention: '行政拘留',
  'other-heavy': '其他较重的行政处罚',
});

export interface Penalty {
  kinds: PenaltyKind[];
  fine?: number | null;
  confiscationValue?: number | null;
}

export interface CheckNoHeavierPenaltyInput {
  proposed: Penalty;
  decided: Penalty;
  statementReview?: Record<string, unknown>;
  hearingRecord?: { held?: boolean | null; deemedWaived?: boolean | null; [key: string]: unknown };
}

export interface PenaltyComparison {
  heavierKinds: PenaltyKind[];
  addedKinds: PenaltyKind[];
  fine: { proposed: number; decided: number } | null;
  confiscationValue: { proposed: number; decided: number } | null;
}

export const HEAVIER_PENALTY_AFTER_DEFENCE = 'HEAVIER_PENALTY_AFTER_DEFENCE';

const penalty = {
  type: 'object',
  required: ['kinds'],
  properties: {
    kinds: { type: 'array', items: { type: 'string', enum: Object.keys(PENALTY_SEVERITY) }, uniqueItems: true },
    fine: { type: ['number', 'null'], minimum: 0 },
    confiscationValue: { type: ['number', 'null'], minimum: 0 },
  },
  // a fine without its amount cannot be compared
  if: { properties: { kinds: { type: 'array', contains: { const: 'fine' } } }, required: ['kinds'] },
  then: { required: ['fine'], properties: { fine: { type: 'number' } } },
};

export const parseVariables = variableParser<CheckNoHeavierPenaltyInput>('check-no-heavier-penalty', {
  type: 'object',
  required: ['proposed', 'decided'],
  properties: {
    proposed: penalty,
    decided: penalty,
    statementReview: { type: 'object' },
    hearingRecord: { type: 'object', properties: { held: { type: ['boolean', 'null'] }, deemedWaived: { type: ['boolean', 'null'] } } },
  },
});

export function decide(input: CheckNoHeavierPenaltyInput, _now: Date): Decision<never> {
  const stated = input.statementReview !== undefined;
  const heard = input.hearingRecord?.held === true && input.hearingRecord.deemedWaived !== true;
  if (!stated && !heard) return complete({});
  const comparison = comparePenalties(input.proposed, input.decided);
  const findings = describe(comparison);
  if (findings.length === 0) return complete({});
  const after = [stated ? 'a statement and defence' : null, heard ? 'a hearing' : null].filter(Boolean).join(' and ');
  return bpmnError(
    HEAVIER_PENALTY_AFTER_DEFENCE,
    `Expected the decided penalty, after ${after}, to be no heavier than the one proposed in the advance notice (《行政处罚法》第四十五条第二款), but ${findings.join('; ')}. A heavier penalty needs a new advance notice that proposes it (第四十四条、第四十五条)`,
    { penaltyComparison: comparison },
  );
}

/** What makes `decided` heavier than `proposed`; all empty/null when it is not. */
export function comparePenalties(proposed: Penalty, decided: Penalty): PenaltyComparison {
  const ranks = (kinds: readonly PenaltyKind[]) => kinds.map((k) => PENALTY_SEVERITY[k]).filter((r): r is number => r !== null);
  const topProposed = Math.max(0, ...ranks(proposed.kinds));
  const dropped = proposed.kinds.filter((k) => !decided.kinds.includes(k));
  const heavierKinds: PenaltyKind[] = [];
  const addedKinds: PenaltyKind[] = [];
  for (const kind of decided.kinds) {
    if (proposed.kinds.includes(kind)) continue;
    const rank = PENALTY_SEVERITY[kind];
    if (rank === null) addedKinds.push(kind);
    else if (rank > topProposed) heavierKinds.push(kind);
    else if (!ranks(dropped).some((r) => r > rank)) addedKinds.push(kind);
  }
  const bothFine = proposed.kinds.includes('fine') && decided.kinds.includes('fine');
  const fine = bothFine && (decided.fine ?? 0) > (proposed.fine ?? 0) ? { proposed: proposed.fine ?? 0, decided: decided.fine ?? 0 } : null;
  const confiscates = (p: Penalty) => p.kinds.includes('confiscation-income') || p.kinds.includes('confiscation-property');
  const confiscationValue =
    confiscates(proposed) && confiscates(decided) && typeof proposed.confiscationValue === 'number' && typeof decided.confiscationValue === 'number' && decided.confiscationValue > proposed.confiscationValue
      ? { proposed: proposed.confiscationValue, decided: decided.confiscationValue }
      : null;
  return { heavierKinds, addedKinds, fine, confiscationValue };
}

function describe(c: PenaltyComparison): string[] {
  const names = (kinds: readonly PenaltyKind[]) => kinds.map((k) => `${PENALTY_LABELS[k]} (${k})`).join(', ');
  const findings: string[] = [];
  if (c.heavierKinds.length > 0) findings.push(`it imposes a heavier kind than proposed: ${names(c.heavierKinds)}`);
  if (c.addedKinds.length > 0) findings.push(`it adds a kind that was not proposed: ${names(c.addedKinds)}`);
  if (c.fine) findings.push(`the fine of ${c.fine.decided} yuan is higher than the ${c.fine.proposed} yuan proposed`);
  if (c.confiscationValue) findings.push(`the confiscation of ${c.confiscationValue.decided} yuan is more than the ${c.confiscationValue.proposed} yuan proposed`);
  return findings;
}

export async function perform(_input: CheckNoHeavierPenaltyInput, _plan: never, _ports: JobPorts, _job: JobInfo): Promise<Outcome> {
  // decide() answers every case; a plan never reaches here
  throw new Error('Expected check-no-heavier-penalty to be decided without I/O, but perform was called');
}
