import type { Knex } from 'knex';
import type { Documents, StoredDocument } from '../ports/documents.js';
import { chinaInstant } from './china-instant.js';

interface DocumentRow {
  id: string;
  process_instance_key: string;
  case_ref: string | null;
  body_id: number;
  kind: string;
  number: string | null;
  title: string;
  format: 'pdf' | 'docx';
  sha256: string;
  storage_path: string;
  byte_size: number;
  fields: Record<string, unknown>;
  job_key: string;
  created_at: Date;
}

// int8 columns are read as text: Zeebe keys can exceed Number.MAX_SAFE_INTEGER
const COLUMNS = ['id::text as id', 'process_instance_key::text as process_instance_key', 'case_ref', 'body_id', 'kind', 'number', 'title', 'format', 'sha256', 'storage_path', 'byte_size', 'fields', 'job_key::text as job_key', 'created_at'];

const toDocument = (row: DocumentRow): StoredDocument => ({
  id: row.id,
  processInstanceKey: row.process_instance_key,
  caseRef: row.case_ref,
  bodyId: row.body_id,
  kind: row.kind,
  number: row.number,
  title: row.title,
  format: row.format,
  sha256: row.sha256,
  storagePath: row.storage_path,
  byteSize: row.byte_size,
  fields: row.fields,
  jobKey: row.job_key,
  createdAt: chinaInstant(row.created_at),
});

export function pgDocuments(trx: Knex.Transaction): Documents {
  return {
    async insert(document) {
      const [row] = (await trx('app.documents')
        .insert({
          process_instance_key: document.processInstanceKey,
          case_ref: document.caseRef,
          body_id: document.bodyId,
          kind: document.kind,
          number: document.number,
          title: document.title,
          format: document.format,
          sha256: document.sha256,
          storage_path: document.storagePath,
          byte_size: document.byteSize,
          fields: JSON.stringify(document.fields),
          job_key: document.jobKey,
        })
        .returning(trx.raw(COLUMNS.join(', ')) as never)) as DocumentRow[];
      return toDocument(row!);
    },
    async find(id) {
      const row = (await trx('app.documents').where({ id }).first(trx.raw(COLUMNS.join(', ')))) as DocumentRow | undefined;
      return row ? toDocument(row) : undefined;
    },
  };
}
