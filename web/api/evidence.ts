import { http, seg } from './http';
import { ApiError, type Problem } from './problem';
import type { Id } from './types';

/** Clients of the evidence routes (docs/case-handling.md, "Evidence, documents, service"). */

export const EVIDENCE_KINDS = ['photo', 'audio', 'video', 'document', 'signature'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface EvidenceLocation {
  latitude: number;
  longitude: number;
  accuracy?: number;
  address?: string;
}

export interface Evidence {
  id: Id;
  kind: EvidenceKind;
  title: string;
  originalName: string | null;
  mediaType: string;
  byteSize: number;
  sha256: string;
  capturedAt: string | null;
  location: EvidenceLocation | null;
  uploadedBy: { id: Id; displayName: string } | null;
  uploadedAt: string;
  taskId: Id | null;
}

export interface EvidenceUpload {
  file: Blob;
  fileName?: string;
  kind: EvidenceKind;
  title: string;
  description?: string;
  /** ISO date-time */
  capturedAt?: string;
  location?: EvidenceLocation;
  /** uuid, for offline-sync idempotency */
  clientId?: string;
  taskId?: Id;
}

export interface VerifyResult {
  checked: number;
  intact: boolean;
  items: { id: Id; ok: boolean; expectedSha256: string; actualSha256: string | null; problem?: string }[];
}

/** URL of an evidence file: inline (for preview) or as an attachment. */
export function evidenceContentUrl(id: Id, download = false): string {
  return `/api/evidence/${seg(id)}/content${download ? '?download=1' : ''}`;
}

function uploadForm(upload: EvidenceUpload): FormData {
  const form = new FormData();
  form.append('kind', upload.kind);
  form.append('title', upload.title);
  if (upload.description) form.append('description', upload.description);
  if (upload.capturedAt) form.append('capturedAt', upload.capturedAt);
  if (upload.location) form.append('location', JSON.stringify(upload.location));
  if (upload.clientId) form.append('clientId', upload.clientId);
  if (upload.taskId !== undefined) form.append('taskId', String(upload.taskId));
  // the file goes last so that the server has read the fields when the file streams in
  form.append('file', upload.file, upload.fileName ?? (upload.file instanceof File ? upload.file.name : 'evidence'));
  return form;
}

/** multipart/form-data upload; http.ts speaks JSON only. Errors are problem+json as everywhere. */
async function upload(caseId: Id, body: EvidenceUpload): Promise<Evidence> {
  let response: Response;
  try {
    response = await fetch(`/api/cases/${seg(caseId)}/evidence`, {
      method: 'POST',
      headers: { Accept: 'application/json, application/problem+json' },
      credentials: 'same-origin',
      body: uploadForm(body),
    });
  } catch {
    throw new ApiError({ status: 0, title: 'Network error' });
  }
  const text = await response.text();
  let payload: unknown = null;
  try {
    payload = text ? JSON.parse(text) : null;
  } catch {
    payload = null;
  }
  if (response.ok) return payload as Evidence;
  const problem: Problem =
    payload && typeof payload === 'object'
      ? { ...(payload as Partial<Problem>), status: response.status }
      : { status: response.status };
  throw new ApiError(problem, response.headers.get('Retry-After'));
}

export const evidenceApi = {
  list: (caseId: Id) => http.get<Evidence[]>(`/cases/${seg(caseId)}/evidence`),
  upload,
  verify: (caseId: Id) => http.post<VerifyResult>(`/cases/${seg(caseId)}/evidence/verify`, {}),
};
