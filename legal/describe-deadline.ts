import { addDays, dayOfWeek, type IsoDate } from './china-time.js';
import type { DeadlineExplanation, DeadlineStep, KnownPauseReason, PauseReason, PeriodUnit, SkippedDay } from './compute-deadline.js';

type Locale = 'zh-CN' | 'en';
type Texts = Record<Locale, string>;

export const PAUSE_REASON_LABELS: Readonly<Record<KnownPauseReason, Texts>> = {
  hearing: { 'zh-CN': '听证', en: 'hearing' },
  'testing-appraisal': { 'zh-CN': '检测、检验、检疫、鉴定', en: 'testing, inspection, quarantine or appraisal' },
  'public-notice': { 'zh-CN': '公告', en: 'public notice' },
  suspension: { 'zh-CN': '中止', en: 'suspension' },
  identification: { 'zh-CN': '权利人辨认或者鉴别', en: 'identification by the right holder' },
  'refund-order': { 'zh-CN': '责令退还多收价款', en: 'order to refund overcharges' },
};

const HOLIDAY_NAMES_EN: Readonly<Record<string, string>> = {
  元旦: "New Year's Day",
  春节: 'Spring Festival',
  清明: 'Qingming Festival',
  劳动节: 'Labour Day',
  端午: 'Dragon Boat Festival',
  中秋: 'Mid-Autumn Festival',
  国庆节: 'National Day',
};

const WEEKDAYS: Record<Locale, readonly string[]> = {
  'zh-CN': ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

export function pauseReasonLabel(reason: PauseReason, locale: Locale): string {
  return (PAUSE_REASON_LABELS as Record<string, Texts>)[reason]?.[locale] ?? reason;
}

/** The explanation as one paragraph per language, for the case file and the console. */
export function describeDeadline(explanation: DeadlineExplanation): Texts {
  return { 'zh-CN': describe(explanation, 'zh-CN'), en: describe(explanation, 'en') };
}

function describe(explanation: DeadlineExplanation, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const sentences: string[] = [];
  const first = explanation.steps[0] as DeadlineStep;
  sentences.push(
    first.unit === 'H'
      ? zh ? `自${time(explanation.start)}起按小时计算。` : `Counted in clock hours from ${time(explanation.start)}.`
      : zh ? `自${day(explanation.startDate, locale)}起算，起算日不计入。` : `Counted from ${day(explanation.startDate, locale)}; the start day is not counted.`,
  );
  for (const step of explanation.steps) sentences.push(stepSentence(step, locale, explanation.steps.length > 1));

  const skipped = runs(explanation.skipped).map((run) => runText(run, locale));
  if (skipped.length > 0) sentences.push(zh ? `未计入：${skipped.join('；')}。` : `Not counted: ${skipped.join('; ')}.`);
  if (explanation.pausedDays > 0) sentences.push(zh ? `因中止计算顺延${explanation.pausedDays}日。` : `Pauses added ${explanation.pausedDays} day(s).`);
  if (explanation.pausedHours > 0) sentences.push(zh ? `因中止计算顺延${hours(explanation.pausedHours)}小时。` : `Pauses added ${hours(explanation.pausedHours)} hour(s).`);
  if (explanation.makeUpWorkdaysCounted.length > 0) {
    const list = explanation.makeUpWorkdaysCounted.map((d) => day(d.date, locale, zh ? `${d.name}调休` : `make-up day for ${holidayName(d.name, locale)}`));
    sentences.push(zh ? `调休工作日按工作日计：${list.join('、')}。` : `Make-up working days count as working days: ${list.join(', ')}.`);
  }

  const last = explanation.steps[explanation.steps.length - 1] as DeadlineStep;
  sentences.push(
    last.unit === 'H'
      ? zh ? `届满时间：${time(last.due)}。` : `Due: ${time(last.due)}.`
      : zh ? `届满日期：${day(last.dueDate, locale)}24时（北京时间）。` : `Due: end of ${day(last.dueDate, locale)} (24:00 China Standard Time).`,
  );
  for (const warning of explanation.warnings) sentences.push(warning.text[locale]);
  return sentences.join(zh ? '' : ' ');
}

function stepSentence(step: DeadlineStep, locale: Locale, withEnd: boolean): string {
  const zh = locale === 'zh-CN';
  const length = amount(step.length, step.unit, locale);
  let text: string;
  if (step.kind === 'period') {
    const basis = step.basis ? (zh ? `（${step.basis}）` : ` (${step.basis})`) : '';
    text = zh ? `期间${length}${basis}` : `Period: ${length}${basis}`;
  } else {
    text = zh ? `经批准延长${length}（${step.reason}，${time(step.approvedAt ?? '')}批准），自前一期间届满次日起算` : `Extended by ${length} (${step.reason}, approved ${time(step.approvedAt ?? '')}), counted from the day after the previous end`;
  }
  if (step.monthEnd?.clamped) text += zh ? `，到期月无对应日，以月末${step.monthEnd.date}为最后一日` : `; the month has no corresponding day, so its last day ${step.monthEnd.date} is the last day`;
  if (step.rolledForward) {
    const why = reasonText(step.rolledForward.because[0] as SkippedDay, locale);
    text += zh
      ? `，最后一日${day(step.rolledForward.from, locale)}为${why}，顺延至${day(step.rolledForward.to, locale)}`
      : `; its last day ${day(step.rolledForward.from, locale)} is a ${why}, so it ends on the next working day, ${day(step.rolledForward.to, locale)}`;
  } else if (withEnd) {
    const end = step.unit === 'H' ? time(step.due) : day(step.dueDate, locale);
    text += zh ? `，至${end}` : `, to ${end}`;
  }
  return text + (zh ? '。' : '.');
}

/** Consecutive skipped days with the same reason, as one range. */
function runs(days: readonly SkippedDay[]): Array<{ from: IsoDate; to: IsoDate; day: SkippedDay; count: number }> {
  const result: Array<{ from: IsoDate; to: IsoDate; day: SkippedDay; count: number }> = [];
  for (const skipped of days) {
    const previous = result[result.length - 1];
    if (previous && addDays(previous.to, 1) === skipped.date && key(previous.day) === key(skipped)) {
      previous.to = skipped.date;
      previous.count += 1;
    } else {
      result.push({ from: skipped.date, to: skipped.date, day: skipped, count: 1 });
    }
  }
  return result;
}

function key(day: SkippedDay): string {
  return `${day.reason}|${day.name ?? ''}|${(day.pauseReasons ?? []).join(',')}`;
}

function runText(run: { from: IsoDate; to: IsoDate; day: SkippedDay; count: number }, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const range = run.from === run.to ? run.from : zh ? `${run.from}至${run.to}` : `${run.from} to ${run.to}`;
  return zh ? `${range}（${reasonText(run.day, locale)}，${run.count}日）` : `${range} (${reasonText(run.day, locale)}, ${run.count} day${run.count === 1 ? '' : 's'})`;
}

function reasonText(skipped: SkippedDay, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (skipped.reason) {
    case 'weekend':
      return zh ? '周末' : 'weekend';
    case 'holiday':
      return zh ? `法定节假日${skipped.name ?? ''}` : `statutory holiday${skipped.name ? ` ${holidayName(skipped.name, locale)}` : ''}`;
    case 'paused': {
      const reasons = (skipped.pauseReasons ?? []).map((r) => pauseReasonLabel(r, locale));
      return zh ? `中止计算：${reasons.join('、')}` : `paused: ${reasons.join(', ')}`;
    }
  }
}

function holidayName(name: string, locale: Locale): string {
  return locale === 'en' && HOLIDAY_NAMES_EN[name] ? `${name} ${HOLIDAY_NAMES_EN[name]}` : name;
}

function amount(length: number, unit: PeriodUnit, locale: Locale): string {
  if (locale === 'zh-CN') return `${length}${{ WD: '个工作日', CD: '日', H: '小时', M: '个月' }[unit]}`;
  const [one, many] = { WD: ['working day', 'working days'], CD: ['calendar day', 'calendar days'], H: ['hour', 'hours'], M: ['month', 'months'] }[unit];
  return `${length} ${length === 1 ? one : many}`;
}

function day(date: IsoDate, locale: Locale, note?: string): string {
  const weekday = WEEKDAYS[locale][dayOfWeek(date)] as string;
  return locale === 'zh-CN' ? `${date}（${weekday}${note ? `，${note}` : ''}）` : `${date} (${weekday}${note ? `, ${note}` : ''})`;
}

/** `2026-02-15T15:30:00.000+08:00` → `2026-02-15 15:30 UTC+8` (every instant here is already in China time). */
function time(instant: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2})\.(\d{3}))?\+08:00$/.exec(instant);
  if (!match) return instant;
  const seconds = match[3] && (match[3] !== '00' || match[4] !== '000') ? `:${match[3]}` : '';
  return `${match[1]} ${match[2]}${seconds} UTC+8`;
}

function hours(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
