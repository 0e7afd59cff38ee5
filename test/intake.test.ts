import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

describe.each(STORES)('report intake on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  const service = () => h.api(h.ctx.config.serviceToken);
  const report = (over: Record<string, unknown> = {}) => ({ reporterId: 'u1', accountId: 'acct_0001', category: 'harassment', text: 'abuse', evidence: ['https://example.test/p/1'], ...over });

  beforeAll(async () => {
    h = await makeApiHarness(kind, { intake: { dedupWindowMs: 3_600_000, brigadeWindowMs: 300_000, brigadeThreshold: 50 } });
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
  });
  afterAll(() => h.cleanup());

  const countRows = async (table: 'reports' | 'cases' | 'audit_log') =>
    Number((await h.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('accepts a report and opens one case for the account, audited once', async () => {
    const res = await service().post('/v1/reports', report());
    expect(res.status).toBe(202);
    const again = await service().post('/v1/reports', report({ reporterId: 'u2' }));
    expect(again.status).toBe(202);
    expect(again.body.caseId).toBe(res.body.caseId);
    const opened = await h.ctx.audit.list(h.ctx.db, { subjectType: 'case', subjectId: String(res.body.caseId) });
    expect(opened.map((e) => e.action)).toEqual(['case.opened']);
    const kase = await h.api(crew.lead.token).get(`/v1/cases/${res.body.caseId}`);
    expect(kase.body.case.reportCount).toBe(2);
    expect(kase.body.case.distinctReporters).toBe(2);
    expect(kase.body.reports).toHaveLength(2);
  });

  it('counts the same reporter, account and category once within the window', async () => {
    const first = await service().post('/v1/reports', report({ reporterId: 'dup', accountId: 'acct_0002' }));
    const second = await service().post('/v1/reports', report({ reporterId: 'dup', accountId: 'acct_0002' }));
    expect(first.body.duplicate).toBe(false);
    expect(second.body.duplicate).toBe(true);
    const { body } = await h.api(crew.lead.token).get(`/v1/cases/${first.body.caseId}`);
    expect(body.case.reportCount).toBe(2);
    expect(body.case.countedReports).toBe(1);
    expect(body.case.distinctReporters).toBe(1);
    // outside the window it counts again
    h.clock.advance(3_600_001);
    const later = await service().post('/v1/reports', report({ reporterId: 'dup', accountId: 'acct_0002' }));
    expect(later.body.duplicate).toBe(false);
  });

  it('de-duplicates inside one batch too', async () => {
    const res = await service().post('/v1/reports/batch', { reports: [report({ reporterId: 'b', accountId: 'acct_0003' }), report({ reporterId: 'b', accountId: 'acct_0003' })] });
    expect(res.status).toBe(202);
    expect(res.body.results.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([false, true]);
  });

  it('names every bad field with a 400 and writes nothing', async () => {
    const before = await Promise.all([countRows('reports'), countRows('cases'), countRows('audit_log')]);
    const bad = await service().post('/v1/reports/batch', {
      reports: [report({ accountId: 'acct_0004' }), report({ category: 'rudeness', evidence: ['not a url'] }), report({ reporterId: '' })],
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['reports.1.category', 'reports.1.evidence.0', 'reports.2.reporterId']));
    const unknown = await service().post('/v1/reports/batch', { reports: [report({ accountId: 'acct_0004' }), report({ accountId: 'nope' })] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([{ path: 'reports.1.accountId', message: 'unknown account nope' }]);
    const single = await service().post('/v1/reports', report({ accountId: 'nope' }));
    expect(single.status).toBe(400);
    expect(single.body.error.fields[0].path).toBe('accountId');
    const malformed = await service().send('POST', '/v1/reports', '{"reporterId": ');
    expect(malformed.status).toBe(400);
    const tooMany = await service().post('/v1/reports/batch', { reports: Array.from({ length: 1001 }, () => report()) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields[0].path).toBe('reports');
    const after = await Promise.all([countRows('reports'), countRows('cases'), countRows('audit_log')]);
    expect(after).toEqual(before);
  });

  it('folds a flood into one case flagged as a possible brigade, with one flag entry', async () => {
    const flood = Array.from({ length: 600 }, (_, i) => report({ reporterId: `bot${i}`, accountId: 'acct_0005', category: 'spam' }));
    const before = await countRows('audit_log');
    const results = [];
    for (let i = 0; i < flood.length; i += 200) results.push(...(await service().post('/v1/reports/batch', { reports: flood.slice(i, i + 200) })).body.results);
    expect(new Set(results.map((r: { caseId: number }) => r.caseId)).size).toBe(1);
    const caseId = results[0].caseId;
    const { body } = await h.api(crew.lead.token).get(`/v1/cases/${caseId}`);
    expect(body.case.brigade).toBe(true);
    expect(body.case.reportCount).toBe(600);
    const entries = await h.ctx.audit.list(h.ctx.db, { subjectType: 'case', subjectId: String(caseId) });
    expect(entries.map((e) => e.action).sort()).toEqual(['case.brigade_flagged', 'case.opened']);
    // besides: one count of what each of the three intakes took (the transparency report's notices)
    expect((await countRows('audit_log')) - before).toBe(2 + 3);
    const counted = await h.ctx.db.selectFrom('audit_log').select('after').where('action', '=', 'reports.received').where('seq', '>=', before).execute();
    expect(counted.map((c) => JSON.parse(c.after!).byCategory.spam)).toEqual([200, 200, 200]);
    const flagged = await h.api(crew.lead.token).get('/v1/cases?brigade=true');
    expect(flagged.body.cases.map((c: { id: number }) => c.id)).toContain(caseId);
  });

  it('ranks by reach and severity', async () => {
    const low = await service().post('/v1/reports', report({ reporterId: 'r1', accountId: 'acct_0006', category: 'spam' }));
    const high = await service().post('/v1/reports', report({ reporterId: 'r1', accountId: 'acct_0019', category: 'violent_threat' }));
    const cases = await h.api(crew.lead.token).get('/v1/cases?limit=500');
    const ids = cases.body.cases.map((c: { id: number }) => c.id);
    expect(ids.indexOf(high.body.caseId)).toBeLessThan(ids.indexOf(low.body.caseId));
  });

  it('re-routes a case to a more severe area when such a report arrives', async () => {
    const first = await service().post('/v1/reports', report({ reporterId: 'x', accountId: 'acct_0007', category: 'spam' }));
    const { body: b1 } = await h.api(crew.lead.token).get(`/v1/cases/${first.body.caseId}`);
    expect(b1.case.queue).toBe('spam');
    await service().post('/v1/reports', report({ reporterId: 'y', accountId: 'acct_0007', category: 'violent_threat' }));
    const { body: b2 } = await h.api(crew.lead.token).get(`/v1/cases/${first.body.caseId}`);
    expect(b2.case.queue).toBe('safety');
    const entries = await h.ctx.audit.list(h.ctx.db, { subjectType: 'case', subjectId: String(first.body.caseId) });
    expect(entries.map((e) => e.action)).toContain('case.rerouted');
  });

  it('groups concurrent single reports into shared commits and answers each', async () => {
    const many = await Promise.all(Array.from({ length: 200 }, (_, i) => service().post('/v1/reports', report({ reporterId: `c${i}`, accountId: `acct_00${10 + (i % 5)}` }))));
    expect(many.every((r) => r.status === 202)).toBe(true);
    const ids = new Set(many.map((r) => r.body.reportId));
    expect(ids.size).toBe(200);
    const stored = await h.ctx.db.selectFrom('reports').select('id').where('id', 'in', [...ids]).execute();
    expect(stored).toHaveLength(200);
  });
});
