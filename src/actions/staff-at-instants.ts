/**
 * Who a staff member was at an instant: the role they acted with (their own,
 * in the state grants had left it, or a live elevation) and the access window
 * in force then (an offboarding or an access change later moves its end). Read
 * from the records and from the audit entries of what changed them: the
 * executed grant_role and set_access actions, and the offboardings.
 */
import { decodeEntry } from '../audit/catalog.js';
import type { Actor } from '../audit/model.js';
import { rowToEntry } from '../audit/rows.js';
import type { Db } from '../db/database.js';
import type { Role } from '../staff/model.js';
import { StaffEvents } from '../staff/events.js';
import { ActionEvents } from './events.js';
import { staffWithIds } from '../staff/store.js';
import { executedStaffChangesTo } from './store.js';

/** The staff member behind an event, at that instant. */
export interface ActorAtInstant {
  kind: Actor['kind'];
  id: string;
  name?: string;
  /** the role they acted with: their own, or a live elevation */
  role?: Role;
  employment?: string;
  /** the access window then (an offboarding later shortens it; this is before) */
  access?: { from: number; until: number | null };
  /** whether that window was open at the instant */
  accessOpen?: boolean;
}

interface StaffHistory {
  name: string;
  role: Role;
  employment: string;
  from: number;
  until: number | null;
  offboardedAt: number | null;
  /** grant_role executions: at that instant the role went from → to */
  grants: { at: number; seq: number; from: Role; to: Role }[];
  elevations: { role: Role; from: number; until: number; revokedAt: number | null }[];
  /** offboardings and access changes: at that instant the window's end moved from `before` */
  cuts: { at: number; seq: number; before: number | null }[];
}

/** Who each staff actor was at the given instants: role, elevation, access window. */
export async function staffAtInstants(db: Db, ids: readonly string[]): Promise<(id: string, at: number, seq?: number | null) => ActorAtInstant> {
  const known = new Map<string, StaffHistory>();
  if (ids.length > 0) {
    const [staff, grants, elevations, offboardings] = await Promise.all([
      staffWithIds(db, ids),
      executedStaffChangesTo(db, ids),
      db.selectFrom('elevations').select(['staff_id', 'role', 'starts_at', 'ends_at', 'revoked_at']).where('staff_id', 'in', ids).execute(),
      db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'staff').where('subject_id', 'in', ids).where('action', '=', 'staff.offboarded').execute(),
    ]);
    for (const s of staff) {
      known.set(s.id, { name: s.name, role: s.role, employment: s.employment, from: s.access.from, until: s.access.until, offboardedAt: s.offboardedAt, grants: [], elevations: [], cuts: [] });
    }
    // what each grant or access change did (from → to) is in its executed entry
    const grantEntries = grants.length
      ? await db
          .selectFrom('audit_log')
          .selectAll()
          .where('subject_type', '=', 'action')
          .where('subject_id', 'in', grants.map((g) => g.id))
          .where('action', '=', 'action.executed')
          .execute()
      : [];
    for (const row of grantEntries) {
      const e = decodeEntry(ActionEvents, rowToEntry(row));
      if (e?.action !== 'action.executed') continue;
      const h = known.get(e.after.target.id);
      if (e.after.role) h?.grants.push({ at: e.at, seq: e.seq, from: e.after.role.from, to: e.after.role.to });
      // an access change moved the window's end at that instant, the way an offboarding does
      if (e.after.access) h?.cuts.push({ at: e.at, seq: e.seq, before: e.after.access.from });
    }
    for (const e of elevations) known.get(e.staff_id)?.elevations.push({ role: e.role, from: e.starts_at, until: e.ends_at, revokedAt: e.revoked_at });
    for (const row of offboardings) {
      const e = decodeEntry(StaffEvents, rowToEntry(row));
      if (e?.action === 'staff.offboarded') known.get(e.subject.id)?.cuts.push({ at: e.at, seq: e.seq, before: e.before.accessUntil });
    }
    for (const h of known.values()) {
      h.grants.sort((a, b) => a.seq - b.seq);
      h.cuts.sort((a, b) => a.seq - b.seq);
    }
  }
  return (id, at, seq) => {
    const h = known.get(id);
    if (!h) return { kind: 'staff', id };
    // a change came after the event if it is later in time, or at the same instant later in the log
    const after = (c: { at: number; seq: number }) => c.at > at || (c.at === at && seq != null && c.seq > seq);
    // the role then: undo every grant made after the instant
    const later = h.grants.find(after);
    let role = later ? later.from : h.role;
    const elevation = h.elevations.find((e) => e.from <= at && at < e.until && (e.revokedAt === null || e.revokedAt > at));
    if (elevation) role = elevation.role;
    // the window then: an offboarding after the instant had not yet cut it
    const cut = h.cuts.find(after);
    const until = cut ? cut.before : h.until;
    const offboarded = h.offboardedAt !== null && h.offboardedAt <= at;
    const accessOpen = !offboarded && h.from <= at && (until === null || at < until);
    return { kind: 'staff', id, name: h.name, role, employment: h.employment, access: { from: h.from, until }, accessOpen };
  };
}
