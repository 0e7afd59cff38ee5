/**
 * The transparency report (issue 14, src/transparency) counts events of a few
 * kinds over a window of time: this index lets it read exactly those entries,
 * in (at, seq) order, without scanning the whole log.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_action_at').on('audit_log').columns(['action', 'at', 'seq']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
