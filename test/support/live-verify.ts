/**
 * After a live run: waits for Warden to settle, then holds it to its promises.
 * Everything acknowledged is in the store; every executed action was applied
 * by the platform exactly once (by idempotency key, from the platform's own
 * list) and in the order Warden decided them, per account; both sides end in
 * the same state; no drift was raised for a change Warden made itself; every
 * give-up was alerted; and `warden audit verify` passes.
 *
 * The checks collect every problem before failing, so one run reports all
 * that went wrong, with figures.
 */
import { sql } from 'kysely';
import type { Store } from '../../src/db/database.js';
import type { AppliedAction } from '../../src/platform/reference/store.js';
import type { Ledger } from './live-load.js';
import type { Live } from './live.js';
import { until } from './world.js';
import { wardenCli } from './warden-start.js';

export interface Settled {
  ok: boolean;
  /** what was still moving when the wait ended */
  detail: string;
  waitedMs: number;
}

/** What is still on its way: executed-not-delivered actions, pending platform rows, due scheduled actions. */
export async function inFlight(store: Store, now = Date.now()) {
  const executing = await store.db.selectFrom('actions').select('id').where('state', '=', 'executed').execute();
  const pending = await store.db.selectFrom('outbox').select(['id', 'kind', 'attempts', 'last_error']).where('state', '=', 'pending').execute();
  // a scheduled action is due a moment after its time: the scheduler runs every 250 ms
  const due = await store.db.selectFrom('actions').select('id').where('state', '=', 'scheduled').where('scheduled_for', '<=', now - 2000).execute();
  return { executing: executing.length, pending: pending.length, pendingPlatform: pending.filter((p) => p.kind === 'platform_action').length, due: due.length, sampleError: pending.find((p) => p.last_error)?.last_error ?? null };
}

/** Waits (with the shared until()) until nothing is on its way to the platform; never throws: the checks say what is wrong. */
export async function settle(live: Live, timeoutMs: number): Promise<Settled> {
  const store = await live.openStore();
  const started = Date.now();
  let last = '';
  try {
    await until(
      'Warden to settle',
      async () => {
        const f = await inFlight(store);
        last = JSON.stringify(f);
        return f.executing === 0 && f.pending === 0 && f.due === 0;
      },
      timeoutMs,
    );
    return { ok: true, detail: last, waitedMs: Date.now() - started };
  } catch {
    return { ok: false, detail: last, waitedMs: Date.now() - started };
  } finally {
    await store.close();
  }
}

export interface Verdict {
  problems: string[];
  figures: {
    reportsAcked: number;
    actionsAcked: number;
    approvalsAcked: number;
    executedInStore: number;
    delivered: number;
    failed: number;
    lapsed: number;
    /** lapsed rows that had been sent before (or that the platform has) */
    lapsedAfterASend: number;
    /** outbox rows whose last error is an outcome that could not be written after the platform took the send */
    unrecordedSends: number;
    unrecordedByDeadlock: number;
    /** execution to delivery */
    deliveryMs: { p50: number; p95: number; max: number };
    appliedByPlatform: number;
    giveUpAlerts: number;
    drifts: number;
    auditEntries: number;
  };
}

const CHUNK = 500;

/** Reads rows by id, a chunk of ids a query. */
async function chunked<I, T>(ids: I[], read: (chunk: I[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}

/**
 * Holds the stopped (or running) deployment to the ledger. `giveUpsExpectedOn`:
 * accounts the platform does not know, whose actions must be given up on and
 * alerted; every other executed action must be delivered — or, with
 * `allowLapsed` (an outage longer than a suspension), have lapsed: a
 * suspension whose end passed before its turn came is not sent at all.
 */
export async function verifyLive(live: Live, ledger: Ledger, opts: { giveUpsExpectedOn?: string[]; allowLapsed?: boolean } = {}): Promise<Verdict> {
  const problems: string[] = [];
  const unknown = new Set(opts.giveUpsExpectedOn ?? []);
  const store = await live.openStore();
  try {
    // 1. every acknowledged report, action and approval is there
    const reportIds = [...ledger.reports.keys()];
    const reports = await chunked(reportIds, (chunk) => store.db.selectFrom('reports').select(['id', 'reporter_id', 'account_id', 'category']).where('id', 'in', chunk).execute());
    const storedReports = new Map(reports.map((r) => [Number(r.id), r]));
    const lostReports = reportIds.filter((id) => !storedReports.has(id));
    if (lostReports.length) problems.push(`${lostReports.length} of ${reportIds.length} acknowledged reports are not in the store (e.g. ${lostReports.slice(0, 5).join(', ')})`);
    const wrongReports = reportIds.filter((id) => {
      const s = storedReports.get(id);
      const a = ledger.reports.get(id)!;
      return s && (s.reporter_id !== a.reporterId || s.account_id !== a.accountId || s.category !== a.category);
    });
    if (wrongReports.length) problems.push(`${wrongReports.length} acknowledged reports are stored with other contents (e.g. ${wrongReports.slice(0, 5).join(', ')})`);

    const actionIds = [...ledger.actions.keys()];
    const actions = await chunked(actionIds, (chunk) => store.db.selectFrom('actions').select(['id', 'kind', 'target_id', 'executed_at']).where('id', 'in', chunk).execute());
    const storedActions = new Map(actions.map((a) => [a.id, a]));
    const lostActions = actionIds.filter((id) => !storedActions.has(id));
    if (lostActions.length) problems.push(`${lostActions.length} of ${actionIds.length} acknowledged actions are not in the store (e.g. ${lostActions.slice(0, 5).join(', ')})`);
    const wrongActions = actionIds.filter((id) => {
      const s = storedActions.get(id);
      const a = ledger.actions.get(id)!;
      return s && (s.kind !== a.kind || s.target_id !== a.targetId);
    });
    if (wrongActions.length) problems.push(`${wrongActions.length} acknowledged actions are stored as something else (e.g. ${wrongActions.slice(0, 5).join(', ')})`);
    const unexecuted = [...ledger.executed].filter((id) => storedActions.has(id) && storedActions.get(id)!.executed_at === null);
    if (unexecuted.length) problems.push(`${unexecuted.length} actions answered as executed are not executed in the store (e.g. ${unexecuted.slice(0, 5).join(', ')})`);

    const approvalRows = await store.db.selectFrom('approvals').select(['action_id', 'approver_id']).where('verdict', '=', 'approve').execute();
    const approvalSet = new Set(approvalRows.map((r) => `${r.action_id} ${r.approver_id}`));
    const lostApprovals = ledger.approvals.filter((a) => !approvalSet.has(`${a.actionId} ${a.approverId}`));
    if (lostApprovals.length) problems.push(`${lostApprovals.length} of ${ledger.approvals.length} acknowledged approvals are not in the store (e.g. ${JSON.stringify(lostApprovals.slice(0, 3))})`);

    // a proposal retried under its Idempotency-Key made one action, not two
    const twice = await store.db
      .selectFrom('actions')
      .select(['justification', (eb) => eb.fn.countAll().as('n')])
      .where('proposer_kind', '=', 'staff')
      .groupBy('justification')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    if (twice.length) problems.push(`${twice.length} proposals were made twice (a retry under the same Idempotency-Key did the work again), e.g. "${twice[0]!.justification}"`);

    // 2. every executed action applied by the platform exactly once, in decision order per account
    const executedRows = await store.db
      .selectFrom('actions')
      .select(['id', 'kind', 'target_id', 'state', 'closed_reason', 'executed_at', 'delivered_at'])
      .where('target_type', '=', 'account')
      .where('executed_at', 'is not', null)
      .execute();
    const executedById = new Map(executedRows.map((r) => [r.id, r]));
    const decided = await store.db
      .selectFrom('audit_log')
      .select(['seq', 'subject_id'])
      .where('action', '=', 'action.executed')
      .where('subject_type', '=', 'action')
      .orderBy('seq')
      .execute();
    const applied: AppliedAction[] = live.platform.store.appliedActions();
    const appliedCount = new Map<string, number>();
    for (const a of applied) appliedCount.set(a.idempotencyKey, (appliedCount.get(a.idempotencyKey) ?? 0) + 1);

    const failed = executedRows.filter((r) => r.state === 'failed');
    const lapsed = executedRows.filter((r) => r.state === 'lapsed');
    if (lapsed.length && !opts.allowLapsed) problems.push(`${lapsed.length} of ${executedRows.length} executed actions lapsed (a suspension delivered only after its end): delivery did not keep up`);
    const lapsedButApplied = lapsed.filter((r) => appliedCount.has(r.id));
    if (lapsedButApplied.length) problems.push(`${lapsedButApplied.length} actions Warden holds as lapsed (never sent) were applied by the platform (e.g. ${lapsedButApplied[0]!.id})`);
    const stillExecuted = executedRows.filter((r) => r.state === 'executed');
    const wrongFailures = failed.filter((r) => !unknown.has(r.target_id));
    if (wrongFailures.length) {
      const reasons = new Map<string, number>();
      for (const r of wrongFailures) {
        const why = (r.closed_reason ?? '').replace(/acct_\w+|act_[0-9a-f]+|\d{4}-\d\d-\d\dT[\d:.]+Z|\d{10,}/g, '…').slice(0, 160);
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
      }
      problems.push(`${wrongFailures.length} of ${executedRows.length} executed actions were given up on instead of delivered: ${[...reasons].map(([w, n]) => `${n}× ${w}`).join(' | ')}`);
    }
    if (stillExecuted.length) problems.push(`${stillExecuted.length} executed actions were never delivered nor given up on (e.g. ${stillExecuted.slice(0, 3).map((r) => r.id).join(', ')})`);
    const missingOnPlatform = executedRows.filter((r) => r.state === 'delivered' && !appliedCount.has(r.id));
    if (missingOnPlatform.length) problems.push(`${missingOnPlatform.length} actions Warden marked delivered are not on the platform (e.g. ${missingOnPlatform.slice(0, 3).map((r) => r.id).join(', ')})`);
    const appliedTwice = [...appliedCount].filter(([, n]) => n > 1);
    if (appliedTwice.length) problems.push(`${appliedTwice.length} idempotency keys were applied more than once`);
    const givenUpButApplied = failed.filter((r) => appliedCount.has(r.id));
    if (givenUpButApplied.length) problems.push(`${givenUpButApplied.length} actions Warden gave up on were applied by the platform after all (e.g. ${givenUpButApplied[0]!.id})`);
    const foreign = applied.filter((a) => !executedById.has(a.idempotencyKey));
    if (foreign.length) problems.push(`${foreign.length} changes on the platform came from no executed action of Warden's (e.g. key ${foreign[0]!.idempotencyKey}: ${JSON.stringify(foreign[0]!.request)})`);

    const wardenOrder = new Map<string, string[]>();
    for (const d of decided) {
      const r = executedById.get(d.subject_id);
      if (!r || !appliedCount.has(r.id)) continue;
      const list = wardenOrder.get(r.target_id) ?? [];
      list.push(r.id);
      wardenOrder.set(r.target_id, list);
    }
    const platformOrder = new Map<string, string[]>();
    for (const a of applied) {
      if (!executedById.has(a.idempotencyKey)) continue;
      const list = platformOrder.get(a.accountId) ?? [];
      list.push(a.idempotencyKey);
      platformOrder.set(a.accountId, list);
    }
    const outOfOrder: string[] = [];
    for (const [account, order] of wardenOrder) {
      const got = platformOrder.get(account) ?? [];
      if (JSON.stringify(got) !== JSON.stringify(order)) {
        const at = order.findIndex((id, i) => got[i] !== id);
        outOfOrder.push(`${account}: decided ${order[at]} (${executedById.get(order[at]!)?.kind}) as #${at + 1} of ${order.length}, the platform got ${got[at]} (${executedById.get(got[at]!)?.kind ?? '?'})`);
      }
    }
    if (outOfOrder.length) problems.push(`per-account order broken on ${outOfOrder.length} accounts: ${outOfOrder.slice(0, 5).join('; ')}`);

    // 3. both sides end in the same state
    const accountRows = await store.db.selectFrom('accounts').select(['id', 'status', 'status_until']).execute();
    const diverged: string[] = [];
    for (const a of accountRows) {
      const p = live.platform.store.getAccount(a.id);
      if (!p) continue;
      if (p.status !== a.status || (p.statusUntil ?? null) !== (a.status_until ?? null)) diverged.push(`${a.id}: Warden ${a.status}${a.status_until ? ` until ${a.status_until}` : ''}, platform ${p.status}${p.statusUntil ? ` until ${p.statusUntil}` : ''}`);
    }
    if (diverged.length) problems.push(`${diverged.length} accounts end in another state on the platform than in Warden: ${diverged.slice(0, 5).join('; ')}`);

    // 4. no drift for a change Warden made itself (the load makes no change around Warden)
    const drifts = await store.db.selectFrom('tripwire_drifts').select(['account_id', 'platform_version', 'state', 'expected', 'observed']).execute();
    const unauthorized = await store.db.selectFrom('alerts').select(['id', 'summary']).where('kind', '=', 'unauthorized_change').execute();
    if (drifts.length || unauthorized.length) {
      problems.push(`the tripwire took Warden's own changes for drift: ${drifts.length} drifts (${drifts.slice(0, 3).map((d) => `${d.account_id} v${d.platform_version} ${d.state}: expected ${d.expected}, saw ${d.observed}`).join('; ')}), ${unauthorized.length} unauthorized-change alerts`);
    }

    // 5. every give-up alerted
    const giveUpAlerts = await store.db.selectFrom('alerts').select(['subject_id']).where('kind', '=', 'delivery_failed').execute();
    const alerted = new Set(giveUpAlerts.map((a) => a.subject_id));
    const silent = failed.filter((r) => !alerted.has(r.id));
    if (silent.length) problems.push(`${silent.length} give-ups raised no alert (e.g. ${silent[0]!.id})`);
    for (const account of unknown) {
      const onIt = executedRows.filter((r) => r.target_id === account);
      const delivered = onIt.filter((r) => r.state !== 'failed');
      if (delivered.length) problems.push(`${delivered.length} actions on ${account}, which the platform does not know, were not given up on`);
    }

    // how long delivery took, execution to the platform's answer
    const delays = executedRows.filter((r) => r.delivered_at !== null).map((r) => r.delivered_at! - r.executed_at!).sort((a, b) => a - b);
    const q = (p: number) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))] ?? 0;
    const outboxOfLapsed = lapsed.length
      ? await store.db.selectFrom('outbox').select(['idempotency_key', 'attempts', 'created_at', 'done_at', 'last_error']).where('idempotency_key', 'in', lapsed.map((r) => r.id)).execute()
      : [];

    // sends the platform took whose outcome could not be written (the row is sent again)
    const unrecorded = await store.db.selectFrom('outbox').select(['last_error']).where('kind', '=', 'platform_action').where('last_error', 'like', '%recording it failed%').execute();
    const deadlocks = unrecorded.filter((r) => /deadlock/.test(r.last_error ?? '')).length;

    const auditEntries = Number((await sql<{ n: number }>`select count(*) as n from audit_log`.execute(store.db)).rows[0]!.n);
    return {
      problems,
      figures: {
        reportsAcked: reportIds.length,
        actionsAcked: actionIds.length,
        approvalsAcked: ledger.approvals.length,
        executedInStore: executedRows.length,
        delivered: executedRows.filter((r) => r.state === 'delivered').length,
        failed: failed.length,
        lapsed: lapsed.length,
        lapsedAfterASend: outboxOfLapsed.filter((o) => o.attempts > 0 || appliedCount.has(o.idempotency_key)).length,
        deliveryMs: { p50: q(0.5), p95: q(0.95), max: delays.at(-1) ?? 0 },
        unrecordedSends: unrecorded.length,
        unrecordedByDeadlock: deadlocks,
        appliedByPlatform: applied.length,
        giveUpAlerts: giveUpAlerts.length,
        drifts: drifts.length,
        auditEntries,
      },
    };
  } finally {
    await store.close();
  }
}

/** `warden audit verify`, the operator's command, on the deployment's store: its exit status and first line. */
export function auditVerifyCli(live: Live): { ok: boolean; output: string } {
  const r = wardenCli({ ...live.env, WARDEN_LOG_LEVEL: 'error' }, ['audit', 'verify', '--no-progress']);
  return { ok: r.status === 0 && r.stdout.startsWith('ok:'), output: `${r.stdout}${r.stderr}`.trim().slice(0, 3000) };
}
