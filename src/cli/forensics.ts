/**
 * `warden timeline ACCOUNT`, `warden explain ACTION`, `warden access-review
 * STAFF`: the forensics answers, printed for a person (or as JSON).
 */
import type { Command } from 'commander';
import { reviewAccess } from '../actions/access-review.js';
import { explainAction } from '../actions/explain.js';
import { staffById } from '../staff/store.js';
import type { ActorAtInstant } from '../actions/staff-at-instants.js';
import { accountTimeline } from '../forensics/timeline.js';
import type { AppContext } from '../context.js';

type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

function who(a: ActorAtInstant): string {
  if (a.kind !== 'staff') return `${a.kind}:${a.id}`;
  const window = a.access ? ` access ${iso(a.access.from)}–${a.access.until === null ? 'open' : iso(a.access.until)}${a.accessOpen ? '' : ' (CLOSED then)'}` : '';
  return `${a.name ?? a.id} [${a.id}; ${a.role ?? '?'}, ${a.employment ?? '?'};${window}]`;
}

export function registerForensicsCommands(program: Command, withContext: WithContext): void {
  program
    .command('timeline')
    .argument('<account>', 'the account id')
    .option('--since <iso>', 'only events at or after this instant')
    .option('--limit <n>', 'at most this many events', '2000')
    .option('--json', 'as JSON')
    .description("everything that happened to an account, in order: reports, cases, claims, proposals, the policy's verdicts with their rules, approvals, executions, deliveries, alerts, tripwire events")
    .action(async (account: string, o: { since?: string; limit: string; json?: boolean }) =>
      withContext(async (ctx) => {
        const since = o.since ? Date.parse(o.since) : undefined;
        if (o.since && Number.isNaN(since)) throw new Error(`--since: not a date: ${o.since}`);
        const t = await accountTimeline(ctx.db, account, { since, limit: Number(o.limit) });
        if (o.json) return console.log(JSON.stringify(t, null, 2));
        console.log(`${t.account.displayName} (@${t.account.handle}, ${t.account.id}) — tier ${t.account.tier}, now ${t.account.status}`);
        for (const e of t.events) {
          console.log(`${iso(e.at)}  ${e.seq === null ? '      ' : `#${String(e.seq).padEnd(5)}`} ${e.event.padEnd(24)} ${e.summary}`);
          console.log(`${' '.repeat(28)}by ${who(e.actor)}`);
          for (const r of e.decision?.rules ?? []) console.log(`${' '.repeat(28)}rule ${r.id}${r.effect ? ` (${r.effect})` : ''}: ${r.reason}`);
          if (e.reason) console.log(`${' '.repeat(28)}reason: ${e.reason}`);
        }
        if (t.truncated) console.log(`… more events: use --since ${iso(t.events.at(-1)!.at)}`);
      }),
    );

  program
    .command('explain')
    .argument('<action>', 'the action id')
    .option('--json', 'as JSON')
    .description('which policy version and rules decided an action; which approvals counted, which did not, and why')
    .action(async (id: string, o: { json?: boolean }) =>
      withContext(async (ctx) => {
        const x = await explainAction(ctx.db, ctx.actions, ctx.executor, id);
        if (o.json) return console.log(JSON.stringify(x, null, 2));
        const a = x.action;
        console.log(`${a.id}: ${a.kind} on ${a.targetType} ${a.targetId} — ${a.state}`);
        console.log(`proposed ${iso(x.proposal.at)} by ${who(x.proposal.by)} under policy ${x.proposal.policyVersion}`);
        for (const r of x.proposal.rules) console.log(`  rule ${r.id}: ${r.reason}`);
        for (const n of x.proposal.requirements) console.log(`  needed: ${n}`);
        for (const ap of x.approvals) console.log(`approval #${ap.id} ${ap.verdict} ${iso(ap.at)} by ${who(ap.approver)}: ${ap.counted === null ? '' : ap.counted ? 'COUNTED' : 'DID NOT COUNT'} — ${ap.why}`);
        for (const r of x.refusals) console.log(`refused ${iso(r.at)} ${who(r.by)}: ${r.rules.map((x) => `${x.id}: ${x.reason}`).join('; ')}`);
        if (x.outcome) {
          console.log(`${x.outcome.state} ${iso(x.outcome.at)} (entry #${x.outcome.seq}) under policy ${x.outcome.policyVersion ?? '?'}${x.outcome.reason ? `: ${x.outcome.reason}` : ''}`);
          for (const r of x.outcome.rules) console.log(`  rule ${r.id}: ${r.reason}`);
        }
        if (x.now) console.log(`now (policy ${x.now.policyVersion}): ${x.now.allowed ? 'would execute' : `waiting: ${x.now.missing}`}`);
      }),
    );

  program
    .command('access-review')
    .argument('<staff>', 'the staff id')
    .option('--json', 'as JSON')
    .description('what this person could do right now, to which tiers, as the policy in force decides it')
    .action(async (id: string, o: { json?: boolean }) =>
      withContext(async (ctx) => {
        const r = await reviewAccess(ctx.db, ctx.policy, await staffById(ctx.db, id), ctx.clock.now());
        if (o.json) return console.log(JSON.stringify(r, null, 2));
        const s = r.staff;
        console.log(`${s.name} (${s.id}): ${s.actingRole}${s.actingRole === s.role ? '' : ` (elevated from ${s.role})`}, ${s.employment}, access ${s.accessState}${s.access.until ? ` until ${iso(s.access.until)}` : ''}; policy ${r.policyVersion}${r.frozen ? ', FROZEN' : ''}`);
        for (const line of r.summary) console.log(`  ${line}`);
        for (const e of r.entries.filter((e) => e.target.type !== 'account')) {
          console.log(`  ${e.kind} (${e.target.type}): propose ${e.propose.allowed ? 'yes' : 'no'}; approve ${e.approve.allowed ? 'yes' : 'no'}`);
        }
      }),
    );
}
