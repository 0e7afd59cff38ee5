/**
 * The leads' metrics (issue 14, src/metrics) read cases by when they were
 * resolved, the unresolved ones by queue and age, actions by their case,
 * approvals by when they were given and appeals by when they were decided:
 * each read is a range of one of these indexes, not a scan of its table.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX cases_resolved_at ON cases (resolved_at) WHERE resolved_at IS NOT NULL`.execute(db);
  // the queue-age gauges at each scrape: count and oldest per queue, from the index alone
  await sql`CREATE INDEX cases_unresolved_age ON cases (queue, status, opened_at) WHERE status <> 'resolved'`.execute(db);
  await sql`CREATE INDEX actions_case ON actions (case_id, proposed_at) WHERE case_id IS NOT NULL`.execute(db);
  await db.schema.createIndex('approvals_at').on('approvals').column('at').execute();
  await sql`CREATE INDEX appeals_decided_at ON appeals (decided_at) WHERE decided_at IS NOT NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
