/**
 * Demo data for `npm start`: fictional staff with fixed tokens (printed at
 * start), the reference platform's accounts with their tiers, and a morning's
 * worth of reports so the queues have work in them.
 */
import { createHash } from 'node:crypto';
import { ScureBase32Plugin } from 'otplib';
import type { AccountImport } from '../accounts/model.js';
import { SYSTEM } from '../audit/model.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { demoAccounts, demoTiers } from '../platform/reference/seed.js';
import type { Category, ReportInput } from '../reports/model.js';
import type { Employment, Role } from '../staff/model.js';
import { anyStaff, findStaff, staffWithIds } from '../staff/store.js';

export interface DemoLogin {
  id: string;
  name: string;
  role: Role;
  employment: Employment;
  token: string;
  accessUntil: number | null;
}

const HOUR = 3_600_000;

/** Every demo login's password (console sign-in). */
export const DEMO_PASSWORD = 'warden-demo';

export const demoEmail = (id: string) => `${id.slice(4)}@demo.warden.example`;

/**
 * A demo person's TOTP secret, fixed and derived from their email so browser
 * tests and the demo can compute codes: base32 of SHA-256('warden-demo-totp:' + email), first 20 bytes.
 * Demo only — a real secret comes from `warden staff totp EMAIL`.
 */
export function demoTotpSecret(email: string): string {
  const bytes = createHash('sha256').update(`warden-demo-totp:${email.trim().toLowerCase()}`, 'utf8').digest().subarray(0, 20);
  return new ScureBase32Plugin().encode(bytes);
}

export function demoStaff(now: number): DemoLogin[] {
  // the contractor's contract ends at 18:00 today (local time of the machine)
  const endOfContract = new Date(now);
  endOfContract.setHours(18, 0, 0, 0);
  const contractEnd = endOfContract.getTime() > now ? endOfContract.getTime() : now + 8 * HOUR;
  return [
    { id: 'stf_dana', name: 'Dana Okafor', role: 'admin', employment: 'employee', token: 'demo-admin-dana', accessUntil: null },
    { id: 'stf_lee', name: 'Lee Marchetti', role: 'lead', employment: 'employee', token: 'demo-lead-lee', accessUntil: null },
    { id: 'stf_lou', name: 'Lou Brennan', role: 'lead', employment: 'employee', token: 'demo-lead-lou', accessUntil: null },
    { id: 'stf_kim', name: 'Kim Adebayo', role: 'lead', employment: 'employee', token: 'demo-lead-kim', accessUntil: null },
    { id: 'stf_sam', name: 'Sam Lindqvist', role: 'agent', employment: 'employee', token: 'demo-agent-sam', accessUntil: null },
    { id: 'stf_casey', name: 'Casey Harrow', role: 'agent', employment: 'contractor', token: 'demo-contractor-casey', accessUntil: contractEnd },
    { id: 'stf_tri', name: 'Tri Nguyen', role: 'triage', employment: 'contractor', token: 'demo-triage-tri', accessUntil: now + 90 * 24 * HOUR },
    { id: 'stf_audrey', name: 'Audrey Penhallow', role: 'auditor', employment: 'employee', token: 'demo-auditor-audrey', accessUntil: null },
  ];
}

export function demoWardenAccounts(n = 2000): AccountImport[] {
  const accounts = demoAccounts(n);
  const tiers = demoTiers(accounts);
  return accounts.map((a) => ({
    id: a.id,
    handle: a.handle,
    displayName: a.displayName,
    followers: a.followers,
    verified: a.verified,
    status: a.status ?? 'active',
    statusUntil: a.statusUntil ?? null,
    version: 0,
    tier: tiers.get(a.id) ?? 'standard',
  }));
}

/**
 * Seeds an empty store; returns false (and does nothing) when staff already
 * exist. All of it in one transaction, under the demo-seed lease: several
 * instances starting together on an empty store make one seeder, and the
 * others wait for it and find the store seeded; a seeder that dies leaves
 * nothing half-done.
 */
export async function seedDemo(ctx: AppContext, accounts: AccountImport[]): Promise<boolean> {
  return ctx.leases.exclusive(SEED_LEASE, () =>
    ctx.transaction(async (tx) => {
      if (await anyStaff(tx)) return false;
      const now = ctx.clock.now();
      for (const s of demoStaff(now)) {
        await ctx.staff.seed(tx, {
          id: s.id,
          name: s.name,
          email: demoEmail(s.id),
          role: s.role,
          employment: s.employment,
          accessFrom: now - 30 * 24 * HOUR,
          accessUntil: s.accessUntil,
        });
        await ctx.staff.issueToken(tx, SYSTEM, s.id, 'demo', s.token);
      }
      await markDemoStore(tx, now, demoStaff(now).map((s) => s.id));
      await seedCredentialsIn(ctx, tx);
      for (let i = 0; i < accounts.length; i += 1000) await ctx.accounts.importBatch(tx, SYSTEM, accounts.slice(i, i + 1000), 'demo seed');
      await ctx.intake.submit(tx, { kind: 'service', id: 'platform' }, demoReports(accounts));
      return true;
    }),
  );
}

const SEED_LEASE = 'demo-seed';

/**
 * The demo store says so: a `settings` row naming the demo-seeded people,
 * whose tokens, password and TOTP secrets are published anyway (printed at
 * start, derived in this file). Only for them, and only in such a store, does
 * the CLI print a TOTP code without their own token.
 */
const DEMO_SETTING = 'demo';

async function markDemoStore(tx: Db, now: number, staffIds: string[]): Promise<void> {
  const value = JSON.stringify({ staff: staffIds });
  await tx
    .insertInto('settings')
    .values({ key: DEMO_SETTING, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** Was this person seeded by the demo, in a store the demo seed marked? */
export async function isDemoPerson(db: Db, staffId: string): Promise<boolean> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', DEMO_SETTING).executeTakeFirst();
  if (!row) return false;
  const marked: { staff?: unknown } = JSON.parse(row.value);
  return Array.isArray(marked.staff) && marked.staff.includes(staffId);
}

/** Console credentials for every demo person who has none yet (also for stores seeded before sign-in existed). */
export async function seedDemoCredentials(ctx: AppContext): Promise<number> {
  return ctx.leases.exclusive(SEED_LEASE, () => ctx.transaction((tx) => seedCredentialsIn(ctx, tx)));
}

async function seedCredentialsIn(ctx: AppContext, tx: Db): Promise<number> {
  let n = 0;
  // a demo store seeded before the marker existed: every demo person there, at their demo address
  const people = demoStaff(ctx.clock.now());
  const found = await staffWithIds(tx, people.map((p) => p.id));
  if (found.length === people.length && found.every((f) => f.email === demoEmail(f.id)) && !(await isDemoPerson(tx, people[0]!.id))) {
    await markDemoStore(tx, ctx.clock.now(), people.map((p) => p.id));
  }
  for (const s of people) {
    const exists = await findStaff(tx, s.id);
    if (!exists || (await ctx.credentials.hasCredentials(tx, s.id))) continue;
    await ctx.credentials.setPassword(tx, SYSTEM, s.id, DEMO_PASSWORD);
    await ctx.credentials.enrolTotp(tx, SYSTEM, s.id, demoTotpSecret(demoEmail(s.id)));
    n++;
  }
  return n;
}

function demoReports(accounts: AccountImport[]) {
  const categories: Category[] = ['spam', 'harassment', 'impersonation', 'hate', 'misinformation', 'violent_threat', 'spam', 'spam'];
  const reports: ReportInput[] = [];
  // one report on the head of state's account, as on 2 November 2017
  const president = accounts.find((a) => a.tier === 'critical');
  if (president) reports.push({ reporterId: 'user_disgruntled', accountId: president.id, category: 'harassment', text: 'please remove this account', evidence: [] });
  const ordinary = accounts.filter((a) => a.tier === 'standard');
  for (let i = 0; i < 240 && ordinary.length > 0; i++) {
    const target = ordinary[(i * 37) % Math.min(ordinary.length, 160)]!;
    reports.push({
      reporterId: `user_${1000 + ((i * 13) % 97)}`,
      accountId: target.id,
      category: categories[i % categories.length]!,
      text: 'reported from the app',
      evidence: [`https://platform.example/post/${10_000 + i}`],
    });
  }
  const journalist = accounts.find((a) => a.tier === 'elevated');
  if (journalist) reports.push({ reporterId: 'user_4242', accountId: journalist.id, category: 'impersonation', text: 'this is not the real reporter', evidence: [] });
  return reports;
}
