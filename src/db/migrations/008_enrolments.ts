/**
 * Credentials are only ever usable by their holder: an admin starts an
 * enrolment (a one-time code sent towards the holder, stored only as a hash)
 * and the holder redeems it for their own token. Every API token records who
 * issued it, so the guard can ask whether a proposer issued an approver's
 * credential.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_enrolments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    /** SHA-256 of the code's secret part: the code itself is never stored */
    .addColumn('code_hash', 'text', (c) => c.notNull())
    /** who started it: a staff id, or `system:<id>` (seeds, bootstrap) */
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('redeemed_at', 'bigint')
    /** the token the holder received on redeeming it */
    .addColumn('token_id', 'text')
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_by', 'text')
    .execute();
  await db.schema.createIndex('staff_enrolments_staff').on('staff_enrolments').columns(['staff_id', 'created_at']).execute();

  // tokens issued before this migration: by whoever the log says issued them, else Warden itself
  await db.schema.alterTable('api_tokens').addColumn('issued_by', 'text', (c) => c.notNull().defaultTo('system:warden')).execute();
  await db.schema.alterTable('api_tokens').addColumn('enrolment_id', 'text').execute();
  const issued = await db
    .selectFrom('audit_log')
    .select(['actor_kind', 'actor_id', 'after'])
    .where('action', '=', 'staff.token_issued')
    .execute();
  for (const e of issued as { actor_kind: string; actor_id: string; after: string | null }[]) {
    const tokenId = e.after ? (JSON.parse(e.after) as { tokenId?: unknown }).tokenId : undefined;
    if (typeof tokenId !== 'string') continue;
    const by = e.actor_kind === 'staff' ? e.actor_id : `${e.actor_kind}:${e.actor_id}`;
    await db.updateTable('api_tokens').set({ issued_by: by }).where('id', '=', tokenId).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
