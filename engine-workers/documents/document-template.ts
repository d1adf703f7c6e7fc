import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DocumentTemplateError } from '../errors.js';

/**
 * A legal document template (engine-workers/templates/<kind>.json, zh-CN): the fields the law requires, and blocks
 * that lay them out. Templates are data; this module reads them once and checks that every block refers to a
 * declared field, so a broken template stops the workers at start-up rather than a case at run time.
 */
export type FieldType = 'text' | 'choice' | 'date' | 'datetime' | 'money' | 'integer' | 'boolean' | 'list' | 'table';

export interface TemplateColumn {
  name: string;
  label: string;
  required?: boolean;
}

export interface TemplateField {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  /** Required when this boolean field is true. */
  requiredWhen?: string;
  default?: unknown;
  choices?: string[];
  columns?: TemplateColumn[];
  minimum?: number;
  maximum?: number;
}

interface Conditional {
  /** Shown only when this field has a value (true, a non-empty text or list). */
  when?: string;
  /** Shown only when this field has no value (false, absent). */
  unless?: string;
}

export type TemplateBlock = Conditional &
  (
    | { type: 'authority' }
    | { type: 'title' }
    | { type: 'number' }
    | { type: 'field'; field: string }
    | { type: 'heading'; text: string }
    | { type: 'paragraph'; text: string }
    | { type: 'list'; field?: string; items?: string[] }
    | { type: 'table'; field: string }
    | { type: 'form'; rows: Array<{ label: string; text: string }> }
    | { type: 'signature' }
  );

export interface DocumentTemplate {
  kind: string;
  title: string;
  /** The provision that lists what the document must contain. */
  basis: string;
  /** The kind's 文号 abbreviation (罚决); null for documents without a number of their own (送达回证). */
  numbering: { abbreviation: string } | null;
  fields: TemplateField[];
  blocks: TemplateBlock[];
}

/** Placeholders every template may use besides its fields. */
export const BUILT_IN_PLACEHOLDERS = ['number', 'issuingAuthority', 'issueDate', 'title'] as const;

const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'templates');
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
const FIELD_TYPES: readonly FieldType[] = ['text', 'choice', 'date', 'datetime', 'money', 'integer', 'boolean', 'list', 'table'];

let cache: ReadonlyMap<string, DocumentTemplate> | undefined;

/** Every template by kind, read from templates/ on first use. */
export function documentTemplates(): ReadonlyMap<string, DocumentTemplate> {
  cache ??= loadDocumentTemplates(TEMPLATES_DIR);
  return cache;
}

export function documentTemplate(kind: string): DocumentTemplate {
  const template = documentTemplates().get(kind);
  if (!template) throw new DocumentTemplateError(`Expected a document template for kind '${kind}', but there is none in ${TEMPLATES_DIR}`);
  return template;
}

export function loadDocumentTemplates(dir: string): ReadonlyMap<string, DocumentTemplate> {
  const templates = new Map<string, DocumentTemplate>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    const kind = file.slice(0, -'.json'.length);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      throw new DocumentTemplateError(`Expected template ${file} to be JSON, but: ${(error as Error).message}`);
    }
    templates.set(kind, Object.freeze(checkTemplate(kind, data)));
  }
  return templates;
}

function checkTemplate(kind: string, data: unknown): DocumentTemplate {
  const fail = (problem: string): never => {
    throw new DocumentTemplateError(`Expected template '${kind}' to be valid, but ${problem}`);
  };
  if (typeof data !== 'object' || data === null) return fail('it is not an object');
  const template = data as DocumentTemplate;
  if (template.kind !== kind) fail(`its kind is '${String(template.kind)}' (the file name is the kind)`);
  for (const key of ['title', 'basis'] as const) if (typeof template[key] !== 'string' || template[key] === '') fail(`'${key}' is missing`);
  if (template.numbering !== null && typeof template.numbering?.abbreviation !== 'string') fail("'numbering' must be null or { abbreviation }");
  if (!Array.isArray(template.fields) || !Array.isArray(template.blocks)) fail("'fields' and 'blocks' must be lists");

  const fields = new Map<string, TemplateField>();
  for (const field of template.fields) {
    if (!/^[a-z][A-Za-z0-9]*$/.test(field.name ?? '')) fail(`field name '${String(field.name)}' is not camelCase`);
    if (fields.has(field.name)) fail(`field '${field.name}' is declared twice`);
    if (!FIELD_TYPES.includes(field.type)) fail(`field '${field.name}' has unknown type '${String(field.type)}'`);
    if (typeof field.label !== 'string' || field.label === '') fail(`field '${field.name}' has no label`);
    if (field.type === 'choice' && !(Array.isArray(field.choices) && field.choices.length > 0)) fail(`choice field '${field.name}' has no choices`);
    if (field.type === 'table' && !(Array.isArray(field.columns) && field.columns.length > 0)) fail(`table field '${field.name}' has no columns`);
    if ((BUILT_IN_PLACEHOLDERS as readonly string[]).includes(field.name)) fail(`field '${field.name}' hides a built-in placeholder`);
    fields.set(field.name, field);
  }
  for (const field of template.fields) {
    if (field.requiredWhen !== undefined && fields.get(field.requiredWhen)?.type !== 'boolean') fail(`field '${field.name}' is required when '${field.requiredWhen}', which is not a boolean field`);
  }
  const known = (name: string) => fields.has(name) || (BUILT_IN_PLACEHOLDERS as readonly string[]).includes(name);
  const checkText = (text: string, where: string) => {
    for (const match of text.matchAll(PLACEHOLDER)) if (!known(match[1] as string)) fail(`${where} uses '{{${match[1]}}}', which is not a field`);
  };
  template.blocks.forEach((block, index) => {
    const where = `block ${index + 1} (${block.type})`;
    for (const condition of [block.when, block.unless]) if (condition !== undefined && !fields.has(condition)) fail(`${where} depends on '${condition}', which is not a field`);
    switch (block.type) {
      case 'authority':
      case 'title':
      case 'number':
      case 'signature':
        return;
      case 'field':
      case 'table':
        if (!fields.has(block.field)) fail(`${where} shows '${block.field}', which is not a field`);
        if (block.type === 'table' && fields.get(block.field)?.type !== 'table') fail(`${where} shows '${block.field}', which is not a table field`);
        return;
      case 'heading':
      case 'paragraph':
        checkText(block.text, where);
        return;
      case 'list':
        if (block.field !== undefined && fields.get(block.field)?.type !== 'list') fail(`${where} lists '${block.field}', which is not a list field`);
        if (block.field === undefined && !Array.isArray(block.items)) fail(`${where} has neither a field nor items`);
        block.items?.forEach((item) => checkText(item, where));
        return;
      case 'form':
        block.rows.forEach((row) => checkText(row.text, where));
        return;
      default:
        fail(`${where} has unknown type '${String((block as { type: unknown }).type)}'`);
    }
  });
  // a paragraph's placeholders must have values: an optional field may only appear under a `when` on itself
  template.blocks.forEach((block, index) => {
    const texts = block.type === 'paragraph' || block.type === 'heading' ? [block.text] : block.type === 'list' ? (block.items ?? []) : [];
    for (const text of texts) {
      for (const match of text.matchAll(PLACEHOLDER)) {
        const field = fields.get(match[1] as string);
        if (field && !field.required && field.default === undefined && !field.requiredWhen && block.when !== field.name) {
          fail(`block ${index + 1} (${block.type}) uses optional field '${field.name}' without "when": "${field.name}"`);
        }
        if (field?.requiredWhen && block.when !== field.requiredWhen && block.when !== field.name) {
          fail(`block ${index + 1} (${block.type}) uses '${field.name}', which is only required when '${field.requiredWhen}', without "when": "${field.requiredWhen}"`);
        }
      }
    }
  });
  return template;
}

/** The JSON Schema of a template's fields, for the job's variable `fields` (ajv; defaults filled in). */
export function fieldsSchema(template: DocumentTemplate): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const conditions: unknown[] = [];
  for (const field of template.fields) {
    properties[field.name] = { ...fieldSchema(field), ...(field.default === undefined ? {} : { default: field.default }) };
    if (field.required) required.push(field.name);
    // a default fills the field in before it could be missing
    if (field.requiredWhen && field.default === undefined) {
      conditions.push({ if: { properties: { [field.requiredWhen]: { const: true } }, required: [field.requiredWhen] }, then: { required: [field.name] } });
    }
  }
  return { type: 'object', properties, required, ...(conditions.length > 0 ? { allOf: conditions } : {}) };
}

function fieldSchema(field: TemplateField): Record<string, unknown> {
  const bounds = { ...(field.minimum === undefined ? {} : { minimum: field.minimum }), ...(field.maximum === undefined ? {} : { maximum: field.maximum }) };
  switch (field.type) {
    case 'text':
      return { type: 'string', minLength: 1 };
    case 'choice':
      return { type: 'string', enum: field.choices };
    case 'date':
      return { type: 'string', format: 'calendar-date' };
    case 'datetime':
      return { type: 'string', format: 'instant' };
    case 'money':
      return { type: 'number', minimum: 0, ...bounds };
    case 'integer':
      return { type: 'integer', ...bounds };
    case 'boolean':
      return { type: 'boolean' };
    case 'list':
      return { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } };
    case 'table':
      return {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: Object.fromEntries((field.columns ?? []).map((column) => [column.name, { type: ['string', 'number'] }])),
          required: (field.columns ?? []).filter((column) => column.required).map((column) => column.name),
        },
      };
  }
}
