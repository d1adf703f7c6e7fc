import { expect } from 'chai';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JobModuleError } from '../../../engine-workers/errors.js';
import { JOBS_DIR, loadJobRegistry } from '../../../engine-workers/registry.js';

describe('engine-workers: job registry', () => {
  it('loads one job type per file of jobs/, named after the file', async () => {
    const registry = await loadJobRegistry();
    const files = readdirSync(JOBS_DIR).filter((file) => file.endsWith('.ts')).map((file) => file.replace(/\.ts$/, '')).sort();
    expect([...registry.keys()]).to.deep.equal(files);
    expect([...registry.keys()]).to.include.members([
      'assign-number', 'compute-deadline', 'compute-surcharge', 'generate-document', 'queue-disclosure', 'raise-supervision-alert', 'record-service',
      'check-officers', 'check-limitation', 'check-advance-notice', 'check-legal-review', 'check-no-heavier-penalty', 'check-inspection-frequency',
      'publish-message', 'send-electronic-document',
    ]);
    expect(registry.get('assign-number')).to.include({ type: 'assign-number' });
  });


  it('stops with the file name when a job file lacks an export', async () => {
    // given
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jobs-'));
    try {
      writeFileSync(path.join(dir, 'send-notice.mjs'), 'export function parseVariables() {}\nexport function decide() {}\n');

      // when
      const loading = loadJobRegistry(dir);

      // then
      let error: unknown;
      await loading.catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(JobModuleError);
      expect((error as Error).message).to.include("'send-notice.mjs'").and.include('lacks perform');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
