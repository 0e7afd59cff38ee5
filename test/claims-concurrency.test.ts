/**
 * Many claimers in several Warden processes on one store: every claim hands
 * out a different case, each claim is audited once, nothing is claimed twice,
 * no claimer is told "nothing to do" while claimable cases remain, claims and
 * intake running together never fail, and the audit chain still verifies.
 *
 * PostgreSQL: separate AppContexts (own pools) in this process, and separate
 * OS processes over HTTP. SQLite: one context with concurrent transactions
 * (two writing connections in one thread cannot work with a synchronous
 * driver), and separate OS processes over HTTP.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../src/audit/model.js';
import type { Case } from '../src/cases/rows.js';
import type { AppContext } from '../src/context.js';
import { dropPostgresSchema } from '../src/db/database.js';
import type { Staff } from '../src/staff/model.js';
import { type WardenChild, spawnWarden } from './support/child.js';
import { auditByAction, countRows } from './support/db.js';
import { type Harness, STORES, makeHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const SERVICE: Actor = { kind: 'service', id: 'platform' };
const CATEGORIES = ['spam', 'harassment', 'impersonation', 'misinformation', 'other'] as const;
const acct = (i: number) => `acct_${String(i).padStart(4, '0')}`;

/** One open case on each of the first `n` standard accounts, spread over the five general queues. */
async function openCases(ctx: AppContext, n: number): Promise<number[]> {
  const results = await ctx.transaction((tx) =>
    ctx.intake.submit(
      tx,
      SERVICE,
      Array.from({ length: n }, (_, i) => ({ reporterId: `seed_${i}`, accountId: acct(i), category: CATEGORIES[i % CATEGORIES.length]!, text: '', evidence: [] })),
    ),
  );
  return results.map((r) => r.caseId);
}

interface Claim {
  who: string;
  caseId: number | null;
}

/** The store's view of claims: every claimed case, who holds it, and the case.claimed entries. */
async function checkClaims(ctx: AppContext, claims: Claim[]) {
  const got = claims.filter((c) => c.caseId !== null) as { who: string; caseId: number }[];
  // no case handed to two claimers
  expect(new Set(got.map((c) => c.caseId)).size).toBe(got.length);
  const rows = await ctx.db.selectFrom('cases').select(['id', 'claimed_by']).where('status', '=', 'claimed').execute();
  expect(new Map(rows.map((r) => [Number(r.id), r.claimed_by]))).toEqual(new Map(got.map((c) => [c.caseId, c.who])));
  const entries = await auditByAction(ctx.db, 'case.claimed');
  expect(entries).toHaveLength(got.length);
  expect(new Map(entries.map((e) => [Number(e.subject.id), e.actor.id]))).toEqual(new Map(got.map((c) => [c.caseId, c.who])));
  const size = await countRows(ctx.db, 'audit_log');
  expect(await ctx.audit.verifyChain(ctx.db)).toEqual({ size, problems: [] });
}

describe.each(STORES)('concurrent claims in one store on %s', (kind) => {
  let h: Harness;
  afterEach(() => h.cleanup());

  /** Four claimers, each in its own process on PostgreSQL, firing `each` claims at once. */
  const claimRound = async (contexts: AppContext[], claimers: Staff[], each: number): Promise<{ claims: Claim[]; errors: unknown[] }> => {
    const errors: unknown[] = [];
    const claims = (
      await Promise.all(
        claimers.flatMap((who, k) =>
          Array.from({ length: each }, async (): Promise<Claim[]> => {
            const ctx = contexts[k % contexts.length]!;
            try {
              const c: Case | null = await ctx.transaction((tx) => ctx.cases.claimNext(tx, who));
              return [{ who: who.id, caseId: c?.id ?? null }];
            } catch (err) {
              errors.push(err);
              return [];
            }
          }),
        ),
      )
    ).flat();
    return { claims, errors };
  };

  const setup = async (cases: number, accounts = cases) => {
    h = await makeHarness(kind);
    const crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, accounts);
    const ids = await openCases(h.ctx, cases);
    const contexts = kind === 'postgres' ? [h.ctx, await h.reopen(), await h.reopen(), await h.reopen()] : [h.ctx];
    const claimers = [crew.agent, crew.lead, crew.lead2, crew.admin].map((m) => m.staff);
    return { crew, ids, contexts, claimers };
  };

  it('4 claimers × 50 concurrent claims over 300 open cases: 200 distinct cases, 200 entries, chain intact', async () => {
    const { ids, contexts, claimers } = await setup(300);
    expect(new Set(ids).size).toBe(300);
    const { claims, errors } = await claimRound(contexts, claimers, 50);
    expect(errors).toEqual([]);
    expect(claims).toHaveLength(200);
    expect(claims.filter((c) => c.caseId === null)).toEqual([]);
    await checkClaims(h.ctx, claims);
    expect(await countRows(h.ctx.db, 'cases')).toBe(300);
    const open = await h.ctx.db.selectFrom('cases').select('id').where('status', '=', 'open').execute();
    expect(open).toHaveLength(100);
    // claim-next hands out the highest-priority open case: 200 concurrent claims take exactly the top 200
    // (a claimer may skip a case another claimer holds, but only because that one is taking it)
    const ranked = (await h.ctx.db.selectFrom('cases').select(['id', 'priority']).orderBy('priority', 'desc').orderBy('id').execute()).map((r) => Number(r.id));
    const claimedIds = new Set(claims.map((c) => c.caseId));
    expect(ranked.slice(0, 200).filter((id) => !claimedIds.has(id)), 'top-200 cases left open while lower ones were claimed').toEqual([]);
  });

  it('more claims than cases: every case is handed out once, and nobody gets "nothing to do" while cases remain', async () => {
    const { contexts, claimers } = await setup(120);
    const { claims, errors } = await claimRound(contexts, claimers, 50);
    expect(errors).toEqual([]);
    expect(claims).toHaveLength(200);
    const got = claims.filter((c) => c.caseId !== null);
    expect(got).toHaveLength(120);
    expect(await h.ctx.db.selectFrom('cases').select('id').where('status', '=', 'open').execute()).toEqual([]);
    await checkClaims(h.ctx, claims);
  });

  it('claims and intake at the same time: no claim or report fails, and every claim is distinct', async () => {
    const { contexts, claimers } = await setup(200, 240);
    const errors: unknown[] = [];
    const intake = Array.from({ length: 40 }, async (_, i) => {
      const ctx = contexts[i % contexts.length]!;
      // each batch opens a new case and folds into existing, claimable ones, moving them between queues
      const reports = [
        { reporterId: `late_${i}`, accountId: acct(200 + i), category: 'spam' as const, text: '', evidence: [] },
        { reporterId: `late_${i}`, accountId: acct(i), category: 'hate' as const, text: '', evidence: [] },
        { reporterId: `late_${i}`, accountId: acct(199 - i), category: 'violent_threat' as const, text: '', evidence: [] },
      ];
      try {
        await ctx.transaction((tx) => ctx.intake.submit(tx, SERVICE, reports));
      } catch (err) {
        errors.push(err);
      }
    });
    const [round] = await Promise.all([claimRound(contexts, claimers, 25), ...intake]);
    expect([...errors, ...round.errors].map(String)).toEqual([]);
    expect(round.claims.filter((c) => c.caseId === null)).toEqual([]);
    await checkClaims(h.ctx, round.claims);
    expect(await countRows(h.ctx.db, 'reports')).toBe(200 + 40 * 3);
  });
});

describe.each(STORES)('claims from separate Warden processes on %s', (kind) => {
  let h: Harness;
  let children: WardenChild[] = [];
  afterEach(async () => {
    await Promise.all(children.map((c) => c.stop()));
    children = [];
    await h.cleanup();
  });

  it('4 processes × 50 concurrent claims over HTTP: every claim answered, 200 distinct cases, chain intact', async () => {
    h = await makeHarness(kind);
    const crew: Crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 300);
    await openCases(h.ctx, 300);
    const schema = kind === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(h.ctx.db)).rows[0]!.s : undefined;
    // one after the other: starting several at once on one store is its own test below
    for (let i = 0; i < 4; i++) children.push(await spawnWarden(h.ctx.config.databaseUrl, schema, 120_000));

    const members = [crew.agent, crew.lead, crew.lead2, crew.admin];
    const failures: string[] = [];
    const claims = (
      await Promise.all(
        children.flatMap((child, k) =>
          Array.from({ length: 50 }, async (): Promise<Claim[]> => {
            const m = members[k]!;
            const res = await fetch(`${child.url}/v1/cases/claim`, { method: 'POST', headers: { authorization: `Bearer ${m.token}`, 'content-type': 'application/json' }, body: '{}' });
            const body = await res.text();
            if (res.status !== 200) {
              failures.push(`${res.status} ${body}`);
              return [];
            }
            const kase = (JSON.parse(body) as { case: { id: number } | null }).case;
            return [{ who: m.staff.id, caseId: kase?.id ?? null }];
          }),
        ),
      )
    ).flat();
    expect(failures, children.map((c) => c.stderr()).join('\n').slice(-3000)).toEqual([]);
    expect(claims.filter((c) => c.caseId === null)).toEqual([]);
    expect(claims).toHaveLength(200);
    await checkClaims(h.ctx, claims);
  }, 300_000);

  it('several processes starting at once on a fresh store all come up and share one schema', async () => {
    h = await makeHarness(kind);
    // a store no Warden has opened yet: a new SQLite file, or a new PostgreSQL schema
    const url = kind === 'sqlite' ? h.ctx.config.databaseUrl.replace(/warden\.db$/, 'fresh.db') : h.ctx.config.databaseUrl;
    const schema = kind === 'postgres' ? `t_fresh_${Date.now().toString(36)}_${process.pid}` : undefined;
    try {
      const started = await Promise.allSettled(Array.from({ length: 4 }, () => spawnWarden(url, schema, 120_000)));
      children = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const failed = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason).slice(0, 400)] : []));
      expect(failed).toEqual([]);
      for (const child of children) expect((await fetch(`${child.url}/readyz`)).status).toBe(200);
    } finally {
      await Promise.all(children.map((c) => c.stop()));
      children = [];
      if (schema) await dropPostgresSchema(url, schema);
    }
  }, 300_000);
});
