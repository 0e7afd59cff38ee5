/**
 * `warden demo nov-2`: the chain of 2 November 2017, replayed against Warden
 * and the reference platform, both started here on loopback with fictional
 * staff and accounts in a fresh temporary store. Everything goes through the
 * HTTP API as the named people would; the clock starts at 17:40 on the day and
 * runs in real time, jumping forward only to reach the 18:00 contract end.
 */
import { auditServices } from '../audit/index.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM } from '../audit/model.js';
import type { Clock } from '../clock.js';
import { loadConfig } from '../config.js';
import { AppContext } from '../context.js';
import { PLATFORM_WEBHOOK_PATH } from '../http/routes/tripwires.js';
import { startHttp } from '../http/server.js';
import { demoAccounts } from '../platform/reference/seed.js';
import { startReferencePlatform } from '../platform/reference/server.js';
import { startWorkers } from '../workers/index.js';
import { runSchedulerOnce } from '../workers/scheduler.js';
import { demoStaff, demoWardenAccounts } from './seed.js';

/** Real time, shifted to the day of the story; `jumpTo` moves it forward. */
export class StoryClock implements Clock {
  private offset: number;
  constructor(start: Date) {
    this.offset = start.getTime() - Date.now();
  }
  now(): number {
    return Date.now() + this.offset;
  }
  jumpTo(t: number): void {
    if (t > this.now()) this.offset = t - Date.now();
  }
}

export interface DemoStep {
  step: number;
  /** the story clock, ISO 8601 */
  at: string;
  title: string;
  /** what Warden did */
  outcome: string;
  /** the policy's reasons, when it decided */
  rules?: { id: string; reason: string }[];
  [k: string]: unknown;
}

const PRESIDENT = 'acct_0001';
const ORDINARY = 'acct_0100';
const SERVICE_TOKEN = 'demo-service-token-nov-2';
const JUST = 'reported for harassment by one user; deactivating per the report';

export async function runNov2(emit: (step: DemoStep) => void): Promise<{ ok: boolean; steps: DemoStep[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-nov-2-'));
  // 17:40 local time on the day, as the story is told
  const clock = new StoryClock(new Date(2017, 10, 2, 17, 40, 0));
  const config = loadConfig({
    WARDEN_DATABASE_URL: path.join(dir, 'warden.db'),
    WARDEN_LOG_LEVEL: 'silent',
    WARDEN_SEED_DEMO: '0',
    WARDEN_SERVICE_TOKEN: SERVICE_TOKEN,
    WARDEN_PLATFORM_URL: 'http://127.0.0.1:1',
    WARDEN_SQLITE_SYNCHRONOUS: 'NORMAL',
    WARDEN_AUDIT_SIGNING_KEY: path.join(dir, 'audit-signing-key.pem'),
    WARDEN_TRIPWIRE_RECONCILE_INTERVAL_MS: '5000',
  });
  const platform = await startReferencePlatform({
    port: 0,
    dbPath: path.join(dir, 'platform.db'),
    adminToken: config.platform.adminToken,
    webhookSecret: config.platform.webhookSecret,
    now: () => clock.now(),
  });
  const steps: DemoStep[] = [];
  const runStart = clock.now();
  let ctx: AppContext | undefined;
  let server: Awaited<ReturnType<typeof startHttp>> | undefined;
  let workers: ReturnType<typeof startWorkers> | undefined;
  try {
    ctx = await AppContext.create({ ...config, platform: { ...config.platform, url: platform.url } }, { clock });
    const staff = demoStaff(clock.now());
    await seed(ctx, staff);
    platform.store.upsertAccounts(demoAccounts(200), clock.now());
    server = await startHttp(ctx, 0, '127.0.0.1');
    workers = startWorkers(ctx);
    platform.webhooks.subscribe(`${server.url}${PLATFORM_WEBHOOK_PATH}`);

    const token = (id: string) => staff.find((s) => s.id === id)!.token;
    const api = async (who: string, method: string, p: string, body?: unknown) => {
      const res = await fetch(server!.url + p, {
        method,
        headers: { authorization: `Bearer ${who}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const answer: any = await res.json();
      return { status: res.status, body: answer };
    };
    const step = (s: Omit<DemoStep, 'step' | 'at'>) => {
      const full = { step: steps.length + 1, at: new Date(clock.now()).toISOString(), ...s } as DemoStep;
      steps.push(full);
      emit(full);
      return full;
    };
    const rulesOf = (err: any): { id: string; reason: string }[] => (err?.error?.decision?.rules ?? []).map((r: any) => ({ id: r.id, reason: r.reason }));
    const casey = token('stf_casey');
    const lee = token('stf_lee');

    // 1. one user's report on the head of state's account
    const report = await api(SERVICE_TOKEN, 'POST', '/v1/reports', { reporterId: 'user_disgruntled', accountId: PRESIDENT, category: 'harassment', text: 'please remove this account', evidence: [] });
    const kase = (await api(lee, 'GET', `/v1/cases/${report.body.caseId}`)).body.case;
    step({
      title: 'A user reports @POTUS_Quill (President Avery Quill, tier critical)',
      outcome: `routed to the ${kase.queue} queue, not the general one; contractors cannot see or claim it`,
      http: report.status,
      caseId: report.body.caseId,
      queue: kase.queue,
      priority: kase.priority,
    });

    // 2. the contractor, on the last day of the contract, tries to deactivate it
    const caseyTry = await api(casey, 'POST', '/v1/actions', { kind: 'deactivate', targetId: PRESIDENT, reasonCode: 'harassment', justification: JUST });
    step({
      title: 'Casey Harrow (contract agent, last day, access ends 18:00) proposes to deactivate it',
      outcome: caseyTry.status === 403 ? 'refused' : `unexpected: HTTP ${caseyTry.status}`,
      http: caseyTry.status,
      rules: rulesOf(caseyTry.body),
      message: caseyTry.body.error?.message,
    });

    // 3. a lead proposes it; the contractor tries to approve
    const proposed = await api(lee, 'POST', '/v1/actions', { kind: 'deactivate', targetId: PRESIDENT, caseId: report.body.caseId, reasonCode: 'harassment', justification: JUST });
    const actionId: string = proposed.body.action?.id;
    const shown = await api(lee, 'GET', `/v1/actions/${actionId}`);
    const caseyApprove = await api(casey, 'POST', `/v1/actions/${actionId}/approve`, { comment: 'looks fine to me' });
    step({
      title: 'Lee Marchetti (lead) proposes the deactivation; Casey tries to approve it',
      outcome: caseyApprove.status === 403 ? 'approval refused; the proposal waits for two leads' : `unexpected: HTTP ${caseyApprove.status}`,
      actionId,
      actionState: proposed.body.action?.state,
      needs: shown.body.now?.missing,
      http: caseyApprove.status,
      rules: rulesOf(caseyApprove.body),
      message: caseyApprove.body.error?.message,
    });

    // 4. something Casey may do, scheduled past the end of the contract; the contract ends at 18:00
    const scheduledFor = new Date(2017, 10, 2, 18, 5, 0).getTime();
    const pending = await api(casey, 'POST', '/v1/actions', { kind: 'limit', targetId: ORDINARY, reasonCode: 'spam', justification: 'spam campaign, limit after the evening peak', scheduledFor });
    const pendingId: string = pending.body.action?.id;
    const pendingState: string = pending.body.action?.state;
    clock.jumpTo(new Date(2017, 10, 2, 18, 0, 0).getTime());
    const sweep = await runSchedulerOnce(ctx);
    clock.jumpTo(scheduledFor);
    await runSchedulerOnce(ctx);
    const after = await api(lee, 'GET', `/v1/actions/${pendingId}`);
    const caseyLater = await api(casey, 'GET', '/v1/me');
    step({
      title: `18:00: the contract ends with Casey's scheduled action pending (limit on ${ORDINARY} at 18:05, ${pendingState})`,
      outcome:
        after.body.action?.state === 'voided' && caseyLater.status === 401
          ? "voided; Casey's token no longer opens anything"
          : `unexpected: action ${after.body.action?.state}, Casey's token answered ${caseyLater.status}`,
      actionId: pendingId,
      actionState: after.body.action?.state,
      closedReason: after.body.action?.closedReason,
      accessEnded: sweep.accessEnded,
      caseyToken: caseyLater.status,
    });

    // 5. someone changes the account directly on the platform, bypassing Warden
    const statusBefore = platform.store.getAccount(PRESIDENT)!.status;
    const reverted = new Promise<number>((resolve) => {
      const off = platform.store.onChange((e) => {
        if (e.accountId === PRESIDENT && e.source === 'admin_api' && e.after.status === statusBefore) {
          off();
          resolve(performance.now());
        }
      });
    });
    const changedAt = performance.now();
    const res = await fetch(`${platform.url}/admin/accounts/${PRESIDENT}/direct`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.platform.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'deactivated' }),
    });
    if (res.status !== 200) throw new Error(`direct change failed: HTTP ${res.status}`);
    const revertedAt = await Promise.race([reverted, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no revert within 10 s')), 10_000).unref())]);
    // the platform has confirmed the revert; Warden's record of it commits right after
    let [drift] = await ctx.tripwires.list(ctx.db, { accountId: PRESIDENT });
    for (let i = 0; i < 500 && drift?.state === 'detected'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      [drift] = await ctx.tripwires.list(ctx.db, { accountId: PRESIDENT });
    }
    const alerts = await ctx.alerts.list(ctx.db, { unacknowledged: true });
    const alert = alerts.find((a) => a.id === drift?.alertId);
    step({
      title: 'Someone deactivates @POTUS_Quill directly on the platform, bypassing Warden',
      outcome: drift?.state === 'reverted' ? 'reverted by the tripwire, on-call alerted' : `unexpected: ${drift?.state}`,
      changeToRevertMs: Math.round((revertedAt - changedAt) * 10) / 10,
      platformStatus: platform.store.getAccount(PRESIDENT)!.status,
      detectedVia: drift?.via,
      alert: alert ? { id: alert.id, severity: alert.severity, summary: alert.summary } : null,
    });

    // 6. had the deactivation been a decision of three people, the owner is told what, why, and how to appeal
    const lou = token('stf_lou');
    const kim = token('stf_kim');
    await api(lou, 'POST', `/v1/actions/${actionId}/approve`, { comment: 'second lead: agreed' });
    const executed = await api(kim, 'POST', `/v1/actions/${actionId}/approve`, { comment: 'third person: agreed' });
    const told = await until(() => platform.store.notices.of('owner', PRESIDENT).find((n) => n.subject === 'enforcement'));
    const statement = told?.statement as { ground?: { wording?: string }; appealDeadline?: string | null } | undefined;
    step({
      title: "Had it been a decision: Lou Brennan and Kim Adebayo (leads) approve Lee's deactivation, and it executes",
      outcome: executed.body.action?.state === 'executed' || executed.body.action?.state === 'delivered' ? `executed; the owner was told: "${told?.title ?? 'nothing'}"` : `unexpected: ${executed.status} ${executed.body.action?.state}`,
      actionId,
      actionState: executed.body.action?.state,
      notice: told ? { title: told.title, body: told.body, ground: statement?.ground?.wording, appealDeadline: statement?.appealDeadline } : null,
    });

    // 7. the owner appeals; only someone who took no part in the decision may decide it
    const appeal = await api(SERVICE_TOKEN, 'POST', '/v1/appeals', { actionId, appellant: { kind: 'owner', accountId: PRESIDENT }, statement: 'One report, no harassment shown: this is the account of a head of state and must stay up.' });
    const appealId: string = appeal.body.appeal?.id;
    const leeDecides = await api(lee, 'POST', `/v1/appeals/${appealId}/decide`, { outcome: 'denied', reasons: 'I stand by my decision.' });
    const dana = token('stf_dana');
    await api(dana, 'POST', `/v1/cases/${appeal.body.appeal?.caseId}/claim`);
    const granted = await api(dana, 'POST', `/v1/appeals/${appealId}/decide`, { outcome: 'granted', reasons: 'One report and no harassment in evidence: the deactivation is overturned.' });
    const outcome = await until(() => platform.store.notices.of('owner', PRESIDENT).find((n) => n.subject === 'appeal_outcome'));
    const restored = await until(() => (platform.store.getAccount(PRESIDENT)!.status === 'active' ? true : undefined));
    step({
      title: 'The owner appeals; Lee, who proposed the deactivation, tries to decide the appeal; Dana Okafor (admin, no part in it) decides',
      outcome:
        appeal.status === 201 && leeDecides.status === 403 && granted.body.appeal?.state === 'granted' && restored
          ? `appeal granted by someone independent; the account is active again and the owner was told: "${outcome?.title ?? 'nothing'}"`
          : `unexpected: appeal ${appeal.status}, Lee ${leeDecides.status}, Dana ${granted.status} ${granted.body.error?.message ?? granted.body.appeal?.state}`,
      appealId,
      http: leeDecides.status,
      rules: rulesOf(leeDecides.body),
      message: leeDecides.body.error?.message,
      reversal: granted.body.reversal ? { id: granted.body.reversal.id, state: granted.body.reversal.state } : null,
      platformStatus: platform.store.getAccount(PRESIDENT)!.status,
      outcomeNotice: outcome ? { title: outcome.title, body: outcome.body } : null,
    });

    // 8. the audit log of the whole run verifies
    await workers.stop();
    workers = undefined;
    // a signed tree head over the whole run, then everything re-derived: chain, leaves, Merkle tree, heads
    const { heads, verifier } = auditServices(ctx);
    const head = await ctx.transaction((tx) => heads.sign(tx));
    const verified = await verifier.verify(ctx.db);
    step({
      title: 'Audit verification of the whole run',
      outcome: verified.ok
        ? `ok: ${verified.size} entries; hash chain, Merkle tree (RFC 9162) and the signed head of ${head.treeSize} entries hold; root ${verified.rootHash.slice(0, 16)}…`
        : `${verified.findings.length} problems: ${verified.findings.map((f) => f.kind).join(', ')}`,
      entries: verified.size,
      rootHash: verified.rootHash,
      signedHead: head,
      problems: verified.problems,
    });

    // 9. what the platform publishes of the day (DSA Art. 15, 24): every figure summed from the log just verified
    const startDay = Math.floor(runStart / 86_400_000) * 86_400_000;
    const endDay = Math.floor(clock.now() / 86_400_000) * 86_400_000 + 86_400_000;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const published = await api(token('stf_audrey'), 'GET', `/v1/transparency/report?from=${day(startDay)}&to=${day(endDay)}`);
    const r = published.body.report;
    const nonzero = (counts: Record<string, number>) =>
      Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none';
    step({
      title: "The day's transparency report (DSA Art. 15), read by the auditor from the audit log",
      outcome:
        published.status === 200
          ? `report: ${r.notices.total} notice(s) (${nonzero(r.notices.byCategory)}); ${r.measures.total} measure(s) (${nonzero(r.measures.byKind)}), ${r.measures.onNotice} on notice, ${r.measures.reversals} reversed; ` +
            `appeals ${r.appeals.received} received, ${r.appeals.decided} decided, ${r.appeals.overturned} overturned; ` +
            `${r.statements.total} statement(s) of reasons (${nonzero(r.statements.bySource)}); read at ${r.basis.auditSize} entries`
          : `unexpected: ${published.status} ${published.body.error?.message}`,
      http: published.status,
      report: r,
    });

    const expected = ['routed', 'refused', 'approval refused', 'voided', 'reverted', 'executed', 'appeal granted', 'ok', 'report'];
    return { ok: steps.every((s, i) => s.outcome.startsWith(expected[i]!)) && steps.length === expected.length, steps };
  } finally {
    await workers?.stop();
    await server?.close();
    await ctx?.close();
    await platform.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function seed(ctx: AppContext, staff: ReturnType<typeof demoStaff>): Promise<void> {
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    for (const s of staff) {
      await ctx.staff.seed(tx, {
        id: s.id,
        name: s.name,
        email: `${s.id.slice(4)}@demo.warden.example`,
        role: s.role,
        employment: s.employment,
        accessFrom: now - 30 * 86_400_000,
        accessUntil: s.accessUntil,
      });
      await ctx.staff.issueToken(tx, SYSTEM, s.id, 'demo', s.token);
    }
  });
  await ctx.transaction((tx) => ctx.accounts.importBatch(tx, SYSTEM, demoWardenAccounts(200), 'demo seed'));
}

/** What `probe` answers once it answers something, polled for up to 10 s (delivery runs after commit). */
async function until<T>(probe: () => T | undefined): Promise<T | undefined> {
  for (let i = 0; i < 500; i++) {
    const found = probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}

/** One step as a person reads it. */
export function formatStep(s: DemoStep): string {
  const time = new Date(s.at).toTimeString().slice(0, 8);
  const lines = [`${String(s.step).padStart(2)}. [${time}] ${s.title}`, `    → ${s.outcome}`];
  for (const r of s.rules ?? []) lines.push(`      rule ${r.id}: ${r.reason}`);
  if (typeof s.needs === 'string') lines.push(`      the policy: ${s.needs}`);
  if (typeof s.closedReason === 'string') lines.push(`      ${s.closedReason}`);
  if (typeof s.changeToRevertMs === 'number') lines.push(`      change → revert confirmed by the platform: ${s.changeToRevertMs} ms (in 2017: 11 minutes, by hand)`);
  const told = (s.notice ?? s.outcomeNotice) as { body: string } | null | undefined;
  if (told) lines.push(...told.body.split('\n').map((l) => `      | ${l}`));
  if (s.alert && typeof s.alert === 'object') lines.push(`      alert: ${(s.alert as { summary: string }).summary}`);
  return lines.join('\n');
}
