/**
 * Credentials are only ever usable by their holder. An admin may start an
 * enrolment — a one-time code that travels only towards the holder (the
 * company's mail relay) — and may revoke; nobody receives a usable credential
 * for someone else. Pure: states, the code's shape, provenance. No I/O.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../audit/model.js';

export const ENROLMENT_STATES = ['pending', 'redeemed', 'revoked', 'expired'] as const;
export type EnrolmentState = (typeof ENROLMENT_STATES)[number];

export interface Enrolment {
  id: string;
  staffId: string;
  /** who started it: a staff id, or `system:<id>` */
  issuedBy: string;
  createdAt: number;
  expiresAt: number;
  redeemedAt: number | null;
  revokedAt: number | null;
  revokedBy: string | null;
}

/** Where an enrolment stands at `now`: used or revoked is final; else it lapses at its expiry (exclusive). */
export function enrolmentState(e: Pick<Enrolment, 'expiresAt' | 'redeemedAt' | 'revokedAt'>, now: number): EnrolmentState {
  if (e.redeemedAt !== null) return 'redeemed';
  if (e.revokedAt !== null) return 'revoked';
  if (now >= e.expiresAt) return 'expired';
  return 'pending';
}

/**
 * Who issued a credential, as provenance records it: a staff member by id,
 * anything else (seeds, the bootstrap, Warden itself) as `kind:id`, so a staff
 * id never collides with it.
 */
export const issuerOf = (actor: Actor): string => (actor.kind === 'staff' ? actor.id : `${actor.kind}:${actor.id}`);

const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * A code names its enrolment and carries a secret: `wen_<id>.<secret>`. The
 * row is found by id, and the secret's hash compared in constant time, so the
 * lookup itself tells an attacker nothing about how close a guess came.
 */
export function newEnrolmentCode(id: string): { code: string; codeHash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { code: `wen_${id}.${secret}`, codeHash: sha256hex(secret) };
}

export function parseEnrolmentCode(code: string): { id: string; secret: string } | null {
  const m = /^wen_(enr_[A-Za-z0-9]{1,40})\.([A-Za-z0-9_-]{20,100})$/.exec(code.trim());
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

export function secretMatches(secret: string, codeHash: string): boolean {
  const a = Buffer.from(sha256hex(secret), 'hex');
  const b = Buffer.from(codeHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What travels to the staff-invitation channel (the company's mail relay): for the holder's eyes only. */
export interface EnrolmentMessage {
  enrolmentId: string;
  staffId: string;
  name: string;
  /** where the relay sends it */
  email: string;
  /** the one-time code; the relay mails it to `email` and nowhere else */
  code: string;
  /** where the holder redeems it: POST {code, password?, label?} */
  redeemUrl: string;
  expiresAt: number;
  /** who started it, so the holder can tell an invitation they did not expect */
  issuedBy: string;
}

/** Standard Webhooks event type of an enrolment message. */
export const ENROLMENT_EVENT = 'staff.enrolment';
