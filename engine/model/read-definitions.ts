/** BPMN XML → bpmn-moddle definitions, refusing what must never reach the XML parser. */
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { InvalidResourceError } from '../errors.js';

const require = createRequire(import.meta.url);
const zeebeDescriptor = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;

/** A moddle element as we read it: typed by `$type`, other properties looked up by name. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

export async function readDefinitions(xml: string, resourceName: string): Promise<ModdleElement> {
  // Entity expansion (billion laughs, external entities) is refused outright: BPMN never needs a DTD.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new InvalidResourceError(`Expected '${resourceName}' to be BPMN XML without a DOCTYPE, but it declares a DTD or entities, which are refused`);
  }
  const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });
  let result: { rootElement: unknown; warnings: Array<{ message: string }> };
  try {
    result = (await moddle.fromXML(xml, 'bpmn:Definitions')) as unknown as typeof result;
  } catch (error) {
    throw new InvalidResourceError(`Expected '${resourceName}' to be valid BPMN XML, but it could not be parsed: ${firstLine((error as Error).message)}`);
  }
  if (result.warnings.length > 0) {
    const problems = result.warnings.map((w) => firstLine(w.message.replace(/\s+/g, ' '))).slice(0, 5);
    throw new InvalidResourceError(`Expected '${resourceName}' to be valid BPMN XML, but: ${problems.join('; ')}`);
  }
  return result.rootElement as ModdleElement;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
