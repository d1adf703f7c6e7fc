/**
 * Form data of a user task, checked against the task's form-js form before the job is completed: the form becomes a
 * JSON Schema (validate.required/min/max/minLength/maxLength/pattern, option values of select/radio/checklist/taglist,
 * nested `path` groups, dynamic lists, evidence pickers and the platform's `signature` component) and ajv checks the
 * data. `conditional.hide` FEEL expressions are evaluated with feelin against the task's variables overlaid with the
 * submitted data: a hidden field is neither required nor kept (form-js drops hidden values on submit too). Keys the
 * form does not have are refused, so a form cannot overwrite process variables it does not show (bodyId, caseId, …).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { evaluate } from 'feelin';
import type { ProblemFieldError } from '../errors.js';

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

export const FORMS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'processes', 'forms');
const FORM_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

export interface FormComponent {
  type: string;
  id?: string;
  key?: string;
  path?: string;
  label?: string;
  values?: Array<{ label?: string; value: unknown }>;
  valuesKey?: string;
  subtype?: string;
  timeSerializingFormat?: string;
  validate?: { required?: boolean; min?: number; max?: number; minLength?: number; maxLength?: number; pattern?: string };
  conditional?: { hide?: string };
  readonly?: boolean | string;
  disabled?: boolean;
  components?: FormComponent[];
  [property: string]: unknown;
}

export interface FormSchema {
  id: string;
  type?: string;
  components: FormComponent[];
  [property: string]: unknown;
}

export type FormValidation = { ok: true; data: Record<string, unknown> } | { ok: false; errors: ProblemFieldError[] };

/** Components that show something but carry no value. */
const PRESENTATIONAL = new Set(['text', 'html', 'image', 'spacer', 'separator', 'button', 'iframe', 'table', 'documentPreview']);

/** Reads processes/forms/<formId>.form; undefined for an id that is not a form (no path traversal: ids are slugs). */
export async function loadForm(formId: string, dir = FORMS_DIR): Promise<FormSchema | undefined> {
  if (!FORM_ID.test(formId)) return undefined;
  try {
    return JSON.parse(await readFile(path.join(dir, `${formId}.form`), 'utf8')) as FormSchema;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Whether a component's `conditional.hide` holds for the data it sees; an expression that fails to evaluate hides nothing. */
export function isHidden(component: FormComponent, context: Record<string, unknown>): boolean {
  const expression = component.conditional?.hide;
  if (!expression) return false;
  const text = expression.startsWith('=') ? expression.slice(1) : expression;
  try {
    return evaluate(text, context).value === true;
  } catch {
    return false;
  }
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/** The allowed option values of a select/radio/checklist/taglist: static `values`, or the variable `valuesKey` names. */
function optionValues(component: FormComponent, variables: Json): unknown[] | null {
  if (Array.isArray(component.values)) return component.values.map((v) => v.value);
  if (component.valuesKey) {
    const dynamic = variables[component.valuesKey];
    if (Array.isArray(dynamic)) return dynamic.map((v) => (v && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v));
  }
  return null;
}

function valueSchema(component: FormComponent, variables: Json, context: Json): Json | null {
  const v = component.validate ?? {};
  switch (component.type) {
    case 'textfield':
    case 'textarea': {
      const s: Json = { type: 'string' };
      if (typeof v.minLength === 'number') s.minLength = v.minLength;
      if (typeof v.maxLength === 'number') s.maxLength = v.maxLength;
      if (v.pattern) s.pattern = v.pattern;
      if (v.required && s.minLength === undefined) s.minLength = 1;
      return s;
    }
    case 'number': {
      const s: Json = { type: 'number' };
      if (typeof v.min === 'number') s.minimum = v.min;
      if (typeof v.max === 'number') s.maximum = v.max;
      return s;
    }
    case 'checkbox':
      return { type: 'boolean' };
    case 'radio':
    case 'select': {
      const options = optionValues(component, variables);
      return options ? { enum: options } : { type: ['string', 'number', 'boolean'] };
    }
    case 'checklist':
    case 'taglist': {
      const options = optionValues(component, variables);
      const s: Json = { type: 'array', items: options ? { enum: options } : { type: ['string', 'number'] }, uniqueItems: true };
      if (v.required) s.minItems = 1;
      return s;
    }
    case 'datetime': {
      if (component.subtype === 'date') return { type: 'string', format: 'date' };
      if (component.subtype === 'time') return { type: 'string', pattern: '^\\d{2}:\\d{2}(:\\d{2})?([+-]\\d{2}:?\\d{2}|Z)?$' };
      if (component.timeSerializingFormat === 'no_timezone') return { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$' };
      return { type: 'string', format: 'date-time' };
    }
    case 'filepicker': {
      // evidence ids (app.evidence) the officer attached
      const s: Json = { type: 'array', items: { type: 'integer', minimum: 1 }, uniqueItems: true };
      if (v.required) s.minItems = 1;
      return s;
    }
    case 'signature':
      // the evidence id of the signature image
      return { type: 'integer', minimum: 1 };
    case 'dynamiclist': {
      // repeating rows: each row is an object of the list's components, hidden ones judged per row
      const rows = Array.isArray(context[component.path ?? '']) ? (context[component.path ?? ''] as unknown[]) : [];
      const itemSchemas = rows.map((row) => objectSchema(component.components ?? [], variables, { ...context, ...asObject(row) }));
      // one schema per submitted row (draft-07 tuple form), since what is hidden may differ from row to row
      const s: Json = { type: 'array', items: rows.length > 0 ? itemSchemas : objectSchema(component.components ?? [], variables, context) };
      if (v.required) s.minItems = 1;
      return s;
    }
    default:
      return {};
  }
}

function nullable(schema: Json): Json {
  if (Array.isArray(schema.enum)) return { ...schema, enum: [...(schema.enum as unknown[]), null] };
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.type)) return { ...schema, type: [...(schema.type as string[]), 'null'] };
  return schema;
}

/** The JSON Schema of one level of a form (the top, a `path` group, a dynamic-list row) for the data it sees. */
function objectSchema(components: FormComponent[], variables: Json, context: Json): Json {
  const properties: Json = {};
  const required: string[] = [];
  const visit = (list: FormComponent[], scope: Json) => {
    for (const component of list) {
      if (PRESENTATIONAL.has(component.type)) continue;
      if (isHidden(component, scope)) continue;
      if (component.type === 'group' || component.type === 'dynamiclist') {
        if (component.type === 'group' && !component.path) {
          visit(component.components ?? [], scope);
          continue;
        }
        const key = component.path!;
        if (component.type === 'group') {
          const inner = { ...scope, ...asObject(scope[key]) };
          properties[key] = objectSchema(component.components ?? [], variables, inner);
        } else {
          properties[key] = valueSchema(component, variables, scope);
        }
        continue;
      }
      if (!component.key) continue;
      const schema = valueSchema(component, variables, scope);
      if (!schema) continue;
      const readonly = component.readonly === true || component.disabled === true;
      // form-js submits an empty optional field as null
      properties[component.key] = component.validate?.required ? schema : nullable(schema);
      if (component.validate?.required && !readonly) required.push(component.key);
    }
  };
  visit(components, context);
  const schema: Json = { type: 'object', properties, additionalProperties: false };
  if (required.length > 0) schema.required = required;
  return schema;
}

/**
 * The JSON Schema the submitted data must satisfy, given the data and the task's variables (which decide what is
 * hidden and which dynamic options a taglist offers).
 */
export function formToJsonSchema(form: FormSchema, data: Record<string, unknown>, variables: Record<string, unknown> = {}): Json {
  return objectSchema(form.components, variables, { ...variables, ...data });
}

/** Drops the values of hidden fields, level by level, as form-js does on submit; keys the form lacks stay (and are refused). */
function withoutHidden(components: FormComponent[], value: unknown, context: Json): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Json = { ...(value as Json) };
  const visit = (list: FormComponent[]) => {
    for (const component of list) {
      if (PRESENTATIONAL.has(component.type)) continue;
      const key = component.type === 'group' || component.type === 'dynamiclist' ? component.path : component.key;
      if (isHidden(component, context)) {
        if (key) delete out[key];
        else if (component.type === 'group') dropAll(component.components ?? [], out);
        continue;
      }
      if (component.type === 'group' && !component.path) visit(component.components ?? []);
      else if (component.type === 'group' && key && key in out) out[key] = withoutHidden(component.components ?? [], out[key], { ...context, ...asObject(out[key]) });
      else if (component.type === 'dynamiclist' && key && Array.isArray(out[key])) {
        out[key] = (out[key] as unknown[]).map((row) => withoutHidden(component.components ?? [], row, { ...context, ...asObject(row) }));
      }
    }
  };
  visit(components);
  return out;
}

/** A hidden group without a path hides its fields, which sit on the level of the group. */
function dropAll(components: FormComponent[], out: Json): void {
  for (const c of components) {
    if (c.type === 'group' && !c.path) dropAll(c.components ?? [], out);
    else if ((c.type === 'group' || c.type === 'dynamiclist') && c.path) delete out[c.path];
    else if (c.key) delete out[c.key];
  }
}

const formAjv = new Ajv({ allErrors: true, strict: false });
addFormats(formAjv, ['date', 'date-time']);
const compiled = new Map<string, ValidateFunction>();

function compile(schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = formAjv.compile(schema);
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, validate);
  }
  return validate;
}

/** ajv errors → problem+json field errors under `prefix` (/body/variables/<key>). */
export function formErrors(errors: ErrorObject[] | null | undefined, prefix = '/body/variables'): ProblemFieldError[] {
  return (errors ?? []).map((error) => {
    let pointer = error.instancePath;
    if (error.keyword === 'required') pointer += `/${String(error.params.missingProperty)}`;
    if (error.keyword === 'additionalProperties') pointer += `/${String(error.params.additionalProperty)}`;
    const message = error.keyword === 'enum' ? `must be one of ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}` : (error.message ?? 'is invalid');
    return { path: `${prefix}${pointer}`, message, keyword: error.keyword };
  });
}

/**
 * Checks form data for a task: returns the data to complete the job with (hidden fields dropped), or the field errors.
 */
export function validateFormData(form: FormSchema, data: Record<string, unknown>, variables: Record<string, unknown> = {}): FormValidation {
  const schema = formToJsonSchema(form, data, variables);
  const kept = withoutHidden(form.components, data, { ...variables, ...data }) as Record<string, unknown>;
  const validate = compile(schema);
  if (!validate(kept)) return { ok: false, errors: formErrors(validate.errors) };
  return { ok: true, data: kept };
}
