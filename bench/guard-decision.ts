/**
 * `guard.decision`: one Cedar decision through PolicyEngine.decide, in-process,
 * on the shipped policy set, over a varied set of realistic requests (every
 * stage, role, employment, tier and kind; with and without approvals, freeze,
 * blast radius, closed access windows).
 *
 * Baseline: a bare `statefulIsAuthorized` on a one-policy set with no entities
 * and an empty context, measured in the same run, interleaved round by round
 * with the real thing so that both see the same machine.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { TIERS } from '../src/accounts/model.js';
import { PolicyEngine } from '../src/policy/engine.js';
import { enforcingWith, stateAfter } from '../src/actions/kinds.js';
import { effectOf, isDestructive, isEnforcement } from '../src/actions/model.js';
import { ACTION_KINDS, NO_EFFECT, noApprovals, type DecisionRequest, type Stage } from '../src/policy/model.js';
import { EMPLOYMENT, ROLES } from '../src/staff/model.js';
import { quantile, round } from './support.js';

const POLICIES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'policies');
const TARGET_P99_US = 100;

/** A deterministic spread of requests, in the proportions the actions service asks them. */
export function realisticRequests(n: number): DecisionRequest[] {
  let seed = 0x5eed;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const out: DecisionRequest[] = [];
  for (let i = 0; i < n; i++) {
    const stage: Stage = pick(['propose', 'propose', 'approve', 'execute'] as const);
    const kind = rand() < 0.85 ? pick(['warn', 'limit', 'lock', 'suspend', 'deactivate', 'restore'] as const) : pick(ACTION_KINDS);
    const tier = pick([...TIERS, 'standard', 'standard'] as const);
    const followers = tier === 'critical' ? 10_000_000 + Math.floor(rand() * 90_000_000) : Math.floor(rand() * (tier === 'elevated' ? 5_000_000 : 50_000));
    const system = kind === 'restore' && rand() < 0.2;
    const staffId = `staff-${Math.floor(rand() * 400)}`;
    const approvals = noApprovals();
    if (stage === 'execute') for (let k = Math.floor(rand() * 3); k > 0; k--) (approvals[pick(['agent', 'lead', 'admin'] as const)]++, approvals.total++);
    const resource: DecisionRequest['resource'] =
      kind === 'change_policy'
        ? { type: 'PolicySet', id: 'active' }
        : kind === 'grant_role' || kind === 'elevate'
          ? { type: 'Staff', id: kind === 'elevate' ? staffId : `staff-${Math.floor(rand() * 400)}`, role: pick(ROLES), employment: pick(EMPLOYMENT) }
          : { type: 'Account', id: `acct-${Math.floor(rand() * 1e6)}`, tier, followers, status: kind === 'restore' ? 'suspended' : 'active', statusUntil: null, liveStrikes: 0 };
    const prior = { status: resource.type === 'Account' ? resource.status : 'active', statusUntil: null } as const;
    const effect = resource.type === 'Account' && isEnforcement(kind) ? effectOf(prior, stateAfter(enforcingWith(kind, { durationMs: 86_400_000 }), prior, 0), 0) : NO_EFFECT;
    out.push({
      stage,
      principal: system ? { type: 'System', id: 'warden' } : { type: 'Staff', id: staffId, role: pick(ROLES), employment: rand() < 0.3 ? 'contractor' : 'employee', accessActive: rand() < 0.95 },
      resource,
      context: {
        kind,
        effect,
        destructive: isDestructive(kind, effect),
        frozen: rand() < 0.02,
        hourlyFollowers: Math.floor(rand() * 7_000_000),
        isProposer: stage === 'approve' && rand() < 0.1,
        approverDependent: false,
        grantedRole: kind === 'grant_role' || kind === 'elevate' ? pick(ROLES) : '',
        automatic: system,
        approvals,
      },
    });
  }
  return out;
}

const timeUs = (fn: () => unknown): number => {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1000;
};

export async function benchGuardDecision(opts: { quick?: boolean; log?: (msg: string) => void } = {}): Promise<Record<string, unknown>> {
  const log = opts.log ?? (() => {});
  const engine = PolicyEngine.load(POLICIES);
  const requests = realisticRequests(1024);
  const baselineId = 'bench-baseline-one-policy';
  const parsed = cedar.preparsePolicySet(baselineId, { staticPolicies: 'permit (principal, action, resource);' });
  if (parsed.type === 'failure') throw new Error(parsed.errors.map((e) => e.message).join('; '));
  const bare = () =>
    cedar.statefulIsAuthorized({
      principal: { type: 'User', id: 'u' },
      action: { type: 'Action', id: 'view' },
      resource: { type: 'Doc', id: 'd' },
      context: {},
      entities: [],
      preparsedPolicySetId: baselineId,
    });

  const rounds = opts.quick ? 4 : 10;
  const perRound = opts.quick ? 1000 : 2500;
  log(`guard.decision: ${engine.rules().length} rules (policy ${engine.version}); warm-up, then ${rounds} x ${perRound} decisions and as many bare calls`);
  for (let i = 0; i < 3000; i++) {
    engine.decide(requests[i % requests.length]!);
    bare();
  }
  const decisions: number[] = [];
  const baseline: number[] = [];
  let allowed = 0;
  let next = 0;
  const t0 = performance.now();
  let decideMs = 0;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < perRound; i++) {
      const request = requests[next++ % requests.length]!;
      decisions.push(timeUs(() => (allowed += engine.decide(request).allowed ? 1 : 0)));
    }
    decideMs += performance.now() - start;
    for (let i = 0; i < perRound; i++) baseline.push(timeUs(bare));
    log(`  round ${r + 1}/${rounds}: p50 ${round(quantile(decisions.slice(-perRound), 0.5))} us`);
  }
  const wallS = (performance.now() - t0) / 1000;
  const p50 = quantile(decisions, 0.5);
  const p99 = quantile(decisions, 0.99);
  const baseP50 = quantile(baseline, 0.5);
  const baseP99 = quantile(baseline, 0.99);
  const ops = decisions.length / (decideMs / 1000);
  const baseOps = 1e6 / (baseline.reduce((a, b) => a + b, 0) / baseline.length);
  return {
    bench: 'guard.decision',
    store: 'none',
    decisions: decisions.length,
    rules: engine.rules().length,
    allowed_share: round(allowed / decisions.length, 2),
    p50_us: round(p50),
    p99_us: round(p99),
    ops_per_s: Math.round(ops),
    baseline_p50_us: round(baseP50),
    baseline_p99_us: round(baseP99),
    baseline_ops_per_s: Math.round(baseOps),
    ratio: round(ops / baseOps, 3),
    wall_s: round(wallS, 2),
    target: `p99 <= ${TARGET_P99_US} us`,
    meets_target: p99 <= TARGET_P99_US,
  };
}

// `npx tsx bench/guard-decision.ts` runs it alone
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const quick = process.argv.includes('--quick');
  console.log(JSON.stringify(await benchGuardDecision({ quick, log: (m) => process.stderr.write(`${m}\n`) })));
}
