/**
 * Issue 10, "a proof, not only tests": `warden policy verify` holds a policy
 * set to Warden's invariants over the whole finite space of facts. The shipped
 * set passes; a set with any one of the rules that carry an invariant taken
 * out fails with the facts that break it; such a set does not load into
 * Warden, and a change_policy that would adopt it is refused, on both stores,
 * with nothing written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerPolicyCommands } from '../src/cli/policy.js';
import { testConfig } from '../src/test-config.js';
import { AppContext } from '../src/context.js';
import { PolicyEngine } from '../src/policy/engine.js';
import { type InvariantId, verifyPolicy } from '../src/policy/invariants.js';
import { PolicyInvariantError } from '../src/policy/verified.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedCrew } from './support/seed.js';

const shipped = PolicyEngine.load('policies');

/** The shipped files with the rule `id` taken out (its annotations, its text, up to the next rule). */
function without(id: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(shipped.files()).map(([file, text]) => {
      const at = text.indexOf(`@id("${id}")`);
      if (at < 0) return [file, text];
      const next = text.indexOf('@id(', at + 4);
      return [file, text.slice(0, at) + (next < 0 ? '' : text.slice(next))];
    }),
  );
}

async function cli(args: string[]): Promise<{ out: string; exitCode: number }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    const program = new Command().exitOverride();
    registerPolicyCommands(program, async () => {
      throw new Error('verify of a directory needs no store');
    });
    await program.parseAsync(['node', 'warden', 'policy', ...args]);
    return { out: lines.join('\n'), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = before;
    log.mockRestore();
    err.mockRestore();
  }
}

describe('warden policy verify', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-verify-'));
    fs.writeFileSync(path.join(dir, 'schema.cedarschema'), shipped.schemaText());
    for (const [file, text] of Object.entries(without('critical-two-approvals'))) fs.writeFileSync(path.join(dir, file), text);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes on the shipped set', async () => {
    const run = await cli(['verify']);
    expect(run.exitCode, run.out).toBe(0);
    expect(run.out).toMatch(/keeps all 7 invariants/);
    expect(run.out).not.toContain('BROKEN');
  });

  it('fails on a set without critical-two-approvals, with a counterexample', async () => {
    const run = await cli(['verify', '--policies', dir]);
    expect(run.exitCode).toBe(1);
    expect(run.out).toMatch(/BROKEN protected-restriction-approvals/);
    expect(run.out).toMatch(/counterexample: execute \w+ by .* on a critical account .*approvals counted: (none|1 (lead|admin))/);
  });

  // each rule that carries an invariant, taken out alone, is caught by the invariant it carries
  const carriers: [string, InvariantId][] = [
    ['critical-two-approvals', 'protected-restriction-approvals'],
    ['protected-one-approval', 'protected-restriction-approvals'],
    ['contractor-no-approve-protected', 'contractor-never-approves-protected'],
    ['proposer-cannot-approve', 'proposer-never-counts'],
    ['approver-independent', 'proposer-never-counts'],
    ['guard-change-one-approval', 'guard-change-needs-someone-else'],
    ['no-self-approval-of-access', 'guard-change-needs-someone-else'],
    ['access-window', 'closed-window-does-nothing'],
    ['guard-change-one-approval', 'reporter-standing-needs-two-people'],
  ];
  it.each(carriers)('catches the set without %s (breaks %s)', (rule, invariant) => {
    const v = verifyPolicy(PolicyEngine.fromFiles(without(rule), shipped.schemaText()));
    expect(v.invariants.find((i) => i.id === invariant)!.holds).toBe(false);
    const c = v.counterexamples.find((x) => x.invariant === invariant)!;
    expect(c.decision.allowed).toBe(true);
    // the counterexample is a real answer of that set: asked again, it is allowed
    expect(PolicyEngine.fromFiles(without(rule), shipped.schemaText()).decide(c.request).allowed).toBe(true);
    expect(shipped.decide(c.request).allowed).toBe(false);
  });

  it('Warden refuses to start with a set that breaks an invariant', async () => {
    const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-verify-db-'));
    try {
      const engine = PolicyEngine.fromFiles(without('critical-two-approvals'), shipped.schemaText());
      await expect(AppContext.create(testConfig(path.join(dbDir, 'w.db')), { policyEngine: engine })).rejects.toBeInstanceOf(PolicyInvariantError);
    } finally {
      fs.rmSync(dbDir, { recursive: true, force: true });
    }
  });
});

describe.each(STORES)('a change_policy that would break an invariant, on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  beforeAll(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
  });
  afterAll(() => h.cleanup());

  it('is refused with the counterexample, and nothing is written', async () => {
    const admin = h.api(crew.admin.token);
    const before = (await admin.get('/v1/policy')).body.version;
    const actionsBefore = (await admin.get('/v1/actions')).body.actions.length;
    const res = await admin.post('/v1/actions', {
      kind: 'change_policy',
      targetId: 'active',
      reasonCode: 'policy_maintenance',
      justification: 'simplify the approval rules',
      policyFiles: without('critical-two-approvals'),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toMatchObject({ path: 'policyFiles' });
    expect(res.body.error.fields[0].message).toMatch(/breaks protected-restriction-approvals: execute .* critical account/);
    expect((await admin.get('/v1/policy')).body.version).toBe(before);
    expect((await admin.get('/v1/actions')).body.actions.length).toBe(actionsBefore);
  });
});
