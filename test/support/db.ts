/** Small readers of the store for assertions: row counts, the audit head, audit entries by action or case. */
import { sql } from 'kysely';
import type { AuditEntry, AuditEventShape } from '../../src/audit/model.js';
import { AuditLog, rowToEntry } from '../../src/audit/service.js';
import type { AppContext } from '../../src/context.js';
import type { Db } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';

export async function countRows(db: Db, table: keyof DB): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function auditHead(db: Db): Promise<{ size: number; lastHash: string }> {
  const head = await db.selectFrom('audit_head').select(['size', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { size: Number(head.size), lastHash: head.last_hash };
}

/**
 * An appender that takes any entry, outside the catalog: what an earlier
 * version, or a writer behind Warden's back, could have left in the log.
 */
export const uncatalogued = (ctx: Pick<AppContext, 'store' | 'clock'>) => new AuditLog<AuditEventShape>(ctx.store.dialect, ctx.clock);

/** Every audit entry with this action, oldest first. */
export async function auditByAction(db: Db, action: string): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
  return rows.map(rowToEntry);
}

/** The entries about one case, oldest first. */
export async function caseTrail(db: Db, caseId: number): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'case').where('subject_id', '=', String(caseId)).orderBy('seq').execute();
  return rows.map(rowToEntry);
}

/** Every row of every table (bar the migrator's), each table's rows in a stable order: to prove nothing changed. */
export async function snapshot(db: Db, dialect: 'sqlite' | 'postgres'): Promise<Record<string, string[]>> {
  const tables =
    dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)).rows.map((r) => r.name);
  const out: Record<string, string[]> = {};
  // request counters count every request, refused ones too: they are the rate limiter's, not the state a request changes
  for (const t of tables.filter((t) => !t.startsWith('kysely_') && t !== 'rate_limit_counters').sort()) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db)).rows;
    out[t] = rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
  }
  return out;
}
