/**
 * Alerts on both stores: raised with their audit entry and their delivery in
 * the caller's transaction, acknowledged once, listed; delivered to channels
 * through the dispatcher; and the HTTP routes with their role guards.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlertChannel, AlertChannelRejectedError, type NewAlert } from '../src/alerts/model.js';
import { AlertService } from '../src/alerts/service.js';
import { DomainError } from '../src/errors.js';
import { authenticate } from '../src/http/auth.js';
import { toErrorResponse, validationErrorBody } from '../src/http/errors.js';
import type { AuthEnv } from '../src/http/route.js';
import { registerAlertRoutes } from '../src/http/routes/alerts.js';
import type { AlertPayload } from '../src/platform/outbox.js';
import { OutboxDispatcher } from '../src/workers/dispatcher.js';
import { auditByAction, countRows } from './support/db.js';
import { type Harness, STORES, makeHarness } from './support/harness.js';
import { type Crew, seedCrew } from './support/seed.js';

const sample = (n: number, extra: Partial<NewAlert> = {}): NewAlert => ({
  kind: 'delivery_failed',
  severity: 'critical',
  subject: { type: 'action', id: `act_${n}` },
  summary: `action act_${n} was not delivered`,
  details: { attempt: n },
  ...extra,
});

/** A channel that records what it was given, failing the first `failures` times with `error`. */
function recordingChannel(name: string, failures = 0, error: () => Error = () => new Error(`${name} is down`)) {
  const received: { alert: AlertPayload; key: string }[] = [];
  let left = failures;
  const channel: AlertChannel = {
    name,
    async deliver(alert, key) {
      received.push({ alert, key });
      if (left-- > 0) throw error();
    },
  };
  return { channel, received };
}

describe.each(STORES)('alerts on %s', (kind) => {
  let h: Harness;
  let alerts: AlertService;
  let crew: Crew;
  let app: OpenAPIHono<AuthEnv>;
  let workers = 0;

  beforeAll(async () => {
    h = await makeHarness(kind);
    alerts = new AlertService(h.ctx.audit, h.clock);
    crew = await seedCrew(h.ctx);
    // the routes as app.ts will mount them, on the same auth and error boundary
    app = new OpenAPIHono<AuthEnv>({
      defaultHook: (result, c) => {
        if (!result.success) return c.json(validationErrorBody(result.error, result.target), 400);
      },
    });
    app.onError((err, c) => toErrorResponse(err, c, () => {}));
    app.use('/v1/*', authenticate(h.ctx));
    registerAlertRoutes(app, { alerts, db: h.ctx.db, transaction: (fn) => h.ctx.transaction(fn), clock: h.clock });
  });
  afterAll(() => h.cleanup());

  const dispatcher = (channels: AlertChannel[], maxAttempts = 5, logger = h.ctx.logger) =>
    new OutboxDispatcher({
      db: h.ctx.db,
      dialect: h.ctx.store.dialect,
      clock: h.clock,
      logger: h.ctx.logger,
      workerId: `alerts-test-${++workers}`,
      handlers: { alert: alerts.deliveryHandler(channels, logger) },
      retry: { baseMs: 1000, maxMs: 10_000, maxAttempts },
      lockMs: 30_000,
      alerts,
    });

  const call = async (token: string, method: string, path: string) => {
    const res = await app.request(path, { method, headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('raise stores the alert, audits it and queues its delivery in the same transaction', async () => {
    const alert = await h.ctx.transaction((tx) => alerts.raise(tx, sample(1, { summary: '  two\n lines  ' })));
    expect(alert).toMatchObject({
      kind: 'delivery_failed',
      severity: 'critical',
      subject: { type: 'action', id: 'act_1' },
      summary: 'two lines',
      details: { attempt: 1 },
      createdAt: h.clock.now(),
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
    expect(await alerts.get(h.ctx.db, alert.id)).toEqual(alert);

    const [entry] = (await auditByAction(h.ctx.db, 'alert.raised')).filter((e) => e.subject.id === String(alert.id));
    expect(entry).toMatchObject({ actor: { kind: 'system', id: 'warden' }, subject: { type: 'alert' }, after: { summary: 'two lines', subject: alert.subject } });

    const row = await h.ctx.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', `alert:${alert.id}`).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'alert', state: 'pending', attempts: 0, next_attempt_at: h.clock.now() });
    expect(JSON.parse(row.payload)).toEqual({ alertId: alert.id, kind: 'delivery_failed', severity: 'critical', summary: 'two lines', details: { attempt: 1 } });
  });

  it('a raise in a transaction that rolls back leaves nothing behind', async () => {
    const before = await Promise.all([countRows(h.ctx.db, 'alerts'), countRows(h.ctx.db, 'outbox'), countRows(h.ctx.db, 'audit_log')]);
    await expect(
      h.ctx.transaction(async (tx) => {
        await alerts.raise(tx, sample(2));
        throw new Error('the change that caused it failed');
      }),
    ).rejects.toThrow('the change that caused it failed');
    expect(await Promise.all([countRows(h.ctx.db, 'alerts'), countRows(h.ctx.db, 'outbox'), countRows(h.ctx.db, 'audit_log')])).toEqual(before);
  });

  it('acknowledge is audited once and idempotent; an unknown alert is not found', async () => {
    const alert = await h.ctx.transaction((tx) => alerts.raise(tx, sample(3)));
    const at = h.clock.now();
    const acked = await h.ctx.transaction((tx) => alerts.acknowledge(tx, crew.lead.staff.id, alert.id));
    expect(acked).toMatchObject({ id: alert.id, acknowledgedAt: at, acknowledgedBy: crew.lead.staff.id });

    h.clock.advance(60_000);
    const again = await h.ctx.transaction((tx) => alerts.acknowledge(tx, crew.admin.staff.id, alert.id));
    expect(again).toEqual(acked);
    const entries = (await auditByAction(h.ctx.db, 'alert.acknowledged')).filter((e) => e.subject.id === String(alert.id));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: { kind: 'staff', id: crew.lead.staff.id }, after: { acknowledgedAt: at, acknowledgedBy: crew.lead.staff.id } });

    const missing = h.ctx.transaction((tx) => alerts.acknowledge(tx, crew.lead.staff.id, 999_999));
    await expect(missing).rejects.toBeInstanceOf(DomainError);
    await expect(missing).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists newest first, and only the unacknowledged when asked', async () => {
    const a = await h.ctx.transaction((tx) => alerts.raise(tx, sample(4)));
    const b = await h.ctx.transaction((tx) => alerts.raise(tx, sample(5, { severity: 'warning', kind: 'unauthorized_change' })));
    await h.ctx.transaction((tx) => alerts.acknowledge(tx, crew.admin.staff.id, a.id));

    const all = await alerts.list(h.ctx.db);
    expect(all.map((x) => x.id).slice(0, 2)).toEqual([b.id, a.id]);
    const open = await alerts.list(h.ctx.db, { unacknowledged: true });
    expect(open.map((x) => x.id)).toContain(b.id);
    expect(open.map((x) => x.id)).not.toContain(a.id);
    expect(open.every((x) => x.acknowledgedAt === null)).toBe(true);
    expect(await alerts.list(h.ctx.db, { limit: 1 })).toHaveLength(1);
  });

  it('delivers to every channel; a failing channel retries the row with the same key; with none configured it only warns', async () => {
    // settle what earlier tests queued, with no channel
    const lines: string[] = [];
    const warnLog = pino({ level: 'warn' }, { write: (s: string) => lines.push(s) });
    await dispatcher([], 5, warnLog).runOnce(1000);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => JSON.parse(l).msg === 'no alert channel configured')).toBe(true);
    expect(await h.ctx.db.selectFrom('outbox').select('id').where('kind', '=', 'alert').where('state', '=', 'pending').execute()).toEqual([]);

    const webhook = recordingChannel('webhook');
    const slack = recordingChannel('slack', 1);
    const alert = await h.ctx.transaction((tx) => alerts.raise(tx, sample(6)));
    const d = dispatcher([webhook.channel, slack.channel]);
    expect(await d.runOnce()).toMatchObject({ retried: 1 });
    h.clock.advance(10_000);
    expect(await d.runOnce()).toMatchObject({ sent: 1 });

    const key = `alert:${alert.id}`;
    expect(webhook.received.map((r) => r.key)).toEqual([key, key]);
    expect(slack.received.map((r) => r.key)).toEqual([key, key]);
    expect(slack.received[1]!.alert).toEqual({ alertId: alert.id, kind: 'delivery_failed', severity: 'critical', summary: alert.summary, details: { attempt: 6 } });
    const row = await h.ctx.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'done', attempts: 2 });
    expect(row.last_error).toMatch(/slack is down/);
  });

  it('an alert that cannot be delivered is recorded on the alert and raises no alert about itself', async () => {
    const refused = recordingChannel('pager', 99, () => new AlertChannelRejectedError('pager', 'HTTP 401 bad routing key'));
    const alert = await h.ctx.transaction((tx) => alerts.raise(tx, sample(7)));
    const alertsBefore = await countRows(h.ctx.db, 'alerts');
    expect(await dispatcher([refused.channel]).runOnce()).toMatchObject({ dead: 1 });

    const row = await h.ctx.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', `alert:${alert.id}`).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'dead', attempts: 1 });
    const [failed] = (await auditByAction(h.ctx.db, 'alert.delivery_failed')).filter((e) => e.subject.id === String(alert.id));
    expect(failed?.reason).toMatch(/pager: HTTP 401 bad routing key/);
    expect(await countRows(h.ctx.db, 'alerts')).toBe(alertsBefore);
    // still there for a person to see
    expect((await alerts.list(h.ctx.db, { unacknowledged: true })).map((a) => a.id)).toContain(alert.id);

    // a channel that keeps failing for other reasons gives up when the budget is spent
    const flaky = recordingChannel('flaky', 99);
    const other = await h.ctx.transaction((tx) => alerts.raise(tx, sample(8)));
    const d = dispatcher([flaky.channel], 2);
    expect(await d.runOnce()).toMatchObject({ retried: 1 });
    h.clock.advance(10_000);
    expect(await d.runOnce()).toMatchObject({ dead: 1 });
    expect((await auditByAction(h.ctx.db, 'alert.delivery_failed')).map((e) => e.subject.id)).toContain(String(other.id));
    expect(await countRows(h.ctx.db, 'alerts')).toBe(alertsBefore + 1);
  });

  describe('HTTP', () => {
    it('GET /v1/alerts admits lead, admin and auditor; filters unacknowledged', async () => {
      const fresh = await h.ctx.transaction((tx) => alerts.raise(tx, sample(9)));
      for (const who of ['lead', 'admin', 'auditor'] as const) {
        const res = await call(crew[who].token, 'GET', '/v1/alerts?unacknowledged=true');
        expect(res.status, who).toBe(200);
        expect(res.body.alerts[0]).toMatchObject({ id: fresh.id, acknowledgedAt: null, subject: { type: 'action', id: 'act_9' } });
        expect(res.body.alerts.every((a: { acknowledgedAt: number | null }) => a.acknowledgedAt === null)).toBe(true);
      }
      for (const who of ['triage', 'agent', 'contractor'] as const) {
        const res = await call(crew[who].token, 'GET', '/v1/alerts');
        expect(res.status, who).toBe(403);
      }
      expect((await call('nope', 'GET', '/v1/alerts')).status).toBe(401);
      const bad = await call(crew.lead.token, 'GET', '/v1/alerts?unacknowledged=yes');
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].path).toBe('query.unacknowledged');
    });

    it('POST /v1/alerts/{id}/acknowledge admits lead and admin; repeats change nothing; unknown is 404', async () => {
      const fresh = await h.ctx.transaction((tx) => alerts.raise(tx, sample(10)));
      expect((await call(crew.auditor.token, 'POST', `/v1/alerts/${fresh.id}/acknowledge`)).status).toBe(403);
      expect((await call(crew.agent.token, 'POST', `/v1/alerts/${fresh.id}/acknowledge`)).status).toBe(403);

      const first = await call(crew.lead.token, 'POST', `/v1/alerts/${fresh.id}/acknowledge`);
      expect(first.status).toBe(200);
      expect(first.body.alert).toMatchObject({ id: fresh.id, acknowledgedBy: crew.lead.staff.id, acknowledgedAt: h.clock.now() });
      h.clock.advance(1000);
      const again = await call(crew.admin.token, 'POST', `/v1/alerts/${fresh.id}/acknowledge`);
      expect(again).toEqual(first);

      const open = await call(crew.lead.token, 'GET', '/v1/alerts?unacknowledged=true');
      expect(open.body.alerts.map((a: { id: number }) => a.id)).not.toContain(fresh.id);

      const missing = await call(crew.admin.token, 'POST', '/v1/alerts/999999/acknowledge');
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('not_found');
      const bad = await call(crew.admin.token, 'POST', '/v1/alerts/abc/acknowledge');
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].path).toBe('path.id');
    });
  });
});
