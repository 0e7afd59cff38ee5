/**
 * Wires everything once. Tests pass overrides (a manual clock, a store) and get
 * the same graph the server runs.
 */
import pino, { type Logger } from 'pino';
import { AccountService } from './accounts/service.js';
import { AuditLog } from './audit/service.js';
import { BulkActions } from './actions/bulk.js';
import { TransparencyReports } from './transparency/service.js';
import { LeadMetricsService } from './metrics/service.js';
import type { WardenEvent } from './events.js';
import { CaseFolding } from './cases/folding.js';
import { CaseService } from './cases/service.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { type Db, type Store, openStore } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { inTransaction } from './db/transaction.js';
import { HttpPlatformAdapter } from './platform/http-adapter.js';
import type { PlatformAdapter } from './platform/adapter.js';
import { GroupCommitIntake } from './reports/group-commit.js';
import { IntakeService } from './reports/service.js';
import { StaffService } from './staff/service.js';
import { AlertService } from './alerts/service.js';
import { StaffLifecycle } from './staff/lifecycle.js';
import { SessionService } from './sessions/service.js';
import { TotpVault } from './sessions/credentials.js';
import { OidcSignIn } from './sessions/oidc.js';
import { CredentialEnrolment } from './sessions/enrolment.js';
import { EnrolmentService } from './credentials/service.js';
import { ActionService } from './actions/service.js';
import { ActionCommands } from './actions/commands.js';
import { Executor } from './actions/execution.js';
import { NoticeService } from './notices/service.js';
import { StatementService } from './statements/service.js';
import { Authorizer } from './policy/authorizer.js';
import { PolicyEngine } from './policy/engine.js';
import { requireInvariantsIn } from './policy/verified.js';
import { PolicyService } from './policy/service.js';
import { DomainError } from './errors.js';
import { IdempotencyStore, type IdempotentRequest } from './idempotency.js';
import { TripwireService } from './tripwires/service.js';
import { PlatformWebhookVerifier } from './tripwires/webhook.js';
import { RequestLimiter } from './rate-limits.js';
import { PlatformReachability } from './platform/reachability.js';
import { Leases, leaseHolderId } from './workers/lease.js';
import { propertyOf } from './errors.js';
import { StrikeService } from './strikes/service.js';
import { SuspensionSuggestions } from './strikes/suggestion.js';
import { ReporterService } from './reporters/service.js';
import { WarningSuggestions } from './reporters/suggestion.js';
import { AppealCases } from './cases/appeal-cases.js';
import { AppealService } from './appeals/service.js';
import { AppealReader } from './appeals/view.js';
import { NotificationService } from './notifications/service.js';

export interface Overrides {
  clock?: Clock;
  store?: Store;
  logger?: Logger;
  platform?: PlatformAdapter;
  policyEngine?: PolicyEngine;
  /**
   * tests only: run with a policy set that breaks Warden's invariants (to prove
   * the property test finds what it lets through); never reachable from config
   */
  unverifiedPolicy?: true;
  /** PostgreSQL schema to use (tests) */
  schema?: string;
}

// Loading validates the schema and pre-parses the set (seconds on a busy
// machine); a process loads the shipped files once, whatever else it opens.
const shippedPolicies = new Map<string, PolicyEngine>();
function loadShippedPolicy(dir: string): PolicyEngine {
  let engine = shippedPolicies.get(dir);
  if (!engine) shippedPolicies.set(dir, (engine = PolicyEngine.load(dir)));
  return engine;
}

// the operation rules ship beside the policy set (policies/operations) and are loaded with it, once
const shippedAuthorizers = new Map<string, Authorizer>();
function loadAuthorizer(dir: string): Authorizer {
  let authorizer = shippedAuthorizers.get(dir);
  if (!authorizer) shippedAuthorizers.set(dir, (authorizer = Authorizer.load(dir)));
  return authorizer;
}

/** how often a transaction PostgreSQL aborted over a lock conflict is run again */
const TRANSACTION_ATTEMPTS = 4;

export class AppContext {
  readonly audit: AuditLog<WardenEvent>;
  readonly accounts: AccountService;
  readonly staff: StaffService;
  readonly cases: CaseService;
  readonly intake: IntakeService;
  readonly groupIntake: GroupCommitIntake;
  readonly policy: PolicyService;
  readonly executor: Executor;
  /** what owners, reporters and appellants are told (src/notices) */
  readonly notices: NoticeService;
  /** statements of reasons for the DSA Transparency Database (src/statements) */
  readonly statements: StatementService;
  /** reporters' standing: trusted flaggers, and measures against misuse of reporting (src/reporters) */
  readonly reporters: ReporterService;
  readonly actions: ActionService;
  /** propose, approve, reject, execute: each its own transaction, with every check it owes (HTTP and the CLI) */
  readonly actionCommands: ActionCommands;
  readonly bulk: BulkActions;
  /** strikes on standard accounts, and the suspensions Warden suggests at their threshold */
  readonly strikes: StrikeService;
  readonly suggestions: SuspensionSuggestions;
  /** filing and deciding appeals, and reading them (the appeals queue) */
  readonly appeals: AppealService;
  readonly appealReader: AppealReader;
  readonly transparency: TransparencyReports;
  /** the leads' figures: time to review and decision, queue age, approval wait, overturn rate (src/metrics) */
  readonly leadMetrics: LeadMetricsService;
  /** what staff are told: approvals waiting, their proposals decided, new appeals, alerts (src/notifications) */
  readonly staffNotifications: NotificationService;
  readonly lifecycle: StaffLifecycle;
  readonly alerts: AlertService;
  readonly tripwires: TripwireService;
  readonly platformWebhooks: PlatformWebhookVerifier;
  readonly sessions: SessionService;
  readonly credentials: CredentialEnrolment;
  /** enrolments (codes towards their holders) and tokens */
  readonly enrolments: EnrolmentService;
  readonly oidc: OidcSignIn;
  /** request rate limits on /v1, counted in the store */
  readonly requestLimits: RequestLimiter;
  readonly idempotency: IdempotencyStore;
  /** whether delivery reaches the platform (shared through the store): the outage alert, /readyz, /metrics */
  readonly reachability: PlatformReachability;
  /** this process's leases on singleton work (src/workers/lease.ts) */
  readonly leases: Leases;
  /** set when the process has begun to shut down: `/readyz` answers 503 from then on */
  shuttingDown = false;

  private constructor(
    readonly config: Config,
    readonly store: Store,
    readonly clock: Clock,
    readonly logger: Logger,
    readonly platform: PlatformAdapter,
    policyEngine: PolicyEngine,
  ) {
    this.audit = new AuditLog<WardenEvent>(store.dialect, clock);
    this.accounts = new AccountService(this.audit, clock);
    this.alerts = new AlertService(this.audit, clock);
    this.policy = new PolicyService(policyEngine, loadAuthorizer(config.policyDir), this.audit, clock);
    this.staff = new StaffService(this.audit, clock, this.policy.authorizer);
    this.cases = new CaseService(this.audit, clock, store.dialect, config.queues, this.policy.authorizer);
    this.intake = new IntakeService(this.audit, this.accounts, new CaseFolding(clock, store.dialect, config.intake), clock, config.intake);
    this.groupIntake = new GroupCommitIntake(this);
    this.notices = new NoticeService(this.audit, clock, store.dialect, config);
    this.cases.onResolved((tx, staff, kase, now) => this.notices.caseResolved(tx, { kind: 'staff', id: staff.id }, kase, now));
    this.statements = new StatementService(this.audit, this.alerts, clock, store.dialect, config.dsa);
    this.reporters = new ReporterService(this.audit, clock, store.dialect);
    this.executor = new Executor(this.audit, this.accounts, this.policy, clock, store.dialect, this.notices, this.statements, this.reporters);
    this.accounts.onTierChange((tx, id, tier, reason) => this.cases.rerouteForTier(tx, id, tier, reason));
    this.actions = new ActionService(this.audit, this.policy, this.executor, clock, store.dialect);
    this.strikes = new StrikeService(this.audit, clock);
    this.suggestions = new SuspensionSuggestions(this.audit, this.policy, clock, config.strikes);
    this.strikes.whenStruck(async (tx, accountId, live) => void (await this.suggestions.consider(tx, accountId, live)));
    // a case resolved as unfounded: Warden may suggest warning its reporters (src/reporters/suggestion.ts)
    const warnings = new WarningSuggestions(this.audit, this.policy, clock);
    this.cases.onResolved(async (tx, _staff, kase) => void (await warnings.caseResolved(tx, kase)));
    const appealCases = new AppealCases(this.audit, clock, store.dialect, this.cases);
    const appealDeps = { actions: this.actions, appealCases, strikes: this.strikes, authorizer: this.policy.authorizer };
    this.appeals = new AppealService(this.audit, appealDeps, clock, store.dialect, config);
    // the appellant is told the outcome with the reasons, through the outbox, in the decision's transaction
    this.appeals.whenDecided(async (tx, message, now) => void (await this.notices.tellAppealOutcome(tx, message, now)));
    this.transparency = new TransparencyReports(this.audit);
    this.leadMetrics = new LeadMetricsService(clock);
    this.appealReader = new AppealReader({ actions: this.actions, intake: this.intake, authorizer: this.policy.authorizer }, clock);
    // what an executed action owes other concepts, in its transaction: its strike, an appeal's reversal done
    this.executor.whenExecuted(async (tx, action) => {
      await this.strikes.recordFor(tx, action);
      await this.appeals.afterExecuted(tx, action);
    });
    this.tripwires = new TripwireService(this, this.audit, this.alerts, platform, clock, logger.child({ svc: 'tripwires' }), config.tripwires.response);
    this.platformWebhooks = new PlatformWebhookVerifier(config.platform.webhookSecret, clock, config.tripwires.webhookToleranceMs);
    const totpVault = new TotpVault(config.session.totpKey);
    this.sessions = new SessionService(this.audit, clock, config.session, totpVault);
    this.credentials = new CredentialEnrolment(this.audit, clock, totpVault, config.session.totpIssuer);
    this.oidc = new OidcSignIn(config.oidc, this.sessions, clock);
    const publicUrl = (config.publicUrl ?? `http://${config.host}:${config.port}`).replace(/\/$/, '');
    this.enrolments = new EnrolmentService(this.audit, clock, this.staff, this.credentials, config.enrolment, `${publicUrl}/v1/enrolments/redeem`);
    this.staffNotifications = new NotificationService(this.audit, { actions: this.actions, authorizer: this.policy.authorizer, seal: totpVault }, clock, store.dialect, publicUrl);
    // each told in the transaction of what it tells: the outbox row commits with it, or not at all
    this.executor.whenMoved((tx, action, move) => this.staffNotifications.actionMoved(tx, action, move));
    this.appeals.whenFiled((tx, appeal) => this.staffNotifications.appealFiled(tx, appeal));
    this.alerts.whenRaised((tx, alert) => this.staffNotifications.alertRaised(tx, alert));
    this.requestLimits = new RequestLimiter(clock, config.rateLimits);
    this.lifecycle = new StaffLifecycle(this.audit, this.actions, this.cases, this.sessions, clock);
    this.idempotency = new IdempotencyStore((fn) => this.transaction(fn), clock);
    this.actionCommands = new ActionCommands({
      db: store.db,
      clock,
      actions: this.actions,
      executor: this.executor,
      sessions: this.sessions,
      idempotency: this.idempotency,
    });
    this.bulk = new BulkActions({ db: store.db, clock, actions: this.actions, executor: this.executor, sessions: this.sessions, audit: this.audit });
    this.reachability = new PlatformReachability(this.alerts, clock, store.dialect, config.delivery.outageAfterMs);
    this.leases = new Leases(store.db, store.dialect, leaseHolderId(), config.workers.leaseMs);
  }

  static async create(config: Config, overrides: Overrides = {}): Promise<AppContext> {
    const store =
      overrides.store ??
      (await openStore(config.databaseUrl, { schema: overrides.schema ?? config.databaseSchema, synchronous: config.sqlite.synchronous }));
    await migrateToLatest(store);
    const logger = overrides.logger ?? pino({ level: config.logLevel, base: { svc: 'warden' } });
    // a lost connection is ridden out (the pool opens another); the operator hears of it
    store.onConnectionError = (err) => logger.warn({ err }, 'store connection lost; the pool reconnects on demand');
    const platform =
      overrides.platform ?? new HttpPlatformAdapter({ baseUrl: config.platform.url, adminToken: config.platform.adminToken, timeoutMs: config.platform.timeoutMs });
    // the shipped policy set must load and validate, or Warden refuses to start
    const loaded = overrides.policyEngine ?? loadShippedPolicy(config.policyDir);
    // ... and keep Warden's invariants (src/policy/invariants.ts), or it refuses to start
    const clock = overrides.clock ?? systemClock;
    const engine = overrides.unverifiedPolicy ? loaded : await requireInvariantsIn(store.db, loaded, clock.now());
    const ctx = new AppContext(config, store, overrides.clock ?? systemClock, logger, platform, engine);
    await ctx.policy.ensureActive(store.db);
    return ctx;
  }

  get db(): Db {
    return this.store.db;
  }

  /**
   * Run `fn` in one transaction: the change and its audit entries commit
   * together, and what it attached with onCommit (src/db/transaction.ts) runs
   * after.
   */
  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    try {
      return await this.runRetryingConflicts(fn);
    } catch (err) {
      // a refusal is itself worth an entry, though everything else rolled back
      if (err instanceof DomainError && err.auditOnRollback) await inTransaction(this.store.db, err.auditOnRollback);
      throw err;
    }
  }

  /**
   * `transaction`, answering a request that carries an idempotency key from
   * the store when it was answered before; the answer is kept in the same
   * transaction as the change (see src/idempotency.ts).
   */
  idempotent<T>(req: IdempotentRequest | null, status: number, fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.idempotency.run(req, status, fn);
  }

  /**
   * PostgreSQL may abort a transaction it chose as a deadlock victim (40P01)
   * or a serialization failure (40001); nothing of it was written, so it runs
   * again, a few times, after a short random pause; the work an aborted
   * attempt attached is dropped with it. (Lock order is kept so this is rare:
   * the audit head is the last lock a transaction takes.)
   */
  private async runRetryingConflicts<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(this.store.db, fn);
      } catch (err) {
        const code = propertyOf(err, 'code');
        if (attempt >= TRANSACTION_ATTEMPTS || (code !== '40P01' && code !== '40001')) throw err;
        this.logger.warn({ code, attempt }, 'transaction aborted by a lock conflict; running it again');
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  async close(): Promise<void> {
    await this.groupIntake.drain();
    await this.store.close();
  }
}
