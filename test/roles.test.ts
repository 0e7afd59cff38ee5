/**
 * Every /v1 route, walked from ROUTE_RULES: each names an operation the
 * policy knows; no token → 401; every caller the policy does not let perform
 * the route's operation → 403 naming the rule, before anything else runs;
 * every caller it does gets past the guard. Who is expected where is asked of
 * the shipped operation rules, never restated here. Access windows, revoked
 * and unknown tokens; the OpenAPI description covers every guarded route; the
 * probes answer without auth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { createApp } from '../src/http/app.js';
import { ROUTE_RULES, type RouteRule } from '../src/http/route.js';
import type { PlatformAdapter } from '../src/platform/adapter.js';
import { Authorizer, type Caller, staffCaller } from '../src/policy/authorizer.js';
import { OPERATIONS, isOperation } from '../src/policy/operations.js';
import type { Staff } from '../src/staff/model.js';
import { auditHead } from './support/db.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

/** A platform with no accounts, so an admin's sync has something real to call. */
const emptyPlatform: PlatformAdapter = {
  getAccount: async () => null,
  listAccounts: async () => ({ accounts: [], nextCursor: null }),
  getAccountStates: async () => [],
  applyAction: async () => {
    throw new Error('not used in these tests');
  },
  sendNotices: async () => {
    throw new Error('not used in these tests');
  },
};

const SERVICE_ACTOR = { kind: 'service' as const, id: 'platform' };

/** Who calls: each member of the crew (every role, and a contractor), and the platform's service token. */
type Who = keyof Crew | 'service';
const WHO: Who[] = ['triage', 'agent', 'contractor', 'lead', 'admin', 'auditor', 'service'];

type Guarded = RouteRule & { access: NonNullable<RouteRule['access']> };
const uniqueRules = (): Guarded[] => {
  const seen = new Map<string, Guarded>();
  for (const r of ROUTE_RULES) if (r.access) seen.set(`${r.method} ${r.path}`, r as Guarded);
  return [...seen.values()];
};
/** Routes that answer before anyone is signed in: signing in itself, redeeming an enrolment code, and nothing else. */
const publicRules = () => ROUTE_RULES.filter((r) => r.public);
const declared = () => new Set(ROUTE_RULES.map((r) => `${r.method} ${r.path}`));

/** The shipped operation rules, loaded on their own: what the test expects is theirs to say. */
const authorizer = Authorizer.load('policies');

async function raw(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

describe.each(STORES)('route guards on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let nextAccount = 0;
  let nextEmail = 0;

  beforeAll(async () => {
    h = await makeApiHarness(kind, {}, { platform: emptyPlatform });
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 300);
  });
  afterAll(() => h.cleanup());

  const staffOf = (w: Who): Staff | null => (w === 'service' ? null : crew[w].staff);
  const tokenOf = (w: Who) => (w === 'service' ? h.ctx.config.serviceToken : crew[w].token);
  const callerOf = (w: Who): Caller => (w === 'service' ? { type: 'Service' } : staffCaller(crew[w].staff, h.clock.now()));
  /** Whether the route admits this caller: its kind of caller, then the policy's answer for its operation. */
  const admits = (rule: Guarded, w: Who) => (w !== 'service' || rule.access.caller !== 'staff') && authorizer.call(callerOf(w), rule.access.operation).allowed;

  /** A fresh standard case; claimed by `holder` when they may work it (so holder-only routes get past the domain checks too). */
  const freshCase = async (holder: Staff | null): Promise<number> => {
    const accountId = `acct_${String(nextAccount++).padStart(4, '0')}`;
    const [r] = await h.ctx.transaction((tx) =>
      h.ctx.intake.submit(tx, SERVICE_ACTOR, [{ reporterId: `guard_${accountId}`, accountId, category: 'harassment', text: '', evidence: [] }]),
    );
    if (holder) {
      try {
        await h.ctx.transaction((tx) => h.ctx.cases.claimById(tx, holder, r!.caseId));
      } catch {
        /* this role does not work cases: an open case will do */
      }
    }
    return r!.caseId;
  };

  /** A plausible request for a route, as the given caller: real ids, a valid body where we know the route. */
  const requestFor = async (rule: RouteRule, caller: Who | null): Promise<{ path: string; body?: unknown; known: boolean }> => {
    let path = rule.path;
    if (path.startsWith('/v1/cases/{id}')) {
      const holder = caller === null ? null : staffOf(caller);
      const id = await freshCase(path.endsWith('/claim') ? null : holder);
      path = path.replace('{id}', String(id));
    } else if (path.startsWith('/v1/staff/{id}')) path = path.replace('{id}', crew.triage.staff.id);
    else if (path.startsWith('/v1/accounts/{id}')) path = path.replace('{id}', 'acct_0001');
    path = path.replace(/\{[^}]+\}/g, '1');

    const report = { reporterId: 'guard', accountId: 'acct_0299', category: 'spam', text: '', evidence: [] };
    const bodies: Record<string, () => unknown> = {
      'POST /v1/reports': () => report,
      'POST /v1/reports/batch': () => ({ reports: [report] }),
      'POST /v1/cases/claim': () => ({}),
      'POST /v1/cases/{id}/release': () => ({ reason: 'guard test' }),
      'POST /v1/cases/{id}/resolve': () => ({ resolution: 'no_violation', note: 'guard test' }),
      'POST /v1/cases/{id}/reroute': () => ({ queue: 'general', reason: 'guard test' }),
      'POST /v1/cases/{id}/comments': () => ({ body: 'guard test' }),
      'POST /v1/accounts/import': () => ({ accounts: [{ id: 'acct_0298', handle: 'user298', followers: 29_900 }] }),
      'POST /v1/staff': () => ({ name: 'New Person', email: `new${nextEmail++}@warden.test`, role: 'agent', employment: 'employee' }),
      'POST /v1/me/tokens': () => ({ label: 'guard test' }),
    };
    const make = bodies[`${rule.method} ${rule.path}`];
    const body = make ? make() : rule.method === 'GET' || rule.method === 'DELETE' ? undefined : {};
    const knownReads = ['/v1/queues', '/v1/cases', '/v1/cases/{id}', '/v1/accounts', '/v1/accounts/{id}', '/v1/accounts/{id}/history', '/v1/me', '/v1/staff', '/v1/audit', '/v1/audit/verify'];
    const known = make !== undefined || (rule.method === 'GET' && knownReads.includes(rule.path)) || `${rule.method} ${rule.path}` === 'POST /v1/cases/{id}/claim' || `${rule.method} ${rule.path}` === 'POST /v1/cases/{id}/renew' || `${rule.method} ${rule.path}` === 'POST /v1/accounts/sync';
    return { path, body, known };
  };

  it('has routes to walk, each naming an operation of the policy that some caller may perform', () => {
    const rules = uniqueRules();
    expect(rules.length).toBeGreaterThanOrEqual(20);
    expect(rules.length + publicRules().length).toBe(ROUTE_RULES.length); // each route declared once, guarded or public
    for (const r of publicRules()) expect(r.path.startsWith('/v1/session/') || r.path === '/v1/enrolments/redeem').toBe(true);
    for (const r of ROUTE_RULES) {
      expect(r.path.startsWith('/v1/')).toBe(true);
      // a route declares an operation, or is one of the few public ones
      if (!r.public) expect({ route: `${r.method} ${r.path}`, known: isOperation(r.access?.operation ?? '') }).toEqual({ route: `${r.method} ${r.path}`, known: true });
    }
    for (const r of rules) expect({ route: `${r.method} ${r.path}`, admits: WHO.some((w) => admits(r, w)) }).toEqual({ route: `${r.method} ${r.path}`, admits: true });
    // every operation in a group some rule permits: none is declared and then left to nobody
    for (const op of Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[]) {
      expect({ op, admitted: WHO.some((w) => authorizer.call(callerOf(w), op).allowed) }).toEqual({ op, admitted: true });
    }
  });

  it('answers 401 without a token, or with one it cannot read, on every route, writing nothing', async () => {
    for (const rule of uniqueRules()) {
      const { path, body } = await requestFor(rule, null);
      const before = await auditHead(h.ctx.db);
      const variants: Record<string, string>[] = [{}, { authorization: 'Basic YWRtaW46YWRtaW4=' }, { authorization: 'Bearer' }, { authorization: 'Bearer not-a-real-token' }];
      for (const headers of variants) {
        const res = await raw(h.server.url, rule.method, path, headers, body);
        expect({ route: `${rule.method} ${rule.path}`, headers, status: res.status, code: res.body?.error?.code }).toEqual({
          route: `${rule.method} ${rule.path}`,
          headers,
          status: 401,
          code: 'unauthenticated',
        });
      }
      expect(await auditHead(h.ctx.db)).toEqual(before);
    }
  });

  it('answers 403 to every caller a route does not admit, naming the rule, before validating or doing anything', async () => {
    let checked = 0;
    for (const rule of uniqueRules()) {
      for (const who of WHO.filter((w) => !admits(rule, w))) {
        const { path, body } = await requestFor(rule, who);
        const before = await auditHead(h.ctx.db);
        const res = await h.api(tokenOf(who)).send(rule.method, path, body);
        const named = who === 'service' && rule.access.caller === 'staff' ? undefined : authorizer.call(callerOf(who), rule.access.operation).rules.map((r) => r.id);
        expect({ route: `${rule.method} ${rule.path}`, who, status: res.status, code: res.body?.error?.code, rules: res.body?.error?.decision?.rules?.map((r: { id: string }) => r.id) }).toEqual({
          route: `${rule.method} ${rule.path}`,
          who,
          status: 403,
          code: 'forbidden',
          rules: named,
        });
        // the guard runs first: even a malformed body is refused as forbidden, not invalid
        if (rule.method !== 'GET') expect((await h.api(tokenOf(who)).send(rule.method, path, '{"broken": ')).status).toBe(403);
        expect(await auditHead(h.ctx.db)).toEqual(before);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('lets every admitted caller past the guard', async () => {
    for (const rule of uniqueRules()) {
      for (const who of WHO.filter((w) => admits(rule, w))) {
        const { path, body, known } = await requestFor(rule, who);
        const res = await h.api(tokenOf(who)).send(rule.method, path, body);
        // a route we know gets a plausible request and must succeed; a new one must at least get past the guard
        const passed = known ? res.status >= 200 && res.status < 300 : ![401, 403].includes(res.status);
        expect({ route: `${rule.method} ${rule.path}`, who, passed, body: passed ? null : res.body }).toEqual({
          route: `${rule.method} ${rule.path}`,
          who,
          passed: true,
          body: null,
        });
      }
    }
  });

  it('describes every guarded route in OpenAPI 3.1, with its bearer security and operation', async () => {
    const res = await raw(h.server.url, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const rule of uniqueRules()) {
      const op = doc.paths?.[rule.path]?.[rule.method.toLowerCase()];
      expect(op, `${rule.method} ${rule.path} in /openapi.json`).toBeDefined();
      expect(op.security).toEqual([{ bearer: [] }, { session: [] }]);
      expect(op.description).toContain(`Operation: ${rule.access.operation} (`);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
    // and nothing under /v1 is described that was not declared through the guard
    const described = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(described.filter((d) => d.split(' ')[1]!.startsWith('/v1/') && !declared().has(d))).toEqual([]);
    for (const r of publicRules()) expect(doc.paths?.[r.path]?.[r.method.toLowerCase()]?.security).toEqual([]);
  });

  it('has no /v1 handler that bypasses the guard', () => {
    const app = createApp(h.ctx);
    const guarded = declared();
    const handlers = new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/v1/')).map((r) => `${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`));
    expect(handlers.size).toBeGreaterThan(0);
    expect([...handlers].filter((x) => !guarded.has(x))).toEqual([]);
  });

  it('answers /healthz, /readyz and /metrics without auth', async () => {
    const health = await raw(h.server.url, 'GET', '/healthz');
    expect(health).toMatchObject({ status: 200, body: { ok: true } });
    const ready = await raw(h.server.url, 'GET', '/readyz');
    expect(ready).toMatchObject({ status: 200, body: { ok: true, store: kind } });
    const metrics = await raw(h.server.url, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.body).toContain('warden_http_request_duration_seconds');
    expect(metrics.body).toContain('warden_cases_open');
  });
});

describe.each(STORES)('who is calling, on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;

  beforeAll(async () => {
    h = await makeApiHarness(kind, {}, { platform: emptyPlatform });
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
  });
  afterAll(() => h.cleanup());

  it('closes a contractor’s access at the exact instant their window ends', async () => {
    const until = crew.contractor.staff.access.until!;
    expect(until).toBe(h.clock.now() + 3_600_000);
    h.clock.set(until - 1);
    const lastMoment = await h.api(crew.contractor.token).get('/v1/me');
    expect(lastMoment.status).toBe(200);
    expect(lastMoment.body.staff).toMatchObject({ id: crew.contractor.staff.id, accessState: 'active' });

    h.clock.set(until);
    for (const [method, path] of [['GET', '/v1/me'], ['GET', '/v1/cases'], ['POST', '/v1/cases/claim']] as const) {
      const res = await h.api(crew.contractor.token).send(method, path, method === 'POST' ? {} : undefined);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
      expect(res.body.error.accessState).toBe('ended');
    }
    h.clock.advance(86_400_000);
    expect((await h.api(crew.contractor.token).get('/v1/me')).status).toBe(401);
    // an employee with no end is unaffected
    expect((await h.api(crew.agent.token).get('/v1/me')).status).toBe(200);
  });

  it('refuses a revoked token, an unknown token, an offboarded person and one whose access has not begun', async () => {
    const second = await h.ctx.transaction((tx) => h.ctx.staff.issueToken(tx, SYSTEM, crew.agent.staff.id, 'second'));
    expect((await h.api(second.token).get('/v1/me')).status).toBe(200);
    await h.ctx.db.updateTable('api_tokens').set({ revoked_at: h.clock.now() }).where('id', '=', second.id).execute();
    const revoked = await h.api(second.token).get('/v1/me');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('unauthenticated');
    expect((await h.api(crew.agent.token).get('/v1/me')).status).toBe(200);

    expect((await h.api('wdn_this-token-was-never-issued').get('/v1/me')).status).toBe(401);
    expect((await h.api(`${h.ctx.config.serviceToken}x`).get('/v1/me')).status).toBe(401);

    await h.ctx.db.updateTable('staff').set({ offboarded_at: h.clock.now() }).where('id', '=', crew.triage.staff.id).execute();
    const gone = await h.api(crew.triage.token).get('/v1/me');
    expect(gone.status).toBe(401);
    expect(gone.body.error.accessState).toBe('offboarded');

    const starter = await h.ctx.transaction(async (tx) => {
      const s = await h.ctx.staff.create(tx, SYSTEM, { name: 'starter', email: 'starter@warden.test', role: 'agent', employment: 'employee', accessFrom: h.clock.now() + 60_000 });
      return h.ctx.staff.issueToken(tx, SYSTEM, s.id, 'first day');
    });
    const early = await h.api(starter.token).get('/v1/me');
    expect(early.status).toBe(401);
    expect(early.body.error.accessState).toBe('not_yet');
    h.clock.advance(60_000);
    expect((await h.api(starter.token).get('/v1/me')).status).toBe(200);
  });
});
