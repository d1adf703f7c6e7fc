/**
 * generate-document: a legal document (执法文书) from its template in templates/, as PDF (CJK font embedded, subset)
 * and DOCX, stored under DATA_DIR/documents with its SHA-256 and recorded in app.documents with its 文号.
 *
 * In:  kind (a template of templates/: penalty-decision, penalty-advance-notice, hearing-notice, no-penalty-decision, …;
 *      also as custom header or variable documentKind), bodyId (the issuing body), fields (the template's fields; see
 *      the template; a field that is null counts as absent, as a null variable does), number (optional:
 *      a 文号 from assign-number; a numbered kind without one gets the next number here), issueDate (optional; default
 *      today in China), caseRef (optional).
 * Out: document { kind, title, number, issueDate, pdf: { id, sha256, storagePath, byteSize }, docx: { … } }.
 * BPMN errors: HEARING_NOTICE_TOO_LATE (听证通知书 less than 7 working days before the hearing, 处罚法 Arts 64, 85).
 */
import { addWorkingDays, chinaDate } from '../../legal/calendar.js';
import { addDays, daysBetween } from '../../legal/china-time.js';
import { canonicalKind } from '../documents/document-kinds.js';
import { layoutDocument } from '../documents/document-layout.js';
import { formatDocumentNumber } from '../documents/document-number.js';
import { documentTemplates, fieldsSchema, type DocumentTemplate } from '../documents/document-template.js';
import { proceed, type Decision, type JobInfo, type Parsed } from '../job-definition.js';
import { bpmnError, complete, incident, type JobVariables, type Outcome } from '../outcome.js';
import type { JobPorts } from '../ports/job-ports.js';
import { variableParser, type JsonSchema } from '../variables.js';

export interface GenerateDocumentInput {
  kind: string;
  bodyId: number;
  fields: Record<string, unknown>;
  number?: string;
  issueDate?: string;
  caseRef?: string;
}

export interface GenerateDocumentPlan {
  template: DocumentTemplate;
  fields: Record<string, unknown>;
  issueDate: string;
  year: number;
  number: string | null;
  /** A numbered kind without a number given: take the next one in the job's transaction. */
  assignNumber: boolean;
}

/** 处罚法 Art 64(2): notice at least 7 days (working days, Art 85) before the hearing. */
export const HEARING_NOTICE_WORKING_DAYS = 7;
/** 强制法 Art 25: 查封、扣押的期限不得超过三十日. */
export const SEIZURE_MAX_DAYS = 30;

const common: JsonSchema = {
  bodyId: { type: 'integer', minimum: 1 },
  number: { type: 'string', minLength: 1 },
  issueDate: { type: 'string', format: 'calendar-date' },
  caseRef: { type: 'string', minLength: 1 },
};

const parseKind = variableParser<{ kind: string }>('generate-document', {
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string', enum: [...documentTemplates().keys()] } },
});

const parsersByKind = new Map(
  [...documentTemplates().values()].map((template) => [
    template.kind,
    variableParser<GenerateDocumentInput>('generate-document', {
      type: 'object',
      required: ['kind', 'bodyId', 'fields'],
      properties: { kind: { type: 'string' }, ...common, fields: fieldsSchema(template) },
    }),
  ]),
);

export function parseVariables(variables: JobVariables, headers: Readonly<Record<string, string>> = {}): Parsed<GenerateDocumentInput> {
  const rawKind = variables.kind ?? variables.documentKind ?? headers.kind ?? headers.documentKind;
  const withKind: JobVariables = typeof rawKind === 'string' ? { ...variables, kind: canonicalKind(rawKind) } : { ...variables };
  // a field mapped from a path the case does not have (party.idNumber of a party without one) is null: absent, as
  // a null top-level variable is, so an optional field is left out and a required one is reported missing
  if (isPlainObject(withKind.fields)) withKind.fields = Object.fromEntries(Object.entries(withKind.fields).filter(([, value]) => value !== null));
  const kind = parseKind(withKind);
  if (!kind.ok) return kind;
  return (parsersByKind.get(kind.input.kind) as (v: JobVariables) => Parsed<GenerateDocumentInput>)(withKind);
}

export function decide(input: GenerateDocumentInput, now: Date): Decision<GenerateDocumentPlan> {
  const template = documentTemplates().get(input.kind) as DocumentTemplate;
  const issueDate = input.issueDate ?? chinaDate(now);
  const fields = { ...input.fields };
  if (input.kind === 'seizure-decision') {
    const start = String(fields.periodStart);
    const end = String(fields.periodEnd);
    const days = daysBetween(start, end) + 1;
    if (days < 1) return incident(`Expected variable 'fields.periodEnd' (${end}) to be on or after 'fields.periodStart' (${start}), but it is before`);
    if (days > SEIZURE_MAX_DAYS) {
      return incident(`Expected the 查封（扣押） period to be at most ${SEIZURE_MAX_DAYS} days (《行政强制法》第二十五条), but 'fields.periodStart' ${start} to 'fields.periodEnd' ${end} is ${days} days`);
    }
    fields.periodDays = days;
  }
  if (input.kind === 'hearing-notice' && chinaDate(String(fields.hearingTime)) <= issueDate) {
    return bpmnError('HEARING_NOTICE_TOO_LATE', `Expected the hearing (${String(fields.hearingTime)}) to be after the notice is issued (${issueDate}), but it is not`);
  }
  return proceed({
    template,
    fields,
    issueDate,
    year: Number(issueDate.slice(0, 4)),
    number: input.number ?? null,
    assignNumber: template.numbering !== null && input.number === undefined,
  });
}

/**
 * The earliest day a hearing may be held when notified on `issueDate`: the 7 working days after the notice day must
 * all pass before it (the notice day is not counted, 民诉法 Art 85), so the hearing falls on the day after the 7th.
 */
export function earliestHearingDate(issueDate: string, calendar: Parameters<typeof addWorkingDays>[2]): string {
  return addDays(addWorkingDays(issueDate, HEARING_NOTICE_WORKING_DAYS, calendar), 1);
}

export async function perform(input: GenerateDocumentInput, plan: GenerateDocumentPlan, ports: JobPorts, job: JobInfo): Promise<Outcome> {
  const body = await ports.bodies.find(input.bodyId);
  if (!body) return incident(`Expected variable 'bodyId' to name an enforcement body, but body ${input.bodyId} does not exist`);

  if (plan.template.kind === 'hearing-notice') {
    const earliest = earliestHearingDate(plan.issueDate, await ports.calendar.load());
    const hearingDay = chinaDate(String(plan.fields.hearingTime));
    if (hearingDay < earliest) {
      return bpmnError(
        'HEARING_NOTICE_TOO_LATE',
        `Expected the hearing to be at least ${HEARING_NOTICE_WORKING_DAYS} working days after the notice of ${plan.issueDate} (《行政处罚法》第六十四条、第八十五条), that is on or after ${earliest}, but it is on ${hearingDay}`,
        { earliestHearingDate: earliest },
      );
    }
  }

  let number = plan.number;
  if (plan.assignNumber && plan.template.numbering) {
    const sequence = await ports.numbers.next(body.id, plan.year, plan.template.kind);
    number = formatDocumentNumber({ prefix: body.documentPrefix ?? body.name, abbreviation: plan.template.numbering.abbreviation, year: plan.year, sequence });
  }

  const laidOut = layoutDocument(plan.template, { fields: plan.fields, number, authority: body.name, issueDate: plan.issueDate });
  const files: Record<string, unknown> = {};
  for (const format of ['pdf', 'docx'] as const) {
    const bytes = format === 'pdf' ? await ports.renderer.pdf(laidOut) : await ports.renderer.docx(laidOut);
    const stored = await ports.files.save(bytes, plan.year, format);
    const document = await ports.documents.insert({
      processInstanceKey: job.processInstanceKey,
      caseRef: input.caseRef ?? null,
      bodyId: body.id,
      kind: plan.template.kind,
      number,
      title: plan.template.title,
      format,
      sha256: stored.sha256,
      storagePath: stored.storagePath,
      byteSize: stored.byteSize,
      fields: plan.fields,
      jobKey: job.key,
    });
    files[format] = { id: document.id, sha256: stored.sha256, storagePath: stored.storagePath, byteSize: stored.byteSize };
  }
  return complete({ document: { kind: plan.template.kind, title: plan.template.title, number, issueDate: plan.issueDate, ...files } });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
