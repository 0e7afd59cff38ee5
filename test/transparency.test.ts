/**
 * The transparency report (DSA Art. 15, 24) on both stores: over a seeded
 * history with known times, every count matches exactly, and only what fell
 * in the period counts; the CSV carries the same figures; it is for the
 * roles the policy lets oversee; a bad period is a 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const JUST = 'the reports hold up';

describe.each(STORES)('transparency report on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let platform: Api;
  const as = (m: { token: string }) => h.api(m.token);
  const report = (reporterId: string, accountId: string, category: string) => platform.post('/v1/reports', { reporterId, accountId, category, text: '', evidence: [] });
  const propose = async (who: { token: string }, body: Record<string, unknown>) => {
    const res = await as(who).post('/v1/actions', { justification: JUST, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.action.state).toBe('executed');
    return res.body.action.id as string;
  };
  const appeal = async (actionId: string, accountId: string) => {
    const filed = await platform.post('/v1/appeals', { actionId, appellant: { kind: 'owner', accountId }, statement: 'I disagree' });
    expect(filed.status).toBe(201);
    return filed.body.appeal as { id: string; caseId: number };
  };
  const decide = async (a: { id: string; caseId: number }, outcome: 'granted' | 'denied') => {
    await as(crew.lead2).post(`/v1/cases/${a.caseId}/claim`);
    const res = await as(crew.lead2).post(`/v1/appeals/${a.id}/decide`, { outcome, reasons: 'looked at it again' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const caseOf = async (accountId: string) => (await h.ctx.db.selectFrom('cases').select('id').where('account_id', '=', accountId).where('queue', '!=', 'appeals').executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    h = await makeApiHarness(kind);
    // staff whose access began well before the history
    h.clock.set(T0 - 3 * DAY);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
    platform = h.api(h.ctx.config.serviceToken);

    // the day before the period: a report and a measure that must not count
    h.clock.set(T0 - DAY);
    await report('u_early', 'acct_0009', 'spam');
    await propose(crew.agent, { kind: 'warn', targetId: 'acct_0009', reasonCode: 'spam', caseId: await caseOf('acct_0009') });

    // in the period: a trusted flagger registered and a reporter's reporting suspended (Art. 22, 23), each approved by a second person
    h.clock.set(T0);
    const standing = async (body: Record<string, unknown>) => {
      const proposed = await as(crew.admin).post('/v1/actions', { justification: 'decided by the designation or the counts', ...body });
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
      const approved = await as(crew.lead2).post(`/v1/actions/${proposed.body.action.id}/approve`, { comment: 'checked' });
      expect(approved.body.action.state, JSON.stringify(approved.body)).toBe('executed');
    };
    await standing({ kind: 'add_trusted_flagger', targetId: 'u_flagger', reasonCode: 'policy_maintenance', flaggerName: 'Hotline', organisation: 'Hotline e.V.' });
    await standing({ kind: 'suspend_reporting', targetId: 'u_misuser', reasonCode: 'repeated_violations', durationMs: 30 * DAY });
    await report('u_flagger', 'acct_0006', 'hate');
    await report('u_misuser', 'acct_0007', 'spam');

    // six notices (one a repeat), one filed by staff
    await report('u_1', 'acct_0001', 'spam');
    await report('u_2', 'acct_0001', 'spam');
    await report('u_1', 'acct_0001', 'spam');
    await report('u_3', 'acct_0002', 'harassment');
    await report('u_4', 'acct_0003', 'hate');
    const byStaff = await as(crew.agent).post('/v1/reports', { reporterId: 'stf_agent', accountId: 'acct_0004', category: 'impersonation', text: '', evidence: [] });
    expect(byStaff.status).toBe(202);

    // measures on notice, 1 h and 3 h after their cases' first reports, and one of Warden's own initiative
    h.clock.set(T0 + HOUR);
    const warned = await propose(crew.agent, { kind: 'warn', targetId: 'acct_0001', reasonCode: 'spam', caseId: await caseOf('acct_0001') });
    h.clock.set(T0 + 3 * HOUR);
    const suspended = await propose(crew.lead, { kind: 'suspend', targetId: 'acct_0002', durationMs: 7 * DAY, reasonCode: 'harassment', caseId: await caseOf('acct_0002') });
    h.clock.set(T0 + 4 * HOUR);
    await propose(crew.lead, { kind: 'lock', targetId: 'acct_0010', reasonCode: 'compromised_account' });

    // Warden's suggestion at the strike threshold, approved by a person: proposed automatically
    const threshold = h.ctx.config.strikes.suggestSuspensionAt;
    for (let i = 0; i < threshold; i++) await propose(crew.agent, { kind: 'warn', targetId: 'acct_0005', reasonCode: 'spam', strike: { expiresInDays: 30 } });
    const suggested = await h.ctx.db.selectFrom('actions').select('id').where('target_id', '=', 'acct_0005').where('proposer_kind', '=', 'system').executeTakeFirstOrThrow();
    expect((await as(crew.lead).post(`/v1/actions/${suggested.id}/approve`, { comment: 'pattern is clear' })).body.action.state).toBe('executed');

    // two appeals: the suspension overturned after 2 h (its restore executes), the warning upheld after 1 h
    h.clock.set(T0 + 5 * HOUR);
    const againstSuspension = await appeal(suspended, 'acct_0002');
    const againstWarning = await appeal(warned, 'acct_0001');
    h.clock.set(T0 + 6 * HOUR);
    await decide(againstWarning, 'denied');
    h.clock.set(T0 + 7 * HOUR);
    await decide(againstSuspension, 'granted');

    // the day after the period: none of this counts
    h.clock.set(T0 + 2 * DAY);
    await report('u_late', 'acct_0011', 'hate');
    await propose(crew.lead, { kind: 'lock', targetId: 'acct_0011', reasonCode: 'hate', caseId: await caseOf('acct_0011') });
  });
  afterAll(() => h.cleanup());

  it('counts exactly what happened in the period, from the audit log', async () => {
    const res = await as(crew.auditor).get('/v1/transparency/report?from=2026-11-02&to=2026-11-03');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body.report;
    expect(r.period).toEqual({ from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z' });
    expect(r.basis.auditSize).toBe(await h.ctx.audit.size(h.ctx.db));

    expect(r.notices).toEqual({
      total: 8,
      duplicates: 1,
      byCategory: { spam: 4, harassment: 1, hate: 2, impersonation: 1, violent_threat: 0, self_harm: 0, child_safety: 0, misinformation: 0, other: 0 },
      bySource: { service: 7, staff: 1 },
      fromTrustedFlaggers: 1,
      ignored: 1,
    });
    expect(r.reporters).toEqual({ add_trusted_flagger: 1, remove_trusted_flagger: 0, warn_reporter: 0, suspend_reporting: 1, restore_reporting: 0 });

    const threshold = h.ctx.config.strikes.suggestSuspensionAt;
    expect(r.measures).toMatchObject({
      // warn, suspend and lock; the strikes' warnings; Warden's suggested suspension
      total: 3 + threshold + 1,
      byKind: { warn: 1 + threshold, limit: 0, lock: 1, suspend: 2, deactivate: 0 },
      onNotice: 2,
      ownInitiative: 1 + threshold + 1,
      proposedAutomatically: 1,
      automatedShare: Math.round((1 / (3 + threshold + 1)) * 10_000) / 10_000,
      // 1 h and 3 h from the case's first report
      medianNoticeToMeasureMs: 2 * HOUR,
      // the restore the granted appeal proposed (the suspensions' own restores are scheduled for later)
      reversals: 1,
    });
    expect(r.measures.byReason).toMatchObject({ spam: 1 + threshold, harassment: 1, compromised_account: 1, repeated_violations: 1, hate: 0 });
    expect(r.appeals).toEqual({ received: 2, decided: 2, overturned: 1, upheld: 1, medianTimeToDecisionMs: 1.5 * HOUR });

    // a statement of reasons for each restriction (the lock, the suspension on notice, Warden's suggested suspension); none for a warning or the restore
    expect(r.statements.total).toBe(3);
    expect(r.statements.bySource).toEqual({ SOURCE_ARTICLE_16: 1, SOURCE_TRUSTED_FLAGGER: 0, SOURCE_TYPE_OTHER_NOTIFICATION: 0, SOURCE_VOLUNTARY: 2 });
    expect(r.statements.byAutomatedDecision).toEqual({ AUTOMATED_DECISION_FULLY: 0, AUTOMATED_DECISION_PARTIALLY: 1, AUTOMATED_DECISION_NOT_AUTOMATED: 2 });
    // the grounds the log recorded are the ones the statements themselves carry
    const stated = await h.ctx.db.selectFrom('statements').select('body').where('created_at', '>=', T0).where('created_at', '<', T0 + DAY).execute();
    const grounds: Record<string, number> = { DECISION_GROUND_ILLEGAL_CONTENT: 0, DECISION_GROUND_INCOMPATIBLE_CONTENT: 0 };
    for (const row of stated) grounds[(JSON.parse(row.body) as { decision_ground: string }).decision_ground]! += 1;
    expect(stated).toHaveLength(3);
    expect(r.statements.byGround).toEqual(grounds);
  });

  it('counts the whole history in a longer period, and nothing before or after it', async () => {
    const all = (await as(crew.auditor).get('/v1/transparency/report?from=2026-10-01&to=2026-12-01')).body.report;
    expect(all.notices.total).toBe(10);
    expect(all.measures.byKind.lock).toBe(2);
    const before = (await as(crew.auditor).get('/v1/transparency/report?from=2026-10-01&to=2026-11-01')).body.report;
    expect(before.notices.total).toBe(0);
    expect(before.measures.total).toBe(0);
  });

  it('gives the same figures as CSV, one a row', async () => {
    const json = (await as(crew.auditor).get('/v1/transparency/report?from=2026-11-02&to=2026-11-03')).body.report;
    const res = await fetch(`${h.server.url}/v1/transparency/report?from=2026-11-02&to=2026-11-03&format=csv`, { headers: { authorization: `Bearer ${crew.auditor.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await res.text()).trim().split('\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(['section', 'figure', 'key', 'value']);
    const value = (section: string, figure: string, key = '') => rows.find((r) => r[0] === section && r[1] === figure && r[2] === key)?.[3];
    expect(value('notices', 'total')).toBe(String(json.notices.total));
    expect(value('notices', 'by_category', 'spam')).toBe('4');
    expect(value('notices', 'from_trusted_flaggers')).toBe('1');
    expect(value('reporters', 'suspend_reporting')).toBe('1');
    expect(value('measures', 'by_kind', 'suspend')).toBe('2');
    expect(value('measures', 'median_notice_to_measure_ms')).toBe(String(2 * HOUR));
    expect(value('appeals', 'overturned')).toBe('1');
    expect(value('statements', 'by_source', 'SOURCE_ARTICLE_16')).toBe('1');
  });

  it('is for those the policy lets oversee; a bad period is refused naming the field', async () => {
    expect((await as(crew.agent).get('/v1/transparency/report?from=2026-11-02&to=2026-11-03')).status).toBe(403);
    expect((await as(crew.admin).get('/v1/transparency/report?from=2026-11-02&to=2026-11-03')).status).toBe(200);
    const refused = async (query: string, field: string) => {
      const res = await as(crew.auditor).get(`/v1/transparency/report?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path), query).toContain(field);
    };
    await refused('from=2026-13-01&to=2026-12-02', 'query.from');
    await refused('from=2026-02-30&to=2026-12-02', 'query.from');
    await refused('from=2026-11-02', 'query.to');
    await refused('from=2026-11-03&to=2026-11-02', 'query.to');
    await refused('from=1969-12-31&to=1970-01-02', 'query.from');
    await refused('from=2000-01-01&to=2026-01-01', 'query.to');
    await refused('from=2026-11-02&to=2026-11-03&format=xml', 'query.format');
    await refused('from=2026-11-02T00:00:00Z&to=2026-11-03', 'query.from');
  });
});
