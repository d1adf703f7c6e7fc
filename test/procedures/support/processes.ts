/**
 * The statutory procedures as deployment resources: every .bpmn, decisions/*.dmn and forms/*.form under processes/,
 * plus what the diagrams refer to (called processes, called decisions, forms), read statically from the XML.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROCESSES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'processes');

export interface Resource {
  name: string;
  content: Buffer;
}

function filesIn(folder: string, extension: string): string[] {
  return readdirSync(path.join(PROCESSES_DIR, folder))
    .filter((f) => f.endsWith(extension))
    .sort()
    .map((f) => path.join(folder, f));
}

export const BPMN_FILES = filesIn('.', '.bpmn');
export const DMN_FILES = filesIn('decisions', '.dmn');
export const FORM_FILES = filesIn('forms', '.form');

/** All resources, named by their path below processes/ (e.g. 'decisions/hearing-threshold.dmn'). */
export function processResources(): Resource[] {
  return [...BPMN_FILES, ...DMN_FILES, ...FORM_FILES].map((file) => ({ name: file.replace(/^\.\//, ''), content: readFileSync(path.join(PROCESSES_DIR, file)) }));
}

function read(file: string): string {
  return readFileSync(path.join(PROCESSES_DIR, file), 'utf8');
}

function matches(pattern: RegExp, files: string[]): string[] {
  return [...new Set(files.flatMap((f) => [...read(f).matchAll(pattern)].map((m) => m[1]!)))].sort();
}

/** Process ids: one executable process per file, named like the file (STYLE.md §7.4). */
export const processIdOf = (file: string): string => path.basename(file, '.bpmn');

/** Called processes, static called decisions and forms referenced by the diagrams. */
export const referencedProcesses = (): string[] => matches(/<zeebe:calledElement processId="([^"=][^"]*)"/g, BPMN_FILES);
export const referencedDecisions = (): string[] => matches(/<zeebe:calledDecision decisionId="([^"=][^"]*)"/g, BPMN_FILES);
export const referencedForms = (): string[] => matches(/<zeebe:formDefinition formId="([^"]+)"/g, BPMN_FILES);
export const formIdOf = (file: string): string => (JSON.parse(read(file)) as { id: string }).id;
export const decisionIdsOf = (file: string): string[] => [...read(file).matchAll(/<decision id="([^"]+)"/g)].map((m) => m[1]!);

/** The fields with a discretion benchmark: decisions/<field>-discretion.dmn, called as `=field + "-discretion"`. */
export const DISCRETION_FIELDS = DMN_FILES.map((f) => /^decisions\/(.+)-discretion\.dmn$/.exec(f)?.[1]).filter((f): f is string => Boolean(f));
