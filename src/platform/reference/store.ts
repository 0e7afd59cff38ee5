/**
 * The reference platform's own store: accounts, the actions applied to them
 * (keyed by idempotency key) and an append-only log of every account change.
 * Synchronous better-sqlite3, because this is a small stand-alone service and
 * not part of Warden's database.
 */
import Database from 'better-sqlite3';
import type {
  AccountPage,
  PlatformAccount,
  PlatformAccountState,
  PlatformAccountStatus,
  PlatformActionRequest,
  PlatformActionResult,
} from '../adapter.js';

export * from './model.js';
import { type ChangeSource, type AccountImport, type AccountEvent, type DirectChange, ReferencePlatformError, type ChangeListener, type AppliedAction } from './model.js';
import { ReferenceNotices } from './notices.js';

interface AccountRow {
  id: string;
  handle: string;
  display_name: string;
  followers: number;
  verified: number;
  status: PlatformAccountStatus;
  status_until: number | null;
  version: number;
  updated_at: number;
  language: string | null;
}

interface StateRow {
  id: string;
  status: PlatformAccountStatus;
  status_until: number | null;
  version: number;
  updated_at: number;
}

interface EventRow {
  seq: number;
  account_id: string;
  at: number;
  source: ChangeSource;
  before: string;
  after: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY,
    handle TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    followers INTEGER NOT NULL,
    verified INTEGER NOT NULL,
    status TEXT NOT NULL,
    status_until INTEGER,
    version INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS applied_actions (
    idempotency_key TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    request TEXT NOT NULL,
    result TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS account_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('admin_api', 'direct')),
    before TEXT NOT NULL,
    after TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS account_events_account ON account_events (account_id, seq);
`;

const toAccount = (r: AccountRow): PlatformAccount => ({
  id: r.id,
  handle: r.handle,
  displayName: r.display_name,
  followers: r.followers,
  verified: r.verified === 1,
  status: r.status,
  statusUntil: r.status_until,
  version: r.version,
  updatedAt: r.updated_at,
  // only when known: an account without one reads as it always did
  ...(r.language === null ? {} : { language: r.language }),
});

const eventId = (seq: number) => `evt_${seq}`;

const toEvent = (r: EventRow): AccountEvent => ({
  seq: r.seq,
  id: eventId(r.seq),
  accountId: r.account_id,
  at: r.at,
  source: r.source,
  before: JSON.parse(r.before) as PlatformAccount,
  after: JSON.parse(r.after) as PlatformAccount,
});

/**
 * The request as stored for the idempotency check: fixed key order and
 * explicit nulls, so "same body" means the same string.
 */
function canonicalRequest(req: PlatformActionRequest): string {
  return JSON.stringify({
    accountId: req.accountId,
    kind: req.kind,
    until: req.until ?? null,
    status: req.status ?? null,
    reason: req.reason,
    // only when given, so requests stored before conditional actions existed still match
    ...(req.expectedVersion === undefined ? {} : { expectedVersion: req.expectedVersion }),
  });
}

/** The state an action moves an account to. */
function nextState(account: PlatformAccount, req: PlatformActionRequest, now: number): Pick<PlatformAccount, 'status' | 'statusUntil'> {
  switch (req.kind) {
    case 'warn':
      return { status: account.status, statusUntil: account.statusUntil };
    case 'limit':
      return { status: 'limited', statusUntil: null };
    case 'lock':
      return { status: 'locked', statusUntil: null };
    case 'suspend':
      if (req.until == null) throw new ReferencePlatformError('invalid_input', 'suspend needs an end time', 'until');
      if (req.until <= now) throw new ReferencePlatformError('invalid_input', 'suspension must end in the future', 'until');
      return { status: 'suspended', statusUntil: req.until };
    case 'deactivate':
      return { status: 'deactivated', statusUntil: null };
    case 'restore':
      return { status: req.status ?? 'active', statusUntil: null };
    case 'set_status':
      if (req.status === undefined) throw new ReferencePlatformError('invalid_input', 'set_status needs a status', 'status');
      // only a suspension carries an end time; restoring one exactly needs it
      return { status: req.status, statusUntil: req.status === 'suspended' ? (req.until ?? null) : null };
  }
}

export class ReferenceStore {
  private readonly db: Database.Database;
  private readonly listeners = new Set<ChangeListener>();
  private readonly stmt;
  /** the notices Warden sent (src/platform/reference/notices.ts) */
  readonly notices: ReferenceNotices;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    // the owner's language came later: a store made before it gains the column
    const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(accounts)').all();
    if (!columns.some((c) => c.name === 'language')) this.db.exec('ALTER TABLE accounts ADD COLUMN language TEXT');
    this.notices = new ReferenceNotices(this.db);
    this.stmt = {
      get: this.db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?'),
      page: this.db.prepare<[string, number], AccountRow>('SELECT * FROM accounts WHERE id > ? ORDER BY id LIMIT ?'),
      // one bound parameter (a JSON array) whatever the number of ids
      states: this.db.prepare<[string], StateRow>(
        'SELECT id, status, status_until, version, updated_at FROM accounts WHERE id IN (SELECT value FROM json_each(?))',
      ),
      // existing accounts keep their moderation state: only actions and direct
      // changes move it, and both are logged and announced
      upsert: this.db.prepare(`
        INSERT INTO accounts (id, handle, display_name, followers, verified, status, status_until, version, updated_at, language)
        VALUES (@id, @handle, @displayName, @followers, @verified, @status, @statusUntil, 1, @now, @language)
        ON CONFLICT (id) DO UPDATE SET
          handle = excluded.handle, display_name = excluded.display_name,
          followers = excluded.followers, verified = excluded.verified, language = excluded.language,
          version = version + 1, updated_at = excluded.updated_at
        WHERE handle IS NOT excluded.handle OR display_name IS NOT excluded.display_name
          OR followers IS NOT excluded.followers OR verified IS NOT excluded.verified
          OR language IS NOT excluded.language`),
      setState: this.db.prepare(
        'UPDATE accounts SET status = ?, status_until = ?, version = version + 1, updated_at = ? WHERE id = ?',
      ),
      insertEvent: this.db.prepare<[string, number, ChangeSource, string, string]>(
        'INSERT INTO account_events (account_id, at, source, before, after) VALUES (?, ?, ?, ?, ?)',
      ),
      events: this.db.prepare<[string], EventRow>('SELECT * FROM account_events WHERE account_id = ? ORDER BY seq'),
      applied: this.db.prepare<[string], { request: string; result: string }>(
        'SELECT request, result FROM applied_actions WHERE idempotency_key = ?',
      ),
      recordApplied: this.db.prepare<[string, string, string, string, number]>(
        'INSERT INTO applied_actions (idempotency_key, account_id, request, result, applied_at) VALUES (?, ?, ?, ?, ?)',
      ),
      // rowid: the order the actions were applied in (the table is a rowid table)
      appliedAll: this.db.prepare<[], { seq: number; idempotency_key: string; account_id: string; request: string; applied_at: number }>(
        'SELECT rowid AS seq, idempotency_key, account_id, request, applied_at FROM applied_actions ORDER BY rowid',
      ),
    };
  }

  /** Called after each change commits; listeners must not throw or block. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  upsertAccounts(batch: readonly AccountImport[], now: number): void {
    const run = this.db.transaction((rows: readonly AccountImport[]) => {
      for (const a of rows) {
        this.stmt.upsert.run({
          id: a.id,
          handle: a.handle,
          displayName: a.displayName,
          followers: a.followers,
          verified: a.verified ? 1 : 0,
          status: a.status ?? 'active',
          statusUntil: a.statusUntil ?? null,
          language: a.language ?? null,
          now,
        });
      }
    });
    try {
      run(batch);
    } catch (err) {
      if (err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new ReferencePlatformError('handle_taken', 'a handle in the batch belongs to another account', 'accounts');
      }
      throw err;
    }
  }

  getAccount(id: string): PlatformAccount | null {
    const row = this.stmt.get.get(id);
    return row ? toAccount(row) : null;
  }

  /** Pages in id order; the cursor is the last id of the previous page. */
  listAccounts(cursor: string | null, limit: number): AccountPage {
    const rows = this.stmt.page.all(cursor ?? '', limit + 1);
    const accounts = rows.slice(0, limit).map(toAccount);
    const last = accounts.at(-1);
    return { accounts, nextCursor: rows.length > limit && last ? last.id : null };
  }

  /** The moderation state of many accounts at once; unknown ids are left out. */
  statesOf(ids: readonly string[]): PlatformAccountState[] {
    return this.stmt.states.all(JSON.stringify(ids)).map((r) => ({
      id: r.id,
      status: r.status,
      statusUntil: r.status_until,
      version: r.version,
      updatedAt: r.updated_at,
    }));
  }

  /**
   * Applies an action at most once per idempotency key. A repeat with the same
   * request returns the first result with `applied: false`; a repeat with a
   * different request is a conflict, since the caller has confused two actions.
   */
  applyAction(req: PlatformActionRequest, key: string, now: number): PlatformActionResult {
    const request = canonicalRequest(req);
    const { result, event } = this.db
      .transaction(() => {
        const seen = this.stmt.applied.get(key);
        if (seen) {
          if (seen.request !== request) {
            throw new ReferencePlatformError('idempotency_conflict', 'idempotency key was used for a different request', 'Idempotency-Key');
          }
          const first = JSON.parse(seen.result) as PlatformActionResult;
          return { result: { ...first, applied: false }, event: null };
        }
        const before = this.requireAccount(req.accountId);
        if (req.expectedVersion !== undefined && req.expectedVersion !== before.version) {
          throw new ReferencePlatformError(
            'version_conflict',
            `account ${req.accountId} is at version ${before.version}, not ${req.expectedVersion}`,
            'expectedVersion',
          );
        }
        const changed = this.changeState(before, nextState(before, req, now), 'admin_api', now);
        const applied: PlatformActionResult = { account: changed.after, applied: true };
        this.stmt.recordApplied.run(key, req.accountId, request, JSON.stringify(applied), now);
        return { result: applied, event: changed };
      })
      .immediate();
    if (event) this.announce(event);
    return result;
  }

  /** A change made on the platform itself, bypassing Warden. */
  directChange(id: string, change: DirectChange, now: number): PlatformAccount {
    const event = this.db
      .transaction(() => {
        const before = this.requireAccount(id);
        return this.changeState(before, { status: change.status, statusUntil: change.statusUntil ?? null }, 'direct', now);
      })
      .immediate();
    this.announce(event);
    return event.after;
  }

  /** Every action applied so far, in the order applied: what a test holds Warden's deliveries to. */
  appliedActions(): AppliedAction[] {
    return this.stmt.appliedAll.all().map((r) => ({
      seq: r.seq,
      idempotencyKey: r.idempotency_key,
      accountId: r.account_id,
      request: JSON.parse(r.request) as PlatformActionRequest,
      appliedAt: r.applied_at,
    }));
  }

  eventsOf(accountId: string): AccountEvent[] {
    this.requireAccount(accountId);
    return this.stmt.events.all(accountId).map(toEvent);
  }

  close(): void {
    this.db.close();
  }

  private requireAccount(id: string): PlatformAccount {
    const account = this.getAccount(id);
    if (!account) throw new ReferencePlatformError('unknown_account', `account ${id} not found`, 'id');
    return account;
  }

  /** Writes the new state and its event; the caller holds the transaction. */
  private changeState(
    before: PlatformAccount,
    next: Pick<PlatformAccount, 'status' | 'statusUntil'>,
    source: ChangeSource,
    now: number,
  ): AccountEvent {
    this.stmt.setState.run(next.status, next.statusUntil, now, before.id);
    const after = this.requireAccount(before.id);
    const { lastInsertRowid } = this.stmt.insertEvent.run(before.id, now, source, JSON.stringify(before), JSON.stringify(after));
    const seq = Number(lastInsertRowid);
    return { seq, id: eventId(seq), accountId: before.id, at: now, source, before, after };
  }

  private announce(event: AccountEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a subscriber's failure must not undo or fail a committed change
      }
    }
  }
}
