/**
 * `warden policy check` and `warden policy test DIR`.
 *
 * A test file is JSON: one case or an array of cases, each
 *   { "name": "...", "request": DecisionRequest, "expect": { "allowed": bool, "rules"?: [ids that must appear] } }
 * To keep cases readable, the request may leave out what does not matter to
 * it: ids, employment (employee), accessActive (true), followers, status, liveStrikes (0),
 * and every context field but `kind` (the effect is what the kind does to the
 * account's status — a restore returns it to active, a suspension lasts a
 * week — destructive follows the effect, switches are off, approvals are zero
 * and their total is their sum).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { enforcingWith, stateAfter } from '../actions/kinds.js';
import { effectOf, isDestructive, isEnforcement } from '../actions/model.js';
import { ProposalSchema } from '../actions/proposal.js';
import type { AppContext } from '../context.js';
import { actingStaff, identityOptions } from './identity.js';

type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;
import { z } from 'zod';
import { ACCOUNT_STATUSES, TIERS } from '../accounts/model.js';
import { EMPLOYMENT, ROLES } from '../staff/model.js';
import { formatProblem, PolicyEngine, PolicyLoadError } from '../policy/engine.js';
import { type Verification, verifyPolicy } from '../policy/invariants.js';
import { ACTION_KINDS, type ActionKind, type Decision, type DecisionRequest, type EffectFacts, NO_EFFECT } from '../policy/model.js';

const Staff = z.object({
  type: z.literal('Staff'),
  id: z.string().min(1).default('alice'),
  role: z.enum(ROLES),
  employment: z.enum(EMPLOYMENT).default('employee'),
  accessActive: z.boolean().default(true),
});

const Principal = z.discriminatedUnion('type', [Staff, z.object({ type: z.literal('System'), id: z.literal('warden').default('warden') })]);

const Resource = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('Account'),
    id: z.string().min(1).default('account-1'),
    tier: z.enum(TIERS),
    followers: z.number().int().nonnegative().default(1000),
    status: z.enum(ACCOUNT_STATUSES).default('active'),
    liveStrikes: z.number().int().nonnegative().default(0),
  }),
  Staff.omit({ accessActive: true }).extend({ id: z.string().min(1).default('bob') }),
  z.object({ type: z.literal('PolicySet'), id: z.literal('active').default('active') }),
  z.object({ type: z.literal('Reporter'), id: z.string().min(1).default('reporter-1') }),
]);

const count = z.number().int().nonnegative().default(0);
const Approvals = z
  .object({ total: z.number().int().nonnegative().optional(), triage: count, agent: count, lead: count, admin: count, auditor: count })
  .strict()
  .default({ triage: 0, agent: 0, lead: 0, admin: 0, auditor: 0 })
  .transform((a) => ({ ...a, total: a.total ?? a.triage + a.agent + a.lead + a.admin + a.auditor }));

const Effect = z
  .object({
    fromStatus: z.enum(['', ...ACCOUNT_STATUSES]),
    toStatus: z.enum(['', ...ACCOUNT_STATUSES]),
    restricts: z.boolean(),
    durationMs: z.number().int().nonnegative().default(0),
  })
  .strict();

const Context = z
  .object({
    kind: z.enum(ACTION_KINDS),
    effect: Effect.optional(),
    destructive: z.boolean().optional(),
    frozen: z.boolean().default(false),
    hourlyFollowers: z.number().int().nonnegative().default(0),
    isProposer: z.boolean().default(false),
    approverDependent: z.boolean().default(false),
    grantedRole: z.string().default(''),
    automatic: z.boolean().default(false),
    approvals: Approvals,
  })
  .strict();

const WEEK_MS = 7 * 86_400_000;

/** The effect a case leaves out: what its kind does to the account as the case describes it. */
function defaultEffect(kind: ActionKind, resource: z.infer<typeof Resource>): EffectFacts {
  if (resource.type !== 'Account' || !isEnforcement(kind)) return NO_EFFECT;
  const prior = { status: resource.status, statusUntil: null };
  return effectOf(prior, stateAfter(enforcingWith(kind, { durationMs: WEEK_MS }), prior, 0), 0);
}

const Request = z
  .object({ stage: z.enum(['propose', 'approve', 'execute']), principal: Principal, resource: Resource, context: Context })
  .strict()
  .transform((r) => {
    const effect = r.context.effect ?? defaultEffect(r.context.kind, r.resource);
    const resource = r.resource.type === 'Account' ? { ...r.resource, statusUntil: null } : r.resource;
    return { ...r, resource, context: { ...r.context, effect, destructive: r.context.destructive ?? isDestructive(r.context.kind, effect) } };
  });

const TestCase = z.object({
  name: z.string().min(1),
  request: Request,
  expect: z.object({ allowed: z.boolean(), rules: z.array(z.string()).optional() }).strict(),
});
type TestCase = z.infer<typeof TestCase>;

export interface PolicyTestResult {
  file: string;
  name: string;
  passed: boolean;
  /** why it failed, or what was decided */
  message: string;
  decision?: Decision;
}

export interface PolicyTestRun {
  passed: number;
  failed: number;
  results: PolicyTestResult[];
}

/** Run every case of every `*.json` file in `dir` (file-name order) against `engine`. */
export async function runPolicyTests(dir: string, engine: PolicyEngine): Promise<PolicyTestRun> {
  const results: PolicyTestResult[] = [];
  const files = (await fs.promises.readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) results.push({ file: dir, name: '(no test files)', passed: false, message: `no *.json test files in ${dir}` });
  for (const name of files) {
    const file = path.join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(await fs.promises.readFile(file, 'utf8'));
    } catch (err) {
      results.push({ file, name: '(file)', passed: false, message: `not JSON: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    for (const [i, value] of (Array.isArray(raw) ? raw : [raw]).entries()) {
      const parsed = TestCase.safeParse(value);
      if (!parsed.success) {
        const label = typeof (value as { name?: unknown })?.name === 'string' ? (value as { name: string }).name : `case ${i + 1}`;
        const why = parsed.error.issues.map((iss) => `${iss.path.join('.') || '(case)'}: ${iss.message}`).join('; ');
        results.push({ file, name: label, passed: false, message: `malformed case: ${why}` });
        continue;
      }
      results.push(runCase(file, parsed.data, engine));
    }
  }
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results };
}

function runCase(file: string, c: TestCase, engine: PolicyEngine): PolicyTestResult {
  let decision: Decision;
  try {
    decision = engine.decide(c.request as DecisionRequest, { validateRequest: true });
  } catch (err) {
    return { file, name: c.name, passed: false, message: `could not decide: ${err instanceof Error ? err.message : String(err)}` };
  }
  const got = decision.allowed ? 'allow' : 'deny';
  const ids = decision.rules.map((r) => r.id);
  const missing = (c.expect.rules ?? []).filter((id) => !ids.includes(id));
  const problems: string[] = [];
  if (decision.allowed !== c.expect.allowed) problems.push(`expected ${c.expect.allowed ? 'allow' : 'deny'}, got ${got}`);
  if (missing.length > 0) problems.push(`expected rule(s) ${missing.join(', ')} among the deciding rules`);
  const detail = `${got} by ${ids.join(', ') || '(none)'}`;
  return { file, name: c.name, passed: problems.length === 0, message: problems.length ? `${problems.join('; ')} (${detail})` : detail, decision };
}

function printVerification(v: Verification): void {
  const broken = v.invariants.filter((i) => !i.holds).length;
  console.log(
    broken === 0
      ? `ok: policy set ${v.policyVersion} keeps all ${v.invariants.length} invariants over ${v.decisions.toLocaleString('en')} decisions`
      : `FAIL: policy set ${v.policyVersion} breaks ${broken} of ${v.invariants.length} invariants (${v.decisions.toLocaleString('en')} decisions asked)`,
  );
  for (const i of v.invariants) {
    console.log(`  ${i.holds ? 'holds ' : 'BROKEN'} ${i.id}: ${i.statement}`);
    for (const c of v.counterexamples.filter((x) => x.invariant === i.id)) {
      console.log(`         counterexample: ${c.facts} — allowed by ${c.decision.rules.map((r) => r.id).join(', ') || 'the set'}`);
    }
  }
}

/** Loads the policy set or prints its problems (file:line: message) and returns undefined. */
function loadOrReport(dir: string): PolicyEngine | undefined {
  try {
    return PolicyEngine.load(dir);
  } catch (err) {
    if (!(err instanceof PolicyLoadError)) throw err;
    console.error(`policy set in ${dir} does not load (${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}):`);
    for (const p of err.problems) console.error(`  ${formatProblem(p)}`);
    process.exitCode = 1;
    return undefined;
  }
}

export function registerPolicyCommands(program: Command, withContext: WithContext): void {
  const policy = program.command('policy').description("the Cedar policy set: validate it, hold it to Warden's invariants, run its decision tests");
  policy
    .command('check')
    .description('parse the policy set and validate it against its schema; print its version and rules, or each problem as file:line')
    .option('--policies <dir>', 'the policy directory', 'policies')
    .action((o: { policies: string }) => {
      const engine = loadOrReport(o.policies);
      if (!engine) return;
      console.log(`ok: policy set ${engine.version}, ${engine.rules().length} rules`);
      for (const r of engine.rules()) console.log(`  ${r.effect.padEnd(6)} ${r.id.padEnd(40)} ${r.file}:${r.line}`);
      // a set that loads but breaks an invariant would not load in Warden: say so here too
      const v = verifyPolicy(engine);
      printVerification(v);
      if (v.counterexamples.length > 0) process.exitCode = 1;
    });
  policy
    .command('verify')
    .option('--policies <dir>', 'the policy directory', 'policies')
    .option('--active', "verify the set in force in the store instead of a directory's")
    .option('--json', 'the whole verification as JSON')
    .description("hold the policy set to Warden's invariants over the whole finite space of facts; exit 1 with counterexamples on a breach")
    .action(async (o: { policies: string; active?: boolean; json?: boolean }) => {
      const report = (engine: PolicyEngine) => {
        const v = verifyPolicy(engine);
        if (o.json) console.log(JSON.stringify(v, null, 2));
        else printVerification(v);
        if (v.counterexamples.length > 0) process.exitCode = 1;
      };
      if (!o.active) {
        const engine = loadOrReport(o.policies);
        if (engine) report(engine);
        return;
      }
      await withContext(async (ctx) => report(await ctx.policy.current(ctx.db)));
    });
  policy
    .command('test')
    .argument('<dir>', 'a directory of *.json decision test cases')
    .option('--policies <dir>', 'the policy directory', 'policies')
    .description('run decision test cases (request -> expected decision); exit 1 on any failure')
    .action(async (dir: string, o: { policies: string }) => {
      const engine = loadOrReport(o.policies);
      if (!engine) return;
      const run = await runPolicyTests(dir, engine);
      for (const r of run.results) console.log(`${r.passed ? 'ok  ' : 'FAIL'} ${path.basename(r.file)} > ${r.name}${r.passed ? '' : `: ${r.message}`}`);
      console.log(`${run.passed} passed, ${run.failed} failed (policy set ${engine.version})`);
      if (run.failed > 0) process.exitCode = 1;
    });
  policy
    .command('status')
    .option('--policies <dir>', 'the shipped policy directory', 'policies')
    .description('the policy set in force in the store, and whether the shipped set differs from it (after an upgrade)')
    .action(async (o: { policies: string }) =>
      withContext(async (ctx) => {
        const active = await ctx.policy.current(ctx.db);
        const shipped = loadOrReport(o.policies);
        if (!shipped) return;
        console.log(`in force: policy set ${active.version} (${active.rules().length} rules)`);
        if (shipped.version === active.version) return console.log(`shipped: the same set`);
        const byId = (e: PolicyEngine) => new Map(e.rules().map((r) => [r.id, r.reason]));
        const [now, next] = [byId(active), byId(shipped)];
        console.log(`shipped: policy set ${shipped.version} differs; it takes effect only through an approved change_policy (\`warden policy propose\`)`);
        for (const [id, reason] of next) {
          if (!now.has(id)) console.log(`  + ${id}: ${reason}`);
          else if (now.get(id) !== reason) console.log(`  ~ ${id}: ${reason}`);
        }
        for (const id of now.keys()) if (!next.has(id)) console.log(`  - ${id}`);
      }),
    );
  identityOptions(policy.command('propose'), 'the admin proposing it: must be the holder of the token')
    .requiredOption('--justification <text>', 'why: approvers read it, the audit log keeps it')
    .option('--policies <dir>', 'the policy directory to adopt', 'policies')
    .description('propose adopting a policy set (by default the shipped one) as a change_policy action: another admin must approve it')
    .action(async (o: { as?: string; tokenFile?: string; justification: string; policies: string }) =>
      withContext(async (ctx) => {
        const engine = loadOrReport(o.policies);
        if (!engine) return;
        const staff = await actingStaff(ctx, o);
        const proposal = ProposalSchema.parse({ kind: 'change_policy', targetId: 'active', reasonCode: 'policy_maintenance', justification: o.justification, policyFiles: engine.files() });
        await ctx.actions.precheck(ctx.db, staff, proposal);
        const action = await ctx.transaction((tx) => ctx.actions.propose(tx, staff, proposal));
        console.log(`${action.id}: change_policy to ${engine.version}, ${action.state.replace(/_/g, ' ')}`);
      }),
    );
}
