/**
 * Builds a bench log's rows in a worker thread (encoding, chain and leaf
 * hashes, subtrees) while the main thread writes them: a few batches ahead,
 * acknowledged one by one.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LogBuilder } from './audit-log.js';

const { n, chunk, at } = workerData as { n: number; chunk: number; at: number };
const builder = new LogBuilder(at);
const AHEAD = 3;
let produced = 0;
let unacked = 0;

function pump() {
  while (unacked < AHEAD && produced < n) {
    const batch = builder.batch(Math.min(chunk, n - produced));
    produced += batch.rows.length;
    unacked++;
    parentPort!.postMessage({ batch });
  }
  if (produced >= n && unacked === 0) parentPort!.postMessage({ end: { lastHash: builder.lastHash, frontier: builder.frontier.encode() } });
}

parentPort!.on('message', () => {
  unacked--;
  pump();
});
pump();
