/**
 * The kind table (src/actions/kinds.ts) is the one declaration of each action
 * kind: these walk it, so a new kind is held to the same rules without a test
 * written for it. What the compiler checks (every kind has an entry, every
 * guard kind says what it changes) is not repeated here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENFORCEMENT, KINDS, PARAMS, RESTORABLE_KINDS, STORED_PARAMS, enforcingWith, stateAfter } from '../src/actions/kinds.js';
import { ProposalSchema } from '../src/actions/proposal.js';
import { openApiDocument } from '../src/console/openapi.js';
import { fieldsOf } from '../src/http/errors.js';
import { ACTION_KINDS, ENFORCEMENT_KINDS } from '../src/policy/model.js';

/** A valid value for each parameter name the table uses. */
const VALID: Record<string, unknown> = {
  durationMs: 3_600_000,
  restoresActionId: 'act_1',
  tier: 'elevated',
  role: 'lead',
  hours: 4,
  accessUntil: Date.UTC(2027, 0, 1),
  policyFiles: { 'a.cedar': 'permit (principal, action, resource);' },
  templateTitle: 'About @{account}',
  templateGround: 'Our rules against spam',
  templateBody: '{restriction}: {ground}. {appeal}',
  decisionGround: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
  groundReference: 'Terms of service: rules against spam',
  groundExplanation: 'bulk unsolicited messages',
  alsoIllegal: false,
  flaggerName: 'Safer Internet Hotline',
  organisation: 'Safer Internet e.V.',
};
/** What the store keeps beside a kind's own parameters: a misuse measure's counts, derived at proposal. */
const STORED_EXTRA: Record<string, object> = {
  warn_reporter: { misuse: { unfounded: 5, decided: 6, total: 8, since: 0, windowMs: 1 } },
  suspend_reporting: { misuse: { unfounded: 5, decided: 6, total: 8, since: 0, windowMs: 1 } },
};

const TARGETS: Record<string, string> = { set_notice_template: 'spam:en', set_decision_ground: 'spam' };
const base = (kind: string) => ({ kind, targetId: TARGETS[kind] ?? 't_1', reasonCode: 'spam', justification: 'a written justification' });
const required = (kind: keyof typeof PARAMS) => Object.entries(PARAMS[kind]).filter(([, s]) => !s.safeParse(undefined).success).map(([k]) => k);

describe('the kind table', () => {
  it('declares every kind the policy knows, once', () => {
    expect(Object.keys(KINDS).sort()).toEqual([...ACTION_KINDS].sort());
    expect(Object.keys(ENFORCEMENT).sort()).toEqual([...ENFORCEMENT_KINDS].sort());
  });

  for (const kind of ACTION_KINDS) {
    it(`${kind}: takes its own parameters and names each missing one`, () => {
      const own = Object.keys(PARAMS[kind]);
      const full = ProposalSchema.safeParse({ ...base(kind), ...Object.fromEntries(own.map((k) => [k, VALID[k]])) });
      expect(full.success, JSON.stringify(full.error?.issues)).toBe(true);
      for (const k of required(kind)) {
        const without = ProposalSchema.safeParse({ ...base(kind), ...Object.fromEntries(own.filter((o) => o !== k).map((o) => [o, VALID[o]])) });
        expect(without.success).toBe(false);
        const fields = fieldsOf(without.error!);
        expect(fields.map((f) => f.path)).toEqual([k]);
        // the message says what is missing, not "Invalid input"
        expect(fields[0]!.message).toContain(k);
      }
      // another kind's parameters are not carried: the proposal holds only what its kind takes
      const foreign = Object.keys(VALID).filter((k) => !own.includes(k));
      const parsed = ProposalSchema.parse({ ...base(kind), ...VALID });
      for (const k of foreign) expect(parsed).not.toHaveProperty(k);
    });
  }

  it('refuses an unknown kind naming the kinds there are', () => {
    const r = ProposalSchema.safeParse(base('nuke'));
    expect(r.success).toBe(false);
    const [field] = fieldsOf(r.error!);
    expect(field!.path).toBe('kind');
    for (const k of ACTION_KINDS) expect(field!.message).toContain(k);
  });

  it('gives each enforcement a result the verifier samples, and a restore that returns exactly what it names', () => {
    const active = { status: 'active' as const, statusUntil: null };
    for (const kind of ENFORCEMENT_KINDS) {
      expect(ENFORCEMENT[kind].samples(0).length).toBeGreaterThan(0);
      expect(ENFORCEMENT[kind].platform(stateAfter(enforcingWith(kind), active, 0)).kind).toBeTruthy();
    }
    const to = { status: 'limited' as const, statusUntil: null };
    expect(stateAfter(enforcingWith('restore', { restoreTo: to }), { status: 'suspended', statusUntil: 5 }, 0)).toEqual(to);
    expect(stateAfter(enforcingWith('suspend', { durationMs: 60_000 }), active, 1_000)).toEqual({ status: 'suspended', statusUntil: 61_000 });
    expect(RESTORABLE_KINDS).not.toContain('restore');
    expect(RESTORABLE_KINDS).not.toContain('warn');
  });

  it('decodes stored parameters of every kind, and refuses a row whose parameters do not fit its kind', () => {
    for (const kind of ACTION_KINDS) {
      const params = kind === 'restore' ? { restoresActionId: 'act_1', restoreTo: { status: 'active', statusUntil: null } } : { ...Object.fromEntries(Object.keys(PARAMS[kind]).map((k) => [k, VALID[k]])), ...STORED_EXTRA[kind] };
      expect(STORED_PARAMS.parse({ kind, params }).kind).toBe(kind);
    }
    expect(STORED_PARAMS.safeParse({ kind: 'suspend', params: {} }).success).toBe(false);
    // a misuse measure stored without the counts that justify it does not decode
    expect(STORED_PARAMS.safeParse({ kind: 'warn_reporter', params: {} }).success).toBe(false);
  });
});

describe('the shipped policy', () => {
  it('names what kinds do (their groups), never a list of kind names', () => {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'policies');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cedar'));
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8').replace(/\/\/.*$/gm, '');
      expect(text, f).not.toMatch(/context\.kind\b(?!Of)/);
      for (const kind of ACTION_KINDS) expect(text, `${f} names ${kind}`).not.toContain(`"${kind}"`);
    }
  });

  it('puts every kind in the groups its rules read', () => {
    for (const kind of ACTION_KINDS) expect(KINDS[kind].groups.length, kind).toBeGreaterThan(0);
    for (const kind of ENFORCEMENT_KINDS) expect(KINDS[kind].groups).toContain('enforcement');
    for (const kind of ACTION_KINDS.filter((k) => !ENFORCEMENT_KINDS.some((e) => e === k))) expect(KINDS[kind].groups).toContain('guard');
  });
});

describe('the proposal on the wire', () => {
  it('is described per kind in the OpenAPI document: one member per kind, each requiring what its kind needs', async () => {
    const doc = (await openApiDocument()) as { components: { schemas: Record<string, { oneOf?: { properties: Record<string, { const?: string; enum?: string[] }>; required?: string[] }[] }> } };
    const members = doc.components.schemas.Proposal?.oneOf ?? [];
    const kindOf = (m: (typeof members)[number]) => m.properties.kind?.const ?? m.properties.kind?.enum?.[0];
    expect(members.map(kindOf).sort()).toEqual([...ACTION_KINDS].sort());
    for (const m of members) {
      const kind = kindOf(m) as keyof typeof PARAMS;
      for (const k of required(kind)) expect(m.required, `${kind} requires ${k}`).toContain(k);
    }
  });
});
