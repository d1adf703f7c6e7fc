import { expect } from 'chai';
import { classifyFailure, retryDelayMs } from '../../../web/mobile/offline/retry-policy.js';
import { countSubmissions, createSubmission, resolveVariables } from '../../../web/mobile/offline/submission.js';

describe('mobile offline: retry policy and submissions', () => {
  it('retries when there was no answer, on timeouts, throttling and server errors', () => {
    for (const status of [0, 408, 429, 500, 502, 503]) expect(classifyFailure(status), String(status)).to.equal('retry');
  });


  it('asks the officer when the server refuses the submission, and waits for a new sign-in on 401', () => {
    for (const status of [400, 403, 404, 409, 413, 415, 422]) expect(classifyFailure(status), String(status)).to.equal('attention');
    expect(classifyFailure(401)).to.equal('signed-out');
  });


  it('doubles the delay per failure up to the cap, with bounded jitter', () => {
    const policy = { baseMs: 1000, maxMs: 10_000, jitter: 0.5 };
    expect([1, 2, 3, 4, 5, 40].map((n) => retryDelayMs(n, 1, policy))).to.deep.equal([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(retryDelayMs(3, 0, policy)).to.equal(2000);
    expect(retryDelayMs(3, 0.5, policy)).to.equal(3000);
  });


  it('gives a new submission its own ids and fills the evidence fields in the order taken', () => {
    // given
    let n = 0;
    const blob = new Blob(['x']);
    const base = { blob, mediaType: 'image/jpeg', fileName: 'a.jpg', title: '现场照片', capturedAt: '2026-12-01T08:00:00.000Z', location: null };
    const submission = createSubmission(
      {
        taskId: '7', caseId: '3', taskName: '现场检查', caseRef: 'JC-1', partyName: '某公司',
        variables: { findings: '正常' },
        attachments: [
          { ...base, kind: 'photo', field: 'photos', multiple: true },
          { ...base, kind: 'photo', field: 'photos', multiple: true },
          { ...base, kind: 'signature', field: 'partySignature', multiple: false, mediaType: 'image/png' },
        ],
      },
      { userId: '5', displayName: '赵执法' },
      new Date('2026-12-01T08:00:00Z'),
      () => `id-${(n += 1)}`,
    );

    // then
    expect(submission.submissionId).to.equal('id-1');
    expect(submission.attachments.map((a) => a.clientId)).to.deep.equal(['id-2', 'id-3', 'id-4']);
    expect(submission.state).to.equal('queued');
    expect(submission.owner).to.deep.equal({ userId: '5', displayName: '赵执法' });
    expect(() => resolveVariables(submission)).to.throw(/Expected attachment 'id-2' to be uploaded/);
    expect(countSubmissions([submission], '5')).to.deep.equal({ total: 1, attachments: 3, pendingAttachments: 3, attention: 0, waiting: 0 });
    expect(countSubmissions([submission], '6'), 'another officer signed in').to.deep.include({ total: 1, waiting: 1 });

    // when
    submission.attachments.forEach((a, i) => (a.evidenceId = 10 + i));

    // then
    expect(resolveVariables(submission)).to.deep.equal({ findings: '正常', photos: [10, 11], partySignature: 12 });
    expect(submission.variables).to.deep.equal({ findings: '正常' });
  });
});
