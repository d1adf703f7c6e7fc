import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { RouteRegistry } from '../route-registry.js';
import type { Services } from '../services/container.js';
import { EvidenceRepository, publicEvidence, type EvidenceLocation, type StoredEvidence } from '../repositories/evidence-repository.js';
import { accessibleCase, ensureCaseAccess, findCaseSubject } from '../services/case-access.js';
import { ACCEPTED_TYPES, EVIDENCE_KINDS, EVIDENCE_TYPES, sniffMediaType, type EvidenceKind } from '../services/content-type.js';
import { fileEvidenceStore, type EvidenceStore } from '../services/evidence-store.js';
import { discard, receiveUpload, type StagedFile } from '../services/evidence-upload.js';
import { downloadQuery, isDownload, sendStoredFile, sha256Of } from '../services/file-response.js';
import { appendAudit } from '../services/audit-log.js';
import { compileBodySchema, toFieldErrors } from '../schemas/ajv.js';
import { idParams } from '../schemas/common.js';
import { ConflictError, HttpProblem, ValidationError } from '../errors.js';
import type { AuthUser } from '../roles.js';

const MB = 1024 * 1024;
/** Largest file per kind unless ApiDeps.evidenceMaxBytes says otherwise. */
export const DEFAULT_EVIDENCE_MAX_BYTES: Readonly<Record<EvidenceKind, number>> = { photo: 20 * MB, audio: 100 * MB, video: 500 * MB, document: 50 * MB, signature: 5 * MB };
/** Files up to this size are re-hashed before they are served; larger ones are checked by size (the integrity check hashes all). */
const HASH_BEFORE_SERVING = 64 * MB;
/** A phone's clock a few minutes ahead is no reason to refuse a photo. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const location = {
  type: 'object',
  properties: {
    latitude: { type: 'number', minimum: -90, maximum: 90 },
    longitude: { type: 'number', minimum: -180, maximum: 180 },
    accuracy: { type: 'number', minimum: 0, maximum: 100_000 },
  },
  required: ['latitude', 'longitude'],
  additionalProperties: false,
};

const uploadFields = compileBodySchema({
  type: 'object',
  properties: {
    kind: { type: 'string', enum: [...EVIDENCE_KINDS] },
    title: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
    description: { type: 'string', maxLength: 4000 },
    capturedAt: { type: 'string', format: 'date-time' },
    location,
    clientId: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' },
    taskId: { type: 'integer', minimum: 1 },
  },
  required: ['kind', 'title'],
  additionalProperties: false,
});

interface UploadFields {
  kind: EvidenceKind;
  title: string;
  description?: string;
  capturedAt?: string;
  location?: EvidenceLocation;
  clientId?: string;
  taskId?: number;
}

const evidenceSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, caseId: { type: 'integer' }, kind: { type: 'string', enum: [...EVIDENCE_KINDS] }, title: { type: 'string' }, description: { type: 'string' },
    originalName: { type: 'string' }, mediaType: { type: 'string' }, byteSize: { type: 'integer' }, sha256: { type: 'string' },
    capturedAt: { type: ['string', 'null'] }, location: { type: ['object', 'null'] }, uploadedBy: { type: 'object' }, uploadedAt: { type: 'string' },
    taskId: { type: ['integer', 'null'] }, clientId: { type: ['string', 'null'] },
  },
};

/** The text fields of the form as the schema expects them: location is JSON, taskId a number. */
function parseFields(raw: Readonly<Record<string, string>>): UploadFields {
  const fields: Record<string, unknown> = { ...raw };
  const errors = [];
  if (raw.location !== undefined) {
    try {
      fields.location = JSON.parse(raw.location) as unknown;
    } catch {
      errors.push({ path: '/body/location', message: 'must be JSON: {"latitude": …, "longitude": …, "accuracy": …}', keyword: 'json' });
    }
  }
  if (raw.taskId !== undefined && /^\d{1,15}$/.test(raw.taskId)) fields.taskId = Number(raw.taskId);
  for (const key of ['description', 'capturedAt', 'location', 'clientId', 'taskId']) if (raw[key] === '') delete fields[key];
  if (!uploadFields(fields)) errors.push(...toFieldErrors('body', uploadFields.errors));
  if (errors.length > 0) throw new ValidationError('The evidence form is invalid', errors);
  return fields as unknown as UploadFields;
}

export function registerEvidenceRoutes(registry: RouteRegistry, services: Services): void {
  const repository = new EvidenceRepository(services.db);
  const fileStore = fileEvidenceStore(path.resolve(services.dataDir, 'evidence'));
  const store: EvidenceStore = fileStore;
  const limits: Record<EvidenceKind, number> = { ...DEFAULT_EVIDENCE_MAX_BYTES, ...services.deps.evidenceMaxBytes };
  const largest = Math.max(...Object.values(limits));

  const readableEvidence = async (user: AuthUser, evidenceId: number): Promise<StoredEvidence> => {
    const evidence = await repository.find(evidenceId);
    ensureCaseAccess(user, evidence ? await findCaseSubject(services.db, evidence.caseId) : undefined, 'read', 'evidence', evidenceId);
    return evidence!;
  };

  /** Checks the staged file against the kind; answers with the sniffed media type. */
  const checkFile = async (file: StagedFile | null, kind: EvidenceKind): Promise<string> => {
    if (!file) throw new ValidationError('Expected a file in the form field \'file\', but there is none', [{ path: '/body/file', message: "must have required property 'file'", keyword: 'required' }]);
    if (file.tooLarge || file.byteSize > limits[kind]) {
      throw new HttpProblem(413, 'Payload too large', `Expected a ${kind} of at most ${limits[kind]} bytes, but the file is larger${file.tooLarge ? '' : ` (${file.byteSize} bytes)`}`);
    }
    if (file.byteSize === 0) throw new ValidationError('Expected a file with content, but it is empty', [{ path: '/body/file', message: 'must not be empty', keyword: 'minLength' }]);
    const mediaType = await sniffMediaType(file.path);
    if (!EVIDENCE_TYPES.has(mediaType)) {
      throw new HttpProblem(
        415,
        'Unsupported media type',
        `Expected evidence of a type the platform accepts (photo, audio, video, PDF, Word, Excel or plain text), but the content of '${file.originalName}' is ${mediaType} (claimed ${file.claimedType})`,
        [{ path: '/body/file', message: `content is ${mediaType}`, keyword: 'mediaType' }],
      );
    }
    if (!ACCEPTED_TYPES[kind].includes(mediaType)) {
      throw new ValidationError(`Expected a ${kind} (${ACCEPTED_TYPES[kind].join(', ')}), but the content of '${file.originalName}' is ${mediaType}`, [
        { path: '/body/kind', message: `does not match the file's content (${mediaType})`, keyword: 'mediaType' },
      ]);
    }
    return mediaType;
  };

  registry.add<unknown, Record<string, never>, { id: number }>({
    method: 'post',
    path: '/cases/:id/evidence',
    summary: 'Add evidence to a case (multipart/form-data: file, kind, title, description?, capturedAt?, location? JSON, clientId?, taskId?)',
    tag: 'evidence',
    access: 'signed-in',
    params: idParams,
    // multipart/form-data, read and validated by the handler (a JSON body is answered 415)
    body: { type: 'object' },
    response: { status: 201, schema: evidenceSchema, description: 'The stored evidence; 200 with the stored record when clientId was uploaded before' },
    async handler({ params, user, req, res }) {
      const subject = await accessibleCase(services.db, user, params.id, 'act');
      const upload = await receiveUpload(req, {
        stagingDir: await fileStore.stagingDir(),
        limitFor: (fields) => (EVIDENCE_KINDS.includes(fields.kind as EvidenceKind) ? limits[fields.kind as EvidenceKind] : largest),
      });
      // the answer is sent once the staged file is gone, so nothing of a refused or repeated upload outlives the request
      let answer: { status: 200 | 201; evidence: StoredEvidence };
      try {
        answer = await storeUpload(upload);
      } finally {
        await discard(upload.file);
      }
      if (answer.status === 201) return publicEvidence(answer.evidence);
      res.status(200).json(publicEvidence(answer.evidence));
      return undefined;

      async function storeUpload(received: Awaited<ReturnType<typeof receiveUpload>>): Promise<{ status: 200 | 201; evidence: StoredEvidence }> {
        const fields = parseFields(received.fields);
        if (fields.clientId) {
          const earlier = await repository.findByClientId(fields.clientId);
          if (earlier) return replay(earlier, params.id);
        }
        const mediaType = await checkFile(received.file, fields.kind);
        if (fields.capturedAt && Date.parse(fields.capturedAt) > services.clock.now().getTime() + FUTURE_TOLERANCE_MS) {
          throw new ValidationError(`Expected the time of capture to have passed, but ${fields.capturedAt} is in the future`, [{ path: '/body/capturedAt', message: 'must not be in the future', keyword: 'formatMaximum' }]);
        }
        if (fields.taskId !== undefined && !(await repository.taskOfCase(fields.taskId, params.id))) {
          throw new ValidationError(`Expected task '${fields.taskId}' to belong to case '${params.id}', but it does not`, [{ path: '/body/taskId', message: 'must be a task of the case', keyword: 'taskOfCase' }]);
        }
        const file = received.file!;
        const storageKey = `${params.id}/${randomUUID()}`;
        await store.put(storageKey, file.path);
        let stored: StoredEvidence;
        try {
          stored = await repository.insert(
            {
              caseId: subject.id!, taskId: fields.taskId ?? null, kind: fields.kind, title: fields.title.trim(), description: fields.description ?? '',
              originalName: file.originalName.slice(0, 255), mediaType, byteSize: file.byteSize, sha256: file.sha256, storageKey,
              capturedAt: fields.capturedAt ?? null, location: fields.location ?? null, clientId: fields.clientId ?? null, uploadedBy: user.id,
            },
            { summary: `添加证据：${fields.title.trim()}` },
          );
        } catch (error) {
          await store.remove(storageKey);
          // the same clientId uploaded twice at once: the other request stored it
          const earlier = fields.clientId && (error as { code?: string }).code === '23505' ? await repository.findByClientId(fields.clientId) : undefined;
          if (earlier) return replay(earlier, params.id);
          throw error;
        }
        await appendAudit(services.db, { userId: user.id, action: 'create', entity: 'evidence', entityId: stored.id, detail: { caseId: stored.caseId, kind: stored.kind, sha256: stored.sha256, byteSize: stored.byteSize, mediaType } });
        req.log?.info({ evidenceId: stored.id, caseId: stored.caseId, byteSize: stored.byteSize }, 'evidence stored');
        return { status: 201, evidence: stored };
      }

      /** The same clientId again: the stored record, unless it went to another case. */
      function replay(earlier: StoredEvidence, caseId: number): { status: 200; evidence: StoredEvidence } {
        if (earlier.caseId !== caseId) {
          throw new ConflictError(`Expected clientId '${earlier.clientId}' to be new or of case '${caseId}', but it was uploaded to another case`, [{ path: '/body/clientId', message: 'is already used', keyword: 'unique' }]);
        }
        return { status: 200, evidence: earlier };
      }
    },
  });

  registry.add<unknown, undefined, { id: number }>({
    method: 'get',
    path: '/cases/:id/evidence',
    summary: 'Evidence of a case, oldest first',
    tag: 'evidence',
    access: 'signed-in',
    params: idParams,
    response: { status: 200, schema: { type: 'array', items: evidenceSchema } },
    async handler({ params, user }) {
      await accessibleCase(services.db, user, params.id, 'read');
      return (await repository.listForCase(params.id)).map(publicEvidence);
    },
  });

  registry.add<{ download?: string }, undefined, { id: number }>({
    method: 'get',
    path: '/evidence/:id/content',
    summary: 'The evidence file (inline with its sniffed type, or as a download with download=1)',
    tag: 'evidence',
    access: 'signed-in',
    params: idParams,
    query: downloadQuery,
    response: { status: 200, description: 'The file' },
    async handler({ params, query, user, res }) {
      const evidence = await readableEvidence(user, params.id);
      const found = await store.stat(evidence.storageKey);
      if (!found) throw new ConflictError(`Expected the file of evidence '${evidence.id}' in the store, but it is missing`);
      if (found.byteSize !== evidence.byteSize || (evidence.byteSize <= HASH_BEFORE_SERVING && (await hashOf(evidence)) !== evidence.sha256)) {
        throw new ConflictError(`Expected the file of evidence '${evidence.id}' to have SHA-256 ${evidence.sha256}, but it has been changed`);
      }
      const body = await store.get(evidence.storageKey);
      if (!body) throw new ConflictError(`Expected the file of evidence '${evidence.id}' in the store, but it is missing`);
      await sendStoredFile(res, body, { mediaType: evidence.mediaType, byteSize: evidence.byteSize, fileName: evidence.originalName || evidence.title, attachment: isDownload(query.download) });
      return undefined;
    },
  });

  const hashOf = async (evidence: StoredEvidence): Promise<string | null> => {
    const body = await store.get(evidence.storageKey);
    return body ? sha256Of(body) : null;
  };

  registry.add<unknown, Record<string, never>, { id: number }>({
    method: 'post',
    path: '/cases/:id/evidence/verify',
    summary: 'Integrity check: re-hash every evidence file of the case and compare with the SHA-256 recorded at upload',
    tag: 'evidence',
    access: 'signed-in',
    params: idParams,
    response: { status: 200, schema: { type: 'object', properties: { checked: { type: 'integer' }, intact: { type: 'boolean' }, items: { type: 'array' } } } },
    async handler({ params, user }) {
      await accessibleCase(services.db, user, params.id, 'read');
      const items = [];
      for (const evidence of await repository.listForCase(params.id)) {
        const actual = await hashOf(evidence);
        const problem = actual === null ? 'missing' : actual !== evidence.sha256 ? 'changed' : undefined;
        items.push({ id: evidence.id, title: evidence.title, ok: !problem, expectedSha256: evidence.sha256, actualSha256: actual, ...(problem ? { problem } : {}) });
      }
      const result = { checked: items.length, intact: items.every((item) => item.ok), items };
      await appendAudit(services.db, { userId: user.id, action: 'verify', entity: 'evidence', entityId: null, detail: { caseId: params.id, checked: result.checked, failed: items.filter((i) => !i.ok).map((i) => ({ id: i.id, problem: i.problem })) } });
      return result;
    },
  });

}
