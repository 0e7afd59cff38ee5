/**
 * Operators' commands for the guard: propose, approve, reject, show, offboard,
 * freeze — each acting as the holder of the API token it presents (see
 * identity.ts), through the same services and policy as the API, audited the
 * same way.
 */
import type { Command } from 'commander';
import { ProposalSchema } from '../actions/model.js';
import type { AppContext } from '../context.js';
import { invalidInput } from '../errors.js';
import { fieldsOf } from '../http/errors.js';
import { ACTION_KINDS } from '../policy/model.js';
import { actingStaff, identityOptions, requireCall } from './identity.js';

type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

const print = (v: unknown) => console.log(JSON.stringify(v, null, 2));

export function registerActionCommands(program: Command, withContext: WithContext): void {
  const actions = program.command('actions').description('proposals, approvals and their lifecycle');

  identityOptions(actions.command('propose'), 'the proposer: must be the holder of the token')
    .requiredOption('--kind <kind>', ACTION_KINDS.join(', '))
    .requiredOption('--target <id>', 'account id, staff id, or "active" for the policy set')
    .requiredOption('--reason <code>', 'a reason code')
    .option('--justification <text>', 'required for destructive actions', '')
    .option('--duration-ms <ms>', 'suspend: how long', (v) => Number(v))
    .option('--at <iso>', 'execute no earlier than this instant')
    .option('--tier <tier>')
    .option('--role <role>')
    .option('--hours <n>', 'elevate: for how long', (v) => Number(v))
    .option('--access-until <iso>', "set_access: the new end of the person's access window")
    .option('--preview', 'only say what the policy would demand')
    .action(async (o) =>
      withContext(async (ctx) => {
        const parsed = ProposalSchema.safeParse({
          kind: o.kind,
          targetId: o.target,
          reasonCode: o.reason,
          justification: o.justification,
          durationMs: o.durationMs,
          scheduledFor: o.at ? Date.parse(o.at) : undefined,
          tier: o.tier,
          role: o.role,
          hours: o.hours,
          accessUntil: o.accessUntil ? Date.parse(o.accessUntil) : undefined,
        });
        if (!parsed.success) throw invalidInput(fieldsOf(parsed.error));
        const staff = await actingStaff(ctx, o);
        if (o.preview) return print(await ctx.actions.preview(ctx.db, staff, parsed.data));
        await ctx.actions.precheck(ctx.db, staff, parsed.data);
        print(await ctx.transaction((tx) => ctx.actions.propose(tx, staff, parsed.data)));
      }),
    );

  for (const verdict of ['approve', 'reject'] as const) {
    identityOptions(actions.command(verdict).argument('<actionId>'))
      .option('--comment <text>', 'why', '')
      .action(async (id: string, o: { as?: string; tokenFile?: string; comment: string }) =>
        withContext(async (ctx) => {
          const staff = await actingStaff(ctx, o);
          print(await ctx.transaction((tx) => ctx.actions.decide(tx, staff, id, verdict, o.comment)));
        }),
      );
  }

  actions
    .command('show')
    .argument('<actionId>')
    .description('the action, its approvals, and what the policy says of it now')
    .action(async (id: string) =>
      withContext(async (ctx) => {
        const action = await ctx.actions.get(ctx.db, id);
        const approvals = await ctx.actions.approvals(ctx.db, id);
        const now = ['awaiting_approval', 'approved', 'scheduled'].includes(action.state) ? await ctx.executor.check(ctx.db, action) : null;
        print({ action, approvals, missing: now?.missing ?? null });
      }),
    );

  actions
    .command('list')
    .option('--state <state>')
    .option('--target <id>')
    .action(async (o: { state?: string; target?: string }) =>
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
