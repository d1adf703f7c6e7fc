import {
  addDays, addMonths, dateOfMs, daysBetween, endOfChinaDay, formatChinaInstant, isDateOnly, parseDate, startOfChinaDay, toEpochMs,
  type Instant, type IsoDate,
} from './china-time.js';
import { describeDeadline } from './describe-deadline.js';
import { InvalidPeriodError } from './errors.js';
import { dayStatus, MAX_SCAN_DAYS, type DayStatus, type HolidayCalendar } from './holiday-calendar.js';

/** WD working days (工作日), CD calendar days (自然日), H clock hours, M calendar months. */
export type PeriodUnit = 'WD' | 'CD' | 'H' | 'M';
export const PERIOD_UNITS: readonly PeriodUnit[] = ['WD', 'CD', 'H', 'M'];

/**
 * Why a period stands still. The known keys are the time 市监 excludes from the 90-day limit (domain reference §1.5);
 * any other non-empty string is kept and shown as it is.
 */
export type KnownPauseReason = 'hearing' | 'testing-appraisal' | 'public-notice' | 'suspension' | 'identification' | 'refund-order';
export type PauseReason = KnownPauseReason | (string & {});

/**
 * Time that does not count. `from`/`to` are instants ([from, to): the pause ends at `to`), or bare dates, where `from`
 * is the start of its day and `to` the end of its day (a one-day hearing is `{ from: d, to: d }`).
 */
export interface PausedInterval {
  from: Instant;
  to: Instant;
  reason: PauseReason;
}

/** An approved extension; it runs after the period (or the previous extension) has ended. */
export interface Extension {
  length: number;
  unit: PeriodUnit;
  approvedAt: Instant;
  reason: string;
}

/** A statutory period as stored for a case (domain reference §0.2): trigger, length, unit, pauses, extensions. */
export interface DeadlineSpec {
  /** The trigger (立案, service of a notice, …); its day is not counted. */
  start: Instant;
  length: number;
  unit: PeriodUnit;
  paused?: readonly PausedInterval[];
  extensions?: readonly Extension[];
  /** The legal basis of the period, e.g. 《行政处罚法》第六十条; shown in the explanation. */
  basis?: string;
}

export interface SkippedDay {
  date: IsoDate;
  reason: 'weekend' | 'holiday' | 'paused';
  /** The holiday's name (春节, 国庆节, …). */
  name?: string;
  /** The reasons of every pause that covers the day. */
  pauseReasons?: PauseReason[];
}

/** A day period whose last day was not a working day, moved to the next working day (民诉法 Art 85). */
export interface RollForward {
  from: IsoDate;
  to: IsoDate;
  /** Each day between, starting with the period's own last day, and why it could not be the last day. */
  because: SkippedDay[];
}

export interface DeadlineStep {
  kind: 'period' | 'extension';
  length: number;
  unit: PeriodUnit;
  basis?: string;
  reason?: string;
  approvedAt?: string;
  /** Day units: the day the count starts after (not itself counted). Hours: the instant the hours run from. */
  countsAfter: string;
  /** Day units: the last day counted, before any roll-forward. */
  lastCountedDay?: IsoDate;
  /** Months: the corresponding day and whether it was moved to the month's end (31 January + 1 month → 28 February). */
  monthEnd?: { date: IsoDate; clamped: boolean; calendarDays: number };
  rolledForward?: RollForward;
  due: string;
  dueDate: IsoDate;
}

export type DeadlineWarningCode = 'year-not-in-calendar' | 'provisional-year' | 'extension-approved-after-expiry';

/** Something the due date depends on that a person should check. */
export interface DeadlineWarning {
  code: DeadlineWarningCode;
  year?: number;
  approvedAt?: string;
  text: { 'zh-CN': string; en: string };
}

export interface DeadlineExplanation {
  start: string;
  startDate: IsoDate;
  basis?: string;
  /** The period, then each extension in order of approval. */
  steps: DeadlineStep[];
  /** Days not counted while counting, in date order: rest days (WD) and paused days. */
  skipped: SkippedDay[];
  /** 调休 make-up working days that counted as working days (WD), or on which a CD/M period ended. */
  makeUpWorkdaysCounted: Array<{ date: IsoDate; name: string }>;
  /** How the final due date was moved off a rest day, if it was. */
  rolledForward?: RollForward;
  /** Days the pauses added (union of overlapping pauses; rest days inside a pause of a WD period are not included). */
  pausedDays: number;
  /** Hours the pauses added to an hour period. */
  pausedHours: number;
  extensions: Array<{ length: number; unit: PeriodUnit; reason: string; approvedAt: string; due: string }>;
  warnings: DeadlineWarning[];
}

export interface Deadline {
  /** The end of the period: 23:59:59.999+08:00 of the last day for day units, the exact instant for hours. */
  due: string;
  dueDate: IsoDate;
  explanation: DeadlineExplanation;
  text: { 'zh-CN': string; en: string };
}

interface Pause {
  fromMs: number;
  /** Exclusive. */
  toMs: number;
  reason: PauseReason;
}

interface Segment {
  kind: 'period' | 'extension';
  length: number;
  unit: PeriodUnit;
  basis?: string;
  reason?: string;
  approvedAt?: string;
  approvedMs?: number;
}

/** Where the previous segment ended. */
interface Mark {
  ms: number;
  date: IsoDate;
  dayBased: boolean;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The due date of a statutory period, with the reasons. Rules (legal/README.md):
 * - the start day is not counted; WD counts working days (调休 make-up days count, holidays and weekends do not),
 *   CD every day, M calendar months with end-of-month clamping, H clock hours from the trigger instant;
 * - a CD or M period whose last day is not a working day (statutory holiday or weekend) ends on the next working day;
 * - a day that a pause covers, even partly, is not counted; the count goes on the day after the pause ends;
 * - extensions run one after another after the period, each counted from the (rolled-forward) end of the previous one.
 */
export function computeDeadline(spec: DeadlineSpec, calendar: HolidayCalendar): Deadline {
  const segments = [periodSegment(spec), ...extensionSegments(spec.extensions ?? [])];
  const counter = new PeriodCounter(calendar, normalizePauses(spec.paused ?? []));
  const startMs = toEpochMs(spec.start, 'the start');
  const startDate = dateOfMs(startMs);

  const steps: DeadlineStep[] = [];
  const warnings: DeadlineWarning[] = [];
  let mark: Mark = { ms: startMs, date: startDate, dayBased: false };
  for (const segment of segments) {
    if (segment.approvedMs !== undefined && segment.approvedMs > mark.ms) warnings.push(lateExtension(segment, mark));
    const step = segment.unit === 'H' ? counter.hours(segment, mark) : counter.days(segment, mark);
    steps.push(step);
    mark = segment.unit === 'H' ? { ms: toEpochMs(step.due, 'due'), date: step.dueDate, dayBased: false } : { ms: endOfChinaDay(step.dueDate), date: step.dueDate, dayBased: true };
  }

  const last = steps[steps.length - 1] as DeadlineStep;
  warnings.unshift(...counter.yearWarnings());
  const explanation: DeadlineExplanation = {
    start: formatChinaInstant(startMs),
    startDate,
    ...(spec.basis === undefined ? {} : { basis: spec.basis }),
    steps,
    skipped: counter.skipped,
    makeUpWorkdaysCounted: counter.makeUpWorkdays,
    ...(last.rolledForward ? { rolledForward: last.rolledForward } : {}),
    pausedDays: counter.pausedDays,
    pausedHours: counter.pausedMs / HOUR_MS,
    extensions: steps
      .filter((step) => step.kind === 'extension')
      .map((step) => ({ length: step.length, unit: step.unit, reason: step.reason ?? '', approvedAt: step.approvedAt ?? '', due: step.due })),
    warnings,
  };
  return { due: last.due, dueDate: last.dueDate, explanation, text: describeDeadline(explanation) };
}

/** Counts one segment after another, collecting what it skipped. */
class PeriodCounter {
  readonly skipped: SkippedDay[] = [];
  readonly makeUpWorkdays: Array<{ date: IsoDate; name: string }> = [];
  pausedDays = 0;
  pausedMs = 0;
  private readonly yearsConsulted = new Set<number>();
  private scanned = 0;

  constructor(
    private readonly calendar: HolidayCalendar,
    private readonly pauses: readonly Pause[],
  ) {}

  /** WD, CD and M: walk day by day from the day after `mark`. */
  days(segment: Segment, mark: Mark): DeadlineStep {
    let target = segment.length;
    let monthEnd: DeadlineStep['monthEnd'];
    if (segment.unit === 'M') {
      const corresponding = addMonths(mark.date, segment.length);
      target = daysBetween(mark.date, corresponding.date);
      monthEnd = { date: corresponding.date, clamped: corresponding.clamped, calendarDays: target };
    }
    const workingDays = segment.unit === 'WD';
    let day = mark.date;
    for (let counted = 0; counted < target; ) {
      day = this.next(day);
      const status = workingDays ? this.status(day) : undefined;
      if (status && !status.working) {
        this.skipped.push(restDay(day, status));
        continue;
      }
      const pauseReasons = this.pausedOn(day);
      if (pauseReasons.length > 0) {
        this.skipped.push({ date: day, reason: 'paused', pauseReasons });
        this.pausedDays += 1;
        continue;
      }
      counted += 1;
      if (status?.working && status.makeUp) this.makeUpWorkdays.push({ date: day, name: status.name });
    }
    const lastCountedDay = day;
    const rolledForward = workingDays ? undefined : this.rollForward(lastCountedDay);
    const dueDate = rolledForward?.to ?? lastCountedDay;
    return {
      ...describeSegment(segment),
      countsAfter: mark.date,
      lastCountedDay,
      ...(monthEnd ? { monthEnd } : {}),
      ...(rolledForward ? { rolledForward } : {}),
      due: formatChinaInstant(endOfChinaDay(dueDate)),
      dueDate,
    };
  }

  /** H: clock hours from the instant, holidays included, minus the paused time. */
  hours(segment: Segment, mark: Mark): DeadlineStep {
    const from = mark.dayBased ? mark.ms + 1 : mark.ms; // after a day period: from 00:00 of the next day
    let t = from;
    let remaining = segment.length * HOUR_MS;
    for (const pause of mergePauses(this.pauses)) {
      if (pause.toMs <= t) continue;
      if (pause.fromMs >= t + remaining) break;
      if (pause.fromMs > t) {
        remaining -= pause.fromMs - t;
        t = pause.fromMs;
      }
      this.pausedMs += pause.toMs - t;
      t = pause.toMs;
    }
    const dueMs = t + remaining;
    return { ...describeSegment(segment), countsAfter: formatChinaInstant(from), due: formatChinaInstant(dueMs), dueDate: dateOfMs(dueMs) };
  }

  /**
   * 民诉法 Art 85: a period whose last day is a 法定休假日 ends on the next working day. Weekends are treated as 休假日
   * (as courts do); a 调休 make-up Saturday is a working day, so a period may end on it. The day reached must also not
   * be paused.
   */
  private rollForward(lastDay: IsoDate): RollForward | undefined {
    const because: SkippedDay[] = [];
    let day = lastDay;
    for (;;) {
      const status = this.status(day);
      if (!status.working) {
        because.push(restDay(day, status));
      } else {
        const pauseReasons = this.pausedOn(day);
        if (pauseReasons.length === 0) {
          if (status.makeUp) this.makeUpWorkdays.push({ date: day, name: status.name });
          break;
        }
        because.push({ date: day, reason: 'paused', pauseReasons });
        this.pausedDays += 1;
      }
      day = this.next(day);
    }
    return because.length > 0 ? { from: lastDay, to: day, because } : undefined;
  }

  yearWarnings(): DeadlineWarning[] {
    const warnings: DeadlineWarning[] = [];
    for (const year of [...this.yearsConsulted].sort()) {
      const coverage = this.calendar.years.get(year);
      if (coverage === undefined) {
        warnings.push({
          code: 'year-not-in-calendar',
          year,
          text: {
            'zh-CN': `节假日表中没有${year}年的数据，该年仅按周末计算，届满日期可能有误。`,
            en: `The holiday table has no days for ${year}; that year was counted with weekends only, so the due date may be wrong.`,
          },
        });
      } else if (coverage === 'provisional') {
        warnings.push({
          code: 'provisional-year',
          year,
          text: {
            'zh-CN': `${year}年的节假日安排尚未公布，仅按法定节日计算（不含调休），届满日期可能变化。`,
            en: `The State Council has not yet published the ${year} holiday arrangements; only the statutory days were counted (no make-up working days), so the due date may change.`,
          },
        });
      }
    }
    return warnings;
  }

  private status(day: IsoDate): DayStatus {
    this.yearsConsulted.add(Number(day.slice(0, 4)));
    return dayStatus(day, this.calendar);
  }

  private next(day: IsoDate): IsoDate {
    this.scanned += 1;
    if (this.scanned > MAX_SCAN_DAYS) {
      throw new InvalidPeriodError(`Expected the period to end within ${MAX_SCAN_DAYS} days, but it is still running on ${day}`);
    }
    return addDays(day, 1);
  }

  private pausedOn(day: IsoDate): PauseReason[] {
    const dayStart = startOfChinaDay(day);
    const reasons = this.pauses.filter((p) => p.fromMs < dayStart + DAY_MS && p.toMs > dayStart).map((p) => p.reason);
    return [...new Set(reasons)];
  }
}

function restDay(date: IsoDate, status: Extract<DayStatus, { working: false }>): SkippedDay {
  return status.reason === 'holiday' ? { date, reason: 'holiday', name: status.name } : { date, reason: 'weekend' };
}

function describeSegment(segment: Segment): Pick<DeadlineStep, 'kind' | 'length' | 'unit' | 'basis' | 'reason' | 'approvedAt'> {
  return {
    kind: segment.kind,
    length: segment.length,
    unit: segment.unit,
    ...(segment.basis === undefined ? {} : { basis: segment.basis }),
    ...(segment.reason === undefined ? {} : { reason: segment.reason }),
    ...(segment.approvedAt === undefined ? {} : { approvedAt: segment.approvedAt }),
  };
}

function lateExtension(segment: Segment, mark: Mark): DeadlineWarning {
  const approvedAt = segment.approvedAt ?? '';
  const ended = formatChinaInstant(mark.ms);
  return {
    code: 'extension-approved-after-expiry',
    approvedAt,
    text: {
      'zh-CN': `延长（${segment.reason ?? ''}）于${approvedAt}批准，晚于原期限届满（${ended}）；已期满的期限一般不能再延长，请核实。`,
      en: `The extension (${segment.reason ?? ''}) was approved at ${approvedAt}, after the period it extends had ended (${ended}); an expired period normally cannot be extended, please check.`,
    },
  };
}

function periodSegment(spec: DeadlineSpec): Segment {
  if (spec === null || typeof spec !== 'object') throw new InvalidPeriodError(`Expected a period { start, length, unit }, but got ${String(spec)}`);
  checkLength(spec.length, 'the period length');
  checkUnit(spec.unit, 'the period unit');
  if (spec.basis !== undefined && typeof spec.basis !== 'string') throw new InvalidPeriodError(`Expected the legal basis to be text, but got ${typeof spec.basis}`);
  return { kind: 'period', length: spec.length, unit: spec.unit, ...(spec.basis === undefined ? {} : { basis: spec.basis }) };
}

function extensionSegments(extensions: readonly Extension[]): Segment[] {
  if (!Array.isArray(extensions)) throw new InvalidPeriodError('Expected the extensions to be a list');
  const segments = extensions.map((extension, index): Segment => {
    const what = `extension ${index + 1}`;
    checkLength(extension.length, `the length of ${what}`);
    checkUnit(extension.unit, `the unit of ${what}`);
    checkReason(extension.reason, what);
    const approvedMs = toEpochMs(extension.approvedAt, `the approval time of ${what}`);
    return { kind: 'extension', length: extension.length, unit: extension.unit, reason: extension.reason, approvedAt: formatChinaInstant(approvedMs), approvedMs };
  });
  // stable: extensions approved at the same time keep their order
  return segments.sort((a, b) => (a.approvedMs ?? 0) - (b.approvedMs ?? 0));
}

function normalizePauses(paused: readonly PausedInterval[]): Pause[] {
  if (!Array.isArray(paused)) throw new InvalidPeriodError('Expected the paused intervals to be a list');
  return paused.map((pause, index) => {
    const what = `pause ${index + 1}`;
    checkReason(pause.reason, what);
    const fromMs = toEpochMs(pause.from, `the start of ${what} (${pause.reason})`);
    const toMs = isDateOnly(pause.to) ? endOfChinaDay(parseDate(pause.to, `the end of ${what}`)) + 1 : toEpochMs(pause.to, `the end of ${what} (${pause.reason})`);
    if (toMs <= fromMs) {
      throw new InvalidPeriodError(`Expected ${what} (${pause.reason}) to end after it starts, but it runs from ${String(asText(pause.from))} to ${String(asText(pause.to))}`);
    }
    return { fromMs, toMs, reason: pause.reason };
  });
}

/** Overlapping pauses as one, sorted: for hours, where time is subtracted exactly. */
function mergePauses(pauses: readonly Pause[]): Pause[] {
  const merged: Pause[] = [];
  for (const pause of [...pauses].sort((a, b) => a.fromMs - b.fromMs)) {
    const previous = merged[merged.length - 1];
    if (previous && pause.fromMs <= previous.toMs) previous.toMs = Math.max(previous.toMs, pause.toMs);
    else merged.push({ ...pause });
  }
  return merged;
}

function checkLength(length: unknown, what: string): asserts length is number {
  if (typeof length !== 'number' || !Number.isInteger(length) || length <= 0) {
    throw new InvalidPeriodError(`Expected ${what} to be a positive whole number, but got ${String(length)}`);
  }
}

function checkUnit(unit: unknown, what: string): asserts unit is PeriodUnit {
  if (!PERIOD_UNITS.includes(unit as PeriodUnit)) {
    throw new InvalidPeriodError(`Expected ${what} to be one of ${PERIOD_UNITS.join(', ')}, but got '${String(unit)}'`);
  }
}

function checkReason(reason: unknown, what: string): asserts reason is string {
  if (typeof reason !== 'string' || reason.trim() === '') throw new InvalidPeriodError(`Expected ${what} to give a reason, but it has none`);
}

function asText(value: Instant): string {
  return value instanceof Date ? (Number.isNaN(value.getTime()) ? 'Invalid Date' : formatChinaInstant(value.getTime())) : String(value);
}
