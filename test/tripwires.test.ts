/**
 * Tripwires on both stores, against the reference platform as a real service
 * on loopback: a direct change on a protected account is reverted and alerted
 * with no human step; an authorized action is never reverted; a missed webhook
 * is caught by reconciliation; a forged or replayed webhook is refused; alerts
 * reach real receivers signed, and are sent again until acknowledged.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertWebhookBody } from '../src/alerts/channels.js';
import { syncAccountsFromPlatform } from '../src/accounts/sync.js';
import { SYSTEM } from '../src/audit/model.js';
import { ManualClock } from '../src/clock.js';
import { PlatformVersionConflictError } from '../src/platform/adapter.js';
import { HttpPlatformAdapter } from '../src/platform/http-adapter.js';
import { PLATFORM_WEBHOOK_PATH } from '../src/http/routes/tripwires.js';
import { type RunningReferencePlatform, startReferencePlatform } from '../src/platform/reference/server.js';
import { reconcileOnce } from '../src/tripwires/reconcile.js';
import { createDispatcher } from '../src/workers/delivery.js';
import type { OutboxDispatcher } from '../src/workers/dispatcher.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { until } from './support/world.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';
import { toJson } from '../src/db/json.js';

const ADMIN_TOKEN = 'tripwire-test-admin-token';
const PLATFORM_SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const ALERT_SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const JUST = 'repeated credible threats reported by many users';
const dir = mkdtempSync(join(tmpdir(), 'warden-tripwires-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

async function startReceiver() {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}


describe.each(STORES)('tripwires on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let platform: RunningReferencePlatform;
  let webhook: Awaited<ReturnType<typeof startReceiver>>;
  let slack: Awaited<ReturnType<typeof startReceiver>>;
  let dispatcher: OutboxDispatcher;
  let hookUrl: string;
  // real time, so the receivers can check signatures with the library's own clock
  const clock = new ManualClock(Date.now());

  const direct = async (id: string, status: string, statusUntil: number | null = null) => {
    const res = await fetch(`${platform.url}/admin/accounts/${id}/direct`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status, statusUntil }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { version: number };
  };
  const drifts = (accountId: string) => h.ctx.tripwires.list(h.ctx.db, { accountId });
  const sendWebhook = (body: string, headers: Record<string, string>) =>
    fetch(h.server.url + PLATFORM_WEBHOOK_PATH, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const signed = (secret: string, id: string, at: Date, body: string) => ({
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  });

  beforeAll(async () => {
    webhook = await startReceiver();
    slack = await startReceiver();
    platform = await startReferencePlatform({
      port: 0,
      dbPath: join(dir, `platform-${kind}.db`),
      adminToken: ADMIN_TOKEN,
      webhookSecret: PLATFORM_SECRET,
      now: () => clock.now(),
      webhookRetry: { baseDelayMs: 10, maxAttempts: 3 },
    });
    h = await makeApiHarness(
      kind,
      {
        platform: { url: platform.url, adminToken: ADMIN_TOKEN, webhookSecret: PLATFORM_SECRET, embedded: false, port: 0, dbPath: ':memory:', timeoutMs: 5_000 },
        alerts: { webhookUrl: webhook.url, webhookSecret: ALERT_SECRET, slackUrl: slack.url, renotifyMs: 60_000 },
      },
      { clock },
    );
    crew = await seedCrew(h.ctx);
    const accounts = await seedAccounts(h.ctx, 5);
    platform.store.upsertAccounts(accounts.map((a) => ({ id: a.id, handle: a.handle, displayName: a.displayName, followers: a.followers, verified: a.verified })), clock.now());
    // Warden knows the platform's versions as of now (as a sync would record)
    for (const a of accounts) await h.ctx.db.updateTable('accounts').set({ platform_version: platform.store.getAccount(a.id)!.version }).where('id', '=', a.id).execute();
    hookUrl = h.server.url + PLATFORM_WEBHOOK_PATH;
    platform.webhooks.subscribe(hookUrl);
    dispatcher = createDispatcher(h.ctx);
  });
  afterAll(async () => {
    await platform?.close();
    await h?.cleanup();
    await webhook?.close();
    await slack?.close();
  });

  it('reverts a direct change on a critical account and alerts, with no human step', async () => {
    const changed = await direct('acct_vip', 'deactivated');
    const back = await until('the revert on the platform', () => {
      const a = platform.store.getAccount('acct_vip')!;
      return a.version > changed.version && a;
    });
    expect(back.status).toBe('active');
    const [drift] = await until('the drift to be settled', async () => {
      const d = await drifts('acct_vip');
      return d.length > 0 && d[0]!.state !== 'detected' && d;
    });
    expect(drift).toMatchObject({ state: 'reverted', via: 'webhook', tier: 'critical', response: 'revert', platformVersion: changed.version });
    expect(drift!.expected).toEqual({ status: 'active', statusUntil: null });
    expect(drift!.observed).toEqual({ status: 'deactivated', statusUntil: null });
    expect(drift!.revertedAt).not.toBeNull();

    // the platform's own log: the direct change, then Warden's revert through the admin API
    const events = platform.store.eventsOf('acct_vip');
    expect(events.map((e) => [e.source, e.after.status])).toEqual([
      ['direct', 'deactivated'],
      ['admin_api', 'active'],
    ]);

    // audited with the evidence, in the log that verifies
    const audit = await h.ctx.audit.list(h.ctx.db, { subjectType: 'account', subjectId: 'acct_vip' });
    const detected = audit.find((e) => e.action === 'tripwire.drift_detected')!;
    expect(detected.after).toMatchObject({ observed: { status: 'deactivated' }, via: 'webhook', evidence: { source: 'webhook', platformSource: 'direct' } });
    expect(audit.map((e) => e.action)).toContain('tripwire.reverted');
    expect((await h.ctx.audit.verifyChain(h.ctx.db)).problems).toEqual([]);

    // the alert: stored, and delivered signed to the generic webhook and as a Slack message
    const alert = (await h.ctx.alerts.list(h.ctx.db)).find((a) => a.id === drift!.alertId)!;
    expect(alert).toMatchObject({ kind: 'unauthorized_change', severity: 'critical', subject: { type: 'account', id: 'acct_vip' } });
    expect(alert.summary).toMatch(/@head_of_state.*active → deactivated; reverted by Warden/);
    await dispatcher.runOnce();
    const sent = webhook.received.find((r) => (JSON.parse(r.body) as AlertWebhookBody).data.alertId === alert.id)!;
    expect(sent).toBeDefined();
    const verified = new Webhook(ALERT_SECRET).verify(sent.body, sent.headers as Record<string, string>) as AlertWebhookBody;
    expect(verified.type).toBe('alert.raised');
    expect(verified.data.details).toMatchObject({
      account: { id: 'acct_vip', handle: 'head_of_state', tier: 'critical' },
      change: { from: { status: 'active' }, to: { status: 'deactivated' } },
      did: 'reverted',
      evidence: { source: 'webhook' },
    });
    expect(() => new Webhook(`whsec_${randomBytes(24).toString('base64')}`).verify(sent.body, sent.headers as Record<string, string>)).toThrow();
    const slackMsg = JSON.parse(slack.received.at(-1)!.body) as { text: string; blocks: unknown[] };
    expect(slackMsg.text).toMatch(/:rotating_light: \[CRITICAL\] Unauthorized change on critical account @head_of_state/);
    expect(slackMsg.blocks.length).toBeGreaterThan(1);

    // listed for leads and auditors, not for agents
    const listed = await h.api(crew.auditor.token).get('/v1/tripwires/drifts?accountId=acct_vip');
    expect(listed.status).toBe(200);
    expect(listed.body.drifts[0]).toMatchObject({ id: drift!.id, state: 'reverted', observed: { status: 'deactivated' } });
    expect((await h.api(crew.agent.token).get('/v1/tripwires/drifts')).status).toBe(403);

    // on the account's forensic timeline, in order: the unauthorized change detected, reverted, alerted
    const timeline = (await h.api(crew.auditor.token).get('/v1/accounts/acct_vip/timeline')).body.events.map((e: { event: string }) => e.event) as string[];
    const detectedAt = timeline.indexOf('tripwire.drift_detected');
    expect(detectedAt).toBeGreaterThanOrEqual(0);
    expect(timeline.indexOf('tripwire.reverted', detectedAt)).toBeGreaterThan(detectedAt);
    expect(timeline.indexOf('alert.raised', detectedAt)).toBeGreaterThan(detectedAt);

    // measured, and exposed on /metrics
    const metrics = await (await fetch(`${h.server.url}/metrics`)).text();
    expect(metrics).toMatch(/warden_tripwire_time_to_revert_seconds_count\{tier="critical",via="webhook"\} [1-9]/);
    expect(metrics).toMatch(/warden_tripwire_time_to_detect_seconds_count\{tier="critical",via="webhook"\} [1-9]/);
  });

  it('sends an unacknowledged alert again until a lead acknowledges it', async () => {
    const alert = (await h.ctx.alerts.list(h.ctx.db, { unacknowledged: true })).find((a) => a.kind === 'unauthorized_change')!;
    const deliveries = () => webhook.received.filter((r) => (JSON.parse(r.body) as AlertWebhookBody).data.alertId === alert.id);
    expect(deliveries()).toHaveLength(1);

    // not yet due
    expect(await h.ctx.transaction((tx) => h.ctx.alerts.renotifyDue(tx, 60_000))).not.toContain(alert.id);
    clock.advance(60_000);
    expect(await h.ctx.transaction((tx) => h.ctx.alerts.renotifyDue(tx, 60_000))).toContain(alert.id);
    await dispatcher.runOnce();
    expect(deliveries()).toHaveLength(2);
    const reminder = deliveries()[1]!;
    const body = new Webhook(ALERT_SECRET).verify(reminder.body, reminder.headers as Record<string, string>) as AlertWebhookBody;
    expect(body).toMatchObject({ type: 'alert.reminder', data: { notification: 2, alertId: alert.id } });
    expect(reminder.headers['webhook-id']).not.toBe(deliveries()[0]!.headers['webhook-id']);

    clock.advance(60_000);
    await h.ctx.transaction((tx) => h.ctx.alerts.renotifyDue(tx, 60_000));
    await dispatcher.runOnce();
    expect(deliveries()).toHaveLength(3);

    const ack = await h.api(crew.lead.token).post(`/v1/alerts/${alert.id}/acknowledge`);
    expect(ack.status).toBe(200);
    clock.advance(5 * 60_000);
    expect(await h.ctx.transaction((tx) => h.ctx.alerts.renotifyDue(tx, 60_000))).not.toContain(alert.id);
    await dispatcher.runOnce();
    expect(deliveries()).toHaveLength(3);
  });

  it('alerts on drift of a standard account without reverting it', async () => {
    await direct('acct_0003', 'limited');
    const [drift] = await until('the drift', async () => {
      const d = await drifts('acct_0003');
      return d.length > 0 && d;
    });
    expect(drift).toMatchObject({ state: 'alerted', response: 'alert', tier: 'standard' });
    expect(platform.store.getAccount('acct_0003')!.status).toBe('limited');
    const alert = await h.ctx.alerts.get(h.ctx.db, drift!.alertId!);
    expect(alert.severity).toBe('warning');
    expect(alert.summary).toMatch(/not reverted/);
  });

  it('catches a change whose webhook never arrived on the next reconciliation pass', async () => {
    platform.webhooks.unsubscribe(hookUrl);
    try {
      const until_ = clock.now() + 86_400_000;
      const changed = await direct('acct_press', 'suspended', until_);
      await platform.webhooks.idle();
      expect(await drifts('acct_press')).toEqual([]);

      const r = await reconcileOnce(h.ctx);
      expect(r.checked).toBe(2); // acct_vip and acct_press are protected
      expect(r.drifts).toHaveLength(1);
      expect(r.drifts[0]).toMatchObject({ accountId: 'acct_press', state: 'reverted', version: changed.version });
      expect(platform.store.getAccount('acct_press')).toMatchObject({ status: 'active', statusUntil: null });
      const [drift] = await drifts('acct_press');
      expect(drift).toMatchObject({ via: 'reconciliation', observed: { status: 'suspended', statusUntil: until_ } });

      // a second pass finds nothing more, and reverting again would be a no-op
      expect((await reconcileOnce(h.ctx)).drifts).toEqual([]);
    } finally {
      platform.webhooks.subscribe(hookUrl);
    }
  });

  it('alerts at once when a revert fails, and retries it on the next pass without alerting twice', async () => {
    platform.webhooks.unsubscribe(hookUrl);
    const fault = (down: boolean) =>
      fetch(`${platform.url}/admin/fault`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ down }) });
    try {
      const changed = platform.store.directChange('acct_vip', { status: 'locked' }, clock.now());
      await platform.webhooks.idle();
      await fault(true);
      const [failed] = await h.ctx.tripwires.observe([
        { accountId: 'acct_vip', status: 'locked', statusUntil: null, version: changed.version, changedAt: changed.updatedAt, via: 'webhook', evidence: { source: 'test' } },
      ]);
      expect(failed).toMatchObject({ state: 'revert_failed' });
      const alert = await h.ctx.alerts.get(h.ctx.db, failed!.alertId!);
      expect(alert.summary).toMatch(/REVERT FAILED/);
      await fault(false);

      const r = await reconcileOnce(h.ctx);
      expect(r.drifts).toEqual([expect.objectContaining({ driftId: failed!.driftId, state: 'reverted', alertId: alert.id })]);
      expect(platform.store.getAccount('acct_vip')!.status).toBe('active');
      expect((await h.ctx.alerts.list(h.ctx.db)).filter((a) => a.subject.id === 'acct_vip' && a.createdAt >= alert.createdAt)).toHaveLength(1);
    } finally {
      await fault(false);
      platform.webhooks.subscribe(hookUrl);
    }
  });

  it('leaves a drift another process has in hand, and takes it up when it was abandoned', async () => {
    platform.webhooks.unsubscribe(hookUrl);
    try {
      const changed = platform.store.directChange('acct_vip', { status: 'suspended', statusUntil: clock.now() + 3_600_000 }, clock.now());
      // as if another Warden process recorded it and is about to revert
      await h.ctx.db
        .insertInto('tripwire_drifts')
        .values({
          account_id: 'acct_vip', platform_version: changed.version, tier: 'critical', detected_via: 'webhook', response: 'revert', state: 'detected',
          expected: toJson({ status: 'active', statusUntil: null }), observed: toJson({ status: 'suspended', statusUntil: changed.statusUntil }),
          evidence: toJson({}), changed_at: changed.updatedAt, detected_at: clock.now(), reverted_at: null, revert_version: null, alert_id: null, error: null,
        })
        .execute();
      expect((await reconcileOnce(h.ctx)).drifts).toEqual([]);
      expect(platform.store.getAccount('acct_vip')!.status).toBe('suspended');
      // that process died: after a while, the next pass takes the drift up
      clock.advance(11_000);
      const r = await reconcileOnce(h.ctx);
      expect(r.drifts).toEqual([expect.objectContaining({ accountId: 'acct_vip', state: 'reverted', version: changed.version })]);
      expect(platform.store.getAccount('acct_vip')!.status).toBe('active');
    } finally {
      platform.webhooks.subscribe(hookUrl);
    }
  });

  it('does not let a sync from the platform adopt a change made behind its back', async () => {
    platform.webhooks.unsubscribe(hookUrl);
    try {
      const changed = await direct('acct_press', 'locked');
      await platform.webhooks.idle();
      await syncAccountsFromPlatform(h.ctx, SYSTEM);
      expect((await h.ctx.accounts.get(h.ctx.db, 'acct_press')).status).toBe('active');
      // nor a push through the import route, nor one that leaves the status to its default
      const pushed = await h.api(h.ctx.config.serviceToken).post('/v1/accounts/import', {
        accounts: [{ id: 'acct_press', handle: 'daily_reporter', followers: 800_001, status: 'locked' }],
      });
      expect(pushed.status).toBe(200);
      expect(await h.ctx.accounts.get(h.ctx.db, 'acct_press')).toMatchObject({ status: 'active', followers: 800_001 });
      const r = await reconcileOnce(h.ctx);
      expect(r.drifts).toEqual([expect.objectContaining({ accountId: 'acct_press', state: 'reverted', version: changed.version })]);
      expect(platform.store.getAccount('acct_press')!.status).toBe('active');
    } finally {
      platform.webhooks.subscribe(hookUrl);
    }
  });

  it('never reverts an authorized action: not in flight, not delivered, not on a stale sighting', async () => {
    const proposed = await h.api(crew.lead.token).post('/v1/actions', { kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'harassment', justification: JUST });
    expect(proposed.status).toBe(201);
    const id = proposed.body.action.id as string;
    await h.api(crew.lead2.token).post(`/v1/actions/${id}/approve`, { comment: 'seen' });
    const executed = await h.api(crew.admin.token).post(`/v1/actions/${id}/approve`, { comment: 'agreed' });
    expect(executed.body.action.state).toBe('executed');
    const before = platform.store.getAccount('acct_vip')!;
    expect(before.status).toBe('active');
    const driftsBefore = (await drifts('acct_vip')).length;

    // executed in Warden, not yet on the platform: the platform lags, it has not drifted
    expect((await reconcileOnce(h.ctx)).drifts).toEqual([]);
    // a sighting taken now, before delivery, kept for later
    const stale = {
      accountId: 'acct_vip', status: before.status, statusUntil: before.statusUntil, version: before.version,
      changedAt: before.updatedAt, via: 'reconciliation' as const, evidence: { source: 'test: read before delivery' },
    };

    // delivered: the platform's webhook shows the authorized state, which is expected
    await dispatcher.runOnce();
    expect((await h.api(crew.lead.token).get(`/v1/actions/${id}`)).body.action.state).toBe('delivered');
    await platform.webhooks.idle();
    expect(platform.store.getAccount('acct_vip')!.status).toBe('deactivated');
    expect((await reconcileOnce(h.ctx)).drifts).toEqual([]);
    expect(await drifts('acct_vip')).toHaveLength(driftsBefore);

    // the stale sighting arrives late: its version is before the one the delivery returned (stored
    // on the account), so it is passed over, not even recorded as drift
    expect(await h.ctx.tripwires.observe([stale])).toEqual([]);
    expect(await drifts('acct_vip')).toHaveLength(driftsBefore);
    expect(platform.store.getAccount('acct_vip')!.status).toBe('deactivated');
    expect(platform.store.eventsOf('acct_vip').at(-1)!.source).toBe('admin_api');
    expect(platform.store.eventsOf('acct_vip').filter((e) => e.after.status === 'active' && e.before.status === 'deactivated' && e.source === 'admin_api')).toHaveLength(1); // only the first test's revert
  });

  it('expects the last state the platform had from Warden when an action could not be delivered', async () => {
    const proposed = await h.api(crew.lead.token).post('/v1/actions', { kind: 'lock', targetId: 'acct_press', reasonCode: 'compromised_account', justification: JUST });
    let action = proposed.body.action;
    for (const m of [crew.lead2, crew.admin]) if (action.state === 'awaiting_approval') action = (await h.api(m.token).post(`/v1/actions/${action.id}/approve`, { comment: 'ok' })).body.action;
    expect(action.state).toBe('executed');
    // the dispatcher gave up on it: the platform never locked the account
    await h.ctx.transaction((tx) => h.ctx.executor.markFailed(tx, action.id, 'test: platform unreachable'));
    expect((await h.ctx.accounts.get(h.ctx.db, 'acct_press')).status).toBe('locked');
    expect(platform.store.getAccount('acct_press')!.status).toBe('active');
    const before = (await drifts('acct_press')).length;
    expect((await reconcileOnce(h.ctx)).drifts).toEqual([]);
    expect(await drifts('acct_press')).toHaveLength(before);

    // a change behind Warden's back is still caught, and put back to what the platform last had from Warden
    const changed = await direct('acct_press', 'deactivated');
    const back = await until('the revert', () => {
      const a = platform.store.getAccount('acct_press')!;
      return a.version > changed.version && a;
    });
    expect(back.status).toBe('active');
    const [drift] = await until('the drift to be settled', async () => {
      const d = await drifts('acct_press');
      return d.length > before && d[0]!.state !== 'detected' && d;
    });
    expect(drift).toMatchObject({ state: 'reverted', expected: { status: 'active' }, observed: { status: 'deactivated' } });
  });

  it('refuses a forged, stale, replayed or malformed webhook with 4xx and changes nothing', async () => {
    const account = platform.store.getAccount('acct_vip')!;
    const body = JSON.stringify({
      type: 'account.updated',
      id: 'evt_forged',
      timestamp: new Date(clock.now()).toISOString(),
      data: { account: { ...account, status: 'active', version: account.version + 1 }, before: { status: account.status, statusUntil: null }, source: 'direct' },
    });
    const auditBefore = await h.ctx.audit.size(h.ctx.db);
    const driftsBefore = (await h.ctx.tripwires.list(h.ctx.db)).length;
    const now = new Date(clock.now());

    const forged = await sendWebhook(body, signed(`whsec_${randomBytes(24).toString('base64')}`, 'msg_forged', now, body));
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toMatch(/signature does not match/);

    const unsigned = await sendWebhook(body, {});
    expect(unsigned.status).toBe(401);

    const tampered = await sendWebhook(body.replace('"active"', '"locked"'), signed(PLATFORM_SECRET, 'msg_tampered', now, body));
    expect(tampered.status).toBe(401);

    const old = await sendWebhook(body, signed(PLATFORM_SECRET, 'msg_old', new Date(clock.now() - 10 * 60_000), body));
    expect(old.status).toBe(401);
    expect(((await old.json()) as { error: { message: string } }).error.message).toMatch(/tolerance/);

    const bad = '{"type":"account.updated","id":"x","timestamp":"t","data":{"account":{"id":"acct_vip"}}}';
    const malformed = await sendWebhook(bad, signed(PLATFORM_SECRET, 'msg_malformed', now, bad));
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path)).toContain('data.account.status');

    expect(await h.ctx.audit.size(h.ctx.db)).toBe(auditBefore);
    expect(await h.ctx.tripwires.list(h.ctx.db)).toHaveLength(driftsBefore);
    expect(platform.store.getAccount('acct_vip')!.status).toBe('deactivated');

    // a genuine message (it shows a state no action explains: Warden acts on it) may not be replayed
    const genuine = signed(PLATFORM_SECRET, 'msg_genuine', now, body);
    const first = await sendWebhook(body, genuine);
    expect(first.status).toBe(200);
    const auditAfterFirst = await h.ctx.audit.size(h.ctx.db);
    const replay = await sendWebhook(body, genuine);
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { error: { message: string } }).error.message).toMatch(/already received/);
    expect(await h.ctx.audit.size(h.ctx.db)).toBe(auditAfterFirst);
  });
});

describe('the platform side of tripwires', () => {
  let platform: RunningReferencePlatform;
  let adapter: HttpPlatformAdapter;
  const ids = Array.from({ length: 6000 }, (_, i) => `bulk_${String(i).padStart(5, '0')}`);

  beforeAll(async () => {
    platform = await startReferencePlatform({ port: 0, dbPath: join(dir, 'platform-bulk.db'), adminToken: ADMIN_TOKEN, webhookSecret: PLATFORM_SECRET });
    platform.store.upsertAccounts(ids.map((id, i) => ({ id, handle: `b${i}`, displayName: `B ${i}`, followers: i, verified: false })), Date.now());
    adapter = new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: ADMIN_TOKEN, timeoutMs: 5_000 });
  });
  afterAll(() => platform?.close());

  it('reads many accounts\' states in bulk, leaving out unknown ids, in as many requests as it takes', async () => {
    await adapter.applyAction({ accountId: 'bulk_00042', kind: 'lock', reason: 'test' }, 'k-lock-42');
    const states = await adapter.getAccountStates([...ids, 'nobody']);
    expect(states).toHaveLength(ids.length);
    expect(states.find((s) => s.id === 'bulk_00042')).toMatchObject({ status: 'locked', statusUntil: null, version: 2 });
    expect(states.find((s) => s.id === 'bulk_05999')).toMatchObject({ status: 'active', version: 1 });
  });

  it('refuses a bulk request over the limit, naming the field', async () => {
    const res = await fetch(`${platform.url}/admin/accounts/states`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ids }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: { path: string }[] } }).error.fields[0]!.path).toBe('ids');
  });

  it('applies a conditional action only at the version it names, and refuses it otherwise with nothing changed', async () => {
    const before = platform.store.eventsOf('bulk_00007').length;
    const stale = adapter.applyAction({ accountId: 'bulk_00007', kind: 'set_status', status: 'limited', reason: 'test', expectedVersion: 5 }, 'k-cond-1');
    await expect(stale).rejects.toBeInstanceOf(PlatformVersionConflictError);
    expect(platform.store.eventsOf('bulk_00007')).toHaveLength(before);
    const ok = await adapter.applyAction({ accountId: 'bulk_00007', kind: 'set_status', status: 'limited', reason: 'test', expectedVersion: 1 }, 'k-cond-2');
    expect(ok).toMatchObject({ applied: true, account: { status: 'limited', version: 2 } });
    // the same key again is the same effect, not a conflict
    expect(await adapter.applyAction({ accountId: 'bulk_00007', kind: 'set_status', status: 'limited', reason: 'test', expectedVersion: 1 }, 'k-cond-2')).toMatchObject({ applied: false });
  });
});
