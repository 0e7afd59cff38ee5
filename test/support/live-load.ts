/**
 * Mixed load on a live Warden (test/support/live.ts), the way its clients
 * send it: the platform posting reports, agents proposing enforcement (now,
 * or scheduled), leads approving what protected accounts need approved,
 * executions of due scheduled actions racing the scheduler, restores. Every
 * choice comes from one seeded generator, so a failing run can be replayed by
 * its seed (timing still differs between runs: that is what is under test).
 *
 * What Warden answered 2xx is recorded in the ledger: that is what it
 * acknowledged, and what must be found afterwards. Requests cut by a kill or
 * refused while Warden is down are retried under their Idempotency-Key, as a
 * careful client does, until Warden answers or the load stops.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ELEVATED, type Live } from './live.js';

/** mulberry32: small, fast, and the same sequence for the same seed */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface AckedReport {
  reporterId: string;
  accountId: string;
  category: string;
}

export interface AckedAction {
  kind: string;
  targetId: string;
  /** the state in the answer */
  state: string;
  key: string;
}

export interface Ledger {
  reports: Map<number, AckedReport>;
  actions: Map<string, AckedAction>;
  approvals: { actionId: string; approverId: string }[];
  /** actions an answer showed executed (or further) */
  executed: Set<string>;
}

export interface LoadFigures {
  requests: number;
  /** answers by status */
  statuses: Record<number, number>;
  /** requests that got no answer (cut by a kill, refused while down, timed out) */
  cut: number;
  /** why, by kind (refused, reset, timed out) */
  cutBy: Record<string, number>;
  /** of the requests answered after being cut, how many were retries under the same Idempotency-Key */
  retriedAcks: number;
  /** a few 5xx answers, for the report */
  serverErrors: string[];
}

const CATEGORIES = ['spam', 'harassment', 'hate', 'impersonation', 'misinformation', 'other'];
const NOW_KINDS = ['warn', 'limit', 'lock', 'suspend', 'deactivate', 'restore'] as const;
const ELEVATED_KINDS = ['limit', 'lock', 'suspend'] as const;
/** the shortest suspension the schema allows: its end (a restore by Warden itself) falls inside the run */
const SUSPEND_MS = 60_000;

class NoAnswer extends Error {}

interface Answer {
  status: number;
  body: any;
}

export interface MixedLoadOptions {
  seed: number;
  /** concurrent clients */
  clients?: number;
  /** a request not answered in this long counts as cut */
  requestTimeoutMs?: number;
  /** how long a cut request is retried under its key */
  retryForMs?: number;
  /** accounts the platform does not know: a few proposals go to them (each a give-up) */
  ghosts?: string[];
}

export class MixedLoad {
  readonly ledger: Ledger = { reports: new Map(), actions: new Map(), approvals: [], executed: new Set() };
  readonly figures: LoadFigures = { requests: 0, statuses: {}, cut: 0, cutBy: {}, retriedAcks: 0, serverErrors: [] };
  private readonly rnd: () => number;
  private readonly url: string;
  private stopped = false;
  private running: Promise<void> | null = null;
  private n = 0;
  /** proposals on elevated accounts waiting for a lead */
  private readonly awaiting: string[] = [];
  /** scheduled actions and when they are due */
  private readonly scheduled: { id: string; due: number }[] = [];
  private readonly standard: string[];

  constructor(
    private readonly live: Live,
    private readonly opts: MixedLoadOptions,
  ) {
    this.rnd = seeded(opts.seed);
    this.url = `http://127.0.0.1:${live.wardenPort}`;
    this.standard = live.accounts.filter((a) => !ELEVATED.includes(a));
  }

  start(): void {
    const clients = this.opts.clients ?? 8;
    this.running = Promise.all(Array.from({ length: clients }, () => this.client())).then(() => {});
  }

  /** Stop sending; resolves when every client has had its last answer (or given up on it). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)]!;
  }

  private async client(): Promise<void> {
    while (!this.stopped) {
      const r = this.rnd();
      try {
        if (r < 0.3) await this.report();
        else if (r < 0.38) await this.reportBatch();
        else if (r < 0.58) await this.proposeNow();
        else if (r < 0.66) await this.proposeScheduled();
        else if (r < 0.76) await this.proposeElevated();
        else if (r < 0.88) await this.approve();
        else if (r < 0.95) await this.executeDue();
        else if (r < 0.99 || !this.opts.ghosts?.length) await this.restoreElevated();
        else await this.propose(this.live.crew.agent.token, { kind: 'limit', targetId: this.pick(this.opts.ghosts) });
      } catch (err) {
        if (!(err instanceof NoAnswer)) throw err;
        // Warden is down or restarting: a pause, then the next request
        await sleep(200);
      }
    }
  }

  private noAnswer(err: unknown): never {
    this.figures.cut++;
    const e = err as { name?: string; cause?: { code?: string } };
    const why = e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.name ?? 'error');
    this.figures.cutBy[why] = (this.figures.cutBy[why] ?? 0) + 1;
    throw new NoAnswer();
  }

  /** One request; NoAnswer when none came. */
  private async send(token: string, method: string, p: string, body: unknown, key?: string): Promise<Answer> {
    this.figures.requests++;
    let res: Response;
    try {
      res = await fetch(this.url + p, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.requestTimeoutMs ?? 15_000),
      });
    } catch (err) {
      this.noAnswer(err);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      this.noAnswer(err);
    }
    this.figures.statuses[res.status] = (this.figures.statuses[res.status] ?? 0) + 1;
    if (res.status >= 500 && this.figures.serverErrors.length < 20) this.figures.serverErrors.push(`${method} ${p} ${res.status} ${text.slice(0, 300)}`);
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed };
  }

  /**
   * A state-changing request under an Idempotency-Key, retried with the same
   * key while it gets no answer: the retry must return the first answer, never
   * do the work twice. NoAnswer when it never got one.
   */
  private async keyed(token: string, method: string, p: string, body: unknown): Promise<{ answer: Answer; key: string }> {
    const key = `load-${this.opts.seed}-${++this.n}`;
    const deadline = Date.now() + (this.opts.retryForMs ?? 30_000);
    let cut = false;
    for (;;) {
      try {
        const answer = await this.send(token, method, p, body, key);
        if (cut && answer.status < 300) this.figures.retriedAcks++;
        return { answer, key };
      } catch (err) {
        if (!(err instanceof NoAnswer) || Date.now() > deadline) throw err;
        cut = true;
        await sleep(250);
      }
    }
  }

  private reportBody() {
    const i = ++this.n;
    return { reporterId: `rep_${this.opts.seed}_${i}`, accountId: this.pick(this.live.accounts), category: this.pick(CATEGORIES), text: `report ${i}`, evidence: [`https://example.test/p/${i}`] };
  }

  private async report(): Promise<void> {
    const report = this.reportBody();
    // half of the platform's reports carry a key and are retried; half are sent once
    const answer = this.rnd() < 0.5 ? (await this.keyed(this.live.serviceToken, 'POST', '/v1/reports', report)).answer : await this.send(this.live.serviceToken, 'POST', '/v1/reports', report);
    if (answer.status === 202) this.ledger.reports.set(answer.body.reportId, report);
  }

  private async reportBatch(): Promise<void> {
    const reports = Array.from({ length: 5 + Math.floor(this.rnd() * 16) }, () => this.reportBody());
    const { answer } = await this.keyed(this.live.serviceToken, 'POST', '/v1/reports/batch', { reports });
    if (answer.status === 202) (answer.body.results as { reportId: number }[]).forEach((r, k) => this.ledger.reports.set(r.reportId, reports[k]!));
  }

  private recordAction(answer: Answer, key: string): string | null {
    if (answer.status !== 201 && answer.status !== 200) return null;
    const a = answer.body.action as { id: string; kind: string; targetId: string; state: string };
    if (answer.status === 201) this.ledger.actions.set(a.id, { kind: a.kind, targetId: a.targetId, state: a.state, key });
    if (['executed', 'delivered', 'failed'].includes(a.state)) this.ledger.executed.add(a.id);
    return a.id;
  }

  private async propose(token: string, proposal: Record<string, unknown>): Promise<{ id: string | null; state: string | null }> {
    const justification = `crash-suite load, proposal ${this.n + 1}`;
    const { answer, key } = await this.keyed(token, 'POST', '/v1/actions', { reasonCode: 'spam', justification, ...proposal });
    const id = this.recordAction(answer, key);
    return { id, state: id ? (answer.body.action.state as string) : null };
  }

  private async proposeNow(): Promise<void> {
    const kind = this.pick(NOW_KINDS);
    const who = this.rnd() < 0.8 ? this.live.crew.agent : this.live.crew.lead;
    await this.propose(who.token, { kind, targetId: this.pick(this.standard), ...(kind === 'suspend' ? { durationMs: SUSPEND_MS + Math.floor(this.rnd() * 30_000) } : {}) });
  }

  private async proposeScheduled(): Promise<void> {
    const due = Date.now() + 1000 + Math.floor(this.rnd() * 3000);
    const { id, state } = await this.propose(this.live.crew.agent.token, { kind: 'suspend', targetId: this.pick(this.standard), durationMs: SUSPEND_MS, scheduledFor: due });
    if (id && state === 'scheduled') this.scheduled.push({ id, due });
  }

  private async proposeElevated(): Promise<void> {
    const kind = this.pick(ELEVATED_KINDS);
    const { id, state } = await this.propose(this.live.crew.agent.token, { kind, targetId: this.pick(ELEVATED), ...(kind === 'suspend' ? { durationMs: SUSPEND_MS } : {}) });
    if (id && state === 'awaiting_approval') this.awaiting.push(id);
  }

  private async approve(): Promise<void> {
    if (this.awaiting.length === 0) return this.report();
    const id = this.awaiting.splice(Math.floor(this.rnd() * this.awaiting.length), 1)[0]!;
    const lead = this.rnd() < 0.5 ? this.live.crew.lead : this.live.crew.lead2;
    const { answer, key } = await this.keyed(lead.token, 'POST', `/v1/actions/${id}/approve`, { comment: 'looks right' });
    if (answer.status === 200) {
      this.ledger.approvals.push({ actionId: id, approverId: lead.staff.id });
      this.recordAction(answer, key);
    }
  }

  /** An execution of a due scheduled action: it races the scheduler, and exactly one of them may run it. */
  private async executeDue(): Promise<void> {
    const i = this.scheduled.findIndex((s) => s.due <= Date.now());
    if (i < 0) return this.report();
    const { id } = this.scheduled.splice(i, 1)[0]!;
    const { answer, key } = await this.keyed(this.live.crew.agent.token, 'POST', `/v1/actions/${id}/execute`, undefined);
    this.recordAction(answer, key);
  }

  /** Back to active: needs no approval, even on an elevated account. */
  private async restoreElevated(): Promise<void> {
    await this.propose(this.live.crew.lead.token, { kind: 'restore', targetId: this.pick(ELEVATED), reasonCode: 'error_correction' });
  }
}
