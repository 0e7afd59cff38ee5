/**
 * Issue 10, class 5: an approver sees what they would be saying yes to. The
 * usual case — a proposer claims a reported case and proposes a suspension on
 * a protected account — reaches the approver's inbox and the action's own page
 * with the case, its reports, the suspension's length and end, and who asks
 * (the role they act with, their access end), in one call, on both stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durationWords, effectWords, utcWords } from '../src/actions/brief-model.js';
import { SYSTEM } from '../src/audit/model.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, type Member, seedAccounts, seedCrew } from './support/seed.js';

const DAY = 86_400_000;
const JUST = 'threats against a named journalist, three reporters, screenshots attached';
const SERVICE = { kind: 'service' as const, id: 'platform' };

describe.each(STORES)("an approver's brief on %s", (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  /** a lead on a fixed-term contract of employment: their access end is what an approver weighs */
  let temp: Member;
  const as = (m: { token: string }) => h.api(m.token);

  const report = (accountId: string, reporterId: string, category: string, text: string) =>
    h.ctx.transaction((tx) => h.ctx.intake.submit(tx, SERVICE, [{ reporterId, accountId, category: category as never, text, evidence: [] }]));

  beforeAll(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
    temp = await h.ctx.transaction(async (tx) => {
      const staff = await h.ctx.staff.seed(tx, {
        id: 'stf_temp_lead',
        name: 'Temp Lead',
        email: 'temp@warden.test',
        role: 'lead',
        employment: 'employee',
        accessFrom: h.clock.now() - DAY,
        accessUntil: h.clock.now() + 2 * DAY,
      });
      return { staff, token: (await h.ctx.staff.issueToken(tx, SYSTEM, staff.id, 'test')).token };
    });
  });
  afterAll(() => h.cleanup());

  it('shows the case the proposer claimed, its reports, the suspension length and who asks', async () => {
    const [first] = await report('acct_vip', 'rep_a', 'harassment', 'keeps replying to me with slurs');
    await report('acct_vip', 'rep_b', 'violent_threat', 'said he knows where I live');
    await report('acct_vip', 'rep_c', 'harassment', 'pile-on against my account');
    const caseId = first!.caseId;
    expect((await as(temp).post(`/v1/cases/${caseId}/claim`)).status).toBe(200);

    const proposed = await as(temp).post('/v1/actions', { kind: 'suspend', targetId: 'acct_vip', caseId, reasonCode: 'violent_threat', justification: JUST, durationMs: 7 * DAY });
    expect(proposed.status).toBe(201);
    const id = proposed.body.action.id;
    expect(proposed.body.action.state).toBe('awaiting_approval');

    const inbox = await as(crew.lead2).get('/v1/approvals/inbox');
    expect(inbox.status).toBe(200);
    const item = inbox.body.items.find((i: { action: { id: string } }) => i.action.id === id);
    expect(item).toBeDefined();
    const brief = item.brief;
    expect(brief.case).toMatchObject({ id: caseId, status: 'claimed', claimedBy: 'stf_temp_lead', claimedByProposer: true, queue: 'critical', reportCount: 3, distinctReporters: 3 });
    expect(brief.case.categories).toEqual([
      { category: 'harassment', count: 2 },
      { category: 'violent_threat', count: 1 },
    ]);
    expect(brief.case.reports.map((r: { text: string }) => r.text)).toEqual(['keeps replying to me with slurs', 'said he knows where I live', 'pile-on against my account']);
    expect(brief.caseWithheld).toBeNull();
    const endsAt = h.clock.now() + 7 * DAY;
    expect(brief.effect).toMatchObject({ kind: 'suspend', durationMs: 7 * DAY, endsAt, toStatus: 'suspended', scheduledFor: null });
    expect(brief.effect.words).toBe('suspend for 7 days, until 9 Nov 2026 17:00 UTC');
    expect(brief.account).toMatchObject({ id: 'acct_vip', handle: 'head_of_state', tier: 'critical', status: 'active', followers: 40_000_000 });
    expect(brief.proposer).toEqual({ id: 'stf_temp_lead', name: 'Temp Lead', role: 'lead', baseRole: 'lead', employment: 'employee', accessUntil: temp.staff.access.until, accessState: 'active' });
    expect(brief).toMatchObject({ reasonCode: 'violent_threat', justification: JUST });

    // the action's own page carries the same brief in the same call
    const one = await as(crew.lead2).get(`/v1/actions/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.brief).toEqual(brief);

    // the brief describes the instant it is read: later, the suspension would end later
    h.clock.advance(3_600_000);
    const later = await as(crew.lead2).get(`/v1/actions/${id}`);
    expect(later.body.brief.effect.endsAt).toBe(endsAt + 3_600_000);
    expect(later.body.brief.effect.words).toBe('suspend for 7 days, until 9 Nov 2026 18:00 UTC');
    await as(crew.lead2).post(`/v1/actions/${id}/reject`, { comment: 'not enough yet' });
  });

  it("bounds a case's reports to the first 20, with counts over all of them", async () => {
    const texts = Array.from({ length: 25 }, (_, i) => `report number ${i}`);
    let caseId = 0;
    for (const [i, t] of texts.entries()) caseId = (await report('acct_press', `rep_press_${i}`, i % 5 === 0 ? 'spam' : 'impersonation', t))[0]!.caseId;
    await as(crew.lead).post(`/v1/cases/${caseId}/claim`);
    const proposed = await as(crew.lead).post('/v1/actions', { kind: 'lock', targetId: 'acct_press', caseId, reasonCode: 'impersonation', justification: JUST });
    expect(proposed.status).toBe(201);
    const { body } = await as(crew.lead2).get(`/v1/actions/${proposed.body.action.id}`);
    expect(body.brief.case.reportCount).toBe(25);
    expect(body.brief.case.categories).toEqual([
      { category: 'impersonation', count: 20 },
      { category: 'spam', count: 5 },
    ]);
    expect(body.brief.case.reports.map((r: { text: string }) => r.text)).toEqual(texts.slice(0, 20));
    expect(body.brief.effect.words).toBe('lock until someone restores it');
    await as(crew.lead2).post(`/v1/actions/${proposed.body.action.id}/reject`, { comment: 'cleanup' });
  });

  it("withholds a case from a viewer who may not see its queue, and says so", async () => {
    const [r] = await report('acct_vip', 'rep_d', 'hate', 'hateful post');
    const proposed = await as(crew.lead).post('/v1/actions', { kind: 'limit', targetId: 'acct_vip', caseId: r!.caseId, reasonCode: 'hate', justification: JUST });
    expect(proposed.status).toBe(201);
    // an agent may read actions, but not the critical queue's cases
    const { body } = await as(crew.agent).get(`/v1/actions/${proposed.body.action.id}`);
    expect(body.brief.case).toBeNull();
    expect(body.brief.caseWithheld).toMatch(/critical queue/);
    expect(body.brief.otherCases).toEqual([]);
    await as(crew.lead2).post(`/v1/actions/${proposed.body.action.id}/reject`, { comment: 'cleanup' });
  });

  it("refuses a case about another account (400 naming caseId, nothing written): no borrowed reports", async () => {
    const [r] = await report('acct_0003', 'rep_e', 'violent_threat', 'a threat, on some other account');
    const before = await h.ctx.audit.size(h.ctx.db);
    const res = await as(crew.lead).post('/v1/actions', { kind: 'suspend', targetId: 'acct_vip', caseId: r!.caseId, reasonCode: 'violent_threat', justification: JUST, durationMs: DAY });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('caseId');
    expect(res.body.error.message).toContain('acct_0003');
    expect(await h.ctx.audit.size(h.ctx.db)).toBe(before);
    const missing = await as(crew.lead).post('/v1/actions', { kind: 'warn', targetId: 'acct_vip', caseId: 999_999, reasonCode: 'spam' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].path).toBe('caseId');
  });

  it('describes an executed suspension by when it ends, not by when it is read', async () => {
    const done = await as(crew.lead).post('/v1/actions', { kind: 'suspend', targetId: 'acct_0007', reasonCode: 'spam', justification: JUST, durationMs: DAY });
    expect(done.body.action.executedAt).not.toBeNull();
    h.clock.advance(3_600_000);
    const { body } = await as(crew.lead2).get(`/v1/actions/${done.body.action.id}`);
    expect(body.brief.effect.endsAt).toBe(done.body.action.executedAt + DAY);
    expect(body.brief.effect.toStatus).toBe('suspended');
  });

  it('words the parameters of guard changes: elevation hours and a staff target', async () => {
    // an elevation is asked for oneself; the approver sees for how long, and who it is
    const proposed = await as(crew.agent).post('/v1/actions', { kind: 'elevate', targetId: 'stf_agent', role: 'lead', hours: 4, reasonCode: 'access_management', justification: 'on call for the weekend incident' });
    expect(proposed.status).toBe(201);
    const { body } = await as(crew.lead).get(`/v1/actions/${proposed.body.action.id}`);
    expect(body.brief.staff).toMatchObject({ id: 'stf_agent', role: 'agent', employment: 'employee' });
    expect(body.brief.effect).toMatchObject({ kind: 'elevate', role: 'lead', hours: 4, endsAt: h.clock.now() + 4 * 3_600_000 });
    expect(body.brief.effect.words).toMatch(/^elevate agent to lead for 4 hours, until /);
    expect(body.brief.account).toBeNull();
    expect(body.brief.proposer).toMatchObject({ id: 'stf_agent', role: 'agent' });
  });
});

describe('the words of a brief (pure)', () => {
  const none = { durationMs: null, endsAt: null, scheduledFor: null, restoreTo: null, restoresActionId: null, tier: null, role: null, hours: null, accessUntil: null, template: null, flaggerName: null, misuse: null };
  const at = Date.UTC(2026, 11, 8, 14, 0);

  it('says lengths and instants as a person would, in one zone', () => {
    expect(durationWords(7 * DAY)).toBe('7 days');
    expect(durationWords(DAY + 12 * 3_600_000)).toBe('1 day 12 hours');
    expect(durationWords(90 * 60_000)).toBe('1 hour 30 minutes');
    expect(durationWords(60_000)).toBe('1 minute');
    expect(utcWords(at)).toBe('8 Dec 2026 14:00 UTC');
  });

  it('names what a restore re-applies when that is not active, and a schedule', () => {
    const restore = { ...none, kind: 'restore' as const, toStatus: 'deactivated' as const, restoreTo: { status: 'deactivated' as const, statusUntil: null }, restoresActionId: 'act_1' };
    expect(effectWords(restore, {})).toBe('restore to deactivated (undoes act_1)');
    const suspend = { ...none, kind: 'suspend' as const, toStatus: 'suspended' as const, durationMs: 7 * DAY, endsAt: at + 7 * DAY, scheduledFor: at };
    expect(effectWords(suspend, {})).toBe('suspend for 7 days, until 15 Dec 2026 14:00 UTC, no earlier than 8 Dec 2026 14:00 UTC');
    expect(effectWords({ ...none, kind: 'set_tier', toStatus: null, tier: 'standard' }, { accountTier: 'critical' })).toBe('change protection tier from critical to standard');
  });
});
