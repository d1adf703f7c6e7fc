/**
 * The phone's sync service, one per page: the queue as reactive state for the views, and the triggers of the sync
 * loop: app start, the `online` event, a timer, and 立即同步. Every submission is written to IndexedDB before any
 * request is made (`enqueue`), with the signed-in officer as its owner, and leaves it only after the server accepted
 * the completion (sync-engine.ts). Only the signed-in officer's records are sent; signing in starts a pass.
 */
import { computed, effectScope, ref, watch } from 'vue';
import { useSessionStore } from '../../stores/session';
import { IndexedDbSubmissionStore } from './idb-store.js';
import { httpSyncTransport } from './http-transport.js';
import { countSubmissions, createSubmission, type NewSubmission, type PendingSubmission, type SubmissionOwner } from './submission.js';
import { SyncEngine, type SyncReport } from './sync-engine.js';

const TIMER_MS = 30_000;

const store = new IndexedDbSubmissionStore();
const items = ref<PendingSubmission[]>([]);
const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
const syncing = ref(false);
const lastReport = ref<SyncReport | null>(null);
const storageError = ref<string | null>(null);
let started = false;
let session: ReturnType<typeof useSessionStore> | null = null;

/** The signed-in officer as a plain object (IndexedDB cannot clone the store's reactive proxy). */
function signedIn(): SubmissionOwner | null {
  const me = session?.me;
  return me ? { userId: String(me.id), displayName: me.displayName } : null;
}

async function refresh(): Promise<void> {
  try {
    items.value = await store.list();
    storageError.value = null;
  } catch (error) {
    storageError.value = error instanceof Error ? error.message : String(error);
  }
}

const engine = new SyncEngine({ store, transport: httpSyncTransport, signedIn, onChange: () => void refresh() });

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
  const owner = signedIn();
  if (!owner) throw new Error('Expected an officer to be signed in to keep a record on the phone, but no one is');
  const submission = createSubmission(input, owner, new Date(), newId);
  await store.put(submission);
  await refresh();
  void syncNow();
  return submission;
}

function start(): void {
  if (started) return;
  started = true;
  session = useSessionStore();
  const current = session;
  // an officer signing in (again) on this phone: their records go now, the others' stay. A detached scope: the watch
  // outlives the component that happened to start the service (the layout is left on signing out).
  effectScope(true).run(() =>
    watch(
      () => current.me?.id,
      (id, before) => {
        if (id !== undefined && id !== before) void syncNow(true);
      },
    ),
  );
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
  const userId = computed(() => (session?.me ? String(session.me.id) : null));
  return {
    userId,
    items,
    online,
    syncing,
    lastReport,
    storageError,
    counts: computed(() => countSubmissions(items.value, userId.value)),
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
