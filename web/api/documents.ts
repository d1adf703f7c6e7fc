import { http, seg } from './http';
import type { Id } from './types';

/** Clients of the document and service routes (docs/case-handling.md, "Evidence, documents, service"). */

export interface ServiceProof {
  evidenceIds?: Id[];
  [key: string]: unknown;
}

export interface DocumentService {
  id: Id;
  method: string;
  recipient: string;
  servedAt: string | null;
  deemedServedAt: string | null;
  proof: ServiceProof | null;
  /** The evidence the proof names (送达回证照片 …), of this case. */
  evidence?: { id: Id; title: string; kind: string; mediaType: string; sha256: string; byteSize: number }[];
}

export interface CaseDocument {
  id: Id;
  kind: string;
  title: string;
  /** 文号 */
  number: string | null;
  format: 'pdf' | 'docx' | string;
  sha256: string;
  byteSize: number;
  createdAt: string;
  service: DocumentService[];
}

export interface ServiceRecord extends DocumentService {
  documentId: Id;
  documentTitle: string;
}

/** URL of a document's file: inline (for preview) or as an attachment. */
export function documentContentUrl(id: Id, download = false): string {
  return `/api/documents/${seg(id)}/content${download ? '?download=1' : ''}`;
}

export const documentsApi = {
  list: (caseId: Id) => http.get<CaseDocument[]>(`/cases/${seg(caseId)}/documents`),
  serviceRecords: (caseId: Id) => http.get<ServiceRecord[]>(`/cases/${seg(caseId)}/service-records`),
};
