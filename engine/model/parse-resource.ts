/** A deployment resource (name + bytes) → what the deployer stores: BPMN processes, a DMN decision requirements graph or a form. Pure apart from parsing. */
import { createHash } from 'node:crypto';
import { parseDmn } from '../dmn/parse-dmn.js';
import type { DecisionRequirementsGraph } from '../dmn/dmn-model.js';
import { InvalidResourceError } from '../errors.js';
import { buildProcessModels } from './build-process-model.js';
import type { ProcessModel } from './process-model.js';
import { readDefinitions } from './read-definitions.js';

export type ParsedResource =
  | { kind: 'bpmn'; name: string; checksum: string; xml: string; models: ProcessModel[] }
  | { kind: 'dmn'; name: string; checksum: string; xml: string; graph: DecisionRequirementsGraph }
  | { kind: 'form'; name: string; checksum: string; content: string; formId: string };

export async function parseResource(name: string, content: Uint8Array, maxBytes: number): Promise<ParsedResource> {
  if (content.byteLength === 0) throw new InvalidResourceError(`Expected to deploy resource '${name}', but it is empty`);
  if (content.byteLength > maxBytes) {
    throw new InvalidResourceError(`Expected resource '${name}' to be at most ${maxBytes} bytes, but it has ${content.byteLength} bytes`);
  }
  const text = Buffer.from(content).toString('utf8');
  const checksum = createHash('sha256').update(content).digest('hex');
  const lower = name.toLowerCase();
  if (lower.endsWith('.form')) return { kind: 'form', name, checksum, content: text, formId: formIdOf(name, text) };
  if (lower.endsWith('.dmn')) {
    const parsed = await parseDmn(text);
    if (!parsed.ok) {
      const problems = parsed.problems.map((p) => `Element '${p.elementId}': ${p.message}`);
      throw new InvalidResourceError(`Expected to deploy decisions from '${name}', but it is invalid: ${problems.join('; ')}`);
    }
    return { kind: 'dmn', name, checksum, xml: text, graph: parsed.graph };
  }
  if (lower.endsWith('.bpmn') || lower.endsWith('.xml') || /^\s*(<\?xml[^>]*>\s*)?<([\w-]+:)?definitions\b/.test(text)) {
    const definitions = await readDefinitions(text, name);
    const problems: string[] = [];
    const models = buildProcessModels(definitions, problems);
    if (problems.length > 0) throw new InvalidResourceError(`Expected to deploy process definitions from '${name}', but it is invalid: ${problems.join('; ')}`);
    return { kind: 'bpmn', name, checksum, xml: text, models };
  }
  throw new InvalidResourceError(`Expected to deploy a resource of type BPMN (.bpmn), DMN (.dmn) or form (.form), but '${name}' is none of these`);
}

function formIdOf(name: string, text: string): string {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw new InvalidResourceError(`Expected form '${name}' to be form-js JSON, but it does not parse: ${(error as Error).message}`);
  }
  const id = (schema as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || id.trim() === '') throw new InvalidResourceError(`Expected form '${name}' to have a non-empty 'id', but it has none`);
  return id;
}
