import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DeliveryHealth } from '../platform/reachability.js';

/**
 * One registry per running app, so tests can start many apps in one process.
 * `deliveryHealth` is read at each scrape (the store is shared by every
 * instance, so every instance reports the same outage and backlog).
 */
export function createMetrics(deliveryHealth?: () => Promise<DeliveryHealth>, work?: WorkReads) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'warden_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const reports = new Counter({
    name: 'warden_reports_accepted_total',
    help: 'Reports accepted by intake',
    labelNames: ['duplicate'] as const,
    registers: [registry],
  });
  // from the platform's change to Warden seeing it, and to the platform confirming the revert
  const tripwireBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  const tripwireDetect = new Histogram({
    name: 'warden_tripwire_time_to_detect_seconds',
    help: 'Time from an unauthorized change on the platform to Warden recording it as drift',
    labelNames: ['tier', 'via'] as const,
    buckets: tripwireBuckets,
    registers: [registry],
  });
  const tripwireRevert = new Histogram({
    name: 'warden_tripwire_time_to_revert_seconds',
    help: 'Time from an unauthorized change on the platform to the platform confirming its revert',
    labelNames: ['tier', 'via'] as const,
    buckets: tripwireBuckets,
    registers: [registry],
  });
  if (deliveryHealth) deliveryGauges(registry, deliveryHealth);
  if (work) workGauges(registry, work);
  return { registry, requests, reports, tripwireDetect, tripwireRevert };
}
export type Metrics = ReturnType<typeof createMetrics>;

/** One read serves every gauge of a scrape that asks it; a failed read leaves them unset. */
function perScrape<T>(read: () => Promise<T>): () => Promise<T | null> {
  let pending: Promise<T | null> | null = null;
  return () => {
    pending ??= read()
      .catch(() => null)
      .finally(() => setImmediate(() => (pending = null)));
    return pending;
  };
}

/** Whether the platform is reached, and what waits for it: read from the store at each scrape. */
function deliveryGauges(registry: Registry, read: () => Promise<DeliveryHealth>): void {
  const health = perScrape(read);
  new Gauge({
    name: 'warden_platform_reachable',
    help: '1 while delivery reaches the platform, 0 during an outage (sends failing with network errors, timeouts or 5xx)',
    registers: [registry],
    async collect() {
      const h = await health();
      if (h) this.set(h.platform.state === 'reachable' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'warden_outbox_platform_actions_queued',
    help: 'Executed actions waiting to be delivered to the platform (the outbox backlog)',
    registers: [registry],
    async collect() {
      const h = await health();
      if (h) this.set(h.queued);
    },
  });
  new Gauge({
    name: 'warden_outbox_oldest_queued_age_seconds',
    help: 'How long the oldest action waiting for the platform has waited; 0 when none waits',
    registers: [registry],
    async collect() {
      const h = await health();
      if (h) this.set(h.oldestQueuedAgeMs / 1000);
    },
  });
}

/** What the work gauges read at a scrape (src/metrics/store.ts): one indexed read each. */
export interface WorkReads {
  unresolvedCases: () => Promise<{ queue: string; status: string; n: number; oldest: number }[]>;
  awaitingApproval: () => Promise<{ n: number; oldest: number | null }>;
  now: () => number;
}

/** How much waits and for how long: unresolved cases per queue, and actions awaiting an approver. */
function workGauges(registry: Registry, work: WorkReads): void {
  const cases = perScrape(work.unresolvedCases);
  const approvals = perScrape(work.awaitingApproval);
  new Gauge({
    name: 'warden_cases_open',
    help: 'Open and claimed cases per queue',
    labelNames: ['queue', 'status'] as const,
    registers: [registry],
    async collect() {
      const rows = await cases();
      this.reset();
      for (const r of rows ?? []) this.set({ queue: r.queue, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'warden_queue_oldest_case_age_seconds',
    help: 'How long the oldest case not yet resolved (open or claimed) in each queue has waited since it opened',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      const rows = await cases();
      this.reset();
      const oldest = new Map<string, number>();
      for (const r of rows ?? []) oldest.set(r.queue, Math.min(oldest.get(r.queue) ?? r.oldest, r.oldest));
      const now = work.now();
      for (const [queue, at] of oldest) this.set({ queue }, (now - at) / 1000);
    },
  });
  new Gauge({
    name: 'warden_actions_awaiting_approval',
    help: 'Actions waiting for an approver',
    registers: [registry],
    async collect() {
      const a = await approvals();
      if (a) this.set(a.n);
    },
  });
  new Gauge({
    name: 'warden_approval_oldest_pending_age_seconds',
    help: 'How long the oldest action waiting for an approver has waited since it was proposed; 0 when none waits',
    registers: [registry],
    async collect() {
      const a = await approvals();
      if (a) this.set(a.oldest === null ? 0 : (work.now() - a.oldest) / 1000);
    },
  });
}
