/**
 * Forensics: an account's timeline. Everything that happened to one account,
 * in order — reports, cases and claims, proposals and the policy's verdicts
 * with the rules that gave them, approvals, executions, deliveries to the
 * platform, alerts and tripwire events, restores — each with who did it, the
 * role they acted with and the access window they had at that instant.
 *
 * Every event but a report is an audit entry (its `seq` proves it: `warden
 * audit prove SEQ`); reports come from the intake table, which their case's
 * audit entries count. Entries are read with Warden's catalog of events
 * (src/events.ts); so this sits above the concepts, beside what it reads of
 * each, rather than in audit/, which stays below them.
 */
import { type ActorAtInstant, staffAtInstants } from '../actions/staff-at-instants.js';
import type { RecordedDecision } from '../actions/recorded-decision.js';
import type { AuditEntry } from '../audit/model.js';
import { rowToEntry } from '../audit/rows.js';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import { instantText } from '../bounds.js';
import { decodeWardenEntry } from '../events.js';
import { type EntrySummary, genericSummary, summarise } from './summary.js';

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
  decision?: RecordedDecision;
  reason: string | null;
  details: { before?: unknown; after?: unknown };
}

export interface AccountTimeline {
  account: { id: string; handle: string; displayName: string; tier: string; status: string };
  events: TimelineEvent[];
  /** more events exist than `limit` allowed */
  truncated: boolean;
}

/** Where a notice stands, for a person. */
function noticeStateWords(n: { state: string; delivered_at: number | null; language: string | null; last_error: string | null }): string {
  switch (n.state) {
    case 'delivered':
      return `delivered at ${instantText(n.delivered_at)} in ${n.language ?? '?'}`;
    case 'failed':
      return `not delivered: ${n.last_error ?? ''}`;
    case 'pending':
      return "waiting for the reporter's next batch";
    default:
      return 'on its way to the platform';
  }
}

/** What the timeline says of an entry: from its event, or generically when the catalog does not describe it. */
function describe(e: AuditEntry): EntrySummary {
  const event = decodeWardenEntry(e);
  return event ? summarise(event) : { summary: genericSummary(e) };
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

  const [cases, actions, alerts, appeals] = await Promise.all([
    db.selectFrom('cases').select('id').where('account_id', '=', accountId).execute(),
    db.selectFrom('actions').select('id').where('target_type', '=', 'account').where('target_id', '=', accountId).execute(),
    db.selectFrom('alerts').select('id').where('subject_type', '=', 'account').where('subject_id', '=', accountId).execute(),
    db.selectFrom('appeals').select('id').where('account_id', '=', accountId).execute(),
  ]);
  const subjects: [string, string[]][] = [
    ['account', [accountId]],
    ['case', cases.map((c) => String(c.id))],
    ['action', actions.map((a) => a.id)],
    ['alert', alerts.map((a) => String(a.id))],
    ['appeal', appeals.map((a) => a.id)],
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

  // what the owner (and those who reported the account) were told, each with where it stands
  const notices = await db
    .selectFrom('notices')
    .select(['id', 'subject', 'recipient_kind', 'state', 'created_at', 'delivered_at', 'language', 'batch_id', 'action_id', 'last_error'])
    .where('account_id', '=', accountId)
    .where('created_at', '>=', since)
    .orderBy('created_at')
    .limit(limit + 1)
    .execute();

  const staffIds = [...new Set(entries.filter((e) => e.actor.kind === 'staff').map((e) => e.actor.id))];
  const who = await staffAtInstants(db, staffIds);
  const events: TimelineEvent[] = [
    ...entries.map((e): TimelineEvent => {
      const { summary, decision } = describe(e);
      return {
        at: e.at,
        seq: e.seq,
        event: e.action,
        subject: e.subject,
        actor: e.actor.kind === 'staff' ? who(e.actor.id, e.at, e.seq) : { kind: e.actor.kind, id: e.actor.id },
        summary,
        decision,
        reason: e.reason,
        details: { before: e.before ?? undefined, after: e.after ?? undefined },
      };
    }),
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
    ...notices.map(
      (n): TimelineEvent => ({
        at: n.created_at,
        seq: null,
        event: 'notice',
        subject: { type: 'notice', id: n.id },
        actor: { kind: 'system', id: 'warden' },
        summary: `${n.subject.replace('_', ' ')} notice ${n.id} to the ${n.recipient_kind}: ${noticeStateWords(n)}`,
        reason: null,
        details: { after: { state: n.state, batchId: n.batch_id, actionId: n.action_id, deliveredAt: n.delivered_at, language: n.language } },
      }),
    ),
  ];
  // by time; at one instant the account's own entries (its tier) come first, then reports, then
  // what they caused (cases, actions), then what the owner was told of it; entries keep log order
  const rank = (e: TimelineEvent) => (e.event === 'notice' ? 3 : e.seq === null ? 1 : e.subject.type === 'account' ? 0 : 2);
  events.sort((a, b) => a.at - b.at || rank(a) - rank(b) || (a.seq ?? 0) - (b.seq ?? 0));
  return {
    account: { id: account.id, handle: account.handle, displayName: account.display_name, tier: account.tier, status: account.status },
    events: events.slice(0, limit),
    truncated: events.length > limit,
  };
}
