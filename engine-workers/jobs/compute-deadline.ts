/**
 * compute-deadline: a statutory deadline of the case, counted by the legal calendar (legal/calendar.ts) over the holiday
 * table app.calendar_days, stored in app.deadlines and handed to the process for a timer: timeDate `=deadlines.<name>`.
 * Running it again for the same name (a pause added, an extension approved) recomputes and updates the deadline.
 *
 * In:  either deadline { name, start, length, unit (WD | CD | H | M), basis, paused?, extensions?, warning? }, or the
 *      same flat, with the static parts as custom headers of the task: deadlineKind (the name), unit, basis, length,
 *      warningLength, warningUnit, and start, paused, extensions (and length, if it varies) as variables;
 *      caseRef (optional), deadlines and deadlineIds (optional: the maps so far, kept).
 * Out: deadlines { …, <name>: due, <name>Warning: when to warn (if a warning is asked for) } (ISO date-times with
 *      +08:00), deadlineIds { …, <name>: id }, deadline { id, name, due, dueDate, warningAt, text, warnings }.
 *
 * The warning instant is the start (00:00) of the day `warningLength` units before the due day — working days for WD —
 * or, for hours, that many hours before the due instant: the time of the 临期 timer.
 */
import { addWorkingDays, computeDeadline, formatChinaInstant, LegalCalendarError, PERIOD_UNITS, type Deadline, type Extension, type HolidayCalendar, type PausedInterval, type PeriodUnit } from '../../legal/calendar.js';
import { addDays, addMonths, startOfChinaDay, toEpochMs } from '../../legal/china-time.js';
import { proceed, type Decision, type JobInfo, type Parsed } from '../job-definition.js';
import { complete, incident, type JobVariables, type Outcome } from '../outcome.js';
import type { JobPorts } from '../ports/job-ports.js';
import { variableParser } from '../variables.js';

export interface ComputeDeadlineInput {
  deadline: {
    name: string;
    start: string;
    length: number;
    unit: PeriodUnit;
    basis: string;
    paused?: PausedInterval[];
    extensions?: Extension[];
    /** When to warn (临期) before the due date. */
    warning?: { length: number; unit: PeriodUnit };
  };
  caseRef?: string;
  deadlines?: Record<string, string>;
  deadlineIds?: Record<string, string>;
}

const instant = { type: 'string', format: 'instant' };
const unit = { type: 'string', enum: [...PERIOD_UNITS] };
const pausedSchema = {
  type: 'array',
  items: { type: 'object', required: ['from', 'to', 'reason'], properties: { from: instant, to: instant, reason: { type: 'string', minLength: 1 } } },
};
const extensionsSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['length', 'unit', 'approvedAt', 'reason'],
    properties: { length: { type: 'integer', minimum: 1 }, unit, approvedAt: instant, reason: { type: 'string', minLength: 1 } },
  },
};
// a FEEL name: deadlines.hearingRequest
const name = { type: 'string', pattern: '^[a-z][A-Za-z0-9]*$' };
const maps = {
  caseRef: { type: 'string', minLength: 1 },
  deadlines: { type: 'object', additionalProperties: { type: 'string' } },
  deadlineIds: { type: 'object', additionalProperties: { type: 'string' } },
};

const parseNested = variableParser<ComputeDeadlineInput>('compute-deadline', {
  type: 'object',
  required: ['deadline'],
  properties: {
    deadline: {
      type: 'object',
      required: ['name', 'start', 'length', 'unit', 'basis'],
      properties: {
        name,
        start: instant,
        length: { type: 'integer', minimum: 1 },
        unit,
        basis: { type: 'string', minLength: 1 },
        paused: pausedSchema,
        extensions: extensionsSchema,
        warning: { type: 'object', required: ['length', 'unit'], properties: { length: { type: 'integer', minimum: 1 }, unit } },
      },
    },
    ...maps,
  },
});

interface FlatInput {
  deadlineKind: string;
  start: string;
  length: number;
  unit: PeriodUnit;
  basis: string;
  paused?: PausedInterval[];
  extensions?: Extension[];
  warningLength?: number;
  warningUnit?: PeriodUnit;
  caseRef?: string;
  deadlines?: Record<string, string>;
  deadlineIds?: Record<string, string>;
}

const parseFlat = variableParser<FlatInput>(
  'compute-deadline',
  {
    type: 'object',
    required: ['deadlineKind', 'start', 'length', 'unit', 'basis'],
    properties: {
      deadlineKind: name,
      start: instant,
      length: { type: 'integer', minimum: 1 },
      unit,
      basis: { type: 'string', minLength: 1 },
      paused: pausedSchema,
      extensions: extensionsSchema,
      warningLength: { type: 'integer', minimum: 1 },
      warningUnit: unit,
      ...maps,
    },
    dependencies: { warningLength: ['warningUnit'] },
  },
  { headers: { deadlineKind: 'string', unit: 'string', basis: 'string', length: 'integer', warningLength: 'integer', warningUnit: 'string' } },
);

export function parseVariables(variables: JobVariables, headers: Readonly<Record<string, string>> = {}): Parsed<ComputeDeadlineInput> {
  if (variables.deadline !== undefined && variables.deadline !== null && variables.deadlineKind === undefined && headers.deadlineKind === undefined) return parseNested(variables, headers);
  const flat = parseFlat(variables, headers);
  if (!flat.ok) return flat;
  const f = flat.input;
  return {
    ok: true,
    input: {
      deadline: {
        name: f.deadlineKind,
        start: f.start,
        length: f.length,
        unit: f.unit,
        basis: f.basis,
        ...(f.paused ? { paused: f.paused } : {}),
        ...(f.extensions ? { extensions: f.extensions } : {}),
        ...(f.warningLength && f.warningUnit ? { warning: { length: f.warningLength, unit: f.warningUnit } } : {}),
      },
      ...(f.caseRef ? { caseRef: f.caseRef } : {}),
      ...(f.deadlines ? { deadlines: f.deadlines } : {}),
      ...(f.deadlineIds ? { deadlineIds: f.deadlineIds } : {}),
    },
  };
}

/** When the 临期 warning is due: `warning` before the due date (see the header of this file). */
export function warningAt(deadline: Pick<Deadline, 'due' | 'dueDate'>, warning: { length: number; unit: PeriodUnit }, calendar: HolidayCalendar): string {
  switch (warning.unit) {
    case 'H':
      return formatChinaInstant(toEpochMs(deadline.due, 'the due instant') - warning.length * 3_600_000);
    case 'WD':
      return formatChinaInstant(startOfChinaDay(addWorkingDays(deadline.dueDate, -warning.length, calendar)));
    case 'CD':
      return formatChinaInstant(startOfChinaDay(addDays(deadline.dueDate, -warning.length)));
    case 'M':
      return formatChinaInstant(startOfChinaDay(addMonths(deadline.dueDate, -warning.length).date));
  }
}

export function decide(input: ComputeDeadlineInput, _now: Date): Decision<ComputeDeadlineInput['deadline']> {
  return proceed(input.deadline);
}

export async function perform(input: ComputeDeadlineInput, spec: ComputeDeadlineInput['deadline'], ports: JobPorts, job: JobInfo): Promise<Outcome> {
  const calendar = await ports.calendar.load();
  let result;
  try {
    result = computeDeadline({ start: spec.start, length: spec.length, unit: spec.unit, basis: spec.basis, paused: spec.paused ?? [], extensions: spec.extensions ?? [] }, calendar);
  } catch (error) {
    // the variables passed the schema, so this is a period the law cannot count (a pause that ends before it starts …)
    if (error instanceof LegalCalendarError) return incident(`Expected variable 'deadline' to describe a countable period, but ${error.message}`);
    throw error;
  }
  const warning = spec.warning ? warningAt(result, spec.warning, calendar) : null;
  const stored = await ports.deadlines.upsert({
    processInstanceKey: job.processInstanceKey,
    caseRef: input.caseRef ?? null,
    kind: spec.name,
    legalBasis: spec.basis,
    start: result.explanation.start,
    length: spec.length,
    unit: spec.unit,
    paused: spec.paused ?? [],
    extensions: spec.extensions ?? [],
    due: result.due,
    dueDate: result.dueDate,
    explanation: result.explanation,
    jobKey: job.key,
  });
  return complete({
    deadlines: { ...(input.deadlines ?? {}), [spec.name]: result.due, ...(warning ? { [`${spec.name}Warning`]: warning } : {}) },
    deadlineIds: { ...(input.deadlineIds ?? {}), [spec.name]: stored.id },
    deadline: { id: stored.id, name: spec.name, due: result.due, dueDate: result.dueDate, warningAt: warning, text: result.text['zh-CN'], warnings: result.explanation.warnings.map((w) => w.code) },
  });
}
