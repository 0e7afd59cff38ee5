/**
 * `warden appeals list|show|decide`: the appeals queue for operators, acting
 * as the holder of the API token presented (identity.ts), through the same
 * services and policy as the API. `decide` claims the appeal's case through
 * the case claim flow first when the caller does not hold it, in the same
 * transaction: a refused decision leaves no claim behind.
 */
import { type Command, Option } from 'commander';
import { APPEAL_OUTCOMES, APPEAL_STATES, type AppealState, DecisionInputSchema } from '../appeals/model.js';
import type { AppContext } from '../context.js';
import { invalidInput } from '../errors.js';
import { fieldsOf } from '../http/errors.js';
import { actingStaff, identityOptions, requireCall } from './identity.js';

type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

const print = (v: unknown) => console.log(JSON.stringify(v, null, 2));

export function registerAppealCommands(program: Command, withContext: WithContext): void {
  const appeals = program.command('appeals').description('the appeals queue: appeals against decisions, decided by someone independent of them');

  identityOptions(appeals.command('list'))
    .addOption(new Option('--state <state>', 'default: open').choices(APPEAL_STATES))
    .option('--account <id>')
    .action(async (o: { as?: string; tokenFile?: string; state?: AppealState; account?: string }) =>
      withContext(async (ctx) => {
        const staff = await actingStaff(ctx, o);
        requireCall(ctx, staff, 'appeals.read');
        const list = await ctx.appealReader.list(ctx.db, staff, { state: o.state, accountId: o.account });
        console.table(
          list.map((a) => ({
            id: a.id,
            case: a.caseId,
            by: a.appellant.kind,
            account: a.accountId,
            contests: a.actionId ?? `case ${a.originalCaseId}`,
            filed: new Date(a.filedAt).toISOString(),
            state: a.state,
          })),
        );
      }),
    );

  identityOptions(appeals.command('show').argument('<appealId>'))
    .description('the appeal with the contested action, its approvals, the original case and reports, and who may not decide it')
    .action(async (id: string, o: { as?: string; tokenFile?: string }) =>
      withContext(async (ctx) => {
        const staff = await actingStaff(ctx, o);
        requireCall(ctx, staff, 'appeals.read');
        print(await ctx.appealReader.view(ctx.db, staff, id));
      }),
    );

  identityOptions(appeals.command('decide').argument('<appealId>'), 'the decider: must be the holder of the token')
    .addOption(new Option('--outcome <outcome>').choices(APPEAL_OUTCOMES).makeOptionMandatory())
    .requiredOption('--reasons <text>', 'why, in words the appellant is told')
    .action(async (id: string, o: { as?: string; tokenFile?: string; outcome: string; reasons: string }) =>
      withContext(async (ctx) => {
        const parsed = DecisionInputSchema.safeParse({ outcome: o.outcome, reasons: o.reasons });
        if (!parsed.success) throw invalidInput(fieldsOf(parsed.error));
        const staff = await actingStaff(ctx, o);
        requireCall(ctx, staff, 'appeals.decide');
        const decided = await ctx.transaction(async (tx) => {
          const { case: kase } = await ctx.appealReader.view(tx, staff, id);
          if (kase.claimedBy !== staff.id) await ctx.cases.claimById(tx, staff, kase.id);
          return ctx.appeals.decide(tx, staff, id, parsed.data.outcome, parsed.data.reasons);
        });
        print(decided);
      }),
    );
}
