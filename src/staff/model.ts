/** Staff as Warden knows them: role, employment, and the window of their access. Pure. */
export const ROLES = ['triage', 'agent', 'lead', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const EMPLOYMENT = ['employee', 'contractor'] as const;
export type Employment = (typeof EMPLOYMENT)[number];

export interface AccessWindow {
  from: number;
  /** exclusive: a contract that ends at 18:00 has no access at 18:00:00.000 */
  until: number | null;
}

export interface Staff {
  id: string;
  name: string;
  email: string;
  role: Role;
  employment: Employment;
  access: AccessWindow;
  offboardedAt: number | null;
  createdAt: number;
}

export type AccessState = 'active' | 'not_yet' | 'ended' | 'offboarded';

export function accessState(staff: Pick<Staff, 'access' | 'offboardedAt'>, now: number): AccessState {
  if (staff.offboardedAt !== null && staff.offboardedAt <= now) return 'offboarded';
  if (now < staff.access.from) return 'not_yet';
  if (staff.access.until !== null && now >= staff.access.until) return 'ended';
  return 'active';
}

export const hasAccess = (staff: Pick<Staff, 'access' | 'offboardedAt'>, now: number) => accessState(staff, now) === 'active';

/** Who is acting: a staff member, or the platform through its service token. */
export type Principal = { kind: 'staff'; staff: Staff } | { kind: 'service'; id: string };
