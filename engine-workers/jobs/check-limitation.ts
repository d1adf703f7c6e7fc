/**
 * check-limitation: 追责时效 (《行政处罚法》第三十六条). A violation not discovered within two years is no longer
 * penalised; five years where it concerns citizens' life and health safety or financial safety and has harmful
 * consequences (`specialLimitation`); a law may provide otherwise (`limitationMonths` with `limitationBasis`, header or
 * variable). The period counts from the day the act occurred, or, for a continuing or continuous act, from the day it
 * ended (`violationEndedAt`). That day is not counted; the period ends with the corresponding day two (five) years
 * later, or the last day of that month when it has none (《民法典》第二百零一条、第二百零二条): an act on 2024-03-10 must
 * be discovered on or before 2026-03-10. A last day on a holiday is not moved: the agency's power ends, no party has to
 * act ((U) the reading most favourable to the party).
 *
 * In:  violationDate, violationEndedAt (optional), specialLimitation (optional, default false), actDate (the day the
 *      violation was discovered: the diagram passes the day the clue was received), limitationMonths and
 *      limitationBasis (optional).
 * Out: {} · error LIMITATION_EXPIRED with variable limitation { from, lastDay, discoveredOn, months, basis (the citation
 *      alone, for the 不予立案审批表) }.
 */
import { addMonths, chinaDate } from '../../legal/china-time.js';
import type { Decision, JobInfo, Parsed } from '../job-definition.js';
import { bpmnError, complete, incident, type JobVariables, type Outcome } from '../outcome.js';
import type { JobPorts } from '../ports/job-ports.js';
import { variableParser } from '../variables.js';

export interface CheckLimitationInput {
  violationDate: string;
  violationEndedAt?: string;
  specialLimitation: boolean;
  actDate: string;
  limitationMonths?: number;
  limitationBasis?: string;
}

export interface Limitation {
  /** The day counting starts from: the act, or the end of a continuing act. */
  from: string;
  /** The last day on which discovery is in time. */
  lastDay: string;
  discoveredOn: string;
  months: number;
  basis: string;
}

export const LIMITATION_EXPIRED = 'LIMITATION_EXPIRED';
export const GENERAL_LIMITATION_MONTHS = 24;
export const SPECIAL_LIMITATION_MONTHS = 60;
const ART_36 = '《中华人民共和国行政处罚法》第三十六条';

const parse = variableParser<CheckLimitationInput>(
  'check-limitation',
  {
    type: 'object',
    required: ['violationDate', 'actDate'],
    properties: {
      violationDate: { type: 'string', format: 'instant' },
      violationEndedAt: { type: 'string', format: 'instant' },
      specialLimitation: { type: 'boolean', default: false },
      actDate: { type: 'string', format: 'instant' },
      limitationMonths: { type: 'integer', minimum: 1, maximum: 1200 },
      limitationBasis: { type: 'string', minLength: 1 },
    },
    if: { required: ['limitationMonths'] },
    then: { required: ['limitationBasis'] },
  },
  { headers: { limitationMonths: 'integer', limitationBasis: 'string' } },
);

export function parseVariables(variables: JobVariables, headers: Readonly<Record<string, string>> = {}): Parsed<CheckLimitationInput> {
  return parse(variables, headers);
}

export function decide(input: CheckLimitationInput, _now: Date): Decision<never> {
  const occurred = chinaDate(input.violationDate);
  const ended = input.violationEndedAt === undefined ? null : chinaDate(input.violationEndedAt);
  const discoveredOn = chinaDate(input.actDate);
  if (ended !== null && ended < occurred) {
    return incident(`Expected variable 'violationEndedAt' (${ended}) to be on or after variable 'violationDate' (${occurred}), but it is before`);
  }
  if (discoveredOn < occurred) {
    return incident(`Expected variable 'actDate' (the day of discovery, ${discoveredOn}) to be on or after variable 'violationDate' (${occurred}), but it is before`);
  }
  const limitation = limitationOf(input, ended ?? occurred, discoveredOn);
  if (discoveredOn <= limitation.lastDay) return complete({});
  const years = limitation.months % 12 === 0 ? `${limitation.months / 12} years` : `${limitation.months} months`;
  const ground = input.limitationMonths !== undefined ? '' : input.specialLimitation ? ', as it concerns life and health or financial safety with harmful consequences' : '';
  const from = ended !== null ? `the end of the continuing act on ${ended}` : `the act on ${occurred}`;
  return bpmnError(
    LIMITATION_EXPIRED,
    `Expected the violation to be discovered within ${years} of ${from}${ground}, i.e. by ${limitation.lastDay} (${limitation.basis}), but it was discovered on ${discoveredOn}: no penalty may be given`,
    { limitation },
  );
}

export function limitationOf(input: Pick<CheckLimitationInput, 'specialLimitation' | 'limitationMonths' | 'limitationBasis'>, from: string, discoveredOn: string): Limitation {
  const months = input.limitationMonths ?? (input.specialLimitation ? SPECIAL_LIMITATION_MONTHS : GENERAL_LIMITATION_MONTHS);
  const basis = input.limitationMonths !== undefined ? (input.limitationBasis as string) : ART_36;
  return { from, lastDay: addMonths(from, months).date, discoveredOn, months, basis };
}

export async function perform(_input: CheckLimitationInput, _plan: never, _ports: JobPorts, _job: JobInfo): Promise<Outcome> {
  // decide() answers every case; a plan never reaches here
  throw new Error('Expected check-limitation to be decided without I/O, but perform was called');
}
