/**
 * `warden start` as an operator runs it — the CLI entry point, its workers
 * (scheduler, outbox dispatcher, reconciliation, tree-head signing), the
 * config read from the environment — as a real OS process on a fixed
 * loopback port, so the platform's webhooks find it again after a restart.
 * For the suites that kill it (test/crash.test.ts) and take its
 * surroundings away (test/outage.test.ts).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..', '..');
const MAIN = path.join(ROOT, 'src', 'cli', 'main.ts');

export interface StartedWarden {
  url: string;
  proc: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** the last of what the process wrote (stdout and stderr), for failure messages */
  output(): string;
  kill9(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait; SIGKILL after `graceMs` */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const OUTPUT_KEEP = 20_000;

/** Runs `warden start` with `env` (WARDEN_* settings) on `port`; resolves once it serves `/readyz`. */
export async function startWarden(env: Record<string, string>, port: number, timeoutMs = 60_000): Promise<StartedWarden> {
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '', ...env, WARDEN_HOST: '127.0.0.1', WARDEN_PORT: String(port) },
  });
  let out = '';
  const keep = (d: string) => {
    out += d;
    if (out.length > 2 * OUTPUT_KEEP) out = out.slice(-OUTPUT_KEEP);
  };
  proc.stdout!.setEncoding('utf8').on('data', keep);
  proc.stderr!.setEncoding('utf8').on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`warden exited before it was ready:\n${out.slice(-OUTPUT_KEEP)}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`warden did not start in ${timeoutMs} ms:\n${out.slice(-OUTPUT_KEEP)}`);
    }
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url,
    proc,
    exited,
    output: () => out.slice(-OUTPUT_KEEP),
    async kill9() {
      proc.kill('SIGKILL');
      return exited;
    },
    async stop(graceMs = 20_000) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      const r = await exited;
      clearTimeout(timer);
      return r;
    },
  };
}

/** `warden <args>` run to its end, as an operator would on the command line. */
export function wardenCli(env: Record<string, string>, args: string[], timeoutMs = 120_000): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
