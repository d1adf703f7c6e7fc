/**
 * compute-surcharge: 加处罚款 for a fine not paid by its deadline — 3% of the fine for each day after the payment
 * deadline, never more than the fine itself (《行政处罚法》第七十二条第一款第（一）项; 《行政强制法》第四十五条). Days
 * while 复议 or 诉讼 is pending do not count (《行政处罚法》第七十三条第三款). Pure: nothing is written.
 *
 * In:  fineAmount or fine (yuan), paymentDeadline or dueAt (the last day to pay, YYYY-MM-DD or a date-time, e.g.
 *      deadlines.payment from compute-deadline), asOf (optional: the day
 *      to count to, e.g. the day paid; default today in China), paused (optional: [{ from, to, reason }] dates of
 *      复议/诉讼, both days included).
 * Out: surcharge { fineAmount, firstDay, asOf, days, dailyAmount, amount, capped, capReachedOn, totalDue, basis }.
 */
import { addDays, chinaDate } from '../../legal/china-time.js';
import type { Decision, JobInfo } from '../job-definition.js';
import { complete, incident, type Outcome } from '../outcome.js';
import type { JobPorts } from '../ports/job-ports.js';
import { variableParser } from '../variables.js';

export interface SurchargeInput {
  fineAmount: number;
  paymentDeadline: string;
  asOf?: string;
  paused?: Array<{ from: string; to: string; reason: string }>;
}

export interface Surcharge {
  fineAmount: number;
  /** The first day a surcharge is due: the day after the payment deadline. */
  firstDay: string;
  asOf: string;
  /** Days after the deadline up to asOf, paused days excluded (may exceed the days it takes to reach the cap). */
  days: number;
  dailyAmount: number;
  amount: number;
  capped: boolean;
  /** The day the surcharge reaches the fine, after which it grows no more. */
  capReachedOn: string;
  totalDue: number;
  basis: string;
}

export const SURCHARGE_RATE_PERCENT = 3;
/** A century: no fine stays unpaid longer, and bad dates cannot make the count run away. */
const MAX_DAYS = 366 * 100;
export const SURCHARGE_BASIS = '《中华人民共和国行政处罚法》第七十二条第一款第（一）项、第七十三条第三款；《中华人民共和国行政强制法》第四十五条';

export const parseVariables = variableParser<SurchargeInput>(
  'compute-surcharge',
  {
  type: 'object',
  required: ['fineAmount', 'paymentDeadline'],
  properties: {
    fineAmount: { type: 'number', exclusiveMinimum: 0 },
    paymentDeadline: { type: 'string', format: 'instant' },
    asOf: { type: 'string', format: 'instant' },
    paused: {
      type: 'array',
      items: { type: 'object', required: ['from', 'to', 'reason'], properties: { from: { type: 'string', format: 'calendar-date' }, to: { type: 'string', format: 'calendar-date' }, reason: { type: 'string', minLength: 1 } } },
    },
  },
  },
  { aliases: { fine: 'fineAmount', dueAt: 'paymentDeadline' } },
);

/** The surcharge as of a day. Amounts are counted in fen (分) and rounded half up. */
export function computeSurcharge(input: SurchargeInput, today: string): Surcharge {
  const fineFen = Math.round(input.fineAmount * 100);
  const firstDay = addDays(chinaDate(input.paymentDeadline), 1);
  const asOf = input.asOf ? chinaDate(input.asOf) : today;
  const paused = (input.paused ?? []).map((p) => ({ from: p.from, to: p.to }));
  const isPaused = (day: string) => paused.some((p) => p.from <= day && day <= p.to);
  const daysToCap = Math.ceil(100 / SURCHARGE_RATE_PERCENT); // 34: 33 days are 99%, the 34th reaches the fine
  let days = 0;
  let capReachedOn = '';
  for (let day = firstDay, counted = 0, guard = 0; (day <= asOf || counted < daysToCap) && guard < MAX_DAYS; day = addDays(day, 1), guard += 1) {
    if (isPaused(day)) continue;
    counted += 1;
    if (day <= asOf) days = counted;
    if (counted === daysToCap) capReachedOn = day;
  }
  const amountFen = Math.min(fineFen, Math.round((fineFen * SURCHARGE_RATE_PERCENT * days) / 100));
  return {
    fineAmount: fineFen / 100,
    firstDay,
    asOf,
    days,
    dailyAmount: Math.round((fineFen * SURCHARGE_RATE_PERCENT) / 100) / 100,
    amount: amountFen / 100,
    capped: amountFen === fineFen,
    capReachedOn,
    totalDue: (fineFen + amountFen) / 100,
    basis: SURCHARGE_BASIS,
  };
}

export function decide(input: SurchargeInput, now: Date): Decision<Surcharge> {
  const bad = (input.paused ?? []).findIndex((p) => p.to < p.from);
  if (bad >= 0) return incident(`Expected variable 'paused[${bad}]' to end on or after its start, but it runs from ${input.paused![bad]!.from} to ${input.paused![bad]!.to}`);
  return complete({ surcharge: computeSurcharge(input, chinaDate(now)) });
}

export async function perform(_input: SurchargeInput, _plan: Surcharge, _ports: JobPorts, _job: JobInfo): Promise<Outcome> {
  // decide() answers every case; a plan never reaches here
  throw new Error('Expected compute-surcharge to be decided without I/O, but perform was called');
}
