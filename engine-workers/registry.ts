import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JobModuleError } from './errors.js';
import type { JobDefinition, JobModule } from './job-definition.js';

export const JOBS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'jobs');

const JOB_TYPE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Loads every job file of jobs/: the file name (without .ts/.js) is the job type, the BPMN's zeebe:taskDefinition type.
 * A file that lacks one of the three exports stops start-up with its name.
 */
export async function loadJobRegistry(dir: string = JOBS_DIR): Promise<ReadonlyMap<string, JobDefinition>> {
  const files = (await readdir(dir)).filter((file) => /\.(ts|js|mjs)$/.test(file) && !file.endsWith('.d.ts')).sort();
  const registry = new Map<string, JobDefinition>();
  for (const file of files) {
    const type = file.replace(/\.(ts|js|mjs)$/, '');
    if (!JOB_TYPE.test(type)) throw new JobModuleError(`Expected job file '${file}' to be named after its job type in kebab-case, but it is not`);
    if (registry.has(type)) throw new JobModuleError(`Expected one file for job type '${type}', but found several`);
    const module = (await import(pathToFileURL(path.join(dir, file)).href)) as Partial<JobModule>;
    const missing = (['parseVariables', 'decide', 'perform'] as const).filter((name) => typeof module[name] !== 'function');
    if (missing.length > 0) throw new JobModuleError(`Expected job file '${file}' to export parseVariables, decide and perform, but it lacks ${missing.join(', ')}`);
    registry.set(type, Object.freeze({ type, parseVariables: module.parseVariables!, decide: module.decide!, perform: module.perform! }));
  }
  return registry;
}
