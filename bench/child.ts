/**
 * Runs one bench on one store in a process of its own, so that each line's
 * `peak_rss_mb` is that bench's and no bench inherits another's heap. Lines go
 * to the parent over IPC; progress goes to stderr.
 */
import os from 'node:os';
import { BENCHES } from './benches.js';
import { type BenchLine, STORE_KINDS, type StoreKind, peakRssMb, probeFdatasync } from './support.js';

const [name, store, quickFlag, driver] = process.argv.slice(2);
const bench = BENCHES.find((b) => b.name === name);
if (!bench || !STORE_KINDS.includes(store as StoreKind) || !process.send) {
  process.stderr.write(`usage: forked by bench/run.ts with <bench> <store> [quick]\n`);
  process.exit(2);
}

const log = (msg: string) => process.stderr.write(`[${name} ${store}] ${msg}\n`);
// the machine is shared: say how busy it was while the figures were taken
const loadAtStart = os.loadavg()[0]!;
const syncsAtStart = probeFdatasync();
try {
  const lines = await bench.run(store as StoreKind, {
    quick: quickFlag === 'quick',
    log,
    ...(driver === 'wrk' || driver === 'node' ? { driver } : {}),
  });
  for (const line of lines) {
    const out: BenchLine = {
      ...line,
      peak_rss_mb: line.peak_rss_mb ?? peakRssMb(),
      load_avg_1m_start: Math.round(loadAtStart * 100) / 100,
      load_avg_1m_end: Math.round(os.loadavg()[0]! * 100) / 100,
      disk_fdatasync_per_s_start: syncsAtStart,
      disk_fdatasync_per_s_end: probeFdatasync(),
    };
    await new Promise<void>((resolve, reject) => process.send!({ line: out }, (err: Error | null) => (err ? reject(err) : resolve())));
  }
  process.exit(0);
} catch (err) {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
}
