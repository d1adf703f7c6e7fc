import { http, seg } from './http';
import type { Field, Id, Page, PageQuery } from './types';

/** Clients of the case routes (docs/case-handling.md, "Cases"). */

export const CASE_KINDS = ['inspection', 'penalty', 'coercion'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_STATUSES = ['open', 'suspended', 'closed', 'terminated', 'transferred'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The procedures a case can be opened with (bpmnProcessId) and the kind of case each is. */
export const CASE_PROCEDURES = [
  { procedure: 'penalty-ordinary', kind: 'penalty' },
  { procedure: 'penalty-summary', kind: 'penalty' },
  { procedure: 'inspection', kind: 'inspection' },
] as const satisfies readonly { procedure: string; kind: CaseKind }[];
export type CaseProcedure = (typeof CASE_PROCEDURES)[number]['procedure'];

export const PARTY_TYPES = ['natural-person', 'organisation'] as const;
export type PartyType = (typeof PARTY_TYPES)[number];

export const ID_TYPES = ['resident-id', 'passport', 'other', 'credit-code'] as const;
export type IdType = (typeof ID_TYPES)[number];

export const CASE_EVENT_TYPES = [
  'party-statement',
  'party-waiver',
  'hearing-request',
  'payment',
  'payment-deferral',
  'extension-request',
  'termination-request',
  'evidence-preservation',
  'coercive-measure-needed',
  'case-limit-pause',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** Amounts in yuan: involved, illegalGains, fine, confiscation, … */
export type CaseAmounts = Record<string, number>;

export interface CaseSummary {
  id: Id;
  caseRef: string;
  kind: CaseKind;
  procedure: string;
  title: string;
  partyName: string;
  bodyId: Id;
  bodyName: string;
  field: Field;
  status: CaseStatus;
  currentStep: string | null;
  currentStepName: string | null;
  openedAt: string;
}

export interface ElectronicService {
  consented?: boolean;
  confirmationSigned?: boolean;
  consent?: { confirmedAt?: string; reference?: string };
  address?: string;
}

export interface CaseParty {
  type: PartyType;
  name: string;
  idType: IdType;
  idNumber: string;
  legalRepresentative?: string | null;
  address?: string | null;
  phone?: string | null;
  electronicService?: ElectronicService;
}

export interface CaseOfficer {
  userId: Id;
  displayName: string;
  role: 'lead' | 'assistant';
}

export interface CaseDetail extends CaseSummary {
  facts: string;
  amounts: CaseAmounts;
  processInstanceKey: string | null;
  parties: CaseParty[];
  officers: CaseOfficer[];
  items: { id: Id; code: string; name: string }[];
  openedBy: { id: Id; displayName: string } | null;
  closedAt: string | null;
}

export interface CaseQuery extends PageQuery {
  q?: string;
  status?: CaseStatus | '';
  kind?: CaseKind | '';
  procedure?: string;
  bodyId?: Id | '';
  mine?: boolean | '';
  /** YYYY-MM-DD */
  openedFrom?: string;
  /** YYYY-MM-DD */
  openedTo?: string;
  sort?: '-openedAt' | 'openedAt' | 'caseRef' | '';
}

export interface CaseInput {
  kind: CaseKind;
  procedure: string;
  bodyId?: Id;
  field?: Field;
  title: string;
  facts?: string;
  amounts?: CaseAmounts;
  itemIds: Id[];
  parties: CaseParty[];
  /** ≥ 2 officers holding a valid 执法证 for the field */
  officerIds: Id[];
  /** procedure-specific start variables: `clue`, `inspection`, `measure`, … */
  variables?: Record<string, unknown>;
}

export type CasePatch = Partial<Pick<CaseInput, 'title' | 'facts' | 'amounts'>>;

export interface TimelineEntry {
  at: string;
  source: 'engine' | 'platform';
  type: string;
  summary: string;
  elementId?: string;
  actor?: { id: Id; displayName: string } | string | null;
}

export interface CaseDeadline {
  id: Id;
  name: string;
  kind: string;
  legalBasis: string;
  start: string;
  due: string;
  dueDate: string;
  /** running | met | overdue | cancelled … as the deadline service keeps it */
  status: string;
  explanation: string;
  remainingWorkingDays: number | null;
}

export interface CaseDiagram {
  bpmnProcessId: string;
  xml: string;
  activeElementIds: string[];
  completedElementIds: string[];
  incidentElementIds: string[];
}

export interface CaseEventInput {
  type: CaseEventType;
  data: Record<string, unknown>;
}

/** One of the body's officers for a new case (GET /cases/officer-options). */
export interface CaseOfficerOption {
  id: Id;
  username: string;
  displayName: string;
  /** Holds a 执法证 valid today for the field (or the body's). */
  certificateValid: boolean;
}

export const casesApi = {
  list: (query: CaseQuery) => http.get<Page<CaseSummary>>('/cases', { ...query }),
  get: (id: Id) => http.get<CaseDetail>(`/cases/${seg(id)}`),
  create: (body: CaseInput) => http.post<CaseDetail>('/cases', body),
  officerOptions: (query: { bodyId?: Id; field?: Field } = {}) => http.get<CaseOfficerOption[]>('/cases/officer-options', { ...query }),
  update: (id: Id, body: CasePatch) => http.patch<CaseDetail>(`/cases/${seg(id)}`, body),
  timeline: (id: Id) => http.get<TimelineEntry[]>(`/cases/${seg(id)}/timeline`),
  deadlines: (id: Id) => http.get<CaseDeadline[]>(`/cases/${seg(id)}/deadlines`),
  diagram: (id: Id) => http.get<CaseDiagram>(`/cases/${seg(id)}/diagram`),
  registerEvent: (id: Id, body: CaseEventInput) =>
    http.post<{ type: CaseEventType; messageName: string }>(`/cases/${seg(id)}/events`, body),
};
