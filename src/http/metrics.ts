import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per running app, so tests can start many apps in one process. */
export function createMetrics() {
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
  return { registry, requests, reports, tripwireDetect, tripwireRevert };
}
export type Metrics = ReturnType<typeof createMetrics>;
