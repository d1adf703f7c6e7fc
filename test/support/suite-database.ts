import { createTestDatabase, type TestDatabase } from './database.js';

/**
 * Gives a describe block its own migrated database: `const ctx = useSuiteDatabase('users')`, then `ctx.db` inside
 * tests. The database is kept when any test of the block failed.
 */
export function useSuiteDatabase(label: string): { readonly db: TestDatabase['db']; readonly url: string; readonly database: TestDatabase } {
  let database: TestDatabase | undefined;
  let failed = false;
  before(async function () {
    this.timeout(60_000);
    database = await createTestDatabase(label);
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  after(async function () {
    this.timeout(30_000);
    await database?.release(failed);
  });
  return {
    get db() {
      return database!.db;
    },
    get url() {
      return database!.url;
    },
    get database() {
      return database!;
    },
  };
}
