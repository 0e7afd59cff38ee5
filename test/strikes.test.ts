/**
 * Strikes on both stores, through the API: recorded with their expiry when
 * the action that carried one executes on a standard account, refused on
 * protected ones, counted live in the policy's facts, a suspension suggested
 * at the threshold as Warden's own proposal that a person must approve (and
 * never on a protected account), and reversed when their action is
 * overturned on appeal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceFacts } from '../src/actions/facts.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const DAY = 86_400_000;

describe.each(STORES)('strikes on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  const as = (m: { token: string }) => h.api(m.token);
  const live = async (accountId: string) => {
    const facts = await resourceFacts(h.ctx.db, 'account', accountId, h.clock.now());
    return facts.type === 'Account' ? facts.liveStrikes : -1;
  };
  const strike = (accountId: string, k: 'warn' | 'limit' = 'warn', days = 30) =>
    as(crew.agent).post('/v1/actions', { kind: k, targetId: accountId, reasonCode: 'spam', justification: 'spam links, again', strike: { expiresInDays: days } });

  beforeAll(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
  });
  afterAll(() => h.cleanup());

  it('are recorded with their expiry on standard accounts and counted live in the policy facts', async () => {
    const p = await strike('acct_0001', 'warn', 10);
    expect(p.status).toBe(201);
    expect(p.body.action).toMatchObject({ state: 'executed', params: { strike: { expiresInDays: 10 } } });
    const rows = await h.ctx.strikes.list(h.ctx.db, 'acct_0001');
    expect(rows).toEqual([expect.objectContaining({ actionId: p.body.action.id, expiresAt: p.body.action.executedAt + 10 * DAY, reversedAt: null })]);
    expect(await live('acct_0001')).toBe(1);
    const events = (await as(crew.lead).get('/v1/accounts/acct_0001/timeline')).body.events.map((e: { event: string }) => e.event);
    expect(events).toContain('strike.recorded');
    h.clock.advance(10 * DAY);
    expect(await live('acct_0001')).toBe(0);
  });

  it('are refused on elevated and critical accounts, naming the field, and bad ones too', async () => {
    for (const target of ['acct_press', 'acct_vip']) {
      const res = await as(crew.lead).post('/v1/actions', { kind: 'warn', targetId: target, reasonCode: 'spam', justification: '', strike: { expiresInDays: 30 } });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0]).toMatchObject({ path: 'strike', message: expect.stringMatching(/standard accounts only/) });
    }
    const bad = await as(crew.agent).post('/v1/actions', { kind: 'warn', targetId: 'acct_0002', reasonCode: 'spam', strike: { expiresInDays: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('strike.expiresInDays');
    expect(await h.ctx.strikes.list(h.ctx.db, 'acct_0002')).toEqual([]);
  });

  it('at the threshold Warden suggests a suspension that only executes once a person approves it', async () => {
    const threshold = h.ctx.config.strikes.suggestSuspensionAt;
    for (let i = 0; i < threshold - 1; i++) await strike('acct_0005');
    const none = await h.ctx.db.selectFrom('actions').select('id').where('target_id', '=', 'acct_0005').where('proposer_kind', '=', 'system').execute();
    expect(none).toEqual([]);
    await strike('acct_0005');
    expect(await live('acct_0005')).toBe(threshold);
    const suggested = await h.ctx.db.selectFrom('actions').selectAll().where('target_id', '=', 'acct_0005').where('proposer_kind', '=', 'system').execute();
    expect(suggested).toHaveLength(1);
    expect(suggested[0]).toMatchObject({ kind: 'suspend', state: 'awaiting_approval', reason_code: 'repeated_violations' });
    expect((await as(crew.lead).get('/v1/accounts/acct_0005')).body.account.status).toBe('active');
    // a fourth strike does not suggest a second suspension while one is pending
    await strike('acct_0005');
    expect(await h.ctx.db.selectFrom('actions').select('id').where('target_id', '=', 'acct_0005').where('proposer_kind', '=', 'system').execute()).toHaveLength(1);
    // Warden cannot execute it alone; a person decides
    const early = await as(crew.agent).post(`/v1/actions/${suggested[0]!.id}/execute`);
    expect(early.status).toBe(409);
    expect((await as(crew.agent).get('/v1/approvals/inbox')).body.items.map((i: { action: { id: string } }) => i.action.id)).toContain(suggested[0]!.id);
    const approved = await as(crew.agent).post(`/v1/actions/${suggested[0]!.id}/approve`, { comment: 'pattern is clear' });
    expect(approved.status).toBe(200);
    expect(approved.body.action.state).toBe('executed');
    expect((await as(crew.lead).get('/v1/accounts/acct_0005')).body.account.status).toBe('suspended');
  });

  it('never suggest a suspension of a protected account, whatever its strikes', async () => {
    const now = h.clock.now();
    await h.ctx.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await tx.insertInto('strikes').values({ account_id: 'acct_press', action_id: `act_legacy_${i}`, recorded_at: now, expires_at: now + DAY, reversed_at: null, reversed_by_action_id: null }).execute();
      }
    });
    expect(await live('acct_press')).toBe(5);
    expect(await h.ctx.transaction((tx) => h.ctx.suggestions.consider(tx, 'acct_press', 5))).toBeNull();
    const entry = await h.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'strike.threshold_reached').where('subject_id', '=', 'acct_press').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after!)).toMatchObject({ suggestedActionId: null, rules: [{ id: 'default-deny' }] });
    expect(await h.ctx.db.selectFrom('actions').select('id').where('target_id', '=', 'acct_press').where('proposer_kind', '=', 'system').execute()).toEqual([]);
  });

  it('are reversed when their action is overturned on appeal', async () => {
    const p = await strike('acct_0006', 'limit');
    expect(await live('acct_0006')).toBe(1);
    const filed = await h.api(h.ctx.config.serviceToken).post('/v1/appeals', { actionId: p.body.action.id, appellant: { kind: 'owner', accountId: 'acct_0006' }, statement: 'those were my own links' });
    const appeal = filed.body.appeal;
    await as(crew.lead).post(`/v1/cases/${appeal.caseId}/claim`);
    const granted = await as(crew.lead).post(`/v1/appeals/${appeal.id}/decide`, { outcome: 'granted', reasons: 'the links were the owner\'s own shop' });
    expect(granted.status).toBe(200);
    expect(granted.body.reversal.state).toBe('executed');
    expect(await live('acct_0006')).toBe(0);
    const [row] = await h.ctx.strikes.list(h.ctx.db, 'acct_0006');
    expect(row).toMatchObject({ reversedByActionId: granted.body.reversal.id, reversedAt: h.clock.now() });
    const events = (await as(crew.lead).get('/v1/accounts/acct_0006/timeline')).body.events.map((e: { event: string }) => e.event);
    expect(events).toEqual(expect.arrayContaining(['strike.recorded', 'appeal.filed', 'appeal.decided', 'strike.reversed', 'appeal.reversal_executed']));
  });

  it('of a warning are reversed when the appeal is granted: there is nothing to restore', async () => {
    const p = await strike('acct_0008', 'warn');
    const filed = await h.api(h.ctx.config.serviceToken).post('/v1/appeals', { actionId: p.body.action.id, appellant: { kind: 'owner', accountId: 'acct_0008' }, statement: 'not spam' });
    await as(crew.lead).post(`/v1/cases/${filed.body.appeal.caseId}/claim`);
    const granted = await as(crew.lead).post(`/v1/appeals/${filed.body.appeal.id}/decide`, { outcome: 'granted', reasons: 'it was not spam after all' });
    expect(granted.body.reversal).toBeNull();
    expect(await live('acct_0008')).toBe(0);
  });
});
