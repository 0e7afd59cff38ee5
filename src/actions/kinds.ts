/**
 * Every action kind, declared once: what it acts on, the parameters it takes
 * (on the wire, in the store, on the command line), and for a kind that
 * enforces on an account what it does to the account, what the platform is
 * asked, and what undoes it. The proposal schema, the stored parameters, the
 * CLI flags, execution and the policy verifier all read this table, so a new
 * kind is one entry here (the compiler names every piece it lacks) and its
 * policy rule. Pure.
 */
import { z } from 'zod';
import type { AnyParams } from './any-params.js';
import { TIERS } from '../accounts/model.js';
import { count, durationMs, epochMs, id } from '../bounds.js';
import type { PlatformActionRequest } from '../platform/adapter.js';
import { type ActionKind, ENFORCEMENT_KINDS, type EnforcementKind, type KindGroup } from '../policy/model.js';
import { ROLES } from '../staff/model.js';
import { type AccountState, AccountStateSchema, POLICY_FILES } from './model.js';
import type { BriefEffect, EffectFacts as BriefFacts } from './brief-model.js';
import { durationWords, utcWords } from './words.js';
import { StrikeParamSchema } from '../strikes/model.js';
import { TEMPLATE_PARAMS } from '../notices/model.js';
import type { DsaEffect } from '../statements/model.js';
import { GROUND_PARAMS } from '../statements/grounds.js';
import { type MisuseCounts, MisuseCountsSchema, REPORTER_PARAMS } from '../reporters/model.js';
import { REPORTER_KIND_SPECS } from '../reporters/kinds.js';

const DAY = 86_400_000;

/** Enforcement on a standard account can carry a strike (src/strikes): it adds up towards a suggested suspension. */
const strike = StrikeParamSchema.optional();
const STRIKE_FLAG: CliFlag = {
  flags: '--strike-days <days>',
  description: 'warn, limit, lock, suspend, deactivate: record a strike on a standard account, live for this many days',
  parse: (t) => ({ expiresInDays: Number(t) }),
};

/** The parameters each kind takes, beside the fields every proposal has; a missing one is named with what it is for. */
export const PARAMS = {
  warn: { strike },
  limit: { strike },
  lock: { strike },
  suspend: {
    durationMs: durationMs(60_000, 365 * DAY, 'a suspension needs durationMs (how long, in ms)').describe('suspend: how long'),
    strike,
  },
  deactivate: { strike },
  restore: {
    restoresActionId: id(64).optional().describe('restore: the action to undo (default: the latest executed change on the account)'),
  },
  set_tier: {
    tier: z.enum(TIERS, { error: 'set_tier needs tier: one of standard, elevated, critical' }),
  },
  grant_role: {
    role: z.enum(ROLES, { error: `grant_role needs role: one of ${ROLES.join(', ')}` }),
  },
  elevate: {
    role: z.enum(ROLES, { error: `elevate needs role: one of ${ROLES.join(', ')}` }).describe('elevate: the role it gives for a while'),
    hours: count(72, 1, 'elevate needs hours (for how long)').describe('elevate: for how many hours'),
  },
  set_access: {
    accessUntil: epochMs('set_access needs accessUntil (when the access ends)').min(1).describe("set_access: the new end of a staff member's access window (epoch ms, exclusive): a contract extended or cut short"),
  },
  change_policy: {
    policyFiles: POLICY_FILES.describe('change_policy: the complete new policy set, file name → Cedar text'),
  },
  // what owners are told is part of the guard: the target is the template, `<reasonCode>:<language>`
  set_notice_template: TEMPLATE_PARAMS,
  // what statements of reasons give as the ground of a reason code: the target is the reason code
  set_decision_ground: GROUND_PARAMS,
  // a reporter's standing (src/reporters): the target is the reporter's id
  ...REPORTER_PARAMS,
} satisfies { [K in ActionKind]: z.ZodRawShape };

/** What a proposal of kind K carries for it. */
export type ParamsOf<K extends ActionKind> = z.infer<z.ZodObject<(typeof PARAMS)[K]>>;

/** A restore is stored with the action it undoes and the exact state it returns to, resolved at proposal. */
export interface RestoreParams {
  restoresActionId: string;
  restoreTo: AccountState;
}

/** A misuse measure is stored with the counts that justified it, derived by Warden at proposal (src/reporters). */
export interface MisuseParams {
  misuse: MisuseCounts;
}

/** What an action of kind K keeps in the store (`actions.params`). */
export type StoredParamsOf<K extends ActionKind> = K extends 'restore'
  ? RestoreParams
  : K extends 'warn_reporter'
    ? MisuseParams
    : K extends 'suspend_reporting'
      ? ParamsOf<K> & MisuseParams
      : ParamsOf<K>;

/** A flag of `warn actions propose` and how its text becomes the parameter. */
export interface CliFlag {
  flags: string;
  description: string;
  parse: (text: string) => unknown;
}

/** What a kind that enforces on an account does. */
export interface Enforcement<K extends EnforcementKind> {
  /** the account state it leaves, from the state it finds (a restore's `restoreTo` already settled: src/actions/effect.ts) */
  apply: (prior: AccountState, at: number, params: StoredParamsOf<K>) => AccountState;
  /** what the platform is asked to do, given the state it leaves */
  platform: (result: AccountState) => Omit<PlatformActionRequest, 'accountId' | 'reason'>;
  /** a later restore can undo it (it is what `restore` finds as the latest change) */
  restorable: boolean;
  /** it ends by itself: Warden schedules its restore at the end */
  endsItself: boolean;
  /** what an access review or a policy test case judges when it names no parameters */
  typical: StoredParamsOf<K>;
  /** the parameters the policy verifier (src/policy/invariants.ts) tries at `now`: every kind of effect it can have */
  samples: (now: number) => readonly StoredParamsOf<K>[];
  /**
   * what it restricts in the terms of the DSA Transparency Database, from the
   * state it leaves (src/statements): each executed restriction yields one
   * statement of reasons; null for a kind that restricts nothing
   */
  statement: ((result: AccountState) => DsaEffect) | null;
}

export interface KindSpec<K extends ActionKind> {
  /** what it acts on */
  target: 'account' | 'staff' | 'policy' | 'reporter';
  /** the groups it is `in` for the policy (src/policy/model.ts KIND_GROUPS): rules name what kinds do, not a list of kinds */
  groups: readonly KindGroup[];
  /** how the CLI takes each of its parameters (change_policy has its own command: `warden policy propose`) */
  flags: { [P in keyof ParamsOf<K>]-?: CliFlag | null };
  /** what it does, in words, for an approver's brief (without the target's name, shown beside it) */
  words: (e: Omit<BriefEffect, 'words'>, known: BriefFacts) => string;
}


/** What a restore is verified naming: every status, a suspension ending soon and one ending late. */
const restoreSamples = (now: number): RestoreParams[] =>
  [
    { status: 'active' as const, statusUntil: null },
    { status: 'limited' as const, statusUntil: null },
    { status: 'locked' as const, statusUntil: null },
    { status: 'suspended' as const, statusUntil: now + 3_600_000 },
    { status: 'suspended' as const, statusUntil: now + 30 * DAY },
    { status: 'deactivated' as const, statusUntil: null },
  ].map((restoreTo) => ({ restoresActionId: 'sample', restoreTo }));

const ACTIVE: AccountState = { status: 'active', statusUntil: null };
const NONE = () => [{}];

const isoInstant = (text: string) => Date.parse(text);

const asIs = (kind: 'warn' | 'limit' | 'lock' | 'deactivate') => (): Omit<PlatformActionRequest, 'accountId' | 'reason'> => ({ kind });

export const KINDS: { [K in ActionKind]: KindSpec<K> } = {
  warn: {
    target: 'account',
    groups: ['enforcement', 'keeps_in_service'],
    flags: { strike: STRIKE_FLAG },
    words: () => 'warn (the account stays active)',
  },
  limit: {
    target: 'account',
    groups: ['enforcement', 'keeps_in_service'],
    flags: { strike: STRIKE_FLAG },
    words: (e) => `${e.kind} until someone restores it`,
  },
  lock: {
    target: 'account',
    groups: ['enforcement'],
    flags: { strike: STRIKE_FLAG },
    words: (e) => `${e.kind} until someone restores it`,
  },
  suspend: {
    target: 'account',
    groups: ['enforcement'],
    flags: { durationMs: { flags: '--duration-ms <ms>', description: 'suspend: how long', parse: Number }, strike: STRIKE_FLAG },
    words: (e) => `suspend for ${durationWords(e.durationMs ?? 0)}, until ${utcWords(e.endsAt ?? 0)}`,
  },
  deactivate: {
    target: 'account',
    groups: ['enforcement'],
    flags: { strike: STRIKE_FLAG },
    words: (e) => `${e.kind} until someone restores it`,
  },
  restore: {
    target: 'account',
    groups: ['enforcement', 'restores'],
    flags: { restoresActionId: { flags: '--restores <actionId>', description: 'restore: the action to undo (default: the latest change)', parse: String } },
    words: (e) => {
      const to = e.restoreTo;
      const state = !to ? 'active' : to.statusUntil !== null ? `${to.status} until ${utcWords(to.statusUntil)}` : to.status;
      return `restore to ${state}${e.restoresActionId ? ` (undoes ${e.restoresActionId})` : ''}`;
    },
  },
  set_tier: {
    target: 'account',
    groups: ['guard', 'lasting_guard'],
    flags: { tier: { flags: '--tier <tier>', description: `set_tier: ${TIERS.join(', ')}`, parse: String } },
    words: (e, f) => `change protection tier ${f.accountTier ? `from ${f.accountTier} ` : ''}to ${e.tier}`,
  },
  grant_role: {
    target: 'staff',
    groups: ['guard', 'lasting_guard', 'changes_access', 'on_staff', 'gives_role'],
    flags: { role: { flags: '--role <role>', description: `grant_role, elevate: ${ROLES.join(', ')}`, parse: String } },
    words: (e, f) => `make ${f.staffName ?? 'them'} ${e.role}${f.staffRole ? ` (now ${f.staffRole})` : ''}`,
  },
  elevate: {
    target: 'staff',
    groups: ['guard', 'elevates', 'on_staff', 'gives_role'],
    flags: {
      role: { flags: '--role <role>', description: `grant_role, elevate: ${ROLES.join(', ')}`, parse: String },
      hours: { flags: '--hours <n>', description: 'elevate: for how long', parse: Number },
    },
    words: (e, f) => `elevate ${f.staffName ?? 'them'} to ${e.role} for ${durationWords((e.hours ?? 0) * 3_600_000)}, until ${utcWords(e.endsAt ?? 0)}`,
  },
  set_access: {
    target: 'staff',
    groups: ['guard', 'lasting_guard', 'changes_access', 'on_staff'],
    flags: { accessUntil: { flags: '--access-until <iso>', description: "set_access: the new end of the person's access window", parse: isoInstant } },
    words: (e, f) => {
      const was = f.staffAccessUntil === undefined ? '' : f.staffAccessUntil === null ? ' (now: no end date)' : ` (now: ${utcWords(f.staffAccessUntil)})`;
      return `end ${f.staffName ?? 'their'}${f.staffName ? "'s" : ''} access at ${utcWords(e.accessUntil ?? 0)}${was}`;
    },
  },
  change_policy: {
    target: 'policy',
    groups: ['guard', 'lasting_guard'],
    flags: { policyFiles: null },
    words: (_e, f) => {
      const p = f.policy;
      if (!p) return 'replace the policy set';
      if (p.toVersion === null) return `replace policy set ${p.fromVersion} with a set that does not load`;
      return `replace policy set ${p.fromVersion} with ${p.toVersion}: ${p.added.length} rules added, ${p.changed.length} changed, ${p.removed.length} removed`;
    },
  },
  set_notice_template: {
    target: 'policy',
    // a change to what people are told: proposed and approved like a policy change (policies/guard.cedar)
    groups: ['guard', 'lasting_guard'],
    flags: {
      templateTitle: { flags: '--template-title <text>', description: 'set_notice_template: the title', parse: String },
      templateGround: { flags: '--template-ground <text>', description: 'set_notice_template: the policy ground in public words', parse: String },
      templateBody: { flags: '--template-body <text>', description: 'set_notice_template: the text, with {restriction}, {ground}, {appeal}', parse: String },
    },
    words: (e) => `tell owners, on the ground "${e.template?.ground ?? ''}", under the title "${e.template?.title ?? ''}"`,
  },
  set_decision_ground: {
    target: 'policy',
    // what the public record says a decision rests on: proposed and approved like a policy change (policies/guard.cedar)
    groups: ['guard', 'lasting_guard'],
    flags: {
      decisionGround: { flags: '--decision-ground <ground>', description: 'set_decision_ground: DECISION_GROUND_ILLEGAL_CONTENT or DECISION_GROUND_INCOMPATIBLE_CONTENT', parse: String },
      groundReference: { flags: '--ground-reference <text>', description: 'set_decision_ground: the legal or contractual ground relied on', parse: String },
      groundExplanation: { flags: '--ground-explanation <text>', description: 'set_decision_ground: why the content is illegal or incompatible on it', parse: String },
      alsoIllegal: { flags: '--also-illegal', description: 'set_decision_ground: incompatible content that is also illegal', parse: () => true },
    },
    words: () => 'change the ground statements of reasons give for this reason code',
  },
  // a reporter's standing (src/reporters/kinds.ts): each needs a second person
  ...REPORTER_KIND_SPECS,
};

/** What each kind that enforces on an account does to it. */
export const ENFORCEMENT: { [K in EnforcementKind]: Enforcement<K> } = {
  // a warning leaves the account as it is: nothing is restricted, so the database has no decision to record
  warn: { apply: (prior) => prior, platform: asIs('warn'), restorable: false, endsItself: false, typical: {}, samples: NONE, statement: null },
  limit: {
    apply: () => ({ status: 'limited', statusUntil: null }),
    platform: asIs('limit'),
    restorable: true,
    endsItself: false,
    typical: {},
    samples: NONE,
    // reduced features, until someone restores it
    statement: () => ({ decision_provision: 'DECISION_PROVISION_PARTIAL_SUSPENSION' }),
  },
  lock: {
    apply: () => ({ status: 'locked', statusUntil: null }),
    platform: asIs('lock'),
    restorable: true,
    endsItself: false,
    typical: {},
    samples: NONE,
    // out of service with no set end
    statement: () => ({ decision_account: 'DECISION_ACCOUNT_SUSPENDED' }),
  },
  suspend: {
    apply: (_prior, at, p) => ({ status: 'suspended', statusUntil: at + p.durationMs }),
    platform: (result) => ({ kind: 'suspend', until: result.statusUntil }),
    restorable: true,
    endsItself: true,
    typical: { durationMs: 7 * DAY },
    samples: () => [{ durationMs: 60_000 }, { durationMs: 7 * DAY }],
    statement: (result) => ({ decision_account: 'DECISION_ACCOUNT_SUSPENDED', ...(result.statusUntil === null ? {} : { endsAt: result.statusUntil }) }),
  },
  deactivate: {
    apply: () => ({ status: 'deactivated', statusUntil: null }),
    platform: asIs('deactivate'),
    restorable: true,
    endsItself: false,
    typical: {},
    samples: NONE,
    statement: () => ({ decision_account: 'DECISION_ACCOUNT_TERMINATED' }),
  },
  restore: {
    apply: (_prior, _at, p) => p.restoreTo,
    // the exact state to return to, not "active": a restore of a suspension on top of a limit returns the limit
    platform: (result) => ({ kind: 'set_status', status: result.status, until: result.statusUntil }),
    restorable: false,
    endsItself: false,
    typical: { restoresActionId: 'typical', restoreTo: ACTIVE },
    samples: restoreSamples,
    // a restore lifts a restriction (the statement of the one it undoes stands): the database records restrictions only
    statement: null,
  },
};

/** What an enforcement of kind K with its parameters leaves an account in (a restore's `restoreTo` settled first). */
export function applyEnforcement<K extends EnforcementKind>(a: { kind: K; params: StoredParamsOf<K> }, prior: AccountState, at: number): AccountState {
  return ENFORCEMENT[a.kind].apply(prior, at, a.params);
}

/** Every state an enforcement of `kind` can leave `prior` in, over the verifier's samples. */
export function resultsOf<K extends EnforcementKind>(kind: K, prior: AccountState, now: number): AccountState[] {
  return ENFORCEMENT[kind].samples(now).map((params) => applyEnforcement({ kind, params }, prior, now));
}

/** What `a` leaves `prior` in: an enforcement's result, any other kind's nothing. */
export const stateAfter = (a: KindParams, prior: AccountState, at: number): AccountState => (isEnforcing(a) ? applyEnforcement(a, prior, at) : prior);

/** Kinds a restore can undo: the latest of them on an account is what a restore returns from. */
export const RESTORABLE_KINDS: readonly EnforcementKind[] = ENFORCEMENT_KINDS.filter((k) => ENFORCEMENT[k].restorable);

/** What the kind acts on. */
export const targetTypeOf = (kind: ActionKind) => KINDS[kind].target;

const pair = <K extends ActionKind>(kind: K) => z.object({ kind: z.literal(kind), params: z.object(PARAMS[kind]) });
/** A misuse measure as stored: with the counts Warden derived at proposal. */
const misusePair = <K extends 'warn_reporter' | 'suspend_reporting'>(kind: K) =>
  z.object({ kind: z.literal(kind), params: z.object({ ...PARAMS[kind], misuse: MisuseCountsSchema }) });

/**
 * A kind and its parameters, decoded together so that narrowing `kind` narrows
 * `params`; `restore` is given its own, and misuse measures their counts when stored.
 */
const pairs = <R extends z.ZodObject, W extends z.ZodObject, S extends z.ZodObject>(restore: R, misuse: { warn: W; suspend: S }) =>
  z.discriminatedUnion('kind', [
    pair('warn'),
    pair('limit'),
    pair('lock'),
    pair('suspend'),
    pair('deactivate'),
    z.object({ kind: z.literal('restore'), params: restore }),
    pair('set_tier'),
    pair('grant_role'),
    pair('elevate'),
    pair('set_access'),
    pair('change_policy'),
    pair('set_notice_template'),
    pair('set_decision_ground'),
    pair('add_trusted_flagger'),
    pair('remove_trusted_flagger'),
    misuse.warn,
    misuse.suspend,
    pair('restore_reporting'),
  ]);

/** A proposal's kind and its own parameters (nothing else it carried). */
export const PROPOSED_PARAMS = pairs(z.object(PARAMS.restore), { warn: pair('warn_reporter'), suspend: pair('suspend_reporting') });

/** An action's kind and the parameters the store keeps for it. */
export const STORED_PARAMS = pairs(z.object({ restoresActionId: z.string(), restoreTo: AccountStateSchema }), {
  warn: misusePair('warn_reporter'),
  suspend: misusePair('suspend_reporting'),
});

/** A kind with its stored parameters: narrowing `kind` narrows `params`. */
export type KindParams = z.infer<typeof STORED_PARAMS>;

/** An enforcement with its stored parameters. */
export type Enforcing = Extract<KindParams, { kind: EnforcementKind }>;
export const isEnforcing = <A extends { kind: ActionKind }>(a: A): a is A & Enforcing => a.kind in ENFORCEMENT;

// a kind missing from STORED_PARAMS, or stored in another shape than StoredParamsOf says, is named here by the compiler
type Mismatched = {
  [K in ActionKind]: [Extract<KindParams, { kind: K }>] extends [never] ? K : Extract<KindParams, { kind: K }>['params'] extends StoredParamsOf<K> ? never : K;
}[ActionKind];
const storedAsDeclared: [Mismatched] extends [never] ? true : Mismatched = true;
void storedAsDeclared;

/**
 * `kind` with its typical parameters (a week's suspension, a restore to
 * active), or with those `over` names instead: for an access review, a policy
 * test case, a benchmark. Decoded like a stored action, so its parameters fit.
 */
export const enforcingWith = (kind: EnforcementKind, over: AnyParams = {}): KindParams =>
  STORED_PARAMS.parse({ kind, params: { ...ENFORCEMENT[kind].typical, ...over } });
