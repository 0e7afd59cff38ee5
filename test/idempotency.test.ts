/**
 * Idempotency-Key on state-changing POSTs, over real HTTP on both stores: a
 * retry with the same key answers as the first request did and changes
 * nothing; the same key on another body is refused; keys are per principal;
 * a malformed key is a 400 naming the header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHead } from './support/db.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const JUST = 'repeated harassment of several users, see the case';

describe.each(STORES)('idempotency keys on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;

  beforeAll(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 10);
  });
  afterAll(async () => h.cleanup());

  async function post(token: string, path: string, body: unknown, key?: string) {
    const res = await fetch(h.server.url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }
  const actionsOn = async (targetId: string) => (await h.ctx.db.selectFrom('actions').select('id').where('target_id', '=', targetId).execute()).length;

  it('a retried POST /v1/actions creates one action and answers the same', async () => {
    const proposal = { kind: 'limit', targetId: 'acct_0001', reasonCode: 'harassment', justification: JUST };
    const first = await post(crew.lead.token, '/v1/actions', proposal, 'retry-1');
    expect(first.status).toBe(201);
    const head = await auditHead(h.ctx.db);
    // the same body, its keys in another order: the same request
    const again = await post(crew.lead.token, '/v1/actions', { justification: JUST, reasonCode: 'harassment', targetId: 'acct_0001', kind: 'limit' }, 'retry-1');
    expect(again).toEqual(first);
    expect(await actionsOn('acct_0001')).toBe(1);
    expect(await auditHead(h.ctx.db)).toEqual(head);
    // without a key, a second request is a second action
    expect((await post(crew.lead.token, '/v1/actions', proposal)).status).toBe(201);
    expect(await actionsOn('acct_0001')).toBe(2);
  });

  it('the same key on a different body or operation is refused, naming the header, and writes nothing', async () => {
    const first = await post(crew.lead.token, '/v1/actions', { kind: 'limit', targetId: 'acct_0002', reasonCode: 'harassment', justification: JUST }, 'reuse-1');
    expect(first.status).toBe(201);
    const head = await auditHead(h.ctx.db);
    const other = await post(crew.lead.token, '/v1/actions', { kind: 'limit', targetId: 'acct_0003', reasonCode: 'harassment', justification: JUST }, 'reuse-1');
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/Idempotency-Key/);
    expect(other.body.error.header).toBe('Idempotency-Key');
    const elsewhere = await post(crew.lead.token, `/v1/actions/${first.body.action.id}/reject`, { comment: 'no' }, 'reuse-1');
    expect(elsewhere.status).toBe(409);
    expect(await actionsOn('acct_0003')).toBe(0);
    expect((await h.ctx.actions.get(h.ctx.db, first.body.action.id)).state).toBe(first.body.action.state);
    expect(await auditHead(h.ctx.db)).toEqual(head);
  });

  it('keys are per principal: another caller with the same key gets its own answer', async () => {
    const proposal = { kind: 'limit', targetId: 'acct_0004', reasonCode: 'harassment', justification: JUST };
    const lead = await post(crew.lead.token, '/v1/actions', proposal, 'shared-key');
    const lead2 = await post(crew.lead2.token, '/v1/actions', proposal, 'shared-key');
    expect(lead.status).toBe(201);
    expect(lead2.status).toBe(201);
    expect(lead2.body.action.id).not.toBe(lead.body.action.id);
    expect(lead2.body.action.proposer.id).toBe(crew.lead2.staff.id);
    expect(await actionsOn('acct_0004')).toBe(2);
  });

  it('decisions, reports, batches and imports replay too', async () => {
    const proposed = await post(crew.lead.token, '/v1/actions', { kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'harassment', justification: JUST });
    expect(proposed.body.action.state).toBe('awaiting_approval');
    const id = proposed.body.action.id;
    const reject = await post(crew.lead2.token, `/v1/actions/${id}/reject`, { comment: 'not enough' }, 'decide-1');
    expect(reject.status).toBe(200);
    // without the key this would be a 409 (already rejected); with it, the first answer
    expect(await post(crew.lead2.token, `/v1/actions/${id}/reject`, { comment: 'not enough' }, 'decide-1')).toEqual(reject);

    const report = { reporterId: 'rep_9', accountId: 'acct_0006', category: 'spam', text: 'spam' };
    const r1 = await post(crew.triage.token, '/v1/reports', report, 'report-1');
    expect(r1.status).toBe(202);
    expect(await post(crew.triage.token, '/v1/reports', report, 'report-1')).toEqual(r1);
    const reports = async () => (await h.ctx.db.selectFrom('reports').select('id').where('account_id', '=', 'acct_0006').execute()).length;
    expect(await reports()).toBe(1);
    const batch = { reports: [{ ...report, reporterId: 'rep_10' }, { ...report, reporterId: 'rep_11' }] };
    const b1 = await post(crew.triage.token, '/v1/reports/batch', batch, 'batch-1');
    expect(b1.status).toBe(202);
    expect(await post(crew.triage.token, '/v1/reports/batch', batch, 'batch-1')).toEqual(b1);
    expect(await reports()).toBe(3);

    const accounts = [{ id: 'acct_new', handle: 'newbie', displayName: 'New', followers: 1, verified: false, status: 'active', statusUntil: null, version: 1 }];
    const i1 = await post(crew.admin.token, '/v1/accounts/import', { accounts }, 'import-1');
    expect(i1.status).toBe(200);
    const head = await auditHead(h.ctx.db);
    expect(await post(crew.admin.token, '/v1/accounts/import', { accounts }, 'import-1')).toEqual(i1);
    expect(await auditHead(h.ctx.db)).toEqual(head);
  });

  it('a malformed key is a 400 naming the header, and nothing is written', async () => {
    const proposal = { kind: 'limit', targetId: 'acct_0007', reasonCode: 'harassment', justification: JUST };
    for (const key of ['', 'x'.repeat(129), 'tab\there']) {
      const res = await post(crew.lead.token, '/v1/actions', proposal, key);
      expect(res.status, JSON.stringify(key)).toBe(400);
      expect(res.body.error.fields[0].path).toBe('header.Idempotency-Key');
    }
    expect(await actionsOn('acct_0007')).toBe(0);
    expect((await post(crew.lead.token, '/v1/actions', proposal, 'x'.repeat(128))).status).toBe(201);
  });

  it('concurrent requests with one key create one action', async () => {
    const proposal = { kind: 'limit', targetId: 'acct_0008', reasonCode: 'harassment', justification: JUST };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(crew.lead.token, '/v1/actions', proposal, 'race-1')));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.action.id)).size).toBe(1);
    expect(await actionsOn('acct_0008')).toBe(1);
  });

  it('a case comment replays; a key on an operation that cannot keep an answer is refused before it runs', async () => {
    const { caseId } = (await post(crew.triage.token, '/v1/reports', { reporterId: 'rep_c', accountId: 'acct_0009', category: 'spam' })).body;
    const c1 = await post(crew.lead.token, `/v1/cases/${caseId}/comments`, { body: 'looked at it' }, 'comment-1');
    expect(c1.status).toBe(201);
    expect(await post(crew.lead.token, `/v1/cases/${caseId}/comments`, { body: 'looked at it' }, 'comment-1')).toEqual(c1);
    expect((await h.ctx.db.selectFrom('case_comments').select('id').where('case_id', '=', caseId).execute()).length).toBe(1);

    const head = await auditHead(h.ctx.db);
    const tokens = async () => (await h.ctx.db.selectFrom('api_tokens').select('id').execute()).length;
    const before = await tokens();
    const refused = await post(crew.lead.token, '/v1/me/tokens', { label: 'laptop' }, 'token-1');
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields[0].path).toBe('header.Idempotency-Key');
    expect(await tokens()).toBe(before);
    // a read carrying the header is answered as ever
    const read = await fetch(`${h.server.url}/v1/actions`, { headers: { authorization: `Bearer ${crew.lead.token}`, 'idempotency-key': 'read-1' } });
    expect(read.status).toBe(200);
    expect(await auditHead(h.ctx.db)).toEqual(head);
  });

  it('stored answers are forgotten after a day by housekeeping', async () => {
    const before = (await h.ctx.db.selectFrom('idempotency_keys').select('key').execute()).length;
    expect(before).toBeGreaterThan(0);
    h.clock.advance(24 * 60 * 60 * 1000 + 1);
    expect(await h.ctx.transaction((tx) => h.ctx.idempotency.purgeExpired(tx))).toBe(before);
  });
});
