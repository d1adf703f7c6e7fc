import type { Db } from '../../db/connect.js';

/** A generated document file (app.documents, written by the generate-document worker). */
export interface DocumentFile {
  id: number;
  caseRef: string | null;
  bodyId: number;
  kind: string;
  title: string;
  number: string | null;
  format: 'pdf' | 'docx';
  sha256: string;
  byteSize: number;
  storagePath: string;
  createdAt: string;
}

/** A 送达 record (app.service_records, written by the record-service worker). */
export interface ServiceRecord {
  id: number;
  documentId: number;
  documentKind: string;
  documentTitle: string;
  documentNumber: string | null;
  method: 'direct' | 'lodged' | 'electronic' | 'postal' | 'public_notice';
  recipient: string;
  servedAt: string;
  deemedServedAt: string;
  proof: Record<string, unknown>;
}

/** An electronic delivery (app.electronic_deliveries): the outbox row and what the designated system reported. */
export interface ElectronicDelivery {
  id: number;
  documentId: number;
  address: string;
  status: string;
  correlationKey: string | null;
  consent: { confirmedAt?: string; reference?: string };
  requestedAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
}

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** Reads generated documents and their service for the case views; the workers are the only writers. */
export class DocumentsRepository {
  constructor(private readonly db: Db) {}

  async find(id: number | string): Promise<DocumentFile | undefined> {
    const row = await this.db('app.documents').where({ id }).first();
    return row ? toDocument(row) : undefined;
  }

  async listForCase(caseRef: string): Promise<DocumentFile[]> {
    const rows = await this.db('app.documents').where({ case_ref: caseRef }).orderBy('id');
    return rows.map(toDocument);
  }

  /** Service records of the case: recorded for it, or for one of its documents. */
  async serviceForCase(caseRef: string): Promise<ServiceRecord[]> {
    const rows = (await this.db('app.service_records as s')
      .join('app.documents as d', 'd.id', 's.document_id')
      .where((q) => q.where('s.case_ref', caseRef).orWhere('d.case_ref', caseRef))
      .orderBy('s.id')
      .select('s.*', 'd.kind as document_kind', 'd.title as document_title', 'd.number as document_number')) as ServiceRow[];
    return rows.map(toService);
  }

  async deliveriesOf(documentIds: readonly number[]): Promise<ElectronicDelivery[]> {
    if (documentIds.length === 0) return [];
    const rows = (await this.db('app.electronic_deliveries').whereIn('document_id', documentIds).orderBy('id')) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      id: Number(row.id),
      documentId: Number(row.document_id),
      address: String(row.address),
      status: String(row.status),
      correlationKey: (row.correlation_key as string | null) ?? null,
      consent: (row.consent as ElectronicDelivery['consent']) ?? {},
      requestedAt: (row.requested_at as Date).toISOString(),
      sentAt: iso(row.sent_at as Date | null),
      deliveredAt: iso(row.delivered_at as Date | null),
    }));
  }
}

interface ServiceRow {
  id: string;
  document_id: string;
  document_kind: string;
  document_title: string;
  document_number: string | null;
  method: ServiceRecord['method'];
  recipient: string;
  served_at: Date;
  deemed_served_at: Date;
  proof: Record<string, unknown>;
}

function toService(row: ServiceRow): ServiceRecord {
  return {
    id: Number(row.id),
    documentId: Number(row.document_id),
    documentKind: row.document_kind,
    documentTitle: row.document_title,
    documentNumber: row.document_number,
    method: row.method,
    recipient: row.recipient,
    servedAt: row.served_at.toISOString(),
    deemedServedAt: row.deemed_served_at.toISOString(),
    proof: row.proof ?? {},
  };
}

function toDocument(row: Record<string, unknown>): DocumentFile {
  return {
    id: Number(row.id),
    caseRef: (row.case_ref as string | null) ?? null,
    bodyId: Number(row.body_id),
    kind: String(row.kind),
    title: String(row.title),
    number: (row.number as string | null) ?? null,
    format: row.format as DocumentFile['format'],
    sha256: String(row.sha256),
    byteSize: Number(row.byte_size),
    storagePath: String(row.storage_path),
    createdAt: (row.created_at as Date).toISOString(),
  };
}
