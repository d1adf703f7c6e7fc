/**
 * The events of a case the platform registers for the party or the officers (POST /cases/:id/events), each mapped to
 * the BPMN message its procedure waits for and the message variables processes/README.md documents (penalty-ordinary
 * "Messages" and "In:"). The message is published with correlation key = case_ref and a TTL of one hour, so one that
 * arrives while the procedure is between two waits is buffered, not lost.
 */
import type { JsonSchema } from '../schemas/ajv.js';

export type CaseEventType =
  | 'party-statement' | 'party-waiver' | 'hearing-request' | 'payment' | 'payment-deferral' | 'extension-request'
  | 'termination-request' | 'evidence-preservation' | 'coercive-measure-needed' | 'case-limit-pause';

interface EventContext {
  caseRef: string;
  nowIso: string;
  /** Login names of the case's officers (coercive-measure's `officers`). */
  officers: string[];
}

export interface CaseEventDefinition {
  label: string;
  messageName: string;
  procedures: readonly string[];
  data: JsonSchema;
  variables(data: Record<string, unknown>, context: EventContext): Record<string, unknown>;
}

const dateTime = { type: 'string', format: 'date-time' } as const;
const dateOrDateTime = { type: 'string', anyOf: [{ format: 'date' }, { format: 'date-time' }] } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' }) as const;
const object = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', properties, required, additionalProperties: false });
const inventoryItem = object({ name: text(200), specification: { type: 'string', maxLength: 200 }, quantity: { type: 'number', minimum: 0 }, unit: { type: 'string', maxLength: 20 }, condition: { type: 'string', maxLength: 200 } }, ['name']);
const PENALTY = ['penalty-ordinary'] as const;

const withDefault = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

export const CASE_EVENTS: Readonly<Record<CaseEventType, CaseEventDefinition>> = {
  'party-statement': {
    label: '当事人陈述申辩',
    messageName: 'party-statement-received',
    procedures: PENALTY,
    data: object({ text: text(10000), receivedAt: dateTime, attachments: { type: 'array', items: { type: 'string', maxLength: 300 }, maxItems: 50 } }, ['text']),
    variables: (d, c) => ({ statement: { text: d.text, receivedAt: withDefault(d.receivedAt, c.nowIso), attachments: d.attachments ?? [] } }),
  },
  'party-waiver': {
    label: '当事人书面放弃陈述申辩',
    messageName: 'party-waived-rights',
    procedures: PENALTY,
    data: object({ waivedAt: dateTime, document: text(300) }, ['document']),
    variables: (d, c) => ({ waivedAt: withDefault(d.waivedAt, c.nowIso), document: d.document }),
  },
  'hearing-request': {
    label: '当事人要求听证',
    messageName: 'hearing-requested',
    procedures: PENALTY,
    data: object({ requestedAt: dateTime }, []),
    variables: (d, c) => ({ requestedAt: withDefault(d.requestedAt, c.nowIso) }),
  },
  payment: {
    label: '缴纳罚款',
    messageName: 'payment-received',
    procedures: ['penalty-ordinary', 'penalty-summary'],
    data: object({ amount: { type: 'number', minimum: 0 }, paidAt: dateTime, settled: { type: 'boolean' } }, ['amount']),
    variables: (d, c) => ({ amount: d.amount, paidAt: withDefault(d.paidAt, c.nowIso), settled: d.settled ?? true }),
  },
  'payment-deferral': {
    label: '申请暂缓或分期缴纳罚款',
    messageName: 'payment-deferral-requested',
    procedures: PENALTY,
    data: object({ kind: { type: 'string', enum: ['defer', 'instalments'] }, payUntil: dateOrDateTime, instalments: { type: 'integer', minimum: 2, maximum: 36 }, reason: text(2000) }, ['kind', 'payUntil', 'reason']),
    variables: (d) => ({ deferralRequest: { kind: d.kind, payUntil: d.payUntil, instalments: d.instalments ?? null, reason: d.reason } }),
  },
  'extension-request': {
    label: '申请延长办案期限',
    messageName: 'case-extension-requested',
    procedures: PENALTY,
    data: object({ length: { type: 'integer', minimum: 1, maximum: 365 }, unit: { type: 'string', enum: ['CD', 'WD', 'M'] }, reason: text(2000) }, ['length', 'unit', 'reason']),
    variables: (d) => ({ extensionRequest: { length: d.length, unit: d.unit, reason: d.reason } }),
  },
  'termination-request': {
    label: '申请终止调查',
    messageName: 'case-termination-requested',
    procedures: PENALTY,
    data: object({ reason: text(2000) }, ['reason']),
    variables: (d) => ({ terminationRequest: { reason: d.reason } }),
  },
  'evidence-preservation': {
    label: '申请先行登记保存证据',
    messageName: 'evidence-preservation-requested',
    procedures: PENALTY,
    data: object({ items: { type: 'array', items: inventoryItem, minItems: 1, maxItems: 200 }, reason: text(2000), storagePlace: { type: 'string', maxLength: 300 } }, ['items', 'reason']),
    variables: (d) => ({ preservation: { items: d.items, reason: d.reason, ...(d.storagePlace ? { storagePlace: d.storagePlace } : {}) } }),
  },
  'coercive-measure-needed': {
    label: '需要采取行政强制措施',
    messageName: 'coercive-measure-needed',
    procedures: PENALTY,
    data: object(
      {
        measureId: { type: 'string', minLength: 1, maxLength: 80, pattern: '^[0-9A-Za-z/_-]+$' },
        measure: object(
          {
            kind: { type: 'string', enum: ['seal', 'seize', 'freeze'] },
            items: { anyOf: [{ type: 'array', items: inventoryItem, minItems: 1, maxItems: 200 }, text(5000)] },
            reason: text(2000), basis: text(500), location: { type: 'string', maxLength: 300 }, custodian: { type: 'string', maxLength: 200 },
            bankName: { type: 'string', maxLength: 200 }, account: { type: 'string', maxLength: 60 }, amount: { type: 'number', minimum: 0 },
          },
          ['kind', 'items', 'reason', 'basis'],
        ),
        onTheSpot: { type: 'boolean' },
        actAt: dateTime,
      },
      ['measure'],
    ),
    variables: (d, c) => ({ measureId: withDefault(d.measureId, `${c.caseRef}/M-${c.nowIso.slice(0, 19).replace(/\D/g, '')}`), measure: d.measure, onTheSpot: d.onTheSpot ?? false, officers: c.officers, actAt: withDefault(d.actAt, c.nowIso) }),
  },
  'case-limit-pause': {
    label: '办案期限中止（扣除）',
    messageName: 'case-limit-changed',
    procedures: PENALTY,
    data: object(
      {
        id: { type: 'string', minLength: 1, maxLength: 80, pattern: '^[0-9A-Za-z/_:-]+$' },
        from: dateOrDateTime,
        to: dateOrDateTime,
        reason: { type: 'string', minLength: 1, maxLength: 200 },
      },
      ['from', 'to', 'reason'],
    ),
    variables: (d, c) => ({ pause: { id: withDefault(d.id, `${c.caseRef}:pause:${String(d.from)}`), from: d.from, to: d.to, reason: d.reason } }),
  },
};

/** `{type, data}` with the data checked against its type's schema (errors at /body/data/…). */
export const caseEventBody: JsonSchema = {
  type: 'object',
  properties: { type: { type: 'string', enum: Object.keys(CASE_EVENTS) }, data: { type: 'object' } },
  required: ['type', 'data'],
  additionalProperties: false,
  allOf: Object.entries(CASE_EVENTS).map(([type, event]) => ({
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: { properties: { data: event.data } },
  })),
};
