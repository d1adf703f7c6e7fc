import { expect } from 'chai';
import { fixture, useEngine } from './support/engine-harness.js';
import { expectGrpcError } from './support/expect-grpc.js';


describe('deployment (DeployResource, DeployProcess)', () => {
  const h = useEngine('deploy');

  it('deploys a BPMN process as version 1 with a partition-1 key', async () => {
    // when
    const res = await h.client.deployResource({ name: 'one-task.bpmn', process: await fixture('one-task.bpmn') });
    // then
    const process = res.deployments[0]!.process;
    expect(process.bpmnProcessId).to.equal('one-task');
    expect(process.version).to.equal(1);
    expect(process.resourceName).to.equal('one-task.bpmn');
    expect(BigInt(process.processDefinitionKey) >> 51n).to.equal(1n);
    expect(BigInt(res.key) >> 51n).to.equal(1n);
  });

  it('returns the existing version for an identical re-deploy and a new version for a changed one', async () => {
    const xml = await fixture('two-versions.bpmn');
    const first = await h.client.deployResource({ name: 'v.bpmn', process: xml });
    const again = await h.client.deployResource({ name: 'v.bpmn', process: xml });
    expect(again.deployments[0]!.process.version).to.equal(first.deployments[0]!.process.version);
    expect(again.deployments[0]!.process.processDefinitionKey).to.equal(first.deployments[0]!.process.processDefinitionKey);
    const changed = Buffer.from(xml.toString('utf8').replace('<bpmn:endEvent id="end" />', '<bpmn:endEvent id="end" name="done" />'));
    const second = await h.client.deployResource({ name: 'v.bpmn', process: changed });
    expect(second.deployments[0]!.process.version).to.equal(first.deployments[0]!.process.version + 1);
  });

  it('deploys through the deprecated DeployProcess', async () => {
    const res = await h.client.deployProcess({ definition: await fixture('three-tasks.bpmn'), name: 'three-tasks.bpmn' } as never);
    expect(res.processes[0]!.bpmnProcessId).to.equal('three-tasks');
  });

  it('stores a form and returns its metadata', async () => {
    const res = await h.deployMany([{ name: 'approve.form', content: await fixture('approve.form') }]);
    expect(res.deployments[0]!.form).to.include({ formId: 'approve-form', version: 1 });
    expect(res.deployments[0]!.form!.formKey).to.match(/^\d+$/);
  });

  it('is atomic: a deployment with one bad resource deploys nothing', async () => {
    const good = Buffer.from((await fixture('one-task.bpmn')).toString('utf8').replace(/one-task/g, 'atomic-good'));
    await expectGrpcError(h.deployMany([{ name: 'good.bpmn', content: good }, { name: 'bad.bpmn', content: await fixture('invalid/empty-job-type.bpmn') }]), '3 INVALID_ARGUMENT:', 'no-type');
    const rows = await h.database.db.raw("select count(*) as n from engine.process_definitions where bpmn_process_id = 'atomic-good'");
    expect(Number(rows.rows[0].n)).to.equal(0);
  });

  const invalid: Array<[string, string, string[]]> = [
    ['an empty job type', 'invalid/empty-job-type.bpmn', ["Element 'no-type'", 'job type', 'empty']],
    ['a missing job type', 'invalid/missing-job-type.bpmn', ["Element 'untyped'", 'missing']],
    ['an unsupported element', 'invalid/unsupported-element.bpmn', ["Element 'complex'", 'bpmn:ComplexGateway', 'not supported']],
    ['a gateway without outgoing flows', 'invalid/gateway-without-outgoing.bpmn', ["Element 'dead-end'", 'outgoing']],
    ['an expression that does not parse', 'invalid/bad-expression.bpmn', ["Element 'c1'", '=amount >']],
    ['broken XML', 'invalid/broken-xml.bpmn', ['could not be parsed']],
    ['entity expansion', 'invalid/entity-expansion.bpmn', ['DTD']],
  ];
  for (const [what, file, fragments] of invalid) {
    it(`rejects ${what} with 3 INVALID_ARGUMENT naming the problem`, async () => {
      await expectGrpcError(h.client.deployResource({ name: file, process: await fixture(file) }), '3 INVALID_ARGUMENT:', ...fragments);
    });
  }

  it('refuses an oversized resource with 3 (not 8, which zeebe-node would retry forever)', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 32);
    await expectGrpcError(h.client.deployResource({ name: 'big.bpmn', process: big }), '3 INVALID_ARGUMENT:', 'at most');
  });

  it('rejects a deployment without resources and unknown resource types with 3', async () => {
    await expectGrpcError(h.deployMany([]), '3 INVALID_ARGUMENT:', 'at least one resource');
    await expectGrpcError(h.deployMany([{ name: 'x.txt', content: Buffer.from('hello') }]), '3 INVALID_ARGUMENT:', 'x.txt');
  });
});
