/** Staff enrolments (migration 008): one-time codes a holder redeems for their own credential. Part of the Database of schema.ts. */
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
