import { expect } from 'chai';
import { buildProcessModels } from '../../../../engine/model/build-process-model.js';
import { readDefinitions } from '../../../../engine/model/read-definitions.js';

/** The call activity 'call' of a one-element process with the given zeebe:calledElement attributes (none: no element). */
async function build(calledElement: string | null) {
  const extension = calledElement === null ? '' : `<bpmn:extensionElements><zeebe:calledElement ${calledElement} /></bpmn:extensionElements>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="caller" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:callActivity id="call">${extension}</bpmn:callActivity>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
  </bpmn:process>
</bpmn:definitions>`;
  const problems: string[] = [];
  const [model] = buildProcessModels(await readDefinitions(xml, 'caller.bpmn'), problems);
  return { problems, call: model!.elements.get('call')! };
}

describe('call activity model (zeebe:calledElement)', () => {
  it('reads a static process id; both propagation flags default to true, as in Zeebe', async () => {
    const { problems, call } = await build('processId="shipping"');
    expect(problems).to.deep.equal([]);
    expect(call.type).to.equal('CALL_ACTIVITY');
    expect(call.calledElement!.processId).to.include({ isStatic: true, source: 'shipping' });
    expect(call.calledElement).to.include({ propagateAllChildVariables: true, propagateAllParentVariables: true });
  });

  it('reads a FEEL process id and the flags set to false', async () => {
    const { problems, call } = await build('processId="=&quot;shipping-&quot; + region" propagateAllChildVariables="false" propagateAllParentVariables="false"');
    expect(problems).to.deep.equal([]);
    expect(call.calledElement!.processId.isStatic).to.equal(false);
    expect(call.calledElement!.processId.evaluate({ region: 'north' })).to.equal('shipping-north');
    expect(call.calledElement).to.include({ propagateAllChildVariables: false, propagateAllParentVariables: false });
  });

  it('refuses a call activity without a process id, naming the element', async () => {
    for (const calledElement of [null, '', 'processId=""', 'processId="="']) {
      const { problems } = await build(calledElement);
      expect(problems, String(calledElement)).to.have.length(1);
      expect(problems[0]).to.match(/^Element 'call': expected .*zeebe:calledElement/);
    }
  });

  it('refuses a process id that is not a valid FEEL expression', async () => {
    const { problems } = await build('processId="=&quot;unclosed"');
    expect(problems).to.have.length(1);
    expect(problems[0]).to.contain("Element 'call'").and.to.contain('processId');
  });
});
