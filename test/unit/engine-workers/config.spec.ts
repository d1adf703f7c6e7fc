import { expect } from 'chai';
import path from 'node:path';
import { loadWorkersConfig } from '../../../engine-workers/config.js';

describe('engine-workers: config', () => {
  it('polls the embedded engine on localhost with local defaults', () => {
    const config = loadWorkersConfig({});
    expect(config).to.include({ zeebeAddress: 'localhost:26500', zeebeTls: false, databaseUrl: null, maxJobsPerType: 8, jobTimeoutMs: 60_000, retryBackoffMs: 5000 });
    expect(config.dataDir).to.equal(path.resolve('data'));
    expect(Object.isFrozen(config)).to.equal(true);
  });


  it('follows ZEEBE_ADDRESS, or the engine port', () => {
    expect(loadWorkersConfig({ ZEEBE_ADDRESS: 'zeebe.example:443', ZEEBE_TLS: 'true' })).to.include({ zeebeAddress: 'zeebe.example:443', zeebeTls: true });
    expect(loadWorkersConfig({ ENGINE_GRPC_PORT: '26600' }).zeebeAddress).to.equal('localhost:26600');
  });


  it('lists every bad key at once', () => {
    let message = '';
    try {
      loadWorkersConfig({ ZEEBE_ADDRESS: 'no port', WORKERS_MAX_JOBS: '0', WORKERS_JOB_TIMEOUT_MS: 'soon', DATABASE_URL: 'mysql://x', ZEEBE_TLS: 'maybe' });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const problem of ['ZEEBE_ADDRESS must be host:port', 'WORKERS_MAX_JOBS must be an integer', 'WORKERS_JOB_TIMEOUT_MS must be an integer', 'DATABASE_URL must start with postgres', 'ZEEBE_TLS must be true or false']) {
      expect(message).to.include(problem);
    }
  });
});
