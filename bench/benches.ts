/** Every bench, in the order `npm run bench` runs them. Later issues add theirs here. */
import { intakeBatch } from './intake-batch.js';
import { intakeHttp } from './intake-http.js';
import { queueClaim } from './queue-claim.js';
import type { Bench } from './support.js';

export const BENCHES: readonly Bench[] = [intakeBatch, intakeHttp, queueClaim];
