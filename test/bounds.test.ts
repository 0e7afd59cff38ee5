/**
 * Input that would break the record, on both stores over real HTTP: text no
 * store keeps exactly (NUL, lone UTF-16 surrogates) never reaches the audit
 * log or a 500; instants and counts past their bounds are refused naming the
 * field with nothing written; odd values already stored never make the
 * timeline or execution answer 500; and the tripwire reverts a platform
 * change whose state it cannot judge.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { uncatalogued } from './support/db.js';
import { EPOCH_MAX_MS } from '../src/bounds.js';
import type { ManualClock } from '../src/clock.js';
import { DomainError } from '../src/errors.js';
import type { RunningReferencePlatform } from '../src/platform/reference/server.js';
import { type ApiHarness, STORES } from './support/harness.js';
import type { Crew } from './support/seed.js';
import { type World, makeWorld, until } from './support/world.js';

const JUST = 'repeated credible threats reported by many users';

/** Strings heavy in what breaks storage: NUL, lone and paired surrogates, among any UTF-16 units and code points. */
const hostileText = fc.oneof(
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00', 'a', 'é', ' '), maxLength: 12 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
);

describe.each(STORES)('bounds on %s', (kind) => {
  let world: World;
  let h: ApiHarness;
  let crew: Crew;
  let platform: RunningReferencePlatform;
  let clock: ManualClock;

  const auditSize = () => h.ctx.audit.size(h.ctx.db);
  const verify = async () => {
    const r = await h.api(crew.auditor.token).get('/v1/audit/verify');
    expect(r.status).toBe(200);
    return r.body as { ok: boolean; problems: unknown[] };
  };
  const actionCount = async () => Number((await h.ctx.db.selectFrom('actions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const fieldsOf = (body: { error?: { fields?: { path: string }[] } }) => (body.error?.fields ?? []).map((f) => f.path);

  beforeAll(async () => {
    world = await makeWorld(kind);
    ({ h, crew, platform, clock } = world);
  });
  afterAll(() => world?.close());

  it('keeps the audit log verifiable under arbitrary unicode in every field that reaches it, and never answers 500', async () => {
    const targets = [
      // unauthenticated: a failed sign-in is audited with the email it named
      (s: string) => ({ token: '', method: 'POST', path: '/v1/session/login', body: { email: s || 'x', password: 'wrong-password', totp: '000000' } }),
      (s: string) => ({ token: crew.admin.token, method: 'POST', path: '/v1/policy/freeze', body: { on: false, reason: `${s}...` } }),
      (s: string) => ({ token: crew.triage.token, method: 'POST', path: '/v1/reports', body: { reporterId: `u_${s}`, accountId: 'acct_0001', category: 'spam', text: s } }),
      // refused by the policy: audited in a transaction of its own, with the justification as reason
      (s: string) => ({ token: crew.contractor.token, method: 'POST', path: '/v1/actions', body: { kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'spam', justification: `${s} ${JUST}` } }),
      (s: string) => ({ token: crew.lead.token, method: 'POST', path: '/v1/actions', body: { kind: 'warn', targetId: 'acct_0002', reasonCode: 'spam', justification: s } }),
      (s: string) => ({
        token: crew.admin.token,
        method: 'POST',
        path: '/v1/accounts/import',
        body: { accounts: [{ id: `acct_p${s}`, handle: `h${s}`, displayName: s, followers: 1 }] },
      }),
    ];
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.nat(targets.length - 1), hostileText, async (t, s) => {
        const req = targets[t]!(s);
        const before = await auditSize();
        const res = await (req.token ? h.api(req.token) : h.api('')).send(req.method, req.path, req.body);
        expect(res.status, `${req.path} ${JSON.stringify(s)}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
        if (res.status === 400) expect(await auditSize(), 'a refused request wrote to the audit log').toBe(before);
        const v = await verify();
        expect(v.problems, `after ${req.path} with ${JSON.stringify(s)}`).toEqual([]);
        expect(v.ok).toBe(true);
      }),
      { numRuns: kind === 'sqlite' ? 300 : 200, interruptAfterTimeLimit: 25_000 },
    );
    expect(Date.now() - started).toBeLessThan(40_000);
  }, 60_000);

  it('refuses text that cannot round-trip with a 400 naming the field, identically on both stores', async () => {
    const before = await auditSize();
    const login = await h.api('').post('/v1/session/login', { email: 'a\ud800@warden.test', password: 'x', totp: '1' });
    expect(login.status).toBe(400);
    expect(fieldsOf(login.body)).toEqual(['email']);
    expect(login.body.error.message).toMatch(/lone UTF-16 surrogate/);

    const nulId = await h.api(crew.lead.token).get('/v1/accounts/%00');
    expect(nulId.status).toBe(400);
    expect(fieldsOf(nulId.body)).toEqual(['path.id']);
    const nulQuery = await h.api(crew.lead.token).get('/v1/cases?accountId=a%00');
    expect(nulQuery.status).toBe(400);
    expect(fieldsOf(nulQuery.body)).toEqual(['query.accountId']);
    const report = await h.api(crew.triage.token).post('/v1/reports', { reporterId: 'u1', accountId: '\u0000', category: 'spam' });
    expect(report.status).toBe(400);
    expect(fieldsOf(report.body)).toEqual(['accountId']);
    expect(report.body.error.message).toMatch(/NUL/);
    // a free-form record is checked too: a key of policyFiles' values
    const policy = await h.api(crew.admin.token).post('/v1/actions', {
      kind: 'change_policy',
      targetId: 'active',
      reasonCode: 'policy_maintenance',
      justification: JUST,
      policyFiles: { 'a.cedar': 'permit(principal, action, resource);\u0000' },
    });
    expect(policy.status).toBe(400);
    expect(fieldsOf(policy.body)).toEqual(['policyFiles.a.cedar']);
    expect(await auditSize()).toBe(before);
    expect((await verify()).ok).toBe(true);
  });

  it('the audit writer itself refuses text it could not store exactly, whatever path it came by', async () => {
    const before = await auditSize();
    for (const [field, input] of [
      ['reason', { reason: 'lone \udc00' }],
      ['subject.id', { subject: { type: 'account', id: 'a\u0000' } }],
      ['actor.id', { actor: { kind: 'staff' as const, id: '\ud800' } }],
    ] as const) {
      const err = await h.ctx
        .transaction((tx) => uncatalogued(h.ctx).append(tx, { actor: SYSTEM, action: 'test.entry', subject: { type: 'account', id: 'acct_0001' }, ...input }))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('invalid_input');
      expect((err as DomainError).details.fields).toEqual([{ path: `audit entry ${field}`, message: expect.stringMatching(/NUL|surrogate/) }]);
    }
    // JSON values escape both in their canonical text: kept, and verified
    await h.ctx.transaction((tx) =>
      uncatalogued(h.ctx).append(tx, { actor: SYSTEM, action: 'test.entry', subject: { type: 'account', id: 'acct_0001' }, after: { odd: '\u0000\ud800', ['\udfff']: 1 }, reason: 'paired 😀 ok' }),
    );
    expect(await auditSize()).toBe(before + 1);
    expect((await verify()).problems).toEqual([]);
  });

  it('refuses instants and counts past their bounds with a 400 naming the field, writing nothing; the timeline stays 200', async () => {
    const now = clock.now();
    const beforeAudit = await auditSize();
    const beforeActions = await actionCount();
    const propose = (extra: Record<string, unknown>) =>
      h.api(crew.lead.token).post('/v1/actions', { kind: 'suspend', targetId: 'acct_0001', reasonCode: 'spam', justification: JUST, durationMs: 86_400_000, ...extra });
    for (const scheduledFor of [8.64e15 + 1, EPOCH_MAX_MS + 1, 1e300, -1, now + 0.5, now + 2 * 366 * 86_400_000]) {
      const r = await propose({ scheduledFor });
      expect(r.status, `scheduledFor ${scheduledFor}`).toBe(400);
      expect(fieldsOf(r.body)).toEqual(['scheduledFor']);
    }
    const access = await h.api(crew.admin.token).post('/v1/actions', {
      kind: 'set_access',
      targetId: crew.contractor.staff.id,
      reasonCode: 'access_management',
      justification: JUST,
      accessUntil: 8.64e15 + 1,
    });
    expect(access.status).toBe(400);
    expect(fieldsOf(access.body)).toEqual(['accessUntil']);
    const staff = await h.api(crew.admin.token).post('/v1/staff', { name: 'X', email: 'x@warden.test', role: 'agent', employment: 'contractor', accessUntil: 9e15 });
    expect(staff.status).toBe(400);
    expect(fieldsOf(staff.body)).toContain('accessUntil');
    const imported = await h.api(crew.admin.token).post('/v1/accounts/import', {
      accounts: [{ id: 'acct_odd', handle: 'odd', followers: 1e15, statusUntil: -8.64e15 - 1, version: 2 ** 60 }],
    });
    expect(imported.status).toBe(400);
    expect(fieldsOf(imported.body).sort()).toEqual(['accounts.0.followers', 'accounts.0.statusUntil', 'accounts.0.version']);
    expect((await h.api(crew.lead.token).get('/v1/accounts/acct_odd')).status).toBe(404);
    expect(await auditSize()).toBe(beforeAudit);
    expect(await actionCount()).toBe(beforeActions);

    // the edge of the range is an instant, and accepted
    const edge = await propose({ scheduledFor: now + 86_400_000 });
    expect(edge.status).toBe(201);
    const timeline = await h.api(crew.auditor.token).get('/v1/accounts/acct_0001/timeline');
    expect(timeline.status).toBe(200);
  });

  it('never answers 500 on odd values already in the store: execution and the timeline render them', async () => {
    const made = await h.api(crew.lead.token).post('/v1/actions', { kind: 'warn', targetId: 'acct_0002', reasonCode: 'spam', justification: JUST, scheduledFor: clock.now() + 3_600_000 });
    expect(made.status).toBe(201);
    const id = made.body.action.id as string;
    // as an earlier version, or a hand in the database, could have left it
    await h.ctx.db.updateTable('actions').set({ scheduled_for: 8.64e15 + 1 }).where('id', '=', id).execute();
    const executed = await h.api(crew.lead.token).post(`/v1/actions/${id}/execute`);
    expect(executed.status).toBeLessThan(500);
    const timeline = await h.api(crew.auditor.token).get('/v1/accounts/acct_0002/timeline');
    expect(timeline.status).toBe(200);
    const explained = await h.api(crew.auditor.token).get(`/v1/actions/${id}/explain`);
    expect(explained.status).toBeLessThan(500);
    expect((await verify()).ok).toBe(true);
  });

  it('a drift whose handling failed is thrown for a webhook (never answered as handled), logged and passed over for a pass', async () => {
    const version = platform.store.getAccount('acct_press')!.version + 1;
    // evidence that cannot be stored: handling this drift fails inside its transaction
    const obs = { accountId: 'acct_press', status: 'locked' as const, statusUntil: null, version, changedAt: clock.now(), via: 'webhook' as const, evidence: { odd: 1n } };
    await expect(h.ctx.tripwires.observe([obs], { rethrow: true })).rejects.toThrow(/BigInt/);
    await expect(h.ctx.tripwires.observe([obs])).resolves.toEqual([]);
    expect(await h.ctx.tripwires.list(h.ctx.db, { accountId: 'acct_press' })).toEqual([]);
  });

  it('reverts a platform change whose statusUntil it cannot judge', async () => {
    const res = await fetch(`${platform.url}/admin/accounts/acct_vip/direct`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'suspended', statusUntil: 8.64e15 + 1 }),
    });
    expect(res.status).toBe(200);
    const changed = (await res.json()) as { version: number };
    const back = await until('the revert on the platform', () => {
      const a = platform.store.getAccount('acct_vip')!;
      return a.version > changed.version && a;
    });
    expect(back).toMatchObject({ status: 'active', statusUntil: null });
    const drifts = await until('the drift to be settled', async () => {
      const d = await h.ctx.tripwires.list(h.ctx.db, { accountId: 'acct_vip' });
      return d.length > 0 && d[0]!.state !== 'detected' && d;
    });
    expect(drifts[0]).toMatchObject({ state: 'reverted', observed: { status: 'suspended', statusUntil: 8.64e15 + 1 } });
    const alerts = await h.ctx.alerts.list(h.ctx.db);
    expect(alerts.find((a) => a.id === drifts[0]!.alertId)?.summary).toMatch(/suspended until \(not an instant: 8640000000000001\)/);
    expect((await h.api(crew.auditor.token).get('/v1/accounts/acct_vip/timeline')).status).toBe(200);
    expect((await verify()).ok).toBe(true);
  });
});
