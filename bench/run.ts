/**
 * `npm run bench [-- options]`
 *
 *   --json               one JSON object per line on stdout, nothing else
 *   --only NAME[,NAME]   run only these benches (intake.batch, intake.http, queue.claim, …, tripwire.revert)
 *   --store KIND         sqlite or postgres (default: both)
 *   --quick              smaller sizes, fewer rounds (a smoke run, not a figure)
 *   --driver wrk|node    intake.http's load generator (default: wrk if installed, else node)
 *
 * Each bench runs on each store in a child process of its own (bench/child.ts);
 * progress goes to stderr.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCHES } from './benches.js';
import { type BenchLine, STORE_KINDS, type StoreKind } from './support.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD_TIMEOUT_MS = 10 * 60_000;

function usage(): never {
  process.stderr.write(
    `usage: npm run bench -- [--json] [--only ${BENCHES.map((b) => b.name).join(',')}] [--store sqlite|postgres] [--quick] [--driver wrk|node]\n`,
  );
  process.exit(2);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
      store: { type: 'string' },
      quick: { type: 'boolean', default: false },
      driver: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
}
try {
  args = parse();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  usage();
}
if (args.help) usage();

const wanted = args.only?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = wanted?.filter((n) => !BENCHES.some((b) => b.name === n)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(`unknown bench: ${unknown.join(', ')}\n`);
  usage();
}
if (args.store && !STORE_KINDS.includes(args.store as StoreKind)) usage();
if (args.driver && args.driver !== 'wrk' && args.driver !== 'node') usage();
const benches = BENCHES.filter((b) => !wanted || wanted.includes(b.name));
const stores: readonly StoreKind[] = args.store ? [args.store as StoreKind] : STORE_KINDS;

function runChild(name: string, store: StoreKind): Promise<BenchLine[]> {
  return new Promise((resolve, reject) => {
    const lines: BenchLine[] = [];
    const child = fork(path.join(here, 'child.ts'), [name, store, args.quick ? 'quick' : 'full', args.driver ?? 'auto'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} on ${store} ran over ${CHILD_TIMEOUT_MS / 60_000} minutes`));
    }, CHILD_TIMEOUT_MS);
    child.on('message', (msg: { line?: BenchLine }) => {
      if (msg.line) lines.push(msg.line);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(lines);
      else reject(new Error(`${name} on ${store} exited with ${signal ?? code}`));
    });
  });
}

const fmt = (v: unknown) => (v === undefined ? '' : typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(v));

function printTable(lines: BenchLine[]) {
  const cols: [string, (l: BenchLine) => unknown][] = [
    ['bench', (l) => l.bench],
    ['store', (l) => l.store],
    ['ops/s', (l) => l.ops_per_s],
    ['baseline ops/s', (l) => l.baseline_ops_per_s],
    ['ratio', (l) => l.ratio],
    ['latency', (l) => (l.p50_us !== undefined ? `p50 ${fmt(l.p50_us)} µs, p99 ${fmt(l.p99_us)} µs` : l.median_ms !== undefined ? `median ${fmt(l.median_ms)} ms, p99 ${fmt(l.p99_ms)} ms` : '')],
    ['peak RSS MB', (l) => l.peak_rss_mb],
    ['target', (l) => l.target],
    ['met', (l) => (l.meets_target === undefined ? '' : l.meets_target ? 'yes' : 'NO')],
  ];
  const rows = [cols.map(([h]) => h), ...lines.map((l) => cols.map(([, f]) => fmt(f(l))))];
  const widths = cols.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const out = rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
  out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  process.stdout.write(`\n${out.join('\n')}\n`);
}

const all: BenchLine[] = [];
let failed = false;
for (const bench of benches) {
  for (const store of stores) {
    process.stderr.write(`--- ${bench.name} on ${store}: ${bench.describe}\n`);
    try {
      const lines = await runChild(bench.name, store);
      for (const line of lines) {
        all.push(line);
        if (args.json) process.stdout.write(`${JSON.stringify(line)}\n`);
      }
    } catch (err) {
      failed = true;
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
}
if (!args.json) printTable(all);
process.exit(failed ? 1 : 0);
