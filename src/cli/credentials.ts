/**
 * Credentials from the CLI, only ever for their holder: your own console
 * password and TOTP secret (you present your own token), enrolments an admin
 * starts for others (the code goes only towards the holder), and revoking.
 * Through the same services the API uses, audited. The one exception is the
 * demo store: its demo-seeded people's TOTP codes are public anyway, so
 * `staff totp EMAIL --code` prints them there without a token.
 */
import type { Command } from 'commander';
import type { AppContext } from '../context.js';
import { BOOTSTRAP_ACTOR, adminsHoldingTokens } from '../credentials/bootstrap.js';
import { isDemoPerson } from '../demo/seed.js';
import { forbidden, notFound } from '../errors.js';
import type { Staff } from '../staff/model.js';
import { actingStaff, identityOptions, presentedCaller, requireCall } from './identity.js';

type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('new password (then Enter): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && chunk.toString().includes('\n')) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function staffByEmail(ctx: AppContext, email: string): Promise<Staff> {
  const staff = await ctx.sessions.staffByEmail(ctx.db, email);
  if (!staff) throw notFound('staff with email', email);
  return staff;
}

/** Your own credentials only: the email must be the token holder's. */
function ownOnly(holder: Staff, target: Staff, what: string): void {
  if (holder.id !== target.id) {
    throw forbidden(`${what} only for yourself: the token presented is ${holder.id}'s, not ${target.id}'s (an admin may start an enrolment: warden staff enrol ${target.id})`, {
      holder: holder.id,
      target: target.id,
    });
  }
}

const print = (v: unknown) => console.log(JSON.stringify(v, null, 2));

export function registerCredentialCommands(staff: Command, withContext: WithContext): void {
  identityOptions(staff.command('password').argument('<email>'))
    .option('--password <password>', 'the new password (else read from the first line of stdin)')
    .description('set your own console password (stored as an argon2id hash); needs your own token')
    .action(async (email: string, o: { as?: string; tokenFile?: string; password?: string }) =>
      withContext(async (ctx) => {
        const target = await staffByEmail(ctx, email);
        const holder = await actingStaff(ctx, o);
        ownOnly(holder, target, 'a password is set');
        const password = o.password ?? (await readStdin());
        await ctx.transaction((tx) => ctx.credentials.setPassword(tx, { kind: 'staff', id: holder.id }, holder.id, password));
        console.log(`password set for ${email}`);
      }),
    );

  identityOptions(staff.command('totp').argument('<email>'))
    .option('--code', 'print the current code of the enrolled secret instead of enrolling a new one')
    .description('enrol a new TOTP secret for yourself (prints it and an otpauth:// URI); needs your own token, but for the demo people of a demo store')
    .action(async (email: string, o: { as?: string; tokenFile?: string; code?: boolean }) =>
      withContext(async (ctx) => {
        const target = await staffByEmail(ctx, email);
        const holder = await presentedCaller(ctx, o);
        // the demo's published people: their codes are derivable from src/demo/seed.ts anyway
        const demo = o.code && !holder && (await isDemoPerson(ctx.db, target.id));
        if (!demo) ownOnly(await actingStaff(ctx, o), target, o.code ? 'a TOTP code is printed' : 'a TOTP secret is enrolled');
        if (o.code) return console.log(await ctx.credentials.currentCode(ctx.db, target.id));
        const { secret, uri } = await ctx.transaction((tx) => ctx.credentials.enrolTotp(tx, { kind: 'staff', id: target.id }, target.id));
        console.log(`secret: ${secret}\nuri:    ${uri}`);
      }),
    );

  identityOptions(staff.command('enrol').argument('<staffId>'), 'the admin starting it: must be the holder of the token')
    .description("start an enrolment: a one-time code sent only towards the holder (the staff-invitation channel), who redeems it for their own token")
    .action(async (staffId: string, o: { as?: string; tokenFile?: string }) =>
      withContext(async (ctx) => {
        const caller = await presentedCaller(ctx, o);
        let actor;
        if (caller) {
          requireCall(ctx, caller, 'enrolments.start');
          actor = { kind: 'staff' as const, id: caller.id };
        } else {
          // bootstrap: no admin can act yet, so an admin may be enrolled without a token (the code still goes only to them)
          const target = await ctx.staff.get(ctx.db, staffId);
          const admins = ctx.policy.authorizer.rolesPermitted('enrolments.start');
          const able = await adminsHoldingTokens(ctx.db, admins, ctx.clock.now());
          if (able > 0 || !admins.includes(target.role)) await actingStaff(ctx, o);
          actor = BOOTSTRAP_ACTOR;
        }
        const e = await ctx.transaction((tx) => ctx.enrolments.start(tx, actor, staffId));
        print({ enrolment: e, note: 'the code was queued for the staff-invitation channel, addressed to the holder; it is not shown here' });
      }),
    );

  identityOptions(staff.command('revoke-token').argument('<staffId>').argument('<tokenId>'), 'who revokes: must be the holder of the token')
    .description("revoke an API token: your own, or (as an admin) anyone's")
    .action(async (staffId: string, tokenId: string, o: { as?: string; tokenFile?: string }) =>
      withContext(async (ctx) => {
        const caller = await actingStaff(ctx, o);
        if (caller.id !== staffId) requireCall(ctx, caller, 'tokens.revoke');
        print(await ctx.transaction((tx) => ctx.enrolments.revokeToken(tx, { kind: 'staff', id: caller.id }, staffId, tokenId)));
      }),
    );
}
