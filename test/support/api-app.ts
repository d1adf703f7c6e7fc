import type { Express } from 'express';
import supertest from 'supertest';
import { createApp } from '../../api/app.js';
import type { Clock } from '../../api/clock.js';
import type { LoginThrottle } from '../../api/services/auth-service.js';
import { seedDemo } from '../../api/seed/seed-demo.js';
import { DEMO_PASSWORD } from '../../api/seed/demo-data.js';
import type { Db } from '../../db/connect.js';
import { testLogger } from './logger.js';

export interface TestApp {
  app: Express;
  /** A supertest agent signed in as a demo user (cookie kept between requests). */
  signIn(username: string, password?: string): Promise<supertest.Agent>;
  anonymous(): supertest.Agent;
}

/** The real app over a real database with the 三明市 demo loaded. */
export async function createTestApp(db: Db, options: { clock?: Clock; loginThrottle?: LoginThrottle; seed?: boolean } = {}): Promise<TestApp> {
  if (options.seed !== false) await seedDemo(db, testLogger());
  const app = createApp({
    db,
    log: testLogger(),
    clock: options.clock ?? { now: () => new Date() },
    sessionTtlHours: 12,
    secureCookies: false,
    webDist: null,
    loginThrottle: options.loginThrottle,
  });
  const sessions = new Map<string, supertest.Agent>();
  return {
    app,
    anonymous: () => supertest.agent(app),
    async signIn(username: string, password = DEMO_PASSWORD) {
      const cached = sessions.get(`${username}\u0000${password}`);
      if (cached) return cached;
      const agent = supertest.agent(app);
      const response = await agent.post('/api/auth/login').send({ username, password });
      if (response.status !== 200) throw new Error(`Expected to sign in as '${username}', but got ${response.status}: ${JSON.stringify(response.body)}`);
      sessions.set(`${username}\u0000${password}`, agent);
      return agent;
    },
  };
}
