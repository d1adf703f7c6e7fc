/**
 * check-inspection-frequency: the annual cap on 涉企行政检查 (国办发〔2024〕54号; 司法部《有关问题解答》; domain reference
 * §3.3). Each department publishes how often a year it may inspect one enterprise; the cap covers routine (日常), case
 * (个案) and campaign (专项) inspections alike. Exemptions (complaint verification, campaigns deployed by a higher level)
 * are decided by the body's head on the diagram's refusal path (approve-cap-exemption), not here.
 *
 * Counts, per enterprise (`party.creditCode`, else `party.idNumber`, else `party.name`), per inspecting body (`bodyId`)
 * and per calendar year in China of `plannedAt`, the inspections already recorded by this job, leaving out this process
 * instance's own (a re-planned inspection is checked again, not counted twice). When that count has reached `annualCap`
 * the BPMN error INSPECTION_CAP_EXCEEDED; otherwise the inspection is recorded (app.enterprise_inspections) and counts
 * against the cap from now on. Two checks of one enterprise at once queue on a lock, so the cap cannot be passed by
 * racing. The cap is a task header or variable `annualCap`, default 2 ((U): the published example of one sector: two
 * on-site inspections per enterprise, level and year; set each field's published cap).
 *
 * In:  party { name, creditCode?, idNumber? }, inspectionType (routine | case | campaign), plannedAt, field, bodyId;
 *      annualCap (header or variable, optional).
 * Out: inspectionFrequency { year, count (including this one), cap } · error INSPECTION_CAP_EXCEEDED with the same
 *      variable (count = the inspections already recorded).
 */
import { chinaDate, formatChinaInstant, toEpochMs } from '../../legal/china-time.js';
import { proceed, type Decision, type JobInfo, type Parsed } from '../job-definition.js';
import { bpmnError, complete, type JobVariables, type Outcome } from '../outcome.js';
import type { InspectionType } from '../ports/enterprise-inspections.js';
import type { JobPorts } from '../ports/job-ports.js';
import { variableParser } from '../variables.js';

export interface CheckInspectionFrequencyInput {
  party: { name: string; creditCode?: string; idNumber?: string; [key: string]: unknown };
  inspectionType: InspectionType;
  plannedAt: string;
  field: string;
  bodyId: number;
  annualCap: number;
}

export interface InspectionFrequencyPlan {
  partyKey: string;
  year: number;
  plannedAt: string;
  cap: number;
}

export const INSPECTION_CAP_EXCEEDED = 'INSPECTION_CAP_EXCEEDED';
export const DEFAULT_ANNUAL_CAP = 2;
const BASIS = '国办发〔2024〕54号《关于严格规范涉企行政检查的意见》';
const TYPE_LABELS: Readonly<Record<InspectionType, string>> = { routine: '日常检查', case: '个案检查', campaign: '专项检查' };

const parse = variableParser<CheckInspectionFrequencyInput>(
  'check-inspection-frequency',
  {
    type: 'object',
    required: ['party', 'inspectionType', 'plannedAt', 'field', 'bodyId'],
    properties: {
      party: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string', minLength: 1 }, creditCode: { type: ['string', 'null'] }, idNumber: { type: ['string', 'null'] } },
      },
      inspectionType: { type: 'string', enum: Object.keys(TYPE_LABELS) },
      plannedAt: { type: 'string', format: 'instant' },
      field: { type: 'string', minLength: 1 },
      bodyId: { type: 'integer', minimum: 1 },
      annualCap: { type: 'integer', minimum: 1, maximum: 366, default: DEFAULT_ANNUAL_CAP },
    },
  },
  { headers: { annualCap: 'integer' } },
);

export function parseVariables(variables: JobVariables, headers: Readonly<Record<string, string>> = {}): Parsed<CheckInspectionFrequencyInput> {
  return parse(variables, headers);
}

/** The enterprise as the counters know it: its 统一社会信用代码, else the ID number, else its name. */
export function partyKeyOf(party: CheckInspectionFrequencyInput['party']): string {
  const code = party.creditCode?.trim() || party.idNumber?.trim();
  return code ? code.toUpperCase() : `name:${party.name.trim()}`;
}

export function decide(input: CheckInspectionFrequencyInput, _now: Date): Decision<InspectionFrequencyPlan> {
  const plannedAt = formatChinaInstant(toEpochMs(input.plannedAt, 'plannedAt'));
  return proceed({ partyKey: partyKeyOf(input.party), year: Number(chinaDate(input.plannedAt).slice(0, 4)), plannedAt, cap: input.annualCap });
}

/** The rule itself, pure: `recorded` inspections of the enterprise by the body this year → go ahead or the cap error. */
export function judgeFrequency(input: CheckInspectionFrequencyInput, plan: InspectionFrequencyPlan, recorded: number): Outcome | null {
  if (recorded < plan.cap) return null;
  return bpmnError(
    INSPECTION_CAP_EXCEEDED,
    `Expected body ${input.bodyId} to have inspected '${input.party.name}' fewer than ${plan.cap} times in ${plan.year} before this ${TYPE_LABELS[input.inspectionType]} (${BASIS}), but it has ${recorded} inspection${recorded === 1 ? '' : 's'} on record: the cap is reached; an exemption needs the head's approval with its reason`,
    { inspectionFrequency: { year: plan.year, count: recorded, cap: plan.cap } },
  );
}

export async function perform(input: CheckInspectionFrequencyInput, plan: InspectionFrequencyPlan, ports: JobPorts, job: JobInfo): Promise<Outcome> {
  const counter = { partyKey: plan.partyKey, bodyId: input.bodyId, year: plan.year };
  const recorded = await ports.inspections.lockAndCount(counter, job.processInstanceKey);
  const refusal = judgeFrequency(input, plan, recorded);
  if (refusal) return refusal;
  await ports.inspections.record({
    ...counter,
    processInstanceKey: job.processInstanceKey,
    partyName: input.party.name,
    field: input.field,
    inspectionType: input.inspectionType,
    plannedAt: plan.plannedAt,
    jobKey: job.key,
  });
  return complete({ inspectionFrequency: { year: plan.year, count: recorded + 1, cap: plan.cap } });
}
