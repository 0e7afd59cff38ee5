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
import { registerPolicyCommands } from './policy.js';
import { registerAuditCommands } from './audit.js';
import { registerForensicsCommands } from './forensics.js';
import { registerCredentialCommands } from './credentials.js';

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

const staff = program.command('staff').description('staff records, tokens and console credentials');
staff
  .command('create')
  .requiredOption('--name <name>')
  .requiredOption('--email <email>')
  .addOption(new Option('--role <role>').choices(ROLES).makeOptionMandatory())
  .addOption(new Option('--employment <type>').choices(EMPLOYMENT).default('employee'))
  .option('--until <iso>', 'access ends at this instant (required for contractors)')
  .action(async (o: { name: string; email: string; role: (typeof ROLES)[number]; employment: (typeof EMPLOYMENT)[number]; until?: string }) =>
    withContext(async (ctx) => {
      const until = o.until ? Date.parse(o.until) : null;
      if (o.until && Number.isNaN(until)) throw new DomainError('invalid_input', `--until: not a date: ${o.until}`);
      if (o.employment === 'contractor' && until === null) throw new DomainError('invalid_input', '--until: a contractor needs an access end');
      const s = await ctx.transaction((tx) => ctx.staff.create(tx, SYSTEM, { name: o.name, email: o.email, role: o.role, employment: o.employment, accessUntil: until }));
      console.log(JSON.stringify(s));
    }),
  );
staff
  .command('token')
  .argument('<staffId>')
  .option('--label <label>', 'what the token is for', 'cli')
  .description('issue an API token (printed once; only its hash is stored)')
  .action(async (staffId: string, o: { label: string }) =>
    withContext(async (ctx) => {
      const t = await ctx.transaction((tx) => ctx.staff.issueToken(tx, SYSTEM, staffId, o.label));
      console.log(t.token);
    }),
  );
staff
  .command('list')
  .action(async () => withContext(async (ctx) => console.table((await ctx.staff.list(ctx.db)).map((s) => ({ id: s.id, name: s.name, role: s.role, employment: s.employment, access: s.accessState, until: s.access.until ? new Date(s.access.until).toISOString() : '' })))));

registerOffboardCommand(staff, withContext);
registerCredentialCommands(staff, withContext);
registerActionCommands(program, withContext);
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
