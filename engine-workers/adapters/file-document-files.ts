import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentFiles } from '../ports/document-files.js';

/**
 * Document files under DATA_DIR/documents/<year>/<first two hex digits>/<sha256>.<ext>. The name is the content's
 * SHA-256, so a file is never overwritten with other bytes, a redelivered job that renders the same bytes finds its file
 * in place, and anyone can check a file against the hash recorded in app.documents.
 */
export function fileDocumentFiles(dataDir: string): DocumentFiles {
  return {
    async save(bytes, year, extension) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const storagePath = ['documents', String(year), sha256.slice(0, 2), `${sha256}.${extension}`].join('/');
      const target = path.join(dataDir, ...storagePath.split('/'));
      const existing = await stat(target).catch(() => null);
      if (existing?.size !== bytes.byteLength) {
        await mkdir(path.dirname(target), { recursive: true });
        const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
        await writeFile(temporary, bytes, { flag: 'wx' });
        await rename(temporary, target);
      }
      return { storagePath, sha256, byteSize: bytes.byteLength };
    },
  };
}

/** The absolute path of a stored document file. */
export function documentFilePath(dataDir: string, storagePath: string): string {
  return path.join(dataDir, ...storagePath.split('/'));
}
