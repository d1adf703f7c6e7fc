/**
 * Writes small BPMN documents for engine scenarios inline (no diagram interchange: the engine ignores it), so each
 * scenario shows the model it runs. `definitions(...)` wraps processes and root elements (messages, signals, errors).
 */
import type { EngineHarness } from './engine-harness.js';

export function definitions(...parts: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
${parts.join('\n')}
</bpmn:definitions>`;
}

export function process(id: string, body: string): string {
  return `<bpmn:process id="${id}" isExecutable="true">\n${body}\n</bpmn:process>`;
}

/** A sequence flow from → to (id flow_from_to unless given). */
export function flow(from: string, to: string, id = `flow_${from}_${to}`, condition?: string): string {
  const c = condition ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escape(condition)}</bpmn:conditionExpression>` : '';
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${c}</bpmn:sequenceFlow>`;
}

/** Flows along a path: flows('start', 'task', 'end'). */
export function flows(...ids: string[]): string {
  return ids.slice(1).map((to, i) => flow(ids[i]!, to)).join('\n');
}

export function serviceTask(id: string, type: string, extra = ''): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" />${extra}</bpmn:extensionElements></bpmn:serviceTask>`;
}

export function timerDefinition(kind: 'timeDate' | 'timeDuration' | 'timeCycle', value: string): string {
  return `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${escape(value)}</bpmn:${kind}></bpmn:timerEventDefinition>`;
}

export function message(id: string, name: string, correlationKey?: string): string {
  const sub = correlationKey ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${escape(correlationKey)}" /></bpmn:extensionElements>` : '';
  return `<bpmn:message id="${id}" name="${escape(name)}">${sub}</bpmn:message>`;
}

export function signal(id: string, name: string): string {
  return `<bpmn:signal id="${id}" name="${escape(name)}" />`;
}

export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Deploys one inline BPMN document; returns the deployment answer. */
export async function deployXml(h: EngineHarness, name: string, xml: string) {
  return h.deployMany([{ name, content: Buffer.from(xml) }]);
}
