/**
 * The scheduler: runs due actions (each re-checked against the policy at that
 * instant), expires stale proposals, and ends access whose window has closed —
 * the same effect as offboarding, with no human step.
 */
import type { AppContext } from '../context.js';

export interface SchedulerRun {
  executed: string[];
  accessEnded: string[];
  expired: number;
}

export async function runSchedulerOnce(ctx: Pick<AppContext, 'transaction' | 'executor' | 'lifecycle' | 'db'>): Promise<SchedulerRun> {
  // access first: a person whose window closed at 18:00 must not see their 18:05 action run
  const ended = await ctx.transaction((tx) => ctx.lifecycle.sweepEndedAccess(tx));
  const expired = await ctx.transaction((tx) => ctx.executor.expireStale(tx));
  const executed: string[] = [];
  for (const id of await ctx.executor.dueActionIds(ctx.db)) {
    // one transaction per action: one that fails its re-check does not hold up the rest
    const a = await ctx.transaction((tx) => ctx.executor.advance(tx, id, 'schedule'));
    if (a.state === 'executed') executed.push(id);
  }
  return { executed, accessEnded: ended.map((e) => e.staffId), expired };
}
