/**
 * queue-disclosure: puts a decision on the disclosure queue (信息公示) with its due date from the legal calendar —
 * penalty decisions within 7 working days, other enforcement decisions within 20, the withdrawal of a disclosed decision
 * that was changed or revoked within 3 (《行政处罚法》第四十八条; 国办发〔2018〕118号).
 *
 * In:  kind (penalty-decision | other-decision | withdrawal), decidedAt (the decision's date or date-time), subject
 *      { documentNumber, partyName, authority, … } (what is published), caseRef (optional).
 * Out: disclosure { id, kind, dueBy, dueDate }.
 */
import { computeDeadline, type PeriodUnit } from '../../legal/calendar.js';
import { proceed, type Decision, type JobInfo } from '../job-definition.js';
import { complete, type Outcome } from '../outcome.js';
import type { DisclosureKind } from '../ports/disclosure-queue.js';
import type { JobPorts } from '../ports/job-ports.js';
import { variableParser } from '../variables.js';

export interface QueueDisclosureInput {
  kind: DisclosureKind;
  decidedAt: string;
  subject: { documentNumber: string; partyName: string; authority: string; [key: string]: unknown };
  caseRef?: string;
}

export interface DisclosurePeriod {
  length: number;
  unit: PeriodUnit;
  basis: string;
}

export const DISCLOSURE_PERIODS: Readonly<Record<DisclosureKind, DisclosurePeriod>> = Object.freeze({
  'penalty-decision': { length: 7, unit: 'WD', basis: '《中华人民共和国行政处罚法》第四十八条；国办发〔2018〕118号' },
  'other-decision': { length: 20, unit: 'WD', basis: '国办发〔2018〕118号' },
  withdrawal: { length: 3, unit: 'WD', basis: '《中华人民共和国行政处罚法》第四十八条第二款' },
});

export const parseVariables = variableParser<QueueDisclosureInput>('queue-disclosure', {
  type: 'object',
  required: ['kind', 'decidedAt', 'subject'],
  properties: {
    kind: { type: 'string', enum: Object.keys(DISCLOSURE_PERIODS) },
    decidedAt: { type: 'string', format: 'instant' },
    caseRef: { type: 'string', minLength: 1 },
    subject: {
      type: 'object',
      required: ['documentNumber', 'partyName', 'authority'],
      properties: { documentNumber: { type: 'string', minLength: 1 }, partyName: { type: 'string', minLength: 1 }, authority: { type: 'string', minLength: 1 } },
    },
  },
});

export function decide(input: QueueDisclosureInput, _now: Date): Decision<DisclosurePeriod> {
  return proceed(DISCLOSURE_PERIODS[input.kind]);
}

export async function perform(input: QueueDisclosureInput, period: DisclosurePeriod, ports: JobPorts, job: JobInfo): Promise<Outcome> {
  const deadline = computeDeadline({ start: input.decidedAt, length: period.length, unit: period.unit, basis: period.basis }, await ports.calendar.load());
  const item = await ports.disclosures.enqueue({
    processInstanceKey: job.processInstanceKey,
    caseRef: input.caseRef ?? null,
    kind: input.kind,
    subject: input.subject,
    decidedAt: deadline.explanation.start,
    dueBy: deadline.due,
    dueDate: deadline.dueDate,
    explanation: deadline.explanation,
    jobKey: job.key,
  });
  return complete({ disclosure: { id: item.id, kind: input.kind, dueBy: deadline.due, dueDate: deadline.dueDate } });
}
