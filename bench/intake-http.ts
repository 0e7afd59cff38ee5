/**
 * intake.http — one report per `POST /v1/reports` over loopback, with many
 * keep-alive connections in flight; each answer comes after the commit that
 * holds its report (durable ack; group commit shares one commit among many).
 *
 * The servers run in child processes (bench/http-server.ts): Warden itself,
 * the raw baseline (bare Hono + one raw INSERT per request, autocommit, same
 * durability) and the bare-HTTP ceiling (Hono answering without a store). The
 * load comes from `wrk` when it is installed (it is light: one thread, Lua
 * bodies), else from a node:http driver in this process. Either way the load
 * generator shares the machine's cores with the server.
 */
import { type ChildProcess, execFile, fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ServerMessage, ServerMode } from './http-server.js';
import { BENCH_SERVICE_TOKEN, type Bench, type BenchLine, type StoreKind, type StoreSpec, freshStore, median, quantile, round } from './support.js';
import { CATEGORY_MIX, REPORTERS, rng, reportStream } from './workload.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);
const CONNECTIONS = 64;

// --- servers -------------------------------------------------------------------

interface Server {
  url: string;
  stats(): Promise<Extract<ServerMessage, { type: 'stats' }>>;
  stop(): Promise<Extract<ServerMessage, { type: 'stopped' }>>;
}

function startServer(spec: StoreSpec, mode: ServerMode): Promise<Server> {
  const child: ChildProcess = fork(path.join(here, 'http-server.ts'), [JSON.stringify(spec), mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  type Waiter = { resolve: (m: ServerMessage) => void; reject: (e: Error) => void };
  const waiting = new Map<string, Waiter>();
  let exited: Error | null = null;
  const next = <T extends ServerMessage['type']>(type: T) =>
    new Promise<Extract<ServerMessage, { type: T }>>((resolve, reject) => {
      if (exited) reject(exited);
      else waiting.set(type, { resolve: resolve as (m: ServerMessage) => void, reject });
    });
  child.on('message', (m: ServerMessage) => {
    const w = waiting.get(m.type);
    waiting.delete(m.type);
    w?.resolve(m);
  });
  // a server that dies fails whatever was waiting on it, instead of hanging the bench
  const exit = new Promise<void>((r) =>
    child.once('exit', (code, signal) => {
      exited = new Error(`${mode} server exited with ${signal ?? code}`);
      for (const w of waiting.values()) w.reject(exited);
      waiting.clear();
      r();
    }),
  );
  return next('ready').then(({ url }) => ({
    url,
    stats: () => {
      const p = next('stats');
      if (!exited) child.send('stats');
      return p;
    },
    stop: async () => {
      if (exited) throw exited;
      const p = next('stopped');
      child.send('stop');
      const stopped = await p;
      await exit;
      return stopped;
    },
  }));
}

// --- drivers -------------------------------------------------------------------

interface LoadResult {
  requests: number;
  ok: number;
  seconds: number;
  p50_us: number;
  p99_us: number;
}

interface Driver {
  name: 'wrk' | 'node';
  /** drive the server at `url` for about `seconds`; bodies are drawn from the report stream */
  drive(url: string, seconds: number): Promise<LoadResult>;
  dispose(): void;
}

async function haveWrk(): Promise<boolean> {
  try {
    await run('wrk', ['--version']).catch((e: { stdout?: string }) => {
      // wrk --version exits 1 after printing its version
      if (!String(e.stdout ?? '').includes('wrk')) throw e;
    });
    return true;
  } catch {
    return false;
  }
}

/** A wrk Lua script: accounts drawn from the same Zipf-ish stream as intake.batch. */
export function wrkScript(): string {
  const next = reportStream(11);
  const accounts = Array.from({ length: 8192 }, () => next().accountId);
  const rand = rng(3);
  const total = CATEGORY_MIX.reduce((s, [, w]) => s + w, 0);
  const cats = Array.from({ length: 200 }, () => {
    let u = rand() * total;
    for (const [c, w] of CATEGORY_MIX) if ((u -= w) < 0) return c;
    return 'other';
  });
  const list = (xs: string[]) => `{${xs.map((x) => JSON.stringify(x)).join(',')}}`;
  return `
local accounts = ${list(accounts)}
local cats = ${list(cats)}
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer ${BENCH_SERVICE_TOKEN}"
request = function()
  n = n + 1
  local body = string.format('{"reporterId":"rptr_%d","accountId":"%s","category":"%s","text":"They keep posting the same link in every thread.","evidence":["https://platform.example/p/w%d"]}',
    math.random(0, ${REPORTERS - 1}), accounts[(n % #accounts) + 1], cats[math.random(#cats)], n)
  return wrk.format(nil, nil, nil, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"status_errors":%d,"socket_errors":%d,"p50_us":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99)))
end
`;
}

function wrkDriver(): Driver {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-bench-wrk-'));
  const script = path.join(dir, 'intake.lua');
  fs.writeFileSync(script, wrkScript());
  return {
    name: 'wrk',
    async drive(url, seconds) {
      const { stdout } = await run('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, `${url}/v1/reports`], { maxBuffer: 1 << 20 });
      const line = stdout.split('\n').find((l) => l.startsWith('WRKJSON '));
      if (!line) throw new Error(`wrk gave no summary:\n${stdout}`);
      const s = JSON.parse(line.slice(8)) as { requests: number; duration_us: number; status_errors: number; socket_errors: number; p50_us: number; p99_us: number };
      return { requests: s.requests, ok: s.requests - s.status_errors - s.socket_errors, seconds: s.duration_us / 1e6, p50_us: s.p50_us, p99_us: s.p99_us };
    },
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The fallback: keep-alive node:http requests from this process, CONNECTIONS in flight. */
function nodeDriver(): Driver {
  const next = reportStream(11);
  return {
    name: 'node',
    async drive(url, seconds) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
      const { hostname, port } = new URL(url);
      const latencies: number[] = [];
      let ok = 0;
      const deadline = performance.now() + seconds * 1000;
      const one = () =>
        new Promise<number>((resolve, reject) => {
          const body = JSON.stringify(next());
          const req = http.request(
            { agent, hostname, port, path: '/v1/reports', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${BENCH_SERVICE_TOKEN}` } },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (performance.now() < deadline) {
            const t = performance.now();
            const status = await one();
            latencies.push((performance.now() - t) * 1000);
            if (status === 202) ok++;
          }
        }),
      );
      const elapsed = (performance.now() - t0) / 1000;
      agent.destroy();
      return { requests: latencies.length, ok, seconds: elapsed, p50_us: quantile(latencies, 0.5), p99_us: quantile(latencies, 0.99) };
    },
    dispose: () => undefined,
  };
}

// --- the bench -----------------------------------------------------------------

export const intakeHttp: Bench = {
  name: 'intake.http',
  describe: `one report per POST /v1/reports, ${CONNECTIONS} keep-alive connections, durable ack`,
  async run(kind: StoreKind, { quick, log, driver: wanted }) {
    const rounds = quick ? 2 : 5;
    const seconds = quick ? 2 : 4;
    const wrk = await haveWrk();
    if (wanted === 'wrk' && !wrk) throw new Error('wrk is not installed (apt-get install -y wrk), or use --driver node');
    const driver = wrk && wanted !== 'node' ? wrkDriver() : nodeDriver();
    log(`driver: ${driver.name}`);
    const wStore = await freshStore(kind, 'intake_http');
    const rStore = await freshStore(kind, 'intake_http_raw');
    const servers: Server[] = [];
    try {
      const warden = await startServer(wStore.spec, 'warden');
      servers.push(warden);
      const raw = await startServer(rStore.spec, 'raw');
      servers.push(raw);
      const bare = await startServer(rStore.spec, 'bare');
      servers.push(bare);

      let acked = 0;
      let failed = 0;
      for (const s of [warden, raw, bare]) {
        const warm = await driver.drive(s.url, 1);
        if (s === warden) acked += warm.ok;
      }
      await warden.stats();

      const w: LoadResult[] = [];
      const r: LoadResult[] = [];
      const b: LoadResult[] = [];
      const cpu: number[] = [];
      const groupSizes: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const got = await driver.drive(warden.url, seconds);
        const st = await warden.stats();
        w.push(got);
        acked += got.ok;
        failed += got.requests - got.ok;
        cpu.push(st.cpuMs / 1000 / got.seconds);
        if (st.groups > 0) groupSizes.push(st.grouped / st.groups);
        r.push(await driver.drive(raw.url, seconds));
        b.push(await driver.drive(bare.url, seconds));
        const rate = (x: LoadResult) => round(x.ok / x.seconds, 0);
        log(`round ${i + 1}/${rounds}: warden ${rate(got)} req/s (${round(st.grouped / Math.max(st.groups, 1), 1)} reports/commit, server CPU ${round(cpu.at(-1)! * 100, 0)}%), raw ${rate(r.at(-1)!)} req/s, bare http ${rate(b.at(-1)!)} req/s`);
      }

      servers.length = 0;
      const stopped = await warden.stop();
      await raw.stop();
      await bare.stop();
      const rate = (xs: LoadResult[]) => xs.map((x) => x.ok / x.seconds);
      const ops = median(rate(w));
      const baseOps = median(rate(r));
      const line: BenchLine = {
        bench: 'intake.http',
        store: kind,
        ops_per_s: round(ops, 0),
        baseline_ops_per_s: round(baseOps, 0),
        ratio: round(ops / baseOps, 3),
        p50_us: round(median(w.map((x) => x.p50_us)), 0),
        p99_us: round(median(w.map((x) => x.p99_us)), 0),
        baseline_p50_us: round(median(r.map((x) => x.p50_us)), 0),
        baseline_p99_us: round(median(r.map((x) => x.p99_us)), 0),
        bare_http_ops_per_s: round(median(rate(b)), 0),
        ops_per_s_rounds: rate(w).map((x) => round(x, 0)),
        baseline_ops_per_s_rounds: rate(r).map((x) => round(x, 0)),
        reports_per_commit: round(median(groupSizes), 1),
        server_cpu_cores: round(median(cpu), 2),
        rounds,
        seconds_per_round: seconds,
        connections: CONNECTIONS,
        driver: driver.name,
        failed_requests: failed,
        acked_reports: acked,
        stored_reports: stopped.storedReports,
        durable_ack_holds: stopped.storedReports >= acked,
        note: `load generator (${driver.name}) runs on the same ${os.cpus().length} cores as the server`,
        peak_rss_mb: stopped.peakRssMb,
      };
      if (kind === 'sqlite') {
        line.target = 'ops_per_s >= 8000 (SQLite)';
        line.meets_target = ops >= 8000;
      }
      return [line];
    } finally {
      for (const s of servers) await s.stop().catch(() => undefined);
      driver.dispose();
      await wStore.cleanup();
      await rStore.cleanup();
    }
  },
};
