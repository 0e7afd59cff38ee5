/**
 * Notices (issue 13, items 1, 2 and the appeal outcome): the owner of an
 * account is told of every executed enforcement, a reporter of what came of
 * each report (in one batch), an appellant of the outcome; each reaches the
 * reference platform (a real service on loopback) exactly once, across a
 * platform outage and a Warden restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../src/workers/delivery.js';
import type { ReceivedNotice } from '../src/platform/reference/notices.js';
import { SYSTEM } from '../src/audit/model.js';
import { STORES } from './support/harness.js';
import { type World, drainOutbox, makeWorld } from './support/world.js';

const DAY = 86_400_000;

describe.each(STORES)('notices on %s', (kind) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(kind, { accounts: 6 });
  });
  afterEach(async () => {
    await w.close();
  });

  const as = (token: string) => w.h.api(token);
  const service = () => as(w.h.ctx.config.serviceToken);
  const report = async (reporterId: string, accountId: string, category = 'harassment') => {
    const res = await service().post('/v1/reports', { reporterId, accountId, category, text: `reported by ${reporterId}`, evidence: [] });
    expect(res.status).toBe(202);
    return res.body as { caseId: number; reportId: number };
  };
  const resolve = async (caseId: number, resolution: string) => {
    expect((await as(w.crew.lead.token).post(`/v1/cases/${caseId}/claim`, {})).status).toBe(200);
    const res = await as(w.crew.lead.token).post(`/v1/cases/${caseId}/resolve`, { resolution });
    expect(res.status).toBe(200);
  };
  const deliverAll = () => drainOutbox(createDispatcher(w.h.ctx));
  const ownerNotices = (accountId: string): ReceivedNotice[] => w.platform.store.notices.of('owner', accountId);

  it('an executed suspension tells its owner once: what, until the exact instant, on which ground, how to appeal by when', async () => {
    w.platform.store.upsertAccounts([{ id: 'acct_0001', handle: 'user1', displayName: 'User 1', followers: 200, verified: false, language: 'de-AT' }], w.clock.now());
    const { caseId } = await report('rep_a', 'acct_0001');
    await report('rep_b', 'acct_0001');
    const res = await as(w.crew.lead.token).post('/v1/actions', {
      kind: 'suspend',
      targetId: 'acct_0001',
      caseId,
      reasonCode: 'harassment',
      justification: 'repeated abusive replies to one person',
      durationMs: 7 * DAY,
    });
    expect(res.body.action?.state, JSON.stringify(res.body)).toBe('executed');
    const executedAt = res.body.action.executedAt as number;
    await deliverAll();

    const [notice, ...more] = ownerNotices('acct_0001');
    expect(more).toEqual([]);
    const endsAt = new Date(executedAt + 7 * DAY).toISOString();
    const deadline = new Date(executedAt + 183 * DAY).toISOString();
    expect(notice).toMatchObject({
      subject: 'enforcement',
      language: 'de',
      statement: {
        actionId: res.body.action.id,
        kind: 'suspend',
        status: 'suspended',
        endsAt,
        ground: { reasonCode: 'harassment', wording: 'Our rules against harassment and abuse of other people' },
        detection: { automated: false, source: 'reports_by_users' },
        decision: { automated: false },
        appealDeadline: deadline,
        facts: ['repeated abusive replies to one person', '2 reports about the account (harassment).'],
      },
    });
    expect(notice!.title).toBe('Wir haben @user1 eingeschränkt: dein Konto ist vorübergehend gesperrt');
    expect(notice!.body).toContain(`bis ${endsAt} (UTC)`);
    expect(notice!.body).toContain('Unsere Regeln gegen Belästigung und Missbrauch anderer Menschen');
    expect(notice!.body).toContain(`Du kannst bis ${deadline} (UTC)`);
    // the reporters are not named, nor what they wrote
    expect(JSON.stringify(notice)).not.toMatch(/rep_a|rep_b|reported by/);
    // no staff member is named either
    expect(JSON.stringify(notice)).not.toContain(w.crew.lead.staff.id);

    // Warden's own end of the suspension is a decision too, automated; it lifts a restriction, so nothing to appeal
    w.clock.advance(7 * DAY + 1);
    const { runSchedulerOnce } = await import('../src/workers/scheduler.js');
    expect((await runSchedulerOnce(w.h.ctx)).executed).toHaveLength(1);
    await deliverAll();
    const notices = ownerNotices('acct_0001');
    expect(notices).toHaveLength(2);
    expect(notices[1]!.statement).toMatchObject({ kind: 'restore', status: 'active', decision: { automated: true }, detection: { source: 'warden' }, appealDeadline: null });
    expect(notices[1]!.statement.ground).toEqual({ reasonCode: 'suspension_ended', wording: 'The end of a time-limited suspension' });

    // in Warden: delivered, in German, and audited
    const listed = await as(w.crew.agent.token).get('/v1/accounts/acct_0001/notices');
    expect(listed.status).toBe(200);
    expect(listed.body.notices.map((n: { state: string; language: string }) => [n.state, n.language])).toEqual([
      ['delivered', 'de'],
      ['delivered', 'de'],
    ]);
    const timeline = await as(w.crew.lead.token).get('/v1/accounts/acct_0001/timeline');
    expect(timeline.body.events.filter((e: { event: string }) => e.event === 'notice').map((e: { summary: string }) => e.summary)).toEqual([
      expect.stringMatching(/^enforcement notice .* to the owner: delivered at .* in de$/),
      expect.stringMatching(/^enforcement notice .* to the owner: delivered at .* in de$/),
    ]);
  });

  it("a reporter's resolved reports reach them in one batch, each exactly once; how to contest a decision not to act", async () => {
    const a = await report('rep_many', 'acct_0001', 'spam');
    const b = await report('rep_many', 'acct_0002', 'hate');
    const c = await report('rep_many', 'acct_0003', 'harassment');
    await report('rep_other', 'acct_0003', 'harassment');
    await resolve(a.caseId, 'no_violation');
    await resolve(b.caseId, 'actioned');
    const resolvedAt = w.clock.now();
    await resolve(c.caseId, 'no_violation');
    // nothing goes out before the batch is made
    await deliverAll();
    expect(w.platform.store.notices.of('reporter', 'rep_many')).toEqual([]);

    const batches = await w.h.ctx.transaction((tx) => w.h.ctx.notices.flushReporterOutcomes(tx));
    expect(batches).toHaveLength(2);
    expect(await w.h.ctx.transaction((tx) => w.h.ctx.notices.flushReporterOutcomes(tx))).toEqual([]);
    await deliverAll();

    const mine = w.platform.store.notices.of('reporter', 'rep_many');
    expect(mine).toHaveLength(3);
    expect(new Set(mine.map((n) => n.batchKey)).size).toBe(1);
    expect(mine.map((n) => n.statement)).toEqual([
      expect.objectContaining({ reportId: a.reportId, actionTaken: false, contestDeadline: new Date(resolvedAt + 183 * DAY).toISOString() }),
      expect.objectContaining({ reportId: b.reportId, actionTaken: true, contestDeadline: null }),
      expect.objectContaining({ reportId: c.reportId, actionTaken: false }),
    ]);
    expect(mine[1]!.body).toBe(`Your report #${b.reportId} (hate): we reviewed it and took action.`);
    expect(w.platform.store.notices.of('reporter', 'rep_other')).toHaveLength(1);
    const rows = await w.h.ctx.db.selectFrom('notices').select(['state', 'batch_id']).where('recipient_id', '=', 'rep_many').execute();
    expect(rows.every((r) => r.state === 'delivered' && r.batch_id === mine[0]!.batchKey)).toBe(true);
  });

  it('notices and reporter outcomes reach the platform exactly once each across an outage, a stall and a Warden restart', async () => {
    const fault = (body: object) =>
      fetch(`${w.platform.url}/admin/fault`, { method: 'POST', headers: { authorization: `Bearer ${w.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await fault({ down: true });
    const r1 = await report('rep_x', 'acct_0004');
    await report('rep_x', 'acct_0005');
    for (const id of ['acct_0004', 'acct_0005']) {
      const res = await as(w.crew.lead.token).post('/v1/actions', { kind: 'limit', targetId: id, reasonCode: 'spam', justification: 'spam links' });
      expect(res.body.action.state).toBe('executed');
    }
    await resolve(r1.caseId, 'actioned');
    const cases = await w.h.ctx.db.selectFrom('cases').select('id').where('account_id', '=', 'acct_0005').execute();
    await resolve(cases[0]!.id, 'no_violation');
    await w.h.ctx.transaction((tx) => w.h.ctx.notices.flushReporterOutcomes(tx));

    const first = createDispatcher(w.h.ctx);
    for (let minute = 0; minute < 4; minute++) {
      await first.runOnce();
      w.clock.advance(60_000);
    }
    expect(w.platform.store.notices.all()).toEqual([]);

    // the platform answers again, but slower than Warden waits: it stores what it gets, Warden never hears
    await fault({ down: false, latencyMs: 2_500 });
    const slow = await w.h.reopen();
    await createDispatcher(slow).runOnce();
    await fault({ down: false });

    // a restarted Warden sends everything again under the same keys
    const again = await w.h.reopen();
    w.clock.advance(10 * 60_000);
    await drainOutbox(createDispatcher(again));
    await drainOutbox(first);

    const all = w.platform.store.notices.all();
    const ids = all.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ownerNotices('acct_0004')).toHaveLength(1);
    expect(ownerNotices('acct_0005')).toHaveLength(1);
    expect(w.platform.store.notices.of('reporter', 'rep_x')).toHaveLength(2);
    const inWarden = await w.h.ctx.db.selectFrom('notices').select(['id', 'state']).execute();
    expect(inWarden.map((n) => n.id).sort()).toEqual([...ids].sort());
    expect(inWarden.every((n) => n.state === 'delivered')).toBe(true);
    const delivered = await w.h.ctx.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'notice.delivered').execute();
    expect(delivered).toHaveLength(3);
  });

  it("an appeal's outcome is told to the appellant once, however often it is told", async () => {
    const tell = (appealId: string, recipient: { kind: 'owner'; accountId: string } | { kind: 'reporter'; reporterId: string }) =>
      w.h.ctx.transaction((tx) =>
        w.h.ctx.notices.tellAppealOutcome(tx, { appealId, recipient, outcome: 'denied', reasons: 'the posts break the rules on spam', actionId: 'act_x', caseId: null }, w.clock.now()),
      );
    const id = await tell('apl_1', { kind: 'owner', accountId: 'acct_0002' });
    expect(id).toMatch(/^ntc_/);
    expect(await tell('apl_1', { kind: 'owner', accountId: 'acct_0002' })).toBeNull();
    await tell('apl_2', { kind: 'reporter', reporterId: 'rep_y' });
    await deliverAll();
    expect(ownerNotices('acct_0002').map((n) => [n.subject, n.body])).toEqual([['appeal_outcome', 'Your appeal was denied. Reasons: the posts break the rules on spam']]);
    expect(w.platform.store.notices.of('reporter', 'rep_y')).toHaveLength(1);
    await expect(
      w.h.ctx.transaction((tx) =>
        w.h.ctx.notices.tellAppealOutcome(tx, { appealId: 'apl_3', recipient: { kind: 'reporter', reporterId: 'r' }, outcome: 'granted', reasons: 'x'.repeat(4001), actionId: null, caseId: null }, w.clock.now()),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input', details: { fields: [{ path: 'reasons' }] } });
  });
});

describe.each(STORES)('notice templates on %s', (kind) => {
  let w: World;
  let admin2: { token: string; id: string };
  beforeEach(async () => {
    w = await makeWorld(kind, { accounts: 3 });
    admin2 = await w.h.ctx.transaction(async (tx) => {
      const staff = await w.h.ctx.staff.seed(tx, { id: 'stf_admin2', name: 'admin2', email: 'admin2@warden.test', role: 'admin', employment: 'employee', accessFrom: w.clock.now() - DAY, accessUntil: null });
      return { id: staff.id, token: (await w.h.ctx.staff.issueToken(tx, SYSTEM, staff.id, 'test')).token };
    });
  });
  afterEach(async () => {
    await w.close();
  });

  const template = {
    kind: 'set_notice_template',
    targetId: 'harassment:en',
    reasonCode: 'policy_maintenance',
    justification: 'plainer words for harassment notices',
    templateTitle: 'About @{account}: {restriction}',
    templateGround: 'Rule 4: treat people with respect',
    templateBody: 'We did this: {restriction}{until}. Ground: {ground}. {appeal}',
  };

  it('changes only with another admin’s approval, and the next notice is written from it', async () => {
    const proposed = await w.h.api(w.crew.admin.token).post('/v1/actions', template);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body.action.state).toBe('awaiting_approval');
    const id = proposed.body.action.id as string;
    expect(await w.h.ctx.db.selectFrom('notice_templates').selectAll().execute()).toEqual([]);

    const own = await w.h.api(w.crew.admin.token).post(`/v1/actions/${id}/approve`, { comment: 'mine' });
    expect(own.status).toBe(403);
    expect(JSON.stringify(own.body)).toContain('proposer-cannot-approve');
    const byLead = await w.h.api(w.crew.lead.token).post(`/v1/actions/${id}/approve`, { comment: 'fine' });
    expect(byLead.status).toBe(403);

    const approved = await w.h.api(admin2.token).post(`/v1/actions/${id}/approve`, { comment: 'reads well' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await w.h.ctx.actions.get(w.h.ctx.db, id)).state).toBe('executed');
    const executed = await w.h.ctx.db.selectFrom('audit_log').select('after').where('action', '=', 'action.executed').where('subject_id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(executed.after!).template).toEqual({ id: 'harassment:en', replaced: 'shipped' });

    const suspend = await w.h.api(w.crew.lead.token).post('/v1/actions', {
      kind: 'suspend', targetId: 'acct_0001', reasonCode: 'harassment', justification: 'abusive replies to one person', durationMs: DAY,
    });
    expect(suspend.body.action.state).toBe('executed');
    await drainOutbox(createDispatcher(w.h.ctx));
    const [notice] = w.platform.store.notices.of('owner', 'acct_0001');
    expect(notice!.title).toBe('About @user1: your account is suspended');
    expect(notice!.body).toMatch(/^We did this: your account is suspended until .*\(UTC\)\. Ground: Rule 4: treat people with respect\. You can appeal this decision until /);
    expect(notice!.statement.ground).toEqual({ reasonCode: 'harassment', wording: 'Rule 4: treat people with respect' });
    // the German template is still the shipped one
    const german = await w.h.ctx.notices.templatesFor(w.h.ctx.db, 'harassment');
    expect(german.de.ground).toBe('Unsere Regeln gegen Belästigung und Missbrauch anderer Menschen');
  });

  it('is refused to a lead and an agent, with the rule', async () => {
    for (const who of [w.crew.lead, w.crew.agent]) {
      const res = await w.h.api(who.token).post('/v1/actions', template);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/policy denies propose: default-deny: no rule permits .* to propose set_notice_template/);
    }
  });

  it('bad template input is refused with a 4xx naming the field, and changes nothing', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ templateBody: 'We did this: {restriction}. Ground: {ground}.' }, 'templateBody', /must say \{appeal\}/],
      [{ templateBody: 'We did {restriction} {ground} {appeal} {reporter}' }, 'templateBody', /unknown placeholder \{reporter\}/],
      [{ templateTitle: 'x'.repeat(201) }, 'templateTitle', /200/],
      [{ templateGround: 'Rule {restriction}' }, 'templateGround', /no placeholders/],
      [{ templateTitle: undefined }, 'templateTitle', /./],
      [{ targetId: 'harassment:fr' }, 'targetId', /<reasonCode>:<language>/],
      [{ targetId: 'active' }, 'targetId', /<reasonCode>:<language>/],
    ];
    for (const [over, field, message] of cases) {
      const res = await w.h.api(w.crew.admin.token).post('/v1/actions', { ...template, ...over });
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
      const named = (res.body.error.fields as { path: string; message: string }[]).find((f) => f.path === field);
      expect(named?.message, JSON.stringify(res.body.error)).toMatch(message);
    }
    expect(await w.h.ctx.db.selectFrom('actions').select('id').where('kind', '=', 'set_notice_template').execute()).toEqual([]);
  });
});
