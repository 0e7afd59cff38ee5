/**
 * Drives random sequences of staff changes, proposals, approvals, clock moves
 * and offboardings against Warden's services (no HTTP), and asks the
 * independent oracle (guard-oracle.ts) after every step whether anything on a
 * protected account took effect without authorization.
 *
 * One run = a fresh universe (staff, accounts) with ids prefixed by the run
 * number, in a store shared by all runs of a harness; each run ends by letting
 * two days pass and running the scheduler, so nothing it left pending can take
 * effect during a later run.
 */
import fc from 'fast-check';
import { ProposalSchema } from '../../src/actions/proposal.js';
import type { AccountStatus, Tier } from '../../src/accounts/model.js';
import { SYSTEM } from '../../src/audit/model.js';
import type { ManualClock } from '../../src/clock.js';
import type { AppContext } from '../../src/context.js';
import { DomainError } from '../../src/errors.js';
import type { Employment, Role } from '../../src/staff/model.js';
import { rowToStaff } from '../../src/staff/store.js';
import { runSchedulerOnce } from '../../src/workers/scheduler.js';
import type { GuardOracle, Violation } from './guard-oracle.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const JUST = 'repeated credible threats reported by many users';

// --- the universe ------------------------------------------------------------------

/** The fixed roster of a run (slots 9 and 10 are filled by `hire` ops). */
export const ROSTER: { key: string; role: Role; employment: Employment }[] = [
  { key: 'leadA', role: 'lead', employment: 'employee' },
  { key: 'leadB', role: 'lead', employment: 'employee' },
  { key: 'adminA', role: 'admin', employment: 'employee' },
  { key: 'adminB', role: 'admin', employment: 'employee' },
  { key: 'agent', role: 'agent', employment: 'employee' },
  { key: 'ctrAgent', role: 'agent', employment: 'contractor' },
  { key: 'ctrLead', role: 'lead', employment: 'contractor' },
  { key: 'triage', role: 'triage', employment: 'employee' },
  { key: 'auditor', role: 'auditor', employment: 'employee' },
];
export const STAFF_SLOTS = ROSTER.length + 2;

/** Two accounts per tier; followers chosen so the 5M-per-hour blast radius comes into play. */
export const ACCOUNTS: { key: string; tier: Tier; followers: number }[] = [
  { key: 'vip', tier: 'critical', followers: 40_000_000 },
  { key: 'minister', tier: 'critical', followers: 1_200_000 },
  { key: 'press', tier: 'elevated', followers: 800_000 },
  { key: 'star', tier: 'elevated', followers: 6_000_000 },
  { key: 'user', tier: 'standard', followers: 300 },
  { key: 'brand', tier: 'standard', followers: 5_500_000 },
];

const KINDS = ['warn', 'limit', 'lock', 'suspend', 'deactivate', 'restore'] as const;
type Kind = (typeof KINDS)[number];

// --- operations ------------------------------------------------------------------

export type Op =
  | { t: 'propose'; who: number; acct: number; kind: Kind; at: number | null; dur: number }
  | { t: 'decide'; who: number; pick: number; approve: boolean }
  | { t: 'advance'; pick: number }
  | { t: 'scheduler' }
  | { t: 'tick'; ms: number }
  | { t: 'jump'; to: 'access' | 'scheduled' | 'expiry' | 'until'; pick: number; delta: number }
  | { t: 'offboard'; who: number }
  | { t: 'freeze'; on: boolean }
  | { t: 'elevate'; who: number; role: Role; hours: number }
  | { t: 'grant'; who: number; target: number; role: Role }
  | { t: 'contract'; who: number; until: number | null }
  | { t: 'hire'; slot: number; role: Role; employment: Employment; from: number; until: number | null }
  /** an admin (or anyone) creates a staff record: its approvals never count for the creator's proposals */
  | { t: 'hireBy'; by: number; slot: number; role: Role; employment: Employment }
  /** an insider builds a helper: creates someone, who asks to be elevated, and approves it herself */
  | { t: 'puppet'; by: number; slot: number; role: Role }
  /** the platform's import or sync: a tier, a status, a fall in reach — descriptive only, or refused */
  | { t: 'import'; acct: number; tier: Tier | null; status: AccountStatus | null; reach: number | null }
  /** restore naming an earlier executed action of the run on that account (whatever it would return to) */
  | { t: 'undo'; who: number; acct: number; pick: number };

export interface StaffWindow {
  /** access starts this long before (negative) or after the run starts */
  from: number;
  /** access ends this long after the run starts; null = open-ended */
  until: number | null;
}

export interface Scenario {
  windows: StaffWindow[];
  ops: Op[];
}

const who = fc.integer({ min: 0, max: STAFF_SLOTS - 1 });
/** proposers who usually may (leads, admins, the agent), and now and then anyone */
const proposer = fc.oneof({ arbitrary: fc.constantFrom(0, 1, 2, 3, 4), weight: 4 }, { arbitrary: who, weight: 2 });
/** leads and admins, whose approvals count on protected accounts, more often; the contractor lead, and the hires, too */
const approver = fc.oneof(
  { arbitrary: fc.constantFrom(0, 1, 2, 3), weight: 4 },
  { arbitrary: fc.constant(6), weight: 1 },
  { arbitrary: fc.constantFrom(ROSTER.length, ROSTER.length + 1), weight: 1 },
  { arbitrary: who, weight: 2 },
);
/** which pending action: mostly the newest ones */
const pick = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.constant(1), weight: 2 }, { arbitrary: fc.nat(6), weight: 1 });
/** protected accounts more often than standard ones */
const account = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: ACCOUNTS.length - 1 }), weight: 1 });
const kind = fc.oneof(
  { arbitrary: fc.constantFrom<Kind>('lock', 'suspend', 'deactivate'), weight: 9 },
  { arbitrary: fc.constant<Kind>('limit'), weight: 4 },
  { arbitrary: fc.constant<Kind>('restore'), weight: 2 },
  { arbitrary: fc.constant<Kind>('warn'), weight: 1 },
);
/** minutes in quarter hours, so suspensions and clock moves line up; now and then to the millisecond */
const quarterHours = (min: number, max: number) => fc.integer({ min, max }).map((q) => q * 15 * MIN);
const duration = fc.oneof({ arbitrary: quarterHours(1, 16), weight: 4 }, { arbitrary: fc.constant(MIN), weight: 1 }, { arbitrary: fc.integer({ min: MIN, max: 6 * HOUR }), weight: 1 });
const when = fc.option(fc.oneof(quarterHours(0, 8), fc.integer({ min: -30_000, max: 2 * HOUR })), { nil: null, freq: 2 });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('propose' as const), who: proposer, acct: account, kind, at: when, dur: duration }), weight: 18 },
  // one verdict in ten is a rejection
  { arbitrary: fc.record({ t: fc.constant('decide' as const), who: approver, pick, approve: fc.integer({ min: 0, max: 9 }).map((r) => r > 0) }), weight: 34 },
  { arbitrary: fc.record({ t: fc.constant('advance' as const), pick }), weight: 4 },
  { arbitrary: fc.constant({ t: 'scheduler' as const }), weight: 10 },
  {
    arbitrary: fc.record({
      t: fc.constant('tick' as const),
      ms: fc.oneof({ arbitrary: quarterHours(1, 2), weight: 24 }, { arbitrary: fc.integer({ min: 1, max: 5 * MIN }), weight: 12 }, { arbitrary: fc.integer({ min: 20, max: 30 }).map((h) => h * HOUR), weight: 1 }),
    }),
    weight: 10,
  },
  // to the instant a window closes, an action falls due, an approval expires (a day on: rarer), a suspension ends — or 1 ms before
  {
    arbitrary: fc.record({
      t: fc.constant('jump' as const),
      to: fc.oneof({ arbitrary: fc.constantFrom('access' as const, 'scheduled' as const, 'until' as const), weight: 8 }, { arbitrary: fc.constant('expiry' as const), weight: 1 }),
      pick: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat(3), weight: 1 }),
      delta: fc.constantFrom(-1, 0),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ t: fc.constant('offboard' as const), who }), weight: 1 },
  // mostly off: a freeze is an incident, not the normal state
  { arbitrary: fc.record({ t: fc.constant('freeze' as const), on: fc.integer({ min: 0, max: 3 }).map((r) => r === 0) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('elevate' as const), who, role: fc.constantFrom<Role>('lead', 'admin'), hours: fc.integer({ min: 1, max: 8 }) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('grant' as const), who: fc.constantFrom(2, 3, 0, 4), target: who, role: fc.constantFrom<Role>('triage', 'agent', 'lead', 'admin', 'auditor') }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('contract' as const), who, until: fc.option(fc.integer({ min: -HOUR, max: 12 * HOUR }), { nil: null, freq: 3 }) }), weight: 4 },
  {
    arbitrary: fc.record({
      t: fc.constant('hire' as const),
      slot: fc.constantFrom(ROSTER.length, ROSTER.length + 1),
      role: fc.constantFrom<Role>('agent', 'lead', 'admin', 'triage'),
      employment: fc.constantFrom<Employment>('employee', 'contractor'),
      from: fc.oneof(fc.constant(0), quarterHours(1, 8)),
      until: fc.option(quarterHours(1, 24), { nil: null }),
    }),
    weight: 2,
  },
);

const hireSlot = fc.constantFrom(ROSTER.length, ROSTER.length + 1);
const insiderOps: fc.Arbitrary<Op>[] = [
  fc.record({ t: fc.constant('hireBy' as const), by: fc.constantFrom(2, 3, 0, 4), slot: hireSlot, role: fc.constantFrom<Role>('agent', 'lead', 'admin'), employment: fc.constantFrom<Employment>('employee', 'contractor') }),
  fc.record({ t: fc.constant('puppet' as const), by: fc.constantFrom(2, 3), slot: hireSlot, role: fc.constantFrom<Role>('lead', 'admin') }),
  fc.record({
    t: fc.constant('import' as const),
    acct: account,
    tier: fc.option(fc.constantFrom<Tier>('standard', 'elevated', 'critical'), { nil: null }),
    status: fc.option(fc.constantFrom<AccountStatus>('active', 'deactivated', 'suspended', 'locked'), { nil: null }),
    reach: fc.option(fc.constantFrom(0, 10, 1_000), { nil: null }),
  }),
  fc.record({ t: fc.constant('undo' as const), who: proposer, acct: account, pick }),
];
const insiderArb = fc.oneof(...insiderOps.map((arbitrary, i) => ({ arbitrary, weight: [2, 3, 3, 4][i]! })));

const windowArb = (employment: Employment): fc.Arbitrary<StaffWindow> =>
  fc.record({
    from: fc.oneof({ arbitrary: fc.constant(-DAY), weight: 5 }, { arbitrary: quarterHours(1, 4), weight: 1 }),
    // contractors' windows always end, within 8 hours; one employee in four has a window that ends too
    until: employment === 'contractor' ? quarterHours(1, 32) : fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: quarterHours(2, 32), weight: 1 }),
  });

/** Scenarios of up to `maxOps` operations, lengths spread evenly (so a failure can shrink to a handful). */
export function scenarioArb(opts: { maxOps: number }): fc.Arbitrary<Scenario> {
  return fc.record({
    windows: fc.tuple(...ROSTER.map((r) => windowArb(r.employment))),
    ops: fc.array(fc.oneof({ arbitrary: opArb, weight: 9 }, { arbitrary: insiderArb, weight: 1 }), { minLength: 0, maxLength: opts.maxOps, size: 'max' }),
  });
}

// --- running a scenario ---------------------------------------------------------------

export const universeStaffId = (prefix: string, i: number) => `${prefix}s${i}`;
export const universeAccountId = (prefix: string, i: number) => `${prefix}a${i}`;

/** The roster (with these windows, relative to now) and the accounts of a run, in one transaction. */
export async function createUniverse(ctx: AppContext, prefix: string, windows: StaffWindow[]): Promise<{ staff: string[]; accounts: string[] }> {
  const t0 = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    for (const [i, r] of ROSTER.entries()) {
      const w = windows[i]!;
      await ctx.staff.seed(tx, { id: universeStaffId(prefix, i), name: `${prefix}${r.key}`, email: `${prefix}${r.key}@warden.test`, role: r.role, employment: r.employment, accessFrom: t0 + w.from, accessUntil: w.until === null ? null : t0 + w.until });
    }
    await ctx.accounts.importBatch(
      tx,
      SYSTEM,
      ACCOUNTS.map((a, i) => ({ id: universeAccountId(prefix, i), handle: `${prefix}${a.key}`, displayName: a.key, followers: a.followers, verified: a.tier !== 'standard', status: 'active' as AccountStatus, statusUntil: null, version: 1, tier: a.tier })),
    );
  });
  return { staff: ROSTER.map((_, i) => universeStaffId(prefix, i)), accounts: ACCOUNTS.map((_, i) => universeAccountId(prefix, i)) };
}

export interface RunResult {
  /** operations performed, the final drain included */
  ops: number;
  violations: { step: number; op: Op | { t: 'setup' | 'drain' }; violations: Violation[] }[];
  /** suspensions still in force after their end, once the scheduler ran (see GuardOracle.lingering) */
  lingering: { step: number; op: Op | { t: 'setup' | 'drain' }; violations: Violation[] }[];
  outcomes: Record<string, number>;
}

const EXPECTED = new Set(['forbidden', 'conflict', 'invalid_input', 'invalid_transition', 'not_found']);

export interface Driver {
  ctx: AppContext;
  clock: ManualClock;
  oracle: GuardOracle;
  /** check the whole store (all accounts, the audit chain) every this many operations */
  deepEvery: number;
  /** operations since the last deep check */
  sinceDeep: number;
}

/** Run one scenario in a fresh universe prefixed `prefix`. Unexpected errors (not DomainErrors) propagate. */
export async function runScenario(d: Driver, prefix: string, sc: Scenario, opts: { stopOn?: 'violation' | 'lingering' } = {}): Promise<RunResult> {
  const { ctx, clock, oracle } = d;
  const result: RunResult = { ops: 0, violations: [], lingering: [], outcomes: {} };
  const staffId = (i: number) => universeStaffId(prefix, i);
  const acctId = (i: number) => universeAccountId(prefix, i);
  const accountIds = ACCOUNTS.map((_, i) => acctId(i));
  const runTargets = new Set([...accountIds, ...Array.from({ length: STAFF_SLOTS }, (_, i) => staffId(i))]);
  /** actions of this run in the order they appeared (deterministic, unlike their ids) */
  const actions: string[] = [];
  const outcome = (k: string) => (result.outcomes[k] = (result.outcomes[k] ?? 0) + 1);

  const step = async (label: Op | { t: 'setup' | 'drain' }, deep = false) => {
    d.sinceDeep++;
    const all = deep || d.sinceDeep >= d.deepEvery;
    const v = await oracle.check(clock.now(), { all });
    if (all) {
      d.sinceDeep = 0;
      const chain = await ctx.audit.verifyChain(ctx.db);
      if (chain.problems.length > 0) v.push({ message: `audit chain broken: ${JSON.stringify(chain.problems.slice(0, 5))}` });
    }
    for (const e of oracle.lastEntries) {
      if (e.action === 'action.proposed' && e.targetId !== null && runTargets.has(e.targetId) && !actions.includes(e.subjectId)) actions.push(e.subjectId);
    }
    if (v.length > 0) result.violations.push({ step: result.ops, op: label, violations: v });
    if (label.t === 'scheduler' || label.t === 'drain') {
      const late = await oracle.lingering(clock.now(), accountIds);
      if (late.length > 0) result.lingering.push({ step: result.ops, op: label, violations: late });
    }
  };

  // setup: the freeze off, staff with their windows, the accounts
  if (await ctx.policy.isFrozen(ctx.db)) await ctx.transaction((tx) => ctx.policy.setFreeze(tx, SYSTEM, false, 'property run starts unfrozen'));
  await createUniverse(ctx, prefix, sc.windows);
  await oracle.watch(accountIds);
  await step({ t: 'setup' });

  const pending = async (): Promise<string[]> => {
    if (actions.length === 0) return [];
    const rows = await ctx.db.selectFrom('actions').select(['id', 'state']).where('id', 'in', actions).execute();
    const live = new Set(rows.filter((r) => ['awaiting_approval', 'approved', 'scheduled'].includes(r.state)).map((r) => r.id));
    return actions.filter((id) => live.has(id));
  };
  /** recent actions first: pick 0 is the newest pending one */
  const pickPending = async (pick: number): Promise<string | null> => {
    const p = await pending();
    return p.length === 0 ? null : p[p.length - 1 - (pick % p.length)]!;
  };
  const staffOf = async (i: number) => {
    const row = await ctx.db.selectFrom('staff').selectAll().where('id', '=', staffId(i)).executeTakeFirst();
    return row ? rowToStaff(row) : null;
  };
  const attempt = async (name: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      outcome(`${name}:ok`);
    } catch (err) {
      if (err instanceof DomainError && EXPECTED.has(err.code)) {
        const rules = (err.details.decision as { rules?: { id: string }[] } | undefined)?.rules?.map((r) => r.id).join('+');
        outcome(`${name}:${err.code}${rules ? `:${rules}` : ''}`);
      }
      else throw err;
    }
  };

  for (const op of sc.ops) {
    result.ops++;
    switch (op.t) {
      case 'propose': {
        const s = await staffOf(op.who);
        if (!s) break;
        const p = ProposalSchema.parse({
          kind: op.kind,
          targetId: acctId(op.acct),
          reasonCode: op.kind === 'restore' ? 'error_correction' : 'harassment',
          justification: JUST,
          scheduledFor: op.at === null ? undefined : clock.now() + op.at,
          durationMs: op.kind === 'suspend' ? op.dur : undefined,
        });
        await attempt(`propose.${op.kind}`, async () => {
          const a = await ctx.transaction((tx) => ctx.actions.propose(tx, s, p));
          if (a.state === 'executed') outcome(`propose.${op.kind}:executed-at-once`);
        });
        break;
      }
      case 'decide': {
        const s = await staffOf(op.who);
        const id = await pickPending(op.pick);
        if (!s || !id) break;
        await attempt(op.approve ? 'approve' : 'reject', async () => {
          const a = await ctx.transaction((tx) => ctx.actions.decide(tx, s, id, op.approve ? 'approve' : 'reject', 'looked at it'));
          if (a.state === 'executed') outcome('approve:executed');
        });
        break;
      }
      case 'advance': {
        const id = await pickPending(op.pick);
        if (!id) break;
        await attempt('advance', () => ctx.transaction((tx) => ctx.executor.advance(tx, id, 'schedule')));
        break;
      }
      case 'scheduler': {
        const run = await runSchedulerOnce(ctx);
        if (run.executed.length > 0) outcome('scheduler:executed');
        break;
      }
      case 'tick':
        clock.advance(op.ms);
        break;
      case 'jump': {
        const now = clock.now();
        let targets: number[] = [];
        if (op.to === 'access') {
          // where a window opens or closes
          const rows = await ctx.db.selectFrom('staff').select(['access_from', 'access_until']).where('id', 'in', [...runTargets]).execute();
          targets = rows.flatMap((r) => [r.access_from, r.access_until ?? 0]).filter((t) => t > now);
        } else if (op.to === 'scheduled') {
          const rows = actions.length === 0 ? [] : await ctx.db.selectFrom('actions').select('scheduled_for').where('id', 'in', actions).where('scheduled_for', '>', now).execute();
          targets = rows.map((r) => r.scheduled_for!);
        } else if (op.to === 'expiry') {
          const rows = actions.length === 0 ? [] : await ctx.db.selectFrom('approvals').select('expires_at').where('action_id', 'in', actions).where('expires_at', '>', now).execute();
          targets = rows.map((r) => r.expires_at);
        } else {
          const rows = await ctx.db.selectFrom('accounts').select('status_until').where('id', 'in', accountIds).where('status_until', '>', now).execute();
          targets = rows.map((r) => r.status_until!);
        }
        targets = [...new Set(targets.map(Number))].sort((a, b) => a - b);
        if (targets.length === 0) break;
        const to = targets[op.pick % targets.length]! + op.delta;
        if (to > now) clock.set(to);
        outcome(`jump.${op.to}`);
        break;
      }
      case 'offboard': {
        if (!(await staffOf(op.who))) break;
        await attempt('offboard', () => ctx.transaction((tx) => ctx.lifecycle.offboard(tx, SYSTEM, staffId(op.who), 'left')));
        break;
      }
      case 'freeze':
        await ctx.transaction((tx) => ctx.policy.setFreeze(tx, SYSTEM, op.on, op.on ? 'incident' : 'incident over'));
        break;
      case 'elevate': {
        const s = await staffOf(op.who);
        if (!s) break;
        const p = ProposalSchema.parse({ kind: 'elevate', targetId: s.id, reasonCode: 'access_management', justification: 'on call tonight', role: op.role, hours: op.hours });
        await attempt('elevate', () => ctx.transaction((tx) => ctx.actions.propose(tx, s, p)));
        break;
      }
      case 'grant': {
        const s = await staffOf(op.who);
        if (!s || !(await staffOf(op.target))) break;
        const p = ProposalSchema.parse({ kind: 'grant_role', targetId: staffId(op.target), reasonCode: 'access_management', justification: 'team change', role: op.role });
        await attempt('grant', () => ctx.transaction((tx) => ctx.actions.propose(tx, s, p)));
        break;
      }
      case 'contract': {
        // a contract change from HR: the window's end moves, written straight to the store
        const until = op.until === null ? null : clock.now() + op.until;
        await ctx.db.updateTable('staff').set({ access_until: until }).where('id', '=', staffId(op.who)).execute();
        break;
      }
      case 'hireBy': {
        const by = await staffOf(op.by);
        if (!by || (await staffOf(op.slot))) break;
        const now = clock.now();
        await attempt('hireBy', () =>
          ctx.transaction((tx) =>
            ctx.staff.create(tx, { kind: 'staff', id: by.id }, { id: staffId(op.slot), name: `${prefix}made${op.slot}`, email: `${prefix}made${op.slot}@warden.test`, role: op.role, employment: op.employment, accessFrom: now, accessUntil: op.employment === 'contractor' ? now + 8 * HOUR : null }),
          ),
        );
        break;
      }
      case 'puppet': {
        const by = await staffOf(op.by);
        if (!by || (await staffOf(op.slot))) break;
        const now = clock.now();
        await attempt('puppet', async () => {
          const made = await ctx.transaction((tx) =>
            ctx.staff.create(tx, { kind: 'staff', id: by.id }, { id: staffId(op.slot), name: `${prefix}puppet${op.slot}`, email: `${prefix}puppet${op.slot}@warden.test`, role: 'agent', employment: 'employee', accessFrom: now - MIN, accessUntil: null }),
          );
          const p = ProposalSchema.parse({ kind: 'elevate', targetId: made.id, reasonCode: 'access_management', justification: 'on call tonight', role: op.role, hours: 8 });
          const asked = await ctx.transaction((tx) => ctx.actions.propose(tx, made, p));
          const done = await ctx.transaction((tx) => ctx.actions.decide(tx, by, asked.id, 'approve', 'fine'));
          if (done.state === 'executed') outcome('puppet:elevated');
        });
        break;
      }
      case 'import': {
        const id = acctId(op.acct);
        const row = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) break;
        const given = {
          id,
          handle: row.handle,
          displayName: row.display_name,
          followers: op.reach ?? row.followers,
          verified: row.verified === 1,
          status: (op.status ?? row.status) as AccountStatus,
          statusUntil: op.status === null ? row.status_until : null,
          version: row.platform_version,
          ...(op.tier === null ? {} : { tier: op.tier }),
        };
        await attempt('import', () => ctx.transaction((tx) => ctx.accounts.importBatch(tx, { kind: 'service', id: 'platform' }, [given])));
        break;
      }
      case 'undo': {
        const s = await staffOf(op.who);
        if (!s || actions.length === 0) break;
        const done = await ctx.db
          .selectFrom('actions')
          .select('id')
          .where('id', 'in', actions)
          .where('target_id', '=', acctId(op.acct))
          .where('kind', 'in', ['limit', 'lock', 'suspend', 'deactivate'])
          .where('state', 'in', ['executed', 'delivered'])
          .orderBy('executed_at')
          .orderBy('id')
          .execute();
        if (done.length === 0) break;
        const undone = done[done.length - 1 - (op.pick % done.length)]!.id;
        const p = ProposalSchema.parse({ kind: 'restore', targetId: acctId(op.acct), reasonCode: 'error_correction', justification: JUST, restoresActionId: undone });
        await attempt('undo', async () => {
          const a = await ctx.transaction((tx) => ctx.actions.propose(tx, s, p));
          if (a.state === 'executed') outcome('undo:executed-at-once');
        });
        break;
      }
      case 'hire': {
        if (await staffOf(op.slot)) break;
        const now = clock.now();
        await attempt('hire', () =>
          ctx.transaction((tx) =>
            ctx.staff.seed(tx, { id: staffId(op.slot), name: `${prefix}hire${op.slot}`, email: `${prefix}hire${op.slot}@warden.test`, role: op.role, employment: op.employment, accessFrom: now + op.from, accessUntil: op.until === null ? null : now + op.from + op.until }),
          ),
        );
        break;
      }
    }
    await step(op);
    // when shrinking a failure, what follows the first occurrence is noise
    if (opts.stopOn === 'violation' && result.violations.length > 0) return result;
    if (opts.stopOn === 'lingering' && result.lingering.length > 0) return result;
  }

  // drain: two days pass and the scheduler runs, so nothing of this run is left to take effect later
  clock.advance(2 * DAY);
  await runSchedulerOnce(ctx);
  result.ops++;
  await step({ t: 'drain' });
  return result;
}

/**
 * A small delta-debugger: drop chunks of operations (halving the chunk size)
 * while `fails` still holds, until nothing more can go or the budget is spent.
 * For failures whose cause is spread over many steps, where generic shrinking
 * of the generated value moves slowly.
 */
export async function minimize(sc: Scenario, fails: (sc: Scenario) => Promise<boolean>, budgetMs: number): Promise<Scenario> {
  const deadline = Date.now() + budgetMs;
  let best = sc;
  for (let chunk = Math.max(1, Math.floor(best.ops.length / 2)); chunk >= 1 && Date.now() < deadline; chunk = Math.floor(chunk / 2)) {
    for (let at = best.ops.length - chunk; at >= 0 && Date.now() < deadline; at -= chunk) {
      const candidate = { ...best, ops: [...best.ops.slice(0, at), ...best.ops.slice(at + chunk)] };
      if (await fails(candidate)) best = candidate;
    }
  }
  return best;
}

/** One line per operation, for a counterexample a person can read. */
export function describeOps(ops: Op[]): string {
  return ops.map((o, i) => `${String(i).padStart(3)} ${JSON.stringify(o)}`).join('\n');
}
