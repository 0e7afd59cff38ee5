/** Start Warden as a separate OS process (test/support/warden-child.ts) and stop or kill it. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../src/config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT = path.join(here, 'warden-child.ts');
const ROOT = path.resolve(here, '..', '..');

export interface WardenChild {
  url: string;
  pid: number;
  /** its lease holder id (worker_leases.holder) */
  holder: string;
  /** with `seedDemo`: whether this process seeded the store */
  seeded?: boolean;
  proc: ChildProcess;
  /** resolves when the process has exited */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** what the process wrote to stderr, for failure messages */
  stderr(): string;
  /** SIGKILL: no shutdown code runs */
  kill9(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait (SIGKILL after 15 s) */
  stop(): Promise<void>;
}

/** What test/support/warden-child.ts is asked to do beside serving (WARDEN_CHILD). */
export interface ChildOptions {
  config?: Partial<Config>;
  /** seed the demo with this many accounts before serving (`ready.seeded` says whether this process did) */
  seedDemo?: number;
  /** seed only once this file exists; the process creates `<seedGate>.<pid>` when it is waiting for it */
  seedGate?: string;
  /** run the workers, as `warden start` does */
  workers?: boolean;
  /** e.g. WARDEN_TEST_LOG=info to read the workers' log lines */
  env?: Record<string, string>;
}

export async function spawnWarden(databaseUrl: string, schema?: string, timeoutMs = 30_000, opts: ChildOptions = {}): Promise<WardenChild> {
  const { env, ...asked } = opts;
  const proc = spawn(process.execPath, ['--import', 'tsx', SCRIPT, databaseUrl, schema ?? ''], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '', ...env, WARDEN_CHILD: JSON.stringify(asked) },
  });
  let err = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));

  const ready = await new Promise<{ url: string; pid: number; holder: string; seeded?: boolean }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`warden child did not start in ${timeoutMs} ms; stderr:\n${err}`));
    }, timeoutMs);
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as { url: string; pid: number; holder: string; seeded?: boolean });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`warden child exited (code ${code}, signal ${signal}) before it was ready; stderr:\n${err}`));
    });
  });

  return {
    ...ready,
    proc,
    exited,
    stderr: () => err,
    async kill9() {
      proc.kill('SIGKILL');
      return exited;
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      // a process that does not shut down in time is killed
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
