import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { RouteRegistry } from '../route-registry.js';
import type { Services } from '../services/container.js';
import { DocumentsRepository, type DocumentFile, type ServiceRecord } from '../repositories/documents-repository.js';
import { EvidenceRepository } from '../repositories/evidence-repository.js';
import { accessibleCase, bodySubject, ensureCaseAccess, findCaseSubjectByRef, type CaseSubject } from '../services/case-access.js';
import { downloadQuery, isDownload, sendStoredFile, sha256Of } from '../services/file-response.js';
import { idParams } from '../schemas/common.js';
import { ConflictError } from '../errors.js';
import type { AuthUser } from '../roles.js';

const MEDIA_TYPES: Record<DocumentFile['format'], string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const serviceSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, documentId: { type: 'integer' }, documentKind: { type: 'string' }, documentTitle: { type: 'string' }, documentNumber: { type: ['string', 'null'] },
    method: { type: 'string' }, recipient: { type: 'string' }, servedAt: { type: 'string' }, deemedServedAt: { type: 'string' },
    proof: { type: 'object' }, evidence: { type: 'array' }, electronicDelivery: { type: ['object', 'null'] },
  },
};

/** The evidence ids a service proof names (the service forms' file pickers: an array of ids). */
export function proofEvidenceIds(proof: Record<string, unknown>): number[] {
  const ids = Array.isArray(proof.evidenceIds) ? proof.evidenceIds : [];
  return [...new Set(ids.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0))];
}

/** The file name a document is served under: 行政处罚决定书（三元城管罚决〔2026〕1号）.pdf */
const fileName = (document: DocumentFile): string => `${document.title}${document.number ? `（${document.number}）` : ''}.${document.format}`;

export function registerDocumentRoutes(registry: RouteRegistry, services: Services): void {
  const documents = new DocumentsRepository(services.db);
  const evidence = new EvidenceRepository(services.db);
  const dataDir = path.resolve(services.dataDir);
  // the generate-document worker stores storage_path relative to DATA_DIR ('documents/<year>/<xx>/<sha256>.<ext>')
  const filePath = (document: DocumentFile): string => path.join(dataDir, ...document.storagePath.split('/').filter((part) => part !== '..'));

  /** A case's service records with the evidence each proof names and, for electronic service, its delivery. */
  const serviceViews = async (subject: CaseSubject, records: ServiceRecord[]) => {
    const deliveries = await documents.deliveriesOf(records.filter((r) => r.method === 'electronic').map((r) => r.documentId));
    const named = [...new Set(records.flatMap((r) => proofEvidenceIds(r.proof)))];
    const items = subject.id ? await evidence.findManyOfCase(subject.id, named) : [];
    const byId = new Map(items.map((item) => [item.id, item]));
    return records.map((record) => {
      const ids = proofEvidenceIds(record.proof);
      const delivery = record.method === 'electronic' ? deliveries.filter((d) => d.documentId === record.documentId).pop() ?? null : null;
      return {
        ...record,
        proof: { ...record.proof, evidenceIds: ids },
        evidence: ids.flatMap((id) => {
          const item = byId.get(id);
          return item ? [{ id: item.id, title: item.title, kind: item.kind, mediaType: item.mediaType, sha256: item.sha256, byteSize: item.byteSize }] : [];
        }),
        electronicDelivery: delivery && {
          id: delivery.id, address: delivery.address, status: delivery.status, correlationKey: delivery.correlationKey, reference: delivery.consent.reference ?? null,
          requestedAt: delivery.requestedAt, sentAt: delivery.sentAt, deliveredAt: delivery.deliveredAt,
        },
      };
    });
  };

  const readableDocument = async (user: AuthUser, documentId: number): Promise<DocumentFile> => {
    const document = await documents.find(documentId);
    let subject: CaseSubject | undefined;
    if (document) subject = (document.caseRef ? await findCaseSubjectByRef(services.db, document.caseRef) : undefined) ?? (await bodySubject(services.db, document.bodyId));
    ensureCaseAccess(user, subject, 'read', 'document', documentId);
    return document!;
  };

  registry.add<unknown, undefined, { id: number }>({
    method: 'get',
    path: '/cases/:id/documents',
    summary: 'Generated documents of a case (the PDF and the DOCX of each), with their service records',
    tag: 'documents',
    access: 'signed-in',
    params: idParams,
    response: {
      status: 200,
      schema: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'integer' }, kind: { type: 'string' }, title: { type: 'string' }, number: { type: ['string', 'null'] }, format: { type: 'string', enum: ['pdf', 'docx'] },
            mediaType: { type: 'string' }, sha256: { type: 'string' }, byteSize: { type: 'integer' }, createdAt: { type: 'string' }, service: { type: 'array', items: serviceSchema },
          },
        },
      },
    },
    async handler({ params, user }) {
      const subject = await accessibleCase(services.db, user, params.id, 'read');
      const [files, records] = await Promise.all([documents.listForCase(subject.caseRef!), documents.serviceForCase(subject.caseRef!)]);
      const views = await serviceViews(subject, records);
      return files.map(({ storagePath: _path, caseRef: _ref, bodyId: _body, ...document }) => ({
        ...document,
        mediaType: MEDIA_TYPES[document.format],
        service: views.filter((record) => record.documentId === document.id),
      }));
    },
  });

  registry.add<{ download?: string }, undefined, { id: number }>({
    method: 'get',
    path: '/documents/:id/content',
    summary: 'A generated document: the PDF inline (download=1: as a download), the DOCX as a download; refused when the file no longer matches its SHA-256',
    tag: 'documents',
    access: 'signed-in',
    params: idParams,
    query: downloadQuery,
    response: { status: 200, description: 'The file' },
    async handler({ params, query, user, res }) {
      const document = await readableDocument(user, params.id);
      const file = filePath(document);
      const found = await stat(file).catch(() => null);
      if (!found?.isFile()) throw new ConflictError(`Expected the file of document '${document.id}' (${document.storagePath}), but it is missing`);
      const actual = await sha256Of(createReadStream(file));
      if (actual !== document.sha256 || found.size !== document.byteSize) {
        throw new ConflictError(`Expected document '${document.id}' to have SHA-256 ${document.sha256}, but the stored file has ${actual}: it has been changed`);
      }
      await sendStoredFile(res, createReadStream(file), {
        mediaType: MEDIA_TYPES[document.format],
        byteSize: found.size,
        fileName: fileName(document),
        attachment: isDownload(query.download) || document.format !== 'pdf',
      });
      return undefined;
    },
  });

  registry.add<unknown, undefined, { id: number }>({
    method: 'get',
    path: '/cases/:id/service-records',
    summary: 'Service (送达) records of a case with their proof: evidence named by the proof, electronic delivery',
    tag: 'documents',
    access: 'signed-in',
    params: idParams,
    response: { status: 200, schema: { type: 'array', items: serviceSchema } },
    async handler({ params, user }) {
      const subject = await accessibleCase(services.db, user, params.id, 'read');
      return serviceViews(subject, await documents.serviceForCase(subject.caseRef!));
    },
  });
}
