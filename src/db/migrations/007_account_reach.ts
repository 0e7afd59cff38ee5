/**
 * An account's peak reach: the most followers Warden has seen it have. For a
 * protected account the policy reads the larger of this and the current count,
 * so an import or sync that drops the count cannot lower what an action asks.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('followers_peak', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update accounts set followers_peak = followers`.execute(db);
}
