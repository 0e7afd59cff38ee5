/**
 * Wires everything once. Tests pass overrides (a manual clock, a store) and get
 * the same graph the server runs.
 */
import pino, { type Logger } from 'pino';
import { AccountService } from './accounts/service.js';
import { AuditLog } from './audit/service.js';
import { CaseService } from './cases/service.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { type Db, type Store, openStore } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { HttpPlatformAdapter } from './platform/http-adapter.js';
import type { PlatformAdapter } from './platform/adapter.js';
import { GroupCommitIntake } from './reports/group-commit.js';
import { IntakeService } from './reports/service.js';
import { StaffService } from './staff/service.js';

export interface Overrides {
  clock?: Clock;
  store?: Store;
  logger?: Logger;
  platform?: PlatformAdapter;
  /** PostgreSQL schema to use (tests) */
  schema?: string;
}

export class AppContext {
  readonly audit: AuditLog;
  readonly accounts: AccountService;
  readonly staff: StaffService;
  readonly cases: CaseService;
  readonly intake: IntakeService;
  readonly groupIntake: GroupCommitIntake;

  private constructor(
    readonly config: Config,
    readonly store: Store,
    readonly clock: Clock,
    readonly logger: Logger,
    readonly platform: PlatformAdapter,
  ) {
    this.audit = new AuditLog(store.dialect, clock);
    this.accounts = new AccountService(this.audit, clock);
    this.staff = new StaffService(this.audit, clock);
    this.cases = new CaseService(this.audit, clock, store.dialect, { ...config.intake, ...config.queues });
    this.intake = new IntakeService(this.accounts, this.cases, clock, config.intake);
    this.groupIntake = new GroupCommitIntake(this);
  }

  static async create(config: Config, overrides: Overrides = {}): Promise<AppContext> {
    const store =
      overrides.store ??
      (await openStore(config.databaseUrl, { schema: overrides.schema, synchronous: config.sqlite.synchronous }));
    await migrateToLatest(store);
    const logger = overrides.logger ?? pino({ level: config.logLevel, base: { svc: 'warden' } });
    const platform =
      overrides.platform ?? new HttpPlatformAdapter({ baseUrl: config.platform.url, adminToken: config.platform.adminToken, timeoutMs: 5000 });
    return new AppContext(config, store, overrides.clock ?? systemClock, logger, platform);
  }

  get db(): Db {
    return this.store.db;
  }

  /** Run `fn` in one transaction: the change and its audit entries commit together. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.store.db.transaction().execute(fn);
  }

  async close(): Promise<void> {
    await this.groupIntake.drain();
    await this.store.close();
  }
}
