/**
 * Deploys the statutory procedures of processes/ (forms, decisions, then diagrams) through the gateway, so that a
 * case can start its procedure on a fresh platform. The engine (like Zeebe) keeps the version of a resource whose
 * content did not change, so deploying at every start-up creates new versions only for edited files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { ZBClient } from 'zeebe-node';
import { PROCESSES_DIR } from './process-definitions.js';


function filesIn(folder: string, extension: string): string[] {
  const dir = path.join(PROCESSES_DIR, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith(extension))
    .sort()
    .map((f) => path.join(dir, f));
}

export async function deployProcedures(zeebe: ZBClient, log: Logger): Promise<{ forms: number; decisions: number; processes: number }> {
  const forms = filesIn('forms', '.form');
  const decisions = filesIn('decisions', '.dmn');
  const processes = filesIn('.', '.bpmn');
  // one resource per DeployResource call (zeebe-node's API); the files of a kind are independent, so they go at once
  await Promise.all(forms.map((file) => zeebe.deployResource({ name: path.basename(file), form: readFileSync(file) })));
  await Promise.all(decisions.map((file) => zeebe.deployResource({ name: path.basename(file), decision: readFileSync(file) })));
  await Promise.all(processes.map((file) => zeebe.deployResource({ name: path.basename(file), process: readFileSync(file) })));
  log.info({ forms: forms.length, decisions: decisions.length, processes: processes.length }, 'procedures deployed');
  return { forms: forms.length, decisions: decisions.length, processes: processes.length };
}
