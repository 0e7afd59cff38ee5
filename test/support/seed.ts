/** Staff of every kind and a few accounts of each tier, for service and API tests. */
import type { Tier } from '../../src/accounts/model.js';
import { SYSTEM } from '../../src/audit/model.js';
import type { AppContext } from '../../src/context.js';
import type { Employment, Role, Staff } from '../../src/staff/model.js';

export interface Member {
  staff: Staff;
  token: string;
}

export type Crew = Record<'triage' | 'agent' | 'contractor' | 'lead' | 'lead2' | 'admin' | 'auditor', Member>;

export async function seedCrew(ctx: AppContext): Promise<Crew> {
  const now = ctx.clock.now();
  // one transaction for the whole crew: on PostgreSQL each commit waits for the log to reach the disk
  return ctx.transaction(async (tx) => {
    const make = async (key: string, role: Role, employment: Employment): Promise<Member> => {
      const staff = await ctx.staff.seed(tx, {
        id: `stf_${key}`,
        name: key,
        email: `${key}@warden.test`,
        role,
        employment,
        accessFrom: now - 86_400_000,
        accessUntil: employment === 'contractor' ? now + 3_600_000 : null,
      });
      const { token } = await ctx.staff.issueToken(tx, SYSTEM, staff.id, 'test');
      return { staff, token };
    };
    return {
      triage: await make('triage', 'triage', 'employee'),
      agent: await make('agent', 'agent', 'employee'),
      contractor: await make('contractor', 'agent', 'contractor'),
      lead: await make('lead', 'lead', 'employee'),
      lead2: await make('lead2', 'lead', 'employee'),
      admin: await make('admin', 'admin', 'employee'),
      auditor: await make('auditor', 'auditor', 'employee'),
    };
  });
}

export async function seedAccounts(ctx: AppContext, n = 20, tiers: Partial<Record<string, Tier>> = {}) {
  const accounts = Array.from({ length: n }, (_, i) => {
    const id = `acct_${String(i).padStart(4, '0')}`;
    return { id, handle: `user${i}`, displayName: `User ${i}`, followers: 100 * (i + 1), verified: false, status: 'active' as const, statusUntil: null, version: 1, tier: tiers[id] };
  });
  accounts.push(
    { id: 'acct_vip', handle: 'head_of_state', displayName: 'President Avery Quill', followers: 40_000_000, verified: true, status: 'active', statusUntil: null, version: 1, tier: 'critical' },
    { id: 'acct_press', handle: 'daily_reporter', displayName: 'A Journalist', followers: 800_000, verified: true, status: 'active', statusUntil: null, version: 1, tier: 'elevated' },
  );
  await ctx.transaction((tx) => ctx.accounts.importBatch(tx, SYSTEM, accounts));
  return accounts;
}
