/**
 * The one interface through which Warden reaches a social platform.
 * The reference platform (src/platform/reference) implements it over HTTP;
 * a real platform replaces it by implementing the same contract.
 */
import { z } from 'zod';

export const PLATFORM_ACCOUNT_STATUSES = ['active', 'limited', 'locked', 'suspended', 'deactivated'] as const;
export type PlatformAccountStatus = (typeof PLATFORM_ACCOUNT_STATUSES)[number];

export interface PlatformAccount {
  id: string;
  handle: string;
  displayName: string;
  followers: number;
  verified: boolean;
  status: PlatformAccountStatus;
  /** when the status ends by itself (suspensions), epoch ms, else null */
  statusUntil: number | null;
  /** monotonically increasing per account; bumps on every change */
  version: number;
  updatedAt: number;
  /** the owner's language (a BCP 47 tag, e.g. `de`), when the platform knows it: notices go out in it */
  language?: string;
}

/** A PlatformAccount's members in zod: the adapter reads answers with them, the audit catalog records them. */
export const PLATFORM_ACCOUNT_SHAPE = {
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  followers: z.number(),
  verified: z.boolean(),
  status: z.enum(PLATFORM_ACCOUNT_STATUSES),
  statusUntil: z.number().nullable(),
  version: z.number(),
  updatedAt: z.number(),
  language: z.string().optional(),
};

export const PLATFORM_ACTION_KINDS = ['warn', 'limit', 'lock', 'suspend', 'deactivate', 'restore', 'set_status'] as const;
export type PlatformActionKind = (typeof PLATFORM_ACTION_KINDS)[number];

export interface PlatformActionRequest {
  accountId: string;
  kind: PlatformActionKind;
  /** for `suspend`: epoch ms at which the suspension ends */
  until?: number | null;
  /** for `restore` / `set_status`: the exact status to return to */
  status?: PlatformAccountStatus;
  reason: string;
  /**
   * apply only if the account is still at this version, else refuse with
   * PlatformVersionConflictError: a revert must never undo a change it did not see
   */
  expectedVersion?: number;
}

export interface PlatformActionResult {
  account: PlatformAccount;
  /** false when the idempotency key had been seen: nothing was applied again */
  applied: boolean;
}

export interface AccountPage {
  accounts: PlatformAccount[];
  /** null on the last page */
  nextCursor: string | null;
}

/** The moderation state of one account, as cheap to ship in bulk as it can be. */
export interface PlatformAccountState {
  id: string;
  status: PlatformAccountStatus;
  statusUntil: number | null;
  version: number;
  /** when the account last changed, epoch ms */
  updatedAt: number;
}

/** At most this many ids per bulk state request. */
export const ACCOUNT_STATES_MAX = 5000;

/** Who a notice is for: an account's owner, or a reporting user (by the platform's id of them). */
export type PlatformNoticeRecipient = { kind: 'owner'; accountId: string } | { kind: 'reporter'; reporterId: string };

/** One notice as the platform shows it: its text in one language, and the structured statement beside it. */
export interface PlatformNotice {
  /** Warden's id of the notice */
  id: string;
  subject: 'enforcement' | 'report_outcome' | 'appeal_outcome';
  language: string;
  title: string;
  body: string;
  statement: Record<string, unknown>;
}

/** Notices to one recipient, sent together. */
export interface PlatformNoticeBatch {
  recipient: PlatformNoticeRecipient;
  notices: PlatformNotice[];
}

export interface PlatformNoticeReceipt {
  /** how many notices the batch carried */
  received: number;
  /** false when the idempotency key had been seen: nothing was stored again */
  stored: boolean;
  receivedAt: number;
}

export interface PlatformAdapter {
  getAccount(id: string): Promise<PlatformAccount | null>;
  listAccounts(opts: { cursor?: string | null; limit?: number }): Promise<AccountPage>;
  /** the states of the named accounts, in bulk (any number of ids; unknown ids are left out) */
  getAccountStates(ids: readonly string[]): Promise<PlatformAccountState[]>;
  /** applied at most once per idempotency key, however often it is retried */
  applyAction(req: PlatformActionRequest, idempotencyKey: string): Promise<PlatformActionResult>;
  /** shown to the recipient at most once per idempotency key, however often it is retried */
  sendNotices(batch: PlatformNoticeBatch, idempotencyKey: string): Promise<PlatformNoticeReceipt>;
}

/** A platform call failed in a way worth retrying (network, 5xx, 429). */
export class PlatformUnavailableError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'PlatformUnavailableError';
  }
}

/**
 * Statuses that say the request itself is wrong, and would be refused the same
 * way however often it were sent: malformed or invalid (400, 422), about an
 * account that does not exist (404, 410), too large (413, 414) or in a form the
 * platform does not take (415). Any other refusal — a conflict with the
 * account's state of the moment (409, 412), a credential an operator may fix
 * (401, 403), a lock (423) — the platform might not repeat.
 */
const DETERMINISTIC_REFUSALS: ReadonlySet<number> = new Set([400, 404, 410, 413, 414, 415, 422]);
export const isDeterministicRefusal = (status: number) => DETERMINISTIC_REFUSALS.has(status);

/** The platform refused the request (4xx other than 429). */
export class PlatformRejectedError extends Error {
  /** whether the same request would be refused again (see DETERMINISTIC_REFUSALS): only then is it given up at once */
  readonly deterministic: boolean;
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'PlatformRejectedError';
    this.deterministic = isDeterministicRefusal(status);
  }
}

/** The platform refused a conditional action: the account moved on from `expectedVersion`. */
export class PlatformVersionConflictError extends PlatformRejectedError {
  constructor(message: string) {
    super(message, 412);
    this.name = 'PlatformVersionConflictError';
  }
}
