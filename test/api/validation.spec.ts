import { expect } from 'chai';
import { useSuiteDatabase } from '../support/suite-database.js';
import { createTestApp, type TestApp } from '../support/api-app.js';

describe('API: validation errors, problem+json and the OpenAPI description', () => {
  const ctx = useSuiteDatabase('validation');
  let t: TestApp;

  before(async () => {
    t = await createTestApp(ctx.db);
  });


  it('names the path of every invalid body field', async () => {
    // given
    const admin = await t.signIn('city-admin');

    // when
    const response = await admin.post('/api/users').send({ username: 'A b', password: 'short', roles: ['mayor'], organisationId: 'x', extra: 1 });

    // then
    expect(response.status).to.equal(400);
    expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
    const paths = response.body.errors.map((e: { path: string }) => e.path);
    expect(paths).to.include.members(['/body/username', '/body/password', '/body/roles/0', '/body/organisationId', '/body/displayName', '/body/extra']);
    for (const error of response.body.errors) expect(error.message).to.be.a('string').and.not.equal('');
  });


  it('validates query strings with the path of the bad parameter', async () => {
    const admin = await t.signIn('city-admin');
    const response = await admin.get('/api/users').query({ page: 0, pageSize: 1000, role: 'mayor', unknown: 'x' });
    expect(response.status).to.equal(400);
    expect(response.body.errors.map((e: { path: string }) => e.path)).to.include.members(['/query/page', '/query/pageSize', '/query/role', '/query/unknown']);
  });


  it('validates path parameters', async () => {
    const admin = await t.signIn('city-admin');
    const response = await admin.patch('/api/users/abc').send({ displayName: 'x' });
    expect(response.status).to.equal(400);
    expect(response.body.errors[0].path).to.equal('/params/id');
    const date = await admin.put('/api/calendar/2026-02-30x').send({ kind: 'holiday', name: '测试' });
    expect(date.status).to.equal(400);
    expect(date.body.errors[0].path).to.equal('/params/date');
  });


  it('rejects malformed JSON with 400 and a body path', async () => {
    const admin = await t.signIn('city-admin');
    const response = await admin.post('/api/bodies').set('content-type', 'application/json').send('{"name": ');
    expect(response.status).to.equal(400);
    expect(response.body.errors[0].path).to.equal('/body');
  });


  it('rejects a non-JSON body instead of treating it as empty input', async () => {
    const admin = await t.signIn('city-admin');
    const response = await admin.post('/api/bodies').set('content-type', 'application/x-www-form-urlencoded').send('name=x');
    expect(response.status).to.equal(400);
    expect(response.body.errors.map((e: { path: string }) => e.path)).to.include('/body/name');
  });


  it('answers 409 with the field when a unique value is taken, and keeps the existing record', async () => {
    const admin = await t.signIn('city-admin');
    const { body: orgs } = await admin.get('/api/organisations').query({ q: '三明市' });
    const response = await admin.post('/api/bodies').send({ organisationId: orgs.items[0].id, name: '三明市城市管理局', field: 'urban_management' });
    expect(response.status).to.equal(409);
    expect(response.body.errors[0].path).to.equal('/body/name');
    const { body: bodies } = await admin.get('/api/bodies').query({ q: '三明市城市管理局' });
    expect(bodies.total).to.equal(1);
  });


  it('answers unknown API routes with a 404 problem', async () => {
    const admin = await t.signIn('city-admin');
    const response = await admin.get('/api/nothing-here');
    expect(response.status).to.equal(404);
    expect(response.body).to.include({ status: 404, title: 'Not found' });
  });


  it('carries a request id on every response, echoing a well-formed one it was given', async () => {
    const given = await t.anonymous().get('/api/health').set('X-Request-Id', 'trace-123');
    expect(given.headers['x-request-id']).to.equal('trace-123');
    const fresh = await t.anonymous().get('/api/health');
    expect(fresh.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });


  it('reports health with the database reachable', async () => {
    const response = await t.anonymous().get('/api/health');
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal({ status: 'ok', database: 'ok' });
  });


  it('serves an OpenAPI description of every route with its schemas, and Swagger UI', async () => {
    const spec = await t.anonymous().get('/api/docs/openapi.json');
    expect(spec.status).to.equal(200);
    expect(spec.body.openapi).to.equal('3.1.0');
    const operations = Object.entries(spec.body.paths as Record<string, Record<string, { requestBody?: unknown; parameters: { name: string }[] }>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).to.include.members([
      'POST /api/auth/login', 'GET /api/auth/me', 'GET /api/organisations', 'POST /api/organisations', 'PATCH /api/organisations/{id}',
      'DELETE /api/organisations/{id}', 'GET /api/bodies', 'GET /api/users', 'POST /api/users', 'GET /api/certificates',
      'GET /api/enforcement-items', 'GET /api/calendar', 'PUT /api/calendar/{date}',
    ]);
    expect(spec.body.paths['/api/users'].post.requestBody.content['application/json'].schema.required).to.include('username');
    expect(spec.body.paths['/api/users'].get.parameters.map((p: { name: string }) => p.name)).to.include.members(['page', 'pageSize', 'role']);
    const ui = await t.anonymous().get('/api/docs/').set('Accept', 'text/html');
    expect(ui.status).to.equal(200);
    expect(ui.text).to.include('swagger-ui');
    const css = await t.anonymous().get('/api/docs/swagger-ui.css');
    expect(css.status).to.equal(200);
  });
});
