import { expect } from 'chai';
import { decide, parseVariables, perform, type SendElectronicDocumentInput } from '../../../../engine-workers/jobs/send-electronic-document.js';
import type { NewElectronicDelivery } from '../../../../engine-workers/ports/electronic-deliveries.js';
import type { JobPorts } from '../../../../engine-workers/ports/job-ports.js';

const now = new Date('2026-03-02T02:00:00Z'); // 10:00 in China
const job = { key: '42', type: 'send-electronic-document', processInstanceKey: '7', bpmnProcessId: 'service-of-documents', elementId: 'send-electronic-document', retries: 3 };

function input(variables: Record<string, unknown>): SendElectronicDocumentInput {
  const parsed = parseVariables(variables);
  if (!parsed.ok) throw new Error(parsed.outcome.message);
  return parsed.input;
}

describe('engine-workers: send-electronic-document (电子送达, 民诉法 Art 90, 处罚法 Art 61)', () => {
  const consent = { confirmedAt: '2026-02-27T16:00:00+08:00', reference: '电子送达确认书-001' };
  const agreed = { consented: true, confirmationSigned: true, consent, address: 'mzt://350402199001011234' };
  const base = { address: 'mzt://350402199001011234', document: { pdf: { id: '12' }, docx: { id: '13' } } };
  const cases: Array<{ name: string; electronicService: unknown; refused?: string }> = [
    { name: 'consent with the signed confirmation', electronicService: agreed },
    { name: 'no electronic service settings of the party', electronicService: null, refused: 'no consent of the party is recorded' },
    { name: 'a party who refused', electronicService: { ...agreed, consented: false }, refused: 'no consent of the party is recorded' },
    { name: 'consent without the signed confirmation', electronicService: { ...agreed, confirmationSigned: false }, refused: 'has not signed the confirmation' },
    { name: 'a confirmation without its reference', electronicService: { ...agreed, consent: { confirmedAt: consent.confirmedAt } }, refused: 'is not on record' },
    { name: 'a confirmation dated in the future', electronicService: { ...agreed, consent: { ...consent, confirmedAt: '2026-03-03T09:00:00+08:00' } }, refused: 'has not come yet' },
  ];
  for (const c of cases) {
    it(`${c.refused ? 'refuses' : 'sends'} electronic service with ${c.name}`, () => {
      // when
      const outcome = decide(input({ ...base, electronicService: c.electronicService }), now);

      // then
      if (!c.refused) {
        expect(outcome).to.deep.equal({ kind: 'proceed', plan: { requestedAt: '2026-03-02T10:00:00.000+08:00', consent } });
        return;
      }
      expect(outcome).to.deep.include({ kind: 'bpmn-error', code: 'ELECTRONIC_SERVICE_NOT_CONSENTED' });
      expect((outcome as { message: string }).message).to.include(c.refused).and.include('《行政处罚法》第六十一条');
    });
  }


  it("reads the party's consent and the document as the process has them when they are not mapped", () => {
    expect(input({ address: base.address, document: base.document, party: { name: '王某某', electronicService: agreed } })).to.deep.include({ documentId: '12', electronicService: agreed });
  });


  it('raises an incident that names a missing address', () => {
    const parsed = parseVariables({ document: base.document, electronicService: agreed });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'address' is missing");
  });


  it('records the sending in the outbox with the correlation key of the arrival message', async () => {
    // given
    const queued: NewElectronicDelivery[] = [];
    const ports = {
      documents: { find: async (id: string) => ({ id, caseRef: 'C-1' }) },
      electronicDeliveries: { enqueue: async (d: NewElectronicDelivery) => (queued.push(d), { id: '5' }) },
    } as unknown as JobPorts;
    const i = input({ ...base, electronicService: agreed, correlationKey: 'C-1:penalty-advance-notice' });
    const decision = decide(i, now);
    if (decision.kind !== 'proceed') throw new Error('Expected to proceed');

    // when
    const outcome = await perform(i, decision.plan, ports, job);

    // then
    expect(outcome).to.deep.equal({
      kind: 'complete',
      variables: { electronicDelivery: { id: '5', documentId: '12', address: base.address, requestedAt: '2026-03-02T10:00:00.000+08:00', correlationKey: 'C-1:penalty-advance-notice' } },
    });
    expect(queued).to.deep.equal([{ documentId: '12', processInstanceKey: '7', caseRef: 'C-1', address: base.address, consent, correlationKey: 'C-1:penalty-advance-notice', requestedAt: '2026-03-02T10:00:00.000+08:00', jobKey: '42' }]);
  });


  it('raises an incident for a document that does not exist', async () => {
    const ports = { documents: { find: async () => undefined } } as unknown as JobPorts;
    const i = input({ ...base, electronicService: agreed });
    const decision = decide(i, now);
    if (decision.kind !== 'proceed') throw new Error('Expected to proceed');
    expect(await perform(i, decision.plan, ports, job)).to.deep.include({ kind: 'incident' });
  });
});
