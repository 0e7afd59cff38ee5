/**
 * Appeals and strikes (issue 13, items 3 and 4):
 *
 * - `appeals`: an owner contesting an executed action, or a reporter
 *   contesting a case resolved without action. Each is worked as a case in the
 *   `appeals` queue (`case_id`). One open appeal per action, and one per
 *   contested case, held by partial unique indexes.
 * - `strikes`: a mark an executed enforcement left on a standard account,
 *   live until it expires or is reversed (its action overturned on appeal).
 * - `cases_one_open_per_account` no longer counts appeal cases: an account
 *   under appeal may be reported again, and its reports still fold into one
 *   case of its own (src/cases/folding.ts names the same predicate).
 */
import { type Kysely, sql } from 'kysely';
import { withSerialId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** the case in the appeals queue that works it */
    .addColumn('case_id', 'bigint', (c) => c.notNull())
    /** 'owner' | 'reporter' */
    .addColumn('appellant_kind', 'text', (c) => c.notNull())
    /** the owner's account id, or the reporter's id */
    .addColumn('appellant_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    /** owner appeals: the executed action contested */
    .addColumn('action_id', 'text')
    /** reporter appeals: the case resolved without action; owner appeals: the action's case, if any */
    .addColumn('original_case_id', 'bigint')
    /** reporter appeals: the report they name, if they named one */
    .addColumn('report_id', 'bigint')
    .addColumn('statement', 'text', (c) => c.notNull())
    /** 'open' | 'granted' | 'denied' */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'bigint', (c) => c.notNull())
    /** the last instant it could have been filed (src/appeals/window.ts) */
    .addColumn('deadline_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .addColumn('decided_by', 'text')
    .addColumn('reasons', 'text')
    /** a granted owner appeal: the restore it proposed */
    .addColumn('reversal_action_id', 'text')
    /** a granted reporter appeal: the case the decision not to act is reconsidered in */
    .addColumn('reconsidered_case_id', 'bigint')
    /** the alert raised when it went undecided too long (raised once) */
    .addColumn('overdue_alert_id', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX appeals_one_open_per_action ON appeals (action_id) WHERE state = 'open' AND action_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX appeals_one_open_per_case ON appeals (original_case_id) WHERE state = 'open' AND appellant_kind = 'reporter'`.execute(db);
  await db.schema.createIndex('appeals_state_filed').on('appeals').columns(['state', 'filed_at']).execute();
  await db.schema.createIndex('appeals_account').on('appeals').columns(['account_id', 'filed_at']).execute();
  await db.schema.createIndex('appeals_case').on('appeals').column('case_id').execute();
  await db.schema.createIndex('appeals_reversal').on('appeals').column('reversal_action_id').execute();

  await withSerialId(db, db.schema.createTable('strikes'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text', (c) => c.notNull().unique())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('reversed_at', 'bigint')
    /** the restore whose execution overturned it */
    .addColumn('reversed_by_action_id', 'text')
    .execute();
  await db.schema.createIndex('strikes_account_live').on('strikes').columns(['account_id', 'expires_at']).execute();

  await sql`DROP INDEX cases_one_open_per_account`.execute(db);
  await sql`CREATE UNIQUE INDEX cases_one_open_per_account ON cases (account_id) WHERE status <> 'resolved' AND queue <> 'appeals'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
