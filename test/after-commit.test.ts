/**
 * Work attached to a transaction runs after it commits (src/db/transaction.ts):
 * an outbox row written in a committed transaction reaches the reference
 * platform (real HTTP on loopback) at once, with no kick from whoever wrote
 * it; a transaction that rolls back schedules nothing; and an attempt that
 * PostgreSQL aborted as a deadlock victim, and ctx.transaction ran again,
 * runs its work once, not once per attempt.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lockAccount } from '../src/accounts/lock.js';
import type { NewAlert } from '../src/alerts/model.js';
import type { AppContext } from '../src/context.js';
import type { Db } from '../src/db/database.js';
import { onCommit } from '../src/db/transaction.js';
import { enqueue, onOutboxCommit } from '../src/platform/outbox.js';
import { createDispatcher } from '../src/workers/delivery.js';
import { STORES } from './support/harness.js';
import { type World, makeWorld } from './support/world.js';

const JUST = 'bulk spam from a bot network';
const ALERT: NewAlert = {
  kind: 'platform_unreachable',
  severity: 'info',
  subject: { type: 'platform', id: 'platform' },
  summary: 'a test alert',
};
const SOON = { timeout: 5_000, interval: 20 };

describe.each(STORES)('work after commit on %s', (kind) => {
  let w: World;
  let ctx: AppContext;

  beforeEach(async () => {
    w = await makeWorld(kind, { accounts: 4 });
    ctx = w.h.ctx;
  });
  afterEach(() => w.close());

  const outboxRows = async () => (await ctx.db.selectFrom('outbox').select('id').execute()).length;

  it('an outbox row written in a committed transaction is delivered at once, with no kick from the caller', async () => {
    const dispatcher = createDispatcher(ctx);
    // it polls once a minute: only the commit itself can make this delivery prompt
    dispatcher.start(60_000);
    try {
      // the change as any caller writes it (the CLI, the scheduler): one transaction, nothing after it
      const proposal = { kind: 'deactivate', targetId: 'acct_0003', reasonCode: 'spam', justification: JUST } as const;
      const action = await ctx.transaction((tx) => ctx.actions.propose(tx, w.crew.lead.staff, proposal));
      expect(action.state).toBe('executed');
      await vi.waitFor(() => expect(w.platform.store.getAccount('acct_0003')!.status).toBe('deactivated'), SOON);
      await vi.waitFor(async () => expect((await ctx.actions.get(ctx.db, action.id)).state).toBe('delivered'), SOON);
      expect(w.platform.store.eventsOf('acct_0003')).toHaveLength(1);
    } finally {
      await dispatcher.stop();
    }
  });

  it('a transaction that rolls back schedules nothing; the same one committed runs its work once', async () => {
    const heard: string[] = [];
    const stop = onOutboxCommit(ctx.db, () => heard.push('outbox row committed'));
    try {
      const change = (thenFail: boolean) => async (tx: Db) => {
        onCommit(tx, () => heard.push('work'));
        await ctx.alerts.raise(tx, ALERT);
        if (thenFail) throw new Error('rolled back after writing its outbox row');
      };
      await expect(ctx.transaction(change(true))).rejects.toThrow('rolled back');
      expect(heard).toEqual([]);
      expect(await outboxRows()).toBe(0);

      await ctx.transaction(change(false));
      expect(heard).toEqual(['work', 'outbox row committed']);
      expect(await outboxRows()).toBe(1);

      // a row written outside any transaction has committed when it is written: told at once
      const payload = { alertId: 0, kind: ALERT.kind, severity: ALERT.severity, summary: ALERT.summary, details: {} };
      await enqueue(ctx.db, ctx.clock.now(), { kind: 'alert', key: 'alert:outside', payload });
      expect(heard).toEqual(['work', 'outbox row committed', 'outbox row committed']);
    } finally {
      stop();
    }
  });

  it.runIf(kind === 'postgres')('an attempt PostgreSQL aborts and ctx.transaction runs again runs its work once (PostgreSQL only: SQLite serialises writers, it never aborts one)', async () => {
    const attempts = { a: 0, b: 0 };
    const ran = { a: 0, b: 0 };
    let outboxCommits = 0;
    const stop = onOutboxCommit(ctx.db, () => outboxCommits++);
    // both first attempts hold their first account before either asks for its second
    let holding = 0;
    let bothHold!: () => void;
    const held = new Promise<void>((resolve) => (bothHold = resolve));
    const body = (name: 'a' | 'b', first: string, second: string) => async (tx: Db) => {
      const attempt = ++attempts[name];
      onCommit(tx, () => ran[name]++);
      await lockAccount(tx, first);
      if (attempt === 1) {
        if (++holding === 2) bothHold();
        await held;
      }
      // the two take their accounts in opposite orders: PostgreSQL aborts one (40P01)
      await lockAccount(tx, second);
      await ctx.alerts.raise(tx, ALERT);
    };
    try {
      await Promise.all([
        ctx.transaction(body('a', 'acct_0001', 'acct_0002')),
        ctx.transaction(body('b', 'acct_0002', 'acct_0001')),
      ]);
    } finally {
      stop();
    }
    // one of them ran twice; each committed once, and its work ran once
    expect(attempts.a + attempts.b).toBe(3);
    expect(ran).toEqual({ a: 1, b: 1 });
    expect(outboxCommits).toBe(2);
    expect(await outboxRows()).toBe(2);
  }, 20_000);
});
