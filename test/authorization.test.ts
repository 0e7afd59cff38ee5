/**
 * Authorization asked of the policy, in one place: a refusal names the rule
 * that answered (or that none permits it); GET /v1/session says what the
 * person may do, from the same rules; the operation rules ship with Warden
 * and no adopted policy set can carry, drop or override them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { testConfig } from '../src/test-config.js';
import { Authorizer, staffCaller } from '../src/policy/authorizer.js';
import { PolicyEngine, PolicyLoadError } from '../src/policy/engine.js';
import { OPERATION_NAMES } from '../src/policy/operations.js';
import { totpCode } from '../src/sessions/credentials.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, type Member, seedAccounts, seedCrew } from './support/seed.js';

const PASSWORD = 'correct horse battery staple';
const shipped = PolicyEngine.load('policies');
const authorizer = Authorizer.load('policies');

const ruleIds = (body: any): string[] => (body?.error?.decision?.rules ?? []).map((r: { id: string }) => r.id);

describe.each(STORES)('authorization on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    h = await makeApiHarness(kind, { session: { ...testConfig(':memory:').session, totpKey: randomBytes(32).toString('base64') } });
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
    for (const m of [crew.contractor, crew.lead, crew.auditor]) {
      const { secret } = await h.ctx.transaction(async (tx) => {
        await h.ctx.credentials.setPassword(tx, SYSTEM, m.staff.id, PASSWORD);
        return h.ctx.credentials.enrolTotp(tx, SYSTEM, m.staff.id);
      });
      secrets.set(m.staff.id, secret);
    }
  });
  afterAll(() => h.cleanup());

  const as = (m: Member) => h.api(m.token);

  /** Signs in as a browser would; the session's answer, and GET /v1/session with its cookie. */
  async function signIn(m: Member) {
    const totp = await totpCode(secrets.get(m.staff.id)!, h.clock.now());
    const login = await fetch(`${h.server.url}/v1/session/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: m.staff.email, password: PASSWORD, totp }),
    });
    expect(login.status).toBe(200);
    const cookie = /^warden_session=[^;]*/.exec(login.headers.getSetCookie()[0]!)![0];
    const current = await fetch(`${h.server.url}/v1/session`, { headers: { cookie } });
    expect(current.status).toBe(200);
    return { login: (await login.json()) as any, current: (await current.json()) as any };
  }

  it('refuses with 403 naming the operation and the rule that answered, or that no rule permits it', async () => {
    const claim = await as(crew.auditor).post('/v1/cases/claim', {});
    expect(claim.status).toBe(403);
    expect(claim.body.error).toMatchObject({
      code: 'forbidden',
      message: 'an auditor may not call cases.claim: no rule permits it',
      operation: 'cases.claim',
      decision: { allowed: false, policyVersion: authorizer.version, rules: [{ id: 'default-deny', reason: 'no rule permits an auditor to call cases.claim' }] },
    });

    // a queue is a policy question too: a contractor is not let into the protected queue
    const protectedQueue = await as(crew.contractor).post('/v1/cases/claim', { queue: 'protected' });
    expect(protectedQueue.status).toBe(403);
    expect(protectedQueue.body.error).toMatchObject({ queue: 'protected', decision: { rules: [{ id: 'default-deny', reason: 'no rule permits a contractor agent to work queue protected' }] } });

    // releasing someone else's claim is the supervision operation: triage may not, a lead may
    const report = await h.api(h.ctx.config.serviceToken).post('/v1/reports', { reporterId: 'r1', accountId: 'acct_0001', category: 'spam', text: '', evidence: [] });
    const caseId = report.body.caseId as number;
    expect((await as(crew.agent).post(`/v1/cases/${caseId}/claim`, {})).status).toBe(200);
    const byTriage = await as(crew.triage).post(`/v1/cases/${caseId}/release`, { reason: 'not mine' });
    expect(byTriage.status).toBe(403);
    expect(byTriage.body.error).toMatchObject({ operation: 'cases.supervise', claimedBy: crew.agent.staff.id });
    expect(ruleIds(byTriage.body)).toEqual(['default-deny']);
    expect((await as(crew.lead).post(`/v1/cases/${caseId}/release`, { reason: 'handing over' })).status).toBe(200);

    // an adopted set may not carry operation rules: a change_policy that tries is refused naming file and line
    const widen = '// auditors work cases too\n\n@id("auditors-claim")\n@reason("auditors claim")\npermit (principal, action == Action::"call", resource);\n';
    const change = await as(crew.admin).post('/v1/actions', {
      kind: 'change_policy',
      targetId: 'active',
      reasonCode: 'policy_maintenance',
      justification: 'let auditors claim cases',
      policyFiles: { ...shipped.files(), 'widen.cedar': widen },
    });
    expect(change.status).toBe(400);
    expect(change.body.error.fields).toEqual(
      expect.arrayContaining([{ path: 'policyFiles.widen.cedar', message: expect.stringMatching(/^line 3: rule auditors-claim: Action::"call" is decided by the operation rules Warden ships/) }]),
    );

    // where a forbid answers, it is named: a new record may not be a lead
    const lead = await as(crew.admin).post('/v1/staff', { name: 'Boss', email: 'boss@warden.test', role: 'lead', employment: 'employee' });
    expect(lead.status).toBe(400);
    expect(ruleIds(lead.body)).toEqual(['privileged-roles-only-by-grant']);
  });

  it('says in GET /v1/session what the person may do, from the same rules: a contractor, a lead, an auditor', async () => {
    const contractor = await signIn(crew.contractor);
    const lead = await signIn(crew.lead);
    const auditor = await signIn(crew.auditor);
    for (const [m, s] of [[crew.contractor, contractor], [crew.lead, lead], [crew.auditor, auditor]] as const) {
      // signing in answers the same capabilities as asking afterwards
      expect(s.login.capabilities).toEqual(s.current.capabilities);
      const caller = staffCaller(m.staff, h.clock.now());
      expect(s.current.capabilities).toMatchObject({
        operationsVersion: authorizer.version,
        policyVersion: shipped.version,
        operations: OPERATION_NAMES.filter((op) => authorizer.call(caller, op).allowed),
        queues: { see: authorizer.queuesSeen(caller), work: authorizer.queuesWorked(caller) },
        staffRoles: ['triage', 'agent', 'auditor'],
      });
    }
    const caps = (s: typeof lead) => s.current.capabilities;
    const may = (s: typeof lead, kind: string, tier: string, stage: 'propose' | 'approve') =>
      caps(s).actions.find((a: any) => a.kind === kind && a.target.type === 'account' && a.target.tier === tier)?.[stage];

    // the contractor agent: case work and approvals, the standard queues only, nothing destructive on a protected account
    expect(caps(contractor).operations).toEqual(expect.arrayContaining(['cases.claim', 'actions.propose', 'actions.approve']));
    expect(caps(contractor).operations).not.toContain('staff.list');
    expect(caps(contractor).queues).toEqual({ see: ['spam', 'safety', 'authenticity', 'integrity', 'general'], work: ['spam', 'safety', 'authenticity', 'integrity', 'general'] });
    expect([may(contractor, 'deactivate', 'standard', 'propose'), may(contractor, 'deactivate', 'critical', 'propose'), may(contractor, 'warn', 'elevated', 'approve')]).toEqual([true, false, false]);

    // the lead: oversight and supervision, every queue, approvals on critical accounts; no administration
    expect(caps(lead).operations).toEqual(expect.arrayContaining(['staff.list', 'audit.read', 'alerts.acknowledge', 'cases.supervise', 'actions.execute']));
    expect(caps(lead).operations).not.toContain('staff.create');
    expect(caps(lead).operations).not.toContain('audit.verify');
    expect(caps(lead).queues.work).toEqual(expect.arrayContaining(['critical', 'appeals']));
    expect([may(lead, 'deactivate', 'critical', 'propose'), may(lead, 'deactivate', 'critical', 'approve')]).toEqual([true, true]);
    expect(caps(lead).actions.find((a: any) => a.kind === 'elevate')).toMatchObject({ propose: true });

    // the auditor: reads every queue, verifies the log, works and proposes nothing
    expect(caps(auditor).operations).toEqual(expect.arrayContaining(['audit.read', 'audit.verify', 'forensics.access-review']));
    expect(caps(auditor).operations).not.toContain('cases.claim');
    expect(caps(auditor).operations).not.toContain('actions.propose');
    expect(caps(auditor).queues).toEqual({ see: ['spam', 'safety', 'authenticity', 'integrity', 'general', 'protected', 'critical', 'appeals'], work: [] });
    expect(caps(auditor).actions.every((a: any) => !a.propose && !a.approve)).toBe(true);
  });
});

describe('the operation rules ship with Warden and are never adopted', () => {
  const files = shipped.files();
  const schema = shipped.schemaText();

  it('refuses an adopted policy set that carries a rule for an operation, naming file and line', () => {
    const carrying = '// lets auditors claim cases\n\n@id("auditors-claim")\n@reason("auditors claim cases too")\npermit (principal, action == Action::"call", resource);\n';
    let err: unknown;
    try {
      PolicyEngine.fromFiles({ ...files, 'operations.cedar': carrying }, schema);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyLoadError);
    const problems = (err as PolicyLoadError).problems.filter((p) => p.message.includes('is decided by the operation rules Warden ships'));
    expect(problems).toEqual([{ file: 'operations.cedar', line: 3, message: expect.stringContaining('rule auditors-claim: Action::"call"') }]);
    for (const action of ['see_queue', 'work_queue', 'create_staff']) {
      const text = carrying.replace('Action::"call"', `Action::"${action}"`);
      expect(() => PolicyEngine.fromFiles({ ...files, 'x.cedar': text }, schema)).toThrow(/is decided by the operation rules Warden ships/);
    }
  });

  it('refuses operation rules that would decide propose, approve or execute (those change only by an approved change_policy)', () => {
    const own = (text: string) => [{ name: 'operations.cedar', display: 'policies/operations/operations.cedar', text }];
    const opsSchema = { display: 'schema', text: `${schema}\n${fs.readFileSync('policies/operations/schema.cedarschema', 'utf8')}` };
    for (const scope of ['action == Action::"propose"', 'action', 'action in [Action::"call", Action::"approve"]']) {
      const text = `\n@id("sneaky")\n@reason("sneaky")\npermit (principal, ${scope}, resource);\n`;
      expect(() => Authorizer.fromText(own(text), opsSchema)).toThrow(/policies\/operations\/operations.cedar:2: rule sneaky: an operation rule must name its actions/);
    }
    expect(Authorizer.fromText(own('@id("ok")\n@reason("ok")\npermit (principal, action == Action::"call", resource);'), opsSchema).rules()).toHaveLength(1);
  });

  it("leaves the adopted set's version as it was: the operation rules are not part of what it hashes", () => {
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-policies-'));
    for (const name of fs.readdirSync('policies')) if (name.endsWith('.cedar') || name.endsWith('.cedarschema')) fs.copyFileSync(path.join('policies', name), path.join(bare, name));
    try {
      // a store whose adopted set predates the operation rules holds exactly these files: the same version, nothing to adopt
      expect(PolicyEngine.load(bare).version).toBe(shipped.version);
      expect(shipped.rules().map((r) => r.file).filter((f) => f.includes('operations'))).toEqual([]);
      expect(authorizer.version).toMatch(/^ops-[0-9a-f]{12}$/);
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe.each(STORES)('an adopted set cannot lock anyone out of a route on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  // a set whose every rule forbids leads anything: it keeps the invariants (it only takes away)
  const lockout = '@id("no-leads")\n@reason("leads do nothing")\nforbid (principal is Staff, action, resource)\nwhen { principal.role == "lead" };\n';
  const adopted = PolicyEngine.fromFiles({ ...shipped.files(), 'lockout.cedar': lockout }, shipped.schemaText());

  beforeAll(async () => {
    h = await makeApiHarness(kind, {}, { policyEngine: adopted });
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
  });
  afterAll(() => h.cleanup());

  it('asks the shipped operation rules whatever set is in force', async () => {
    expect((await h.ctx.policy.current(h.ctx.db)).version).toBe(adopted.version);
    // the routes answer as before: the lead reads cases and the staff list, the triage worker still may not
    expect((await h.api(crew.lead.token).get('/v1/cases')).status).toBe(200);
    expect((await h.api(crew.lead.token).get('/v1/staff')).status).toBe(200);
    expect((await h.api(crew.triage.token).get('/v1/staff')).status).toBe(403);
    // while proposing, which the adopted set decides, is refused by its rule
    const proposed = await h.api(crew.lead.token).post('/v1/actions', { kind: 'warn', targetId: 'acct_0001', reasonCode: 'spam', justification: '' });
    expect(proposed.status).toBe(403);
    expect(ruleIds(proposed.body)).toContain('no-leads');
  });
});
