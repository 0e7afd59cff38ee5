/**
 * The policy in force. The active policy set lives in the store (so every
 * Warden process enforces the same one, and changing it is an approved,
 * audited action); engines are cached by version. Also the freeze switch,
 * and the shipped operation rules (`authorizer`: who may call what, see and
 * work which queue), which ship with the release and are never adopted.
 */
import { createHash } from 'node:crypto';
import type { AuditAppender } from '../audit/service.js';
import { type PolicyAuditEvent, freezeSet, policyActivated, shippedPolicyActivated } from './events.js';
import type { Actor } from '../audit/model.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { DomainError } from '../errors.js';
import type { Authorizer } from './authorizer.js';
import { PolicyEngine, PolicyLoadError, type PolicyProblem, formatProblem } from './engine.js';
import { compileOnThread } from './compile-thread.js';
import { PolicyInvariantError, rememberVerification, requireInvariants, requireInvariantsIn } from './verified.js';
import { fromJson, toJson } from '../db/json.js';

/** A policy set's files, whatever order they were given in. */
const filesKey = (files: Record<string, string>) =>
  createHash('sha256')
    .update(JSON.stringify(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))))
    .digest('hex');

function breachError(err: PolicyInvariantError): DomainError {
  const { counterexamples } = err.verification;
  return new DomainError('invalid_input', err.message, {
    fields: counterexamples.map((c) => ({ path: 'policyFiles', message: `breaks ${c.invariant}: ${c.facts} would be allowed` })),
    counterexamples: counterexamples.map((c) => ({ invariant: c.invariant, facts: c.facts, request: c.request, rules: c.decision.rules })),
  });
}

function loadError(problems: PolicyProblem[]): DomainError {
  return new DomainError('invalid_input', `policy set does not load: ${problems.map(formatProblem).join('; ')}`, {
    fields: problems.map((p) => ({ path: `policyFiles.${p.file}`, message: `line ${p.line}: ${p.message}` })),
  });
}

export class PolicyService {
  private readonly engines = new Map<string, PolicyEngine>();
  private readonly schemaText: string;
  /** Proposed sets compileChecked found sound, by a hash of their files (the few most recent). */
  private readonly checked = new Set<string>();
  /** Engines `compile` built, by the same hash (the few most recent). */
  private readonly compiled = new Map<string, PolicyEngine>();

  constructor(
    private readonly shipped: PolicyEngine,
    /** the shipped operation rules: the same in every store, whatever set it has adopted */
    readonly authorizer: Authorizer,
    private readonly audit: AuditAppender<PolicyAuditEvent>,
    private readonly clock: Clock,
  ) {
    this.engines.set(shipped.version, shipped);
    this.schemaText = shipped.schemaText();
  }

  /** Make sure the store has an active policy set: the shipped one on first start. */
  async ensureActive(db: Db): Promise<void> {
    const active = await db.selectFrom('policy_versions').select('version').where('activated_at', 'is not', null).executeTakeFirst();
    if (active) return;
    await inTransaction(db, async (tx) => {
      const again = await tx.selectFrom('policy_versions').select('version').where('activated_at', 'is not', null).executeTakeFirst();
      if (again) return;
      const now = this.clock.now();
      const inserted = await tx
        .insertInto('policy_versions')
        .values({ version: this.shipped.version, files: toJson(this.shipped.files()), created_at: now, activated_at: now, activated_by_action: null })
        .onConflict((oc) => oc.column('version').doNothing())
        .returning('version')
        .executeTakeFirst();
      // another instance starting on the same new store activated it first (PostgreSQL: its insert won)
      if (!inserted) return;
      await this.audit.append(tx, shippedPolicyActivated(this.shipped.version, Object.keys(this.shipped.files())));
    });
  }

  /** The engine of the policy set active in the store at this moment. */
  async current(db: Db): Promise<PolicyEngine> {
    const row = await db
      .selectFrom('policy_versions')
      .select(['version', 'files'])
      .where('activated_at', 'is not', null)
      .orderBy('activated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return this.shipped;
    const cached = this.engines.get(row.version);
    if (cached) return cached;
    // a set in the store that breaks an invariant is never enforced: every decision fails closed
    const engine = await requireInvariantsIn(db, PolicyEngine.fromFiles(fromJson(row.files), this.schemaText), this.clock.now());
    this.engines.set(row.version, engine);
    return engine;
  }

  /**
   * Parse and validate a proposed policy set, and hold it to Warden's
   * invariants: a bad one is refused naming file and line, one that would let
   * a single person do what the invariants forbid is refused with the facts
   * that show it.
   */
  compile(files: Record<string, string>): PolicyEngine {
    // an approver's brief compiles the proposed set on every view: built once (Cedar keeps every built set for good)
    const key = filesKey(files);
    const known = this.compiled.get(key);
    if (known) return known;
    try {
      const engine = requireInvariants(PolicyEngine.fromFiles(files, this.schemaText));
      this.compiled.set(key, engine);
      if (this.compiled.size > 16) this.compiled.delete(this.compiled.keys().next().value!);
      return engine;
    } catch (err) {
      if (err instanceof PolicyInvariantError) throw breachError(err);
      if (err instanceof PolicyLoadError) throw loadError(err.problems);
      throw err;
    }
  }

  /**
   * `compile`'s judgement of a proposed set, made on a worker thread: parsing
   * a large set and verifying it (a second or two of CPU) never holds up other
   * requests, and nothing Cedar does on hostile text can break this thread's
   * engines. Refusals are `compile`'s, naming file and line; a verified set is
   * remembered, so activating it later does not verify it again.
   */
  async compileChecked(files: Record<string, string>): Promise<void> {
    const key = filesKey(files);
    if (this.checked.has(key) || this.compiled.has(key)) return;
    // a set that is or was in force here passed the invariants when it was loaded: proposing it again (a reset to the shipped set) asks nothing new
    if ([...this.engines.values()].some((e) => filesKey(e.files()) === key)) return;
    const answer = await compileOnThread({ files, schemaText: this.schemaText });
    if (answer.type === 'problems') throw loadError(answer.problems);
    if (answer.type === 'failed') {
      throw new DomainError('invalid_input', `policy set does not load: Cedar could not process it: ${answer.message}`, {
        fields: [{ path: 'policyFiles', message: `Cedar could not process it: ${answer.message}` }],
      });
    }
    if (answer.verification.counterexamples.length > 0) throw breachError(new PolicyInvariantError(answer.verification));
    rememberVerification(answer.verification);
    // judged before a transaction opens and again inside it: the second time costs nothing
    this.checked.add(key);
    if (this.checked.size > 16) this.checked.delete(this.checked.values().next().value!);
  }

  /** Called by the execution of an approved change_policy action. */
  async activate(tx: Db, files: Record<string, string>, actionId: string): Promise<string> {
    const engine = this.compile(files);
    const now = this.clock.now();
    const before = await this.current(tx);
    await tx
      .insertInto('policy_versions')
      .values({ version: engine.version, files: toJson(engine.files()), created_at: now, activated_at: now, activated_by_action: actionId })
      .onConflict((oc) => oc.column('version').doUpdateSet({ activated_at: now, activated_by_action: actionId }))
      .execute();
    await tx.updateTable('policy_versions').set({ activated_at: null }).where('version', '<>', engine.version).execute();
    this.engines.set(engine.version, engine);
    await this.audit.append(tx, policyActivated(before.version, engine.version, Object.keys(files), actionId));
    return engine.version;
  }

  async isFrozen(db: Db): Promise<boolean> {
    const row = await db.selectFrom('settings').select('value').where('key', '=', 'freeze').executeTakeFirst();
    return row ? (JSON.parse(row.value) as { on: boolean }).on : false;
  }

  /** The freeze switch: stops enforcement at once; audited. */
  async setFreeze(tx: Db, actor: Actor, on: boolean, reason: string): Promise<void> {
    const was = await this.isFrozen(tx);
    const now = this.clock.now();
    await tx
      .insertInto('settings')
      .values({ key: 'freeze', value: JSON.stringify({ on }), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify({ on }), updated_at: now }))
      .execute();
    await this.audit.append(tx, freezeSet(actor, was, on, reason));
  }
}
