import { stopTestServer } from './database.js';

/** Mocha root hooks shared by every tier that touches the database. */
export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopTestServer();
  },
};
