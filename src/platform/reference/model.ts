/** What the reference platform's store speaks in: its accounts' changes, its errors, the actions it applied. Pure. */
import type { PlatformAccount, PlatformAccountStatus, PlatformActionRequest } from '../adapter.js';

export type ChangeSource = 'admin_api' | 'direct';

/** What an import supplies; status applies only when the account is new. */
export interface AccountImport {
  id: string;
  handle: string;
  displayName: string;
  followers: number;
  verified: boolean;
  status?: PlatformAccountStatus;
  statusUntil?: number | null;
  /** the owner's language (BCP 47), if the platform knows it */
  language?: string;
}

export interface AccountEvent {
  seq: number;
  /** stable id of the change; also the webhook message id */
  id: string;
  accountId: string;
  at: number;
  source: ChangeSource;
  before: PlatformAccount;
  after: PlatformAccount;
}

export interface DirectChange {
  status: PlatformAccountStatus;
  statusUntil?: number | null;
}

export type ReferenceErrorCode = 'unknown_account' | 'idempotency_conflict' | 'handle_taken' | 'invalid_input' | 'version_conflict';

export interface FieldProblem {
  path: string;
  message: string;
}

/** Typed so the HTTP layer maps each code to a status in one table. */
export class ReferencePlatformError extends Error {
  readonly fields: FieldProblem[];
  constructor(
    readonly code: ReferenceErrorCode,
    message: string,
    field?: string,
  ) {
    super(message);
    this.name = 'ReferencePlatformError';
    this.fields = field ? [{ path: field, message }] : [];
  }

  static invalid(fields: FieldProblem[]): ReferencePlatformError {
    const err = new ReferencePlatformError('invalid_input', fields.map((f) => `${f.path}: ${f.message}`).join('; '));
    err.fields.push(...fields);
    return err;
  }
}

export type ChangeListener = (event: AccountEvent) => void;

/** One action as the platform received and applied it (a repeat of its key is not listed again). */
export interface AppliedAction {
  /** arrival order across all accounts */
  seq: number;
  idempotencyKey: string;
  accountId: string;
  request: PlatformActionRequest;
  appliedAt: number;
}
