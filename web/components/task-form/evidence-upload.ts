import { evidenceApi, evidenceContentUrl, type EvidenceKind, type EvidenceLocation } from '../../api/evidence';
import type { Id } from '../../api/types';

/** Evidence as POST /api/cases/:id/evidence answers (the fields the form needs). */
export interface UploadedEvidence {
  id: Id;
  kind: string;
  title: string;
  originalName: string | null;
  mediaType: string;
}

export interface EvidenceUpload {
  kind: EvidenceKind;
  title: string;
  fileName?: string;
  /** Idempotency key of the upload (offline sync); a new one per file by default. */
  clientId?: string;
  taskId?: Id;
  capturedAt?: string;
  location?: EvidenceLocation;
}

/** Uploads one file of a form (file picker, signature) as evidence of the case, through the evidence API client. */
export function uploadEvidence(caseId: Id, file: Blob, upload: EvidenceUpload): Promise<UploadedEvidence> {
  return evidenceApi.upload(caseId, {
    file,
    fileName: upload.fileName,
    kind: upload.kind,
    title: upload.title.slice(0, 200) || upload.kind,
    clientId: upload.clientId ?? crypto.randomUUID(),
    taskId: upload.taskId,
    capturedAt: upload.capturedAt,
    location: upload.location,
  });
}

/** Where the console shows a stored evidence file (inline). */
export function evidenceUrl(id: Id): string {
  return evidenceContentUrl(id);
}
