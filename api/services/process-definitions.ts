/**
 * The diagrams of the procedures as the API reads them: the deployed XML of a process definition (the embedded
 * engine keeps it in engine.process_definitions; read by SQL, never through engine code) or, when the engine does not
 * have it (an external Zeebe), processes/<bpmnProcessId>.bpmn; and the names of their elements (task names, the
 * timeline, the step a case is at), parsed once per definition with bpmn-moddle and kept in memory.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';
import type { Db } from '../../db/connect.js';

export const PROCESSES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'processes');

interface ModdleNode {
  $type: string;
  id?: string;
  name?: string;
  rootElements?: ModdleNode[];
  flowElements?: ModdleNode[];
}

/** The XML of a deployed definition, or of processes/<id>.bpmn when the engine tables do not have it. */
export async function definitionXml(db: Db, processDefinitionKey: string | null, bpmnProcessId: string): Promise<{ xml: string; key: string | null }> {
  if (processDefinitionKey) {
    // with an external Zeebe the table does not exist
    const exists = await db.raw("select to_regclass('engine.process_definitions') as t");
    const row = exists.rows[0]?.t ? ((await db('engine.process_definitions').where({ key: processDefinitionKey }).first('xml')) as { xml: string } | undefined) : undefined;
    if (row) return { xml: row.xml, key: processDefinitionKey };
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(bpmnProcessId)) throw new Error(`Expected a process id, but got '${bpmnProcessId}'`);
  return { xml: await readFile(path.join(PROCESSES_DIR, `${bpmnProcessId}.bpmn`), 'utf8'), key: null };
}

async function namesOf(xml: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return names;
  const { rootElement } = (await new BpmnModdle().fromXML(xml, 'bpmn:Definitions')) as { rootElement: ModdleNode };
  const visit = (node: ModdleNode) => {
    if (node.id && node.name) names.set(node.id, node.name.replace(/\s+/g, ' ').trim());
    for (const child of [...(node.rootElements ?? []), ...(node.flowElements ?? [])]) visit(child);
  };
  visit(rootElement);
  return names;
}

// per database: definition keys are unique within one engine's database, not across databases (each test suite has
// its own, whose keys start from the same value)
const namesCaches = new WeakMap<Db, Map<string, Promise<Map<string, string>>>>();

/** Element id → name of every element of a definition (all processes of its resource, nested ones included). */
export function elementNames(db: Db, processDefinitionKey: string | null, bpmnProcessId: string): Promise<Map<string, string>> {
  let namesCache = namesCaches.get(db);
  if (!namesCache) namesCaches.set(db, (namesCache = new Map()));
  const cacheKey = processDefinitionKey ?? `file:${bpmnProcessId}`;
  let names = namesCache.get(cacheKey);
  if (!names) {
    names = definitionXml(db, processDefinitionKey, bpmnProcessId).then(({ xml }) => namesOf(xml));
    names.catch(() => namesCache.delete(cacheKey));
    namesCache.set(cacheKey, names);
  }
  return names;
}

/** The name of one element, or its id when the diagram cannot be read or has no name for it. */
export async function elementName(db: Db, processDefinitionKey: string | null, bpmnProcessId: string, elementId: string): Promise<string> {
  const names = await elementNames(db, processDefinitionKey, bpmnProcessId).catch(() => new Map<string, string>());
  return names.get(elementId) ?? elementId;
}
