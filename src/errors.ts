import type { Db } from './db/database.js';
/**
 * Typed domain errors. Services throw these; the HTTP boundary maps `code` to
 * a status in one table (src/http/errors.ts); the CLI prints `message`.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'lease_expired'
  | 'too_large'
  | 'unavailable'
  // staff sign-in (sessions/): one answer for a wrong email, password or code
  | 'invalid_credentials'
  | 'rate_limited'
  | 'session_ended'
  | 'csrf_failed'
  | 'step_up_required'
  // the HTTP edge: a path that exists, asked with a method it does not take; a body of a type it does not read
  | 'method_not_allowed'
  | 'unsupported_media_type';

export interface FieldProblem {
  path: string;
  message: string;
}

export class DomainError extends Error {
  /**
   * An entry that must be audited although the transaction that raised this
   * error rolls back (a refusal by the policy): the thrower's own append,
   * run in a transaction of its own.
   */
  auditOnRollback?: (db: Db) => Promise<unknown>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldProblem[]; [k: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string | number) => new DomainError('not_found', `${what} ${id} not found`, { what, id });
export const forbidden = (message: string, details: Record<string, unknown> = {}) => new DomainError('forbidden', message, details);
export const conflict = (message: string, details: Record<string, unknown> = {}) => new DomainError('conflict', message, details);
export const invalidInput = (fields: FieldProblem[]) =>
  new DomainError('invalid_input', fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });

/** The message of anything thrown: an Error's own, else its text. */
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** A property of a thrown value, if it is an object that has it: a driver's `code` (a SQLSTATE, an errno name), `cause`, `errors`. */
export const propertyOf = (err: unknown, key: 'code' | 'cause' | 'errors'): unknown =>
  typeof err === 'object' && err !== null ? Reflect.get(err, key) : undefined;
