/**
 * record-service: records the service (送达) of a generated document and when it takes legal effect.
 *
 * - direct (直接送达, 民诉法 Arts 87–88): effective when the recipient signs the 送达回证; proof.signedBy required.
 * - lodged (留置送达, Art 89): refused; left with a witness or recorded on photo/video; proof.witness or proof.recording.
 * - electronic (电子送达, Art 90; 处罚法 Art 61; 闽执法办法 Art 19): only with the party's consent confirmed in writing
 *   (proof.consent { confirmedAt, reference } no later than the service), else BPMN error ELECTRONIC_SERVICE_NOT_CONSENTED;
 *   effective when it reaches the designated system (servedAt).
 * - postal (邮寄送达, Art 91): effective on the date signed on the return receipt (servedAt); proof.trackingNumber.
 * - public_notice (公告送达, Art 95): deemed served 30 days after publication (servedAt = publication); proof.reason
 *   (why the other methods failed) and proof.medium. The 30 days are counted by the legal calendar: the publication day
 *   is not counted, and a period ending on a rest day ends on the next working day (Art 85).
 *
 * In:  documentId (or document, the output of generate-document), method (on-the-spot 当场交付 counts as direct),
 *      recipient, servedAt (date-time with offset), proof, caseRef (optional).
 * Out: service { id, documentId, method, recipient, servedAt, deemedServedAt, deemedServedDate }.
 */
import { chinaDate, computeDeadline, formatChinaInstant, type HolidayCalendar } from '../../legal/calendar.js';
import { toEpochMs } from '../../legal/china-time.js';
import { proceed, type Decision, type JobInfo, type Parsed } from '../job-definition.js';
import { bpmnError, complete, incident, type JobVariables, type Outcome } from '../outcome.js';
import type { JobPorts } from '../ports/job-ports.js';
import type { ServiceMethod } from '../ports/service-records.js';
import { variableParser } from '../variables.js';

export interface RecordServiceInput {
  documentId: string;
  method: ServiceMethod;
  recipient: string;
  servedAt: string;
  proof: {
    signedBy?: string;
    witness?: string;
    recording?: string;
    consent?: { confirmedAt: string; reference: string };
    trackingNumber?: string;
    reason?: string;
    medium?: string;
    [key: string]: unknown;
  };
  caseRef?: string;
}

export interface RecordServicePlan {
  servedAt: string;
  /** null: effective at once; else deemed served after this period (公告送达). */
  deemedAfter: { length: number; unit: 'CD'; basis: string } | null;
}

export const PUBLIC_NOTICE_DAYS = 30;
export const PUBLIC_NOTICE_BASIS = '《中华人民共和国民事诉讼法》第九十五条';
/** A clock a few minutes apart between the officer's phone and the server is no reason to stop a case. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const requireProof = (method: ServiceMethod, schema: Record<string, unknown>) => ({ if: { properties: { method: { const: method } }, required: ['method'] }, then: { properties: { proof: { type: 'object', ...schema } } } });

const parse = variableParser<RecordServiceInput>('record-service', {
  type: 'object',
  required: ['documentId', 'method', 'recipient', 'servedAt', 'proof'],
  properties: {
    documentId: { type: 'string', pattern: '^[1-9][0-9]{0,18}$' },
    method: { type: 'string', enum: ['direct', 'lodged', 'electronic', 'postal', 'public_notice'] },
    recipient: { type: 'string', minLength: 1 },
    servedAt: { type: 'string', format: 'date-time' },
    caseRef: { type: 'string', minLength: 1 },
    proof: {
      type: 'object',
      properties: {
        signedBy: { type: 'string', minLength: 1 },
        witness: { type: 'string', minLength: 1 },
        recording: { type: 'string', minLength: 1 },
        consent: { type: 'object', required: ['confirmedAt', 'reference'], properties: { confirmedAt: { type: 'string', format: 'date-time' }, reference: { type: 'string', minLength: 1 } } },
        trackingNumber: { type: 'string', minLength: 1 },
        reason: { type: 'string', minLength: 1 },
        medium: { type: 'string', minLength: 1 },
      },
    },
  },
  allOf: [
    requireProof('direct', { required: ['signedBy'] }),
    requireProof('lodged', { anyOf: [{ required: ['witness'] }, { required: ['recording'] }] }),
    requireProof('postal', { required: ['trackingNumber'] }),
    requireProof('public_notice', { required: ['reason', 'medium'] }),
  ],
});

export function parseVariables(variables: JobVariables, headers: Readonly<Record<string, string>> = {}): Parsed<RecordServiceInput> {
  const aliased: JobVariables = { ...variables };
  // the document as generate-document gave it: { pdf: { id }, docx: { id } }, served as one document (its PDF row)
  const document = variables.document as { pdf?: { id?: unknown } } | null | undefined;
  if (aliased.documentId === undefined && typeof document?.pdf?.id === 'string') aliased.documentId = document.pdf.id;
  // 当场交付 (处罚法 Arts 52, 61) is direct service on the spot
  if (aliased.method === 'on-the-spot') aliased.method = 'direct';
  return parse(aliased, headers);
}

export function decide(input: RecordServiceInput, now: Date): Decision<RecordServicePlan> {
  const servedMs = toEpochMs(input.servedAt, 'servedAt');
  if (servedMs > now.getTime() + FUTURE_TOLERANCE_MS) {
    return incident(`Expected variable 'servedAt' to be a time that has passed, but ${input.servedAt} is in the future`);
  }
  if (input.method === 'electronic') {
    const consent = input.proof.consent;
    if (!consent) {
      return bpmnError('ELECTRONIC_SERVICE_NOT_CONSENTED', `Expected the recipient '${input.recipient}' to have consented to electronic service (《行政处罚法》第六十一条), but 'proof.consent' is missing`);
    }
    if (toEpochMs(consent.confirmedAt, 'proof.consent.confirmedAt') > servedMs) {
      return bpmnError('ELECTRONIC_SERVICE_NOT_CONSENTED', `Expected the consent to electronic service (${consent.confirmedAt}) to come before the service (${input.servedAt}), but it came after`);
    }
  }
  const servedAt = formatChinaInstant(servedMs);
  return proceed({ servedAt, deemedAfter: input.method === 'public_notice' ? { length: PUBLIC_NOTICE_DAYS, unit: 'CD', basis: PUBLIC_NOTICE_BASIS } : null });
}

/** When the service takes effect: at once, or at the end of the notice period counted by the legal calendar. */
export function deemedServedAt(plan: RecordServicePlan, calendar: HolidayCalendar): { at: string; date: string } {
  if (!plan.deemedAfter) return { at: plan.servedAt, date: chinaDate(plan.servedAt) };
  const deadline = computeDeadline({ start: plan.servedAt, length: plan.deemedAfter.length, unit: plan.deemedAfter.unit, basis: plan.deemedAfter.basis }, calendar);
  return { at: deadline.due, date: deadline.dueDate };
}

export async function perform(input: RecordServiceInput, plan: RecordServicePlan, ports: JobPorts, job: JobInfo): Promise<Outcome> {
  const document = await ports.documents.find(input.documentId);
  if (!document) return incident(`Expected variable 'documentId' to name a generated document, but document ${input.documentId} does not exist`);
  const deemed = deemedServedAt(plan, await ports.calendar.load());
  const record = await ports.serviceRecords.insert({
    documentId: document.id,
    processInstanceKey: job.processInstanceKey,
    caseRef: input.caseRef ?? document.caseRef,
    method: input.method,
    recipient: input.recipient,
    servedAt: plan.servedAt,
    deemedServedAt: deemed.at,
    proof: input.proof,
    jobKey: job.key,
  });
  return complete({
    service: { id: record.id, documentId: document.id, method: input.method, recipient: input.recipient, servedAt: plan.servedAt, deemedServedAt: deemed.at, deemedServedDate: deemed.date },
  });
}
