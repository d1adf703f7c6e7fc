import { expect } from 'chai';
import path from 'node:path';
import { loadConfig } from '../../config.js';

describe('config', () => {
  it('uses the embedded defaults when the environment is empty', () => {
    const config = loadConfig({}, []);
    expect(config).to.include({ databaseUrl: null, port: 3000, embeddedPgPort: 54329, logLevel: 'info', seedDemo: true, secureCookies: false });
    expect(config.dataDir).to.equal(path.resolve('data'));
    expect(Object.isFrozen(config)).to.equal(true);
  });


  it('reads DATABASE_URL, PORT and flags from the environment', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/x', PORT: '8080', SEED_DEMO: 'false', SECURE_COOKIES: '1', DATA_DIR: '/srv/enf' }, []);
    expect(config).to.include({ databaseUrl: 'postgres://u:p@db:5432/x', port: 8080, seedDemo: false, secureCookies: true, dataDir: '/srv/enf' });
  });

  it('reads per-kind evidence size limits in megabytes and refuses a non-number', () => {
    const config = loadConfig({ EVIDENCE_MAX_MB_VIDEO: '1024', EVIDENCE_MAX_MB_PHOTO: '5' }, []);
    expect(config.evidenceMaxBytes).to.deep.equal({ photo: 5 * 1024 * 1024, video: 1024 * 1024 * 1024 });
    expect(loadConfig({}, []).evidenceMaxBytes).to.deep.equal({});
    expect(() => loadConfig({ EVIDENCE_MAX_MB_AUDIO: 'lots' }, [])).to.throw('EVIDENCE_MAX_MB_AUDIO must be an integer');
  });

  it('lists every bad key at once', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', SEED_DEMO: 'maybe' }, ['--only=web']);
    } catch (error) {
      message = (error as Error).message;
    }
    for (const problem of ['PORT must be an integer', 'DATABASE_URL must start with postgres', 'LOG_LEVEL must be one of', '--only must be', 'SEED_DEMO must be true or false']) {
      expect(message).to.include(problem);
    }
  });
});
