import { ApiError, type Problem } from '../../api/problem';
import { seg } from '../../api/http';

/** Evidence as POST /api/cases/:id/evidence answers (the fields the form needs). */
export interface UploadedEvidence {
  id: number;
  kind: string;
  title: string;
  originalName: string;
  mediaType: string;
}

export interface EvidenceUpload {
  kind: 'photo' | 'document' | 'signature' | 'audio' | 'video';
  title: string;
  fileName?: string;
  /** Idempotency key of the upload (offline sync); a new one per file by default. */
  clientId?: string;
  taskId?: number | string;
  capturedAt?: string;
  location?: { latitude: number; longitude: number; accuracy?: number };
}

/** Uploads one file as evidence of a case (multipart `file`, `kind`, `title`, `clientId` …). */
export async function uploadEvidence(caseId: number | string, file: Blob, upload: EvidenceUpload): Promise<UploadedEvidence> {
  const body = new FormData();
  body.append('file', file, upload.fileName ?? (file instanceof File ? file.name : 'upload'));
  body.append('kind', upload.kind);
  body.append('title', upload.title.slice(0, 200) || upload.kind);
  body.append('clientId', upload.clientId ?? crypto.randomUUID());
  if (upload.taskId !== undefined) body.append('taskId', String(upload.taskId));
  if (upload.capturedAt) body.append('capturedAt', upload.capturedAt);
  if (upload.location) body.append('location', JSON.stringify(upload.location));
  let response: Response;
  try {
    response = await fetch(`/api/cases/${seg(caseId)}/evidence`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json' },
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
  if (!response.ok) throw new ApiError({ ...((payload ?? {}) as Partial<Problem>), status: response.status });
  return payload as UploadedEvidence;
}

/** Where the console shows a stored evidence file (inline). */
export function evidenceUrl(id: number | string): string {
  return `/api/evidence/${seg(id)}/content`;
}
