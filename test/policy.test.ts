/** The Cedar policy set: loading, every rule, derived approval requirements, `warden policy test`. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { TIERS, type Tier } from '../src/accounts/model.js';
import { runPolicyTests } from '../src/cli/policy.js';
import { explainDeny, PolicyEngine, PolicyLoadError, type ApprovalQuestion } from '../src/policy/engine.js';
import { KINDS, enforcingWith, stateAfter } from '../src/actions/kinds.js';
import { effectOf, isDestructive, isEnforcement } from '../src/actions/model.js';
import {
  ACTION_KINDS,
  DESTRUCTIVE_KINDS,
  NO_EFFECT,
  noApprovals,
  type ActionKind,
  type ApprovalCounts,
  type DecisionContext,
  type DecisionRequest,
  type PrincipalFacts,
  type ResourceFacts,
  type Stage,
} from '../src/policy/model.js';
import { EMPLOYMENT, ROLES, type Employment, type Role } from '../src/staff/model.js';

const engine = PolicyEngine.load('policies');
const schema = engine.schemaText();

const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function tmpDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-policy-'));
  tmpDirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

// --- request builders ------------------------------------------------------------

const staff = (role: Role, o: { id?: string; employment?: Employment; accessActive?: boolean } = {}): PrincipalFacts => ({
  type: 'Staff',
  id: o.id ?? 'alice',
  role,
  employment: o.employment ?? 'employee',
  accessActive: o.accessActive ?? true,
});
const SYSTEM: PrincipalFacts = { type: 'System', id: 'warden' };
const account = (tier: Tier, followers = 1000): ResourceFacts => ({ type: 'Account', id: 'acct-1', tier, followers, status: 'active', statusUntil: null, liveStrikes: 0 });
/** an account carrying three live strikes */
const struck = (tier: Tier): ResourceFacts => ({ type: 'Account', id: 'acct-1', tier, followers: 1000, status: 'active', statusUntil: null, liveStrikes: 3 });
const member = (id: string, role: Role = 'agent'): ResourceFacts => ({ type: 'Staff', id, role, employment: 'employee' });
const POLICY_SET: ResourceFacts = { type: 'PolicySet', id: 'active' };
const REPORTER: ResourceFacts = { type: 'Reporter', id: 'rep_1' };

type Ctx = Partial<Omit<DecisionContext, 'approvals'>> & { kind: ActionKind; approvals?: Partial<ApprovalCounts> };
function context(c: Ctx): DecisionContext {
  const a = { ...noApprovals(), ...c.approvals };
  const total = c.approvals?.total ?? a.triage + a.agent + a.lead + a.admin + a.auditor;
  // what the kind does to an active account (a restore: nothing), unless the case says
  const active = { status: 'active', statusUntil: null } as const;
  const effect = c.effect ?? (isEnforcement(c.kind) ? effectOf(active, stateAfter(enforcingWith(c.kind, { durationMs: 86_400_000 }), active, 0), 0) : NO_EFFECT);
  return { effect, destructive: isDestructive(c.kind, effect), frozen: false, hourlyFollowers: 0, isProposer: false, approverDependent: false, grantedRole: '', automatic: false, ...c, approvals: { ...a, total } };
}
const req = (stage: Stage, principal: PrincipalFacts, resource: ResourceFacts, c: Ctx): DecisionRequest => ({ stage, principal, resource, context: context(c) });
const question = (principal: PrincipalFacts, resource: ResourceFacts, c: Ctx): ApprovalQuestion => {
  const { approvals: _, ...rest } = context(c);
  return { principal, resource, context: rest };
};

// --- loading -----------------------------------------------------------------------

describe('loading', () => {
  it('loads the shipped policy set: every rule has an id and a reason', () => {
    const rules = engine.rules();
    expect(rules.length).toBeGreaterThanOrEqual(20);
    for (const r of rules) {
      expect(r.id).toMatch(/^[a-z0-9-]+$/);
      expect(r.reason.length).toBeGreaterThan(10);
      expect(r.file).toMatch(/^policies\/.+\.cedar$/);
      expect(r.line).toBeGreaterThan(0);
    }
    expect(engine.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('has the same version when rebuilt from its stored files or its text', () => {
    expect(PolicyEngine.fromFiles(engine.files(), schema).version).toBe(engine.version);
    expect(PolicyEngine.fromText(engine.text(), schema).version).toBe(engine.version);
    const edited = { ...engine.files(), 'extra.cedar': '@id("extra")\n@reason("an extra rule")\nforbid (principal, action, resource) when { context.frozen };' };
    expect(PolicyEngine.fromFiles(edited, schema).version).not.toBe(engine.version);
  });

  function loadError(fn: () => unknown): PolicyLoadError {
    try {
      fn();
    } catch (err) {
      if (err instanceof PolicyLoadError) return err;
      throw err;
    }
    throw new Error('expected the policy set to refuse to load');
  }

  it('refuses a syntax error, naming the file and line', () => {
    const broken = ['// a rule with a typo', '@id("broken")', '@reason("broken")', 'permit (principal, action, resource)', 'when { context.frozen && };', ''].join('\n');
    const dir = tmpDir({ ...engine.files(), 'broken.cedar': broken, 'schema.cedarschema': schema });
    const err = loadError(() => PolicyEngine.load(dir));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: path.join(dir, 'broken.cedar'), line: 5 });
    expect(err.message).toContain(`${path.join(dir, 'broken.cedar')}:5:`);
    expect(err.code).toBe('invalid_input');
  });

  it('refuses a type error against the schema, naming the file and line', () => {
    const files = { ...engine.files() };
    const lines = files['enforcement.cedar']!.split('\n');
    const at = lines.findIndex((l) => l.includes('resource.tier == "standard"'));
    expect(at).toBeGreaterThan(0);
    lines[at] = lines[at]!.replace('resource.tier ', 'resource.tierr ');
    const err = loadError(() => PolicyEngine.fromFiles({ ...files, 'enforcement.cedar': lines.join('\n') }, schema));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: 'enforcement.cedar', line: at + 1 });
    expect(err.problems[0]!.message).toMatch(/tierr/);
    expect(err.problems[0]!.message).toMatch(/triage-warn-limit-standard/);
  });

  it('refuses a policy without @id or @reason, and a repeated @id', () => {
    const text = ['@id("a")', 'permit (principal, action, resource);', '', '@reason("no id")', 'permit (principal, action, resource);', '', '@id("freeze")', '@reason("again")', 'forbid (principal, action, resource);'].join('\n');
    const err = loadError(() => PolicyEngine.fromFiles({ ...engine.files(), 'z.cedar': text }, schema));
    expect(err.problems.map((p) => [p.file, p.line])).toEqual([
      ['z.cedar', 1],
      ['z.cedar', 4],
      ['z.cedar', 7],
    ]);
    expect(err.problems[0]!.message).toMatch(/@reason/);
    expect(err.problems[1]!.message).toMatch(/@id/);
    expect(err.problems[2]!.message).toMatch(/already used at enforcement\.cedar:\d+/);
  });

  it('refuses a bad schema, naming its line', () => {
    const err = loadError(() => PolicyEngine.fromText(engine.text(), schema.replace('followers: Long', 'followers: Lon')));
    expect(err.problems[0]).toMatchObject({ file: 'schema.cedarschema', line: schema.split('\n').findIndex((l) => l.includes('followers: Long')) + 1 });
  });

  it('refuses a directory without a schema', () => {
    const err = loadError(() => PolicyEngine.load(tmpDir(engine.files())));
    expect(err.problems[0]!.message).toMatch(/schema/);
  });
});

// --- every rule --------------------------------------------------------------------

type Row = [rule: string, allowed: DecisionRequest, denied: DecisionRequest];
const rows: Row[] = [
  ['access-window', req('propose', staff('agent'), account('standard'), { kind: 'warn' }), req('propose', staff('agent', { accessActive: false }), account('standard'), { kind: 'warn' })],
  ['auditors-read-only', req('approve', staff('lead', { id: 'c' }), account('standard'), { kind: 'lock' }), req('approve', staff('auditor', { id: 'c' }), account('standard'), { kind: 'lock' })],
  ['propose-enforcement', req('propose', staff('agent'), account('critical'), { kind: 'deactivate' }), req('propose', staff('triage'), account('critical'), { kind: 'deactivate' })],
  ['triage-warn-limit-standard', req('propose', staff('triage'), account('standard'), { kind: 'limit' }), req('propose', staff('triage'), account('elevated'), { kind: 'limit' })],
  [
    'contractor-no-destructive-on-protected',
    req('propose', staff('agent', { employment: 'contractor' }), account('standard'), { kind: 'deactivate' }),
    req('propose', staff('agent', { employment: 'contractor' }), account('critical'), { kind: 'deactivate' }),
  ],
  ['system-restores-on-schedule', req('execute', SYSTEM, account('critical'), { kind: 'restore', automatic: true }), req('execute', SYSTEM, account('critical'), { kind: 'restore' })],
  ['freeze', req('propose', staff('lead'), account('standard'), { kind: 'restore', frozen: true }), req('propose', staff('lead'), account('standard'), { kind: 'warn', frozen: true })],
  ['approve-enforcement-standard', req('approve', staff('agent', { id: 'c' }), account('standard'), { kind: 'suspend' }), req('approve', staff('triage', { id: 'c' }), account('standard'), { kind: 'suspend' })],
  ['approve-enforcement-protected', req('approve', staff('lead', { id: 'c' }), account('elevated'), { kind: 'suspend' }), req('approve', staff('agent', { id: 'c' }), account('elevated'), { kind: 'suspend' })],
  ['proposer-cannot-approve', req('approve', staff('admin', { id: 'c' }), account('critical'), { kind: 'suspend' }), req('approve', staff('admin'), account('critical'), { kind: 'suspend', isProposer: true })],
  [
    'contractor-no-approve-protected',
    req('approve', staff('lead', { id: 'c', employment: 'contractor' }), account('standard'), { kind: 'suspend' }),
    req('approve', staff('lead', { id: 'c', employment: 'contractor' }), account('elevated'), { kind: 'suspend' }),
  ],
  ['execute-after-propose', req('execute', staff('agent'), account('standard'), { kind: 'suspend' }), req('execute', SYSTEM, account('standard'), { kind: 'suspend', approvals: { agent: 1 } })],
  [
    'warden-suggests-suspension-on-strikes',
    req('propose', SYSTEM, struck('standard'), { kind: 'suspend', automatic: true }),
    req('propose', SYSTEM, struck('elevated'), { kind: 'suspend', automatic: true }),
  ],
  [
    'warden-suggestion-needs-a-person',
    req('execute', SYSTEM, struck('standard'), { kind: 'suspend', automatic: true, approvals: { agent: 1 } }),
    req('execute', SYSTEM, struck('standard'), { kind: 'suspend', automatic: true }),
  ],
  ['critical-two-approvals', req('execute', staff('agent'), account('critical'), { kind: 'deactivate', approvals: { lead: 1, admin: 1 } }), req('execute', staff('agent'), account('critical'), { kind: 'deactivate', approvals: { lead: 1, agent: 1 } })],
  ['protected-one-approval', req('execute', staff('agent'), account('elevated'), { kind: 'lock', approvals: { lead: 1 } }), req('execute', staff('agent'), account('elevated'), { kind: 'lock' })],
  ['blast-radius', req('execute', staff('agent'), account('standard'), { kind: 'suspend', hourlyFollowers: 5_000_000 }), req('execute', staff('agent'), account('standard'), { kind: 'suspend', hourlyFollowers: 5_000_001 })],
  ['admin-proposes-guard-change', req('propose', staff('admin'), POLICY_SET, { kind: 'change_policy' }), req('propose', staff('lead'), POLICY_SET, { kind: 'change_policy' })],
  ['admin-approves-guard-change', req('approve', staff('admin', { id: 'c' }), account('standard'), { kind: 'set_tier' }), req('approve', staff('lead', { id: 'c' }), account('standard'), { kind: 'set_tier' })],
  ['no-self-grant', req('propose', staff('admin'), member('bob'), { kind: 'grant_role' }), req('propose', staff('admin'), member('alice', 'admin'), { kind: 'grant_role' })],
  ['request-own-elevation', req('propose', staff('agent'), member('alice'), { kind: 'elevate' }), req('propose', staff('agent'), member('bob'), { kind: 'elevate' })],
  ['lead-admin-approves-elevation', req('approve', staff('lead', { id: 'c' }), member('alice'), { kind: 'elevate' }), req('approve', staff('agent', { id: 'c' }), member('alice'), { kind: 'elevate' })],
  ['contractor-no-guard-change', req('propose', staff('admin'), account('standard'), { kind: 'set_tier' }), req('propose', staff('admin', { employment: 'contractor' }), account('standard'), { kind: 'set_tier' })],
  ['no-self-approval-of-access', req('approve', staff('admin', { id: 'carol' }), member('bob'), { kind: 'grant_role' }), req('approve', staff('admin', { id: 'bob' }), member('bob'), { kind: 'grant_role' })],
  ['privileged-access-needs-admin', req('approve', staff('admin', { id: 'c' }), member('alice'), { kind: 'elevate', grantedRole: 'admin' }), req('approve', staff('lead', { id: 'c' }), member('alice'), { kind: 'elevate', grantedRole: 'lead' })],
  [
    'privileged-access-admin-approval',
    req('execute', staff('agent'), member('alice'), { kind: 'elevate', grantedRole: 'lead', approvals: { admin: 1 } }),
    req('execute', staff('agent'), member('alice'), { kind: 'elevate', grantedRole: 'lead', approvals: { lead: 1 } }),
  ],
  ['approver-independent', req('approve', staff('lead', { id: 'c' }), account('critical'), { kind: 'suspend' }), req('approve', staff('lead', { id: 'c' }), account('critical'), { kind: 'suspend', approverDependent: true })],
  ['guard-change-one-approval', req('execute', staff('admin'), member('bob'), { kind: 'grant_role', approvals: { admin: 1 } }), req('execute', staff('admin'), member('bob'), { kind: 'grant_role' })],
  ['lead-admin-proposes-reporter-standing', req('propose', staff('lead'), REPORTER, { kind: 'add_trusted_flagger' }), req('propose', staff('agent'), REPORTER, { kind: 'add_trusted_flagger' })],
  [
    'lead-admin-approves-reporter-standing',
    req('approve', staff('lead', { id: 'c' }), REPORTER, { kind: 'suspend_reporting' }),
    req('approve', staff('agent', { id: 'c' }), REPORTER, { kind: 'suspend_reporting' }),
  ],
  [
    'warden-suggests-reporter-warning',
    req('propose', SYSTEM, REPORTER, { kind: 'warn_reporter', automatic: true }),
    req('propose', SYSTEM, REPORTER, { kind: 'suspend_reporting', automatic: true }),
  ],
];

describe('every rule', () => {
  it('the table covers every rule of the shipped set', () => {
    expect(rows.map((r) => r[0]).sort()).toEqual(engine.rules().map((r) => r.id).sort());
  });

  it.each(rows)('%s: allows one request and decides another', (rule, allowed, denied) => {
    const yes = engine.decide(allowed);
    expect(yes.allowed, explainDeny(yes)).toBe(true);
    const no = engine.decide(denied);
    expect(no.allowed).toBe(false);
    const effect = engine.rules().find((r) => r.id === rule)!.effect;
    // a forbid decides the denial itself; a permit that does not apply leaves nothing to permit
    expect(no.rules.map((r) => r.id)).toContain(effect === 'forbid' ? rule : 'default-deny');
    if (effect === 'permit') expect(yes.rules.map((r) => r.id)).toContain(rule);
    for (const hit of [...yes.rules, ...no.rules]) expect(hit.reason).toBeTruthy();
    expect(no.policyVersion).toBe(engine.version);
  });

  it('explains a denial by the rules that decided it, or by what nothing permits', () => {
    const denied = engine.decide(req('approve', staff('admin'), account('critical'), { kind: 'deactivate', isProposer: true }));
    expect(explainDeny(denied)).toBe('denied: the proposer can never approve their own proposal');
    const unpermitted = engine.decide(req('propose', staff('triage', { employment: 'contractor' }), account('standard'), { kind: 'suspend' }));
    expect(unpermitted.rules).toEqual([{ id: 'default-deny', effect: 'forbid', reason: 'no rule permits a contractor triage to propose suspend on a standard account' }]);
  });

  it('refuses a request that does not fit the schema: an error when validating, a deny otherwise', () => {
    const bad = req('execute', staff('agent'), account('standard'), { kind: 'suspend' });
    (bad.context as unknown as Record<string, unknown>).hourlyFollowers = 'many';
    expect(() => engine.decide(bad, { validateRequest: true })).toThrow(/policy could not evaluate/);
    const d = engine.decide(bad);
    expect(d.allowed).toBe(false);
    expect(d.rules.map((r) => r.id)).toEqual(['blast-radius']);
    expect(d.rules[0]!.reason).toMatch(/could not be evaluated/);
  });

});

// --- invariants, over arbitrary requests ---------------------------------------------

const arbitraryRequest = fc.record({
  stage: fc.constantFrom<Stage>('propose', 'approve', 'execute'),
  role: fc.constantFrom(...ROLES),
  employment: fc.constantFrom(...EMPLOYMENT),
  accessActive: fc.boolean(),
  system: fc.boolean(),
  tier: fc.constantFrom(...TIERS),
  kind: fc.constantFrom(...ACTION_KINDS),
  frozen: fc.boolean(),
  automatic: fc.boolean(),
  isProposer: fc.boolean(),
  approverDependent: fc.boolean(),
  hourlyFollowers: fc.integer({ min: 0, max: 20_000_000 }),
  approvals: fc.record({ triage: fc.nat(3), agent: fc.nat(3), lead: fc.nat(3), admin: fc.nat(3), auditor: fc.nat(3) }),
  target: fc.constantFrom('account', 'account', 'account', 'self', 'colleague', 'policy-set'),
});

/** The decision of the whole policy set, unsplit, with every fact, the request checked against the schema. */
cedar.preparsePolicySet('test-whole-set', { staticPolicies: engine.text() });
cedar.preparseSchema('test-whole-schema', schema);
function wholeSetAllows(r: DecisionRequest): boolean {
  const p = r.principal;
  const res = r.resource;
  const entities: cedar.EntityJson[] = [{ uid: { type: p.type, id: p.id }, attrs: p.type === 'Staff' ? { role: p.role, employment: p.employment, accessActive: p.accessActive } : {}, parents: [] }];
  if (res.type === 'Account') entities.push({ uid: { type: 'Account', id: res.id }, attrs: { tier: res.tier, followers: res.followers, status: res.status, liveStrikes: res.liveStrikes }, parents: [] });
  if (res.type === 'PolicySet') entities.push({ uid: { type: 'PolicySet', id: res.id }, attrs: {}, parents: [] });
  if (res.type === 'Staff' && !(p.type === 'Staff' && p.id === res.id)) entities.push({ uid: { type: 'Staff', id: res.id }, attrs: { role: res.role, employment: res.employment }, parents: [] });
  // the kind as an entity in its groups, as the kind table declares them
  entities.push({ uid: { type: 'Kind', id: r.context.kind }, attrs: {}, parents: KINDS[r.context.kind].groups.map((id) => ({ type: 'KindGroup', id })) });
  const answer = cedar.statefulIsAuthorized({
    principal: { type: p.type, id: p.id },
    action: { type: 'Action', id: r.stage },
    resource: { type: res.type, id: res.id },
    context: { ...(r.context as unknown as cedar.Context), kindOf: { __entity: { type: 'Kind', id: r.context.kind } } },
    preparsedSchemaName: 'test-whole-schema',
    validateRequest: true,
    preparsedPolicySetId: 'test-whole-set',
    entities,
  });
  if (answer.type === 'failure') throw new Error(answer.errors.map((e) => e.message).join('; '));
  return answer.response.decision === 'allow';
}

describe('invariants', () => {
  it('hold for any request, and the engine answers as the whole set would', () => {
    fc.assert(
      fc.property(arbitraryRequest, (a) => {
        const principal = a.system ? SYSTEM : staff(a.role, { employment: a.employment, accessActive: a.accessActive });
        const resource = a.target === 'account' ? account(a.tier) : a.target === 'self' ? member('alice', a.role) : a.target === 'colleague' ? member('bob', a.role) : POLICY_SET;
        const r = req(a.stage, principal, resource, { kind: a.kind, frozen: a.frozen, automatic: a.automatic, isProposer: a.isProposer, approverDependent: a.approverDependent, hourlyFollowers: a.hourlyFollowers, approvals: a.approvals });
        const d = engine.decide(r);
        // each stage asks only its own rules: the answer is the whole set's
        expect(d.allowed).toBe(wholeSetAllows(r));
        if (!d.allowed || a.target !== 'account') return;
        const ap = r.context.approvals;
        // nobody acts outside their access window; auditors never act
        if (!a.system) expect(a.accessActive && a.role !== 'auditor').toBe(true);
        // the freeze stops everything but restores
        if (a.frozen && ['warn', 'limit', 'lock', 'suspend', 'deactivate'].includes(a.kind)) expect.fail('allowed while frozen');
        // the proposer never approves
        if (a.stage === 'approve') expect(a.isProposer).toBe(false);
        // nor does anyone whose access the proposer made
        if (a.stage === 'approve') expect(a.approverDependent).toBe(false);
        // contractors never start or approve taking a protected account out of service
        if (!a.system && a.employment === 'contractor' && a.tier !== 'standard' && a.stage !== 'execute') expect(['lock', 'suspend', 'deactivate'].includes(a.kind) && a.stage === 'propose').toBe(false);
        if (!a.system && a.employment === 'contractor' && a.tier !== 'standard') expect(a.stage).not.toBe('approve');
        // two leads or admins for suspending or deactivating a critical account
        if (a.stage === 'execute' && a.tier === 'critical' && ['suspend', 'deactivate'].includes(a.kind)) expect(ap.lead + ap.admin).toBeGreaterThanOrEqual(2);
        if (a.stage === 'execute' && a.tier !== 'standard' && DESTRUCTIVE_KINDS.includes(a.kind)) expect(ap.total).toBeGreaterThanOrEqual(1);
        // Warden itself only ever restores, on schedule
        if (a.system) expect([a.kind, a.automatic, a.stage !== 'approve']).toEqual(['restore', true, true]);
      }),
      { numRuns: 1000 },
    );
  });
});

// --- approvals, derived from the policy ------------------------------------------------

describe('requiredApprovals', () => {
  it('critical deactivate: 2 from leads or admins, never the proposer or a contractor', () => {
    const [need, ...more] = engine.requiredApprovals(question(staff('agent'), account('critical', 41_000_000), { kind: 'deactivate' }));
    expect(more).toEqual([]);
    expect(need).toMatchObject({ count: 2, roles: ['lead', 'admin'] });
    expect(need!.rules.map((r) => r.id)).toContain('critical-two-approvals');
    expect(need!.text).toBe('needs 2 approvals from distinct leads or admins; the proposer cannot approve; contractors cannot approve');
  });

  it('elevated suspend: 1 from a lead or an admin', () => {
    const need = engine.requiredApprovals(question(staff('agent'), account('elevated'), { kind: 'suspend' }));
    expect(need).toHaveLength(1);
    expect(need[0]).toMatchObject({ count: 1, roles: ['lead', 'admin'] });
    expect(need[0]!.rules.map((r) => r.id)).toEqual(['protected-one-approval']);
  });

  it('standard warn: none', () => {
    expect(engine.requiredApprovals(question(staff('triage'), account('standard'), { kind: 'warn' }))).toEqual([]);
  });

  it('past the blast radius: 1 from anyone who may approve on that account', () => {
    const need = engine.requiredApprovals(question(staff('agent'), account('standard', 300_000), { kind: 'suspend', hourlyFollowers: 5_300_000 }));
    expect(need).toHaveLength(1);
    expect(need[0]).toMatchObject({ count: 1, roles: ['agent', 'lead', 'admin'] });
    expect(need[0]!.rules.map((r) => r.id)).toEqual(['blast-radius']);
    expect(need[0]!.text).toBe('needs 1 approval from an agent, a lead or an admin; the proposer cannot approve');
  });

  it('a guard change: 1 from another admin; an elevation: 1 from a lead or an admin', () => {
    expect(engine.requiredApprovals(question(staff('admin'), POLICY_SET, { kind: 'change_policy' }))).toMatchObject([{ count: 1, roles: ['admin'] }]);
    expect(engine.requiredApprovals(question(staff('agent'), member('alice'), { kind: 'elevate' }))).toMatchObject([{ count: 1, roles: ['lead', 'admin'] }]);
  });

  it('while frozen: no number of approvals helps, and the answer says so', () => {
    const [need] = engine.requiredApprovals(question(staff('lead'), account('critical'), { kind: 'suspend', frozen: true }));
    expect(need).toMatchObject({ unattainable: true, count: 0, roles: [] });
    expect(need!.rules.map((r) => r.id)).toContain('freeze');
  });

  it('follows the policy set it asks: a stricter set yields a stricter answer', () => {
    const files = engine.files();
    const stricter = PolicyEngine.fromFiles({ ...files, 'approvals.cedar': files['approvals.cedar']!.replace('context.approvals.lead + context.approvals.admin >= 2', 'context.approvals.lead + context.approvals.admin >= 3') }, schema);
    expect(stricter.requiredApprovals(question(staff('agent'), account('critical'), { kind: 'deactivate' }))).toMatchObject([{ count: 3, roles: ['lead', 'admin'] }]);
  });
});

// --- `warden policy test` ---------------------------------------------------------------

describe('runPolicyTests', () => {
  it('passes over the shipped cases, which cover every rule', async () => {
    const run = await runPolicyTests('policies/tests', engine);
    expect(run.results.filter((r) => !r.passed)).toEqual([]);
    expect(run.passed).toBeGreaterThanOrEqual(25);
    const named = new Set(run.results.flatMap((r) => r.decision?.rules.map((h) => h.id) ?? []));
    for (const rule of engine.rules()) expect(named, rule.id).toContain(rule.id);
  });

  it('fails a wrong case, a missing rule and a malformed case, naming each', async () => {
    const dir = tmpDir({
      'wrong.json': JSON.stringify([
        { name: 'contractor deactivates a head of state', request: { stage: 'propose', principal: { type: 'Staff', role: 'agent', employment: 'contractor' }, resource: { type: 'Account', tier: 'critical' }, context: { kind: 'deactivate' } }, expect: { allowed: true } },
        { name: 'wrong rule named', request: { stage: 'propose', principal: { type: 'Staff', role: 'agent' }, resource: { type: 'Account', tier: 'standard' }, context: { kind: 'warn' } }, expect: { allowed: true, rules: ['freeze'] } },
        { name: 'right', request: { stage: 'propose', principal: { type: 'Staff', role: 'agent' }, resource: { type: 'Account', tier: 'standard' }, context: { kind: 'warn' } }, expect: { allowed: true, rules: ['propose-enforcement'] } },
        { name: 'malformed', request: { stage: 'propose', principal: { type: 'Staff', role: 'boss' }, resource: { type: 'Account', tier: 'standard' }, context: { kind: 'warn' } }, expect: { allowed: true } },
      ]),
    });
    const run = await runPolicyTests(dir, engine);
    expect([run.passed, run.failed]).toEqual([1, 3]);
    const byName = Object.fromEntries(run.results.map((r) => [r.name, r]));
    expect(byName['contractor deactivates a head of state']!.message).toMatch(/expected allow, got deny .*contractor-no-destructive-on-protected/);
    expect(byName['wrong rule named']!.message).toMatch(/expected rule\(s\) freeze/);
    expect(byName['malformed']!.message).toMatch(/request\.principal\.role/);
  });
});
