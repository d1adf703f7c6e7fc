/**
 * The pending submissions in IndexedDB (blobs included: IndexedDB stores Blobs by structured clone), so they outlive
 * a closed tab, a reload and a phone restart. One object store keyed by submissionId; each write is its own
 * transaction, committed before the promise resolves.
 */
import type { PendingSubmission } from './submission.js';
import type { SubmissionStore } from './submission-store.js';

const DB_NAME = 'enforcement-mobile';
const DB_VERSION = 1;
const STORE = 'submissions';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'submissionId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('Expected to open IndexedDB, but it failed'));
    request.onblocked = () => reject(new Error('Expected to open IndexedDB, but another tab holds an older version'));
  });
}

export class IndexedDbSubmissionStore implements SubmissionStore {
  private database: Promise<IDBDatabase> | null = null;

  private db(): Promise<IDBDatabase> {
    this.database ??= openDatabase().catch((error: unknown) => {
      this.database = null;
      throw error;
    });
    return this.database;
  }

  private async run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.db();
    const transaction = db.transaction(STORE, mode);
    const result = promised(action(transaction.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  }

  async list(): Promise<PendingSubmission[]> {
    const items = await this.run('readonly', (store) => store.getAll() as IDBRequest<PendingSubmission[]>);
    return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  get(submissionId: string): Promise<PendingSubmission | undefined> {
    return this.run('readonly', (store) => store.get(submissionId) as IDBRequest<PendingSubmission | undefined>);
  }

  async put(submission: PendingSubmission): Promise<void> {
    await this.run('readwrite', (store) => store.put(submission));
  }

  async delete(submissionId: string): Promise<void> {
    await this.run('readwrite', (store) => store.delete(submissionId));
  }
}
