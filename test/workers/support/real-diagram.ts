/**
 * One element of a real diagram of processes/, as the workers see it: its task definition, headers and input/output
 * mappings exactly as the procedure configures them, with its error boundary event, in a small process of its own:
 *
 *   start → <the element> → allowed (end)
 *              └─ <its error boundary, same id and error code> → refused (end)
 *
 * so a worker test runs the job the procedure would run and shows which way the procedure goes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { definitions, flows, process } from '../../engine/support/bpmn-xml.js';

const PROCESSES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'processes');

export interface RealElement {
  /** The small process around the element (its id is `processId`). */
  xml: string;
  /** The id of the error boundary event on the element, when it has one. */
  boundaryId: string | null;
  /** The BPMN error code that boundary catches. */
  errorCode: string | null;
}

export function realElement(file: string, elementId: string, processId: string): RealElement {
  const diagram = readFileSync(path.join(PROCESSES, file), 'utf8');
  const element = new RegExp(`<bpmn:(serviceTask|intermediateThrowEvent) id="${elementId}"[\\s\\S]*?</bpmn:\\1>`).exec(diagram)?.[0];
  if (!element) throw new Error(`Expected ${file} to have a service task or throw event '${elementId}', but it has none`);
  const own = element.replace(/\s*<bpmn:(incoming|outgoing)>[^<]*<\/bpmn:\1>/g, '');
  const boundary = new RegExp(`<bpmn:boundaryEvent id="([^"]+)"[^>]*attachedToRef="${elementId}"[^>]*>[\\s\\S]*?errorRef="([^"]+)"[\\s\\S]*?</bpmn:boundaryEvent>`).exec(diagram);
  if (!boundary) {
    return { xml: definitions(process(processId, `<bpmn:startEvent id="start" />${own}<bpmn:endEvent id="allowed" />${flows('start', elementId, 'allowed')}`)), boundaryId: null, errorCode: null };
  }
  const [, boundaryId, errorRef] = boundary;
  const errorCode = new RegExp(`<bpmn:error id="${errorRef}"[^>]*errorCode="([^"]+)"`).exec(diagram)?.[1];
  if (!errorCode) throw new Error(`Expected ${file} to define the error '${errorRef}', but it does not`);
  const body = `<bpmn:startEvent id="start" />${own}
    <bpmn:boundaryEvent id="${boundaryId}" attachedToRef="${elementId}"><bpmn:errorEventDefinition errorRef="${errorRef}" /></bpmn:boundaryEvent>
    <bpmn:endEvent id="allowed" /><bpmn:endEvent id="refused" />
    ${flows('start', elementId, 'allowed')}${flows(boundaryId!, 'refused')}`;
  return { xml: definitions(`<bpmn:error id="${errorRef}" errorCode="${errorCode}" />`, process(processId, body)), boundaryId: boundaryId!, errorCode };
}
