import { expect } from 'chai';
import { SubmissionOwnerError, SyncEngine, SyncRequestError, type SyncTransport } from '../../../web/mobile/offline/sync-engine.js';
import type { SubmissionStore } from '../../../web/mobile/offline/submission-store.js';
import { createSubmission, type PendingAttachment, type PendingSubmission, type SubmissionOwner } from '../../../web/mobile/offline/submission.js';

/** In-memory stand-in for the IndexedDB store; copies on the way in and out as structured clone does. */
class MemoryStore implements SubmissionStore {
  readonly items = new Map<string, PendingSubmission>();
  async list() {
    return [...this.items.values()].map((s) => structuredClone(s));
  }
  async get(id: string) {
    const item = this.items.get(id);
    return item && structuredClone(item);
  }
  async put(item: PendingSubmission) {
    this.items.set(item.submissionId, structuredClone(item));
  }
  async delete(id: string) {
    this.items.delete(id);
  }
}

type Failure = { status: number; message?: string } | null;

/** A fake server with the real one's idempotency: clientId → one evidence row, submissionId → one completion. */
class FakeServer implements SyncTransport {
  readonly evidence = new Map<string, number>();
  readonly completions = new Map<string, { taskId: string; variables: Record<string, unknown> }>();
  uploads = 0;
  completeCalls = 0;
  /** Scripted failures, taken one per call. */
  uploadFailures: Failure[] = [];
  completeFailures: Failure[] = [];
  /** Fail after the server did the work (the answer is lost on the way back). */
  loseCompleteAnswer = false;
  /** Runs when an upload arrives, before it is handled (e.g. another officer signs in meanwhile). */
  onUpload: () => void = () => undefined;

  async uploadEvidence(_s: PendingSubmission, attachment: PendingAttachment) {
    this.uploads += 1;
    this.onUpload();
    const failure = this.uploadFailures.shift();
    if (failure) throw new SyncRequestError(failure.status, failure.message ?? 'failed');
    const existing = this.evidence.get(attachment.clientId);
    if (existing !== undefined) return { id: existing };
    const id = 100 + this.evidence.size;
    this.evidence.set(attachment.clientId, id);
    return { id };
  }

  async completeTask(taskId: string, body: { variables: Record<string, unknown>; submissionId: string }) {
    this.completeCalls += 1;
    const failure = this.completeFailures.shift();
    if (failure) throw new SyncRequestError(failure.status, failure.message ?? 'failed', ['/body/variables/findings: must have required property']);
    if (!this.completions.has(body.submissionId)) this.completions.set(body.submissionId, { taskId, variables: body.variables });
    if (this.loseCompleteAnswer) {
      this.loseCompleteAnswer = false;
      throw new SyncRequestError(0, 'connection reset');
    }
  }
}

const officerA: SubmissionOwner = { userId: '11', displayName: '赵执法' };
const officerB: SubmissionOwner = { userId: '12', displayName: '孙执法' };

describe('mobile offline: the sync engine', () => {
  let signedIn: SubmissionOwner | null;
  let store: MemoryStore;
  let server: FakeServer;
  let now: Date;
  let ids: number;
  let changes: number;
  let engine: SyncEngine;

  const submission = (taskId: string, photos = 2, owner: SubmissionOwner = officerA): PendingSubmission => {
    const blob = new Blob(['jpeg']);
    const photo = { kind: 'photo' as const, field: 'photos', multiple: true, title: '现场照片', fileName: 'p.jpg', mediaType: 'image/jpeg', blob, capturedAt: now.toISOString(), location: null };
    const attachments = [
      ...Array.from({ length: photos }, () => photo),
      { ...photo, kind: 'signature' as const, field: 'partySignature', multiple: false, fileName: 's.png', mediaType: 'image/png' },
    ];
    return createSubmission(
      { taskId, caseId: '1', taskName: '现场检查并制作笔录', caseRef: 'JC-1', partyName: '某公司', variables: { findings: '整洁' }, attachments },
      owner,
      now,
      () => `uuid-${(ids += 1)}`,
    );
  };

  beforeEach(() => {
    store = new MemoryStore();
    server = new FakeServer();
    now = new Date('2026-12-01T08:00:00Z');
    ids = 0;
    changes = 0;
    signedIn = officerA;
    engine = new SyncEngine({ store, transport: server, signedIn: () => signedIn, now: () => now, random: () => 0, policy: { baseMs: 1000, maxMs: 60_000, jitter: 0 }, onChange: () => (changes += 1) });
  });


  it('uploads every blob, completes the task with the evidence ids and the submissionId, then forgets the submission', async () => {
    // given
    const item = submission('7');
    await store.put(item);

    // when
    const report = await engine.sync();

    // then
    expect(report).to.deep.include({ synced: [item.submissionId], offline: false, attention: 0 });
    expect(server.uploads).to.equal(3);
    expect(server.completions.get(item.submissionId)).to.deep.equal({ taskId: '7', variables: { findings: '整洁', photos: [100, 101], partySignature: 102 } });
    expect(store.items.size).to.equal(0);
    expect(changes).to.be.greaterThan(3);
  });


  it('keeps the ids of the blobs already uploaded when the network drops mid-way, and sends nothing twice after', async () => {
    // given
    const item = submission('7');
    await store.put(item);
    server.uploadFailures = [null, { status: 0 }];

    // when
    const first = await engine.sync();

    // then
    expect(first.offline).to.equal(true);
    const kept = store.items.get(item.submissionId)!;
    expect(kept.state).to.equal('retrying');
    expect(kept.attempts).to.equal(1);
    expect(kept.nextAttemptAt).to.equal('2026-12-01T08:00:01.000Z');
    expect(kept.attachments.map((a) => a.evidenceId)).to.deep.equal([100, null, null]);

    // when the phone is back online
    const second = await engine.sync({ force: true });

    // then
    expect(second.synced).to.deep.equal([item.submissionId]);
    expect(server.evidence.size).to.equal(3);
    expect(server.uploads).to.equal(4);
    expect(server.completions.size).to.equal(1);
  });


  it('completes once when the answer to the completion is lost and the same submission is sent again', async () => {
    // given
    const item = submission('7', 1);
    await store.put(item);
    server.loseCompleteAnswer = true;

    // when
    await engine.sync();
    await engine.sync({ force: true });

    // then
    expect(server.completeCalls).to.equal(2);
    expect(server.completions.size).to.equal(1);
    expect(server.evidence.size).to.equal(2);
    expect(server.uploads).to.equal(2);
    expect(store.items.size).to.equal(0);
  });


  it('waits for the backoff unless forced, and doubles it after each failure', async () => {
    // given
    const item = submission('7', 0);
    await store.put(item);
    server.completeFailures = [{ status: 503 }, { status: 503 }];

    // when
    await engine.sync();
    now = new Date(now.getTime() + 500);
    const early = await engine.sync();

    // then
    expect(early.retrying).to.equal(1);
    expect(server.completeCalls).to.equal(1);

    // when
    now = new Date(now.getTime() + 600);
    await engine.sync();

    // then
    expect(server.completeCalls).to.equal(2);
    expect(store.items.get(item.submissionId)).to.deep.include({ attempts: 2, nextAttemptAt: '2026-12-01T08:00:03.100Z' });

    // when forced (online event, 立即同步)
    await engine.sync({ force: true });

    // then
    expect(store.items.size).to.equal(0);
  });


  it('keeps a submission the server refuses for the officer, with the error, and goes on with the next one', async () => {
    // given
    const refused = submission('7', 1);
    const next = submission('8', 1);
    next.createdAt = '2026-12-01T08:01:00.000Z';
    await store.put(refused);
    await store.put(next);
    server.completeFailures = [{ status: 400, message: 'Request validation failed' }];

    // when
    const report = await engine.sync();
    const again = await engine.sync({ force: true });

    // then
    expect(report).to.deep.include({ synced: [next.submissionId], attention: 1 });
    expect(again).to.deep.include({ synced: [], attention: 1 });
    const kept = store.items.get(refused.submissionId)!;
    expect(kept.state).to.equal('attention');
    expect(kept.lastError).to.deep.equal({ status: 400, message: 'Request validation failed', details: ['/body/variables/findings: must have required property'] });
    expect(server.completeCalls).to.equal(2);

    // when the officer asks for another try
    await engine.retry(refused.submissionId);
    await engine.sync();

    // then
    expect(store.items.size).to.equal(0);
    expect(server.completions.size).to.equal(2);
  });


  it('stops the pass and keeps everything when the session has ended', async () => {
    // given
    await store.put(submission('7', 1));
    const second = submission('8', 1);
    second.createdAt = '2026-12-01T08:01:00.000Z';
    await store.put(second);
    server.uploadFailures = [{ status: 401 }];

    // when
    const report = await engine.sync();

    // then
    expect(report.signedOut).to.equal(true);
    expect(server.uploads).to.equal(1);
    expect(store.items.size).to.equal(2);
    expect(store.items.get(second.submissionId)!.state).to.equal('queued');
  });


  it('runs one pass at a time: a call during a pass joins it instead of sending again', async () => {
    // given
    await store.put(submission('7', 1));

    // when
    const [a, b] = await Promise.all([engine.sync(), engine.sync()]);

    // then
    expect(a).to.equal(b);
    expect(server.uploads).to.equal(2);
    expect(server.completeCalls).to.equal(1);
  });


  it('sends again a submission left "syncing" by a pass that was cut off (tab closed)', async () => {
    // given
    const item = { ...submission('7', 1), state: 'syncing' as const };
    item.attachments[0]!.evidenceId = 100;
    server.evidence.set(item.attachments[0]!.clientId, 100);
    await store.put(item);

    // when
    await engine.sync();

    // then
    expect(server.uploads).to.equal(1);
    expect(server.completions.get(item.submissionId)!.variables).to.deep.equal({ findings: '整洁', photos: [100], partySignature: 101 });
  });


  it('discards only submissions that need attention', async () => {
    // given
    const item = submission('7', 0);
    await store.put(item);

    // then
    await engine.discard(item.submissionId).then(
      () => expect.fail('expected a refusal'),
      (error: Error) => expect(error.message).to.match(/Expected submission .* to need attention/),
    );

    // when
    await store.put({ ...item, state: 'attention' });
    await engine.discard(item.submissionId);

    // then
    expect(store.items.size).to.equal(0);
  });


  it('sends nothing of an officer’s records while another officer is signed in, and sends them when they sign in again', async () => {
    // given: officer A kept a record on the phone; officer B signs in on it
    const item = submission('7');
    await store.put(item);
    signedIn = officerB;

    // when
    const report = await engine.sync({ force: true });

    // then: the server sees no request, and the record waits unchanged
    expect(report).to.deep.include({ synced: [], waiting: 1, attention: 0, retrying: 0 });
    expect(server.uploads).to.equal(0);
    expect(server.completeCalls).to.equal(0);
    expect(store.items.get(item.submissionId)).to.deep.equal(item);

    // when no one is signed in
    signedIn = null;
    await engine.sync({ force: true });

    // then
    expect(server.uploads + server.completeCalls).to.equal(0);

    // when officer A signs in again
    signedIn = officerA;
    const again = await engine.sync();

    // then
    expect(again.synced).to.deep.equal([item.submissionId]);
    expect(server.completions.size).to.equal(1);
    expect(store.items.size).to.equal(0);
  });


  it('sends the signed-in officer’s records and leaves the others’ on the phone', async () => {
    // given
    const ofA = submission('7', 1);
    const ofB = submission('8', 1, officerB);
    ofB.createdAt = '2026-12-01T08:01:00.000Z';
    await store.put(ofA);
    await store.put(ofB);
    signedIn = officerB;

    // when
    const report = await engine.sync();

    // then
    expect(report).to.deep.include({ synced: [ofB.submissionId], waiting: 1 });
    expect([...server.completions.keys()]).to.deep.equal([ofB.submissionId]);
    expect([...store.items.keys()]).to.deep.equal([ofA.submissionId]);
  });


  it('stops sending a record when another officer signs in while it is being sent', async () => {
    // given: officer A's record with two photos and a signature; B signs in after the first upload arrived
    const item = submission('7');
    await store.put(item);
    server.onUpload = () => {
      signedIn = officerB;
    };

    // when
    const report = await engine.sync();

    // then: nothing more is sent under B's session; the uploaded photo's id is kept for A
    expect(report).to.deep.include({ synced: [], waiting: 1 });
    expect(server.uploads).to.equal(1);
    expect(server.completeCalls).to.equal(0);
    const kept = store.items.get(item.submissionId)!;
    expect(kept.state).to.equal('queued');
    expect(kept.attachments.map((a) => a.evidenceId)).to.deep.equal([100, null, null]);

    // when A signs in again
    server.onUpload = () => undefined;
    signedIn = officerA;
    await engine.sync();

    // then
    expect(server.uploads).to.equal(3);
    expect(server.completions.get(item.submissionId)!.variables).to.deep.equal({ findings: '整洁', photos: [100, 101], partySignature: 102 });
  });


  it('lets no other officer retry or discard a record, even one that needs attention', async () => {
    // given: A's record refused by the server
    const item = { ...submission('7', 0), state: 'attention' as const, lastError: { status: 403, message: 'Forbidden', details: [] } };
    await store.put(item);
    signedIn = officerB;

    // when B tries to discard it, then to retry it
    const refusals: unknown[] = [];
    await engine.discard(item.submissionId).catch((error: unknown) => refusals.push(error));
    await engine.retry(item.submissionId).catch((error: unknown) => refusals.push(error));

    // then
    expect(refusals).to.have.length(2);
    expect(refusals[0]).to.be.instanceOf(SubmissionOwnerError);
    expect((refusals[0] as Error).message).to.match(/to be discarded by the officer who saved it \('11'\), but '12' is signed in/);
    expect((refusals[1] as Error).message).to.match(/to be retried by the officer who saved it/);
    expect(store.items.get(item.submissionId)).to.deep.equal(item);

    // when no one is signed in
    signedIn = null;

    // then
    await engine.discard(item.submissionId).then(
      () => expect.fail('expected a refusal'),
      (error: Error) => expect(error.message).to.match(/Expected someone to be signed in to discard/),
    );

    // when A does
    signedIn = officerA;
    await engine.discard(item.submissionId);

    // then
    expect(store.items.size).to.equal(0);
  });


  it('sends no record saved without an owner (an older version): it needs attention until an officer retries it as theirs', async () => {
    // given: a record from before owners were recorded
    const { owner: _owner, ...legacy } = submission('7', 1);
    await store.put(legacy);

    // when
    const report = await engine.sync({ force: true });

    // then
    expect(report).to.deep.include({ synced: [], attention: 1, waiting: 0 });
    expect(server.uploads + server.completeCalls).to.equal(0);
    expect(store.items.get(legacy.submissionId)).to.deep.include({ state: 'attention', lastError: null });
    expect(store.items.get(legacy.submissionId)).to.not.have.property('owner');

    // when officer B checks it and taps 重试
    signedIn = officerB;
    await engine.retry(legacy.submissionId);

    // then it is B's, and sent with B's session
    expect(store.items.get(legacy.submissionId)!.owner).to.deep.equal(officerB);
    const sent = await engine.sync();
    expect(sent.synced).to.deep.equal([legacy.submissionId]);
  });
});
