/**
 * Operators' commands for the guard: propose, approve, reject, execute, show,
 * offboard, freeze — each acting as the holder of the API token it presents
 * (see identity.ts), through the same commands and policy as the API
 * (src/actions/commands.ts), audited the same way. A token owes no step-up,
 * here as on the API.
 */
import fs from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import { type Command, Option } from 'commander';
import { BULK_KINDS, BulkProposalSchema } from '../actions/bulk-model.js';
import { type CliFlag, KINDS } from '../actions/kinds.js';
import { ACTION_STATES, type ActionState, isAwaiting } from '../actions/model.js';
import { ProposalSchema } from '../actions/proposal.js';
import type { AppContext } from '../context.js';
import { invalidInput } from '../errors.js';
import { fieldsOf } from '../http/errors.js';
import { ACTION_KINDS } from '../policy/model.js';
import { actingStaff, identityOptions, requireCall } from './identity.js';

type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

const print = (v: unknown) => console.log(JSON.stringify(v, null, 2));

/** Every kind's parameter flags, once each (grant_role and elevate share --role). */
function kindFlags(): { param: string; flag: CliFlag }[] {
  const seen = new Map<string, { param: string; flag: CliFlag }>();
  for (const spec of Object.values(KINDS)) {
    for (const [param, flag] of Object.entries(spec.flags)) if (flag && !seen.has(flag.flags)) seen.set(flag.flags, { param, flag });
  }
  return [...seen.values()];
}

export function registerActionCommands(program: Command, withContext: WithContext): void {
  const actions = program.command('actions').description('proposals, approvals and their lifecycle');

  const propose = identityOptions(actions.command('propose'), 'the proposer: must be the holder of the token')
    .requiredOption('--kind <kind>', ACTION_KINDS.join(', '))
    .requiredOption('--target <id>', 'account id, staff id, or "active" for the policy set')
    .requiredOption('--reason <code>', 'a reason code')
    .option('--justification <text>', 'required for destructive actions', '')
    .option('--at <iso>', 'execute no earlier than this instant')
    .option('--preview', 'only say what the policy would demand');
  // each kind's parameters, as the kind table declares their flags
  const params = kindFlags().map((f) => ({ ...f, option: new Option(f.flag.flags, f.flag.description) }));
  for (const p of params) propose.addOption(p.option);
  propose.action(async (o) =>
      withContext(async (ctx) => {
        const body: Record<string, unknown> = {
          kind: o.kind,
          targetId: o.target,
          reasonCode: o.reason,
          justification: o.justification,
          scheduledFor: o.at ? Date.parse(o.at) : undefined,
        };
        for (const p of params) {
          const given: unknown = o[p.option.attributeName()];
          if (typeof given === 'string') body[p.param] = p.flag.parse(given);
        }
        const parsed = ProposalSchema.safeParse(body);
        if (!parsed.success) throw invalidInput(fieldsOf(parsed.error));
        const staff = await actingStaff(ctx, o);
        if (o.preview) return print(await ctx.actions.preview(ctx.db, staff, parsed.data));
        print(await ctx.actionCommands.propose({ staff, session: null }, parsed.data));
      }),
    );

  identityOptions(actions.command('bulk').argument('<file>', 'the account ids, one a line (or a JSON array)'), 'the proposer: must be the holder of the token')
    .description('propose one action over many accounts, each judged by the policy alone; prints which wait for approvals and which were refused')
    .requiredOption('--kind <kind>', BULK_KINDS.join(', '))
    .requiredOption('--reason <code>', 'a reason code')
    .requiredOption('--justification <text>', 'one written justification for every target')
    .option('--duration-ms <ms>', 'suspend: how long')
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, o: { as?: string; tokenFile?: string; kind: string; reason: string; justification: string; durationMs?: string; progress: boolean }) =>
      withContext(async (ctx) => {
        const text = fs.readFileSync(file, 'utf8');
        const targetIds: unknown = text.trimStart().startsWith('[') ? JSON.parse(text) : text.split('\n').map((l) => l.trim()).filter(Boolean);
        const parsed = BulkProposalSchema.safeParse({ kind: o.kind, targetIds, reasonCode: o.reason, justification: o.justification, durationMs: o.durationMs === undefined ? undefined : Number(o.durationMs) });
        if (!parsed.success) throw invalidInput(fieldsOf(parsed.error));
        const staff = await actingStaff(ctx, o);
        requireCall(ctx, staff, 'actions.bulk');
        const bar = o.progress ? new SingleBar({ format: 'proposing [{bar}] {value}/{total} accounts  {eta_formatted} left' }, Presets.shades_classic) : null;
        bar?.start(parsed.data.targetIds.length, 0);
        try {
          print(await ctx.bulk.propose({ staff, session: null }, parsed.data, (done) => bar?.update(done)));
        } finally {
          bar?.stop();
        }
      }),
    );

  for (const verdict of ['approve', 'reject'] as const) {
    identityOptions(actions.command(verdict).argument('<actionId>'))
      .option('--comment <text>', 'why', '')
      .action(async (id: string, o: { as?: string; tokenFile?: string; comment: string }) =>
        withContext(async (ctx) => {
          const staff = await actingStaff(ctx, o);
          print(await ctx.actionCommands[verdict]({ staff, session: null }, id, o.comment));
        }),
      );
  }

  identityOptions(actions.command('execute').argument('<actionId>'), 'who asks: must be the holder of the token')
    .description('execute an approved action now; refused naming what is missing otherwise')
    .action(async (id: string, o: { as?: string; tokenFile?: string }) =>
      withContext(async (ctx) => {
        const staff = await actingStaff(ctx, o);
        requireCall(ctx, staff, 'actions.execute');
        print(await ctx.actionCommands.execute(id));
      }),
    );

  actions
    .command('show')
    .argument('<actionId>')
    .description('the action, its approvals, and what the policy says of it now')
    .action(async (id: string) =>
      withContext(async (ctx) => {
        const action = await ctx.actions.get(ctx.db, id);
        const approvals = await ctx.actions.approvals(ctx.db, id);
        const now = isAwaiting(action.state) ? await ctx.executor.check(ctx.db, action) : null;
        print({ action, approvals, missing: now?.missing ?? null });
      }),
    );

  actions
    .command('list')
    .addOption(new Option('--state <state>').choices(ACTION_STATES))
    .option('--target <id>')
    .action(async (o: { state?: ActionState; target?: string }) =>
      withContext(async (ctx) => {
        const list = await ctx.actions.list(ctx.db, { state: o.state, targetId: o.target });
        console.table(list.map((a) => ({ id: a.id, kind: a.kind, target: a.targetId, state: a.state, proposer: a.proposer.id, proposed: new Date(a.proposedAt).toISOString() })));
      }),
    );

  identityOptions(program.command('freeze').argument('<on|off>'), 'an admin: must be the holder of the token')
    .requiredOption('--reason <text>')
    .description('the freeze switch: while on, enforcement other than restores is refused')
    .action(async (state: string, o: { as?: string; tokenFile?: string; reason: string }) =>
      withContext(async (ctx) => {
        if (state !== 'on' && state !== 'off') throw invalidInput([{ path: 'on|off', message: 'must be on or off' }]);
        const staff = await actingStaff(ctx, o);
        requireCall(ctx, staff, 'policy.freeze');
        await ctx.transaction((tx) => ctx.policy.setFreeze(tx, { kind: 'staff', id: staff.id }, state === 'on', o.reason));
        console.log(`freeze ${state}`);
      }),
    );
}

export function registerOffboardCommand(staff: Command, withContext: WithContext): void {
  identityOptions(staff.command('offboard').argument('<staffId>'), 'the admin doing it: must be the holder of the token')
    .requiredOption('--reason <text>')
    .description('end access now: revoke tokens, void pending proposals, approvals and scheduled actions, release claims')
    .action(async (id: string, o: { reason: string; as?: string; tokenFile?: string }) =>
      withContext(async (ctx) => {
        const admin = await actingStaff(ctx, o);
        requireCall(ctx, admin, 'staff.offboard');
        print(await ctx.transaction((tx) => ctx.lifecycle.offboard(tx, { kind: 'staff', id: admin.id }, id, o.reason)));
      }),
    );
}
