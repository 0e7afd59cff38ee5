/**
 * The HTTP edge answers like an HTTP server, in JSON, on both stores over real
 * HTTP: a 503 says the platform is unreachable and logs the rest; OPTIONS
 * names a path's methods (and `OPTIONS *` the server's); a wrong method on a
 * path that exists is 405 with Allow; a body that is not JSON is 415; numbers
 * in paths and queries are taken only in their declared form. Nothing refused
 * writes anything.
 */
import fs from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilerReady, compilerStats, warmCompiler } from '../src/policy/compile-thread.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { snapshot } from './support/db.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A request fetch cannot make: any request target, any method, raw. */
function rawRequest(url: string, method: string, target: string, headers: Record<string, string> = {}, body?: string) {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: target, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe.each(STORES)('the HTTP edge on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  const logged: string[] = [];

  const send = async (method: string, p: string, init: { token?: string; type?: string | null; body?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.type) headers['content-type'] = init.type;
    const res = await fetch(h.server.url + p, { method, headers, body: init.body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : null };
  };
  const store = () => snapshot(h.ctx.db, kind);

  beforeAll(async () => {
    const port = await closedPort();
    h = await makeApiHarness(
      kind,
      { platform: { url: `http://127.0.0.1:${port}`, adminToken: 'platform-admin', webhookSecret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=', embedded: false, port: 0, dbPath: ':memory:', timeoutMs: 5_000 } },
      { logger: pino({ level: 'warn' }, { write: (s: string) => logged.push(s) }) },
    );
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 3);
  });
  afterAll(() => h?.cleanup());

  it('a 503 says the platform is unreachable and nothing more; the detail is logged', async () => {
    logged.length = 0;
    const r = await send('POST', '/v1/accounts/sync', { token: crew.admin.token });
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ error: { code: 'unavailable', message: 'the platform is unreachable' } });
    expect(r.text).not.toMatch(/127\.0\.0\.1|http|fetch|ECONNREFUSED|\bat\b/);
    // the operator still learns what failed
    expect(logged.join('\n')).toMatch(/PlatformUnavailableError|ECONNREFUSED|fetch failed/);
  });

  it('OPTIONS names the methods of a path (204 with Allow) before any credential; OPTIONS * those of the server', async () => {
    const one = await send('OPTIONS', '/v1/cases/1');
    expect(one.status).toBe(204);
    expect(one.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const login = await send('OPTIONS', '/v1/session/login');
    expect([login.status, login.headers.get('allow')]).toEqual([204, 'POST, OPTIONS']);
    const approve = await send('OPTIONS', '/v1/actions/act_1/approve');
    expect(approve.headers.get('allow')).toBe('POST, OPTIONS');
    const health = await send('OPTIONS', '/healthz');
    expect(health.headers.get('allow')).toBe('GET, HEAD, OPTIONS');

    const unknown = await send('OPTIONS', '/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');

    const star = await rawRequest(h.server.url, 'OPTIONS', '*');
    expect(star.status).toBe(204);
    expect(star.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    const getStar = await rawRequest(h.server.url, 'GET', '*');
    expect(getStar.status).toBe(400);
    expect(JSON.parse(getStar.text).error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/OPTIONS only/) });
  });

  it('a request line no URL can be built from is a JSON 400, not an empty body', async () => {
    const r = await rawRequest(h.server.url, 'GET', '/v1\\..\\cases');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.code).toBe('invalid_input');
  });

  it("what Node's parser refuses before any handler (a URL past the header limit, bytes that are not HTTP) is a JSON error too", async () => {
    const long = await send('GET', `/v1/cases?accountId=${'x'.repeat(20_000)}`, { token: crew.lead.token });
    expect(long.status).toBe(431);
    expect(long.body.error.code).toBe('too_large');
    const r = await rawRequest(h.server.url, 'FOO', '/v1/cases');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.code).toBe('invalid_input');
  });

  it('a wrong method on a path that exists is 405 with Allow; an unknown path stays 404', async () => {
    const before = await store();
    const list = await send('DELETE', '/v1/cases', { token: crew.lead.token });
    expect(list.status).toBe(405);
    expect(list.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(list.body.error).toMatchObject({ code: 'method_not_allowed', message: expect.stringMatching(/DELETE is not allowed on \/v1\/cases/) });
    const approve = await send('PUT', '/v1/actions/act_1/approve', { token: crew.lead.token, type: 'application/json', body: '{}' });
    expect([approve.status, approve.headers.get('allow')]).toEqual([405, 'POST, OPTIONS']);
    const login = await send('GET', '/v1/session/login');
    expect([login.status, login.headers.get('allow')]).toEqual([405, 'POST, OPTIONS']);
    const webhook = await send('GET', '/webhooks/platform');
    expect([webhook.status, webhook.headers.get('allow')]).toEqual([405, 'POST, OPTIONS']);
    const head = await send('HEAD', '/v1/session/login');
    expect([head.status, head.headers.get('allow')]).toEqual([405, 'POST, OPTIONS']);

    const unknown = await send('DELETE', '/v1/nothing-here', { token: crew.lead.token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect(await store()).toEqual(before);
  });

  it('a body that is not JSON is 415 naming the type it must be, on every body-bearing route, writing nothing', async () => {
    const before = await store();
    const report = JSON.stringify({ reporterId: 'u1', accountId: 'acct_0001', category: 'spam' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', null]) {
      const r = await send('POST', '/v1/reports', { token: crew.triage.token, type, body: report });
      expect(r.status, `${type}`).toBe(415);
      expect(r.body.error).toMatchObject({ code: 'unsupported_media_type', expected: 'application/json', message: expect.stringMatching(/application\/json/) });
    }
    const login = await send('POST', '/v1/session/login', { type: 'text/plain', body: '{"email":"a","password":"b","totp":"1"}' });
    expect(login.status).toBe(415);
    const webhook = await send('POST', '/webhooks/platform', { type: 'application/x-www-form-urlencoded', body: 'a=1' });
    expect(webhook.status).toBe(415);
    const noBody = await send('POST', '/v1/policy/freeze', { token: crew.admin.token });
    expect(noBody.status).toBe(415);
    // an optional body: none is fine, one of another type is not
    const claimText = await send('POST', '/v1/cases/claim', { token: crew.agent.token, type: 'text/plain', body: 'queue=general' });
    expect(claimText.status).toBe(415);
    expect(await store()).toEqual(before);
    // JSON with parameters, or a +json type, is JSON
    const ok = await send('POST', '/v1/reports', { token: crew.triage.token, type: 'application/json; charset=utf-8', body: report });
    expect(ok.status).toBe(202);
    const claimNone = await send('POST', '/v1/cases/claim', { token: crew.agent.token });
    expect(claimNone.status).toBe(200);
  });

  it('takes numbers in paths and queries only in their declared form, naming the parameter', async () => {
    const before = await store();
    for (const v of ['0x10', '1e1', '%2016', '016', '+16', '16.0', '-1', '0b10', '1_6', 'Infinity', '%EF%BC%91%EF%BC%96']) {
      const r = await send('GET', `/v1/cases/${v}`, { token: crew.lead.token });
      expect(r.status, v).toBe(400);
      expect(r.body.error.fields.map((f: { path: string }) => f.path), v).toEqual(['path.id']);
    }
    for (const [p, param] of [
      ['/v1/audit?before=', 'query.before'],
      ['/v1/audit?before=0x10', 'query.before'],
      ['/v1/cases?limit=1e1', 'query.limit'],
      ['/v1/cases?limit=%2010', 'query.limit'],
      ['/v1/alerts?limit=010', 'query.limit'],
      ['/v1/audit/proofs/inclusion?seq=', 'query.seq'],
      ['/v1/accounts/acct_0001/timeline?since=1e3', 'query.since'],
      ['/v1/audit/heads?beforeId=+1', 'query.beforeId'],
    ] as const) {
      const r = await send('GET', p, { token: crew.admin.token });
      expect(r.status, p).toBe(400);
      expect(r.body.error.fields.map((f: { path: string }) => f.path), p).toEqual([param]);
    }
    // the declared form itself
    expect((await send('GET', '/v1/cases/16', { token: crew.lead.token })).status).toBe(404);
    expect((await send('GET', '/v1/audit?before=0&limit=10', { token: crew.admin.token })).status).toBe(200);
    expect((await send('GET', '/v1/cases?limit=500', { token: crew.lead.token })).status).toBe(200);
    expect(await store()).toEqual(before);
  });
});

describe.each(STORES)('references by id in request bodies on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let caseId: number;
  const JUST = 'seen in many credible reports';

  beforeAll(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 3);
    const r = await h.api(crew.triage.token).post('/v1/reports', { reporterId: 'u1', accountId: 'acct_0001', category: 'spam' });
    caseId = r.body.caseId;
  });
  afterAll(() => h?.cleanup());

  const fieldsOf = (body: { error?: { fields?: { path: string }[] } }) => (body.error?.fields ?? []).map((f) => f.path);

  it('refuses an id that names nothing with a 400 naming the field, before the policy judges it, writing nothing', async () => {
    const before = await snapshot(h.ctx.db, kind);
    const cases: [string, string, string, Record<string, unknown>, string][] = [
      ['lead', 'POST', '/v1/actions', { kind: 'warn', targetId: 'acct_0001', caseId: 999_999, reasonCode: 'spam', justification: JUST }, 'caseId'],
      ['lead', 'POST', '/v1/actions/preview', { kind: 'warn', targetId: 'acct_0001', caseId: 999_999, reasonCode: 'spam', justification: JUST }, 'caseId'],
      // the contractor's proposal on a critical account is refused by the policy, and audited: a bogus case is refused first
      ['contractor', 'POST', '/v1/actions', { kind: 'deactivate', targetId: 'acct_vip', caseId: 999_999, reasonCode: 'spam', justification: JUST }, 'caseId'],
      ['lead', 'POST', '/v1/actions', { kind: 'warn', targetId: 'acct_none', reasonCode: 'spam', justification: JUST }, 'targetId'],
      ['lead', 'POST', '/v1/actions/preview', { kind: 'suspend', targetId: 'acct_none', durationMs: 86_400_000, reasonCode: 'spam', justification: JUST }, 'targetId'],
      ['admin', 'POST', '/v1/actions', { kind: 'grant_role', targetId: 'stf_none', role: 'lead', reasonCode: 'access_management', justification: JUST }, 'targetId'],
      ['admin', 'POST', '/v1/actions', { kind: 'set_access', targetId: 'stf_none', accessUntil: Date.now() + 3_600_000, reasonCode: 'access_management', justification: JUST }, 'targetId'],
      ['lead', 'POST', '/v1/actions', { kind: 'restore', targetId: 'acct_0001', restoresActionId: 'act_none', reasonCode: 'spam', justification: JUST }, 'restoresActionId'],
      ['triage', 'POST', '/v1/reports', { reporterId: 'u1', accountId: 'acct_none', category: 'spam' }, 'accountId'],
      ['triage', 'POST', '/v1/reports/batch', { reports: [{ reporterId: 'u1', accountId: 'acct_0001', category: 'spam' }, { reporterId: 'u1', accountId: 'acct_none', category: 'spam' }] }, 'reports.1.accountId'],
    ];
    for (const [who, method, path, body, field] of cases) {
      const r = await h.api(crew[who as keyof Crew].token).send(method, path, body);
      expect(r.status, `${path} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(fieldsOf(r.body), path).toEqual([field]);
    }
    expect(await snapshot(h.ctx.db, kind)).toEqual(before);
    // the id that exists is taken
    const ok = await h.api(crew.lead.token).post('/v1/actions', { kind: 'warn', targetId: 'acct_0001', caseId, reasonCode: 'spam', justification: JUST });
    expect(ok.status).toBe(201);
    expect(ok.body.action.caseId).toBe(caseId);
  });
});

describe.each(STORES)('a proposed policy set on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  beforeAll(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    warmCompiler();
  });
  afterAll(() => h?.cleanup());

  it("waits for its compile, not for a thread's boot (a second or more on a busy machine: the next thread is booted ahead)", async () => {
    const JUST = 'routine maintenance of the policy set';
    for (const files of [{ 'a.cedar': 'permit(' }, {}, { 'b.cedar': 'forbid(principal, action, resource);' }]) {
      await compilerReady();
      const before = compilerStats();
      const r = await h.api(crew.admin.token).post('/v1/actions', { kind: 'change_policy', targetId: 'active', reasonCode: 'policy_maintenance', justification: JUST, policyFiles: files });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      // one job, and it found its thread booted: the next one was booted behind it
      expect(compilerStats(), JSON.stringify(files)).toEqual({ jobs: before.jobs + 1, onBootedThread: before.onBootedThread + 1 });
    }
  });

  it('the set in force, proposed again, is not verified again (seconds of CPU each time, one proposal after another)', async () => {
    const files = (await h.api(crew.admin.token).get('/v1/policy')).body.files as Record<string, string>;
    for (let i = 0; i < 3; i++) {
      const before = compilerStats();
      const r = await h.api(crew.admin.token).post('/v1/actions/preview', { kind: 'change_policy', targetId: 'active', reasonCode: 'policy_maintenance', justification: 'reset to the shipped set', policyFiles: files });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const proposed = await h.api(crew.admin.token).post('/v1/actions', { kind: 'change_policy', targetId: 'active', reasonCode: 'policy_maintenance', justification: 'reset to the shipped set', policyFiles: files });
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
      // neither the preview nor the proposal sent the set to the compiler: it is the set in force
      expect(compilerStats().jobs).toBe(before.jobs);
    }
  });
});

describe('the OpenAPI document tells the truth about the edge', () => {
  it('every /v1 operation declares 429 with Retry-After; every body 413 and 415; every keyed POST its Idempotency-Key', async () => {
    const { openApiDocument } = await import('../src/console/openapi.js');
    const { IDEMPOTENT_OPERATIONS } = await import('../src/http/idempotency.js');
    const doc = (await openApiDocument()) as { paths: Record<string, Record<string, any>> };
    const keyed: string[] = [];
    let operations = 0;
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!p.startsWith('/v1/')) continue;
        operations++;
        const where = `${method.toUpperCase()} ${p}`;
        expect(op.responses['429']?.headers?.['Retry-After'], where).toBeDefined();
        if (op.requestBody) expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(['413', '415']));
        if ((op.parameters ?? []).some((x: { name: string; in: string }) => x.name === 'Idempotency-Key' && x.in === 'header')) keyed.push(where);
      }
    }
    expect(operations).toBeGreaterThan(40);
    expect(keyed.sort()).toEqual([...IDEMPOTENT_OPERATIONS].sort());
  });
});

describe('loose number parsing', () => {
  it('nothing in Warden coerces a number out of text: one strict reader (bounds.ts decimalInt) for every route and setting', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          // the reference platform stands in for the real one outside Warden: not Warden's edge
          if (p.endsWith(path.join('platform', 'reference'))) continue;
          walk(p);
        } else if (/\.tsx?$/.test(e.name) && /\bz\.coerce\b|\bcoerce\./.test(fs.readFileSync(p, 'utf8'))) offenders.push(p);
      }
    };
    walk(path.resolve('src'));
    expect(offenders).toEqual([]);
  });
});
