/**
 * The audit log: every change writes its entry in the same transaction (so a
 * rolled-back change leaves neither the change nor the entry), the hash chain
 * verifies after a mixed, concurrent workload, and each kind of tampering in
 * the store is detected and named by kind and seq.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Actor, SYSTEM } from '../src/audit/model.js';
import type { AppContext } from '../src/context.js';
import type { Db } from '../src/db/database.js';
import { auditHead, countRows, snapshot, uncatalogued } from './support/db.js';
import { type ApiHarness, type Harness, STORES, makeApiHarness, makeHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const SERVICE: Actor = { kind: 'service', id: 'platform' };
const LEASE_MS = 60_000;

const report = (accountId: string, reporterId = 'u1', category: 'spam' | 'harassment' | 'hate' | 'violent_threat' = 'harassment') => ({
  reporterId,
  accountId,
  category,
  text: 'report',
  evidence: [] as string[],
});

async function openCase(ctx: AppContext, accountId: string, reporterId = 'u1', category: Parameters<typeof report>[2] = 'harassment'): Promise<number> {
  const [r] = await ctx.transaction((tx) => ctx.intake.submit(tx, SERVICE, [report(accountId, reporterId, category)]));
  return r!.caseId;
}

interface World {
  h: Harness;
  crew: Crew;
  /** an open spam case on acct_0001, and a harassment case on acct_0002 claimed by the agent */
  open: number;
  held: number;
}

interface Op {
  name: string;
  /** the audit actions the change writes */
  actions: string[];
  prepare?: (w: World) => Promise<void>;
  run: (w: World, tx: Db) => Promise<unknown>;
}

const OPS: Op[] = [
  { name: 'claim next', actions: ['case.claimed'], run: ({ h, crew }, tx) => h.ctx.cases.claimNext(tx, crew.lead.staff) },
  { name: 'claim by id', actions: ['case.claimed'], run: ({ h, crew, open }, tx) => h.ctx.cases.claimById(tx, crew.agent.staff, open) },
  { name: 'release', actions: ['case.released'], run: ({ h, crew, held }, tx) => h.ctx.cases.release(tx, crew.agent.staff, held, 'handing back') },
  { name: "resolve (and reporter trust, reporters' outcomes)", actions: ['case.resolved', 'notice.outcomes_recorded'], run: ({ h, crew, held }, tx) => h.ctx.cases.resolve(tx, crew.agent.staff, held, 'actioned', 'done') },
  { name: 'reroute', actions: ['case.rerouted'], run: ({ h, crew, held }, tx) => h.ctx.cases.reroute(tx, crew.agent.staff, held, 'integrity', 'misfiled') },
  { name: 'comment', actions: ['case.commented'], run: ({ h, crew, open }, tx) => h.ctx.cases.comment(tx, crew.agent.staff, open, 'a note') },
  {
    name: 'reap expired leases',
    actions: ['case.lease_expired'],
    prepare: async ({ h }) => h.clock.advance(LEASE_MS),
    run: ({ h }, tx) => h.ctx.cases.reapExpiredLeases(tx),
  },
  { name: 'void the claims of a person', actions: ['case.claim_voided'], run: ({ h, crew }, tx) => h.ctx.cases.releaseClaimsOf(tx, crew.agent.staff.id, 'offboarded') },
  {
    name: 'intake opening a case and folding into another',
    actions: ['case.opened', 'case.rerouted', 'reports.received'],
    // acct_0001's spam case moves to safety with a harassment report; acct_0002's case just folds
    run: ({ h }, tx) => h.ctx.intake.submit(tx, SERVICE, [report('acct_0007', 'n1'), report('acct_0001', 'n2', 'harassment'), report('acct_0002', 'n3', 'violent_threat')]),
  },
  {
    name: 'create staff',
    actions: ['staff.created'],
    run: ({ h }, tx) => h.ctx.staff.create(tx, SYSTEM, { name: 'new', email: 'new@warden.test', role: 'agent', employment: 'employee' }),
  },
  { name: 'issue a token', actions: ['staff.token_issued'], run: ({ h, crew }, tx) => h.ctx.staff.issueToken(tx, SYSTEM, crew.agent.staff.id, 'laptop') },
  {
    name: 'import accounts, one new with a protected tier',
    actions: ['accounts.imported', 'account.tier_set'],
    run: ({ h }, tx) =>
      h.ctx.accounts.importBatch(tx, SYSTEM, [
        { id: 'acct_0003', handle: 'user3', displayName: 'User 3', followers: 999, verified: true, status: 'active', statusUntil: null, version: 2 },
        { id: 'acct_new_vip', handle: 'newvip', displayName: 'New VIP', followers: 9, verified: true, status: 'active', statusUntil: null, version: 1, tier: 'elevated' },
        { id: 'acct_new', handle: 'newbie', displayName: 'New', followers: 1, verified: false, status: 'active', statusUntil: null, version: 1 },
      ]),
  },
  // cases/service.ts promises "every change of a case is audited"; a renewal moves lease_until
  { name: 'renew a lease', actions: ['case.lease_renewed'], run: ({ h, crew, held }, tx) => h.ctx.cases.renewLease(tx, crew.agent.staff, held) },
];

describe.each(STORES)('audit entries commit with their change on %s', (kind) => {
  let w: World;

  beforeEach(async () => {
    const h = await makeHarness(kind, { queues: { leaseMs: LEASE_MS, reapIntervalMs: 5_000 } });
    const crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
    const open = await openCase(h.ctx, 'acct_0001', 'u1', 'spam');
    const held = await openCase(h.ctx, 'acct_0002');
    await h.ctx.transaction((tx) => h.ctx.cases.claimById(tx, crew.agent.staff, held));
    w = { h, crew, open, held };
  });
  afterEach(() => w.h.cleanup());

  /** Runs the op in a transaction; returns the actions it appended, as seen inside that transaction. */
  const runIn = async (op: Op, fail: boolean): Promise<string[]> => {
    let seen: string[] = [];
    const result = w.h.ctx.transaction(async (tx) => {
      const before = await auditHead(tx);
      await op.run(w, tx);
      const rows = await tx.selectFrom('audit_log').select(['seq', 'action']).where('seq', '>=', before.size).orderBy('seq').execute();
      seen = rows.map((r) => r.action);
      const after = await auditHead(tx);
      expect(after.size).toBe(before.size + rows.length);
      if (fail) throw new Error('boom');
    });
    if (fail) await expect(result).rejects.toThrow('boom');
    else await result;
    return seen;
  };

  it.each(OPS)('$name: rolled back, it leaves neither the change nor its entry; committed, both', async (op) => {
    await op.prepare?.(w);
    const before = await snapshot(w.h.ctx.db, kind);
    const head = await auditHead(w.h.ctx.db);

    const inside = await runIn(op, true);
    expect([...new Set(inside)].sort()).toEqual([...op.actions].sort());
    expect(await auditHead(w.h.ctx.db)).toEqual(head);
    expect(await snapshot(w.h.ctx.db, kind)).toEqual(before);

    const committed = await runIn(op, false);
    expect(committed).toEqual(inside);
    const after = await snapshot(w.h.ctx.db, kind);
    expect(after).not.toEqual(before);
    expect((await auditHead(w.h.ctx.db)).size).toBe(head.size + committed.length);
    expect((await w.h.ctx.audit.verifyChain(w.h.ctx.db)).problems).toEqual([]);
  });

  it('a failed claim-next leaves the case claimable and the log as it was', async () => {
    const { h, crew } = w;
    const head = await auditHead(h.ctx.db);
    const casesBefore = await h.ctx.db.selectFrom('cases').selectAll().orderBy('id').execute();
    let took: number | undefined;
    await expect(
      h.ctx.transaction(async (tx) => {
        took = (await h.ctx.cases.claimNext(tx, crew.lead.staff))?.id;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(took).toBe(w.open);
    expect(await h.ctx.db.selectFrom('cases').selectAll().orderBy('id').execute()).toEqual(casesBefore);
    expect(await auditHead(h.ctx.db)).toEqual(head);
    expect(await countRows(h.ctx.db, 'audit_log')).toBe(head.size);
    const again = await h.ctx.transaction((tx) => h.ctx.cases.claimNext(tx, crew.lead.staff));
    expect(again?.id).toBe(took);
  });

  it('a failed intake leaves no report, no case, no reporter and no entry', async () => {
    const { h } = w;
    const counts = async () => Promise.all((['reports', 'cases', 'reporters', 'case_reporters', 'audit_log'] as const).map((t) => countRows(h.ctx.db, t)));
    const before = await counts();
    const head = await auditHead(h.ctx.db);
    await expect(
      h.ctx.transaction(async (tx) => {
        const results = await h.ctx.intake.submit(tx, SERVICE, [report('acct_0010', 'fresh1'), report('acct_0011', 'fresh2'), report('acct_0001', 'fresh3')]);
        expect(results).toHaveLength(3);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await counts()).toEqual(before);
    expect(await auditHead(h.ctx.db)).toEqual(head);
    expect(await h.ctx.db.selectFrom('cases').select('id').where('account_id', 'in', ['acct_0010', 'acct_0011']).execute()).toEqual([]);
  });
});

describe.each(STORES)('the chain under a mixed workload on %s', (kind) => {
  let h: Harness;
  afterEach(() => h.cleanup());

  it('verifies after concurrent intake, claims, comments, resolutions and staff changes (from two processes on PostgreSQL)', async () => {
    h = await makeHarness(kind, { queues: { leaseMs: LEASE_MS, reapIntervalMs: 5_000 } });
    const crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 200);
    // Two SQLite connections in one thread cannot both write (better-sqlite3 blocks the thread that
    // would have to finish the other transaction); the multi-process SQLite case is covered in
    // claims-concurrency.test.ts with real child processes. Here SQLite gets one context, used concurrently.
    const other = kind === 'postgres' ? await h.reopen() : h.ctx;
    const ctxs = [h.ctx, other];
    const acct = (i: number) => `acct_${String(i % 200).padStart(4, '0')}`;

    // intake: batches and single reports through group commit, from both processes at once
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const ctx = ctxs[i % 2]!;
        return i % 4 === 0
          ? Promise.all(Array.from({ length: 10 }, (_, j) => ctx.groupIntake.submit(SERVICE, report(acct(i * 10 + j), `g${i}_${j}`))))
          : ctx.transaction((tx) => ctx.intake.submit(tx, SERVICE, Array.from({ length: 10 }, (_, j) => report(acct(i * 10 + j), `b${i}_${j}`, j % 3 === 0 ? 'violent_threat' : 'spam'))));
      }),
    );
    // claims from both processes at once, then work on what was claimed
    const workers = [crew.agent, crew.lead, crew.lead2, crew.admin];
    const claimed = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const ctx = ctxs[i % 2]!;
        const who = workers[i % workers.length]!.staff;
        return ctx.transaction((tx) => ctx.cases.claimNext(tx, who)).then((c) => ({ c: c!, who }));
      }),
    );
    await Promise.all(
      claimed.map(({ c, who }, i) => {
        const ctx = ctxs[i % 2]!;
        return ctx.transaction(async (tx) => {
          await ctx.cases.comment(tx, who, c.id, `note ${i}`);
          if (i % 3 === 0) await ctx.cases.resolve(tx, who, c.id, i % 2 ? 'actioned' : 'no_violation', null);
          else if (i % 3 === 1) await ctx.cases.release(tx, who, c.id, null);
        });
      }),
    );
    await Promise.all([
      h.ctx.transaction((tx) => h.ctx.staff.create(tx, SYSTEM, { name: 'x', email: 'x@warden.test', role: 'triage', employment: 'contractor', accessUntil: h.clock.now() + 1 })),
      other.transaction((tx) =>
        other.accounts.importBatch(tx, SYSTEM, [
          { id: 'acct_0005', handle: 'u5', displayName: 'U5', followers: 5, verified: false, status: 'active', statusUntil: null, version: 9 },
          { id: 'acct_late_vip', handle: 'late', displayName: 'Late', followers: 5, verified: true, status: 'active', statusUntil: null, version: 1, tier: 'critical' },
        ]),
      ),
    ]);
    h.clock.advance(LEASE_MS);
    expect(await h.ctx.transaction((tx) => h.ctx.cases.reapExpiredLeases(tx))).toBeGreaterThan(0);

    const size = await countRows(h.ctx.db, 'audit_log');
    expect(size).toBeGreaterThan(150);
    for (const ctx of ctxs) {
      const r = await ctx.audit.verifyChain(ctx.db);
      expect(r).toEqual({ size, problems: [] });
    }
    expect((await auditHead(h.ctx.db)).size).toBe(size);
    const seqs = (await h.ctx.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: size }, (_, i) => i));
  });

  it('reports no problem when verified while other transactions keep appending', async () => {
    h = await makeHarness(kind);
    await seedAccounts(h.ctx, 100);
    const other = await h.reopen();
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        await other.transaction((tx) => other.intake.submit(tx, SERVICE, [report(`acct_${String(i % 100).padStart(4, '0')}`, `w${i}`)]));
        await other.transaction((tx) => uncatalogued(other).append(tx, { actor: SYSTEM, action: 'test.tick', subject: { type: 'test', id: i } }));
      }
    })();
    const results = [];
    try {
      for (let i = 0; i < 30; i++) results.push(await h.ctx.audit.verifyChain(h.ctx.db));
    } finally {
      stop = true;
      await writer;
    }
    expect(results.flatMap((r) => r.problems)).toEqual([]);
    expect((await h.ctx.audit.verifyChain(h.ctx.db)).problems).toEqual([]);
  });
});

describe.each(STORES)('tampering in the store on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let size: number;

  beforeEach(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 30);
    for (let i = 0; i < 10; i++) await openCase(h.ctx, `acct_${String(i).padStart(4, '0')}`);
    for (let i = 0; i < 5; i++) await h.ctx.transaction((tx) => h.ctx.cases.claimNext(tx, crew.lead.staff));
    size = await countRows(h.ctx.db, 'audit_log');
    expect(size).toBeGreaterThanOrEqual(30);
    expect(await h.ctx.audit.verifyChain(h.ctx.db)).toEqual({ size, problems: [] });
  });
  afterEach(() => h.cleanup());

  const verify = () => h.ctx.audit.verifyChain(h.ctx.db);
  const rowAt = (seq: number) => h.ctx.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();

  it('names an entry whose content was edited (hash_mismatch at its seq)', async () => {
    const seq = Math.floor(size / 2);
    const row = await rowAt(seq);
    await h.ctx.db.updateTable('audit_log').set({ after: JSON.stringify({ ...(row.after ? JSON.parse(row.after) : {}), forged: true }) }).where('seq', '=', seq).execute();
    expect((await verify()).problems).toEqual([{ kind: 'hash_mismatch', seq }]);

    // the HTTP surface says the same to an auditor
    const res = await h.api(crew.auditor.token).get('/v1/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: false, size, problems: [{ kind: 'hash_mismatch', seq }] });
  });

  it('names an edited entry whose hash was recomputed too (broken link at the next seq)', async () => {
    const seq = 7;
    const row = await rowAt(seq);
    const { canonicalEntry, chainHash } = await import('../src/audit/model.js');
    const { rowToEntry } = await import('../src/audit/service.js');
    const forged = { ...row, actor_id: 'someone_else' };
    const hash = chainHash(forged.prev_hash, canonicalEntry(rowToEntry(forged)));
    await h.ctx.db.updateTable('audit_log').set({ actor_id: 'someone_else', entry_hash: hash }).where('seq', '=', seq).execute();
    expect((await verify()).problems).toEqual([{ kind: 'broken_link', seq: seq + 1 }]);
  });

  it('names a deleted middle entry (gap where it was, and the broken link after it)', async () => {
    const seq = Math.floor(size / 3);
    await h.ctx.db.deleteFrom('audit_log').where('seq', '=', seq).execute();
    const { problems } = await verify();
    expect(problems).toEqual(
      expect.arrayContaining([
        { kind: 'gap', expectedSeq: seq, foundSeq: seq + 1 },
        { kind: 'broken_link', seq: seq + 1 },
      ]),
    );
  });

  it('names the first entry deleted', async () => {
    await h.ctx.db.deleteFrom('audit_log').where('seq', '=', 0).execute();
    expect((await verify()).problems).toEqual(expect.arrayContaining([{ kind: 'gap', expectedSeq: 0, foundSeq: 1 }, { kind: 'broken_link', seq: 1 }]));
  });

  it('names two entries whose seqs were swapped', async () => {
    const a = 5;
    const b = 12;
    await h.ctx.transaction(async (tx) => {
      await tx.updateTable('audit_log').set({ seq: -1 }).where('seq', '=', a).execute();
      await tx.updateTable('audit_log').set({ seq: a }).where('seq', '=', b).execute();
      await tx.updateTable('audit_log').set({ seq: b }).where('seq', '=', -1).execute();
    });
    const { problems } = await verify();
    expect(problems).toEqual(
      expect.arrayContaining([
        { kind: 'hash_mismatch', seq: a },
        { kind: 'hash_mismatch', seq: b },
        { kind: 'broken_link', seq: a },
        { kind: 'broken_link', seq: b },
      ]),
    );
    // nothing else in the log is blamed but the neighbours whose links now point at the wrong entry
    const blamed = new Set(problems.map((p) => ('seq' in p ? p.seq : -1)));
    expect([...blamed].sort((x, y) => x - y)).toEqual([a, a + 1, b, b + 1]);
  });

  it('names the last entry truncated without touching the head (head_mismatch with both sizes)', async () => {
    await h.ctx.db.deleteFrom('audit_log').where('seq', '=', size - 1).execute();
    expect((await verify()).problems).toEqual([{ kind: 'head_mismatch', size: size - 1, storedSize: size }]);
  });

  it('names a rewritten last entry, even with its hash recomputed (head_mismatch)', async () => {
    const row = await rowAt(size - 1);
    const { canonicalEntry, chainHash } = await import('../src/audit/model.js');
    const { rowToEntry } = await import('../src/audit/service.js');
    const forged = { ...row, action: 'case.nothing_happened' };
    await h.ctx.db
      .updateTable('audit_log')
      .set({ action: forged.action, entry_hash: chainHash(forged.prev_hash, canonicalEntry(rowToEntry(forged))) })
      .where('seq', '=', size - 1)
      .execute();
    expect((await verify()).problems).toEqual([{ kind: 'head_mismatch', size, storedSize: size }]);
  });

  it('names an entry appended behind the log’s back', async () => {
    const last = await rowAt(size - 1);
    await sql`insert into audit_log (seq, at, actor_kind, actor_id, action, subject_type, subject_id, before, after, reason, prev_hash, entry_hash)
              values (${size}, ${last.at}, 'staff', 'mallory', 'case.resolved', 'case', '1', null, null, null, ${last.entry_hash}, ${'0'.repeat(64)})`.execute(h.ctx.db);
    const { problems } = await verify();
    expect(problems).toEqual(expect.arrayContaining([{ kind: 'hash_mismatch', seq: size }, { kind: 'head_mismatch', size: size + 1, storedSize: size }]));
  });
});

describe.each(STORES)('transactions that lock in opposite orders on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness(kind);
    await seedAccounts(h.ctx, 2);
  });
  afterEach(async () => h.cleanup());

  it('both commit, with their audit entries, even when PostgreSQL picks one as a deadlock victim', async () => {
    const runs = { a: 0, b: 0 };
    const locked: Record<'a' | 'b', () => void> = { a: () => {}, b: () => {} };
    const hasLocked = { a: new Promise<void>((r) => (locked.a = r)), b: new Promise<void>((r) => (locked.b = r)) };
    // each takes one row, waits until the other holds its row (bounded: on SQLite the other cannot start until this one commits), then takes the other's
    const crossing = (name: 'a' | 'b', first: string, second: string) =>
      h.ctx.transaction(async (tx) => {
        runs[name]++;
        await tx.updateTable('accounts').set({ updated_at: runs[name] }).where('id', '=', first).execute();
        locked[name]();
        await Promise.race([hasLocked[name === 'a' ? 'b' : 'a'], new Promise((r) => setTimeout(r, 300))]);
        await tx.updateTable('accounts').set({ updated_at: runs[name] }).where('id', '=', second).execute();
        await uncatalogued(h.ctx).append(tx, { actor: SYSTEM, action: 'test.crossed', subject: { type: 'test', id: name } });
      });
    await Promise.all([crossing('a', 'acct_0000', 'acct_0001'), crossing('b', 'acct_0001', 'acct_0000')]);
    const entries = await h.ctx.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'test.crossed').execute();
    expect(entries.map((e) => e.subject_id).sort()).toEqual(['a', 'b']);
    // on PostgreSQL one of them ran twice (the deadlock victim); on SQLite they ran one after the other
    expect(runs.a + runs.b).toBe(kind === 'postgres' ? 3 : 2);
    expect((await h.ctx.audit.verifyChain(h.ctx.db)).problems).toEqual([]);
  });
});
