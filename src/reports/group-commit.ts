/**
 * Group commit for single-report intake: reports arriving while a transaction
 * is in flight wait and go together in the next one. Each caller is answered
 * only after the transaction holding its report has committed (a durable ack),
 * and one commit (one WAL fsync) serves many requests.
 */
import type { Actor, AuditInput } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import type { CaseAuditEvent } from '../cases/events.js';
import type { Db } from '../db/database.js';
import type { IntakeOutcome } from './service.js';
import type { IntakeService } from './service.js';
import type { ReportInput } from './model.js';

interface Pending {
  actor: Actor;
  report: ReportInput;
  resolve: (o: IntakeOutcome) => void;
  reject: (e: unknown) => void;
}

interface Host {
  intake: IntakeService;
  audit: AuditAppender<CaseAuditEvent>;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
}

export class GroupCommitIntake {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  /** bound on one group: keeps a transaction short under a flood */
  private readonly maxGroup = 2000;

  constructor(private readonly host: Host) {}

  submit(actor: Actor, report: ReportInput): Promise<IntakeOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ actor, report, resolve, reject });
      if (!this.running) this.running = this.loop();
    });
  }

  private async loop(): Promise<void> {
    // Let the requests already parsed in this turn of the event loop join.
    await new Promise<void>((r) => setImmediate(r));
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroup);
      try {
        const outcomes = await this.host.transaction(async (tx) => {
          const out: IntakeOutcome[] = new Array(group.length);
          const audits: AuditInput<CaseAuditEvent>[] = [];
          // reports from different actors are folded per actor, in one transaction
          const byActor = new Map<string, number[]>();
          group.forEach((p, i) => {
            const k = `${p.actor.kind}:${p.actor.id}`;
            byActor.set(k, [...(byActor.get(k) ?? []), i]);
          });
          for (const idxs of byActor.values()) {
            const got = await this.host.intake.submitEach(tx, group[idxs[0]!]!.actor, idxs.map((i) => group[i]!.report), () => 'accountId', audits);
            idxs.forEach((i, k) => (out[i] = got[k]!));
          }
          await this.host.audit.appendMany(tx, audits);
          return out;
        });
        group.forEach((p, i) => p.resolve(outcomes[i]!));
      } catch (err) {
        for (const p of group) p.reject(err);
      }
    }
    this.running = null;
  }

  async drain(): Promise<void> {
    while (this.running) await this.running;
  }
}
