/**
 * Assembling approvers' briefs for a batch of actions (one, or a whole inbox)
 * in a fixed number of queries: the target accounts, the people, the attached
 * cases, their reports (a bounded window per case, and counts by category), and
 * the accounts' other unresolved cases. A case is attached by id whatever its
 * state or claimant — the usual case is one the proposer has claimed — and is
 * shown only to someone who may see its queue.
 */
import { sql } from 'kysely';
import type { Queue } from '../cases/model.js';
import type { Db } from '../db/database.js';
import type { Account } from '../accounts/model.js';
import { accountsWithIds } from '../accounts/store.js';
import { staffCaller } from '../policy/authorizer.js';
import type { PolicyEngine } from '../policy/engine.js';
import type { PolicyService } from '../policy/service.js';
import { type Role, type Staff, accessState } from '../staff/model.js';
import { effectiveRole } from '../staff/service.js';
import { staffWithIds } from '../staff/store.js';
import {
  type ActionBrief,
  BRIEF_OTHER_CASES_LIMIT,
  BRIEF_REPORT_LIMIT,
  type BriefCase,
  type BriefEffect,
  type BriefPolicyChange,
  type BriefStaff,
  effectWords,
} from './brief-model.js';
import { anyParams } from './any-params.js';
import { applyEnforcement, isEnforcing } from './kinds.js';
import type { AccountState } from './model.js';
import type { Action } from './store.js';
import { fromJson } from '../db/json.js';

export interface BriefDeps {
  policy: PolicyService;
}

const distinct = <T>(xs: T[]) => [...new Set(xs)];

export async function briefActions(
  db: Db,
  deps: BriefDeps,
  viewer: Staff,
  actions: Action[],
  now: number,
): Promise<Map<string, ActionBrief>> {
  const out = new Map<string, ActionBrief>();
  if (actions.length === 0) return out;
  const accountIds = distinct(actions.filter((a) => a.targetType === 'account').map((a) => a.targetId));
  const staffIds = distinct(
    actions.flatMap((a) => [...(a.proposer.kind === 'staff' ? [a.proposer.id] : []), ...(a.targetType === 'staff' ? [a.targetId] : [])]),
  );
  const caseIds = distinct(actions.map((a) => a.caseId).filter((id): id is number => id !== null));

  const accounts = await accountsWithIds(db, accountIds);
  const people = await staffBriefs(db, staffIds, now);
  const seen = new Set(deps.policy.authorizer.queuesSeen(staffCaller(viewer, now)));
  const cases = await caseBriefs(db, seen, caseIds);
  const others = await otherCasesOf(db, seen, accountIds);
  const policy = actions.some((a) => a.kind === 'change_policy') ? await deps.policy.current(db) : null;

  for (const a of actions) {
    const account = a.targetType === 'account' ? accounts.get(a.targetId) : undefined;
    const staff = a.targetType === 'staff' ? (people.get(a.targetId) ?? null) : null;
    const policyChange =
      a.kind === 'change_policy' && policy ? policyChangeOf(deps.policy, policy, a.params.policyFiles) : null;
    const attached = a.caseId !== null ? cases.get(a.caseId) : undefined;
    const kase = attached && 'case' in attached ? attached.case : null;
    out.set(a.id, {
      at: now,
      effect: effectOf(a, now, account, staff, policyChange),
      reasonCode: a.reasonCode,
      justification: a.justification,
      account: account ? accountBrief(account, a.followers) : null,
      staff,
      policy: policyChange,
      case: kase ? { ...kase, claimedByProposer: a.proposer.kind === 'staff' && kase.claimedBy === a.proposer.id } : null,
      caseWithheld:
        a.caseId === null ? null : !attached ? `case ${a.caseId} no longer exists` : 'withheld' in attached ? attached.withheld : null,
      otherCases: (others.get(a.targetId) ?? []).filter((c) => c.id !== a.caseId).slice(0, BRIEF_OTHER_CASES_LIMIT),
      proposer: a.proposer.kind === 'staff' ? (people.get(a.proposer.id) ?? null) : null,
    });
  }
  return out;
}

/** An `in` list is never empty (PostgreSQL refuses `in ()`). */
async function inIds<I, T>(ids: I[], q: (ids: I[]) => Promise<T[]>): Promise<T[]> {
  return ids.length === 0 ? [] : q(ids);
}

function accountBrief(account: Account, followersAtProposal: number) {
  const { id, handle, displayName, verified, tier, status, statusUntil, followers } = account;
  return { id, handle, displayName, verified, tier, status, statusUntil, followers, followersAtProposal };
}

/** Each person as they act now: the role an elevation gives them, and when their access ends. */
async function staffBriefs(db: Db, ids: string[], now: number): Promise<Map<string, BriefStaff>> {
  const out = new Map<string, BriefStaff>();
  for (const s of await staffWithIds(db, ids)) {
    // one query per distinct person (not per action): the elevation rule stays declared once, in staff/
    const role: Role = await effectiveRole(db, s, now);
    out.set(s.id, {
      id: s.id,
      name: s.name,
      role,
      baseRole: s.role,
      employment: s.employment,
      accessUntil: s.access.until,
      accessState: accessState(s, now),
    });
  }
  return out;
}

type Attached = { case: Omit<BriefCase, 'claimedByProposer'> } | { withheld: string };

/** The attached cases, with a bounded window of their reports and every report counted by category: three queries. */
async function caseBriefs(db: Db, seen: ReadonlySet<Queue>, ids: number[]): Promise<Map<number, Attached>> {
  const rows = await inIds(ids, (ids) => db.selectFrom('cases').selectAll().where('id', 'in', ids).execute());
  const out = new Map<number, Attached>();
  const visible = rows.filter((r) => seen.has(r.queue));
  for (const r of rows) {
    if (!visible.includes(r)) out.set(r.id, { withheld: `case ${r.id} is in the ${r.queue} queue, which your role does not see` });
  }
  const shownIds = visible.map((r) => r.id);
  const reports = await inIds(shownIds, (ids) =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('reports')
          .select(['id', 'case_id', 'received_at', 'reporter_id', 'category', 'text', 'evidence', 'duplicate_of'])
          .select(sql<number>`row_number() over (partition by case_id order by id)`.as('rn'))
          .where('case_id', 'in', ids)
          .as('r'),
      )
      .selectAll()
      .where('rn', '<=', BRIEF_REPORT_LIMIT)
      .orderBy('case_id')
      .orderBy('id')
      .execute(),
  );
  const counts = await inIds(shownIds, (ids) =>
    db
      .selectFrom('reports')
      .select(['case_id', 'category', (eb) => eb.fn.countAll<number>().as('n')])
      .where('case_id', 'in', ids)
      .groupBy(['case_id', 'category'])
      .execute(),
  );
  for (const r of visible) {
    const categories = counts
      .filter((c) => c.case_id === r.id)
      .map((c) => ({ category: c.category, count: Number(c.n) }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
    out.set(r.id, {
      case: {
        id: r.id,
        accountId: r.account_id,
        status: r.status,
        queue: r.queue,
        priority: r.priority,
        claimedBy: r.claimed_by,
        resolution: r.resolution as BriefCase['resolution'],
        openedAt: r.opened_at,
        lastReportAt: r.last_report_at,
        reportCount: categories.reduce((n, c) => n + c.count, 0),
        countedReports: r.counted_reports,
        distinctReporters: r.distinct_reporters,
        brigade: r.brigade === 1,
        categories,
        reports: reports
          .filter((p) => p.case_id === r.id)
          .map((p) => ({
            id: p.id,
            receivedAt: p.received_at,
            reporterId: p.reporter_id,
            category: p.category,
            text: p.text,
            evidence: fromJson(p.evidence),
            duplicate: p.duplicate_of !== null,
          })),
      },
    });
  }
  return out;
}

/** Each account's unresolved cases in the queues the viewer sees, highest priority first. */
async function otherCasesOf(db: Db, seen: ReadonlySet<Queue>, accountIds: string[]) {
  const rows = await inIds(accountIds, (ids) =>
    db
      .selectFrom('cases')
      .select(['id', 'account_id', 'status', 'queue', 'report_count', 'claimed_by'])
      .where('account_id', 'in', ids)
      .where('status', '<>', 'resolved')
      .orderBy('priority', 'desc')
      .orderBy('id')
      .limit(500)
      .execute(),
  );
  const out = new Map<string, ActionBrief['otherCases']>();
  for (const r of rows) {
    if (!seen.has(r.queue)) continue;
    const list = out.get(r.account_id) ?? [];
    list.push({
      id: r.id,
      status: r.status,
      queue: r.queue,
      reportCount: r.report_count,
      claimedBy: r.claimed_by,
    });
    out.set(r.account_id, list);
  }
  return out;
}

/** How a proposed policy set differs from the one in force, rule by rule. */
function policyChangeOf(service: PolicyService, current: PolicyEngine, files: Record<string, string>): BriefPolicyChange {
  const base = { fromVersion: current.version, files: Object.keys(files).sort() };
  let next: PolicyEngine;
  try {
    next = service.compile(files);
  } catch (err) {
    const problem = err instanceof Error ? err.message : String(err);
    return { ...base, toVersion: null, added: [], changed: [], removed: [], problem };
  }
  const [now, then] = [new Map(current.rules().map((r) => [r.id, r.reason])), new Map(next.rules().map((r) => [r.id, r.reason]))];
  return {
    ...base,
    toVersion: next.version,
    added: [...then].filter(([id]) => !now.has(id)).map(([id, reason]) => ({ id, reason })),
    changed: [...then].filter(([id, reason]) => now.has(id) && now.get(id) !== reason).map(([id, reason]) => ({ id, reason })),
    removed: [...now].filter(([id]) => !then.has(id)).map(([id, reason]) => ({ id, reason })),
    problem: null,
  };
}

/** The parameters in numbers, and in words. */
function effectOf(
  a: Action,
  now: number,
  account: Account | undefined,
  staff: BriefStaff | null,
  policy: BriefPolicyChange | null,
): BriefEffect {
  const p = anyParams(a);
  // it took effect when it executed; else it takes effect now, or at its scheduled time if that is later
  const from = a.executedAt ?? Math.max(now, a.scheduledFor ?? now);
  const current: AccountState = account
    ? { status: account.status, statusUntil: account.statusUntil }
    : { status: 'active', statusUntil: null };
  const prior = a.priorState ?? current;
  const result = isEnforcing(a) ? (a.resultState ?? applyEnforcement(a, prior, from)) : null;
  const endsAt =
    a.kind === 'suspend'
      ? (result?.statusUntil ?? null)
      : a.kind === 'elevate'
        ? from + (p.hours ?? 0) * 3_600_000
        : a.kind === 'suspend_reporting'
          ? from + a.params.durationMs
          : null;
  const effect: Omit<BriefEffect, 'words'> = {
    kind: a.kind,
    toStatus: result?.status ?? null,
    durationMs: p.durationMs ?? null,
    endsAt,
    scheduledFor: a.scheduledFor,
    restoreTo: p.restoreTo ?? null,
    restoresActionId: p.restoresActionId ?? null,
    tier: p.tier ?? null,
    role: p.role ?? null,
    hours: p.hours ?? null,
    accessUntil: p.accessUntil ?? null,
    template: p.templateBody === undefined ? null : { title: p.templateTitle ?? '', ground: p.templateGround ?? '', body: p.templateBody },
    flaggerName: p.flaggerName ?? null,
    misuse: p.misuse ?? null,
  };
  const words = effectWords(effect, {
    accountTier: account?.tier,
    staffName: staff?.name,
    staffRole: staff?.role,
    staffAccessUntil: staff?.accessUntil,
    policy,
  });
  return { ...effect, words };
}
