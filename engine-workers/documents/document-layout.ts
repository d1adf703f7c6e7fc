import { formatChinaInstant, toEpochMs } from '../../legal/china-time.js';
import { formatYuan } from './chinese-amount.js';
import type { DocumentTemplate, TemplateBlock, TemplateField } from './document-template.js';
import { DocumentTemplateError } from '../errors.js';

/** A document ready to draw: what the PDF and DOCX renderers both take, so the two files say the same. */
export interface LaidOutDocument {
  kind: string;
  title: string;
  number: string | null;
  authority: string;
  /** 2026年3月2日 */
  issueDate: string;
  blocks: LaidOutBlock[];
}

export type LaidOutBlock =
  | { type: 'authority'; text: string }
  | { type: 'title'; text: string }
  | { type: 'number'; text: string }
  | { type: 'field'; label: string; text: string }
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'table'; columns: string[]; rows: string[][] }
  | { type: 'form'; rows: Array<{ label: string; text: string }> }
  | { type: 'signature'; authority: string; date: string; seal: string };

export interface LayoutInput {
  fields: Record<string, unknown>;
  number: string | null;
  authority: string;
  /** YYYY-MM-DD (China). */
  issueDate: string;
}

const HEADING_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
export const SEAL_PLACEHOLDER = '（印章）';

/**
 * Lays a template out with the case's fields: placeholders filled, optional parts left out, headings numbered
 * 一、二、… in the order they appear. Pure. Fields must already have passed the template's schema (fieldsSchema).
 */
export function layoutDocument(template: DocumentTemplate, input: LayoutInput): LaidOutDocument {
  const fieldsByName = new Map(template.fields.map((field) => [field.name, field]));
  const issueDate = formatChineseDate(input.issueDate);
  const builtIns: Record<string, string> = { number: input.number ?? '', issuingAuthority: input.authority, issueDate, title: template.title };
  const display = (name: string): string => {
    if (name in builtIns) return builtIns[name] as string;
    const field = fieldsByName.get(name);
    const value = input.fields[name];
    if (!field) throw new DocumentTemplateError(`Expected '${name}' to be a field of template '${template.kind}', but it is not`);
    if (!hasValue(value)) throw new DocumentTemplateError(`Expected field '${name}' of template '${template.kind}' to have a value, but it has none`);
    return formatValue(field, value);
  };
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, name: string) => display(name));

  const blocks: LaidOutBlock[] = [];
  let headings = 0;
  for (const block of template.blocks) {
    if (!shown(block, input.fields)) continue;
    switch (block.type) {
      case 'authority':
        blocks.push({ type: 'authority', text: input.authority });
        break;
      case 'title':
        blocks.push({ type: 'title', text: template.title });
        break;
      case 'number':
        if (input.number) blocks.push({ type: 'number', text: input.number });
        break;
      case 'field': {
        const value = input.fields[block.field];
        if (!hasValue(value)) break;
        const field = fieldsByName.get(block.field) as TemplateField;
        blocks.push({ type: 'field', label: field.label, text: formatValue(field, value) });
        break;
      }
      case 'heading':
        blocks.push({ type: 'heading', text: `${HEADING_NUMERALS[headings] ?? String(headings + 1)}、${fill(block.text)}` });
        headings += 1;
        break;
      case 'paragraph':
        blocks.push({ type: 'paragraph', text: tidy(fill(block.text)) });
        break;
      case 'list': {
        const items = block.field !== undefined ? (input.fields[block.field] as string[] | undefined) ?? [] : (block.items ?? []).map(fill);
        if (items.length > 0) blocks.push({ type: 'list', items: items.map((item, i) => `${i + 1}. ${item}`) });
        break;
      }
      case 'table': {
        const field = fieldsByName.get(block.field) as TemplateField;
        const columns = field.columns ?? [];
        const rows = ((input.fields[block.field] as Array<Record<string, unknown>> | undefined) ?? []).map((row) => columns.map((c) => (hasValue(row[c.name]) ? String(row[c.name]) : '')));
        blocks.push({ type: 'table', columns: ['序号', ...columns.map((c) => c.label)], rows: rows.map((row, i) => [String(i + 1), ...row]) });
        break;
      }
      case 'form':
        blocks.push({
          type: 'form',
          rows: block.rows.map((row) => ({ label: row.label, text: fillOrBlank(row.text, input.fields, fieldsByName, builtIns) })),
        });
        break;
      case 'signature':
        blocks.push({ type: 'signature', authority: input.authority, date: issueDate, seal: SEAL_PLACEHOLDER });
        break;
    }
  }
  return { kind: template.kind, title: template.title, number: input.number, authority: input.authority, issueDate, blocks };
}

/** Every text of the document in reading order: what a reader (or a test) finds in the PDF and the DOCX. */
export function documentText(document: LaidOutDocument): string[] {
  return document.blocks.flatMap((block): string[] => {
    switch (block.type) {
      case 'field':
        return [`${block.label}：${block.text}`];
      case 'list':
        return block.items;
      case 'table':
        return [block.columns.join(' '), ...block.rows.map((row) => row.join(' '))];
      case 'form':
        return block.rows.map((row) => `${row.label}：${row.text}`);
      case 'signature':
        return [block.authority, block.date, block.seal];
      default:
        return [block.text];
    }
  });
}

/** A form row whose placeholders have no value is left empty, to be filled in by hand (送达回证: 签收时间, 签名). */
function fillOrBlank(text: string, fields: Record<string, unknown>, byName: Map<string, TemplateField>, builtIns: Record<string, string>): string {
  if (text === '') return '';
  let blank = false;
  const filled = text.replace(PLACEHOLDER, (_, name: string) => {
    if (name in builtIns) return builtIns[name] as string;
    const value = fields[name];
    if (!hasValue(value)) {
      blank = true;
      return '';
    }
    return formatValue(byName.get(name) as TemplateField, value);
  });
  return blank ? '' : filled;
}

/**
 * Values are written by people: '事实。' or '事实' both read well after filling. Doubled sentence marks are collapsed and
 * a sentence that ends without one gets a full stop.
 */
export function tidy(text: string): string {
  const collapsed = text.replace(/([。；，：])[。；，]+/g, '$1').replace(/。\s*$/, '。');
  return /[\u4e00-\u9fff\w）)”」]$/.test(collapsed) && !/：$/.test(collapsed) ? `${collapsed}。` : collapsed;
}

function shown(block: TemplateBlock, fields: Record<string, unknown>): boolean {
  if (block.when !== undefined && !hasValue(fields[block.when])) return false;
  if (block.unless !== undefined && hasValue(fields[block.unless])) return false;
  return true;
}

export function hasValue(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function formatValue(field: TemplateField, value: unknown): string {
  switch (field.type) {
    case 'date':
      return formatChineseDate(String(value));
    case 'datetime':
      return formatChineseDateTime(String(value));
    case 'money':
      return formatYuan(Number(value));
    case 'boolean':
      return value ? '是' : '否';
    case 'list':
      return (value as string[]).join('；');
    case 'table':
      return (value as unknown[]).length.toString();
    default:
      return String(value);
  }
}

/** 2026-03-02 → 2026年3月2日 (GB/T 9704-2012: Arabic numerals, no leading zeros). */
export function formatChineseDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** An instant in China time: 2026年3月9日9时30分. A bare date is shown as the date. */
export function formatChineseDateTime(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatChineseDate(value);
  const china = formatChinaInstant(toEpochMs(value, 'the date-time'));
  const [hours, minutes] = [Number(china.slice(11, 13)), Number(china.slice(14, 16))];
  return `${formatChineseDate(china)}${hours}时${minutes > 0 ? `${minutes}分` : ''}`;
}
