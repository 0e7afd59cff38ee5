/**
 * The leads' metrics (issue 14 item 6) on both stores: over a seeded history
 * with known times, built through the API with the fake clock, every figure
 * (counts, medians, 90th percentiles, per queue, reason and member of staff)
 * is exact, and only what fell in the period counts; /metrics gives the
 * queue ages and the oldest pending approval; the figures are for those the
 * policy lets oversee (one person's, for those who supervise); a bad period
 * is a 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const JUST = 'the reports hold up';
const PERIOD = 'from=2026-11-02&to=2026-11-03';
/** hours in tenths, exactly */
const tenths = (n: number) => (n * HOUR) / 10;
const figures = (count: number, medianMs: number, p90Ms: number, maxMs: number) => ({ count, medianMs, p90Ms, maxMs });

describe.each(STORES)('lead metrics on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let platform: Api;
  const as = (m: { token: string }) => h.api(m.token);
  const at = (ms: number) => h.clock.set(T0 + ms);
  const ok = async (p: Promise<{ status: number; body: any }>, status = 200) => {
    const res = await p;
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body;
  };
  const report = async (accountId: string, category: string) => {
    await ok(platform.post('/v1/reports', { reporterId: `u_${accountId}`, accountId, category, text: '', evidence: [] }), 202);
    return (await h.ctx.db.selectFrom('cases').select('id').where('account_id', '=', accountId).where('status', '<>', 'resolved').executeTakeFirstOrThrow()).id;
  };
  const claim = (who: { token: string }, caseId: number) => ok(as(who).post(`/v1/cases/${caseId}/claim`));
  const resolve = (who: { token: string }, caseId: number, resolution: string) => ok(as(who).post(`/v1/cases/${caseId}/resolve`, { resolution }));
  const propose = async (who: { token: string }, body: Record<string, unknown>, state: string) => {
    const { action } = await ok(as(who).post('/v1/actions', { justification: JUST, ...body }), 201);
    expect(action.state).toBe(state);
    return action.id as string;
  };
  const appeal = async (actionId: string, accountId: string) =>
    (await ok(platform.post('/v1/appeals', { actionId, appellant: { kind: 'owner', accountId }, statement: 'I disagree' }), 201)).appeal as { id: string; caseId: number };
  const decide = async (a: { id: string; caseId: number }, outcome: 'granted' | 'denied') => {
    await claim(crew.lead2, a.caseId);
    await ok(as(crew.lead2).post(`/v1/appeals/${a.id}/decide`, { outcome, reasons: 'looked at it again' }));
  };

  beforeAll(async () => {
    // leases outlast the history: a claim is worked for hours of fake time
    h = await makeApiHarness(kind, { queues: { leaseMs: 2 * DAY, reapIntervalMs: 60_000 } });
    h.clock.set(T0 - 3 * DAY);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
    platform = h.api(h.ctx.config.serviceToken);

    // the day before the period: claimed and resolved then, it counts for none of the period's figures
    at(-DAY);
    const early = await report('acct_0009', 'spam');
    await claim(crew.lead, early);
    at(-DAY + HOUR);
    await resolve(crew.lead, early, 'no_violation');

    at(0);
    const c1 = await report('acct_0001', 'spam');
    const c2 = await report('acct_0002', 'harassment');
    at(HOUR);
    const c3 = await report('acct_0003', 'spam');
    // c1: first reviewed after 1 h, warned (spam), resolved at 2 h
    await claim(crew.agent, c1);
    const warned = await propose(crew.agent, { kind: 'warn', targetId: 'acct_0001', reasonCode: 'spam', caseId: c1 }, 'executed');
    at(2 * HOUR);
    await resolve(crew.agent, c1, 'actioned');
    // c3: first reviewed after 1 h, limited (spam), resolved at 3 h from its opening
    await claim(crew.agent, c3);
    const limited = await propose(crew.agent, { kind: 'limit', targetId: 'acct_0003', reasonCode: 'spam', caseId: c3 }, 'executed');
    // an elevated account: a lock awaits one approval
    const locked = await propose(crew.agent, { kind: 'lock', targetId: 'acct_press', reasonCode: 'compromised_account' }, 'awaiting_approval');
    // c2: first claimed by the lead after 3 h, released, claimed again by the agent (not a first review), resolved at 5 h without acting
    at(3 * HOUR);
    await claim(crew.lead, c2);
    await ok(as(crew.lead).post(`/v1/cases/${c2}/release`, {}));
    // a critical account: a limit needs two approvals
    const limitedVip = await propose(crew.lead, { kind: 'limit', targetId: 'acct_vip', reasonCode: 'hate' }, 'awaiting_approval');
    at(4 * HOUR);
    await resolve(crew.agent, c3, 'actioned');
    await claim(crew.agent, c2);
    await ok(as(crew.lead2).post(`/v1/actions/${limitedVip}/approve`, { comment: 'seen' }));
    at(5 * HOUR);
    await resolve(crew.agent, c2, 'no_violation');
    expect((await ok(as(crew.lead).post(`/v1/actions/${locked}/approve`, { comment: 'seen' }))).action.state).toBe('executed');
    at(6 * HOUR);
    expect((await ok(as(crew.admin).post(`/v1/actions/${limitedVip}/approve`, { comment: 'seen' }))).action.state).toBe('executed');
    const suspendVip = await propose(crew.lead, { kind: 'suspend', targetId: 'acct_vip', durationMs: DAY, reasonCode: 'violent_threat' }, 'awaiting_approval');
    await report('acct_0004', 'hate');
    at(7 * HOUR);
    await ok(as(crew.lead2).post(`/v1/actions/${suspendVip}/reject`, { comment: 'not enough' }));
    await report('acct_0005', 'spam');
    // still waiting at the end
    at(8 * HOUR);
    await propose(crew.lead, { kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'violent_threat' }, 'awaiting_approval');
    const againstWarning = await appeal(warned, 'acct_0001');
    const againstLimit = await appeal(limited, 'acct_0003');
    at(9 * HOUR);
    await decide(againstWarning, 'denied');
    await report('acct_0006', 'spam');
    at(10 * HOUR);
    await decide(againstLimit, 'granted');

    // the next day: nothing of it counts in the period
    at(DAY + HOUR);
    const late = await report('acct_0011', 'hate');
    await claim(crew.lead, late);
    await resolve(crew.lead, late, 'no_violation');
  });
  afterAll(() => h.cleanup());

  it('gives every figure of the period exactly, per queue, reason and member of staff', async () => {
    const { metrics: m } = await ok(as(crew.lead).get(`/v1/metrics/leads?${PERIOD}`));
    expect(m.period).toEqual({ from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z' });
    expect(m.at).toBe(new Date(T0 + DAY + HOUR).toISOString());

    // first claims: c1 1 h, c3 1 h (agent), c2 3 h (lead), the appeals 1 h and 2 h after filing (lead2)
    expect(m.firstReview.all).toEqual(figures(5, HOUR, tenths(26), 3 * HOUR));
    expect(m.firstReview.byQueue).toEqual([
      { key: 'appeals', ...figures(2, tenths(15), tenths(19), 2 * HOUR) },
      { key: 'spam', ...figures(2, HOUR, HOUR, HOUR) },
      { key: 'safety', ...figures(1, 3 * HOUR, 3 * HOUR, 3 * HOUR) },
    ]);

    // resolved: c1 after 2 h and c3 after 3 h (spam), c2 after 5 h without an action
    expect(m.decision.all).toEqual(figures(3, 3 * HOUR, tenths(46), 5 * HOUR));
    expect(m.decision.byReason).toEqual([
      { key: 'spam', ...figures(2, tenths(25), tenths(29), 3 * HOUR) },
      { key: 'none', ...figures(1, 5 * HOUR, 5 * HOUR, 5 * HOUR) },
    ]);
    expect(m.decision.byResolution).toEqual([
      { key: 'actioned', ...figures(2, tenths(25), tenths(29), 3 * HOUR) },
      { key: 'no_violation', ...figures(1, 5 * HOUR, 5 * HOUR, 5 * HOUR) },
    ]);

    // waiting now (25 h): spam opened at 7 h and 9 h, safety at 6 h
    expect(m.queueAge.byQueue).toEqual([
      { key: 'spam', ...figures(2, 17 * HOUR, tenths(178), 18 * HOUR) },
      { key: 'safety', ...figures(1, 19 * HOUR, 19 * HOUR, 19 * HOUR) },
    ]);

    // the lock approved 3 h after its proposal, the critical limit's second approval 3 h after, the suspension rejected after 1 h
    expect(m.approvalWait.all).toEqual(figures(3, 3 * HOUR, 3 * HOUR, 3 * HOUR));
    expect(m.approvalWait.byKind).toEqual([
      { key: 'limit', ...figures(1, 3 * HOUR, 3 * HOUR, 3 * HOUR) },
      { key: 'lock', ...figures(1, 3 * HOUR, 3 * HOUR, 3 * HOUR) },
      { key: 'suspend', ...figures(1, HOUR, HOUR, HOUR) },
    ]);
    expect(m.approvalWait.byReason.map((r: { key: string }) => r.key)).toEqual(['compromised_account', 'hate', 'violent_threat']);
    expect(m.approvalWait.pending).toEqual({ count: 1, oldestMs: 17 * HOUR });

    // the warning upheld after 1 h, the limit overturned after 2 h: both the agent's, both spam
    expect(m.appeals.all).toEqual({ decided: 2, overturned: 1, overturnRate: 0.5 });
    expect(m.appeals.decisionTime).toEqual(figures(2, tenths(15), tenths(19), 2 * HOUR));
    expect(m.appeals.byReason).toEqual([{ key: 'spam', decided: 2, overturned: 1, overturnRate: 0.5 }]);

    const none = { count: 0, medianMs: null, p90Ms: null, maxMs: null };
    const noAppeals = { decided: 0, overturned: 0, overturnRate: null };
    expect(m.staff).toEqual([
      { staffId: 'stf_admin', name: 'admin', firstReview: none, decision: none, approval: figures(1, 3 * HOUR, 3 * HOUR, 3 * HOUR), appeals: noAppeals },
      {
        staffId: 'stf_agent',
        name: 'agent',
        firstReview: figures(2, HOUR, HOUR, HOUR),
        decision: figures(3, 3 * HOUR, tenths(46), 5 * HOUR),
        approval: none,
        appeals: { decided: 2, overturned: 1, overturnRate: 0.5 },
      },
      { staffId: 'stf_lead', name: 'lead', firstReview: figures(1, 3 * HOUR, 3 * HOUR, 3 * HOUR), decision: none, approval: figures(1, 3 * HOUR, 3 * HOUR, 3 * HOUR), appeals: noAppeals },
      { staffId: 'stf_lead2', name: 'lead2', firstReview: figures(2, tenths(15), tenths(19), 2 * HOUR), decision: none, approval: figures(2, HOUR, HOUR, HOUR), appeals: noAppeals },
    ]);
  });

  it('counts the days around the period apart', async () => {
    const { metrics: before } = await ok(as(crew.lead).get('/v1/metrics/leads?from=2026-11-01&to=2026-11-02'));
    expect(before.firstReview.all.count).toBe(1);
    expect(before.decision.byReason).toEqual([{ key: 'none', ...figures(1, HOUR, HOUR, HOUR) }]);
    expect(before.approvalWait.all.count).toBe(0);
    const { metrics: all } = await ok(as(crew.lead).get('/v1/metrics/leads?from=2026-11-01&to=2026-11-04'));
    expect(all.decision.all.count).toBe(5);
    expect(all.firstReview.all.count).toBe(7);
  });

  it("gives one member of staff's figures to those who supervise", async () => {
    const { metrics: m } = await ok(as(crew.lead).get(`/v1/metrics/staff/stf_agent?${PERIOD}`));
    expect(m.staff).toEqual({ id: 'stf_agent', name: 'agent', role: 'agent' });
    expect(m.firstReview).toEqual({ all: figures(2, HOUR, HOUR, HOUR), byQueue: [{ key: 'spam', ...figures(2, HOUR, HOUR, HOUR) }] });
    expect(m.decision.all).toEqual(figures(3, 3 * HOUR, tenths(46), 5 * HOUR));
    expect(m.decision.byReason.map((r: { key: string; count: number }) => [r.key, r.count])).toEqual([['spam', 2], ['none', 1]]);
    expect(m.approval.all.count).toBe(0);
    expect(m.appeals).toEqual({ all: { decided: 2, overturned: 1, overturnRate: 0.5 }, byReason: [{ key: 'spam', decided: 2, overturned: 1, overturnRate: 0.5 }] });

    const { metrics: lead2 } = await ok(as(crew.admin).get(`/v1/metrics/staff/stf_lead2?${PERIOD}`));
    expect(lead2.approval).toEqual({ all: figures(2, HOUR, HOUR, HOUR), byKind: [{ key: 'limit', ...figures(1, HOUR, HOUR, HOUR) }, { key: 'suspend', ...figures(1, HOUR, HOUR, HOUR) }] });
    expect((await as(crew.lead).get(`/v1/metrics/staff/stf_nobody?${PERIOD}`)).status).toBe(404);
  });

  it('shows the queue ages and the oldest pending approval on /metrics', async () => {
    const text = await (await fetch(`${h.server.url}/metrics`)).text();
    expect(text).toContain(`warden_queue_oldest_case_age_seconds{queue="safety"} ${(19 * HOUR) / 1000}`);
    expect(text).toContain(`warden_queue_oldest_case_age_seconds{queue="spam"} ${(18 * HOUR) / 1000}`);
    expect(text).toContain('warden_cases_open{queue="spam",status="open"} 2');
    expect(text).toContain('warden_actions_awaiting_approval 1');
    expect(text).toContain(`warden_approval_oldest_pending_age_seconds ${(17 * HOUR) / 1000}`);
  });

  it('is for those the policy lets oversee; a bad period is refused naming the field', async () => {
    const refusedLeads = await as(crew.agent).get(`/v1/metrics/leads?${PERIOD}`);
    expect(refusedLeads.status).toBe(403);
    expect(refusedLeads.body.error.operation).toBe('metrics.leads');
    expect((await as(crew.auditor).get(`/v1/metrics/leads?${PERIOD}`)).status).toBe(200);
    const refusedStaff = await as(crew.auditor).get(`/v1/metrics/staff/stf_agent?${PERIOD}`);
    expect(refusedStaff.status).toBe(403);
    expect(refusedStaff.body.error.operation).toBe('metrics.staff');
    const refused = async (path: string, field: string) => {
      const res = await as(crew.lead).get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path), path).toContain(field);
    };
    await refused('/v1/metrics/leads?from=2026-11-03&to=2026-11-02', 'query.to');
    await refused('/v1/metrics/leads?from=2026-11-02', 'query.to');
    await refused('/v1/metrics/leads?from=2026-02-30&to=2026-11-02', 'query.from');
    await refused('/v1/metrics/leads?from=2000-01-01&to=2026-01-01', 'query.to');
    await refused(`/v1/metrics/staff/${'x'.repeat(200)}?${PERIOD}`, 'path.staffId');
  });
});
