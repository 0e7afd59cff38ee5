/** Staff credentials, sessions, sign-in attempts and enrolments: part of the Database of schema.ts. */
import type { Generated } from 'kysely';
import type { EndReason, SignInMethod } from '../sessions/model.js';

/** Staff enrolments (migration 008): one-time codes a holder redeems for their own credential. */
export interface StaffEnrolmentsTable {
  id: string;
  staff_id: string;
  code_hash: string;
  issued_by: string;
  created_at: number;
  expires_at: number;
  redeemed_at: number | null;
  token_id: string | null;
  revoked_at: number | null;
  revoked_by: string | null;
}

export interface StaffCredentialsTable {
  staff_id: string;
  /** argon2id, PHC string */
  password_hash: string | null;
  password_set_at: number | null;
  /** base32 TOTP secret as stored: `plain:…` or `aes256gcm:…` (sessions/credentials.ts) */
  totp_secret: string | null;
  totp_enrolled_at: number | null;
  /** the last TOTP time step accepted: a code is good once */
  totp_last_step: number | null;
}

export interface StaffSessionsTable {
  id: string;
  token_hash: string;
  staff_id: string;
  csrf_token: string;
  method: SignInMethod;
  address: string;
  user_agent: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  step_up_until: number | null;
  ended_at: number | null;
  end_reason: EndReason | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  at: number;
  email: string;
  address: string;
  ok: number;
}


export interface OidcLoginsTable {
  state: string;
  nonce: string;
  code_verifier: string;
  created_at: number;
}
