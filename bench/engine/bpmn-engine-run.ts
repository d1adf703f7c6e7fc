/** The same 3-service-task process on bpmn-engine (in memory, no persistence): completed instances per second. */
import { Engine } from 'bpmn-engine';
import { BpmnModdle } from 'bpmn-moddle';

const SOURCE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="bench">
<bpmn:process id="three-tasks" isExecutable="true">
<bpmn:startEvent id="start" />
<bpmn:serviceTask id="step-1" implementation="\${environment.services.work}" />
<bpmn:serviceTask id="step-2" implementation="\${environment.services.work}" />
<bpmn:serviceTask id="step-3" implementation="\${environment.services.work}" />
<bpmn:endEvent id="end" />
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="step-1" />
<bpmn:sequenceFlow id="f2" sourceRef="step-1" targetRef="step-2" />
<bpmn:sequenceFlow id="f3" sourceRef="step-2" targetRef="step-3" />
<bpmn:sequenceFlow id="f4" sourceRef="step-3" targetRef="end" />
</bpmn:process></bpmn:definitions>`;

export async function runBpmnEngine(instances: number, concurrency: number): Promise<{ instancesPerSecond: number; jobsPerSecond: number; elapsedMs: number }> {
  let tasks = 0;
  // the service answers asynchronously, like a worker would
  const services = { work: (_ctx: unknown, callback: (error: null, result: unknown) => void) => setImmediate(() => { tasks++; callback(null, { done: true }); }) };
  // parsed once, as our engine parses once per deployed definition
  const moddleContext = await new BpmnModdle().fromXML(SOURCE);
  const runOne = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const engine = new Engine({ name: `bench-${i}`, moddleContext, services } as never);
      engine.once('end', () => resolve());
      engine.once('error', reject);
      engine.execute({ variables: { i } }).catch(reject);
    });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < instances) await runOne(next++);
    }),
  );
  const elapsedMs = performance.now() - started;
  return { instancesPerSecond: (instances / elapsedMs) * 1000, jobsPerSecond: (tasks / elapsedMs) * 1000, elapsedMs };
}
