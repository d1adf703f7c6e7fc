import { expect } from 'chai';
import { useSuiteDatabase } from '../support/suite-database.js';
import { createTestApp, type TestApp } from '../support/api-app.js';

describe('API: sign-in, sessions and throttling', () => {
  const ctx = useSuiteDatabase('auth');
  let t: TestApp;

  before(async () => {
    t = await createTestApp(ctx.db, { loginThrottle: { maxFailuresPerUser: 3, maxFailuresPerIp: 100, windowMinutes: 15 } });
  });


  it('signs in a demo user and sets an httpOnly SameSite session cookie', async () => {
    // when
    const response = await t.anonymous().post('/api/auth/login').send({ username: 'sanyuan-officer', password: 'Demo@2026' });

    // then
    expect(response.status).to.equal(200);
    expect(response.body.user).to.include({ username: 'sanyuan-officer' });
    expect(response.body.user.roles).to.deep.equal(['officer']);
    expect(response.body.user.organisation).to.include({ name: '三元区', level: 'county' });
    expect(response.body.user.body).to.include({ name: '三元区城市管理局', field: 'urban_management' });
    expect(response.body.user.certificates[0]).to.include({ number: '35040420240011', valid: true });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).to.match(/^sid=[\w-]{40,};/);
    expect(cookie).to.include('HttpOnly');
    expect(cookie).to.include('SameSite=Lax');
    // the session's lifetime (12 h), not a date taken from the server's clock
    expect(cookie).to.include(`Max-Age=${12 * 3600}`);
  });


  it('stores only a hash of the session token', async () => {
    // given
    const response = await t.anonymous().post('/api/auth/login').send({ username: 'city-head', password: 'Demo@2026' });
    const token = /sid=([^;]+)/.exec(String(response.headers['set-cookie']))![1]!;

    // then
    const rows = await ctx.db('app.sessions').select('token_hash');
    expect(rows.map((r) => r.token_hash)).not.to.include(token);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).to.equal(true);
  });


  it('answers 401 problem+json for a wrong password and for an unknown user alike', async () => {
    for (const body of [{ username: 'city-officer', password: 'wrong-password' }, { username: 'nobody-here', password: 'Demo@2026' }]) {
      const response = await t.anonymous().post('/api/auth/login').send(body);
      expect(response.status).to.equal(401);
      expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(response.body).to.include({ status: 401, title: 'Unauthorized' });
      expect(response.headers['set-cookie']).to.equal(undefined);
    }
  });


  it('answers 429 with Retry-After once a username has failed too often, even with the right password', async () => {
    // given three failures (the suite's limit)
    for (let i = 0; i < 3; i += 1) {
      expect((await t.anonymous().post('/api/auth/login').send({ username: 'liedong-head', password: 'bad-password' })).status).to.equal(401);
    }

    // when
    const response = await t.anonymous().post('/api/auth/login').send({ username: 'liedong-head', password: 'Demo@2026' });

    // then
    expect(response.status).to.equal(429);
    expect(Number(response.headers['retry-after'])).to.be.within(1, 15 * 60);
    // and other users are not affected
    expect((await t.anonymous().post('/api/auth/login').send({ username: 'liedong-reviewer', password: 'Demo@2026' })).status).to.equal(200);
  });


  it('requires a session for every non-public endpoint', async () => {
    for (const path of ['/api/auth/me', '/api/organisations', '/api/users', '/api/calendar?year=2026']) {
      const response = await t.anonymous().get(path);
      expect(response.status, path).to.equal(401);
      expect(response.body.detail).to.match(/^Expected a signed-in user/);
    }
  });


  it('ends the session on logout', async () => {
    // given
    const agent = t.anonymous();
    await agent.post('/api/auth/login').send({ username: 'city-reviewer', password: 'Demo@2026' }).expect(200);
    await agent.get('/api/auth/me').expect(200);

    // when
    await agent.post('/api/auth/logout').send({}).expect(204);

    // then
    await agent.get('/api/auth/me').expect(401);
  });


  it('ends a user’s sessions when an administrator deactivates the account, and refuses new sign-ins', async () => {
    // given
    const officer = t.anonymous();
    await officer.post('/api/auth/login').send({ username: 'shaxian-officer', password: 'Demo@2026' }).expect(200);
    const admin = await t.signIn('city-admin');
    const { body: page } = await admin.get('/api/users').query({ q: 'shaxian-officer' }).expect(200);

    // when
    await admin.patch(`/api/users/${page.items[0].id}`).send({ active: false }).expect(200);

    // then
    await officer.get('/api/auth/me').expect(401);
    await t.anonymous().post('/api/auth/login').send({ username: 'shaxian-officer', password: 'Demo@2026' }).expect(401);
  });


  it('ends sessions when the password is changed, and the new password works', async () => {
    // given
    const officer = t.anonymous();
    await officer.post('/api/auth/login').send({ username: 'city-officer2', password: 'Demo@2026' }).expect(200);
    const admin = await t.signIn('city-admin');
    const { body: page } = await admin.get('/api/users').query({ q: 'city-officer2' }).expect(200);

    // when
    await admin.patch(`/api/users/${page.items[0].id}`).send({ password: 'N3w-password!' }).expect(200);

    // then
    await officer.get('/api/auth/me').expect(401);
    await t.anonymous().post('/api/auth/login').send({ username: 'city-officer2', password: 'N3w-password!' }).expect(200);
  });


  it('forgets expired sessions and old failures when someone signs in', async () => {
    // given an expired session and a failure from two days ago
    const user = await ctx.db('app.users').where({ username: 'city-designer' }).first('id');
    await ctx.db('app.sessions').insert({ token_hash: 'f'.repeat(64), user_id: user.id, expires_at: new Date(Date.now() - 60_000) });
    await ctx.db('app.login_failures').insert({ username: 'someone', ip: '10.0.0.1', at: new Date(Date.now() - 2 * 86_400_000) });

    // when
    await t.anonymous().post('/api/auth/login').send({ username: 'city-designer', password: 'Demo@2026' }).expect(200);

    // then
    expect(await ctx.db('app.sessions').where({ token_hash: 'f'.repeat(64) }).first()).to.equal(undefined);
    expect(await ctx.db('app.login_failures').where({ username: 'someone' }).first()).to.equal(undefined);
  });
});
