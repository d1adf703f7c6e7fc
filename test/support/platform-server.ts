import type { Server } from 'node:http';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../api/app.js';
import { systemClock } from '../../api/clock.js';
import { seedDemo } from '../../api/seed/seed-demo.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { testLogger } from './logger.js';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

export interface TestPlatform {
  baseUrl: string;
  database: TestDatabase;
  stop(keepDatabase: boolean): Promise<void>;
}

/** The API serving the built console on a free loopback port, over a fresh demo database. */
export async function startTestPlatform(label: string): Promise<TestPlatform> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error(`Expected the built console in ${WEB_DIST}, but it is missing: run npm run build:web`);
  const database = await createTestDatabase(label);
  await seedDemo(database.db, testLogger());
  const app = createApp({ db: database.db, log: testLogger(), clock: systemClock, sessionTtlHours: 12, secureCookies: false, webDist: WEB_DIST });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    async stop(keepDatabase: boolean) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.release(keepDatabase);
    },
  };
}
