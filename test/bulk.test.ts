/**
 * Bulk enforcement (POST /v1/actions/bulk) on both stores: one proposal over
 * many accounts, each target judged by the policy alone and audited alone. A
 * protected account hidden in the list, and one past the proposer's
 * blast-radius budget, wait for approvals; a target the policy refuses this
 * proposer is refused with its rule; the rest execute. A bulk is restored as
 * one. Bad input is a 400 naming the target and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { type Api, type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const JUST = 'one spam network, the same links posted from every account';
const STANDARD = Array.from({ length: 30 }, (_, i) => `acct_${String(i).padStart(4, '0')}`);
// three standard accounts of 2,000,000 followers each: the third takes the hour past the 5,000,000 budget
const BIG = ['acct_big1', 'acct_big2', 'acct_big3'];

describe.each(STORES)('bulk enforcement on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  const as = (m: { token: string }): Api => h.api(m.token);
  const statusOf = async (id: string) => (await h.ctx.db.selectFrom('accounts').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const ofAction = (action: string) => h.ctx.audit.ofActionBetween(h.ctx.db, action, { from: 0, to: Number.MAX_SAFE_INTEGER }, null, 100_000);
  const entries = async (action: string, subjectId: string) => (await ofAction(action)).filter((e) => e.subject.id === subjectId);

  beforeAll(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 40);
    const big = BIG.map((id) => ({ id, handle: id, displayName: id, followers: 2_000_000, verified: false, status: 'active' as const, statusUntil: null, version: 1 }));
    await h.ctx.transaction((tx) => h.ctx.accounts.importBatch(tx, SYSTEM, big));
  });
  afterAll(() => h?.cleanup());

  it('executes each standard account on its own; a critical account hidden in the list and one past the budget wait, saying why; restored as one', async () => {
    // the vip first in the list: proposed last all the same, so its 40,000,000 followers do not spend the hour before the others
    const targetIds = ['acct_vip', ...STANDARD.slice(0, 10), ...BIG, ...STANDARD.slice(10)];
    const res = await as(crew.lead).post('/v1/actions/bulk', { kind: 'suspend', durationMs: 7 * 86_400_000, targetIds, reasonCode: 'spam', justification: JUST });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { bulk, waiting, refused } = res.body;
    expect(bulk).toMatchObject({ kind: 'suspend', targets: 34, executed: 32, waiting: 2, refused: 0, proposerId: crew.lead.staff.id });
    expect(refused).toEqual([]);
    const why = new Map<string, string>(waiting.map((w: { accountId: string; why: string }) => [w.accountId, w.why]));
    expect([...why.keys()].sort()).toEqual(['acct_big3', 'acct_vip']);
    expect(why.get('acct_vip')).toMatch(/needs 2 more approvals/);
    expect(why.get('acct_big3')).toMatch(/needs 1 more approval/);

    // each executed target is its own action, audited on its own; the waiting ones changed nothing yet
    for (const id of [...STANDARD, 'acct_big1', 'acct_big2']) expect(await statusOf(id), id).toBe('suspended');
    expect(await statusOf('acct_vip')).toBe('active');
    expect(await statusOf('acct_big3')).toBe('active');
    const actions = await h.ctx.db.selectFrom('actions').select(['id', 'target_id', 'state']).where('kind', '=', 'suspend').execute();
    expect(actions).toHaveLength(34);
    const executed = await ofAction('action.executed');
    expect(new Set(executed.map((e) => e.subject.id)).size).toBe(32);
    expect(await entries('bulk.proposed', bulk.id)).toHaveLength(1);
    const [completed] = await entries('bulk.completed', bulk.id);
    expect(completed!.after).toEqual({ executed: 32, waiting: 2, refused: 0 });

    // the vip's proposal waits in an approver's inbox like any other
    const inbox = (await as(crew.lead2).get('/v1/approvals/inbox')).body.items.map((i: { action: { targetId: string } }) => i.action.targetId);
    expect(inbox).toEqual(expect.arrayContaining(['acct_vip', 'acct_big3']));

    // the whole bulk pages by outcome
    const page = await as(crew.auditor).get(`/v1/actions/bulk/${bulk.id}/targets?outcome=executed&limit=20`);
    expect(page.status).toBe(200);
    expect(page.body.targets).toHaveLength(20);
    const rest = await as(crew.auditor).get(`/v1/actions/bulk/${bulk.id}/targets?outcome=executed&after=${page.body.targets[19].accountId}`);
    expect(rest.body.targets).toHaveLength(12);

    // undone as one: each executed target restored; the waiting ones are not the bulk's to restore
    const undone = await as(crew.lead).post(`/v1/actions/bulk/${bulk.id}/restore`, { justification: 'the network was a false positive' });
    expect(undone.status, JSON.stringify(undone.body)).toBe(201);
    expect(undone.body.bulk).toMatchObject({ kind: 'restore', restoresBulkId: bulk.id, targets: 32, executed: 32, waiting: 0, refused: 0 });
    for (const id of [...STANDARD, 'acct_big1', 'acct_big2']) expect(await statusOf(id), id).toBe('active');
  });

  it("refuses, with the rule, the targets the policy refuses this proposer; the others still execute", async () => {
    const targetIds = ['acct_0030', 'acct_press', 'acct_0031'];
    const res = await as(crew.contractor).post('/v1/actions/bulk', { kind: 'lock', targetIds, reasonCode: 'spam', justification: JUST });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.bulk).toMatchObject({ targets: 3, executed: 2, waiting: 0, refused: 1 });
    expect(res.body.refused).toEqual([{ accountId: 'acct_press', actionId: null, outcome: 'refused', why: expect.stringMatching(/contractor-no-destructive-on-protected/) }]);
    expect(await statusOf('acct_press')).toBe('active');
    expect(await statusOf('acct_0030')).toBe('locked');
    // the refusal is audited as any refused proposal is
    expect(await entries('action.refused', 'acct_press')).toHaveLength(1);
  });

  it('bad input is a 400 naming the target, and writes nothing', async () => {
    const before = await h.ctx.audit.size(h.ctx.db);
    const bulks = async () => (await h.ctx.db.selectFrom('bulk_actions').select('id').execute()).length;
    const count = await bulks();
    const refused = async (body: Record<string, unknown>, field: string) => {
      const res = await as(crew.lead).post('/v1/actions/bulk', { reasonCode: 'spam', justification: JUST, kind: 'warn', ...body });
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    };
    await refused({ targetIds: ['acct_0032', 'acct_0033', 'acct_0032'] }, 'targetIds.2');
    await refused({ targetIds: ['acct_0032', 'acct_nobody'] }, 'targetIds.1');
    await refused({ targetIds: [] }, 'targetIds');
    await refused({ kind: 'restore', targetIds: ['acct_0032'] }, 'kind');
    await refused({ kind: 'suspend', targetIds: ['acct_0032'] }, 'durationMs');
    await refused({ targetIds: ['acct_0032'], justification: 'short' }, 'justification');
    await refused({ targetIds: ['acct_\u0000'] }, 'targetIds.0');
    await refused({ targetIds: Array.from({ length: 100_001 }, (_, i) => `a${i}`) }, 'targetIds');
    expect(await h.ctx.audit.size(h.ctx.db)).toBe(before);
    expect(await bulks()).toBe(count);
    expect(await statusOf('acct_0032')).toBe('active');
    expect((await as(crew.lead).get('/v1/actions/bulk/blk_nothing')).status).toBe(404);
  });

  it('is for those the policy lets do casework', async () => {
    const res = await as(crew.auditor).post('/v1/actions/bulk', { kind: 'warn', targetIds: ['acct_0034'], reasonCode: 'spam', justification: JUST });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/actions\.bulk/);
  });
});
