/**
 * A credential is only ever usable by its holder (issue 10, class 3). Over
 * real HTTP on both stores: no route hands an admin a usable token for
 * someone else; an enrolment's answer carries no code; the code arrives only
 * at the staff-invitation channel (a loopback receiver standing in for the
 * company's mail relay), addressed to the holder, who redeems it once for
 * their own token. The CLI half is in credentials-cli.test.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/test-config.js';
import { totpCode } from '../src/sessions/credentials.js';
import { createDispatcher } from '../src/workers/delivery.js';
import { auditByAction, countRows } from './support/db.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const SECRET = 'whsec_ZW5yb2xtZW50LXJlbGF5LXRlc3Qtc2VjcmV0';
const HOUR = 3_600_000;
const PASSWORD = 'my own long password';

interface Relayed {
  type: string;
  data: { enrolmentId: string; staffId: string; email: string; code: string; redeemUrl: string; issuedBy: string };
}

/** The company's mail relay, on loopback: records what it is sent, after checking the signature. */
async function mailRelay() {
  const got: Relayed[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      try {
        got.push(new Webhook(SECRET).verify(body, req.headers as Record<string, string>) as Relayed);
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/invite`, got, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function unauthenticated(h: ApiHarness, path: string, body: unknown) {
  const res = await fetch(h.server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

describe.each(STORES)('credentials only for their holder on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let relay: Awaited<ReturnType<typeof mailRelay>>;
  /** everything an admin's calls answered, to prove no code or token of someone else's was in it */
  const seenByAdmin: string[] = [];

  beforeAll(async () => {
    relay = await mailRelay();
    // the clock at real time: the relay checks the webhook timestamp against it
    const session = { ...testConfig(':memory:').session, maxFailuresPerAddress: 6 };
    h = await makeApiHarness(kind, { enrolment: { webhookUrl: relay.url, webhookSecret: SECRET, ttlMs: HOUR }, session });
    h.clock.set(Date.now());
    crew = await seedCrew(h.ctx);
  });
  afterAll(async () => {
    await h.cleanup();
    await relay.close();
  });

  const admin = (method: string, path: string, body?: unknown) =>
    h.api(crew.admin.token).send(method, path, body).then((r) => (seenByAdmin.push(JSON.stringify(r.body)), r));
  const tokensOf = (staffId: string) => h.ctx.db.selectFrom('api_tokens').selectAll().where('staff_id', '=', staffId).execute();
  /** start an enrolment as the admin, deliver it, and return what the relay received */
  const enrol = async (staffId: string) => {
    const started = await admin('POST', `/v1/staff/${staffId}/enrolments`);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(await createDispatcher(h.ctx).runOnce()).toMatchObject({ sent: 1 });
    const message = relay.got.at(-1)!;
    expect(message.data.enrolmentId).toBe(started.body.enrolment.id);
    return { enrolment: started.body.enrolment, message };
  };

  it('has no route that issues a token for someone else', async () => {
    const before = await countRows(h.ctx.db, 'api_tokens');
    const old = await admin('POST', `/v1/staff/${crew.lead.staff.id}/tokens`, { label: 'take over' });
    expect(old.status).toBeGreaterThanOrEqual(400);
    expect(old.status).toBeLessThan(500);
    expect(await countRows(h.ctx.db, 'api_tokens')).toBe(before);
    // nor does the service token, nor anyone else
    for (const token of [h.ctx.config.serviceToken, crew.lead.token]) {
      expect((await h.api(token).post(`/v1/staff/${crew.agent.staff.id}/tokens`, { label: 'x' })).status).toBeGreaterThanOrEqual(400);
    }
    expect(await countRows(h.ctx.db, 'api_tokens')).toBe(before);
  });

  it('sends the code only towards the holder; the holder redeems it once for their own token and console credentials', async () => {
    const lead = crew.lead.staff;
    const { enrolment, message } = await enrol(lead.id);
    expect(enrolment).toMatchObject({ staffId: lead.id, issuedBy: crew.admin.staff.id, redeemedAt: null });
    expect(message.type).toBe('staff.enrolment');
    expect(message.data).toMatchObject({ staffId: lead.id, email: lead.email, issuedBy: crew.admin.staff.id });
    expect(message.data.redeemUrl).toMatch(/\/v1\/enrolments\/redeem$/);
    const code = message.data.code;
    expect(code).toMatch(/^wen_enr_/);

    // nothing the admin was answered, nothing in the log, nothing left in the outbox, carries the code
    const listed = await admin('GET', `/v1/staff/${lead.id}/enrolments`);
    expect(listed.body.enrolments[0]).toMatchObject({ id: enrolment.id, state: 'pending' });
    const secret = code.split('.')[1]!;
    expect(seenByAdmin.join('\n')).not.toContain(secret);
    expect(JSON.stringify(await h.ctx.audit.list(h.ctx.db, { limit: 10_000 }))).not.toContain(secret);
    const outbox = await h.ctx.db.selectFrom('outbox').select('payload').where('kind', '=', 'staff_enrolment').execute();
    expect(outbox.map((o) => o.payload).join('\n')).not.toContain(secret);
    expect(JSON.stringify(await h.ctx.db.selectFrom('staff_enrolments').selectAll().execute())).not.toContain(secret);

    const redeemed = await unauthenticated(h, '/v1/enrolments/redeem', { code, password: PASSWORD, label: 'laptop' });
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200);
    expect(redeemed.body.staffId).toBe(lead.id);
    const me = await h.api(redeemed.body.token.token).get('/v1/me');
    expect(me.body.staff.id).toBe(lead.id);
    // provenance: the admin who started the enrolment issued this credential
    const row = (await tokensOf(lead.id)).find((t) => t.id === redeemed.body.token.id)!;
    expect(row).toMatchObject({ issued_by: crew.admin.staff.id, enrolment_id: enrolment.id, label: 'laptop' });
    // and the console: the password they chose, the TOTP secret they alone were shown
    const login = await unauthenticated(h, '/v1/session/login', { email: lead.email, password: PASSWORD, totp: await totpCode(redeemed.body.totp.secret, h.clock.now()) });
    expect(login.status, JSON.stringify(login.body)).toBe(200);

    const tokens = (await tokensOf(lead.id)).length;
    const again = await unauthenticated(h, '/v1/enrolments/redeem', { code, password: 'someone else entirely' });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('invalid_credentials');
    expect((await tokensOf(lead.id)).length).toBe(tokens);
    expect((await auditByAction(h.ctx.db, 'staff.enrolment_redeemed')).map((e) => e.subject.id)).toEqual([lead.id]);
    expect((await auditByAction(h.ctx.db, 'staff.enrolment_started')).at(-1)).toMatchObject({ actor: { id: crew.admin.staff.id }, subject: { id: lead.id } });
  });

  it('counts no approval from someone whose credential the proposer issued', async () => {
    await seedAccounts(h.ctx, 1);
    // the admin enrolled the lead (the test above): the lead's access now rests on a credential she issued
    const proposed = await h.api(crew.admin.token).post('/v1/actions', { kind: 'suspend', targetId: 'acct_press', reasonCode: 'harassment', justification: 'repeated credible threats', durationMs: HOUR });
    expect(proposed.body.action.state).toBe('awaiting_approval');
    const refused = await h.api(crew.lead.token).post(`/v1/actions/${proposed.body.action.id}/approve`, { comment: 'sure' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('approver-independent');
    expect(refused.body.error.message).toMatch(/enrolment was issued by the proposer|API token was issued by the proposer/);
    expect((await h.api(crew.lead.token).get('/v1/accounts/acct_press')).body.account.status).toBe('active');
    // someone she did not enrol counts
    expect((await h.api(crew.lead2.token).post(`/v1/actions/${proposed.body.action.id}/approve`, { comment: 'agreed' })).body.action.state).toBe('executed');
  });

  it('refuses an expired, a revoked, a superseded and a forged code, writing no credential', async () => {
    const lead2 = crew.lead2.staff.id;
    const credentials = async () => [(await tokensOf(lead2)).length, await countRows(h.ctx.db, 'staff_credentials')];
    const before = await credentials();

    const expired = await enrol(lead2);
    h.clock.advance(HOUR);
    expect((await unauthenticated(h, '/v1/enrolments/redeem', { code: expired.message.data.code })).status).toBe(401);
    h.clock.set(Date.now()); // the relay holds webhook timestamps to real time

    const revoked = await enrol(lead2);
    const r = await admin('POST', `/v1/staff/${lead2}/enrolments/${revoked.enrolment.id}/revoke`);
    expect(r.body.enrolment.revokedBy).toBe(crew.admin.staff.id);
    expect((await unauthenticated(h, '/v1/enrolments/redeem', { code: revoked.message.data.code })).status).toBe(401);

    const superseded = await enrol(lead2);
    const latest = await enrol(lead2);
    expect((await unauthenticated(h, '/v1/enrolments/redeem', { code: superseded.message.data.code })).status).toBe(401);
    const [id, secret] = latest.message.data.code.split('.') as [string, string];
    const forged = `${id}.${secret.slice(0, -2)}${secret.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await unauthenticated(h, '/v1/enrolments/redeem', { code: forged })).body.error.code).toBe('invalid_credentials');
    expect(await credentials()).toEqual(before);
    expect((await auditByAction(h.ctx.db, 'staff.enrolment_redeem_failed')).map((e) => (e.after as { why: string }).why)).toEqual(
      expect.arrayContaining(['expired', 'revoked', 'wrong_secret']),
    );
    // the address is now over the limit (6 failures with the earlier second redeem): even the good code waits
    await unauthenticated(h, '/v1/enrolments/redeem', { code: 'wen_enr_nothing.thisisnotacodeatallreally' });
    const limited = await unauthenticated(h, '/v1/enrolments/redeem', { code: latest.message.data.code });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).not.toBeNull();
    expect(await credentials()).toEqual(before);
  });

  it('lets staff issue themselves a token, and admins revoke anyone’s', async () => {
    const own = await h.api(crew.agent.token).post('/v1/me/tokens', { label: 'second laptop' });
    expect(own.status).toBe(201);
    expect((await h.api(own.body.token).get('/v1/me')).body.staff.id).toBe(crew.agent.staff.id);
    expect((await tokensOf(crew.agent.staff.id)).find((t) => t.id === own.body.id)).toMatchObject({ issued_by: crew.agent.staff.id });

    const listed = await admin('GET', `/v1/staff/${crew.agent.staff.id}/tokens`);
    expect(listed.body.tokens.map((t: { id: string }) => t.id)).toContain(own.body.id);
    expect(JSON.stringify(listed.body)).not.toContain(own.body.token);
    const revoked = await admin('POST', `/v1/staff/${crew.agent.staff.id}/tokens/${own.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect((await h.api(own.body.token).get('/v1/me')).status).toBe(401);
    expect((await admin('POST', `/v1/staff/${crew.agent.staff.id}/tokens/${own.body.id}/revoke`)).status).toBe(409);
    // a non-admin revokes only their own
    expect((await h.api(crew.lead.token).post(`/v1/staff/${crew.agent.staff.id}/tokens/${own.body.id}/revoke`)).status).toBe(403);
    expect((await auditByAction(h.ctx.db, 'staff.token_revoked')).at(-1)).toMatchObject({ actor: { id: crew.admin.staff.id }, after: { tokenId: own.body.id } });
  });
});

describe.each(STORES)('an enrolment with no channel to the holder on %s', (kind) => {
  it('is refused, naming the missing channel, and nothing is written', async () => {
    const h = await makeApiHarness(kind);
    try {
      const crew = await seedCrew(h.ctx);
      const res = await h.api(crew.admin.token).post(`/v1/staff/${crew.lead.staff.id}/enrolments`);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'conflict', reason: 'no_enrolment_channel' });
      expect(res.body.error.message).toContain('no channel reaches the holder');
      expect(await countRows(h.ctx.db, 'staff_enrolments')).toBe(0);
      expect(await countRows(h.ctx.db, 'outbox')).toBe(0);
    } finally {
      await h.cleanup();
    }
  });
});
