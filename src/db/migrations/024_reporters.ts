/**
 * Reporters' standing (issue 14, items 3 and 4; src/reporters):
 *
 * - on `reporters`: the trusted-flagger registry (DSA Art. 22: the name and
 *   organisation the status was awarded to, since when, by which approved
 *   action) and the measures against misuse (Art. 23: warned when and by
 *   which action, reporting suspended until when and by which action). Intake
 *   reads them with the trust it already reads, in the same query.
 * - on `reports`: whether it came from a trusted flagger, and whether it was
 *   ignored (its reporter's reporting was suspended): kept, counted nowhere.
 * - on `cases`: how many counted reports came from trusted flaggers, which
 *   ranks the case above ordinary ones.
 * - `reports_reporter`: a reporter's reports in a window (their misuse counts,
 *   a trusted flagger's time to decision) without scanning every report.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const reporterColumns: [string, 'text' | 'bigint'][] = [
    ['flagger_name', 'text'],
    ['flagger_organisation', 'text'],
    ['flagger_since', 'bigint'],
    ['flagger_action_id', 'text'],
    ['warned_at', 'bigint'],
    ['warned_action_id', 'text'],
    ['suspended_until', 'bigint'],
    ['suspended_action_id', 'text'],
  ];
  for (const [name, type] of reporterColumns) await db.schema.alterTable('reporters').addColumn(name, type).execute();
  await db.schema.alterTable('reports').addColumn('trusted_flagger', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('reports').addColumn('ignored', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('cases').addColumn('trusted_flagger_reports', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('reports_reporter').on('reports').columns(['reporter_id', 'received_at']).execute();
  await db.schema.createIndex('reporters_flagger').on('reporters').column('flagger_since').execute();
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
