#!/usr/bin/env node
/** The operator's CLI: thin commands over the same services the HTTP API uses. */
import { Command, Option } from 'commander';
import { SYSTEM } from '../audit/model.js';
import { loadCommandConfig, loadConfig } from '../config.js';
import { AppContext } from '../context.js';
import { openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { DomainError } from '../errors.js';
import { EMPLOYMENT, ROLES } from '../staff/model.js';
import { importAccountsFile } from './accounts.js';
import { runStart } from './start.js';
import { registerActionCommands, registerOffboardCommand } from './actions.js';
import { registerAppealCommands } from './appeals.js';
import { registerReportCommands } from './report.js';
import { registerStatementCommands } from './statements.js';
import { registerPolicyCommands } from './policy.js';
import { registerAuditCommands } from './audit.js';
import { registerForensicsCommands } from './forensics.js';
import { registerCredentialCommands } from './credentials.js';
import { type CallerOptions, identityOptions, presentedCaller, requireCall } from './identity.js';
import { BOOTSTRAP_ACTOR, BOOTSTRAP_ADMINS, bootstrapState } from '../credentials/bootstrap.js';
import { staffBootstrapped } from '../credentials/events.js';

const program = new Command().name('warden').description('Trust-and-safety enforcement: operator commands');

async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await AppContext.create(loadCommandConfig());
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

program
  .command('start')
  .description('run Warden (and, unless WARDEN_PLATFORM_URL is set, the reference platform beside it)')
  .action(async () => runStart(loadConfig()));

program
  .command('migrate')
  .description('bring the store up to the latest schema')
  .action(async () => {
    const cfg = loadCommandConfig();
    const store = await openStore(cfg.databaseUrl);
    try {
      const applied = await migrateToLatest(store);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
    } finally {
      await store.close();
    }
  });

const accounts = program.command('accounts').description("the platform's accounts as Warden sees them");
accounts
  .command('import')
  .argument('<file>', 'JSON Lines (one account per line) or a JSON array')
  .option('--no-progress', 'no progress bar')
  .description('upsert accounts from a file; a bad line is named and nothing is written')
  .action(async (file: string, opts: { progress: boolean }) =>
    withContext(async (ctx) => {
      const r = await importAccountsFile(ctx, SYSTEM, file, opts.progress && process.stderr.isTTY);
      console.log(JSON.stringify(r));
    }),
  );

accounts
  .command('notices')
  .argument('<account>', 'the account id')
  .option('--json', 'as JSON')
  .description("what the account's owner, and those who reported it, were told: newest first, with each notice's delivery")
  .action(async (account: string, o: { json?: boolean }) =>
    withContext(async (ctx) => {
      await ctx.accounts.get(ctx.db, account);
      const notices = await ctx.notices.listForAccount(ctx.db, account);
      if (o.json) return console.log(JSON.stringify(notices, null, 2));
      if (notices.length === 0) return console.log(`no notices about ${account}`);
      for (const n of notices) {
        const sent = n.state === 'delivered' ? `delivered ${new Date(n.deliveredAt!).toISOString()} in ${n.language}` : n.state;
        console.log(`${new Date(n.createdAt).toISOString()}  ${n.id}  ${n.subject} to ${n.recipient.kind} ${n.recipient.id}: ${sent}`);
        console.log(`${' '.repeat(26)}${n.title}`);
      }
    }),
  );

const staff = program.command('staff').description('staff records, enrolments, tokens and your own console credentials');
identityOptions(staff.command('create'), 'the admin creating them: must be the holder of the token')
  .requiredOption('--name <name>')
  .requiredOption('--email <email>')
  .addOption(new Option('--role <role>').choices(ROLES).makeOptionMandatory())
  .addOption(new Option('--employment <type>').choices(EMPLOYMENT).default('employee'))
  .option('--until <iso>', 'access ends at this instant (required for contractors)')
  .description(`add a staff member as an admin (your own token); without a token, only the first ${BOOTSTRAP_ADMINS} admins of a fresh store (bootstrap)`)
  .action(async (o: CallerOptions & { name: string; email: string; role: (typeof ROLES)[number]; employment: (typeof EMPLOYMENT)[number]; until?: string }) =>
    withContext(async (ctx) => {
      const until = o.until ? Date.parse(o.until) : null;
      if (o.until && Number.isNaN(until)) throw new DomainError('invalid_input', `--until: not a date: ${o.until}`);
      if (o.employment === 'contractor' && until === null) throw new DomainError('invalid_input', '--until: a contractor needs an access end');
      const input = { name: o.name, email: o.email, role: o.role, employment: o.employment, accessUntil: until };
      const caller = await presentedCaller(ctx, o);
      if (caller) {
        requireCall(ctx, caller, 'staff.create');
        // the API's rule, asked of the policy by the service: lead and admin come through a grant_role someone else approves
        const s = await ctx.transaction((tx) => ctx.staff.create(tx, { kind: 'staff', id: caller.id }, input));
        return console.log(JSON.stringify(s));
      }
      // the first admins: the roles the policy lets create staff
      const administrators = ctx.policy.authorizer.rolesPermitted('staff.create');
      const { admins, open } = await bootstrapState(ctx.db, administrators);
      if (!open) {
        throw new DomainError('unauthenticated', `the store is past bootstrap (${admins} admins): creating staff needs an admin's own token (WARDEN_TOKEN or --token-file)`);
      }
      if (!administrators.includes(o.role)) {
        throw new DomainError('invalid_input', `--role: without a token only the first ${BOOTSTRAP_ADMINS} admins (${administrators.join(', ')}) are created (bootstrap)`);
      }
      const { s, enrolment } = await ctx.transaction(async (tx) => {
        const s = await ctx.staff.bootstrap(tx, BOOTSTRAP_ACTOR, input);
        await ctx.audit.append(tx, staffBootstrapped(s, admins));
        // their own credential reaches them only through the staff-invitation channel
        const enrolment = ctx.enrolments.channelConfigured ? await ctx.enrolments.start(tx, BOOTSTRAP_ACTOR, s.id) : null;
        return { s, enrolment };
      });
      console.log(JSON.stringify(s));
      if (enrolment) console.error(`enrolment ${enrolment.id} queued for ${s.email} through the staff-invitation channel`);
      else console.error('no staff-invitation channel (WARDEN_ENROLMENT_WEBHOOK_URL): set one, then `warden staff enrol ' + s.id + '`');
    }),
  );
staff
  .command('list')
  .action(async () => withContext(async (ctx) => console.table((await ctx.staff.list(ctx.db)).map((s) => ({ id: s.id, name: s.name, role: s.role, employment: s.employment, access: s.accessState, until: s.access.until ? new Date(s.access.until).toISOString() : '' })))));

registerOffboardCommand(staff, withContext);
registerCredentialCommands(staff, withContext);
registerActionCommands(program, withContext);
registerAppealCommands(program, withContext);
registerReportCommands(program, withContext);
registerStatementCommands(program, withContext);
registerPolicyCommands(program, withContext);

registerAuditCommands(program, withContext);
registerForensicsCommands(program, withContext);

const demo = program.command('demo').description('replays');
demo
  .command('nov-2')
  .description('the 2 November 2017 chain, replayed against Warden and the reference platform (fresh temporary store)')
  .option('--json', 'one JSON object per step')
  .action(async (o: { json?: boolean }) => {
    const { formatStep, runNov2 } = await import('../demo/nov-2.js');
    if (!o.json) console.log('\n  2 November 2017, replayed: Warden and the reference platform on loopback, fictional staff and accounts\n');
    const r = await runNov2((step) => console.log(o.json ? JSON.stringify(step) : `${formatStep(step)}\n`));
    if (!r.ok) {
      console.error('warden: the replay did not go as the story says (see the steps above)');
      process.exitCode = 1;
    }
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? `warden: ${err.message}` : err);
  process.exit(err instanceof DomainError ? 2 : 1);
});
