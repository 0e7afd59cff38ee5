/**
 * Who may call which operation, see or work which queue, and which role a new
 * staff record may carry: asked of the operation rules Warden ships
 * (policies/operations/), never of a role name in a route, service or screen.
 *
 * These rules are composed with the policy directory's schema, like every
 * adopted set, but are not part of any adopted set: they are loaded from the
 * release, so an upgrade that adds a route also says who may call it, a store
 * whose adopted set predates them keeps working, and a change_policy cannot
 * touch them (an adopted set that names their actions does not load).
 *
 * Every answer depends only on what the caller is (role, employment, whether
 * their window is open) and on what is asked about (an operation and its
 * groups, a queue and its tier, a role): the principal is anonymous, so each
 * answer is kept after it is first asked. A route check costs a Map lookup.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { QUEUES, type Queue, queuePurpose, queueTier } from '../cases/model.js';
import { forbidden } from '../errors.js';
import { type Employment, type Principal, ROLES, type Role, type Staff, hasAccess } from '../staff/model.js';
import { type LoadedRule, PolicyLoadError, loadPolicyFiles, normalise } from './load.js';
import type { Decision, RuleHit } from './model.js';
import { OPERATIONS, OPERATIONS_DIR, type Operation, operationsScope } from './operations.js';

const SCHEMA_FILE = 'schema.cedarschema';

/** What the operation rules judge of a caller: never who they are. */
export type Caller = StaffCaller | { type: 'Service' };
export interface StaffCaller {
  type: 'Staff';
  role: Role;
  employment: Employment;
  accessActive: boolean;
}

/** A member of staff as the operation rules see them at `now`: their own role (not an elevation's). */
export const staffCaller = (staff: Pick<Staff, 'role' | 'employment' | 'access' | 'offboardedAt'>, now: number): StaffCaller => ({
  type: 'Staff',
  role: staff.role,
  employment: staff.employment,
  accessActive: hasAccess(staff, now),
});

export const callerOf = (p: Principal, now: number): Caller => (p.kind === 'service' ? { type: 'Service' } : staffCaller(p.staff, now));

type Question =
  | { action: 'call'; caller: Caller; operation: Operation }
  | { action: 'see_queue' | 'work_queue'; caller: StaffCaller; queue: Queue }
  | { action: 'create_staff'; role: Role };

const ANONYMOUS = 'caller';

/** The people who took part in a decision contested on appeal, by staff id. */
export interface AppealParticipants {
  proposers: readonly string[];
  approvers: readonly string[];
  resolvers: readonly string[];
  /** whose access depends on one of the above (src/staff/independence.ts) */
  dependents: readonly string[];
}

export class Authorizer {
  /** "ops-" and the first 12 hex digits of sha256 over the normalised rules and schema: never an adopted set's version */
  readonly version: string;
  private readonly setId: string;
  private readonly answers = new Map<string, Decision>();
  private readonly byId: Map<string, LoadedRule>;

  private constructor(
    private readonly loaded: LoadedRule[],
    files: { name: string; text: string }[],
    schemaText: string,
  ) {
    const hash = createHash('sha256');
    for (const f of files) hash.update(`${f.name}\n${normalise(f.text)}\n\u0000`);
    this.version = `ops-${hash.update(normalise(schemaText)).digest('hex').slice(0, 12)}`;
    this.byId = new Map(loaded.map((r) => [r.id, r]));
    this.setId = `warden-${this.version}-${++sets}`;
    const answer = cedar.preparsePolicySet(this.setId, { staticPolicies: Object.fromEntries(loaded.map((r) => [r.id, r.text])) });
    if (answer.type === 'failure') throw new Error(`cedar refused a validated operation set: ${answer.errors.map((e) => e.message).join('; ')}`);
  }

  /**
   * The `*.cedar` files of `dir/operations`, validated against the policy
   * directory's schema composed with `dir/operations/schema.cedarschema`;
   * problems name file and line, and a rule for anything but an operation is one.
   */
  static load(dir = 'policies'): Authorizer {
    const own = path.join(dir, OPERATIONS_DIR);
    const names = fs.existsSync(own) ? fs.readdirSync(own).filter((n) => n.endsWith('.cedar')).sort() : [];
    const files = names.map((name) => ({ name, display: path.join(own, name), text: fs.readFileSync(path.join(own, name), 'utf8') }));
    const schemas = [path.join(dir, SCHEMA_FILE), path.join(own, SCHEMA_FILE)];
    const missing = schemas.find((s) => !fs.existsSync(s));
    if (missing) throw new PolicyLoadError([{ file: missing, line: 1, message: 'the schema file is missing' }]);
    const schemaText = schemas.map((s) => fs.readFileSync(s, 'utf8')).join('\n');
    return Authorizer.fromText(files, { display: schemas.join(' + '), text: schemaText });
  }

  static fromText(files: { name: string; display: string; text: string }[], schema: { display: string; text: string }): Authorizer {
    const loaded = loadPolicyFiles(files, schema, operationsScope);
    return new Authorizer(loaded, files, schema.text);
  }

  /** Every rule, in file order. */
  rules(): (RuleHit & { file: string; line: number })[] {
    return this.loaded.map((r) => ({ id: r.id, effect: r.effect, reason: r.reason, file: r.file, line: r.line }));
  }

  /** May this caller call the operation? With the rules that answered. */
  call(caller: Caller, operation: Operation): Decision {
    return this.decide({ action: 'call', caller, operation });
  }

  seeQueue(caller: StaffCaller, queue: Queue): Decision {
    return this.decide({ action: 'see_queue', caller, queue });
  }

  workQueue(caller: StaffCaller, queue: Queue): Decision {
    return this.decide({ action: 'work_queue', caller, queue });
  }

  /** The queues this member of staff sees, in queue order. */
  queuesSeen(caller: StaffCaller): Queue[] {
    return QUEUES.filter((q) => this.seeQueue(caller, q).allowed);
  }

  /** The queues this member of staff may claim from and work, in queue order. */
  queuesWorked(caller: StaffCaller): Queue[] {
    return QUEUES.filter((q) => this.workQueue(caller, q).allowed);
  }

  /** May a new staff record carry this role, whoever creates it? */
  createStaffAs(role: Role): Decision {
    return this.decide({ action: 'create_staff', role });
  }

  /** `call`, refused as 403 naming the operation and the rule that answered. */
  requireCall(caller: Caller, operation: Operation): void {
    const d = this.call(caller, operation);
    if (!d.allowed) throw refusal(`${whoIs(caller)} may not call ${operation}`, d, { operation });
  }

  /** The roles an employee with an open window may call `operation` with: what bootstrap and the docs ask. */
  rolesPermitted(operation: Operation): Role[] {
    return ROLES.filter((role) => this.call({ type: 'Staff', role, employment: 'employee', accessActive: true }, operation).allowed);
  }

  /**
   * May this person decide the appeal whose contested decision these people
   * took part in? Asked with the person's own id (independence is about who
   * they are), so never kept: each appeal has its own participants.
   */
  decideAppeal(staff: Pick<Staff, 'id'> & StaffCaller, participants: AppealParticipants): Decision {
    const set = (ids: readonly string[]) => [...new Set(ids)].map((id) => ({ __entity: { type: 'Staff', id } }));
    const answer = cedar.statefulIsAuthorized({
      principal: { type: 'Staff', id: staff.id },
      action: { type: 'Action', id: 'decide_appeal' },
      resource: { type: 'Appeal', id: 'appeal' },
      context: {},
      entities: [
        { uid: { type: 'Staff', id: staff.id }, attrs: { role: staff.role, employment: staff.employment, accessActive: staff.accessActive }, parents: [] },
        {
          uid: { type: 'Appeal', id: 'appeal' },
          attrs: { proposers: set(participants.proposers), approvers: set(participants.approvers), resolvers: set(participants.resolvers), dependents: set(participants.dependents) },
          parents: [],
        },
      ],
      preparsedPolicySetId: this.setId,
    });
    if (answer.type === 'failure') throw new Error(`operation rules could not evaluate decide_appeal: ${answer.errors.map((e) => e.message).join('; ')}`);
    const { decision, diagnostics } = answer.response;
    if (diagnostics.errors.length > 0) return erred(diagnostics.errors, this.version);
    const rules = diagnostics.reason.map((id) => this.byId.get(id)).filter((r) => r !== undefined).map((r) => ({ id: r.id, effect: r.effect, reason: r.reason }));
    if (decision === 'allow' || rules.length > 0) return { allowed: decision === 'allow', rules, policyVersion: this.version };
    return { allowed: false, rules: [{ id: 'default-deny', effect: 'forbid', reason: `no rule permits ${whoIs(staff)} to decide an appeal` }], policyVersion: this.version };
  }

  private decide(q: Question): Decision {
    const key = keyOf(q);
    const known = this.answers.get(key);
    if (known) return known;
    const answer = cedar.statefulIsAuthorized({
      principal: principalOf(q),
      action: { type: 'Action', id: q.action },
      resource: resourceOf(q),
      context: {},
      entities: entitiesOf(q),
      preparsedPolicySetId: this.setId,
    });
    if (answer.type === 'failure') throw new Error(`operation rules could not evaluate ${key}: ${answer.errors.map((e) => e.message).join('; ')}`);
    const { decision, diagnostics } = answer.response;
    const decided = diagnostics.errors.length > 0 ? erred(diagnostics.errors, this.version) : this.outcome(decision === 'allow', diagnostics.reason, q);
    this.answers.set(key, decided);
    return decided;
  }

  private outcome(allowed: boolean, ids: string[], q: Question): Decision {
    const rules = ids.map((id) => this.byId.get(id)).filter((r) => r !== undefined).map((r) => ({ id: r.id, effect: r.effect, reason: r.reason }));
    if (allowed || rules.length > 0) return { allowed, rules, policyVersion: this.version };
    return { allowed, rules: [{ id: 'default-deny', effect: 'forbid', reason: `no rule permits ${describe(q)}` }], policyVersion: this.version };
  }
}

let sets = 0;

/** A 403 naming what was refused and the rules that refused it (the decision, with their @ids, in the body). */
export function refusal(head: string, decision: Decision, details: Record<string, unknown> = {}) {
  const said = decision.rules.filter((r) => r.id !== 'default-deny').map((r) => r.reason);
  return forbidden(`${head}: ${said.length > 0 ? said.join('; ') : 'no rule permits it'}`, { ...details, decision });
}

function erred(errors: { policyId: string; error: { message: string } }[], version: string): Decision {
  // a rule that errs is skipped by Cedar; a skipped forbid must not turn into an allow
  const rules = errors.map((e) => ({ id: e.policyId, effect: 'forbid' as const, reason: `rule ${e.policyId} could not be evaluated (${e.error.message}); refusing` }));
  return { allowed: false, rules, policyVersion: version };
}

function keyOf(q: Question): string {
  const who = 'caller' in q ? (q.caller.type === 'Service' ? 'service' : `${q.caller.role}/${q.caller.employment}/${q.caller.accessActive}`) : '-';
  const what = q.action === 'call' ? q.operation : q.action === 'create_staff' ? q.role : q.queue;
  return `${q.action} ${who} ${what}`;
}

function principalOf(q: Question): cedar.EntityUid {
  if (q.action === 'create_staff') return { type: 'System', id: ANONYMOUS };
  return { type: q.caller.type, id: ANONYMOUS };
}

function resourceOf(q: Question): cedar.EntityUid {
  if (q.action === 'call') return { type: 'Operation', id: q.operation };
  if (q.action === 'create_staff') return { type: 'Role', id: q.role };
  return { type: 'Queue', id: q.queue };
}

function entitiesOf(q: Question): cedar.EntityJson[] {
  const out: cedar.EntityJson[] = [];
  if ('caller' in q && q.caller.type === 'Staff') {
    const { role, employment, accessActive } = q.caller;
    out.push({ uid: { type: 'Staff', id: ANONYMOUS }, attrs: { role, employment, accessActive }, parents: [] });
  }
  if (q.action === 'call') {
    const parents = OPERATIONS[q.operation].map((id) => ({ type: 'OperationGroup', id }));
    out.push({ uid: { type: 'Operation', id: q.operation }, attrs: {}, parents });
  } else if (q.action !== 'create_staff') out.push({ uid: { type: 'Queue', id: q.queue }, attrs: { tier: queueTier(q.queue), purpose: queuePurpose(q.queue) }, parents: [] });
  return out;
}

function whoIs(c: Caller): string {
  if (c.type === 'Service') return "the platform's service token";
  const who = `${c.employment === 'contractor' ? 'contractor ' : ''}${c.role}`;
  return `${/^[aeiou]/.test(who) ? 'an' : 'a'} ${who}${c.accessActive ? '' : ' whose access window is closed'}`;
}

function describe(q: Question): string {
  if (q.action === 'call') return `${whoIs(q.caller)} to call ${q.operation}`;
  if (q.action === 'create_staff') return `a new staff record to be ${q.role}`;
  return `${whoIs(q.caller)} to ${q.action === 'see_queue' ? 'see' : 'work'} queue ${q.queue}`;
}
