/**
 * The on-site record (现场笔录, form `on-site-record`) as the phone edits it, checked as the server's form validation
 * will check it, and turned into a pending submission: the form's variables, plus the photos and the party's
 * signature as attachments whose evidence ids the sync loop fills into `photos` and `partySignature`.
 */
import type { GeoPoint, NewSubmission } from '../offline/submission.js';

export const CHECKLIST_RESULTS = ['compliant', 'non-compliant', 'not-applicable'] as const;
export type ChecklistResult = (typeof CHECKLIST_RESULTS)[number];

export interface ChecklistRow {
  item: string;
  result: ChecklistResult | '';
  note: string;
}

export interface CapturedPhoto {
  /** Local key for the list (not sent). */
  key: string;
  blob: Blob;
  fileName: string;
  mediaType: string;
  capturedAt: string;
}

export interface OnSiteRecordDraft {
  /** `YYYY-MM-DDTHH:mm` in the phone's time zone, as <input type=datetime-local> gives it. */
  startedAt: string;
  certificatesShown: boolean;
  partyPresent: boolean;
  witness: string;
  statementHeard: boolean;
  findings: string;
  inventory: string;
  checklist: ChecklistRow[];
  photos: CapturedPhoto[];
  location: GeoPoint | null;
  signed: boolean;
  signature: Blob | null;
  refusalNoted: string;
}

export type DraftErrors = Partial<Record<'startedAt' | 'witness' | 'findings' | 'checklist' | 'signature', string>> & {
  rows?: Record<number, string>;
};

export interface DraftMessages {
  required: string;
  rowRequired: string;
  signatureRequired: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function localDateTimeInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Checklist rows to start from: one per inspection item of the plan, else one empty row. */
export function initialChecklist(variables: Record<string, unknown>): ChecklistRow[] {
  const plan = variables.plan as { items?: unknown } | undefined;
  const inspection = variables.inspection as { items?: unknown } | undefined;
  const raw = plan?.items ?? inspection?.items;
  // the plan's items are a text (inspection-plan form) or a list of texts
  const list = typeof raw === 'string' ? raw.split(/[、；;\n]/) : Array.isArray(raw) ? raw : [];
  const items = list.filter((i): i is string => typeof i === 'string' && i.trim() !== '').map((i) => i.trim());
  return items.length > 0 ? items.map((item) => ({ item, result: '', note: '' })) : [{ item: '', result: '', note: '' }];
}

export function emptyDraft(variables: Record<string, unknown>, now: Date): OnSiteRecordDraft {
  return {
    startedAt: localDateTimeInput(now),
    certificatesShown: true,
    partyPresent: true,
    witness: '',
    statementHeard: false,
    findings: '',
    inventory: '',
    checklist: initialChecklist(variables),
    photos: [],
    location: null,
    signed: true,
    signature: null,
    refusalNoted: '',
  };
}

export function validateDraft(draft: OnSiteRecordDraft, messages: DraftMessages): DraftErrors {
  const errors: DraftErrors = {};
  if (!draft.startedAt || Number.isNaN(new Date(draft.startedAt).getTime())) errors.startedAt = messages.required;
  if (!draft.partyPresent && draft.witness.trim() === '') errors.witness = messages.required;
  if (draft.findings.trim() === '') errors.findings = messages.required;
  const rows: Record<number, string> = {};
  draft.checklist.forEach((row, index) => {
    if (row.item.trim() === '' || row.result === '') rows[index] = messages.rowRequired;
  });
  if (Object.keys(rows).length > 0) errors.rows = rows;
  if (draft.signed && !draft.signature) errors.signature = messages.signatureRequired;
  return errors;
}

export function hasErrors(errors: DraftErrors): boolean {
  return Object.keys(errors).length > 0;
}

export interface TaskRef {
  id: string | number;
  caseId: string | number | null;
  name: string;
  caseRef: string | null;
  partyName: string | null;
}

/** The pending submission of a valid draft (evidence fields left out: the sync loop fills them). */
export function draftToSubmission(task: TaskRef, draft: OnSiteRecordDraft, titles: { photo: string; signature: string }): NewSubmission {
  if (task.caseId === null) throw new Error(`Expected task '${task.id}' to belong to a case, but it has none`);
  // plain copies: IndexedDB cannot clone the view's reactive proxies
  const location: GeoPoint | null = draft.location
    ? { latitude: draft.location.latitude, longitude: draft.location.longitude, ...(draft.location.accuracy === undefined ? {} : { accuracy: draft.location.accuracy }) }
    : null;
  const variables: Record<string, unknown> = {
    startedAt: new Date(draft.startedAt).toISOString(),
    certificatesShown: draft.certificatesShown,
    partyPresent: draft.partyPresent,
    statementHeard: draft.statementHeard,
    findings: draft.findings.trim(),
    checklist: draft.checklist.map((row) => ({ item: row.item.trim(), result: row.result, ...(row.note.trim() ? { note: row.note.trim() } : {}) })),
    signed: draft.signed,
  };
  if (!draft.partyPresent) variables.witness = draft.witness.trim();
  if (draft.inventory.trim()) variables.inventory = draft.inventory.trim();
  if (location) variables.location = { latitude: location.latitude, longitude: location.longitude };
  if (!draft.signed && draft.refusalNoted.trim()) variables.refusalNoted = draft.refusalNoted.trim();
  if (draft.photos.length === 0) variables.photos = [];
  const photos = draft.photos.map((photo, index) => ({
    kind: 'photo' as const,
    field: 'photos',
    multiple: true,
    title: `${titles.photo} ${index + 1}`,
    fileName: photo.fileName,
    mediaType: photo.mediaType,
    blob: photo.blob,
    capturedAt: photo.capturedAt,
    location,
  }));
  const signature =
    draft.signed && draft.signature
      ? [{ kind: 'signature' as const, field: 'partySignature', multiple: false, title: titles.signature, fileName: 'party-signature.png', mediaType: 'image/png', blob: draft.signature, capturedAt: new Date().toISOString(), location }]
      : [];
  return {
    taskId: String(task.id),
    caseId: String(task.caseId),
    taskName: task.name,
    caseRef: task.caseRef ?? '',
    partyName: task.partyName ?? '',
    variables,
    attachments: [...photos, ...signature],
  };
}
