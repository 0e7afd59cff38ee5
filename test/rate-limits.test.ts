/**
 * Request rate limits on /v1 (per token, per service token, per client address
 * for requests without a valid credential), counted in the store so that
 * several Warden instances share them; and sign-in failures counted per
 * (address, account), so a shared address does not lock out the right person.
 * Real HTTP on both stores; time is the manual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { testConfig } from '../src/test-config.js';
import { totpCode } from '../src/sessions/credentials.js';
import { type RunningServer, startHttp } from '../src/http/server.js';
import { snapshot } from './support/db.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, type Member, seedAccounts, seedCrew } from './support/seed.js';

const MIN = 60_000;
const LIMITS = { windowMs: MIN, perToken: 5, perService: 8, perAddress: 4 };

async function call(url: string, method: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: text ? JSON.parse(text) : null };
}

/** every table but the counters themselves */
async function written(h: ApiHarness) {
  const { rate_limit_counters: _counters, ...rest } = await snapshot(h.ctx.db, h.ctx.store.dialect);
  return rest;
}

describe.each(STORES)('request rate limits on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let second: RunningServer;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  /** a fresh window, aligned to the window's start */
  const nextWindow = () => h.clock.set(h.clock.now() - (h.clock.now() % MIN) + MIN);

  beforeAll(async () => {
    // behind a proxy: X-Forwarded-For names the client (the harness's own calls come from the socket's address)
    h = await makeApiHarness(kind, { rateLimits: LIMITS, session: { ...testConfig(':memory:').session, trustProxy: true } });
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
    // a second Warden instance on the same store
    second = await startHttp(await h.reopen(), 0, '127.0.0.1');
  });
  afterAll(async () => {
    await second.close();
    await h.cleanup();
  });

  it('refuses a token over its limit with 429, Retry-After and the JSON error; the refused request writes nothing', async () => {
    nextWindow();
    h.clock.advance(20_000);
    const agent = bearer(crew.agent.token);
    for (let i = 0; i < LIMITS.perToken; i++) expect((await call(`${h.server.url}/v1/cases`, 'GET', agent)).status).toBe(200);
    const before = await written(h);
    const refused = await call(`${h.server.url}/v1/me/tokens`, 'POST', agent, { label: 'one too many' });
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('40');
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 40, limitedBy: 'token', limit: LIMITS.perToken });
    expect(refused.body.error.message).toMatch(/too many requests with this credential/);
    expect(await written(h)).toEqual(before);
    // another person's token is counted on its own
    expect((await call(`${h.server.url}/v1/cases`, 'GET', bearer(crew.lead.token))).status).toBe(200);
  });

  it('gives the service token its own, higher limit', async () => {
    nextWindow();
    const service = bearer(h.ctx.config.serviceToken);
    const report = (i: number) => ({ reporterId: `rep_${i}`, accountId: 'acct_0001', category: 'spam', text: 'spam' });
    for (let i = 0; i < LIMITS.perService; i++) expect((await call(`${h.server.url}/v1/reports`, 'POST', service, report(i))).status).toBe(202);
    const before = await written(h);
    const refused = await call(`${h.server.url}/v1/reports`, 'POST', service, report(99));
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', limitedBy: 'service', limit: LIMITS.perService });
    expect(await written(h)).toEqual(before);
  });

  it('lets the limit go with the window: the next window counts from zero', async () => {
    nextWindow();
    const triage = bearer(crew.triage.token);
    for (let i = 0; i < LIMITS.perToken; i++) expect((await call(`${h.server.url}/v1/cases`, 'GET', triage)).status).toBe(200);
    h.clock.advance(MIN - 1);
    const last = await call(`${h.server.url}/v1/cases`, 'GET', triage);
    expect(last.status).toBe(429);
    expect(last.retryAfter).toBe('1');
    h.clock.advance(1);
    expect((await call(`${h.server.url}/v1/cases`, 'GET', triage)).status).toBe(200);
  });

  it('shares the count between two Warden instances on one store', async () => {
    nextWindow();
    const lead = bearer(crew.lead2.token);
    const servers = [h.server.url, second.url];
    for (let i = 0; i < LIMITS.perToken; i++) expect((await call(`${servers[i % 2]}/v1/cases`, 'GET', lead)).status).toBe(200);
    // each instance saw about half of them; both refuse the next
    expect((await call(`${second.url}/v1/cases`, 'GET', lead)).status).toBe(429);
    expect((await call(`${h.server.url}/v1/cases`, 'GET', lead)).status).toBe(429);
  });

  it('counts wrong and missing tokens per client address: 401, then 429, on every instance', async () => {
    nextWindow();
    for (let i = 0; i < LIMITS.perAddress; i++) {
      const wrong = await call(`${[h.server.url, second.url][i % 2]}/v1/cases`, 'GET', i === 0 ? {} : bearer(`wen_guess_${i}`));
      expect(wrong.status).toBe(401);
    }
    const before = await written(h);
    const locked = await call(`${h.server.url}/v1/me/tokens`, 'POST', bearer('wen_guess_more'), { label: 'x' });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: 'rate_limited', limitedBy: 'address' });
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect((await call(`${second.url}/v1/cases`, 'GET', bearer('wen_guess_again'))).status).toBe(429);
    expect(await written(h)).toEqual(before);
    // a holder of a valid token is judged by its own count, not by a neighbour's guessing
    expect((await call(`${h.server.url}/v1/cases`, 'GET', bearer(crew.admin.token))).status).toBe(200);
    nextWindow();
    expect((await call(`${h.server.url}/v1/cases`, 'GET', bearer('wen_guess_later'))).status).toBe(401);
  });

  it('takes the address the proxy saw, not one the client forwarded: rotating it escapes nothing', async () => {
    nextWindow();
    const via = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}, 192.0.2.50`, ...bearer(`wen_guess_${i}`) });
    for (let i = 0; i < LIMITS.perAddress; i++) expect((await call(`${h.server.url}/v1/cases`, 'GET', via(i))).status).toBe(401);
    expect((await call(`${h.server.url}/v1/cases`, 'GET', via(99))).status).toBe(429);
    // another client behind the same proxy is another address
    expect((await call(`${h.server.url}/v1/cases`, 'GET', { 'x-forwarded-for': '192.0.2.51', ...bearer('wen_guess') })).status).toBe(401);
  });

  it('counts the routes that need no credential per client address', async () => {
    nextWindow();
    for (let i = 0; i < LIMITS.perAddress; i++) expect((await call(`${h.server.url}/v1/session/methods`, 'GET')).status).toBe(200);
    const limited = await call(`${second.url}/v1/session/methods`, 'GET');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', limitedBy: 'public' });
  });

  it('counts a console session as a credential, forged requests on it (no CSRF token) included', async () => {
    const m = crew.auditor;
    const secret = await h.ctx.transaction(async (tx) => {
      await h.ctx.credentials.setPassword(tx, SYSTEM, m.staff.id, 'correct horse battery staple');
      return (await h.ctx.credentials.enrolTotp(tx, SYSTEM, m.staff.id)).secret;
    });
    nextWindow();
    const res = await fetch(`${h.server.url}/v1/session/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: m.staff.email, password: 'correct horse battery staple', totp: await totpCode(secret, h.clock.now()) }),
    });
    expect(res.status).toBe(200);
    const cookie = { cookie: /^warden_session=[^;]*/.exec(res.headers.getSetCookie()[0]!)![0] };
    for (let i = 0; i < LIMITS.perToken; i++) expect((await call(`${h.server.url}/v1/session/logout`, 'POST', cookie)).status).toBe(403);
    const before = await written(h);
    h.clock.advance(1000);
    const limited = await call(`${second.url}/v1/session`, 'GET', cookie);
    expect(limited.status).toBe(429);
    expect(limited.body.error.limitedBy).toBe('token');
    // refused before the session is touched: its idle timeout did not start again
    expect(await written(h)).toEqual(before);
    nextWindow();
    expect((await call(`${h.server.url}/v1/session`, 'GET', cookie)).status).toBe(200);
  });

  it('forgets ended windows in the clean-up job', async () => {
    nextWindow();
    expect((await call(`${h.server.url}/v1/cases`, 'GET', bearer(crew.agent.token))).status).toBe(200);
    expect(await h.ctx.requestLimits.purgeEnded(h.ctx.db)).toBeGreaterThan(0);
    const left = await h.ctx.db.selectFrom('rate_limit_counters').select('window_start').execute();
    expect(left.map((r) => Number(r.window_start))).toEqual([h.clock.now()]);
  });
});

describe.each(STORES)('sign-in failures from a shared address on %s', (kind) => {
  const PASSWORD = 'correct horse battery staple';
  const OFFICE = '192.0.2.10';
  let h: ApiHarness;
  let crew: Crew;
  const secrets = new Map<string, string>();

  const login = (address: string, email: string, password: string, totp: string) =>
    call(`${h.server.url}/v1/session/login`, 'POST', { 'x-forwarded-for': address }, { email, password, totp });
  /** the right password and a fresh code */
  const rightLogin = async (address: string, m: Member) => {
    h.clock.advance(30_000);
    return login(address, m.staff.email, PASSWORD, await totpCode(secrets.get(m.staff.id)!, h.clock.now()));
  };
  const fail = async (address: string, email: string, times: number) => {
    for (let i = 0; i < times; i++) expect((await login(address, email, 'guessing', '000000')).status).toBe(401);
  };

  beforeAll(async () => {
    h = await makeApiHarness(kind, { session: { ...testConfig(':memory:').session, trustProxy: true } });
    crew = await seedCrew(h.ctx);
    for (const m of Object.values(crew)) {
      const { secret } = await h.ctx.transaction(async (tx) => {
        await h.ctx.credentials.setPassword(tx, SYSTEM, m.staff.id, PASSWORD);
        return h.ctx.credentials.enrolTotp(tx, SYSTEM, m.staff.id);
      });
      secrets.set(m.staff.id, secret);
    }
  });
  afterAll(() => h.cleanup());

  it("does not lock out the right person behind a shared address for someone else's failures", async () => {
    // 20 failures from the office on four other accounts, each up to the per-account limit
    for (const who of ['a', 'b', 'c', 'd']) await fail(OFFICE, `${who}@elsewhere.test`, 5);
    expect((await login(OFFICE, 'a@elsewhere.test', 'guessing', '000000')).status).toBe(429);
    expect((await rightLogin(OFFICE, crew.agent)).status).toBe(200);
    h.clock.advance(15 * MIN);
  });

  it('still limits one account from one address, one account from everywhere, and the address as a whole', async () => {
    const cfg = h.ctx.config.session;
    // per (address, account): the guessed account waits at the office, not elsewhere
    await fail(OFFICE, crew.lead.staff.email, cfg.maxFailuresPerAddressAccount);
    const limited = await rightLogin(OFFICE, crew.lead);
    expect(limited.status).toBe(429);
    expect(limited.body.error.limitedBy).toContain('account from this address');
    h.clock.advance(15 * MIN);
    // per account, across addresses
    for (let i = 0; i < cfg.maxFailuresPerAccount; i++) await fail(`198.51.100.${i + 1}`, crew.lead2.staff.email, 1);
    expect((await rightLogin('198.51.100.200', crew.lead2)).status).toBe(429);
    h.clock.advance(15 * MIN);
    // the address as a whole, at its much higher limit
    const spread = Math.ceil(cfg.maxFailuresPerAddress / 4);
    for (let i = 0; i < cfg.maxFailuresPerAddress; i++) await fail(OFFICE, `spray${i % spread}@elsewhere.test`, 1);
    const whole = await rightLogin(OFFICE, crew.auditor);
    expect(whole.status).toBe(429);
    expect(whole.body.error.limitedBy).toContain('address');
    expect((await rightLogin('198.51.100.201', crew.auditor)).status).toBe(200);
  });
});
