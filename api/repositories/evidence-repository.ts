import type { Knex } from 'knex';
import type { Db } from '../../db/connect.js';
import type { EvidenceKind } from '../services/content-type.js';

export interface EvidenceLocation {
  latitude: number;
  longitude: number;
  accuracy?: number;
}

/** An item of evidence as the API shows it. */
export interface Evidence {
  id: number;
  caseId: number;
  kind: EvidenceKind;
  title: string;
  description: string;
  originalName: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  capturedAt: string | null;
  location: EvidenceLocation | null;
  uploadedBy: { id: number; displayName: string };
  uploadedAt: string;
  taskId: number | null;
  clientId: string | null;
}

/** The stored record, with where its file is. */
export interface StoredEvidence extends Evidence {
  storageKey: string;
}

export interface NewEvidence {
  caseId: string;
  taskId: number | null;
  kind: EvidenceKind;
  title: string;
  description: string;
  originalName: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  storageKey: string;
  capturedAt: string | null;
  location: EvidenceLocation | null;
  clientId: string | null;
  uploadedBy: number;
}

interface EvidenceRow {
  id: string;
  case_id: string;
  task_id: string | null;
  kind: EvidenceKind;
  title: string;
  description: string;
  original_name: string;
  media_type: string;
  byte_size: string;
  sha256: string;
  storage_key: string;
  captured_at: Date | null;
  location: EvidenceLocation | null;
  client_id: string | null;
  uploaded_by: number;
  uploader_name: string;
  uploaded_at: Date;
}

const toEvidence = (row: EvidenceRow): StoredEvidence => ({
  id: Number(row.id),
  caseId: Number(row.case_id),
  kind: row.kind,
  title: row.title,
  description: row.description,
  originalName: row.original_name,
  mediaType: row.media_type,
  byteSize: Number(row.byte_size),
  sha256: row.sha256,
  capturedAt: row.captured_at ? row.captured_at.toISOString() : null,
  location: row.location,
  uploadedBy: { id: row.uploaded_by, displayName: row.uploader_name },
  uploadedAt: row.uploaded_at.toISOString(),
  taskId: row.task_id === null ? null : Number(row.task_id),
  clientId: row.client_id,
  storageKey: row.storage_key,
});

/** The API view: where the file lives stays inside. */
export const publicEvidence = ({ storageKey: _key, ...evidence }: StoredEvidence): Evidence => evidence;

/** app.evidence: 证据 of a case (migration 000024). */
export class EvidenceRepository {
  constructor(private readonly db: Db) {}

  private select(db: Knex | Knex.Transaction = this.db) {
    return db('app.evidence as e').join('app.users as u', 'u.id', 'e.uploaded_by').select('e.*', 'u.display_name as uploader_name');
  }

  async listForCase(caseId: number | string): Promise<StoredEvidence[]> {
    const rows = (await this.select().where('e.case_id', caseId).orderBy([{ column: 'e.uploaded_at' }, { column: 'e.id' }])) as EvidenceRow[];
    return rows.map(toEvidence);
  }

  async find(id: number | string): Promise<StoredEvidence | undefined> {
    const row = (await this.select().where('e.id', id).first()) as EvidenceRow | undefined;
    return row ? toEvidence(row) : undefined;
  }

  async findByClientId(clientId: string): Promise<StoredEvidence | undefined> {
    const row = (await this.select().where('e.client_id', clientId).first()) as EvidenceRow | undefined;
    return row ? toEvidence(row) : undefined;
  }

  /** Items of the case among `ids` (ids of other cases are left out). */
  async findManyOfCase(caseId: number | string, ids: readonly number[]): Promise<StoredEvidence[]> {
    if (ids.length === 0) return [];
    const rows = (await this.select().where('e.case_id', caseId).whereIn('e.id', ids)) as EvidenceRow[];
    return rows.map(toEvidence);
  }

  /** Whether the task (app.tasks) belongs to the case. */
  async taskOfCase(taskId: number, caseId: number | string): Promise<boolean> {
    return Boolean(await this.db('app.tasks').where({ id: taskId, case_id: caseId }).first('id'));
  }

  /** Inserts the record and the case event in one transaction; returns the stored record. */
  async insert(input: NewEvidence, event: { summary: string }): Promise<StoredEvidence> {
    return this.db.transaction(async (trx) => {
      const [created] = (await trx('app.evidence')
        .insert({
          case_id: input.caseId,
          task_id: input.taskId,
          kind: input.kind,
          title: input.title,
          description: input.description,
          original_name: input.originalName,
          media_type: input.mediaType,
          byte_size: input.byteSize,
          sha256: input.sha256,
          storage_key: input.storageKey,
          captured_at: input.capturedAt,
          location: input.location === null ? null : JSON.stringify(input.location),
          client_id: input.clientId,
          uploaded_by: input.uploadedBy,
        })
        .returning('id')) as Array<{ id: string }>;
      await trx('app.case_events').insert({
        case_id: input.caseId,
        actor_id: input.uploadedBy,
        type: 'evidence-added',
        summary: event.summary,
        data: JSON.stringify({ evidenceId: Number(created!.id), kind: input.kind, sha256: input.sha256, byteSize: input.byteSize, mediaType: input.mediaType }),
      });
      const row = (await this.select(trx).where('e.id', created!.id).first()) as EvidenceRow;
      return toEvidence(row);
    });
  }
}
