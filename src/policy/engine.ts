/**
 * The Cedar policy set in force, loaded once and asked many times.
 *
 * Loading parses every policy file, checks that each policy carries `@id` and
 * `@reason`, and validates it against the schema; a set with any problem
 * refuses to load, naming file and line.
 *
 * A decision is one `statefulIsAuthorized` call on a pre-parsed policy set
 * (Cedar keeps it in the wasm module's memory). Most of its cost is Cedar
 * converting the facts it is handed, then evaluating rules, so the set is
 * partitioned by what a rule's scope can match (stage, principal type,
 * resource type) and each partition is handed only the facts its rules read.
 * Neither changes an answer: a rule left out could not match, a fact left
 * out could not be read (test/policy.test.ts checks against the whole set).
 *
 * The number and kind of approvals an action needs is never written down here:
 * `requiredApprovals` finds it by asking the same policy set hypothetical
 * questions ("would execute be allowed with one lead's approval?").
 */
import './v8-flags.js';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { ROLES, type Role } from '../staff/model.js';
import { loadPolicyFiles, normalise, PolicyLoadError, type LoadedRule, type PolicyFile } from './load.js';
import { adoptedScope } from './operations.js';
import {
  type ApprovalCounts,
  type ApprovalRequirement,
  type Decision,
  type DecisionContext,
  type DecisionRequest,
  type RuleHit,
  type Stage,
  noApprovals,
  STAGES,
} from './model.js';
import { KINDS } from '../actions/kinds.js';

export { PolicyLoadError, formatProblem, type PolicyProblem } from './load.js';

export const SCHEMA_FILE = 'schema.cedarschema';

/** The facts of a question about execution, before any approval exists. */
export type ApprovalQuestion = Omit<DecisionRequest, 'stage' | 'context'> & { context: Omit<DecisionContext, 'approvals'> };

/** The request facts were not what the schema describes: a bug in the caller, not a denial. */
export class PolicyEvaluationError extends Error {
  constructor(readonly messages: string[]) {
    super(`policy could not evaluate the request: ${messages.join('; ')}`);
    this.name = 'PolicyEvaluationError';
  }
}

/** No more approvals than this are ever considered when deriving a requirement. */
const MAX_APPROVALS = 5;
const HYPOTHETICAL_APPROVER = '\u0000hypothetical-approver';

let engineSeq = 0;

export class PolicyEngine {
  /** sha256 of the normalised policy text and schema, first 12 hex digits */
  readonly version: string;
  private readonly schemaName: string;
  private readonly byId: Map<string, LoadedRule>;
  private readonly order: Map<string, number>;
  /**
   * Pre-parsed Cedar policy sets, one per kind of request (stage, principal
   * type, resource type), each holding only the rules whose scope can match
   * it, with the facts those rules can read; all made at load.
   */
  private readonly partitions = new Map<string, Partition>();
  private readonly setPrefix: string;

  private constructor(
    private readonly policyFiles: PolicyFile[],
    private readonly schema: string,
    private readonly loaded: LoadedRule[],
  ) {
    this.version = createHash('sha256').update(normalisedText(policyFiles)).update('\n\u0000schema\n').update(normalise(schema)).digest('hex').slice(0, 12);
    this.byId = new Map(loaded.map((r) => [r.id, r]));
    this.order = new Map(loaded.map((r, i) => [r.id, i]));
    // Cedar keeps pre-parsed sets for the life of the process: names must never collide
    this.setPrefix = `warden-${this.version}-${++engineSeq}`;
    this.schemaName = `${this.setPrefix}-schema`;
    const sch = cedar.preparseSchema(this.schemaName, schema);
    // it was parsed by loadPolicyFiles: a failure here is Cedar's, not the author's
    if (sch.type === 'failure') throw new Error(`cedar refused a validated schema: ${sch.errors.map((e) => e.message).join('; ')}`);
    for (const stage of STAGES) for (const p of ['Staff', 'System']) for (const r of ['Account', 'Staff', 'PolicySet', 'Reporter']) this.partition(stage, p, r);
  }

  /** The `*.cedar` files of `dir` and its `schema.cedarschema`; problems name `dir/file:line`. */
  static load(dir = 'policies'): PolicyEngine {
    const names = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.cedar'))
      .sort();
    const files = names.map((name) => ({ name, display: path.join(dir, name), text: fs.readFileSync(path.join(dir, name), 'utf8') }));
    const schemaPath = path.join(dir, SCHEMA_FILE);
    if (!fs.existsSync(schemaPath)) throw new PolicyLoadError([{ file: schemaPath, line: 1, message: 'the schema file is missing' }]);
    return PolicyEngine.build(files, { display: schemaPath, text: fs.readFileSync(schemaPath, 'utf8') });
  }

  /** Policy text (one file, called `policies.cedar`) or named files, and the schema text. */
  static fromText(policies: string | { file: string; text: string }[], schemaText: string): PolicyEngine {
    const list = typeof policies === 'string' ? [{ file: 'policies.cedar', text: policies }] : policies;
    return PolicyEngine.build(
      list.map((f) => ({ name: f.file, display: f.file, text: f.text })),
      { display: SCHEMA_FILE, text: schemaText },
    );
  }

  /** The inverse of `files()`: file name → text, as stored with a policy version. */
  static fromFiles(files: Record<string, string>, schemaText: string): PolicyEngine {
    return PolicyEngine.fromText(
      Object.entries(files).map(([file, text]) => ({ file, text })),
      schemaText,
    );
  }

  private static build(files: { name: string; display: string; text: string }[], schema: { display: string; text: string }): PolicyEngine {
    const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const rules = loadPolicyFiles(sorted, schema, adoptedScope);
    return new PolicyEngine(
      sorted.map((f) => ({ name: f.name, text: f.text })),
      schema.text,
      rules,
    );
  }

  private partition(stage: Stage, principal: string, resource: string): Partition {
    const key = `${stage}/${principal}/${resource}`;
    const made = this.partitions.get(key);
    if (made) return made;
    const rules = this.loaded.filter(({ scope }) => scope.stages.includes(stage) && (scope.principal ?? principal) === principal && (scope.resource ?? resource) === resource);
    const id = `${this.setPrefix}-${key}`;
    const answer = cedar.preparsePolicySet(id, { staticPolicies: Object.fromEntries(rules.map((r) => [r.id, r.text])) });
    if (answer.type === 'failure') throw new Error(`cedar refused a validated policy set: ${answer.errors.map((e) => e.message).join('; ')}`);
    const part = { id, shape: shapeRead(rules) };
    this.partitions.set(key, part);
    return part;
  }

  /** Policy file name → text (the schema is `schemaText()`). */
  files(): Record<string, string> {
    return Object.fromEntries(this.policyFiles.map((f) => [f.name, f.text]));
  }

  /** All policy files, normalised and joined in file-name order: the text the version hashes. */
  text(): string {
    return normalisedText(this.policyFiles);
  }

  schemaText(): string {
    return this.schema;
  }

  /** Every attribute name some rule of the set reads (erring towards more): a fact no rule reads changes no answer. */
  factsRead(): ReadonlySet<string> {
    return new Set(this.loaded.flatMap((r) => [...r.reads.names]));
  }

  /** Every rule of the set, in file order. */
  rules(): (RuleHit & { file: string; line: number })[] {
    return [...this.byId.values()].map((r) => ({ id: r.id, effect: r.effect, reason: r.reason, file: r.file, line: r.line }));
  }

  /**
   * Allow or deny, with the rules that decided it.
   *
   * The schema checked every policy at load; requests are not re-checked
   * against it unless asked (`validateRequest`, as `warden policy test` does:
   * it then carries every fact the schema declares), because that costs about
   * as much again as the decision and the types of DecisionRequest already say
   * what the schema says. Should a fact still be of the wrong type, the rule
   * reading it errors, and a decision with an erring rule is a deny.
   */
  decide(req: DecisionRequest, opts: { validateRequest?: boolean } = {}): Decision {
    const part = this.partition(req.stage, req.principal.type, req.resource.type);
    const shape = opts.validateRequest ? ALL_FACTS : part.shape;
    const answer = cedar.statefulIsAuthorized({
      principal: { type: req.principal.type, id: req.principal.id },
      action: { type: 'Action', id: req.stage },
      resource: { type: req.resource.type, id: req.resource.id },
      context: contextOf(req.context, shape),
      entities: entitiesOf(req, shape),
      preparsedPolicySetId: part.id,
      ...(opts.validateRequest ? { preparsedSchemaName: this.schemaName, validateRequest: true } : {}),
    });
    if (answer.type === 'failure') throw new PolicyEvaluationError(answer.errors.map((e) => e.message));
    const { decision, diagnostics } = answer.response;
    // A rule that errors is skipped by Cedar; a skipped forbid must not turn into an allow.
    if (diagnostics.errors.length > 0) {
      return {
        allowed: false,
        policyVersion: this.version,
        rules: diagnostics.errors.map((e) => ({ id: e.policyId, effect: 'forbid', reason: `rule ${e.policyId} could not be evaluated (${e.error.message}); refusing` })),
      };
    }
    const rules = this.hits(diagnostics.reason);
    if (decision === 'allow') return { allowed: true, rules, policyVersion: this.version };
    return { allowed: false, rules: rules.length > 0 ? rules : [defaultDeny(req)], policyVersion: this.version };
  }

  /**
   * The approvals `execute` will demand, found by asking it: with none, is it
   * allowed? If not, for each role that `approve` admits at all, the fewest
   * approvals of that role that make `execute` allow. Roles needing the same
   * number are one requirement. Empty when no approval is needed.
   */
  requiredApprovals(q: ApprovalQuestion): ApprovalRequirement[] {
    const execute = (approvals: ApprovalCounts) => this.decide({ ...q, stage: 'execute', context: { ...q.context, approvals } });
    const none = execute(noApprovals());
    if (none.allowed) return [];
    const approve = (role: Role, extra: { employment?: 'employee' | 'contractor'; isProposer?: boolean } = {}) =>
      this.decide({
        stage: 'approve',
        principal: { type: 'Staff', id: HYPOTHETICAL_APPROVER, role, employment: extra.employment ?? 'employee', accessActive: true },
        resource: q.resource,
        context: { ...q.context, isProposer: extra.isProposer ?? false, approverDependent: false, approvals: noApprovals() },
      }).allowed;
    const approvers = ROLES.filter((r) => approve(r));
    const fewest = new Map<number, Role[]>();
    for (const role of approvers) {
      for (let n = 1; n <= MAX_APPROVALS; n++) {
        if (execute({ ...noApprovals(), [role]: n, total: n }).allowed) {
          fewest.set(n, [...(fewest.get(n) ?? []), role]);
          break;
        }
      }
    }
    const demanding = none.rules;
    if (fewest.size === 0) {
      return [{ count: 0, roles: [], rules: demanding, unattainable: true, text: `cannot be executed with any number of approvals: ${demanding.map((r) => r.reason).join('; ')}` }];
    }
    // what else the policy says about approvers, asked of it rather than assumed
    const caveats: string[] = [];
    if (approvers.every((r) => !approve(r, { isProposer: true }))) caveats.push('the proposer cannot approve');
    if (approvers.every((r) => !approve(r, { employment: 'contractor' }))) caveats.push('contractors cannot approve');
    return [...fewest.entries()]
      .sort(([a], [b]) => a - b)
      .map(([count, roles]) => ({ count, roles, rules: demanding, text: requirementText(count, roles, caveats) }));
  }

  /**
   * What the console shows before submitting: may this person propose it, and
   * which approvals will its execution need.
   */
  preview(q: ApprovalQuestion): { propose: Decision; approvals: ApprovalRequirement[] } {
    const propose = this.decide({ ...q, stage: 'propose', context: { ...q.context, approvals: noApprovals() } });
    return { propose, approvals: propose.allowed ? this.requiredApprovals(q) : [] };
  }

  /** One sentence saying why a decision came out as it did. */
  explain(decision: Decision): string {
    return explainDecision(decision);
  }

  private hits(ids: string[]): RuleHit[] {
    return [...new Set(ids)]
      .sort((a, b) => (this.order.get(a) ?? Infinity) - (this.order.get(b) ?? Infinity))
      .map((id) => {
        const r = this.byId.get(id);
        return r ? { id, effect: r.effect, reason: r.reason } : { id, effect: 'forbid', reason: id };
      });
  }
}

/** "denied: the proposer can never approve their own proposal; …" */
export function explainDeny(decision: Decision): string {
  return explainDecision(decision);
}

function explainDecision(d: Decision): string {
  const reasons = d.rules.map((r) => r.reason);
  if (d.allowed) return reasons.length > 0 ? `allowed: ${reasons.join('; ')}` : 'allowed';
  return `denied: ${reasons.length > 0 ? reasons.join('; ') : 'no rule permits it'}`;
}

// --- request → Cedar -----------------------------------------------------------

interface Partition {
  /** the pre-parsed policy set's name */
  id: string;
  shape: FactsShape;
}

/** Which facts a decision hands Cedar: the keys of each record, in order. */
interface FactsShape {
  staff: readonly string[];
  account: readonly string[];
  context: readonly string[];
  approvals: readonly string[];
}

/** Everything the schema declares: what a request checked against it must carry. */
const ALL_FACTS: FactsShape = {
  staff: ['role', 'employment', 'accessActive'],
  account: ['tier', 'followers', 'status', 'liveStrikes'],
  context: ['kind', 'kindOf', 'effect', 'destructive', 'frozen', 'hourlyFollowers', 'isProposer', 'approverDependent', 'grantedRole', 'automatic', 'approvals'],
  approvals: ['total', ...ROLES],
};

const EFFECT_FACTS = ['fromStatus', 'toStatus', 'restricts', 'durationMs'] as const;

/** Only the facts some rule of `rules` can read (see FactsRead: it errs towards more). */
function shapeRead(rules: LoadedRule[]): FactsShape {
  const names = new Set(rules.flatMap((r) => [...r.reads.names]));
  const whole = new Set(rules.flatMap((r) => [...r.reads.whole]));
  const wholeContext = rules.some((r) => r.reads.wholeContext);
  const read = (k: string) => names.has(k);
  return {
    staff: ALL_FACTS.staff.filter(read),
    account: ALL_FACTS.account.filter(read),
    context: wholeContext ? ALL_FACTS.context : ALL_FACTS.context.filter(read),
    approvals: wholeContext || whole.has('approvals') ? ALL_FACTS.approvals : ALL_FACTS.approvals.filter(read),
  };
}

function pick(from: object, keys: readonly string[]): Record<string, cedar.CedarValueJson> {
  const out: Record<string, cedar.CedarValueJson> = {};
  for (const k of keys) out[k] = (from as Record<string, cedar.CedarValueJson>)[k]!;
  return out;
}

function contextOf(c: DecisionContext, shape: FactsShape): cedar.Context {
  // key by key, never the caller's object: Cedar's request validation refuses any attribute the schema does not declare
  const out = pick(c, shape.context);
  if ('kindOf' in out) out.kindOf = { __entity: { type: 'Kind', id: c.kind } };
  if ('approvals' in out) out.approvals = pick(c.approvals, shape.approvals);
  if ('effect' in out) out.effect = pick(c.effect, EFFECT_FACTS);
  return out;
}

/**
 * The request's entities with the attributes their rules read. An entity with
 * no attributes to carry is left out: Cedar treats an entity it is not given
 * as one with no attributes and no parents, which is what it would be.
 */
function entitiesOf(req: DecisionRequest, shape: FactsShape): cedar.EntityJson[] {
  const out: cedar.EntityJson[] = [];
  const p = req.principal;
  if (p.type === 'Staff') out.push({ uid: { type: 'Staff', id: p.id }, attrs: pick(p, shape.staff), parents: [] });
  const r = req.resource;
  if (r.type === 'Account') out.push({ uid: { type: 'Account', id: r.id }, attrs: pick(r, shape.account), parents: [] });
  // the same person as principal and resource (elevating oneself) is one entity, the principal's;
  // another person carries no access window (`accessActive` is optional in the schema)
  else if (r.type === 'Staff' && !(p.type === 'Staff' && p.id === r.id)) out.push({ uid: { type: 'Staff', id: r.id }, attrs: pick(r, shape.staff.filter((k) => k !== 'accessActive')), parents: [] });
  // the kind, a member of the groups the kind table puts it in
  if (shape.context.includes('kindOf')) {
    out.push({ uid: { type: 'Kind', id: req.context.kind }, attrs: {}, parents: KINDS[req.context.kind].groups.map((id) => ({ type: 'KindGroup', id })) });
  }
  return out;
}

function defaultDeny(req: DecisionRequest): RuleHit {
  const p = req.principal;
  const who = p.type === 'System' ? 'Warden itself' : `${p.employment === 'contractor' ? 'a contractor ' : ''}${p.role}`;
  const r = req.resource;
  const what =
    r.type === 'Account'
      ? `a ${r.tier} account`
      : r.type === 'Staff'
        ? p.type === 'Staff' && p.id === r.id
          ? 'themselves'
          : 'another staff member'
        : r.type === 'Reporter'
          ? 'a reporter'
          : 'the policy set';
  return { id: 'default-deny', effect: 'forbid', reason: `no rule permits ${who} to ${req.stage} ${req.context.kind} on ${what}` };
}

// --- text ----------------------------------------------------------------------

function requirementText(count: number, roles: Role[], caveats: string[]): string {
  const plural = (r: Role) => (r === 'triage' ? 'triage staff' : `${r}s`);
  const article = (r: Role) => (/^[aeiou]/.test(r) ? `an ${r}` : `a ${r}`);
  const names = count === 1 ? roles.map(article) : roles.map(plural);
  const list = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  const head = count === 1 ? `needs 1 approval from ${list}` : `needs ${count} approvals from distinct ${list}`;
  return [head, ...caveats].join('; ');
}

function normalisedText(files: PolicyFile[]): string {
  return files.map((f) => normalise(f.text)).join('\n\n');
}
