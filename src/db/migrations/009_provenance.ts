/**
 * Provenance of everyone's access, so the policy can ask whether an approver
 * is independent of a proposer: who created each staff record, and which
 * executed action set each person's current role and access window (an
 * elevation already names its action). An action gives its proposer and its
 * approvers; see src/staff/independence.ts.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff').addColumn('created_by', 'text').execute();
  await db.schema.alterTable('staff').addColumn('role_action_id', 'text').execute();
  await db.schema.alterTable('staff').addColumn('access_action_id', 'text').execute();
  // Records made before this migration: their creator is in the audit log; Warden itself otherwise.
  await sql`
    UPDATE staff SET created_by = COALESCE(
      (SELECT a.actor_id FROM audit_log a
        WHERE a.action = 'staff.created' AND a.subject_type = 'staff' AND a.subject_id = staff.id
        ORDER BY a.seq LIMIT 1),
      'warden')`.execute(db);
  for (const [column, kind] of [['role_action_id', 'grant_role'], ['access_action_id', 'set_access']] as const) {
    await sql`
      UPDATE staff SET ${sql.ref(column)} = (
        SELECT x.id FROM actions x
          WHERE x.kind = ${kind} AND x.target_type = 'staff' AND x.target_id = staff.id AND x.executed_at IS NOT NULL
          ORDER BY x.executed_at DESC LIMIT 1)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['access_action_id', 'role_action_id', 'created_by']) await db.schema.alterTable('staff').dropColumn(c).execute();
}
