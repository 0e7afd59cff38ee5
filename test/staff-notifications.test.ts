/**
 * Staff notifications on both stores, end to end over loopback: people set
 * their own channels through the API; a proposal, its decisions, an appeal,
 * a tripwire alert and a delivery given up on each tell the people the
 * policy says; the dispatcher takes each message to a real HTTP receiver that
 * checks the Standard Webhooks signature as any receiver would, and to a
 * Slack-compatible one; digests gather; an outage is ridden out with each
 * message taken once by its id; bad preferences change nothing.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeHeadDeliveryHandler } from '../src/audit/publish.js';
import { notificationDeliveryHandler } from '../src/notifications/delivery.js';
import { enqueue } from '../src/platform/outbox.js';
import { OutboxDispatcher } from '../src/workers/dispatcher.js';
import { auditByAction } from './support/db.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, type Member, seedAccounts, seedCrew } from './support/seed.js';

const JUST = 'reported for a credible threat of violence';
const secretFor = () => `whsec_${randomBytes(32).toString('base64')}`;

interface Received {
  id: string;
  type: string;
  data: { messageId: string; staffId: string; items: { id: string; kind: string; subject: { type: string; id: string }; title: string; link: string }[] };
}

/** A receiver on loopback: verifies each signed message with its person's secret, keeps each id once, fails on demand. */
async function startReceiver() {
  const secrets = new Map<string, string>();
  const signed = new Map<string, Received[]>();
  const posts = new Map<string, number>();
  const slack = new Map<string, { text: string; blocks: unknown[] }[]>();
  const failures = new Map<string, { before: number; after: number }>();
  const refusedSignatures: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const [, channel, who] = (req.url ?? '').split('/');
      posts.set(`${channel}/${who}`, (posts.get(`${channel}/${who}`) ?? 0) + 1);
      // an outage of the signed receiver only
      const fail = channel === 'hook' ? failures.get(who!) : undefined;
      if (channel === 'refuse') return res.writeHead(410).end();
      if (fail && fail.before > 0) {
        fail.before--;
        return res.writeHead(503).end();
      }
      if (channel === 'slack') {
        slack.set(who!, [...(slack.get(who!) ?? []), JSON.parse(body)]);
        return res.writeHead(200).end('ok');
      }
      let msg: Received;
      try {
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        msg = new Webhook(secrets.get(who!)!).verify(body, headers) as Received;
      } catch {
        refusedSignatures.push(who!);
        return res.writeHead(400).end();
      }
      // exactly once by message id: a repeat is acknowledged and dropped
      const list = signed.get(who!) ?? [];
      if (!list.some((m) => m.id === msg.id)) list.push(msg);
      signed.set(who!, list);
      // taken, but the answer is lost: the sender must try again, under the same id
      if (fail && fail.after > 0) {
        fail.after--;
        return res.writeHead(500).end();
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, secrets, signed, posts, slack, failures, refusedSignatures, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(STORES)('staff notifications on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let lead3: Member;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let dispatcher: OutboxDispatcher;
  const as = (m: { token: string }) => h.api(m.token);
  const itemsTo = (who: string) => (receiver.signed.get(who) ?? []).flatMap((m) => m.data.items);

  /** Every due message sent, with time moved past each backoff. */
  async function deliverAll() {
    for (let round = 0; round < 12; round++) {
      await dispatcher.runOnce();
      const pending = await h.ctx.db.selectFrom('outbox').select('id').where('state', '=', 'pending').where('kind', 'in', ['staff_notification', 'tree_head']).execute();
      if (pending.length === 0) return;
      h.clock.advance(1_100);
    }
    throw new Error('messages still pending');
  }

  async function setChannels(m: Member, who: string, modes: Record<string, string> = {}) {
    const secret = secretFor();
    receiver.secrets.set(who, secret);
    const res = await as(m).send('PUT', '/v1/me/notification-preferences', {
      webhook: { url: `${receiver.url}/hook/${who}`, secret },
      slack: { url: `${receiver.url}/slack/${who}` },
      modes,
    });
    expect(res.status).toBe(200);
    return { secret, res };
  }

  beforeAll(async () => {
    receiver = await startReceiver();
    h = await makeApiHarness(kind, { publicUrl: 'https://warden.example' });
    // a receiver checks a signature's timestamp against its own clock (within 5 minutes): Warden's clock starts at the receiver's now
    h.clock.set(Date.now());
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
    lead3 = await h.ctx.transaction(async (tx) => {
      const s = await h.ctx.staff.seed(tx, { id: 'stf_lead3', name: 'lead3', email: 'lead3@warden.test', role: 'lead', employment: 'employee', accessFrom: h.clock.now() - 1000 });
      return { staff: s, token: (await h.ctx.staff.issueToken(tx, { kind: 'system', id: 'warden' }, s.id, 't')).token };
    });
    dispatcher = new OutboxDispatcher({
      db: h.ctx.db,
      dialect: h.ctx.store.dialect,
      clock: h.clock,
      logger: h.ctx.logger,
      workerId: `notifications-test-${kind}`,
      handlers: {
        staff_notification: notificationDeliveryHandler(h.ctx.db, h.ctx.staffNotifications, h.clock, h.ctx.config.delivery.channelTimeoutMs),
        tree_head: treeHeadDeliveryHandler([`${receiver.url}/refuse/heads`], secretFor(), h.ctx.logger),
      },
      // short waits: the receiver checks each signature's timestamp against its own clock, as any receiver does
      retry: { baseMs: 100, maxMs: 1_000, maxAttempts: 6 },
      lockMs: 30_000,
      alerts: h.ctx.alerts,
      random: () => 0.99,
    });
    await setChannels(crew.lead, 'lead', { proposal_decided: 'immediate' });
    await setChannels(crew.lead2, 'lead2');
    await setChannels(crew.admin, 'admin');
    await setChannels(lead3, 'lead3');
  });
  afterAll(async () => {
    await h?.cleanup();
    await receiver?.close();
  });

  it('bad preferences answer 400 naming the field and change nothing; nobody can name another person; secrets are never shown', async () => {
    const before = await as(crew.lead).get('/v1/me/notification-preferences');
    const entries = (await auditByAction(h.ctx.db, 'notification.preferences_set')).length;
    const bad: [unknown, string][] = [
      [{ webhook: { url: 'ftp://files.example/x', secret: secretFor() } }, 'webhook.url'],
      [{ webhook: { url: 'javascript:alert(1)', secret: secretFor() } }, 'webhook.url'],
      [{ webhook: { url: `https://x.example/${'a'.repeat(2001)}`, secret: secretFor() } }, 'webhook.url'],
      [{ webhook: { url: 'https://user:pw@x.example/', secret: secretFor() } }, 'webhook.url'],
      [{ webhook: { url: 'https://x.example/', secret: 'not-a-secret' } }, 'webhook.secret'],
      [{ webhook: { url: 'https://x.example/', secret: 'whsec_c2hvcnQ=' } }, 'webhook.secret'],
      [{ slack: { url: 'not a url' } }, 'slack.url'],
      [{ modes: { alert_raised: 'sometimes' } }, 'modes.alert_raised'],
      [{ modes: { something_else: 'off' } }, 'modes'],
      // preferences are the caller's own: there is no field that names anyone
      [{ staffId: 'stf_admin', modes: { alert_raised: 'off' } }, 'staffId'],
    ];
    for (const [body, field] of bad) {
      const res = await as(crew.lead).send('PUT', '/v1/me/notification-preferences', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body.error.fields ?? res.body.error)).toContain(field);
    }
    // a new webhook needs its secret: someone with none cannot be pointed at a receiver unsigned
    const fresh = await as(crew.agent).send('PUT', '/v1/me/notification-preferences', { webhook: { url: 'https://x.example/' } });
    expect(fresh.status).toBe(400);
    expect(fresh.body.error.fields).toEqual([expect.objectContaining({ path: 'webhook.secret' })]);
    expect(await as(crew.lead).get('/v1/me/notification-preferences')).toEqual(before);
    expect((await auditByAction(h.ctx.db, 'notification.preferences_set')).length).toBe(entries);

    // read back: the webhook's URL, never its secret; Slack by host only
    const shown = JSON.stringify(before.body);
    expect(before.body.preferences).toMatchObject({ webhook: { url: `${receiver.url}/hook/lead`, secretSet: true }, slack: { host: new URL(receiver.url).host } });
    expect(shown).not.toContain(receiver.secrets.get('lead')!.slice(6));
    expect(shown).not.toContain('/slack/lead');
    // the audit entry names origins and modes only
    const [entry] = (await auditByAction(h.ctx.db, 'notification.preferences_set')).filter((e) => e.subject.id === 'stf_lead');
    expect(entry).toMatchObject({ actor: { kind: 'staff', id: 'stf_lead' }, after: { webhook: receiver.url, modes: { proposal_decided: 'immediate' } } });
    expect(JSON.stringify(entry)).not.toContain(receiver.secrets.get('lead')!.slice(6));
    // the platform's service token is no person: it has no preferences to set
    expect((await h.api(h.ctx.config.serviceToken).send('PUT', '/v1/me/notification-preferences', { modes: {} })).status).toBe(403);
  });

  it('only those with a channel are recipients: someone who set none is not asked about, and gets no row', async () => {
    const silent = await h.ctx.transaction(async (tx) => {
      const s = await h.ctx.staff.seed(tx, { id: 'stf_silent', name: 'silent', email: 'silent@warden.test', role: 'lead', employment: 'employee', accessFrom: h.clock.now() - 1000 });
      return { staff: s, token: (await h.ctx.staff.issueToken(tx, { kind: 'system', id: 'warden' }, s.id, 't')).token };
    });
    const p = await as(crew.lead).post('/v1/actions', { kind: 'lock', targetId: 'acct_vip', reasonCode: 'violent_threat', justification: JUST });
    expect(p.status).toBe(201);
    const actionId = p.body.action.id;
    // in their inbox all the same
    expect((await as(silent).get('/v1/approvals/inbox')).body.items.some((i: { action: { id: string } }) => i.action.id === actionId)).toBe(true);
    const told = await h.ctx.db.selectFrom('staff_notifications').select('staff_id').where('subject_id', '=', actionId).execute();
    expect(told.map((r) => r.staff_id)).not.toContain('stf_silent');
    expect(told.length).toBeGreaterThan(0);
  });

  it('approvers are told of a waiting proposal, signed, and the proposer of each decision', async () => {
    const p = await as(crew.lead).post('/v1/actions', { kind: 'suspend', targetId: 'acct_vip', durationMs: 86_400_000, reasonCode: 'violent_threat', justification: JUST });
    expect(p.status).toBe(201);
    const actionId = p.body.action.id;
    await deliverAll();

    // exactly those in whose inbox it stands
    const inboxes = await Promise.all(
      [crew.triage, crew.agent, crew.contractor, crew.lead, crew.lead2, crew.admin, crew.auditor, lead3].map(async (m) => ({
        id: m.staff.id,
        has: (await as(m).get('/v1/approvals/inbox')).body.items?.some((i: { action: { id: string } }) => i.action.id === actionId) ?? false,
      })),
    );
    const told = await h.ctx.db.selectFrom('staff_notifications').select('staff_id').where('kind', '=', 'approval_requested').where('subject_id', '=', actionId).execute();
    expect(told.map((r) => r.staff_id).sort()).toEqual(inboxes.filter((i) => i.has).map((i) => i.id).sort());
    expect(told.map((r) => r.staff_id).sort()).toEqual(['stf_admin', 'stf_lead2', 'stf_lead3']);

    const [msg] = receiver.signed.get('lead2')!.filter((m) => m.data.items.some((i) => i.subject.id === actionId));
    expect(msg).toMatchObject({ type: 'staff.notification', data: { staffId: 'stf_lead2', items: [{ kind: 'approval_requested', subject: { type: 'action', id: actionId } }] } });
    expect(msg!.id).toBe(msg!.data.messageId);
    expect(msg!.data.items[0]!.link).toBe(`https://warden.example/actions/${actionId}`);
    // the ids, never the justification or who the account is
    expect(msg!.data.items[0]!.title).toContain(actionId);
    expect(JSON.stringify(msg)).not.toContain(JUST);
    expect(JSON.stringify(msg)).not.toContain('head_of_state');
    // the Slack-compatible body
    const slack = receiver.slack.get('lead2')!.find((s) => s.text.includes(actionId));
    expect(slack).toMatchObject({ text: expect.stringContaining(actionId), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: expect.stringContaining(`<https://warden.example/actions/${actionId}|open in Warden>`) } }] });
    expect(itemsTo('lead').some((i) => i.subject.id === actionId)).toBe(false);
    expect(receiver.refusedSignatures).toEqual([]);

    await as(crew.lead2).post(`/v1/actions/${actionId}/approve`, { comment: 'seen' });
    expect((await as(crew.admin).post(`/v1/actions/${actionId}/approve`, { comment: 'seen' })).body.action.state).toBe('executed');
    const r = await as(crew.lead).post('/v1/actions', { kind: 'lock', targetId: 'acct_press', reasonCode: 'harassment', justification: JUST });
    await as(crew.admin).post(`/v1/actions/${r.body.action.id}/reject`, { comment: 'not enough' });
    await deliverAll();
    const decided = itemsTo('lead').filter((i) => i.kind === 'proposal_decided');
    expect(decided.map((i) => [i.subject.id, i.title.match(/was (\w+)/)![1]])).toEqual([
      [actionId, 'executed'],
      [r.body.action.id, 'rejected'],
    ]);
    const mine = await as(crew.lead).get('/v1/me/notifications');
    expect(mine.body.notifications.filter((n: { kind: string }) => n.kind === 'proposal_decided').map((n: { state: string }) => n.state)).toEqual(['delivered', 'delivered']);
    // nobody sees anyone else's
    expect((await as(crew.admin).get('/v1/me/notifications')).body.notifications.every((n: { link: string; kind: string }) => n.kind !== 'proposal_decided')).toBe(true);

    // a new appeal: only those who may decide it (not the proposer, nor its approvers)
    const filed = await h.api(h.ctx.config.serviceToken).post('/v1/appeals', { actionId, appellant: { kind: 'owner', accountId: 'acct_vip' }, statement: 'I was quoting it' });
    expect(filed.status).toBe(201);
    await deliverAll();
    const appealTold = await h.ctx.db.selectFrom('staff_notifications').select('staff_id').where('kind', '=', 'appeal_filed').execute();
    expect(appealTold.map((t) => t.staff_id)).toEqual(['stf_lead3']);
    expect(itemsTo('lead3').find((i) => i.kind === 'appeal_filed')).toMatchObject({ subject: { type: 'appeal', id: filed.body.appeal.id }, link: `https://warden.example/appeals/${filed.body.appeal.id}` });
    expect(JSON.stringify(itemsTo('lead3'))).not.toContain('I was quoting it');
  });

  it('on-call hears of a tripwire alert and of a delivery given up on; off and digest are respected', async () => {
    await setChannels(crew.lead2, 'lead2', { alert_raised: 'off' });
    await setChannels(crew.admin, 'admin', { alert_raised: 'digest', approval_requested: 'digest' });
    const adminBefore = (receiver.signed.get('admin') ?? []).length;

    const [drift] = await h.ctx.tripwires.observe([
      { accountId: 'acct_0003', status: 'suspended', statusUntil: null, version: 7, changedAt: h.clock.now(), via: 'webhook', evidence: { source: 'test' } },
    ]);
    expect(drift!.alertId).toBeTruthy();
    await h.ctx.transaction((tx) =>
      enqueue(tx, h.clock.now(), { kind: 'tree_head', key: `head:${kind}`, payload: { id: 1, treeSize: 1, rootHash: 'aa', timestamp: h.clock.now(), signature: 'x', keyId: 'k' } }),
    );
    const p = await as(crew.lead).post('/v1/actions', { kind: 'lock', targetId: 'acct_press', reasonCode: 'harassment', justification: JUST });
    expect(p.body.action.state).toBe('awaiting_approval');
    await deliverAll();
    const alerts = await h.ctx.alerts.list(h.ctx.db);
    const unauthorized = alerts.find((a) => a.id === drift!.alertId)!;
    const gaveUp = alerts.find((a) => a.kind === 'delivery_failed' && a.details.key === `head:${kind}`)!;
    expect(unauthorized.kind).toBe('unauthorized_change');
    expect(gaveUp).toBeTruthy();

    // on-call: who may read and acknowledge alerts
    for (const alert of [unauthorized, gaveUp]) {
      const rows = await h.ctx.db.selectFrom('staff_notifications').select(['staff_id', 'state']).where('kind', '=', 'alert_raised').where('subject_id', '=', String(alert.id)).orderBy('staff_id').execute();
      expect(rows).toEqual([
        { staff_id: 'stf_admin', state: 'pending' },
        { staff_id: 'stf_lead', state: 'delivered' },
        { staff_id: 'stf_lead2', state: 'muted' },
        { staff_id: 'stf_lead3', state: 'delivered' },
      ]);
      expect(itemsTo('lead3').find((i) => i.subject.id === String(alert.id))).toMatchObject({ kind: 'alert_raised', subject: { type: 'alert' } });
      expect(itemsTo('lead2').some((i) => i.subject.type === 'alert' && i.subject.id === String(alert.id))).toBe(false);
    }
    // the admin's digest: nothing yet; then one message with all three
    expect((receiver.signed.get('admin') ?? []).length).toBe(adminBefore);
    const messages = await h.ctx.transaction((tx) => h.ctx.staffNotifications.flushDigests(tx));
    expect(messages).toHaveLength(1);
    await deliverAll();
    const digests = receiver.signed.get('admin')!.slice(adminBefore);
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({ type: 'staff.digest', id: messages[0] });
    expect(digests[0]!.data.items.map((i) => i.subject.id).sort()).toEqual([String(unauthorized.id), String(gaveUp.id), p.body.action.id].sort());
    expect(receiver.slack.get('admin')!.at(-1)!.text).toBe('Warden digest: 3 notifications');
    expect(await h.ctx.transaction((tx) => h.ctx.staffNotifications.flushDigests(tx))).toEqual([]);
  });

  it('a receiver outage is ridden out by retry, each message taken once by its id; a refusal for good is recorded, not retried', async () => {
    receiver.failures.set('lead3', { before: 2, after: 1 });
    const postsBefore = receiver.posts.get('hook/lead3') ?? 0;
    const seenBefore = (receiver.signed.get('lead3') ?? []).length;
    const alert = await h.ctx.transaction((tx) => h.ctx.alerts.raise(tx, { kind: 'platform_unreachable', severity: 'warning', subject: { type: 'platform', id: 'p' }, summary: 'sends failing' }));
    await deliverAll();
    const row = await h.ctx.db.selectFrom('staff_notifications').selectAll().where('staff_id', '=', 'stf_lead3').where('subject_id', '=', String(alert.id)).executeTakeFirstOrThrow();
    expect(row.state).toBe('delivered');
    // 2 refused while down, 1 taken with its answer lost, 1 more under the same id
    expect((receiver.posts.get('hook/lead3') ?? 0) - postsBefore).toBe(4);
    const taken = receiver.signed.get('lead3')!.slice(seenBefore);
    expect(taken.map((m) => m.id)).toEqual([row.message_id]);

    // the auditor may read alerts but not acknowledge them: not on-call, not told
    expect(await h.ctx.db.selectFrom('staff_notifications').select('id').where('staff_id', '=', 'stf_auditor').where('subject_id', '=', String(alert.id)).execute()).toEqual([]);
  });

  it('whose access has ended is not told, even of what was queued for them before', async () => {
    const lead5 = await h.ctx.transaction(async (tx) => {
      const s = await h.ctx.staff.seed(tx, { id: 'stf_lead5', name: 'lead5', email: 'lead5@warden.test', role: 'lead', employment: 'contractor', accessFrom: h.clock.now() - 1000, accessUntil: h.clock.now() + 30_000 });
      return { staff: s, token: (await h.ctx.staff.issueToken(tx, { kind: 'system', id: 'warden' }, s.id, 't')).token };
    });
    receiver.secrets.set('lead5', secretFor());
    const refusing = { webhook: { url: `${receiver.url}/refuse/lead5`, secret: receiver.secrets.get('lead5') } };
    expect((await as(lead5).send('PUT', '/v1/me/notification-preferences', refusing)).status).toBe(200);
    const queued = await h.ctx.transaction((tx) => h.ctx.alerts.raise(tx, { kind: 'platform_unreachable', severity: 'critical', subject: { type: 'platform', id: 'p' }, summary: 'down' }));
    h.clock.advance(60_000);
    const later = await h.ctx.transaction((tx) => h.ctx.alerts.raise(tx, { kind: 'platform_unreachable', severity: 'critical', subject: { type: 'platform', id: 'p' }, summary: 'down again' }));
    await deliverAll();
    const rows = await h.ctx.db.selectFrom('staff_notifications').select(['subject_id', 'state', 'last_error']).where('staff_id', '=', 'stf_lead5').execute();
    expect(rows).toEqual([{ subject_id: String(queued.id), state: 'withheld', last_error: 'access ended before it was sent' }]);
    expect(rows.some((r) => r.subject_id === String(later.id))).toBe(false);
    expect(receiver.posts.get('refuse/lead5') ?? 0).toBe(0);
  });

  it('a permanent refusal is recorded once, the person sees it failed, and no alert loops from it', async () => {
    const secret = secretFor();
    expect((await as(crew.lead2).send('PUT', '/v1/me/notification-preferences', { webhook: { url: `${receiver.url}/refuse/lead2`, secret }, slack: null, modes: { alert_raised: 'immediate' } })).status).toBe(200);
    const alertsBefore = (await h.ctx.alerts.list(h.ctx.db)).length;
    const postsBefore = receiver.posts.get('refuse/lead2') ?? 0;
    const alert = await h.ctx.transaction((tx) => h.ctx.alerts.raise(tx, { kind: 'platform_reachable', severity: 'info', subject: { type: 'platform', id: 'p' }, summary: 'back' }));
    await deliverAll();
    const mine = (await as(crew.lead2).get('/v1/me/notifications')).body.notifications.find((n: { subject: { id: string } }) => n.subject.id === String(alert.id));
    expect(mine).toMatchObject({ state: 'failed', lastError: expect.stringContaining('HTTP 410') });
    expect((receiver.posts.get('refuse/lead2') ?? 0) - postsBefore).toBe(1);
    const [entry] = (await auditByAction(h.ctx.db, 'notification.delivery_failed')).filter((e) => e.subject.id === mine.messageId);
    expect(entry).toMatchObject({ after: { staffId: 'stf_lead2', notificationIds: [mine.id], attempts: 1 } });
    expect((await h.ctx.alerts.list(h.ctx.db)).length).toBe(alertsBefore + 1);
  });
});
