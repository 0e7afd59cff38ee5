/**
 * `warden statements list|show`: statements of reasons for the DSA
 * Transparency Database, for operators who oversee them, as the holder of the
 * API token presented (identity.ts): the same services and operation as
 * GET /v1/statements.
 */
import { type Command, Option } from 'commander';
import { auditServices } from '../audit/index.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { STATEMENT_STATES, type StatementState } from '../statements/model.js';
import { decisionProof } from '../statements/proof.js';
import { actingStaff, identityOptions, requireCall } from './identity.js';

type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

export function registerStatementCommands(program: Command, withContext: WithContext): void {
  const statements = program.command('statements').description('statements of reasons for the DSA Transparency Database, one per executed restriction');

  identityOptions(statements.command('list'))
    .addOption(new Option('--state <state>').choices(STATEMENT_STATES))
    .option('--account <id>')
    .action(async (o: { as?: string; tokenFile?: string; state?: StatementState; account?: string }) =>
      withContext(async (ctx) => {
        requireCall(ctx, await actingStaff(ctx, o), 'statements.read');
        if (!ctx.statements.sending) console.error('no Transparency Database is configured (WARDEN_DSA_TDB_URL): statements are recorded, not sent');
        const list = await ctx.statements.list(ctx.db, { state: o.state, accountId: o.account });
        console.table(
          list.map((s) => ({
            action: s.actionId,
            state: s.state,
            decision: s.body.decision_account ?? s.body.decision_provision ?? s.body.decision_visibility?.join(' ') ?? '',
            ground: s.body.decision_ground,
            source: s.body.source_type,
            uuid: s.tdbUuid ?? '',
          })),
        );
      }),
    );

  identityOptions(statements.command('show').argument('<actionId>'))
    .description('the statement as the database receives it, its delivery, and the audit inclusion proof of its decision')
    .action(async (actionId: string, o: { as?: string; tokenFile?: string }) =>
      withContext(async (ctx) => {
        requireCall(ctx, await actingStaff(ctx, o), 'statements.read');
        const s = await ctx.statements.get(ctx.db, actionId);
        if (!s) throw notFound('statement of action', actionId);
        const proof = await decisionProof(ctx.db, ctx.audit, auditServices(ctx).proofs, actionId);
        console.log(JSON.stringify({ ...s, sending: ctx.statements.sending, proof }, null, 2));
      }),
    );
}
