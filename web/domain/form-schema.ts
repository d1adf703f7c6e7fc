/**
 * Pure helpers for form-js schemas (processes/forms/*.form) as the console renders them: the component walk, data paths
 * of groups and dynamic lists, the label for the UI language, FEEL conditions, validation of a value, the submission
 * (hidden fields dropped), date/time serialisation as form-js writes it (wall clock always China time, UTC+8, never the
 * machine's zone) and a safe markdown-lite for text components.
 * No Vue, no I/O: mocha loads this module for unit tests (imports end in `.js`).
 */
import { evaluate } from 'feelin';

export type Primitive = string | number | boolean;

export interface FormOption {
  label: string;
  value: Primitive;
}

export interface FormValidate {
  required?: boolean;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  validationType?: 'email' | 'phone' | 'custom';
}

export interface FormComponent {
  id: string;
  type: string;
  key?: string;
  path?: string;
  label?: string;
  text?: string;
  description?: string;
  values?: FormOption[];
  valuesKey?: string;
  validate?: FormValidate;
  conditional?: { hide?: string };
  components?: FormComponent[];
  properties?: Record<string, string>;
  defaultValue?: unknown;
  readonly?: boolean | string;
  disabled?: boolean;
  /** datetime */
  subtype?: 'date' | 'time' | 'datetime';
  dateLabel?: string;
  timeLabel?: string;
  timeSerializingFormat?: 'utc_offset' | 'utc_normalized' | 'no_timezone';
  timeInterval?: number;
  use24h?: boolean;
  /** number */
  decimalDigits?: number;
  increment?: number | string;
  /** dynamiclist */
  isRepeating?: boolean;
  defaultRepetitions?: number;
  allowAddRemove?: boolean;
  /** filepicker */
  accept?: string;
  multiple?: boolean | string;
}

export interface FormSchema {
  id?: string;
  type?: string;
  components: FormComponent[];
}

export type FormData = Record<string, unknown>;

/** Component types that hold a value under their `key`. `signature` is ours (an evidence id of kind signature). */
export const VALUE_TYPES = new Set([
  'textfield', 'textarea', 'number', 'checkbox', 'checklist', 'radio', 'select', 'taglist', 'datetime', 'filepicker', 'signature',
]);
/** Containers: `group` (its `path`, if any, nests the data) and `dynamiclist` (its `path` holds an array of row objects). */
export const CONTAINER_TYPES = new Set(['group', 'dynamiclist']);

// ---------------------------------------------------------------------------------------------------------------------
// Walk and paths

export interface WalkEntry {
  component: FormComponent;
  /** Data path of the component's value (fields) or of its nesting (containers with a path); `[]` marks a row index. */
  path: string[];
  /** The containers the component sits in, outermost first. */
  parents: FormComponent[];
}

/** Data path segments of a key or path (`a.b` → ['a', 'b']); empty for none. */
export function pathSegments(keyOrPath: string | undefined): string[] {
  return keyOrPath ? keyOrPath.split('.').filter((s) => s !== '') : [];
}

/** The path a container adds for its children. */
export function containerPath(component: FormComponent): string[] {
  return pathSegments(component.path);
}

/** Every component of a schema, depth first, with its data path (dynamic-list rows as `[]`). */
export function walkComponents(components: readonly FormComponent[], base: string[] = [], parents: FormComponent[] = []): WalkEntry[] {
  const entries: WalkEntry[] = [];
  for (const component of components) {
    if (CONTAINER_TYPES.has(component.type)) {
      const own = [...base, ...containerPath(component)];
      entries.push({ component, path: own, parents });
      const childBase = component.type === 'dynamiclist' ? [...own, '[]'] : own;
      entries.push(...walkComponents(component.components ?? [], childBase, [...parents, component]));
    } else {
      entries.push({ component, path: VALUE_TYPES.has(component.type) ? [...base, ...pathSegments(component.key)] : base, parents });
    }
  }
  return entries;
}

export function getPath(data: unknown, path: readonly string[]): unknown {
  let value: unknown = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** A copy of `data` with `value` at `path` (objects created on the way; arrays indexed by numeric segments). */
export function setPath<T extends FormData>(data: T, path: readonly string[], value: unknown): T {
  if (path.length === 0) return data;
  const [head, ...rest] = path as [string, ...string[]];
  const copy = (Array.isArray(data) ? [...data] : { ...data }) as Record<string, unknown>;
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
  } else {
    const child = copy[head];
    const container = child !== null && typeof child === 'object' ? (child as FormData) : {};
    copy[head] = setPath(container, rest, value);
  }
  return copy as T;
}

// ---------------------------------------------------------------------------------------------------------------------
// Locale

export type TextProperty = 'label' | 'description' | 'text' | 'dateLabel' | 'timeLabel';

export function isEnglish(locale: string): boolean {
  return locale === 'en' || locale.startsWith('en-');
}

/** The component's label/description/text in the UI language: `properties["<prop>:en"]` for English, else the Chinese. */
export function localeText(component: FormComponent, prop: TextProperty, locale: string): string | undefined {
  if (isEnglish(locale)) {
    const english = component.properties?.[`${prop}:en`];
    if (english) return english;
  }
  return component[prop];
}

/** English option labels from `properties["values:en"]` (a JSON array in the order of `values`), or undefined. */
export function englishValueLabels(component: FormComponent): string[] | undefined {
  const raw = component.properties?.['values:en'];
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.every((l) => typeof l === 'string') ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The options of a select, radio, checklist or taglist: the static `values` (English labels from `values:en`), or the
 * variable named by `valuesKey` — an array of `{label, value}` (optionally `"label:en"`) or of plain strings/numbers.
 */
export function optionsOf(component: FormComponent, locale: string, variables: FormData = {}): FormOption[] {
  if (component.valuesKey) {
    const source = getPath(variables, pathSegments(component.valuesKey));
    if (!Array.isArray(source)) return [];
    return source.flatMap((item): FormOption[] => {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return [{ label: String(item), value: item }];
      if (item && typeof item === 'object' && 'value' in item) {
        const record = item as Record<string, unknown>;
        const english = isEnglish(locale) && typeof record['label:en'] === 'string' ? (record['label:en'] as string) : undefined;
        return [{ label: english ?? String(record.label ?? record.value), value: record.value as Primitive }];
      }
      return [];
    });
  }
  const values = component.values ?? [];
  const english = isEnglish(locale) ? englishValueLabels(component) : undefined;
  return values.map((option, index) => ({ value: option.value, label: english?.[index] ?? option.label }));
}

/** Whether a component shows text in the UI (and so needs an English version). */
export function labelledProperties(component: FormComponent): (TextProperty | 'values')[] {
  const props: (TextProperty | 'values')[] = [];
  for (const prop of ['label', 'description', 'text', 'dateLabel', 'timeLabel'] as const) if (component[prop]) props.push(prop);
  if (component.values?.length) props.push('values');
  return props;
}

// ---------------------------------------------------------------------------------------------------------------------
// FEEL

/** The FEEL expression of a form-js property (`=expr`), or undefined for a plain value. */
export function feelExpression(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('=') ? value.slice(1) : undefined;
}

/** Evaluates a FEEL expression; undefined when it does not parse. */
export function evaluateFeel(expression: string, context: FormData): unknown {
  try {
    return evaluate(expression, context).value;
  } catch {
    return undefined;
  }
}

/**
 * The context FEEL expressions see: process variables, then the form data over them, then the fields of the enclosing
 * group or row over those, with form-js's `this` (the enclosing row/group), `parent` and `_i` (row indexes, 1-based).
 */
export function feelContext(variables: FormData, data: FormData, scopes: readonly ScopeFrame[] = []): FormData {
  let context: FormData = { ...variables, ...data };
  let parent: unknown = data;
  const indexes: number[] = [];
  for (const scope of scopes) {
    const local = scope.value && typeof scope.value === 'object' && !Array.isArray(scope.value) ? (scope.value as FormData) : {};
    if (scope.index !== undefined) indexes.push(scope.index + 1);
    context = { ...context, ...local, this: local, parent, _i: [...indexes] };
    parent = local;
  }
  return context;
}

/** A level of nesting: the value of a group with a path, or one row of a dynamic list (`index` 0-based). */
export interface ScopeFrame {
  value: unknown;
  index?: number;
}

/** Whether `conditional.hide` says to hide the component (only a FEEL result of true hides). */
export function isHidden(component: FormComponent, context: FormData): boolean {
  const hide = component.conditional?.hide;
  if (!hide) return false;
  const expression = feelExpression(hide) ?? hide;
  return evaluateFeel(expression, context) === true;
}

/** `{{ expression }}` placeholders of a text component filled from the context (form-js templating); `=expr` evaluated. */
export function renderTemplate(text: string, context: FormData): string {
  const expression = feelExpression(text);
  if (expression !== undefined) return stringify(evaluateFeel(expression, context));
  return text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_match, expr: string) => stringify(evaluateFeel(expr, context)));
}

function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(stringify).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// ---------------------------------------------------------------------------------------------------------------------
// Values: defaults, prefill, validation, submission

/** The empty value of a field type (what a cleared input holds). */
export function emptyValue(type: string): unknown {
  if (type === 'checkbox') return false;
  if (type === 'checklist' || type === 'taglist' || type === 'filepicker') return [];
  return undefined;
}

export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Rows a dynamic list shows at least / at most: custom `properties.minRows` / `properties.maxRows`. */
export function rowLimits(component: FormComponent): { min: number; max: number } {
  const min = Number(component.properties?.minRows ?? 0);
  const max = Number(component.properties?.maxRows ?? Number.POSITIVE_INFINITY);
  return { min: Number.isFinite(min) && min > 0 ? min : 0, max: Number.isNaN(max) ? Number.POSITIVE_INFINITY : max };
}

/** Initial rows of a dynamic list with no data: `defaultRepetitions`, at least the minimum. */
export function initialRows(component: FormComponent): number {
  return Math.max(component.defaultRepetitions ?? 0, rowLimits(component).min);
}

/**
 * The starting data of a form: what `data` holds, else the variable at the same path (prefill from the process),
 * else the component's `defaultValue`; dynamic lists get their initial rows.
 */
export function initialData(components: readonly FormComponent[], data: FormData = {}, variables: FormData = {}): FormData {
  let result: FormData = structuredCloneJson(data);
  const fill = (list: readonly FormComponent[], base: string[]): void => {
    for (const component of list) {
      if (component.type === 'group') {
        fill(component.components ?? [], [...base, ...containerPath(component)]);
      } else if (component.type === 'dynamiclist') {
        const path = [...base, ...containerPath(component)];
        let rows = getPath(result, path);
        if (!Array.isArray(rows)) {
          const prefilled = getPath(variables, path);
          rows = Array.isArray(prefilled) ? structuredCloneJson(prefilled) : Array.from({ length: initialRows(component) }, () => ({}));
          result = setPath(result, path, rows);
        }
        (rows as unknown[]).forEach((_row, index) => fill(component.components ?? [], [...path, String(index)]));
      } else if (VALUE_TYPES.has(component.type) && component.key) {
        const path = [...base, ...pathSegments(component.key)];
        if (getPath(result, path) !== undefined) continue;
        const prefilled = getPath(variables, path);
        const value = prefilled !== undefined ? structuredCloneJson(prefilled) : component.defaultValue ?? emptyValue(component.type);
        if (value !== undefined) result = setPath(result, path, value);
      }
    }
  };
  fill(components, []);
  return result;
}

function structuredCloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export type ValidationProblem =
  | { rule: 'required' }
  | { rule: 'min' | 'max' | 'minLength' | 'maxLength'; limit: number }
  | { rule: 'pattern'; pattern: string }
  | { rule: 'email' | 'phone' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,}$/;

/** What is wrong with a field's value by its `validate` (the first problem), or null. */
export function validateValue(component: FormComponent, value: unknown): ValidationProblem | null {
  const rules = component.validate ?? {};
  const empty = isEmpty(value) || (component.type === 'checkbox' && value !== true);
  if (rules.required && empty) return { rule: 'required' };
  if (isEmpty(value)) return null;
  if (typeof value === 'number') {
    if (rules.min !== undefined && value < rules.min) return { rule: 'min', limit: rules.min };
    if (rules.max !== undefined && value > rules.max) return { rule: 'max', limit: rules.max };
  }
  if (typeof value === 'string') {
    if (rules.minLength !== undefined && value.length < rules.minLength) return { rule: 'minLength', limit: rules.minLength };
    if (rules.maxLength !== undefined && value.length > rules.maxLength) return { rule: 'maxLength', limit: rules.maxLength };
    if (rules.validationType === 'email' && !EMAIL.test(value)) return { rule: 'email' };
    if (rules.validationType === 'phone' && !PHONE.test(value)) return { rule: 'phone' };
    if (rules.pattern && !safePattern(rules.pattern).test(value)) return { rule: 'pattern', pattern: rules.pattern };
  }
  return null;
}

/** form-js anchors `pattern` to the whole value. */
function safePattern(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return /^[\s\S]*$/;
  }
}

/** What is wrong with the number of rows of a dynamic list, or null. */
export function validateRows(component: FormComponent, rows: unknown): ValidationProblem | null {
  const count = Array.isArray(rows) ? rows.length : 0;
  const { min, max } = rowLimits(component);
  if (count < min) return { rule: 'min', limit: min };
  if (count > max) return { rule: 'max', limit: max };
  return null;
}

/** A visible field with its data path (row indexes resolved) and the FEEL context it is evaluated in. */
export interface VisibleField {
  component: FormComponent;
  path: string[];
  context: FormData;
}

/**
 * The visible fields and dynamic lists of a form for the current data, with their concrete paths (`['checklist', '0',
 * 'item']`). A hidden container hides everything inside it.
 */
export function visibleFields(components: readonly FormComponent[], data: FormData, variables: FormData = {}): VisibleField[] {
  const fields: VisibleField[] = [];
  const visit = (list: readonly FormComponent[], base: string[], scopes: ScopeFrame[]): void => {
    const context = feelContext(variables, data, scopes);
    for (const component of list) {
      if (isHidden(component, context)) continue;
      if (component.type === 'group') {
        const own = containerPath(component);
        const path = [...base, ...own];
        visit(component.components ?? [], path, own.length ? [...scopes, { value: getPath(data, path) }] : scopes);
      } else if (component.type === 'dynamiclist') {
        const path = [...base, ...containerPath(component)];
        fields.push({ component, path, context });
        const rows = getPath(data, path);
        if (Array.isArray(rows)) {
          rows.forEach((row, index) => visit(component.components ?? [], [...path, String(index)], [...scopes, { value: row, index }]));
        }
      } else if (VALUE_TYPES.has(component.type) && component.key) {
        fields.push({ component, path: [...base, ...pathSegments(component.key)], context });
      }
    }
  };
  visit(components, [], []);
  return fields;
}

/**
 * The data to submit: the values of visible fields only, nested as their paths say (a group with a path → an object,
 * a dynamic list → an array of row objects). Hidden fields and keys the form does not know are left out.
 */
export function submissionData(components: readonly FormComponent[], data: FormData, variables: FormData = {}): FormData {
  let result: FormData = {};
  for (const field of visibleFields(components, data, variables)) {
    if (field.component.type === 'dynamiclist') {
      const rows = getPath(data, field.path);
      const count = Array.isArray(rows) ? rows.length : 0;
      if (getPath(result, field.path) === undefined) result = setPath(result, field.path, Array.from({ length: count }, () => ({})));
      continue;
    }
    const value = getPath(data, field.path);
    if (value !== undefined) result = setPath(result, field.path, value);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------------
// Date and time as form-js serialises them, in China time

export type TimeFormat = NonNullable<FormComponent['timeSerializingFormat']>;
export type DateSubtype = NonNullable<FormComponent['subtype']>;

/**
 * China time, UTC+8 with no daylight saving: the law counts in it and every user of the platform works in it. The
 * pickers show and take wall-clock time in it whatever zone the browser is set to; the machine's zone is never used.
 */
export const CHINA_OFFSET_MINUTES = 480;

/**
 * The dayjs format of a picker's wall-clock value (Element Plus `value-format`): date `YYYY-MM-DD`, time `HH:mm`,
 * datetime `YYYY-MM-DDTHH:mm:ss` — no zone, so the picker only ever deals in China wall-clock time.
 */
export const WALL_CLOCK_FORMAT: Record<DateSubtype, string> = {
  date: 'YYYY-MM-DD',
  time: 'HH:mm',
  datetime: 'YYYY-MM-DD[T]HH:mm:ss',
};

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

const pad = (n: number): string => String(n).padStart(2, '0');

function offsetText(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `Z` → 0, `+08:00`/`+0800` → 480, none → undefined. */
function zoneMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined) return undefined;
  if (zone === 'Z' || zone === 'z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

const ZONE = '(Z|z|[+-]\\d{2}:?\\d{2})';
/** `YYYY-MM-DD`, optionally `THH:mm[:ss[.fff]]` and a zone after the time. */
const DATE_TIME = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?${ZONE}?)?$`);
/** `HH:mm[:ss[.fff]]` and an optional zone. */
const TIME = new RegExp(`^(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?${ZONE}?$`);

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The fields of a calendar date and time of day, or null when they do not name one (month 13, 30 February, 24:00). */
function wallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): WallClock | null {
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid = check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day
    && check.getUTCHours() === hour && check.getUTCMinutes() === minute && check.getUTCSeconds() === second;
  return valid ? { year, month, day, hour, minute, second } : null;
}

/** The wall clock at `offsetMinutes` east of UTC at an instant. */
function wallClockAt(instant: number, offsetMinutes: number): WallClock {
  const shifted = new Date(instant + offsetMinutes * MINUTE);
  return {
    year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes(), second: shifted.getUTCSeconds(),
  };
}

/** The instant a wall clock at `offsetMinutes` east of UTC means. */
function instantOf(clock: WallClock, offsetMinutes: number): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second) - offsetMinutes * MINUTE;
}

function dayText(clock: WallClock): string {
  return `${String(clock.year).padStart(4, '0')}-${pad(clock.month)}-${pad(clock.day)}`;
}

function clockText(clock: WallClock, seconds = true): string {
  return `${pad(clock.hour)}:${pad(clock.minute)}${seconds ? `:${pad(clock.second)}` : ''}`;
}

/** The picker's form of a China wall clock for a subtype. */
function wallClockText(clock: WallClock, subtype: DateSubtype): string {
  if (subtype === 'date') return dayText(clock);
  if (subtype === 'time') return clockText(clock, false);
  return `${dayText(clock)}T${clockText(clock)}`;
}

/** A stored or picked date/datetime as China wall clock: zoned values converted, zone-less ones taken as they are. */
function chinaClockOf(value: string): WallClock | null {
  const match = DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, zone] = match;
  const clock = wallClock(Number(year), Number(month), Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0));
  if (!clock) return null;
  const offset = zoneMinutes(zone);
  return offset === undefined ? clock : wallClockAt(instantOf(clock, offset), CHINA_OFFSET_MINUTES);
}

/** A stored or picked time of day as China minutes after midnight (zoned values converted), or null. */
function chinaMinutesOf(value: string): number | null {
  const match = TIME.exec(value.trim());
  if (!match) return null;
  const [, hour, minute, , zone] = match;
  if (Number(hour) > 23 || Number(minute) > 59) return null;
  const minutes = Number(hour) * 60 + Number(minute);
  const offset = zoneMinutes(zone);
  if (offset === undefined) return minutes;
  return (((minutes - offset + CHINA_OFFSET_MINUTES) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
}

function minutesText(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** China wall-clock time at an instant, as the picker of a subtype holds it (`now` by default: the "now" of a form). */
export function chinaWallClock(subtype: DateSubtype = 'datetime', instant: Date = new Date()): string {
  return wallClockText(wallClockAt(instant.getTime(), CHINA_OFFSET_MINUTES), subtype);
}

/**
 * A stored form-js value as the picker shows it, in China wall-clock time (null when empty or unreadable): a value
 * with `Z` or any offset is converted to China time; a zone-less one (`no_timezone`) is China wall clock already.
 * A date field also reads a full datetime (its China date); a time field reads `HH:mm` with or without a zone.
 */
export function toWallClock(value: unknown, subtype: DateSubtype = 'datetime'): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (subtype === 'time') {
    const minutes = chinaMinutesOf(value);
    if (minutes !== null) return minutesText(minutes);
    const clock = chinaClockOf(value);
    return clock ? clockText(clock, false) : null;
  }
  const clock = chinaClockOf(value);
  return clock ? wallClockText(clock, subtype) : null;
}

/**
 * A picked China wall-clock value as form-js stores it (undefined when empty or unreadable): date `YYYY-MM-DD`; time
 * `HH:mm` + `+08:00` (`utc_offset`, the default), the UTC time + `Z` (`utc_normalized`) or nothing (`no_timezone`);
 * datetime `YYYY-MM-DDTHH:mm:00` with the same three endings. Seconds are always 00 (the pickers show minutes) so that
 * ajv's `date-time` accepts the value.
 */
export function fromWallClock(value: unknown, subtype: DateSubtype = 'datetime', format: TimeFormat = 'utc_offset'): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (subtype === 'time') {
    const minutes = chinaMinutesOf(value);
    if (minutes === null) return undefined;
    if (format === 'no_timezone') return minutesText(minutes);
    if (format === 'utc_normalized') return `${minutesText((minutes - CHINA_OFFSET_MINUTES + DAY_MINUTES) % DAY_MINUTES)}Z`;
    return `${minutesText(minutes)}${offsetText(CHINA_OFFSET_MINUTES)}`;
  }
  const clock = chinaClockOf(value);
  if (!clock) return undefined;
  if (subtype === 'date') return dayText(clock);
  const minute = { ...clock, second: 0 };
  return serialiseDateTime(new Date(instantOf(minute, CHINA_OFFSET_MINUTES)), 'datetime', format);
}

/**
 * An instant as form-js stores it: date `YYYY-MM-DD`; time `HH:mm` (+ offset or `Z`); datetime `YYYY-MM-DDTHH:mm:ss`
 * + offset (`utc_offset`, the default), `Z` (`utc_normalized`) or nothing (`no_timezone`). The wall clock is China
 * time unless `offsetMinutes` (east of UTC) says otherwise — never the machine's zone.
 */
export function serialiseDateTime(date: Date, subtype: DateSubtype = 'datetime', format: TimeFormat = 'utc_offset', offsetMinutes = CHINA_OFFSET_MINUTES): string {
  const zoned = wallClockAt(date.getTime(), offsetMinutes);
  if (subtype === 'date') return dayText(zoned);
  const normalised = format === 'utc_normalized';
  const clock = normalised ? wallClockAt(date.getTime(), 0) : zoned;
  const suffix = format === 'utc_offset' ? offsetText(offsetMinutes) : normalised ? 'Z' : '';
  if (subtype === 'time') return `${clockText(clock, false)}${suffix}`;
  return `${dayText(clock)}T${clockText({ ...clock, second: 0 })}${suffix}`;
}

/**
 * The instant a stored date/time value means (null when it does not parse), in China time: a date is midnight China
 * time; a time is that China time on the China date of `today`; a zone-less datetime is China wall clock.
 */
export function parseDateTime(value: unknown, subtype: DateSubtype = 'datetime', today: Date = new Date()): Date | null {
  const wall = toWallClock(value, subtype);
  if (wall === null) return null;
  const text = subtype === 'time' ? `${chinaWallClock('date', today)}T${wall}` : wall;
  const clock = chinaClockOf(text);
  return clock ? new Date(instantOf(clock, CHINA_OFFSET_MINUTES)) : null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Markdown-lite for text components (rendered as text nodes: never HTML)

export interface Inline {
  text: string;
  strong?: boolean;
}

export type TextBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; items: Inline[][] };

/** `**bold**` spans of a line; everything else is plain text. */
export function parseInlines(line: string): Inline[] {
  const inlines: Inline[] = [];
  const parts = line.split(/(\*\*[^*]+\*\*)/);
  for (const part of parts) {
    if (!part) continue;
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4) inlines.push({ text: part.slice(2, -2), strong: true });
    else inlines.push({ text: part });
  }
  return inlines;
}

/** Headings (`#`…`######`), bullet lists (`-`, `*`) and paragraphs (separated by blank lines) of a text component. */
export function parseMarkdownLite(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  let list: Inline[][] | null = null;
  const flush = (): void => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', inlines: parseInlines(paragraph.join(' ')) });
    paragraph = [];
    if (list) blocks.push({ kind: 'list', items: list });
    list = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^[-*]\s+(.*)$/.exec(line);
    if (!line) {
      flush();
    } else if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, inlines: parseInlines(heading[2]!) });
    } else if (bullet) {
      if (paragraph.length) {
        blocks.push({ kind: 'paragraph', inlines: parseInlines(paragraph.join(' ')) });
        paragraph = [];
      }
      (list ??= []).push(parseInlines(bullet[1]!));
    } else {
      if (list) {
        blocks.push({ kind: 'list', items: list });
        list = null;
      }
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** Evidence kind for an uploaded file of the filepicker: images are photos, anything else a document. */
export function evidenceKindOf(mediaType: string): 'photo' | 'document' {
  return mediaType.startsWith('image/') ? 'photo' : 'document';
}

/** The `data-test` hook of a field: `form-field-<key>` (dynamic-list rows: `form-field-<path>-<i>-<key>`). */
export function fieldHook(path: readonly string[]): string {
  return `form-field-${path.join('-')}`;
}
