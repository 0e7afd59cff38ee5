/**
 * Staff sign-in through the API on both stores, over real HTTP: password +
 * TOTP (a code works once), one answer for every wrong credential, rate limits
 * per account and per address, the cookie's flags, CSRF on state-changing
 * requests, idle and absolute timeouts, access end and offboarding ending an
 * open session, step-up before destructive actions on protected accounts, and
 * bearer tokens unaffected; and sign-in through an OpenID Connect provider
 * (a small one on loopback).
 */
import { ENDED_SESSION_RETENTION_MS } from '../src/sessions/service.js';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { testConfig } from '../src/test-config.js';
import { TotpVault, totpCode } from '../src/sessions/credentials.js';
import { runSchedulerOnce } from '../src/workers/scheduler.js';
import { type Session, endReasonAt, needsStepUp, rateLimit } from '../src/sessions/model.js';
import { enforcingWith, stateAfter } from '../src/actions/kinds.js';
import { type AccountState, effectOf, isDestructive } from '../src/actions/model.js';
import type { EnforcementKind } from '../src/policy/model.js';
import { auditByAction, auditHead, countRows } from './support/db.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type TestOidcProvider, startOidcProvider } from './support/oidc-provider.js';
import { type Crew, type Member, seedAccounts, seedCrew } from './support/seed.js';

const PASSWORD = 'correct horse battery staple';
const JUST = 'repeated credible threats reported by many users';
const MIN = 60_000;
const STEP = 30_000;
const TOTP_KEY = randomBytes(32).toString('base64');

interface Res {
  status: number;
  body: any;
  headers: Headers;
}

/** A browser, as far as the API can tell: keeps the session cookie, echoes the CSRF token when asked to. */
class Browser {
  cookie: string | null = null;
  csrf: string | null = null;
  lastSetCookie: string | null = null;

  constructor(
    private readonly base: string,
    private readonly address = '203.0.113.7',
  ) {}

  async send(method: string, path: string, body?: unknown, opts: { csrf?: string | null } = {}): Promise<Res> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.address };
    if (this.cookie) headers.cookie = this.cookie;
    const csrf = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (csrf) headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = res.headers.getSetCookie();
    if (set.length > 0) {
      this.lastSetCookie = set.join('\n');
      const value = /^warden_session=([^;]*)/.exec(set[0]!)?.[1];
      this.cookie = value ? `warden_session=${value}` : null;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get = (path: string) => this.send('GET', path);
  post = (path: string, body: unknown = {}, opts: { csrf?: string | null } = {}) => this.send('POST', path, body, opts);

  async login(email: string, password: string, totp: string): Promise<Res> {
    const res = await this.post('/v1/session/login', { email, password, totp });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }
}

describe.each(STORES)('staff sign-in on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  const secrets = new Map<string, string>();
  let nextAddress = 1;

  const code = (m: Member, at = h.clock.now()) => totpCode(secrets.get(m.staff.id)!, at);
  const browser = (address = `198.51.100.${nextAddress++}`) => new Browser(h.server.url, address);
  /** a fresh TOTP step, so the next code has not been used yet */
  const nextStep = () => h.clock.advance(STEP);
  const signIn = async (m: Member, b = browser()) => {
    nextStep();
    const res = await b.login(m.staff.email, PASSWORD, await code(m));
    expect(res.status).toBe(200);
    return b;
  };

  beforeAll(async () => {
    // behind a proxy in these tests, so each browser can come from an address of its own
    // TOTP secrets encrypted at rest, as a deployment with WARDEN_TOTP_KEY keeps them
    h = await makeApiHarness(kind, { session: { ...testConfig(':memory:').session, trustProxy: true, totpKey: TOTP_KEY } });
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
    for (const m of Object.values(crew)) {
      const { secret } = await h.ctx.transaction(async (tx) => {
        await h.ctx.credentials.setPassword(tx, SYSTEM, m.staff.id, PASSWORD);
        return h.ctx.credentials.enrolTotp(tx, SYSTEM, m.staff.id);
      });
      secrets.set(m.staff.id, secret);
    }
  });
  afterAll(() => h.cleanup());

  it('signs in with password and TOTP: the session body, an httpOnly SameSite=Strict cookie, audited', async () => {
    const b = browser();
    nextStep();
    const now = h.clock.now();
    const res = await b.login(crew.agent.staff.email.toUpperCase(), PASSWORD, await code(crew.agent));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      staff: { id: crew.agent.staff.id, name: 'agent', email: crew.agent.staff.email, role: 'agent', employment: 'employee', accessUntil: null },
      csrfToken: expect.stringMatching(/^[\w-]{40,}$/),
      expiresAt: now + 12 * 60 * MIN,
      idleExpiresAt: now + 30 * MIN,
      stepUpUntil: now + 5 * MIN,
      // what they may do, from the policy (test/authorization.test.ts checks it role by role)
      capabilities: expect.objectContaining({ operations: expect.arrayContaining(['cases.claim', 'actions.approve']) }),
    });
    const cookie = b.lastSetCookie!;
    expect(cookie).toMatch(/^warden_session=[\w-]{40,};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/; Secure/i); // plain http on loopback, as configured

    // the cookie alone authenticates reads
    const me = await b.get('/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.staff.id).toBe(crew.agent.staff.id);
    h.clock.advance(MIN);
    const current = await b.get('/v1/session');
    expect(current.status).toBe(200);
    expect(current.body.csrfToken).toBe(res.body.csrfToken);
    expect(current.body.idleExpiresAt).toBe(h.clock.now() + 30 * MIN); // refreshed

    const logins = await auditByAction(h.ctx.db, 'session.login');
    expect(logins.at(-1)).toMatchObject({ actor: { kind: 'staff', id: crew.agent.staff.id }, after: { method: 'password', address: b['address'] } });
    // neither the cookie's token nor the TOTP secret is in the store or the log
    const token = /warden_session=([^;]*)/.exec(cookie)![1]!;
    const sessions = await h.ctx.db.selectFrom('staff_sessions').selectAll().execute();
    expect(JSON.stringify(sessions)).not.toContain(token);
    const log = JSON.stringify(await h.ctx.audit.list(h.ctx.db, { limit: 1000 }));
    expect(log).not.toContain(token);
    expect(log).not.toContain(secrets.get(crew.agent.staff.id)!);
  });

  it('keeps TOTP secrets encrypted and passwords as argon2id hashes', async () => {
    const row = await h.ctx.db.selectFrom('staff_credentials').selectAll().where('staff_id', '=', crew.agent.staff.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.totp_secret).toMatch(/^aes256gcm:/);
    expect(row.totp_secret).not.toContain(secrets.get(crew.agent.staff.id)!);
    expect(new TotpVault(TOTP_KEY).open(row.totp_secret!)).toBe(secrets.get(crew.agent.staff.id));
    expect(() => new TotpVault(randomBytes(32).toString('base64')).open(row.totp_secret!)).toThrow();
    expect(() => new TotpVault(undefined).open(row.totp_secret!)).toThrow(/WARDEN_TOTP_KEY/);
  });

  it('lets only one of two simultaneous sign-ins with the same code through', async () => {
    nextStep();
    const c = await code(crew.admin);
    const results = await Promise.all([browser().login(crew.admin.staff.email, PASSWORD, c), browser().login(crew.admin.staff.email, PASSWORD, c)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('gives one answer for a wrong email, password or code, and for a code used before; sets no cookie; audits each', async () => {
    nextStep();
    const good = await code(crew.lead);
    const failedBefore = (await auditByAction(h.ctx.db, 'session.login_failed')).length;
    const attempts = [
      { email: 'nobody@warden.test', password: PASSWORD, totp: good },
      { email: crew.lead.staff.email, password: 'wrong password', totp: good },
      { email: crew.lead.staff.email, password: PASSWORD, totp: good === '000000' ? '111111' : '000000' },
      { email: crew.lead.staff.email, password: PASSWORD, totp: 'abc' },
    ];
    for (const a of attempts) {
      const b = browser();
      const res = await b.login(a.email, a.password, a.totp);
      expect({ a, status: res.status, body: res.body }).toEqual({ a, status: 401, body: { error: { code: 'invalid_credentials', message: 'wrong email, password or code' } } });
      expect(b.cookie).toBeNull();
    }
    // the right code works once
    expect((await browser().login(crew.lead.staff.email, PASSWORD, good)).status).toBe(200);
    const replay = await browser().login(crew.lead.staff.email, PASSWORD, good);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('invalid_credentials');
    // ... even a step later, while the old code is still inside the drift window
    h.clock.advance(STEP);
    expect((await browser().login(crew.lead.staff.email, PASSWORD, good)).status).toBe(401);

    const failed = (await auditByAction(h.ctx.db, 'session.login_failed')).slice(failedBefore);
    expect(failed.map((e) => (e.after as { why: string }).why)).toEqual(['unknown_email', 'wrong_password', 'wrong_totp', 'wrong_totp', 'totp_replayed', 'totp_replayed']);
    expect(failed[0]!.subject).toEqual({ type: 'login', id: 'nobody@warden.test' });
    expect(failed[1]!.subject).toEqual({ type: 'staff', id: crew.lead.staff.id });
  });

  it('rate limits failed sign-ins per account, with Retry-After, until the window passes', async () => {
    const target = crew.auditor;
    const start = h.clock.now();
    for (let i = 0; i < 5; i++) {
      h.clock.advance(1000);
      expect((await browser().login(target.staff.email, 'guessing', '123456')).status).toBe(401);
    }
    // even the right credentials, from a fresh address, wait
    nextStep();
    const limited = await browser().login(target.staff.email, PASSWORD, await code(target));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBe(Math.ceil((start + 1000 + 15 * MIN - h.clock.now()) / 1000));
    expect(limited.body.error.retryAfterSeconds).toBe(retryAfter);
    // other people are unaffected
    await signIn(crew.admin);

    h.clock.advance(retryAfter * 1000);
    nextStep();
    expect((await browser().login(target.staff.email, PASSWORD, await code(target))).status).toBe(200);
  });

  it('rate limits failed sign-ins per client address, whatever the account', async () => {
    const address = '192.0.2.99';
    for (let i = 0; i < h.ctx.config.session.maxFailuresPerAddress; i++) {
      h.clock.advance(100);
      expect((await new Browser(h.server.url, address).login(`stranger${i}@warden.test`, 'guessing', '123456')).status).toBe(401);
    }
    nextStep();
    const limited = await new Browser(h.server.url, address).login(crew.lead2.staff.email, PASSWORD, await code(crew.lead2));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // the same person from another address gets in
    expect((await browser().login(crew.lead2.staff.email, PASSWORD, await code(crew.lead2))).status).toBe(200);
    h.clock.advance(15 * MIN);
  });

  it('refuses a state-changing request without the right x-csrf-token, changing nothing; accepts it with', async () => {
    const [report] = await h.ctx.transaction((tx) =>
      h.ctx.intake.submit(tx, { kind: 'service', id: 'platform' }, [{ reporterId: 'csrf_reporter', accountId: 'acct_0003', category: 'spam', text: '', evidence: [] }]),
    );
    const b = await signIn(crew.agent);
    const path = `/v1/cases/${report!.caseId}/claim`;
    const head = await auditHead(h.ctx.db);
    for (const csrf of [null, 'not-the-token', `${b.csrf}x`]) {
      const res = await b.post(path, {}, { csrf });
      expect({ csrf, status: res.status, code: res.body.error?.code }).toEqual({ csrf, status: 403, code: 'csrf_failed' });
    }
    expect(await auditHead(h.ctx.db)).toEqual(head);
    const kase = await h.ctx.db.selectFrom('cases').select('claimed_by').where('id', '=', report!.caseId).executeTakeFirstOrThrow();
    expect(kase.claimed_by).toBeNull();

    const ok = await b.post(path, {});
    expect(ok.status).toBe(200);
    // the cookie of one session and the token of another do not mix
    const other = await signIn(crew.lead);
    expect((await b.post(`/v1/cases/${report!.caseId}/release`, { reason: 'csrf test' }, { csrf: other.csrf })).status).toBe(403);
    expect((await b.post(`/v1/cases/${report!.caseId}/release`, { reason: 'csrf test' })).status).toBe(200);
  });

  it('ends a session after 30 idle minutes, and after 12 hours however busy', async () => {
    const idle = await signIn(crew.agent);
    h.clock.advance(30 * MIN - 1);
    expect((await idle.get('/v1/me')).status).toBe(200);
    h.clock.advance(30 * MIN - 1);
    expect((await idle.get('/v1/me')).status).toBe(200);
    h.clock.advance(30 * MIN);
    const kept = idle.cookie; // a copy, as a tab that missed the news would send
    const ended = await idle.get('/v1/me');
    expect(ended.status).toBe(401);
    expect(ended.body.error).toMatchObject({ code: 'session_ended', reason: 'idle' });
    expect(idle.lastSetCookie).toMatch(/^warden_session=;.*Max-Age=0/i); // and the browser drops the cookie
    idle.cookie = kept;
    // and it stays ended: activity does not revive it
    h.clock.advance(-MIN);
    expect((await idle.get('/v1/session')).body.error).toMatchObject({ code: 'session_ended', reason: 'idle' });
    h.clock.advance(MIN);

    const busy = await signIn(crew.agent);
    const login = (await busy.get('/v1/session')).body;
    while (h.clock.now() + 20 * MIN < login.expiresAt) {
      h.clock.advance(20 * MIN);
      expect((await busy.get('/v1/me')).status).toBe(200);
    }
    h.clock.set(login.expiresAt - 1);
    expect((await busy.get('/v1/me')).status).toBe(200);
    h.clock.set(login.expiresAt);
    const expired = await busy.get('/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({ code: 'session_ended', reason: 'expired' });

    const ends = await auditByAction(h.ctx.db, 'session.ended');
    expect(ends.slice(-2).map((e) => (e.after as { reason: string }).reason)).toEqual(['idle', 'expired']);
  });

  it('signs out: 204, the cookie cleared, the session over; a logout without the CSRF token is refused', async () => {
    const b = await signIn(crew.auditor);
    const cookie = b.cookie;
    expect((await b.post('/v1/session/logout', {}, { csrf: null })).status).toBe(403);
    expect((await b.get('/v1/me')).status).toBe(200);
    const out = await b.post('/v1/session/logout');
    expect(out.status).toBe(204);
    expect(b.lastSetCookie).toMatch(/^warden_session=;.*Max-Age=0/i);
    b.cookie = cookie; // a copy kept by someone
    const after = await b.get('/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.error).toMatchObject({ code: 'session_ended', reason: 'logged_out' });
    expect((await auditByAction(h.ctx.db, 'session.logout')).at(-1)).toMatchObject({ actor: { kind: 'staff', id: crew.auditor.staff.id } });
  });

  /** A person with console credentials, made now. */
  const newMember = async (name: string, accessUntil: number | null = null): Promise<Member> =>
    h.ctx.transaction(async (tx) => {
      const s = await h.ctx.staff.create(tx, SYSTEM, { name, email: `${name}@warden.test`, role: 'agent', employment: accessUntil ? 'contractor' : 'employee', accessFrom: h.clock.now() - 1000, accessUntil });
      await h.ctx.credentials.setPassword(tx, SYSTEM, s.id, PASSWORD);
      const { secret } = await h.ctx.credentials.enrolTotp(tx, SYSTEM, s.id);
      secrets.set(s.id, secret);
      return { staff: s, token: '' };
    });

  it('ends an open session the instant the access window closes', async () => {
    const contractor = await newMember('last_day', h.clock.now() + 20 * MIN);
    const b = await signIn(contractor);
    const until = contractor.staff.access.until!;
    h.clock.set(until - 1);
    expect((await b.get('/v1/me')).status).toBe(200);
    h.clock.set(until);
    const res = await b.get('/v1/cases');
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'session_ended', reason: 'access_ended' });
    // and a new sign-in is refused though both factors are right
    nextStep();
    const again = await browser().login(contractor.staff.email, PASSWORD, await code(contractor));
    expect(again.status).toBe(401);
    expect(again.body.error.accessState).toBe('ended');
  });

  it('has the access sweep end the sessions of everyone whose window closed, without waiting for a request', async () => {
    const contractor = await newMember('swept', h.clock.now() + 20 * MIN);
    await signIn(contractor);
    h.clock.advance(20 * MIN);
    const run = await runSchedulerOnce(h.ctx);
    expect(run.accessEnded).toContain(contractor.staff.id);
    const rows = await h.ctx.db.selectFrom('staff_sessions').select(['ended_at', 'end_reason']).where('staff_id', '=', contractor.staff.id).execute();
    expect(rows).toEqual([{ ended_at: h.clock.now(), end_reason: 'access_ended' }]);
    const revoked = (await auditByAction(h.ctx.db, 'staff.access_revoked')).at(-1)!;
    expect(revoked.subject.id).toBe(contractor.staff.id);
    expect((revoked.after as { sessionsEnded: string[] }).sessionsEnded).toHaveLength(1);
  });

  it('ends every open session of a person being offboarded, at once and audited', async () => {
    const person = await newMember('leaver');
    const laptop = await signIn(person);
    const phone = await signIn(person);
    expect((await laptop.get('/v1/me')).status).toBe(200);

    const off = await h.api(crew.admin.token).post(`/v1/staff/${person.staff.id}/offboard`, { reason: 'left the company' });
    expect(off.status).toBe(200);
    expect(off.body.sessionsEnded).toHaveLength(2);
    const revoked = (await auditByAction(h.ctx.db, 'staff.access_revoked')).at(-1)!;
    expect((revoked.after as { sessionsEnded: string[] }).sessionsEnded).toEqual(off.body.sessionsEnded);

    for (const b of [laptop, phone]) {
      const res = await b.post('/v1/cases/claim', {});
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'session_ended', reason: 'offboarded' });
    }
  });

  it('ends an open session on the next request when the person is offboarded behind its back', async () => {
    const b = await signIn(crew.triage);
    await h.ctx.db.updateTable('staff').set({ offboarded_at: h.clock.now() }).where('id', '=', crew.triage.staff.id).execute();
    const res = await b.get('/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'session_ended', reason: 'offboarded' });
  });

  it('asks for a fresh TOTP code before proposing or approving a destructive action on a protected account', async () => {
    const proposal = { kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'harassment', justification: JUST };
    const lead = await signIn(crew.lead);
    // sign-in's own code counts as a step-up for 5 minutes; after that, a new one is needed
    h.clock.advance(5 * MIN);
    const actionsBefore = await countRows(h.ctx.db, 'actions');
    const head = await auditHead(h.ctx.db);
    const refused = await lead.post('/v1/actions', proposal);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'step_up_required', kind: 'deactivate', tier: 'critical' });
    expect(await countRows(h.ctx.db, 'actions')).toBe(actionsBefore);
    expect(await auditHead(h.ctx.db)).toEqual(head);

    // the policy speaks before the step-up: a contractor is told why they may not, not asked for a code
    const contractor = await signIn(await newMember('stepless', h.clock.now() + 8 * 60 * MIN));
    h.clock.advance(5 * MIN);
    const denied = await contractor.post('/v1/actions', proposal);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    expect(denied.body.error.message).toContain('contractor');

    // a standard account, or a warning, needs no step-up
    expect((await lead.post('/v1/actions', { kind: 'warn', targetId: 'acct_vip', reasonCode: 'harassment', justification: JUST })).status).toBe(201);

    // a wrong code is refused and leaves the session as it was
    const wrong = await lead.post('/v1/session/step-up', { totp: '000000' === (await code(crew.lead)) ? '111111' : '000000' });
    // (403, not 401: the session itself is fine)
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({ code: 'step_up_required', reason: 'wrong_totp' });
    expect((await lead.get('/v1/session')).status).toBe(200);

    nextStep();
    const fresh = await code(crew.lead);
    const stepped = await lead.post('/v1/session/step-up', { totp: fresh });
    expect(stepped.status).toBe(200);
    expect(stepped.body).toEqual({ stepUpUntil: h.clock.now() + 5 * MIN });
    expect((await lead.get('/v1/session')).body.stepUpUntil).toBe(stepped.body.stepUpUntil);
    // the code is spent
    const spent = await lead.post('/v1/session/step-up', { totp: fresh });
    expect(spent.status).toBe(403);
    expect(spent.body.error).toMatchObject({ code: 'step_up_required', reason: 'totp_replayed' });

    const proposed = await lead.post('/v1/actions', proposal);
    expect(proposed.status).toBe(201);
    const id = proposed.body.action.id;

    const approver = await signIn(crew.lead2);
    h.clock.advance(5 * MIN);
    const notYet = await approver.post(`/v1/actions/${id}/approve`, { comment: 'seen it' });
    expect(notYet.status).toBe(403);
    expect(notYet.body.error.code).toBe('step_up_required');
    expect(await h.ctx.actions.approvals(h.ctx.db, id)).toHaveLength(0);
    nextStep();
    expect((await approver.post('/v1/session/step-up', { totp: await code(crew.lead2) })).status).toBe(200);
    const approved = await approver.post(`/v1/actions/${id}/approve`, { comment: 'seen it' });
    expect(approved.status).toBe(200);
    expect(approved.body.action.state).toBe('awaiting_approval');

    const steps = await auditByAction(h.ctx.db, 'session.step_up');
    expect(steps.slice(-2).map((e) => e.actor.id)).toEqual([crew.lead.staff.id, crew.lead2.staff.id]);
    expect((await auditByAction(h.ctx.db, 'session.step_up_failed')).length).toBeGreaterThanOrEqual(2);
  });

  it('counts wrong step-up codes toward the rate limit of the account', async () => {
    const member = await newMember('fumbler');
    const b = await signIn(member);
    for (let i = 0; i < 5; i++) expect((await b.post('/v1/session/step-up', { totp: 'abcdef' })).status).toBe(403);
    nextStep();
    const limited = await b.post('/v1/session/step-up', { totp: await code(member) });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await b.get('/v1/session')).status).toBe(200); // the session itself lives on
    h.clock.advance(15 * MIN);
  });

  it('leaves bearer tokens as they were: no cookie, no CSRF token, no step-up', async () => {
    const lead = h.api(crew.lead2.token);
    expect((await lead.get('/v1/me')).status).toBe(200);
    const proposed = await lead.post('/v1/actions', { kind: 'lock', targetId: 'acct_press', reasonCode: 'harassment', justification: JUST });
    expect(proposed.status).toBe(201);
    // the session routes need a session
    const noSession = await lead.get('/v1/session');
    expect(noSession.status).toBe(409);
    expect(noSession.body.error.message).toContain('bearer token');
    // the service token is no person: it has no session to ask about
    expect((await h.api(h.ctx.config.serviceToken).get('/v1/session')).status).toBe(403);
    // an unknown cookie is no session
    const stranger = browser();
    stranger.cookie = 'warden_session=forged';
    const res = await stranger.get('/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('forgets ended and expired sessions a week after they end (the audit log keeps them)', async () => {
    const gone = await signIn(crew.lead);
    expect((await gone.post('/v1/session/logout')).status).toBe(204);
    const mine = await h.ctx.db.selectFrom('staff_sessions').select('id').where('staff_id', '=', crew.lead.staff.id).where('end_reason', '=', 'logged_out').orderBy('ended_at', 'desc').executeTakeFirstOrThrow();
    const kept = () => h.ctx.db.selectFrom('staff_sessions').select('id').where('id', '=', mine.id).executeTakeFirst();
    h.clock.advance(ENDED_SESSION_RETENTION_MS - 1);
    await h.ctx.transaction((tx) => h.ctx.sessions.purgeExpired(tx));
    expect(await kept()).toBeDefined();
    h.clock.advance(1);
    const purged = await h.ctx.transaction((tx) => h.ctx.sessions.purgeExpired(tx));
    expect(purged.sessions).toBeGreaterThan(0);
    expect(await kept()).toBeUndefined();
    expect((await auditByAction(h.ctx.db, 'session.logout')).length).toBeGreaterThan(0);
  });

  it('forgets login attempts once they are past the rate-limit window', async () => {
    await browser().login('forgotten@warden.test', 'guessing', '123456');
    const before = await countRows(h.ctx.db, 'login_attempts');
    expect(before).toBeGreaterThan(0);
    h.clock.advance(15 * MIN - 1);
    const early = await h.ctx.transaction((tx) => h.ctx.sessions.purgeExpired(tx));
    expect(await countRows(h.ctx.db, 'login_attempts')).toBe(before - early.attempts);
    expect(await countRows(h.ctx.db, 'login_attempts')).toBeGreaterThan(0);
    h.clock.advance(1);
    await h.ctx.transaction((tx) => h.ctx.sessions.purgeExpired(tx));
    expect(await countRows(h.ctx.db, 'login_attempts')).toBe(0);
  });

  it('answers 404 for OpenID Connect sign-in when it is not configured', async () => {
    const res = await browser().get('/v1/session/oidc/start');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('WARDEN_OIDC_ISSUER');
    // and the sign-in screen is told so, without a session
    expect((await browser().get('/v1/session/methods')).body).toEqual({ password: true, oidc: false });
  });

  it('takes a sign-in only as JSON: a cross-site form cannot sign a browser in', async () => {
    nextStep();
    const form = JSON.stringify({ email: crew.lead.staff.email, password: PASSWORD, totp: await code(crew.lead) });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await fetch(`${h.server.url}/v1/session/login`, { method: 'POST', headers: { 'content-type': type }, body: form });
      const body = await res.json();
      expect({ type, status: res.status, cookies: res.headers.getSetCookie(), code: body.error.code }).toEqual({ type, status: 415, cookies: [], code: 'unsupported_media_type' });
    }
  });

  it('rejects malformed sign-in bodies with the field named, writing nothing', async () => {
    const head = await auditHead(h.ctx.db);
    const res = await browser().post('/v1/session/login', { email: 'x@warden.test', password: PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['totp']);
    expect(await auditHead(h.ctx.db)).toEqual(head);
  });
});

describe.each(STORES)('sign-in through OpenID Connect on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let idp: TestOidcProvider;
  // the provider sends browsers to the configured URI; here the test carries them to the server's real port
  const REDIRECT = 'http://warden.invalid/v1/session/oidc/callback';

  beforeAll(async () => {
    idp = await startOidcProvider();
    h = await makeApiHarness(kind, { oidc: { issuer: idp.url, clientId: idp.clientId, clientSecret: idp.clientSecret, redirectUri: REDIRECT } });
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
  });
  afterAll(async () => {
    await h.cleanup();
    await idp.close();
  });

  /** start → the provider → back to Warden's callback, as a browser would; the callback's response */
  it('tells the sign-in screen that OpenID Connect is on', async () => {
    const res = await fetch(`${h.server.url}/v1/session/methods`);
    expect(await res.json()).toEqual({ password: true, oidc: true });
  });

  const roundTrip = async (email: string, verified = true) => {
    idp.user = { email, email_verified: verified };
    const start = await fetch(`${h.server.url}/v1/session/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(idp.url);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const back = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(back.headers.get('location')!);
    expect(callback.href.startsWith(REDIRECT)).toBe(true);
    const url = `${h.server.url}${callback.pathname}${callback.search}`;
    return { url, res: await fetch(url, { redirect: 'manual' }) };
  };

  it('signs a verified staff email in: cookie, redirect to the console, a session without step-up', async () => {
    const { url, res } = await roundTrip(crew.lead.staff.email);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^warden_session=[\w-]{40,};.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = await fetch(`${h.server.url}/v1/session`, { headers: { cookie: cookie.split(';')[0]! } });
    const body = await session.json();
    expect(body).toMatchObject({ staff: { id: crew.lead.staff.id, role: 'lead' }, stepUpUntil: null });
    // no TOTP was entered: destructive steps on protected accounts wait for one
    const propose = await fetch(`${h.server.url}/v1/actions`, {
      method: 'POST',
      headers: { cookie: cookie.split(';')[0]!, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'harassment', justification: JUST }),
    });
    expect(propose.status).toBe(403);
    expect((await auditByAction(h.ctx.db, 'session.login')).at(-1)).toMatchObject({ actor: { id: crew.lead.staff.id }, after: { method: 'oidc' } });

    // the provider's answer is good once
    const again = await fetch(url, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect((await again.json()).error.code).toBe('invalid_credentials');
  });

  it('refuses an unverified email, an email no staff member has, and a person whose access ended', async () => {
    for (const [email, verified] of [[crew.agent.staff.email, false], ['someone@else.example', true]] as const) {
      const { res } = await roundTrip(email, verified);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('invalid_credentials');
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    h.clock.set(crew.contractor.staff.access.until!);
    const { res } = await roundTrip(crew.contractor.staff.email);
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatchObject({ code: 'unauthenticated', accessState: 'ended' });
    const failed = await auditByAction(h.ctx.db, 'session.login_failed');
    expect(failed.slice(-2).map((e) => (e.after as { why: string }).why)).toEqual(['oidc_refused', 'oidc_refused']);
  });

  it('limits callbacks per client address: forged callbacks are refused, then the address waits', async () => {
    const limit = h.ctx.config.session.maxFailuresPerAddress;
    const forged = () => fetch(`${h.server.url}/v1/session/oidc/callback?state=forged&code=forged`, { redirect: 'manual' });
    for (let i = 0; i < limit; i++) expect((await forged()).status).toBe(401);
    const refused = await forged();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // the window passing lifts it
    h.clock.advance(h.ctx.config.session.loginWindowMs);
    expect((await forged()).status).toBe(401);
  });
});

describe('session rules (pure)', () => {
  const T = Date.UTC(2026, 10, 2, 17, 0, 0);
  const session: Session = { id: 's', staffId: 'p', csrfToken: 'c', method: 'password', address: 'a', createdAt: T, lastSeenAt: T, expiresAt: T + 12 * 60 * MIN, stepUpUntil: null, endedAt: null, endReason: null };
  const person = { access: { from: T - MIN, until: T + 60 * MIN }, offboardedAt: null };

  it('judges access before timeouts, and the absolute end before idleness', () => {
    expect(endReasonAt(session, person, T + 10 * MIN, 30 * MIN)).toBeNull();
    expect(endReasonAt(session, person, T + 30 * MIN, 30 * MIN)).toBe('idle');
    expect(endReasonAt({ ...session, lastSeenAt: T + 59 * MIN }, person, T + 60 * MIN, 30 * MIN)).toBe('access_ended');
    expect(endReasonAt(session, { ...person, offboardedAt: T + MIN }, T + 90 * MIN, 30 * MIN)).toBe('offboarded');
    const forever = { access: { from: T - MIN, until: null }, offboardedAt: null };
    expect(endReasonAt({ ...session, lastSeenAt: T + 12 * 60 * MIN - 1 }, forever, T + 12 * 60 * MIN, 30 * MIN)).toBe('expired');
    expect(endReasonAt({ ...session, endedAt: T, endReason: 'logged_out' }, forever, T + MIN, 30 * MIN)).toBe('logged_out');
  });

  it('asks for step-up only for destructive effects on protected tiers', () => {
    const active = { status: 'active', statusUntil: null } as const;
    const effect = (kind: EnforcementKind, restoreTo?: AccountState) => effectOf(active, stateAfter(enforcingWith(kind, { durationMs: 3_600_000, ...(restoreTo ? { restoreTo } : {}) }), active, 0), 0);
    for (const kind of ['lock', 'suspend', 'deactivate'] as const) {
      const d = isDestructive(kind, effect(kind));
      expect([needsStepUp(d, 'standard'), needsStepUp(d, 'elevated'), needsStepUp(d, 'critical')]).toEqual([false, true, true]);
    }
    for (const kind of ['warn', 'limit', 'restore'] as const) expect(needsStepUp(isDestructive(kind, effect(kind)), 'critical')).toBe(false);
    // a restore that would lock the account again is as destructive as a lock
    expect(needsStepUp(isDestructive('restore', effect('restore', { status: 'locked', statusUntil: null })), 'critical')).toBe(true);
  });

  it('limits at the configured counts and says when the oldest counted failure lapses', () => {
    const limits = { maxFailuresPerAccount: 5, maxFailuresPerAddressAccount: 5, maxFailuresPerAddress: 20, loginWindowMs: 15 * MIN };
    const none = { failures: 0, oldestAt: null };
    expect(rateLimit({ account: { failures: 4, oldestAt: T }, address: none }, limits, T + MIN)).toBeNull();
    const byAccount = rateLimit({ account: { failures: 5, oldestAt: T }, address: none }, limits, T + MIN)!;
    expect(byAccount.code).toBe('rate_limited');
    expect(byAccount.details).toMatchObject({ retryAfterSeconds: 14 * 60, limitedBy: ['account'] });
    const both = rateLimit({ account: { failures: 5, oldestAt: T }, address: { failures: 20, oldestAt: T + 2 * MIN } }, limits, T + 3 * MIN)!;
    expect(both.details).toMatchObject({ retryAfterSeconds: 14 * 60, limitedBy: ['account', 'address'] });
    // one account from one address is limited on its own; someone else's failures there count only towards the address
    const here = rateLimit({ account: { failures: 3, oldestAt: T }, addressAccount: { failures: 5, oldestAt: T }, address: { failures: 5, oldestAt: T } }, limits, T + MIN)!;
    expect(here.details).toMatchObject({ limitedBy: ['account from this address'] });
    expect(rateLimit({ account: none, addressAccount: none, address: { failures: 19, oldestAt: T } }, limits, T + MIN)).toBeNull();
  });
});
