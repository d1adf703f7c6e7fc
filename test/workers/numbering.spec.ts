import { expect } from 'chai';
import { incident } from '../../engine-workers/outcome.js';
import { completed, newJob, useWorkerHarness } from './support/worker-harness.js';

interface AssignedNumber {
  sequence: number;
  number: string;
  year: number;
}

describe('workers: assign-number (文号)', function () {
  const h = useWorkerHarness('assign-number');
  const march = new Date('2026-03-02T10:00:00+08:00');
  const assign = async (variables: Record<string, unknown>, now = march) => completed(await h.run(newJob('assign-number'), variables, now)).documentNumber as AssignedNumber;


  it('gives 50 concurrent jobs the numbers 1 to 50, with no gap and no duplicate', async function () {
    this.timeout(60_000);
    // when: 50 jobs of one body, year and kind at once (over a pool of 10 connections)
    const numbers = await Promise.all(Array.from({ length: 50 }, () => assign({ bodyId: h.bodies.city, kind: 'penalty-decision' })));

    // then
    expect(numbers.map((n) => n.sequence).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(numbers.map((n) => n.number)).size).to.equal(50);
    expect(numbers.map((n) => n.number)).to.include('明城管罚决〔2026〕1号').and.include('明城管罚决〔2026〕50号');
    const [row] = await h.db('app.document_number_sequences').where({ body_id: h.bodies.city, year: 2026, kind: 'penalty-decision' });
    expect(row.last_value).to.equal(50);
  });


  it('gives its number back when the job rolls back', async () => {
    // given: a job that takes a number and then fails for good (an incident rolls its transaction back)
    const failed = await h.store.run(newJob('assign-number'), async (ports) => {
      await ports.numbers.next(h.bodies.city, 2026, 'penalty-advance-notice');
      return incident('the officer has to look at it');
    });
    expect(failed.kind).to.equal('incident');

    // when
    const next = await assign({ bodyId: h.bodies.city, kind: 'penalty-advance-notice' });

    // then
    expect(next).to.include({ sequence: 1, number: '明城管罚告〔2026〕1号' });
  });


  it('counts per body, per kind and per year', async () => {
    expect(await assign({ bodyId: h.bodies.county, kind: 'penalty-decision' })).to.include({ sequence: 1, number: '三元区城市管理局罚决〔2026〕1号' });
    expect(await assign({ bodyId: h.bodies.city, kind: 'seizure-decision' })).to.include({ sequence: 1, number: '明城管强制〔2026〕1号' });
    // 00:30 on New Year's Day in China is still 31 December in UTC: the new year starts at 1
    expect(await assign({ bodyId: h.bodies.city, kind: 'penalty-decision' }, new Date('2026-12-31T16:30:00Z'))).to.include({ year: 2027, sequence: 1, number: '明城管罚决〔2027〕1号' });
    expect(await assign({ bodyId: h.bodies.city, kind: 'penalty-decision' })).to.include({ year: 2026, sequence: 51 });
  });


  it('raises an incident naming the variable for a body that does not exist', async () => {
    const outcome = await h.run(newJob('assign-number'), { bodyId: 424242, kind: 'penalty-decision' }, march);
    expect(outcome).to.deep.include({ kind: 'incident' });
    expect((outcome as { message: string }).message).to.include("variable 'bodyId'");
  });
});
