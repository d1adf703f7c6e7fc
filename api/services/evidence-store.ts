import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where evidence files live: a port with four operations, so that an object store (S3, OSS, MinIO) can replace the
 * filesystem without touching the routes. Keys are opaque, '/'-separated, chosen by the caller ("<caseId>/<uuid>");
 * the store never decides what a file is: the database row holds its sniffed type, size and SHA-256.
 */
export interface EvidenceStore {
  /** Takes in a finished local file (the staged upload) under `key`; the local file is gone afterwards. */
  put(key: string, localFile: string): Promise<void>;
  /** The stored bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Readable | null>;
  stat(key: string): Promise<{ byteSize: number } | null>;
  /** Removes the key; removing a missing key is not an error. */
  remove(key: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

/**
 * The filesystem adapter: one file per key under `root` (DATA_DIR/evidence), folders 0700 and files 0600, so only
 * the platform's own account reads them. A file arrives by rename from the staging folder beside it (same filesystem),
 * so a reader never sees half a file.
 */
export function fileEvidenceStore(root: string): EvidenceStore & { readonly root: string; stagingDir(): Promise<string> } {
  const resolve = (key: string): string => {
    if (!KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.')) throw new Error(`Expected an evidence storage key, but got '${key}'`);
    return path.join(root, ...key.split('/'));
  };
  const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';
  return {
    root,
    async stagingDir() {
      const dir = path.join(root, '.incoming');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      return dir;
    },
    async put(key, localFile) {
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await chmod(localFile, 0o600);
      try {
        await rename(localFile, target);
      } catch (error) {
        // another filesystem (a staging folder elsewhere): copy, then drop the original
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        await copyFile(localFile, target);
        await chmod(target, 0o600);
        await rm(localFile, { force: true });
      }
    },
    async get(key) {
      const file = resolve(key);
      const found = await stat(file).catch((error: unknown) => {
        if (missing(error)) return null;
        throw error;
      });
      return found?.isFile() ? createReadStream(file) : null;
    },
    async stat(key) {
      const found = await stat(resolve(key)).catch((error: unknown) => {
        if (missing(error)) return null;
        throw error;
      });
      return found?.isFile() ? { byteSize: found.size } : null;
    },
    async remove(key) {
      await rm(resolve(key), { force: true });
    },
  };
}
