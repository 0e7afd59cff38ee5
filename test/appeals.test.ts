/**
 * Appeals over the API on both stores: filed by the platform's service token
 * within their window, one open per action, by the right appellant only;
 * decided only by someone independent of the decision contested (the rule's
 * id in the refusal and in explain); granting proposes the restore through
 * the same guard as any action, or reopens a reporter's case; undecided
 * appeals raise one alert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseOverdueAppeals } from '../src/appeals/overdue.js';
import { PolicyEngine } from '../src/policy/engine.js';
import { type Api, type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const JUST = 'repeated credible threats reported by many users';
const DAY = 86_400_000;

describe.each(STORES)('appeals on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let lead3: { token: string };
  /** a lead whose API token the proposer of the contested actions (crew.lead) issued: the proposer's second pair of hands */
  let proposersOwn: { token: string };
  let platform: Api;
  const as = (m: { token: string }) => h.api(m.token);

  beforeAll(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
    lead3 = await h.ctx.transaction(async (tx) => {
      const s = await h.ctx.staff.seed(tx, { id: 'stf_lead3', name: 'lead3', email: 'lead3@warden.test', role: 'lead', employment: 'employee', accessFrom: h.clock.now() - 1000 });
      return { token: (await h.ctx.staff.issueToken(tx, { kind: 'system', id: 'warden' }, s.id, 't')).token };
    });
    proposersOwn = await h.ctx.transaction(async (tx) => {
      const s = await h.ctx.staff.seed(tx, { id: 'stf_lead4', name: 'lead4', email: 'lead4@warden.test', role: 'lead', employment: 'employee', accessFrom: h.clock.now() - 1000 });
      return { token: (await h.ctx.staff.issueToken(tx, { kind: 'staff', id: 'stf_lead' }, s.id, 'issued by the proposer')).token };
    });
    platform = h.api(h.ctx.config.serviceToken);
  });
  afterAll(() => h.cleanup());

  /** A critical account suspended by crew.lead with the approvals of lead2 and admin. */
  async function suspendVip(): Promise<string> {
    const p = await as(crew.lead).post('/v1/actions', { kind: 'suspend', targetId: 'acct_vip', durationMs: 30 * DAY, reasonCode: 'harassment', justification: JUST });
    expect(p.status).toBe(201);
    await as(crew.lead2).post(`/v1/actions/${p.body.action.id}/approve`, { comment: 'seen' });
    const done = await as(crew.admin).post(`/v1/actions/${p.body.action.id}/approve`, { comment: 'seen' });
    expect(done.body.action.state).toBe('executed');
    return p.body.action.id;
  }

  it('an owner appeals an action on a critical account: independence is the policy\'s, and the restore goes through the guard', async () => {
    const actionId = await suspendVip();
    const statement = 'I was quoting the threat to report it, not making it.';

    // the wrong appellant, and bad input, change nothing
    const wrong = await platform.post('/v1/appeals', { actionId, appellant: { kind: 'owner', accountId: 'acct_0001' }, statement });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toMatch(/only its owner/);
    const bad = await platform.post('/v1/appeals', { actionId, appellant: { kind: 'owner', accountId: 'acct_vip' }, statement: 'x'.repeat(8001) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.fields)).toContain('statement');
    expect((await as(crew.lead).get('/v1/appeals')).body.appeals).toEqual([]);
    // staff do not file appeals: the platform does, for its users
    expect((await as(crew.lead).post('/v1/appeals', { actionId, appellant: { kind: 'owner', accountId: 'acct_vip' }, statement })).status).toBe(403);

    const filed = await platform.post('/v1/appeals', { actionId, appellant: { kind: 'owner', accountId: 'acct_vip' }, statement });
    expect(filed.status).toBe(201);
    const appeal = filed.body.appeal;
    expect(appeal).toMatchObject({ state: 'open', actionId, accountId: 'acct_vip', appellant: { kind: 'owner', id: 'acct_vip' } });
    expect(appeal.deadlineAt).toBe(h.clock.now() + 183 * DAY);

    // one open appeal per action
    const again = await platform.post('/v1/appeals', { actionId, appellant: { kind: 'owner', accountId: 'acct_vip' }, statement });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(appeal.id);

    // in the appeals queue, with everything in view; agents do not see it
    expect((await as(crew.agent).get(`/v1/appeals/${appeal.id}`)).status).toBe(404);
    expect((await as(crew.agent).get('/v1/queues')).body.queues.map((q: { queue: string }) => q.queue)).not.toContain('appeals');
    const view = await as(lead3).get(`/v1/appeals/${appeal.id}`);
    expect(view.status).toBe(200);
    expect(view.body.case).toMatchObject({ queue: 'appeals', accountId: 'acct_vip', status: 'open' });
    expect(view.body.contested.action).toMatchObject({ id: actionId, justification: JUST });
    expect(view.body.contested.approvals.map((a: { approverId: string }) => a.approverId).sort()).toEqual(['stf_admin', 'stf_lead2']);
    expect(view.body.ineligible).toEqual([
      { staffId: 'stf_lead', role: 'proposer', why: 'proposed the action contested' },
      { staffId: 'stf_lead2', role: 'approver', why: 'approved the action contested' },
      { staffId: 'stf_admin', role: 'approver', why: 'approved the action contested' },
    ]);
    expect(view.body.viewerMayDecide.allowed).toBe(true);

    // the proposer and each approver are refused, with the rule's id, even holding the claim
    expect((await as(crew.lead).post(`/v1/cases/${appeal.caseId}/claim`)).status).toBe(200);
    for (const who of [crew.lead, crew.lead2, crew.admin, proposersOwn]) {
      const refused = await as(who).post(`/v1/appeals/${appeal.id}/decide`, { outcome: 'granted', reasons: 'the quote was reporting' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('appeal-decided-independently');
      expect(refused.body.error.decision.rules.map((r: { id: string }) => r.id)).toEqual(['appeal-decided-independently']);
      const explained = await as(who).get(`/v1/appeals/${appeal.id}/explain`);
      expect(explained.body.decision).toMatchObject({ allowed: false, rules: [{ id: 'appeal-decided-independently', effect: 'forbid' }] });
    }
    const refusals = await h.ctx.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'appeal.decision_refused').execute();
    expect(refusals.map((r) => r.actor_id).sort()).toEqual(['stf_admin', 'stf_lead', 'stf_lead2', 'stf_lead4']);
    // the one whose access the proposer issued is told why: the chain through the proposer
    const dependent = (await as(proposersOwn).get(`/v1/appeals/${appeal.id}`)).body.ineligible.find((p: { role: string }) => p.role === 'dependent');
    expect(dependent).toMatchObject({ staffId: 'stf_lead4', why: expect.stringMatching(/depends on stf_lead, who proposed the action contested: .*API token was issued by the proposer/) });
    const explained = await as(lead3).get(`/v1/appeals/${appeal.id}/explain`);
    expect(explained.body.decision).toMatchObject({ allowed: true, rules: [{ id: 'appeal-deciders-leads-admins' }] });
    expect(explained.body.rules.map((r: { id: string }) => r.id)).toEqual(['appeal-deciders-leads-admins', 'appeal-decided-independently']);

    // someone independent decides, holding the claim
    await as(crew.lead).post(`/v1/cases/${appeal.caseId}/release`, { reason: 'not mine to decide' });
    const unclaimed = await as(lead3).post(`/v1/appeals/${appeal.id}/decide`, { outcome: 'granted', reasons: 'the quote was reporting' });
    expect(unclaimed.status).toBe(403);
    expect(unclaimed.body.error.message).toMatch(/not claimed by you/);
    expect((await as(lead3).post(`/v1/cases/${appeal.caseId}/claim`)).status).toBe(200);
    const short = await as(lead3).post(`/v1/appeals/${appeal.id}/decide`, { outcome: 'granted', reasons: 'ok' });
    expect(short.status).toBe(400);
    expect(short.body.error.fields[0].path).toBe('reasons');
    const granted = await as(lead3).post(`/v1/appeals/${appeal.id}/decide`, { outcome: 'granted', reasons: 'the quote was reporting the threat' });
    expect(granted.status).toBe(200);
    expect(granted.body.appeal).toMatchObject({ state: 'granted', decidedBy: 'stf_lead3', reversalActionId: granted.body.reversal.id });
    // the shipped policy: a restore back to active is the one-step undo, on any tier; proposed by the decider
    expect(granted.body.reversal).toMatchObject({ kind: 'restore', reasonCode: 'appeal_granted', proposer: { kind: 'staff', id: 'stf_lead3' }, state: 'executed', caseId: appeal.caseId });
    expect((await as(crew.lead).get('/v1/accounts/acct_vip')).body.account.status).toBe('active');
    // the owner is told the outcome with the reasons, once, through the outbox
    const told = await h.ctx.db.selectFrom('notices').select(['subject', 'recipient_id']).where('appeal_id', '=', appeal.id).execute();
    expect(told).toEqual([{ subject: 'appeal_outcome', recipient_id: 'acct_vip' }]);
    // decided once
    expect((await as(lead3).post(`/v1/appeals/${appeal.id}/decide`, { outcome: 'denied', reasons: 'changed my mind' })).status).toBe(409);
    expect((await platform.post('/v1/appeals', { actionId, appellant: { kind: 'owner', accountId: 'acct_vip' }, statement })).status).toBe(409);
    const timeline = await as(crew.lead).get('/v1/accounts/acct_vip/timeline');
    const events = timeline.body.events.map((e: { event: string }) => e.event);
    expect(events).toEqual(expect.arrayContaining(['appeal.filed', 'appeal.decision_refused', 'appeal.decided', 'appeal.reversal_executed']));
  });

  it('an appeal after its window is refused naming the deadline as an exact instant', async () => {
    const p = await as(crew.agent).post('/v1/actions', { kind: 'limit', targetId: 'acct_0003', reasonCode: 'spam', justification: 'spam links' });
    expect(p.body.action.state).toBe('executed');
    const deadline = new Date(p.body.action.executedAt + 183 * DAY).toISOString();
    h.clock.advance(183 * DAY + 1);
    const late = await platform.post('/v1/appeals', { actionId: p.body.action.id, appellant: { kind: 'owner', accountId: 'acct_0003' }, statement: 'too late?' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain(`closed at ${deadline}`);
    expect(late.body.error.deadline).toBe(deadline);
    expect(await h.ctx.db.selectFrom('appeals').select('id').where('action_id', '=', p.body.action.id).execute()).toEqual([]);
  });

  it('a reporter appeals a decision not to act; its resolver may not decide; granting reopens the case', async () => {
    const r = await platform.post('/v1/reports', { reporterId: 'rep_1', accountId: 'acct_0004', category: 'harassment', text: 'threats in DMs' });
    expect(r.status).toBe(202);
    const caseId = r.body.caseId;
    await as(crew.lead).post(`/v1/cases/${caseId}/claim`);
    expect((await as(crew.lead).post(`/v1/cases/${caseId}/resolve`, { resolution: 'no_violation', note: 'banter' })).status).toBe(200);

    const stranger = await platform.post('/v1/appeals', { caseId, appellant: { kind: 'reporter', reporterId: 'rep_2' }, statement: 'look again' });
    expect(stranger.status).toBe(403);
    const both = await platform.post('/v1/appeals', { caseId, reportId: r.body.reportId, appellant: { kind: 'reporter', reporterId: 'rep_1' }, statement: 'look again' });
    expect(both.status).toBe(400);
    const filed = await platform.post('/v1/appeals', { reportId: r.body.reportId, appellant: { kind: 'reporter', reporterId: 'rep_1' }, statement: 'they kept going after' });
    expect(filed.status).toBe(201);
    const appeal = filed.body.appeal;
    expect(appeal).toMatchObject({ originalCaseId: caseId, actionId: null, reportId: r.body.reportId });
    const second = await platform.post('/v1/appeals', { caseId, appellant: { kind: 'reporter', reporterId: 'rep_1' }, statement: 'again' });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain(appeal.id);

    await as(crew.lead).post(`/v1/cases/${appeal.caseId}/claim`);
    const resolver = await as(crew.lead).post(`/v1/appeals/${appeal.id}/decide`, { outcome: 'denied', reasons: 'it was banter, as I said' });
    expect(resolver.status).toBe(403);
    expect(resolver.body.error.message).toContain('appeal-decided-independently');
    // an appeal case is decided, never resolved
    expect((await as(crew.lead).post(`/v1/cases/${appeal.caseId}/resolve`, { resolution: 'no_violation' })).status).toBe(409);
    await as(crew.lead).post(`/v1/cases/${appeal.caseId}/release`, {});
    await as(crew.lead2).post(`/v1/cases/${appeal.caseId}/claim`);
    const granted = await as(crew.lead2).post(`/v1/appeals/${appeal.id}/decide`, { outcome: 'granted', reasons: 'the messages are threats' });
    expect(granted.status).toBe(200);
    expect(granted.body.appeal).toMatchObject({ state: 'granted', reconsideredCaseId: caseId });
    const reopened = (await as(crew.lead).get(`/v1/cases/${caseId}`)).body.case;
    expect(reopened).toMatchObject({ status: 'open', resolution: null, queue: 'safety' });
    expect((await as(crew.lead).get(`/v1/cases/${appeal.caseId}`)).body.case).toMatchObject({ status: 'resolved', resolution: 'appeal_granted' });
  });

  it('an appeal undecided past appeals.decideWithinMs raises one alert', async () => {
    const p = await as(crew.agent).post('/v1/actions', { kind: 'warn', targetId: 'acct_0007', reasonCode: 'spam', justification: '' });
    const filed = await platform.post('/v1/appeals', { actionId: p.body.action.id, appellant: { kind: 'owner', accountId: 'acct_0007' }, statement: 'not spam' });
    expect(filed.status).toBe(201);
    const deps = { alerts: h.ctx.alerts, audit: h.ctx.audit, clock: h.clock, dialect: h.ctx.store.dialect };
    const within = h.ctx.config.appeals.decideWithinMs;
    h.clock.advance(within - 1);
    expect(await h.ctx.transaction((tx) => raiseOverdueAppeals(tx, deps, within))).toEqual([]);
    h.clock.advance(1);
    expect(await h.ctx.transaction((tx) => raiseOverdueAppeals(tx, deps, within))).toEqual([filed.body.appeal.id]);
    expect(await h.ctx.transaction((tx) => raiseOverdueAppeals(tx, deps, within))).toEqual([]);
    const alerts = await h.ctx.db.selectFrom('alerts').selectAll().where('kind', '=', 'appeal_overdue').where('subject_id', '=', filed.body.appeal.id).execute();
    expect(alerts).toHaveLength(1);
    expect((await as(crew.lead).get(`/v1/appeals/${filed.body.appeal.id}`)).body.appeal.overdueAlertId).toBe(alerts[0]!.id);
  });
});

/** The shipped policy lets a restore back to active through alone; a set that demands approvals for it is obeyed on appeal too. */
const STRICTER = `
@id("critical-restore-two-approvals")
@reason("a restore of a critical account needs 2 approvals from distinct leads or admins")
forbid (principal, action == Action::"execute", resource is Account)
when { resource.tier == "critical" && context.kindOf in KindGroup::"restores" && principal is Staff }
unless { context.approvals.lead + context.approvals.admin >= 2 };
`;

describe.each(STORES)('a granted appeal under a policy that demands approvals for a restore, on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let deciders: { token: string }[];
  const as = (m: { token: string }) => h.api(m.token);

  beforeAll(async () => {
    const shipped = PolicyEngine.load('policies');
    const files = Object.entries({ ...shipped.files(), 'stricter.cedar': STRICTER }).map(([file, text]) => ({ file, text }));
    h = await makeApiHarness(kind, {}, { policyEngine: PolicyEngine.fromText(files, shipped.schemaText()) });
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
    deciders = await h.ctx.transaction(async (tx) => {
      const made: { token: string }[] = [];
      for (const name of ['lead3', 'lead4']) {
        const s = await h.ctx.staff.seed(tx, { id: `stf_${name}`, name, email: `${name}@warden.test`, role: 'lead', employment: 'employee', accessFrom: h.clock.now() - 1000 });
        made.push({ token: (await h.ctx.staff.issueToken(tx, { kind: 'system', id: 'warden' }, s.id, 't')).token });
      }
      return made;
    });
  });
  afterAll(() => h.cleanup());

  it('does not restore the critical account without the approvals the policy demands, and does after them', async () => {
    const p = await as(crew.lead).post('/v1/actions', { kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'harassment', justification: JUST });
    await as(crew.lead2).post(`/v1/actions/${p.body.action.id}/approve`, { comment: 'seen' });
    expect((await as(crew.admin).post(`/v1/actions/${p.body.action.id}/approve`, { comment: 'seen' })).body.action.state).toBe('executed');
    const filed = await h.api(h.ctx.config.serviceToken).post('/v1/appeals', { actionId: p.body.action.id, appellant: { kind: 'owner', accountId: 'acct_vip' }, statement: 'this was my account being hacked' });
    const appeal = filed.body.appeal;
    const [decider, other] = deciders as [{ token: string }, { token: string }];
    await as(decider).post(`/v1/cases/${appeal.caseId}/claim`);
    const granted = await as(decider).post(`/v1/appeals/${appeal.id}/decide`, { outcome: 'granted', reasons: 'the account was compromised, not abusive' });
    expect(granted.status).toBe(200);
    const restore = granted.body.reversal;
    expect(restore).toMatchObject({ kind: 'restore', state: 'awaiting_approval', proposer: { id: 'stf_lead3' } });
    expect((await as(crew.lead).get('/v1/accounts/acct_vip')).body.account.status).toBe('deactivated');
    // the decider cannot approve their own restore; one approval is not enough
    expect((await as(decider).post(`/v1/actions/${restore.id}/approve`, { comment: 'mine' })).status).toBe(403);
    const one = await as(other).post(`/v1/actions/${restore.id}/approve`, { comment: 'agreed' });
    expect(one.body.action.state).toBe('awaiting_approval');
    expect((await as(crew.lead).get('/v1/accounts/acct_vip')).body.account.status).toBe('deactivated');
    const two = await as(crew.admin).post(`/v1/actions/${restore.id}/approve`, { comment: 'agreed' });
    expect(two.body.action.state).toBe('executed');
    expect((await as(crew.lead).get('/v1/accounts/acct_vip')).body.account.status).toBe('active');
    const done = await h.ctx.db.selectFrom('audit_log').select(['after']).where('action', '=', 'appeal.reversal_executed').where('subject_id', '=', appeal.id).execute();
    expect(done).toHaveLength(1);
  });
});
