/** Every bench, in the order `npm run bench` runs them. Later issues add theirs here. */
import { actionBulk } from './action-bulk.js';
import { actionLifecycle } from './action-lifecycle.js';
import { auditBenches } from './audit.js';
import { deliveryThroughput } from './delivery-throughput.js';
import { benchGuardDecision } from './guard-decision.js';
import { intakeBatch } from './intake-batch.js';
import { intakeHttp } from './intake-http.js';
import { queueClaim } from './queue-claim.js';
import type { Bench, BenchLine } from './support.js';
import { tripwireRevert } from './tripwire-revert.js';

/** In-process and store-free: measured once, reported with `store: "none"`. */
const guardDecision: Bench = {
  name: 'guard.decision',
  describe: 'one Cedar decision with a realistic entity set, in-process',
  async run(kind, opts) {
    return kind === 'sqlite' ? [(await benchGuardDecision(opts)) as unknown as BenchLine] : [];
  },
};

export const BENCHES: readonly Bench[] = [intakeBatch, intakeHttp, queueClaim, guardDecision, actionLifecycle, actionBulk, deliveryThroughput, ...auditBenches, tripwireRevert];
