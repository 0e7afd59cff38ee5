/**
 * Forensics: an account's timeline. Everything that happened to one account,
 * in order — reports, cases and claims, proposals and the policy's verdicts
 * with the rules that gave them, approvals, executions, deliveries to the
 * platform, alerts and tripwire events, restores — each with who did it, the
 * role they acted with and the access window they had at that instant.
 *
 * Every event but a report is an audit entry (its `seq` proves it: `warden
 * audit prove SEQ`); reports come from the intake table, which their case's
 * audit entries count.
 */
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import type { Role } from '../staff/model.js';
import { type AuditEntry, type Actor } from './model.js';
import { rowToEntry } from './rows.js';
import { instantText } from '../bounds.js';

/** The staff member behind an event, as they were at that instant. */
export interface ActorAtInstant {
  kind: Actor['kind'];
  id: string;
  name?: string;
  /** the role they acted with: their own, or a live elevation */
  role?: Role;
  employment?: string;
  /** the access window as it stood then (an offboarding later shortens it; this is before) */
  access?: { from: number; until: number | null };
  /** whether that window was open at the instant */
  accessOpen?: boolean;
}

export interface RuleRef {
  id: string;
  effect?: string;
  reason: string;
}

export interface TimelineEvent {
  at: number;
  /** the audit entry; null for a report (intake rows are not entries of their own) */
  seq: number | null;
  /** the audit action (`action.proposed`, `case.claimed`, …) or `report.received` */
  event: string;
  subject: { type: string; id: string };
  actor: ActorAtInstant;
  /** one line for a person */
  summary: string;
  /** the policy verdict this event records, with the rules that decided it */
  decision?: { allowed?: boolean; policyVersion?: string; rules: RuleRef[] };
  reason: string | null;
  details: { before?: unknown; after?: unknown };
}

export interface AccountTimeline {
  account: { id: string; handle: string; displayName: string; tier: string; status: string };
  events: TimelineEvent[];
  /** more events exist than `limit` allowed */
  truncated: boolean;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** The rules and policy version an entry records, wherever the writer put them. */
export function decisionOf(e: Pick<AuditEntry, 'after'>): TimelineEvent['decision'] | undefined {
  const after = obj(e.after);
  const d = obj(after.decision);
  const rules = [...((d.rules as RuleRef[] | undefined) ?? []), ...((after.proposerRules as RuleRef[] | undefined) ?? []), ...((after.rules as RuleRef[] | undefined) ?? [])];
  const policyVersion = (d.policyVersion ?? after.policyVersion) as string | undefined;
  if (rules.length === 0 && policyVersion === undefined && d.allowed === undefined) return undefined;
  const seen = new Set<string>();
  return {
    allowed: d.allowed as boolean | undefined,
    policyVersion,
    rules: rules.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true))).map((r) => ({ id: r.id, effect: r.effect, reason: r.reason })),
  };
}

/** "; not counted: stf_b's approval (approver-independent: … — stf_b's staff record was created by the proposer on …)" */
function notCounted(after: Obj): string {
  const list = (after.notCounted as { approverId: string; why: string }[] | undefined) ?? [];
  return list.length ? `; not counted: ${list.map((n) => `${n.approverId}'s approval (${n.why})`).join('; ')}` : '';
}

function summarise(e: AuditEntry): string {
  const after = obj(e.after);
  const before = obj(e.before);
  const rules = decisionOf(e)?.rules ?? [];
  const because = rules.length ? ` (${rules.map((r) => r.id).join(', ')})` : '';
  switch (e.action) {
    case 'action.proposed':
      return `${after.kind} proposed${after.state === 'awaiting_approval' ? `; ${((after.requirements as string[] | undefined) ?? []).join('; ') || 'needs approval'}` : ` (${after.state})`}`;
    case 'action.refused':
      return `${after.kind ?? 'action'} refused at ${after.stage ?? 'propose'}${because}`;
    case 'approval.given':
      return `approved as ${after.approverRole ?? 'staff'}`;
    case 'approval.refused':
      return `approval refused${because}${after.dependence ? `: ${after.dependence}` : ''}`;
    case 'approval.rejected':
    case 'action.rejected':
      return 'rejected';
    case 'approval.voided':
      return `approval by ${after.approverId} voided`;
    case 'action.executed':
      return `${after.kind} executed${obj(after.account).status ? `: account ${obj(before.account).status} → ${obj(after.account).status}` : ''} under policy ${after.policyVersion}${because}${notCounted(after)}`;
    case 'action.delivered':
      return 'delivered to the platform';
    case 'action.delivery_failed':
      return `delivery to the platform failed: ${e.reason ?? ''}`;
    case 'action.lapsed':
      return `never sent to the platform, its effect was over before its turn: ${e.reason ?? ''}`;
    case 'action.voided':
    case 'action.expired':
      return `${e.action === 'action.voided' ? 'voided' : 'expired'}: ${e.reason ?? ''}${notCounted(after)}`;
    case 'action.scheduled':
      return `scheduled for ${instantText(after.scheduledFor)}`;
    case 'case.opened':
      return `case opened in queue ${after.queue ?? ''}`;
    case 'case.claimed':
      return `case claimed by ${after.claimedBy}`;
    case 'case.released':
      return 'case released';
    case 'case.resolved':
      return `case resolved: ${after.resolution ?? after.status}`;
    case 'case.rerouted':
      return `case re-routed ${before.queue ?? ''} → ${after.queue ?? ''}`;
    case 'case.brigade_flagged':
      return `brigade flag: ${after.velocity} reports in the window`;
    case 'account.tier_set':
      return `tier ${before.tier ?? 'standard'} → ${after.tier}`;
    case 'alert.raised':
      return `alert: ${after.summary ?? ''}`;
    case 'alert.acknowledged':
      return `alert acknowledged by ${after.acknowledgedBy}`;
    default:
      return e.reason ? `${e.action}: ${e.reason}` : e.action;
  }
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
    const [staff, grants, elevations, cuts] = await Promise.all([
      db.selectFrom('staff').select(['id', 'name', 'role', 'employment', 'access_from', 'access_until', 'offboarded_at']).where('id', 'in', ids).execute(),
      db.selectFrom('actions').select(['id', 'kind']).where('kind', 'in', ['grant_role', 'set_access']).where('target_id', 'in', ids).where('executed_at', 'is not', null).execute(),
      db.selectFrom('elevations').select(['staff_id', 'role', 'starts_at', 'ends_at', 'revoked_at']).where('staff_id', 'in', ids).execute(),
      db.selectFrom('audit_log').select(['subject_id', 'at', 'seq', 'before']).where('subject_type', '=', 'staff').where('subject_id', 'in', ids).where('action', '=', 'staff.offboarded').execute(),
    ]);
    for (const s of staff) {
      known.set(s.id, { name: s.name, role: s.role, employment: s.employment, from: s.access_from, until: s.access_until, offboardedAt: s.offboarded_at, grants: [], elevations: [], cuts: [] });
    }
    // what each grant or access change did (from → to) is in its executed entry
    const grantEntries = grants.length
      ? await db
          .selectFrom('audit_log')
          .select(['at', 'seq', 'after'])
          .where('subject_type', '=', 'action')
          .where('subject_id', 'in', grants.map((g) => g.id))
          .where('action', '=', 'action.executed')
          .execute()
      : [];
    for (const g of grantEntries) {
      const after = obj(JSON.parse(g.after ?? 'null'));
      const h = known.get(String(obj(after.target).id));
      if (after.kind === 'grant_role') h?.grants.push({ at: g.at, seq: g.seq, from: obj(after.role).from as Role, to: obj(after.role).to as Role });
      // an access change moved the window's end at that instant, as an offboarding does
      if (after.kind === 'set_access') h?.cuts.push({ at: g.at, seq: g.seq, before: (obj(after.access).from as number | null | undefined) ?? null });
    }
    for (const e of elevations) known.get(e.staff_id)?.elevations.push({ role: e.role, from: e.starts_at, until: e.ends_at, revokedAt: e.revoked_at });
    for (const c of cuts) known.get(c.subject_id)?.cuts.push({ at: c.at, seq: c.seq, before: (obj(JSON.parse(c.before ?? 'null')).accessUntil as number | null | undefined) ?? null });
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

export interface TimelineOptions {
  /** at most this many events (the earliest); default 2,000 */
  limit?: number;
  /** events at or after this instant */
  since?: number;
}

/** An account's timeline, oldest first. */
export async function accountTimeline(db: Db, accountId: string, opts: TimelineOptions = {}): Promise<AccountTimeline> {
  const limit = Math.min(Math.max(opts.limit ?? 2_000, 1), 20_000);
  const since = opts.since ?? 0;
  const account = await db.selectFrom('accounts').select(['id', 'handle', 'display_name', 'tier', 'status']).where('id', '=', accountId).executeTakeFirst();
  if (!account) throw notFound('account', accountId);

  const [cases, actions, alerts] = await Promise.all([
    db.selectFrom('cases').select('id').where('account_id', '=', accountId).execute(),
    db.selectFrom('actions').select('id').where('target_type', '=', 'account').where('target_id', '=', accountId).execute(),
    db.selectFrom('alerts').select('id').where('subject_type', '=', 'account').where('subject_id', '=', accountId).execute(),
  ]);
  const subjects: [string, string[]][] = [
    ['account', [accountId]],
    ['case', cases.map((c) => String(c.id))],
    ['action', actions.map((a) => a.id)],
    ['alert', alerts.map((a) => String(a.id))],
  ];
  const entries: AuditEntry[] = [];
  for (const [type, ids] of subjects) {
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', type)
        .where('subject_id', 'in', ids.slice(i, i + 500))
        .where('at', '>=', since)
        .orderBy('seq')
        .limit(limit + 1)
        .execute();
      entries.push(...rows.map(rowToEntry));
    }
  }
  const reports = await db
    .selectFrom('reports')
    .select(['id', 'received_at', 'reporter_id', 'category', 'duplicate_of', 'case_id', 'source'])
    .where('account_id', '=', accountId)
    .where('received_at', '>=', since)
    .orderBy('id')
    .limit(limit + 1)
    .execute();

  const staffIds = [...new Set(entries.filter((e) => e.actor.kind === 'staff').map((e) => e.actor.id))];
  const who = await staffAtInstants(db, staffIds);
  const events: TimelineEvent[] = [
    ...entries.map(
      (e): TimelineEvent => ({
        at: e.at,
        seq: e.seq,
        event: e.action,
        subject: e.subject,
        actor: e.actor.kind === 'staff' ? who(e.actor.id, e.at, e.seq) : { kind: e.actor.kind, id: e.actor.id },
        summary: summarise(e),
        decision: decisionOf(e),
        reason: e.reason,
        details: { before: e.before ?? undefined, after: e.after ?? undefined },
      }),
    ),
    ...reports.map(
      (r): TimelineEvent => ({
        at: r.received_at,
        seq: null,
        event: 'report.received',
        subject: { type: 'report', id: String(r.id) },
        // the report came in through the platform (service token) or a staff member's intake
        actor: { kind: r.source === 'staff' ? 'staff' : 'service', id: r.source === 'staff' ? 'intake' : 'platform' },
        summary: `report #${r.id}: ${r.category} by reporter ${r.reporter_id}${r.duplicate_of === null ? '' : ` (repeat of #${r.duplicate_of})`}`,
        reason: null,
        details: { after: { caseId: r.case_id, category: r.category, duplicateOf: r.duplicate_of } },
      }),
    ),
  ];
  // by time; at one instant the account's own entries (its tier) come first, then reports, then
  // what they caused (cases, actions); entries keep log order
  const rank = (e: TimelineEvent) => (e.seq === null ? 1 : e.subject.type === 'account' ? 0 : 2);
  events.sort((a, b) => a.at - b.at || rank(a) - rank(b) || (a.seq ?? 0) - (b.seq ?? 0));
  return {
    account: { id: account.id, handle: account.handle, displayName: account.display_name, tier: account.tier, status: account.status },
    events: events.slice(0, limit),
    truncated: events.length > limit,
  };
}
