/**
 * Several Warden instances on one store (issue 11, item 7), in one test
 * process: each instance is an AppContext of its own with its own connection
 * pool (on SQLite one connection; its transactions already serialise, and the
 * real several-process case is test/multi-instance.test.ts).
 *
 * - Executions racing on one account (scheduler runs and direct executes)
 *   each start from the state the one before committed, and their outbox rows
 *   are in commit order.
 * - Sweeps racing each other process each row once: an access end, an
 *   expired case lease, a stale proposal, a tree head.
 * - The worker lease: one holder at a time, taken over when released or
 *   lapsed, every term recorded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProposalSchema } from '../src/actions/proposal.js';
import { SYSTEM } from '../src/audit/model.js';
import { auditServices } from '../src/audit/index.js';
import type { AppContext } from '../src/context.js';
import { Leases } from '../src/workers/lease.js';
import { runSchedulerOnce } from '../src/workers/scheduler.js';
import { type Harness, STORES, makeHarness } from './support/harness.js';
import { auditByAction } from './support/db.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const JUST = 'coordinated harassment campaign, see case notes';

describe.each(STORES)('several instances on one %s store', (kind) => {
  let h: Harness;
  let crew: Crew;
  /** the other instances: separate pools on PostgreSQL; on SQLite the same context (one connection per process) */
  let instances: AppContext[];

  beforeEach(async () => {
    h = await makeHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 3);
    instances = kind === 'postgres' ? [h.ctx, await h.reopen(), await h.reopen(), await h.reopen()] : [h.ctx, h.ctx, h.ctx, h.ctx];
  });
  afterEach(() => h.cleanup());

  it('executions racing on one account start from the state the last one committed, and reach the outbox in commit order', async () => {
    const account = 'acct_0000';
    const kinds = ['limit', 'lock', 'suspend', 'deactivate', 'limit', 'suspend', 'lock', 'limit', 'suspend', 'deactivate', 'lock', 'suspend'] as const;
    const ids: string[] = [];
    for (const [i, k] of kinds.entries()) {
      const staff = i % 2 === 0 ? crew.lead.staff : crew.admin.staff;
      const a = await h.ctx.transaction((tx) =>
        h.ctx.actions.propose(
          tx,
          staff,
          ProposalSchema.parse({
            kind: k,
            targetId: account,
            reasonCode: 'harassment',
            justification: JUST,
            ...(k === 'suspend' ? { durationMs: (i + 1) * HOUR } : {}),
            scheduledFor: h.clock.now() + MINUTE,
          }),
        ),
      );
      expect(a.state).toBe('scheduled');
      ids.push(a.id);
    }
    h.clock.advance(2 * MINUTE);

    // every instance's scheduler, and a direct execute of each action, all at once
    await Promise.all([
      ...instances.map((ctx) => runSchedulerOnce(ctx)),
      ...ids.map((id, i) => {
        const ctx = instances[i % instances.length]!;
        return ctx.transaction((tx) => ctx.executor.advance(tx, id, 'approval'));
      }),
    ]);

    const executed = (await auditByAction(h.ctx.db, 'action.executed')).filter((e) => ids.includes(e.subject.id));
    // each once
    expect(executed.map((e) => e.subject.id).sort()).toEqual([...ids].sort());
    // audit order is commit order (appends serialise on the audit head): each began where the one before left the account
    type Account = { status: string; statusUntil: number | null };
    let state: Account = { status: 'active', statusUntil: null };
    const stale: string[] = [];
    for (const e of executed) {
      const prior = (e.before as { account: Account }).account;
      if (prior.status !== state.status || prior.statusUntil !== state.statusUntil) stale.push(`${e.subject.id}: began from ${JSON.stringify(prior)}, the account was ${JSON.stringify(state)}`);
      state = (e.after as { account: Account }).account;
    }
    expect(stale).toEqual([]);
    const row = await h.ctx.db.selectFrom('accounts').select(['status', 'status_until']).where('id', '=', account).executeTakeFirstOrThrow();
    expect({ status: row.status, statusUntil: row.status_until }).toEqual(state);
    // the restores the suspensions scheduled restore what each found
    const restores = await h.ctx.db.selectFrom('actions').select(['params', 'reverses_action_id']).where('kind', '=', 'restore').where('target_id', '=', account).execute();
    for (const r of restores) {
      const found = executed.find((e) => e.subject.id === r.reverses_action_id)!;
      expect(JSON.parse(r.params).restoreTo).toEqual((found.before as { account: Account }).account);
    }

    // outbox rows in the same order as the commits
    const outbox = await h.ctx.db.selectFrom('outbox').select(['idempotency_key']).where('kind', '=', 'platform_action').orderBy('id').execute();
    expect(outbox.map((o) => o.idempotency_key).filter((k) => ids.includes(k))).toEqual(executed.map((e) => e.subject.id));
  }, 60_000);

  it('sweeps racing each other process each access end, case lease, stale proposal and tree head once', async () => {
    const now = h.clock.now();
    // ten contractors whose windows close, each with pending work
    const contractors: string[] = [];
    for (let i = 0; i < 10; i++) {
      const id = `stf_ctr${i}`;
      await h.ctx.transaction(async (tx) => {
        await h.ctx.staff.seed(tx, { id, name: id, email: `${id}@warden.test`, role: 'agent', employment: 'contractor', accessFrom: now - HOUR, accessUntil: now + MINUTE });
        await h.ctx.staff.issueToken(tx, SYSTEM, id, 'test');
      });
      contractors.push(id);
      const staff = await h.ctx.staff.get(h.ctx.db, id);
      await h.ctx.transaction((tx) => h.ctx.actions.propose(tx, staff, { kind: 'limit', targetId: 'acct_0001', reasonCode: 'spam', justification: '', scheduledFor: now + HOUR }));
    }
    // claimed cases whose leases run out
    await h.ctx.transaction((tx) =>
      h.ctx.intake.submit(
        tx,
        { kind: 'service', id: 'platform' },
        ['acct_0000', 'acct_0001', 'acct_0002'].map((accountId, i) => ({ reporterId: `r${i}`, accountId, category: 'spam' as const, text: '', evidence: [] })),
      ),
    );
    for (let i = 0; i < 3; i++) expect(await h.ctx.transaction((tx) => h.ctx.cases.claimNext(tx, crew.agent.staff))).not.toBeNull();
    // a proposal nobody approves in time
    await h.ctx.transaction((tx) => h.ctx.actions.propose(tx, crew.lead.staff, { kind: 'lock', targetId: 'acct_press', reasonCode: 'compromised_account', justification: 'credentials leaked publicly' }));
    h.clock.advance(30 * 24 * HOUR);

    const sweepAll = (ctx: AppContext) => [
      runSchedulerOnce(ctx),
      ctx.transaction((tx) => ctx.cases.reapExpiredLeases(tx)),
      ctx.transaction((tx) => auditServices(ctx).heads.signIfGrown(tx)),
    ];
    await Promise.all([...instances.flatMap(sweepAll), ...instances.flatMap(sweepAll)]);

    const ended = await auditByAction(h.ctx.db, 'staff.access_ended');
    const revoked = await auditByAction(h.ctx.db, 'staff.access_revoked');
    const endedIds = ended.map((e) => e.subject.id).sort();
    expect(endedIds).toEqual([...contractors, crew.contractor.staff.id].sort());
    expect(revoked.map((e) => e.subject.id).sort()).toEqual(endedIds);
    const voided = await auditByAction(h.ctx.db, 'action.voided');
    expect(new Set(voided.map((e) => e.subject.id)).size).toBe(voided.length);
    const expiredLeases = await auditByAction(h.ctx.db, 'case.lease_expired');
    expect(expiredLeases).toHaveLength(3);
    const expiredProposals = await auditByAction(h.ctx.db, 'action.expired');
    expect(expiredProposals).toHaveLength(1);
    const heads = await h.ctx.db.selectFrom('audit_tree_heads').select('tree_size').execute();
    expect(new Set(heads.map((r) => r.tree_size)).size).toBe(heads.length);
  }, 60_000);

  it('a worker lease has one holder at a time, passes on when released or lapsed, and records every term', async () => {
    const a = new Leases(h.ctx.db, h.ctx.store.dialect, 'instance-a', 400);
    const b = new Leases(instances[1]!.db, h.ctx.store.dialect, 'instance-b', 400);
    const first = await a.hold('scheduler');
    expect(first).toMatchObject({ holder: 'instance-a', generation: 1 });
    expect(await b.hold('scheduler')).toBeNull();
    // renewing keeps the term
    expect(await a.hold('scheduler')).toMatchObject({ generation: 1 });
    // released: taken over at once
    await a.release('scheduler');
    expect(await b.hold('scheduler')).toMatchObject({ holder: 'instance-b', generation: 2 });
    expect(await a.hold('scheduler')).toBeNull();
    // lapsed (the holder died): taken over once the term has run out, not before
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await a.hold('scheduler')).toMatchObject({ holder: 'instance-a', generation: 3 });
    // another job's lease is its own
    expect(await b.hold('tree-head-signer')).toMatchObject({ holder: 'instance-b', generation: 1 });

    const terms = await h.ctx.db.selectFrom('worker_lease_terms').selectAll().where('name', '=', 'scheduler').orderBy('generation').execute();
    expect(terms.map((t) => [t.generation, t.holder, t.released_at !== null])).toEqual([
      [1, 'instance-a', true],
      [2, 'instance-b', false],
      [3, 'instance-a', false],
    ]);
    // no two terms overlap: each began when the one before had ended
    for (let i = 1; i < terms.length; i++) expect(Number(terms[i]!.acquired_at)).toBeGreaterThanOrEqual(Number(terms[i - 1]!.expires_at));
  });
});
