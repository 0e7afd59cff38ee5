/**
 * Leases for singleton work: the sweeps, reconciliation and tree-head signing
 * are done by one Warden instance at a time, and another takes over when the
 * holder dies. A lease is a row in the store (so it works the same on
 * PostgreSQL and on a SQLite file several processes open), taken or renewed
 * with one conditional upsert: it is ours if we hold it already or its term
 * has run out. Times are the store's clock, never a process's, so instances
 * on machines whose clocks disagree still agree on who holds it.
 *
 * Each term (one holder, from taking it to its last renewal or release) is
 * recorded in `worker_lease_terms`: who did the work when can be read back.
 * The work itself is idempotent at the row as well (every sweep re-checks the
 * row it updates), so a holder paused past its term does no double work.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type RawBuilder, sql } from 'kysely';
import type { Db, Dialect } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';

export interface LeaseTerm {
  name: string;
  holder: string;
  /** +1 each time the lease changes hands */
  generation: number;
  acquiredAt: number;
  expiresAt: number;
}

/** A name for this process's claims: readable in the table, unique per AppContext. */
export function leaseHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** The store's clock in epoch ms, as one SQL expression. */
function storeNow(dialect: Dialect): RawBuilder<number> {
  return dialect === 'postgres'
    ? sql<number>`(extract(epoch from statement_timestamp()) * 1000)::bigint`
    : sql<number>`cast(unixepoch('subsec') * 1000 as integer)`;
}

export class Leases {
  /** the terms this process holds, and when (its monotonic clock) each was last renewed */
  private readonly held = new Map<string, { term: LeaseTerm; renewedAt: number }>();

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    /** this process */
    readonly holder: string,
    /** a term runs this long from its last renewal */
    readonly ttlMs: number,
  ) {
    if (!(ttlMs >= 100)) throw new Error('a worker lease must last at least 100 ms');
  }

  /**
   * Take the lease or renew ours: the term, or null while another holder's
   * term runs. A lease of ours that lapsed meanwhile starts a new term.
   */
  async hold(name: string): Promise<LeaseTerm | null> {
    // renewed within the last third of a term: nobody can have taken it since, and no write is needed
    const mine = this.held.get(name);
    if (mine && performance.now() - mine.renewedAt < this.ttlMs / 3) return mine.term;
    // another's term still running: a read says so, without taking the store's write lock
    const now = storeNow(this.dialect);
    const seen = await this.db.selectFrom('worker_leases').select(['holder', 'expires_at', now.as('now')]).where('name', '=', name).executeTakeFirst();
    if (seen && seen.holder !== this.holder && Number(seen.expires_at) > Number(seen.now)) {
      this.held.delete(name);
      return null;
    }
    const renewedAt = performance.now();
    const term = await this.upsert(name);
    if (term) this.held.set(name, { term, renewedAt });
    else this.held.delete(name);
    return term;
  }

  private async upsert(name: string): Promise<LeaseTerm | null> {
    const now = storeNow(this.dialect);
    const ttl = this.ttlMs;
    return inTransaction(this.db, async (tx) => {
      const row = await sql<{ holder: string; generation: number; acquired_at: number; expires_at: number }>`
        insert into worker_leases (name, holder, generation, acquired_at, expires_at)
        values (${name}, ${this.holder}, 1, ${now}, ${now} + ${ttl})
        on conflict (name) do update set
          holder = excluded.holder,
          generation = case when worker_leases.holder = excluded.holder and worker_leases.expires_at > excluded.acquired_at
            then worker_leases.generation else worker_leases.generation + 1 end,
          acquired_at = case when worker_leases.holder = excluded.holder and worker_leases.expires_at > excluded.acquired_at
            then worker_leases.acquired_at else excluded.acquired_at end,
          expires_at = excluded.expires_at
        where worker_leases.holder = excluded.holder or worker_leases.expires_at <= excluded.acquired_at
        returning holder, generation, acquired_at, expires_at`.execute(tx);
      const r = row.rows[0];
      if (!r) return null;
      const term: LeaseTerm = { name, holder: r.holder, generation: Number(r.generation), acquiredAt: Number(r.acquired_at), expiresAt: Number(r.expires_at) };
      // the record of terms: a new one when the lease changed hands, else its end moves on
      await tx
        .insertInto('worker_lease_terms')
        .values({ name, generation: term.generation, holder: term.holder, acquired_at: term.acquiredAt, expires_at: term.expiresAt, released_at: null })
        .onConflict((oc) => oc.columns(['name', 'generation']).doUpdateSet({ expires_at: term.expiresAt }))
        .execute();
      return term;
    });
  }

  /**
   * Run `fn` while holding the lease, waiting for it first when another
   * process holds it (one-off work several instances starting together would
   * all try: seeding the demo). Released when `fn` ends.
   */
  async exclusive<T>(name: string, fn: () => Promise<T>, waitMs = 120_000): Promise<T> {
    const deadline = performance.now() + waitMs;
    while (!(await this.hold(name))) {
      if (performance.now() > deadline) throw new Error(`waited ${waitMs} ms for the "${name}" lease, held by another Warden process`);
      await sleep(Math.min(100, this.ttlMs / 4));
    }
    const renew = setInterval(() => void this.hold(name).catch(() => {}), Math.max(this.ttlMs / 3, 50));
    renew.unref();
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      await this.release(name);
    }
  }

  /** Give the lease up (at shutdown) so another instance takes over at once, not when the term runs out. */
  async release(name: string): Promise<void> {
    this.held.delete(name);
    const now = storeNow(this.dialect);
    await inTransaction(this.db, async (tx) => {
      const ended = await tx
        .updateTable('worker_leases')
        .set({ expires_at: now })
        .where('name', '=', name)
        .where('holder', '=', this.holder)
        .where('expires_at', '>', now)
        .returning(['generation', 'expires_at'])
        .executeTakeFirst();
      if (!ended) return;
      await tx
        .updateTable('worker_lease_terms')
        .set({ expires_at: ended.expires_at, released_at: ended.expires_at })
        .where('name', '=', name)
        .where('generation', '=', ended.generation)
        .execute();
    });
  }

  /** Who holds each lease now (the lease table as it stands). */
  async current(): Promise<LeaseTerm[]> {
    const rows = await this.db.selectFrom('worker_leases').selectAll().orderBy('name').execute();
    return rows.map((r) => ({ name: r.name, holder: r.holder, generation: Number(r.generation), acquiredAt: Number(r.acquired_at), expiresAt: Number(r.expires_at) }));
  }
}
