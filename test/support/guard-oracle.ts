/**
 * An independent oracle for invariant 1 (PRODUCT.md): no account in a
 * protected tier changes enforcement state unless an action was authorized by
 * the policy in force, with the approvals it demands, by staff whose access was
 * valid at the moment of execution.
 *
 * It never calls Warden's policy engine or executor: it reads rows (accounts,
 * actions, approvals, staff, elevations, settings) and the audit entries of the
 * step, and restates the shipped rules (policies/*.cedar) by hand. Used after
 * every step of the property test: `check()` judges everything that executed
 * since the previous call, and every status change of a watched account.
 *
 * Facts "as of the instant of execution": the clock does not move within a
 * step, and everything a step changes before an execution (offboarding, the
 * access sweep, voided approvals) is already visible at the end of the step.
 * The only facts that can change *after* an execution within the same step are
 * roles (a grant_role or elevate executed later by the same scheduler run);
 * those are undone by audit order (`seq`).
 */
import type { Db } from '../../src/db/database.js';

export const PROTECTED_TIERS = ['elevated', 'critical'];
const ENFORCEMENT = ['warn', 'limit', 'lock', 'suspend', 'deactivate', 'restore'];
/** what the freeze stops (everything but a restore that restricts nothing, and Warden's own) */
const FROZEN_KINDS = ['warn', 'limit', 'lock', 'suspend', 'deactivate'];
const OUTAGE_STATUSES = ['locked', 'suspended', 'deactivated'];
/** how far from active each status is: the oracle's own statement of what "restricts" means */
const SEVERITY: Record<string, number> = { active: 0, limited: 1, locked: 2, suspended: 3, deactivated: 4 };
/** `to` leaves the account further from active than `from`, or the same restriction for longer */
function restricts(from: { status: string; until: number | null }, to: { status: string; until: number | null }): boolean {
  if (SEVERITY[to.status]! > SEVERITY[from.status]!) return true;
  if (to.status !== from.status || to.status === 'active') return false;
  return to.until === null ? from.until !== null : from.until !== null && to.until > from.until;
}
const BLAST_BUDGET = 5_000_000;
const HOUR = 3_600_000;

export interface Violation {
  account?: string;
  actionId?: string;
  message: string;
}

interface AccountState {
  tier: string;
  status: string;
  until: number | null;
}

interface StaffRow {
  id: string;
  role: string;
  employment: string;
  access_from: number;
  access_until: number | null;
  offboarded_at: number | null;
  /** provenance: who created the record, which executed actions set the current role and window */
  created_by: string | null;
  role_action_id: string | null;
  access_action_id: string | null;
}

interface ActionRow {
  id: string;
  kind: string;
  target_type: string;
  target_id: string;
  params: string;
  state: string;
  proposer_kind: string;
  proposer_id: string;
  prior_state: string | null;
  result_state: string | null;
  executed_at: number | null;
  reverses_action_id: string | null;
  policy_version: string;
}

interface ApprovalRow {
  action_id: string;
  approver_id: string;
  verdict: string;
  at: number;
  expires_at: number;
  voided_at: number | null;
}

interface ElevationRow {
  staff_id: string;
  role: string;
  starts_at: number;
  ends_at: number;
  action_id: string;
  revoked_at: number | null;
}

interface StepFacts {
  now: number;
  frozen: boolean;
  staff: Map<string, StaffRow>;
  elevations: ElevationRow[];
  approvals: Map<string, ApprovalRow[]>;
  /** seq of `action.executed` for actions executed in this step */
  executedSeq: Map<string, number>;
  /** role grants executed in this step: target staff, role before, seq */
  grants: { staffId: string; from: string; seq: number }[];
  followers: Map<string, number>;
  /** action id → who proposed it and who approved it (not voided): the makers of a role, elevation or window */
  makers: Map<string, Set<string>>;
  /** per proposer: their account actions proposed in the last hour */
  recent: Map<string, { id: string; kind: string; state: string; target_id: string }[]>;
}

/** What the oracle has seen and judged, for the report and for "is this test vacuous?" */
export interface OracleStats {
  steps: number;
  /** executions on protected accounts judged authorized, by kind (system restores as `auto-restore`) */
  judged: Record<string, number>;
  /** of which on critical accounts, taking it further from active (the two-approval rule) */
  criticalTwoKey: number;
  /** protected status changes explained */
  statusChanges: number;
  guardChanges: Record<string, number>;
  violations: number;
}

const sameState = (a: { status: string; until: number | null }, b: { status: string; until: number | null }) => a.status === b.status && a.until === b.until;
const parseState = (s: string | null): { status: string; until: number | null } | null => {
  if (s === null) return null;
  const o = JSON.parse(s) as { status: string; statusUntil: number | null };
  return { status: o.status, until: o.statusUntil };
};
const show = (s: { status: string; until: number | null } | null) => (s === null ? 'null' : s.until === null ? s.status : `${s.status}(until ${s.until})`);

export class GuardOracle {
  /** last known state of every watched account (all protected ones, and any that an execution touched) */
  private readonly known = new Map<string, AccountState>();
  /**
   * account → the suspension in force: the executed suspend whose state the
   * account is in, and the state it replaced (what ending it must return to)
   */
  private readonly inForce = new Map<string, { id: string; prior: { status: string; until: number | null } } | null>();
  /** account → its executed suspensions, to tell which one a restore reinstated */
  private readonly suspensions = new Map<string, { id: string; prior: { status: string; until: number | null }; result: { status: string; until: number | null } }[]>();
  /** executions on protected accounts that this oracle judged authorized */
  private readonly passed = new Set<string>();
  /** the most followers seen of each account */
  private readonly peak = new Map<string, number>();
  /** every action seen executing: an action takes effect once */
  private readonly executed = new Set<string>();
  /** accounts compared on every step (the current run's); others on `all` */
  private focus: string[] = [];
  private auditSeq = 0;
  readonly stats: OracleStats = { steps: 0, judged: {}, criticalTwoKey: 0, statusChanges: 0, guardChanges: {}, violations: 0 };
  /** audit entries of the last step: the driver discovers new actions (and their targets) from them */
  lastEntries: { seq: number; action: string; subjectId: string; targetId: string | null }[] = [];

  constructor(
    private readonly db: Db,
    /** the version of the policy set in force (the shipped one: the test changes no policy) */
    private readonly policyVersion: string,
  ) {}

  /** Start from the store as it is: every account and the audit head are taken as given. */
  async init(): Promise<void> {
    const head = await this.db.selectFrom('audit_head').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
    this.auditSeq = Number(head.size);
    const rows = await this.db.selectFrom('accounts').select(['id', 'tier', 'status', 'status_until']).execute();
    for (const r of rows) this.remember(r.id, { tier: r.tier, status: r.status, until: r.status_until });
  }

  /** Accounts compared on every step. New accounts are taken as they are when first watched. */
  async watch(ids: string[]): Promise<void> {
    this.focus = [...ids];
    const rows = ids.length === 0 ? [] : await this.db.selectFrom('accounts').select(['id', 'tier', 'status', 'status_until', 'followers']).where('id', 'in', ids).execute();
    for (const r of rows) {
      if (!this.known.has(r.id)) this.remember(r.id, { tier: r.tier, status: r.status, until: r.status_until });
      this.reach(r.id, Number(r.followers));
    }
  }

  private remember(id: string, s: AccountState) {
    this.known.set(id, s);
    if (!this.inForce.has(id)) this.inForce.set(id, null);
  }

  /**
   * Judge the step that just ended at `now`: every execution it contains, and
   * every watched account's state against its state before the step.
   * `all`: compare every account in the store, not only the focus.
   */
  async check(now: number, opts: { all?: boolean } = {}): Promise<Violation[]> {
    this.stats.steps++;
    const out: Violation[] = [];
    const entries = await this.db
      .selectFrom('audit_log')
      .select(['seq', 'action', 'subject_type', 'subject_id', 'after'])
      .where('seq', '>=', this.auditSeq)
      .orderBy('seq')
      .execute();
    if (entries.length > 0) this.auditSeq = Number(entries[entries.length - 1]!.seq) + 1;
    this.lastEntries = entries.map((e) => ({
      seq: Number(e.seq),
      action: e.action,
      subjectId: e.subject_id,
      targetId: e.action === 'action.proposed' && e.after !== null ? ((JSON.parse(e.after) as { target?: { id?: string } }).target?.id ?? null) : null,
    }));

    const executedEntries = entries.filter((e) => e.action === 'action.executed' && e.subject_type === 'action');
    const executedSeq = new Map(executedEntries.map((e) => [e.subject_id, Number(e.seq)]));
    for (const e of executedEntries) {
      if (this.executed.has(e.subject_id)) out.push({ actionId: e.subject_id, message: `action ${e.subject_id} executed a second time (audit seq ${e.seq})` });
      this.executed.add(e.subject_id);
    }
    const ids = [...executedSeq.keys()];
    const actions = ids.length === 0 ? [] : ((await this.db.selectFrom('actions').selectAll().where('id', 'in', ids).execute()) as ActionRow[]);
    const byId = new Map(actions.map((a) => [a.id, a]));
    const ordered = ids.map((id) => byId.get(id)).filter((a): a is ActionRow => a !== undefined);
    for (const id of ids) if (!byId.has(id)) out.push({ actionId: id, message: `audit says action ${id} executed, but there is no such action` });

    const running = new Map<string, { status: string; until: number | null }>();
    if (ordered.length > 0) {
      const facts = await this.facts(now, ordered, executedSeq, entries);
      for (const a of ordered) {
        const seq = executedSeq.get(a.id)!;
        if (a.executed_at !== now) out.push({ actionId: a.id, message: `action ${a.id} executed in this step but executed_at=${a.executed_at}, not the clock's ${now}` });
        if (!['executed', 'delivered', 'failed'].includes(a.state)) out.push({ actionId: a.id, message: `action ${a.id} has an executed audit entry but is ${a.state}` });
        if (a.policy_version !== this.policyVersion) out.push({ actionId: a.id, message: `action ${a.id} executed under policy ${a.policy_version}, not the policy in force ${this.policyVersion}` });
        if (a.target_type === 'account') {
          out.push(...(await this.judgeEnforcement(a, seq, facts, running)));
        } else if (a.kind === 'grant_role' || a.kind === 'elevate') {
          const why = this.judgeGuardChange(a, seq, facts);
          if (why.length > 0) out.push({ actionId: a.id, message: `${a.kind} ${a.id} on ${a.target_id} by ${a.proposer_id} executed without authorization: ${why.join('; ')}` });
          else this.stats.guardChanges[a.kind] = (this.stats.guardChanges[a.kind] ?? 0) + 1;
        } else {
          out.push({ actionId: a.id, message: `unexpected execution of ${a.kind} ${a.id}: the property drives no ${a.kind}` });
        }
      }
    }

    // every watched account: its state now is the state before, carried through this step's executions, or nothing changed
    const compare = new Set<string>([...this.focus, ...running.keys()]);
    const rows = opts.all
      ? await this.db.selectFrom('accounts').select(['id', 'tier', 'status', 'status_until']).execute()
      : compare.size === 0
        ? []
        : await this.db.selectFrom('accounts').select(['id', 'tier', 'status', 'status_until']).where('id', 'in', [...compare]).execute();
    for (const r of rows) {
      const before = this.known.get(r.id);
      const now_ = { tier: r.tier, status: r.status, until: r.status_until };
      this.known.set(r.id, now_);
      if (!before) {
        this.remember(r.id, now_);
        continue;
      }
      if (before.tier !== r.tier) {
        out.push({ account: r.id, message: `account ${r.id} changed tier ${before.tier} → ${r.tier} without a set_tier action` });
      }
      const expected = running.get(r.id) ?? before;
      const isProtected = PROTECTED_TIERS.includes(before.tier) || PROTECTED_TIERS.includes(r.tier);
      if (!sameState(expected, now_)) {
        if (isProtected || running.has(r.id)) {
          out.push({
            account: r.id,
            message: running.has(r.id)
              ? `${before.tier} account ${r.id} is ${show(now_)} but this step's executions leave it ${show(expected)}`
              : `${before.tier} account ${r.id} changed ${show(before)} → ${show(now_)} with no action executed on it`,
          });
        }
        // a standard account may change for reasons this oracle does not watch; take it as it is
        this.inForce.set(r.id, null);
      } else if (isProtected && !sameState(before, now_)) {
        this.stats.statusChanges++;
      }
    }
    this.stats.violations += out.length;
    return out;
  }

  /**
   * Accounts still suspended after their suspension's end once the scheduler
   * has run: enforcement past its term, which nobody authorized (the policy's
   * own words on `system-restores-on-schedule`). Call right after a scheduler run.
   */
  async lingering(now: number, ids: string[]): Promise<Violation[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('accounts').select(['id', 'tier', 'status_until']).where('id', 'in', ids).where('status', '=', 'suspended').where('status_until', '<=', now).execute();
    return rows.map((r) => ({ account: r.id, message: `${r.tier} account ${r.id} is still suspended at ${now}, after its suspension ended at ${r.status_until}, and the scheduler has run` }));
  }

  private async facts(now: number, actions: ActionRow[], executedSeq: Map<string, number>, entries: { seq: number; action: string; subject_id: string; after: string | null }[]): Promise<StepFacts> {
    const actionIds = actions.map((a) => a.id);
    const approvalRows = (await this.db.selectFrom('approvals').select(['action_id', 'approver_id', 'verdict', 'at', 'expires_at', 'voided_at']).where('action_id', 'in', actionIds).execute()) as ApprovalRow[];
    const approvals = new Map<string, ApprovalRow[]>();
    for (const r of approvalRows) approvals.set(r.action_id, [...(approvals.get(r.action_id) ?? []), r]);
    const people = new Set<string>();
    for (const a of actions) {
      if (a.proposer_kind === 'staff') people.add(a.proposer_id);
      if (a.target_type === 'staff') people.add(a.target_id);
    }
    for (const r of approvalRows) people.add(r.approver_id);
    const staffRows =
      people.size === 0
        ? []
        : ((await this.db
            .selectFrom('staff')
            .select(['id', 'role', 'employment', 'access_from', 'access_until', 'offboarded_at', 'created_by', 'role_action_id', 'access_action_id'])
            .where('id', 'in', [...people])
            .execute()) as StaffRow[]);
    const elevations = people.size === 0 ? [] : ((await this.db.selectFrom('elevations').select(['staff_id', 'role', 'starts_at', 'ends_at', 'action_id', 'revoked_at']).where('staff_id', 'in', [...people]).execute()) as ElevationRow[]);
    // the makers of everyone's current role, window and elevations: their proposers and approvers
    const made = [...new Set([...staffRows.flatMap((r) => [r.role_action_id, r.access_action_id]), ...elevations.map((e) => e.action_id)].filter((x): x is string => x !== null))];
    const makers = new Map<string, Set<string>>();
    if (made.length > 0) {
      for (const r of await this.db.selectFrom('actions').select(['id', 'proposer_id']).where('id', 'in', made).execute()) makers.set(r.id, new Set([r.proposer_id]));
      const approved = await this.db.selectFrom('approvals').select(['action_id', 'approver_id']).where('action_id', 'in', made).where('verdict', '=', 'approve').where('voided_at', 'is', null).execute();
      for (const r of approved) makers.get(r.action_id)?.add(r.approver_id);
    }
    const freeze = await this.db.selectFrom('settings').select('value').where('key', '=', 'freeze').executeTakeFirst();
    const grants: StepFacts['grants'] = [];
    for (const e of entries) {
      if (e.action !== 'action.executed' || e.after === null) continue;
      const after = JSON.parse(e.after) as { kind?: string; target?: { id: string }; role?: { from: string } };
      if (after.kind === 'grant_role' && after.target && after.role) grants.push({ staffId: after.target.id, from: after.role.from, seq: Number(e.seq) });
    }
    const accountIds = new Set(actions.filter((a) => a.target_type === 'account').map((a) => a.target_id));
    // followers of every account the proposers touched in the last hour (the blast-radius budget)
    const proposers = [...new Set(actions.filter((a) => a.proposer_kind === 'staff' && a.target_type === 'account').map((a) => a.proposer_id))];
    const recentRows =
      proposers.length === 0
        ? []
        : await this.db.selectFrom('actions').select(['id', 'kind', 'state', 'target_id', 'proposer_id']).where('proposer_id', 'in', proposers).where('target_type', '=', 'account').where('proposed_at', '>', now - HOUR).execute();
    const recent = new Map<string, { id: string; kind: string; state: string; target_id: string }[]>();
    for (const r of recentRows) {
      accountIds.add(r.target_id);
      recent.set(r.proposer_id, [...(recent.get(r.proposer_id) ?? []), r]);
    }
    const accounts = accountIds.size === 0 ? [] : await this.db.selectFrom('accounts').select(['id', 'followers']).where('id', 'in', [...accountIds]).execute();
    return {
      now,
      frozen: freeze ? (JSON.parse(freeze.value) as { on: boolean }).on : false,
      staff: new Map(staffRows.map((s) => [s.id, s])),
      elevations,
      approvals,
      executedSeq,
      grants,
      // a fall in reach does not lower what the policy asks: the most the oracle has seen of each account
      followers: new Map(accounts.map((a) => [a.id, this.reach(a.id, Number(a.followers))])),
      makers,
      recent,
    };
  }

  /** The most followers seen of an account (the first sighting included). */
  private reach(id: string, now: number): number {
    const peak = Math.max(this.peak.get(id) ?? 0, now);
    this.peak.set(id, peak);
    return peak;
  }

  /**
   * The approver depends on the proposer: the proposer created their record,
   * or proposed or approved what set their current role, a live elevation of
   * theirs, or their access window (PRODUCT.md invariant 1; direct dependence,
   * which Warden must refuse at least).
   */
  private dependsOn(approver: StaffRow, proposerId: string, f: StepFacts): string | null {
    if (approver.created_by === proposerId) return 'staff record created by the proposer';
    const madeBy = (actionId: string | null) => actionId !== null && (f.makers.get(actionId)?.has(proposerId) ?? false);
    if (madeBy(approver.role_action_id)) return 'role granted with the proposer';
    if (madeBy(approver.access_action_id)) return 'access window set with the proposer';
    const t = f.now;
    const live = f.elevations.filter((e) => e.staff_id === approver.id && e.starts_at <= t && e.ends_at > t && (e.revoked_at === null || e.revoked_at > t));
    if (live.some((e) => e.action_id !== null && f.makers.get(e.action_id)?.has(proposerId) && proposerId !== approver.id)) return 'elevation approved by the proposer';
    return null;
  }

  /** staff access at t: inside [from, until), not offboarded */
  private accessAt(s: StaffRow, t: number): boolean {
    if (s.offboarded_at !== null && s.offboarded_at <= t) return false;
    if (t < s.access_from) return false;
    if (s.access_until !== null && t >= s.access_until) return false;
    return true;
  }

  /**
   * The roles a person may be acting with at the execution with audit `seq`:
   * a live elevation replaces their own role. With several live elevations the
   * oracle accepts any of them (it does not decide which one "wins").
   */
  private rolesAt(staffId: string, seq: number, f: StepFacts): string[] {
    const s = f.staff.get(staffId);
    if (!s) return [];
    let base = s.role;
    // a grant executed at or after this execution (its own entry included) had not yet changed the role
    const later = f.grants.filter((g) => g.staffId === staffId && g.seq >= seq).sort((a, b) => a.seq - b.seq);
    if (later.length > 0) base = later[0]!.from;
    const t = f.now;
    const live = f.elevations.filter((e) => {
      if (e.staff_id !== staffId || e.starts_at > t || e.ends_at <= t) return false;
      if (e.revoked_at !== null && e.revoked_at <= t) return false;
      const createdAt = f.executedSeq.get(e.action_id);
      return createdAt === undefined || createdAt < seq;
    });
    return live.length > 0 ? live.map((e) => e.role) : [base];
  }

  /** Distinct approvers whose approval counts at the execution (`seq`) of `a`. */
  private countedApprovers(a: ActionRow, seq: number, f: StepFacts, roles: string[], protectedTier: boolean): { counted: string[]; notes: string[] } {
    const t = f.now;
    const counted = new Set<string>();
    const notes: string[] = [];
    for (const ap of f.approvals.get(a.id) ?? []) {
      const who = ap.approver_id;
      const why = (() => {
        if (ap.verdict !== 'approve') return 'not an approval';
        if (ap.voided_at !== null && ap.voided_at <= t) return 'voided';
        if (ap.expires_at <= t) return 'expired';
        if (ap.at > t) return 'given after the execution';
        if (a.proposer_kind === 'staff' && who === a.proposer_id) return 'the proposer';
        const s = f.staff.get(who);
        if (!s) return 'no such staff';
        if (!this.accessAt(s, t)) return 'access not valid at execution';
        if (protectedTier && s.employment === 'contractor') return 'a contractor';
        const dependent = a.proposer_kind === 'staff' ? this.dependsOn(s, a.proposer_id, f) : null;
        if (dependent) return `not independent of the proposer (${dependent})`;
        if (a.target_type === 'staff' && s.employment === 'contractor') return 'a contractor';
        if (!this.rolesAt(who, seq, f).some((r) => roles.includes(r))) return `role ${this.rolesAt(who, seq, f).join('/')} not in ${roles.join('/')}`;
        return null;
      })();
      if (why === null) counted.add(who);
      else notes.push(`${who}: ${why}`);
    }
    return { counted: [...counted], notes };
  }

  private async judgeEnforcement(a: ActionRow, seq: number, f: StepFacts, running: Map<string, { status: string; until: number | null }>): Promise<Violation[]> {
    const out: Violation[] = [];
    const acc = a.target_id;
    const known = this.known.get(acc);
    const tier = known?.tier ?? (await this.db.selectFrom('accounts').select('tier').where('id', '=', acc).executeTakeFirstOrThrow()).tier;
    const isProtected = PROTECTED_TIERS.includes(tier);
    const prior = parseState(a.prior_state);
    const result = parseState(a.result_state);
    const before = running.get(acc) ?? (known ? { status: known.status, until: known.until } : prior);
    if (!ENFORCEMENT.includes(a.kind)) out.push({ actionId: a.id, message: `${a.kind} ${a.id} is not an enforcement kind but targets account ${acc}` });
    if (prior === null || result === null) {
      out.push({ actionId: a.id, message: `executed ${a.kind} ${a.id} recorded no prior/result state` });
      return out;
    }
    const frozenOut = FROZEN_KINDS.includes(a.kind) || (a.kind === 'restore' && a.proposer_kind !== 'system' && restricts(prior, result));
    if (f.frozen && frozenOut) out.push({ account: acc, actionId: a.id, message: `${a.kind} ${a.id} on ${tier} account ${acc} executed while enforcement is frozen` });
    if (before && !sameState(before, prior)) out.push({ account: acc, actionId: a.id, message: `${a.kind} ${a.id} recorded prior state ${show(prior)} but account ${acc} was ${show(before)}` });

    if (isProtected) {
      const why = this.authorization(a, seq, f, tier, before ?? prior);
      if (why.length > 0) {
        out.push({ account: acc, actionId: a.id, message: `${a.kind} ${a.id} on ${tier} account ${acc} (${show(prior)} → ${show(result)}) by ${a.proposer_kind === 'system' ? 'Warden' : a.proposer_id} was not authorized at execution: ${why.join('; ')}` });
      } else {
        this.passed.add(a.id);
        const k = a.proposer_kind === 'system' ? 'auto-restore' : a.kind;
        this.stats.judged[k] = (this.stats.judged[k] ?? 0) + 1;
        if (tier === 'critical' && restricts(prior, result) && a.proposer_kind !== 'system') this.stats.criticalTwoKey++;
      }
    }
    running.set(acc, result);
    if (!sameState(prior, result)) {
      if (a.kind === 'suspend') {
        this.inForce.set(acc, { id: a.id, prior });
        this.suspensions.set(acc, [...(this.suspensions.get(acc) ?? []), { id: a.id, prior, result }]);
      } else if (result.status === 'suspended') {
        // a restore that returns the account to a suspension reinstates that suspension
        const back = (this.suspensions.get(acc) ?? []).filter((x) => sameState(x.result, result)).at(-1);
        this.inForce.set(acc, back ? { id: back.id, prior: back.prior } : null);
      } else {
        this.inForce.set(acc, null);
      }
    }
    return out;
  }

  /** A state as it stands at `t`: a suspension whose term has ended stands for what it replaced. */
  private settle(acc: string, state: { status: string; until: number | null }, t: number): { status: string; until: number | null } | null {
    let s = state;
    for (let depth = 0; depth < 50 && s.status === 'suspended' && s.until !== null && s.until <= t; depth++) {
      const back = (this.suspensions.get(acc) ?? []).filter((x) => sameState(x.result, s)).at(-1);
      if (!back) return null;
      s = back.prior;
    }
    return s;
  }

  /** Why the execution of enforcement `a` on a protected account was not authorized; empty if it was. */
  private authorization(a: ActionRow, seq: number, f: StepFacts, tier: string, before: { status: string; until: number | null }): string[] {
    const why: string[] = [];
    const t = f.now;
    if (a.proposer_kind === 'system') {
      // Warden itself may only end a suspension that was itself authorized, while the account is still in it
      if (a.proposer_id !== 'warden' || a.kind !== 'restore') return [`a system action that is not Warden ending a suspension`];
      const s = a.reverses_action_id;
      if (!s) return ['a system restore that reverses nothing'];
      if (!this.passed.has(s)) why.push(`it reverses ${s}, which is not a suspension this oracle saw authorized`);
      const reversed = this.suspensions.get(a.target_id)?.find((x) => x.id === s);
      if (!reversed) return [...why, `${s} is not an executed suspension of ${a.target_id}`];
      if (!sameState(before, reversed.result)) why.push(`the account is ${show(before)}, no longer in the state ${show(reversed.result)} suspension ${s} left it in`);
      const result = parseState(a.result_state);
      // what ending the suspension in force returns to: the state *it* replaced (another
      // suspension may have put the account back into an identical state since)
      const current = this.inForce.get(a.target_id) ?? null;
      if (current === null) return [...why, 'no suspension is in force on the account'];
      // and if what it replaced was itself a suspension that has ended by now, what that one replaced, and so on
      const target = this.settle(a.target_id, current.prior, t);
      if (target === null) why.push(`the suspension in force (${current.id}) replaced ${show(current.prior)}, which has ended, and no suspension of the account produced it`);
      else if (!result || !sameState(result, target)) why.push(`it returns the account to ${show(result)}, but ending the suspension in force (${current.id}, which replaced ${show(current.prior)}) returns it to ${show(target)}`);
      return why;
    }
    const p = f.staff.get(a.proposer_id);
    if (!p) return [`proposer ${a.proposer_id} is not staff`];
    if (p.offboarded_at !== null && p.offboarded_at <= t) why.push(`proposer ${p.id} was offboarded at ${p.offboarded_at}`);
    else if (!this.accessAt(p, t)) why.push(`proposer ${p.id}'s access window [${p.access_from}, ${p.access_until ?? '∞'}) is closed at ${t}`);
    const roles = this.rolesAt(p.id, seq, f);
    const mayPropose = roles.some((r) => ['agent', 'lead', 'admin'].includes(r));
    if (!mayPropose) why.push(`proposer ${p.id} acts as ${roles.join('/')}, who may not propose ${a.kind} on a ${tier} account`);
    // judged by what it did to the account, whatever it is called
    const result = parseState(a.result_state)!;
    const restricted = restricts(before, result);
    if (p.employment === 'contractor' && restricted && OUTAGE_STATUSES.includes(result.status)) why.push(`proposer ${p.id} is a contractor`);
    // approvals
    let need = 0;
    const reasons: string[] = [];
    if (restricted) {
      need = tier === 'critical' ? 2 : 1;
      reasons.push(`${tier === 'critical' ? 'critical' : 'protected'} ${show(before)} → ${show(result)} needs ${need}`);
    }
    if (restricted) {
      const hourly = this.hourlyFollowers(a, f);
      if (hourly > BLAST_BUDGET) {
        need = Math.max(need, 1);
        reasons.push(`blast radius ${hourly} followers in the hour needs 1`);
      }
    }
    if (need > 0) {
      const { counted, notes } = this.countedApprovers(a, seq, f, ['lead', 'admin'], true);
      if (counted.length < need) why.push(`${reasons.join(', ')}; ${counted.length} count (${[...counted.map((c) => `${c}: counts`), ...notes].join(', ') || 'no approvals'})`);
    }
    return why;
  }

  /**
   * Followers reached by the proposer's enforcement proposed in the last hour
   * and not rejected, voided or expired, this action included. (States are read
   * at the end of the step: an action of the same proposer can only leave the
   * count later in the step, so this never overstates the budget used.)
   */
  private hourlyFollowers(a: ActionRow, f: StepFacts): number {
    const others = (f.recent.get(a.proposer_id) ?? []).filter((r) => r.id !== a.id && ENFORCEMENT.includes(r.kind) && !['rejected', 'voided', 'expired'].includes(r.state));
    return others.reduce((n, r) => n + (f.followers.get(r.target_id) ?? 0), 0) + (f.followers.get(a.target_id) ?? 0);
  }

  private judgeGuardChange(a: ActionRow, seq: number, f: StepFacts): string[] {
    const why: string[] = [];
    const t = f.now;
    if (a.proposer_kind !== 'staff') return ['not proposed by staff'];
    const p = f.staff.get(a.proposer_id);
    if (!p) return [`proposer ${a.proposer_id} is not staff`];
    if (!this.accessAt(p, t)) why.push(`proposer ${p.id}'s access is not valid at ${t}`);
    if (p.employment === 'contractor') why.push(`proposer ${p.id} is a contractor`);
    const roles = this.rolesAt(p.id, seq, f);
    if (a.kind === 'grant_role' || a.kind === 'set_access') {
      if (!roles.includes('admin')) why.push(`proposer ${p.id} acts as ${roles.join('/')}, not admin`);
      if (a.target_id === p.id) why.push(`a self-${a.kind === 'grant_role' ? 'grant' : 'change of access'}`);
    } else {
      if (a.target_id !== p.id) why.push('an elevation for someone else');
      if (roles.every((r) => r === 'auditor')) why.push('an auditor');
    }
    // a grant or an access change needs an admin; so does an elevation to lead or admin; a lead may approve any other elevation
    const privileged = ['lead', 'admin'].includes((JSON.parse(a.params) as { role?: string }).role ?? '');
    const { counted, notes } = this.countedApprovers(a, seq, f, a.kind === 'grant_role' || a.kind === 'set_access' || privileged ? ['admin'] : ['lead', 'admin'], false);
    if (counted.length < 1) why.push(`needs 1 approval, ${counted.length} count (${notes.join(', ') || 'no approvals'})`);
    return why;
  }
}
