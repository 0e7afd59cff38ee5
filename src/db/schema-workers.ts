/**
 * Tables of the background work: the leases under which singleton work runs
 * (migration 014). Part of the Database of src/db/schema.ts.
 */

export interface WorkerLeasesTable {
  name: string;
  holder: string;
  generation: number;
  acquired_at: number;
  expires_at: number;
}

export interface WorkerLeaseTermsTable {
  name: string;
  generation: number;
  holder: string;
  acquired_at: number;
  expires_at: number;
  released_at: number | null;
}
