/**
 * The phone's sync service, one per page: the queue as reactive state for the views, and the triggers of the sync
 * loop: app start, the `online` event, a timer, and 立即同步. Every submission is written to IndexedDB before any
 * request is made (`enqueue`), and leaves it only after the server accepted the completion (sync-engine.ts).
 */
import { computed, ref } from 'vue';
import { IndexedDbSubmissionStore } from './idb-store.js';
import { httpSyncTransport } from './http-transport.js';
import { countSubmissions, createSubmission, type NewSubmission, type PendingSubmission } from './submission.js';
import { SyncEngine, type SyncReport } from './sync-engine.js';

const TIMER_MS = 30_000;

const store = new IndexedDbSubmissionStore();
const items = ref<PendingSubmission[]>([]);
const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
const syncing = ref(false);
const lastReport = ref<SyncReport | null>(null);
const storageError = ref<string | null>(null);
let started = false;

async function refresh(): Promise<void> {
  try {
    items.value = await store.list();
    storageError.value = null;
  } catch (error) {
    storageError.value = error instanceof Error ? error.message : String(error);
  }
}

const engine = new SyncEngine({ store, transport: httpSyncTransport, onChange: () => void refresh() });

async function syncNow(force = true): Promise<SyncReport | null> {
  if (!online.value) return null;
  syncing.value = true;
  try {
    lastReport.value = await engine.sync({ force });
    return lastReport.value;
  } catch (error) {
    storageError.value = error instanceof Error ? error.message : String(error);
    return null;
  } finally {
    syncing.value = engine.busy;
    await refresh();
  }
}

function newId(): string {
  return crypto.randomUUID();
}

/** Keeps the submission on the device, then tries to send it (at once when online). */
async function enqueue(input: NewSubmission): Promise<PendingSubmission> {
  const submission = createSubmission(input, new Date(), newId);
  await store.put(submission);
  await refresh();
  void syncNow();
  return submission;
}

function start(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    online.value = true;
    void syncNow(true);
  });
  window.addEventListener('offline', () => {
    online.value = false;
  });
  window.setInterval(() => void syncNow(false), TIMER_MS);
  void refresh().then(() => syncNow(true));
}

export function useOfflineSync() {
  start();
  return {
    items,
    online,
    syncing,
    lastReport,
    storageError,
    counts: computed(() => countSubmissions(items.value)),
    pendingTaskIds: computed(() => new Set(items.value.map((s) => String(s.taskId)))),
    enqueue,
    syncNow: () => syncNow(true),
    retry: async (submissionId: string) => {
      await engine.retry(submissionId);
      await syncNow(true);
    },
    discard: (submissionId: string) => engine.discard(submissionId),
  };
}
