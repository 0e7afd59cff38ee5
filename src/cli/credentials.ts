/**
 * Console credentials for a staff member, by email: a password (argon2id) and
 * a TOTP secret. Through the same session service the API uses, audited.
 */
import type { Command } from 'commander';
import { SYSTEM } from '../audit/model.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';

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

async function staffIdOf(ctx: AppContext, email: string): Promise<string> {
  const staff = await ctx.sessions.staffByEmail(ctx.db, email);
  if (!staff) throw notFound('staff with email', email);
  return staff.id;
}

export function registerCredentialCommands(staff: Command, withContext: WithContext): void {
  staff
    .command('password')
    .argument('<email>')
    .option('--password <password>', 'the new password (else read from the first line of stdin)')
    .description('set the console password (stored as an argon2id hash)')
    .action(async (email: string, o: { password?: string }) =>
      withContext(async (ctx) => {
        const id = await staffIdOf(ctx, email);
        const password = o.password ?? (await readStdin());
        await ctx.transaction((tx) => ctx.credentials.setPassword(tx, SYSTEM, id, password));
        console.log(`password set for ${email}`);
      }),
    );

  staff
    .command('totp')
    .argument('<email>')
    .option('--code', 'print the current code of the enrolled secret instead of enrolling a new one')
    .description('enrol a new TOTP secret (prints it and an otpauth:// URI for an authenticator app)')
    .action(async (email: string, o: { code?: boolean }) =>
      withContext(async (ctx) => {
        const id = await staffIdOf(ctx, email);
        if (o.code) return console.log(await ctx.credentials.currentCode(ctx.db, id));
        const { secret, uri } = await ctx.transaction((tx) => ctx.credentials.enrolTotp(tx, SYSTEM, id));
        console.log(`secret: ${secret}\nuri:    ${uri}`);
      }),
    );
}
