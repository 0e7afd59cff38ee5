/**
 * Trusted flaggers (DSA Art. 22) on both stores, through the API: registering
 * one is an action a second person must approve (a lone admin's proposal
 * waits, and their own approval is refused by the rule); once registered, a
 * flagger's report ranks its case above an ordinary one that arrived earlier
 * with more reports; the statement of reasons for an action on that case says
 * SOURCE_TRUSTED_FLAGGER; their time to decision is shown; removal reverses it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const HOUR = 3_600_000;

describe.each(STORES)('trusted flaggers on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  const as = (m: { token: string }) => h.api(m.token);
  const platform = () => h.api(h.ctx.config.serviceToken);
  const report = (reporterId: string, accountId: string) => platform().post('/v1/reports', { reporterId, accountId, category: 'spam', text: 'spam links' });
  /** Claim the top case, answer its account, and give it back. */
  const topOfQueue = async () => {
    const claimed = await as(crew.lead).post('/v1/cases/claim', { queue: 'spam' });
    expect(claimed.status).toBe(200);
    await as(crew.lead).post(`/v1/cases/${claimed.body.case.id}/release`, {});
    return claimed.body.case.accountId as string;
  };
  const approveBy = (m: { token: string }, id: string) => as(m).post(`/v1/actions/${id}/approve`, { comment: 'checked the designation' });

  beforeAll(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
  });
  afterAll(() => h.cleanup());

  it("registering a trusted flagger waits for a second person: the proposer's own approval is refused by the rule", async () => {
    const proposed = await as(crew.admin).post('/v1/actions', {
      kind: 'add_trusted_flagger',
      targetId: 'rep_hotline',
      reasonCode: 'policy_maintenance',
      justification: 'awarded trusted flagger status by the national Digital Services Coordinator',
      flaggerName: 'Safer Internet Hotline',
      organisation: 'Safer Internet e.V.',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body.action).toMatchObject({ state: 'awaiting_approval', targetType: 'reporter', targetId: 'rep_hotline' });
    // registered before their first report: Warden has no record of them until it executes
    expect((await as(crew.lead).get('/v1/reporters/rep_hotline')).status).toBe(404);

    const own = await approveBy(crew.admin, proposed.body.action.id);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toContain('proposer-cannot-approve');
    const early = await as(crew.admin).post(`/v1/actions/${proposed.body.action.id}/execute`);
    expect(early.status).toBe(409);
    expect((await as(crew.lead).get('/v1/reporters?trusted=true')).body.reporters).toEqual([]);

    const approved = await approveBy(crew.lead2, proposed.body.action.id);
    expect(approved.status).toBe(200);
    expect(approved.body.action.state).toBe('executed');
    const shown = await as(crew.lead).get('/v1/reporters/rep_hotline');
    expect(shown.body.trustedFlagger).toMatchObject({ name: 'Safer Internet Hotline', organisation: 'Safer Internet e.V.', actionId: proposed.body.action.id });
    const listed = await as(crew.lead).get('/v1/reporters?trusted=true');
    expect(listed.body.reporters.map((r: { id: string }) => r.id)).toEqual(['rep_hotline']);
    const audited = await h.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'reporter').where('subject_id', '=', 'rep_hotline').execute();
    expect(audited.map((a) => a.action)).toEqual(['reporter.standing_changed']);
  });

  it("a flagger's report outranks an ordinary case that came first with more reports, and the statement says so", async () => {
    // the ordinary case: first, three reporters, a larger account
    for (const r of ['u1', 'u2', 'u3']) expect((await report(r, 'acct_0019')).status).toBe(202);
    h.clock.advance(60_000);
    const flagged = await report('rep_hotline', 'acct_0001');
    expect(flagged.body).toMatchObject({ ignored: false, duplicate: false });
    expect(await topOfQueue()).toBe('acct_0001');
    const kase = (await as(crew.lead).get(`/v1/cases/${flagged.body.caseId}`)).body.case;
    expect(kase).toMatchObject({ trustedFlaggerReports: 1, reportCount: 1 });

    const limit = await as(crew.agent).post('/v1/actions', { kind: 'limit', targetId: 'acct_0001', caseId: kase.id, reasonCode: 'spam', justification: 'spam links' });
    expect(limit.body.action.state).toBe('executed');
    const statement = await as(crew.lead).get(`/v1/statements/${limit.body.action.id}`);
    expect(statement.body.statement.source_type).toBe('SOURCE_TRUSTED_FLAGGER');

    // their time to decision: the notice, then the case decided an hour later
    h.clock.advance(HOUR);
    await as(crew.agent).post(`/v1/cases/${kase.id}/claim`);
    expect((await as(crew.agent).post(`/v1/cases/${kase.id}/resolve`, { resolution: 'actioned' })).status).toBe(200);
    const figures = (await as(crew.lead).get('/v1/reporters/rep_hotline')).body.flaggerDecisions;
    expect(figures).toEqual({ decided: 1, medianTimeToDecisionMs: HOUR });
  });

  it('removal needs a second person too, and then their reports are ordinary', async () => {
    const removal = await as(crew.lead).post('/v1/actions', { kind: 'remove_trusted_flagger', targetId: 'rep_hotline', reasonCode: 'policy_maintenance', justification: 'status revoked' });
    expect(removal.body.action.state).toBe('awaiting_approval');
    expect((await approveBy(crew.admin, removal.body.action.id)).body.action.state).toBe('executed');
    expect((await as(crew.lead).get('/v1/reporters?trusted=true')).body.reporters).toEqual([]);

    for (const r of ['u4', 'u5']) await report(r, 'acct_0018');
    h.clock.advance(60_000);
    const after = await report('rep_hotline', 'acct_0002');
    expect((await as(crew.lead).get(`/v1/cases/${after.body.caseId}`)).body.case.trustedFlaggerReports).toBe(0);
    // acct_0019's case (three reporters) is still open above acct_0018's (two): the former flagger's one report ranks below both
    const order = [];
    for (let i = 0; i < 3; i++) {
      const claimed = await as(crew.lead).post('/v1/cases/claim', { queue: 'spam' });
      order.push(claimed.body.case.accountId);
    }
    expect(order).toEqual(['acct_0019', 'acct_0018', 'acct_0002']);
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const nameless = await as(crew.admin).post('/v1/actions', { kind: 'add_trusted_flagger', targetId: 'rep_x', reasonCode: 'policy_maintenance', justification: 'x' });
    expect(nameless.status).toBe(400);
    expect(nameless.body.error.fields[0].path).toBe('flaggerName');
    const long = await as(crew.admin).post('/v1/actions', { kind: 'add_trusted_flagger', targetId: 'rep_x', reasonCode: 'policy_maintenance', flaggerName: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(long.body.error.fields[0].path).toBe('flaggerName');
    const notTrue = await as(crew.lead).get('/v1/reporters?trusted=false');
    expect(notTrue.status).toBe(400);
    expect(notTrue.body.error.fields[0].path).toBe('query.trusted');
    // an agent may not propose it at all
    const agent = await as(crew.agent).post('/v1/actions', { kind: 'add_trusted_flagger', targetId: 'rep_x', reasonCode: 'policy_maintenance', flaggerName: 'X' });
    expect(agent.status).toBe(403);
    expect(await h.ctx.db.selectFrom('actions').select('id').where('target_id', '=', 'rep_x').execute()).toEqual([]);
  });
});
