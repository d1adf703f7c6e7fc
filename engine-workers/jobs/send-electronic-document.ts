/**
 * send-electronic-document: 电子送达 of a generated document to the party's designated system (闽政通 “闽执法”).
 * Electronic service is lawful only with the party's consent and its signed confirmation (电子送达确认书)
 * (《民事诉讼法》第九十条; 《行政处罚法》第六十一条; 闽执法办法第十九条): without `electronicService.consented`,
 * `electronicService.confirmationSigned` and the confirmation `electronicService.consent { confirmedAt, reference }`
 * (confirmed no later than now), the BPMN error ELECTRONIC_SERVICE_NOT_CONSENTED, and the diagram goes back to the choice
 * of method. Otherwise the sending is recorded in the outbox app.electronic_deliveries (document, address, consent,
 * the arrival message's correlation key); the integration with the designated system sends it and reports the arrival
 * (the legal date of service) with the message `electronic-service-delivered`.
 *
 * In:  address (the designated system's address for the party), document (generate-document's result; or documentId),
 *      electronicService (the party's: { consented, confirmationSigned, consent { confirmedAt, reference } }; when not
 *      mapped, party.electronicService), correlationKey (optional: the arrival message's key, caseId:documentKind),
 *      caseRef (optional).
 * Out: electronicDelivery { id, documentId, address, requestedAt, correlationKey } · error ELECTRONIC_SERVICE_NOT_CONSENTED.
 */
import { formatChinaInstant, toEpochMs } from '../../legal/china-time.js';
import { proceed, type Decision, type JobInfo, type Parsed } from '../job-definition.js';
import { bpmnError, complete, incident, type JobVariables, type Outcome } from '../outcome.js';
import type { JobPorts } from '../ports/job-ports.js';
import { variableParser } from '../variables.js';

export interface ElectronicService {
  consented?: boolean | null;
  confirmationSigned?: boolean | null;
  consent?: { confirmedAt?: string | null; reference?: string | null } | null;
}

export interface SendElectronicDocumentInput {
  address: string;
  documentId: string;
  electronicService?: ElectronicService;
  correlationKey?: string;
  caseRef?: string;
}

export interface SendElectronicDocumentPlan {
  requestedAt: string;
  consent: { confirmedAt: string; reference: string };
}

export const ELECTRONIC_SERVICE_NOT_CONSENTED = 'ELECTRONIC_SERVICE_NOT_CONSENTED';
const BASIS = '《民事诉讼法》第九十条；《行政处罚法》第六十一条；《福建省一体化大融合行政执法平台管理暂行办法》第十九条';
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const parse = variableParser<SendElectronicDocumentInput>('send-electronic-document', {
  type: 'object',
  required: ['address', 'documentId'],
  properties: {
    address: { type: 'string', minLength: 1 },
    documentId: { type: 'string', pattern: '^[1-9][0-9]{0,18}$' },
    electronicService: {
      type: 'object',
      properties: {
        consented: { type: ['boolean', 'null'] },
        confirmationSigned: { type: ['boolean', 'null'] },
        consent: { type: ['object', 'null'], properties: { confirmedAt: { type: ['string', 'null'], format: 'date-time' }, reference: { type: ['string', 'null'] } } },
      },
    },
    correlationKey: { type: 'string', minLength: 1 },
    caseRef: { type: 'string', minLength: 1 },
  },
});

export function parseVariables(variables: JobVariables, headers: Readonly<Record<string, string>> = {}): Parsed<SendElectronicDocumentInput> {
  const aliased: JobVariables = { ...variables };
  // the document as generate-document gave it: { pdf: { id }, docx: { id } }, sent as one document (its PDF row)
  const document = variables.document as { pdf?: { id?: unknown } } | null | undefined;
  if ((aliased.documentId === undefined || aliased.documentId === null) && typeof document?.pdf?.id === 'string') aliased.documentId = document.pdf.id;
  const party = variables.party as { electronicService?: unknown } | null | undefined;
  if ((aliased.electronicService === undefined || aliased.electronicService === null) && party?.electronicService) aliased.electronicService = party.electronicService;
  return parse(aliased, headers);
}

export function decide(input: SendElectronicDocumentInput, now: Date): Decision<SendElectronicDocumentPlan> {
  const refuse = (finding: string) => bpmnError(ELECTRONIC_SERVICE_NOT_CONSENTED, `Expected the party to have consented to electronic service and signed the 电子送达确认书 (${BASIS}), but ${finding}`);
  const service = input.electronicService;
  if (service?.consented !== true) return refuse('no consent of the party is recorded');
  if (service.confirmationSigned !== true) return refuse('the party has not signed the confirmation');
  const consent = service.consent;
  if (!consent?.confirmedAt || !consent.reference) return refuse("the signed confirmation ('electronicService.consent' with confirmedAt and reference) is not on record");
  if (toEpochMs(consent.confirmedAt, 'electronicService.consent.confirmedAt') > now.getTime() + FUTURE_TOLERANCE_MS) return refuse(`the confirmation is dated ${consent.confirmedAt}, which has not come yet`);
  return proceed({ requestedAt: formatChinaInstant(now.getTime()), consent: { confirmedAt: consent.confirmedAt, reference: consent.reference } });
}

export async function perform(input: SendElectronicDocumentInput, plan: SendElectronicDocumentPlan, ports: JobPorts, job: JobInfo): Promise<Outcome> {
  const document = await ports.documents.find(input.documentId);
  if (!document) return incident(`Expected variable 'documentId' to name a generated document, but document ${input.documentId} does not exist`);
  const delivery = await ports.electronicDeliveries.enqueue({
    documentId: document.id,
    processInstanceKey: job.processInstanceKey,
    caseRef: input.caseRef ?? document.caseRef,
    address: input.address,
    consent: plan.consent,
    correlationKey: input.correlationKey ?? null,
    requestedAt: plan.requestedAt,
    jobKey: job.key,
  });
  return complete({ electronicDelivery: { id: delivery.id, documentId: document.id, address: input.address, requestedAt: plan.requestedAt, correlationKey: input.correlationKey ?? null } });
}
