/**
 * Misuse of reporting (DSA Art. 23) on both stores, through the API: a
 * reporter whose reports are often resolved as unfounded gets a warning
 * Warden suggests, carrying the counts it derived, which a person approves
 * (audited); a suspension of reporting is approved by a second person, after
 * which their reports are taken but counted nowhere until it ends (fake
 * clock); an appeal granted proposes lifting it, which a second person
 * approves. No step is one person's; bad input is refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUGGEST_WARNING_AT } from '../src/reporters/model.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const DAY = 86_400_000;

describe.each(STORES)('misuse of reporting on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  const as = (m: { token: string }) => h.api(m.token);
  const platform = () => h.api(h.ctx.config.serviceToken);
  const report = (reporterId: string, accountId: string, category = 'spam') => platform().post('/v1/reports', { reporterId, accountId, category, text: 'report' });
  const caseOf = async (id: number) => (await as(crew.lead).get(`/v1/cases/${id}`)).body.case;
  const suspend = (m: { token: string }, durationMs = DAY) =>
    as(m).post('/v1/actions', { kind: 'suspend_reporting', targetId: 'rep_bad', reasonCode: 'repeated_violations', justification: 'warned, and carried on', durationMs });
  const audited = async (action: string) =>
    (await h.ctx.db.selectFrom('audit_log').select(['after']).where('action', '=', action).where('subject_id', '=', 'rep_bad').execute()).map((e) => JSON.parse(e.after!));

  beforeAll(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
  });
  afterAll(() => h.cleanup());

  it('Warden suggests a warning with the counts it derived once the unfounded reports reach the threshold; a person approves it', async () => {
    const n = SUGGEST_WARNING_AT.unfounded;
    for (let i = 0; i < n; i++) {
      const r = await report('rep_bad', `acct_000${i}`);
      await as(crew.agent).post(`/v1/cases/${r.body.caseId}/claim`);
      expect((await as(crew.agent).post(`/v1/cases/${r.body.caseId}/resolve`, { resolution: 'no_violation' })).status).toBe(200);
      const suggested = await h.ctx.db.selectFrom('actions').selectAll().where('target_id', '=', 'rep_bad').where('proposer_kind', '=', 'system').execute();
      expect(suggested).toHaveLength(i === n - 1 ? 1 : 0);
    }
    const [suggestion] = await h.ctx.db.selectFrom('actions').selectAll().where('target_id', '=', 'rep_bad').execute();
    expect(suggestion).toMatchObject({ kind: 'warn_reporter', target_type: 'reporter', state: 'awaiting_approval' });
    const shown = await as(crew.lead).get(`/v1/actions/${suggestion!.id}`);
    const counts = { unfounded: n, decided: n, total: n };
    expect(shown.body.action.params.misuse).toMatchObject(counts);
    expect(shown.body.brief.effect.misuse).toMatchObject(counts);
    expect(shown.body.brief.effect.words).toContain(`${n} of ${n} decided reports unfounded`);
    expect(await audited('reporter.misuse_threshold_reached')).toEqual([expect.objectContaining({ suggestedActionId: suggestion!.id, misuse: expect.objectContaining(counts) })]);

    // Warden cannot carry it out alone
    expect((await as(crew.lead).post(`/v1/actions/${suggestion!.id}/execute`)).status).toBe(409);
    const approved = await as(crew.lead).post(`/v1/actions/${suggestion!.id}/approve`, { comment: 'five unfounded reports in a row' });
    expect(approved.body.action.state).toBe('executed');
    const reporter = (await as(crew.lead).get('/v1/reporters/rep_bad')).body;
    expect(reporter.warning).toMatchObject({ actionId: suggestion!.id });
    expect(reporter.misuse).toMatchObject(counts);
    const executed = await h.ctx.db.selectFrom('audit_log').select('after').where('action', '=', 'action.executed').where('subject_id', '=', suggestion!.id).executeTakeFirstOrThrow();
    expect(JSON.parse(executed.after!).standing).toMatchObject({ change: 'warned', misuse: counts });
  });

  it("a suspension of reporting needs a second person and carries Warden's counts, not the proposer's", async () => {
    const proposed = await as(crew.lead).post('/v1/actions', {
      kind: 'suspend_reporting',
      targetId: 'rep_bad',
      reasonCode: 'repeated_violations',
      justification: 'warned, and carried on',
      durationMs: DAY,
      misuse: { unfounded: 999, decided: 999, total: 999, since: 0, windowMs: 1 },
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body.action.state).toBe('awaiting_approval');
    expect(proposed.body.action.params.misuse).toMatchObject({ unfounded: SUGGEST_WARNING_AT.unfounded, decided: SUGGEST_WARNING_AT.unfounded });
    const own = await as(crew.lead).post(`/v1/actions/${proposed.body.action.id}/approve`, { comment: 'mine' });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toContain('proposer-cannot-approve');
    expect((await as(crew.lead).post(`/v1/actions/${proposed.body.action.id}/execute`)).status).toBe(409);
    // an agent may not approve it either
    expect((await as(crew.agent).post(`/v1/actions/${proposed.body.action.id}/approve`, { comment: 'ok' })).status).toBe(403);
    expect((await as(crew.lead2).post(`/v1/actions/${proposed.body.action.id}/approve`, { comment: 'agreed' })).body.action.state).toBe('executed');
    expect((await as(crew.lead).get('/v1/reporters/rep_bad')).body).toMatchObject({ reportingSuspended: true, suspension: { until: h.clock.now() + DAY } });
  });

  it('while suspended their reports are taken but counted nowhere, until the period ends', async () => {
    const other = await report('u_fair', 'acct_0010');
    const before = await caseOf(other.body.caseId);
    const ignored = await report('rep_bad', 'acct_0010', 'harassment');
    expect(ignored.status).toBe(202);
    expect(ignored.body).toMatchObject({ ignored: true, caseId: before.id });
    const after = await caseOf(before.id);
    expect(after).toMatchObject({ reportCount: before.reportCount, distinctReporters: before.distinctReporters, priority: before.priority, categories: before.categories });
    // an account with no open case gets none from an ignored report
    const alone = await report('rep_bad', 'acct_0011');
    expect(alone.body).toMatchObject({ ignored: true, caseId: 0 });
    expect((await as(crew.lead).get('/v1/cases?accountId=acct_0011')).body.cases).toEqual([]);
    expect(await audited('reporter.reports_ignored')).toHaveLength(2);

    h.clock.advance(DAY + 1);
    const counted = await report('rep_bad', 'acct_0010', 'harassment');
    expect(counted.body.ignored).toBe(false);
    expect(await caseOf(before.id)).toMatchObject({ reportCount: before.reportCount + 1, distinctReporters: before.distinctReporters + 1 });
  });

  it('an appeal granted proposes lifting the suspension, which a second person approves', async () => {
    const s = await suspend(crew.admin, 30 * DAY);
    await as(crew.lead2).post(`/v1/actions/${s.body.action.id}/approve`, { comment: 'again' });
    expect((await report('rep_bad', 'acct_0012')).body.ignored).toBe(true);

    const filed = await platform().post('/v1/appeals', { actionId: s.body.action.id, appellant: { kind: 'reporter', reporterId: 'rep_bad' }, statement: 'my reports were in good faith' });
    expect(filed.status).toBe(201);
    const appeal = filed.body.appeal;
    await as(crew.lead).post(`/v1/cases/${appeal.caseId}/claim`);
    const granted = await as(crew.lead).post(`/v1/appeals/${appeal.id}/decide`, { outcome: 'granted', reasons: 'the reports were plausible at the time' });
    expect(granted.status).toBe(200);
    expect(granted.body.reversal).toMatchObject({ kind: 'restore_reporting', state: 'awaiting_approval', params: { restoresActionId: s.body.action.id } });
    // the decider alone does not lift it
    expect((await as(crew.lead).post(`/v1/actions/${granted.body.reversal.id}/approve`, { comment: 'mine' })).status).toBe(403);
    expect((await as(crew.lead).get('/v1/reporters/rep_bad')).body.reportingSuspended).toBe(true);
    expect((await as(crew.admin).post(`/v1/actions/${granted.body.reversal.id}/approve`, { comment: 'agreed' })).body.action.state).toBe('executed');
    expect((await as(crew.lead).get('/v1/reporters/rep_bad')).body).toMatchObject({ reportingSuspended: false, suspension: null });
    expect((await report('rep_bad', 'acct_0013')).body.ignored).toBe(false);
    const done = await h.ctx.db.selectFrom('audit_log').select('after').where('action', '=', 'appeal.reversal_executed').where('subject_id', '=', appeal.id).executeTakeFirstOrThrow();
    expect(JSON.parse(done.after!)).toMatchObject({ reversalActionId: granted.body.reversal.id, actionId: s.body.action.id });
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const short = await suspend(crew.lead, 10);
    expect(short.status).toBe(400);
    expect(short.body.error.fields[0].path).toBe('durationMs');
    const long = await suspend(crew.lead, 400 * DAY);
    expect(long.status).toBe(400);
    expect(long.body.error.fields[0].path).toBe('durationMs');
    const both = await platform().post('/v1/appeals', { caseId: 1, actionId: 'act_x', appellant: { kind: 'reporter', reporterId: 'rep_bad' }, statement: 'x' });
    expect(both.status).toBe(400);
    const warn = (await h.ctx.db.selectFrom('actions').select('id').where('kind', '=', 'warn_reporter').executeTakeFirstOrThrow()).id;
    const notTheirs = await platform().post('/v1/appeals', { actionId: warn, appellant: { kind: 'reporter', reporterId: 'u_fair' }, statement: 'not me' });
    expect(notTheirs.status).toBe(403);
    const agent = await as(crew.agent).post('/v1/actions', { kind: 'warn_reporter', targetId: 'u_fair', reasonCode: 'repeated_violations' });
    expect(agent.status).toBe(403);
    expect(await h.ctx.db.selectFrom('actions').select('id').where('target_id', '=', 'u_fair').execute()).toEqual([]);
  });
});
