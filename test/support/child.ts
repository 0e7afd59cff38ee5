/** Start Warden as a separate OS process (test/support/warden-child.ts) and stop or kill it. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT = path.join(here, 'warden-child.ts');
const ROOT = path.resolve(here, '..', '..');

export interface WardenChild {
  url: string;
  pid: number;
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

export async function spawnWarden(databaseUrl: string, schema?: string, timeoutMs = 30_000): Promise<WardenChild> {
  const proc = spawn(process.execPath, ['--import', 'tsx', SCRIPT, databaseUrl, schema ?? ''], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let err = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));

  const ready = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
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
        resolve(JSON.parse(line) as { url: string; pid: number });
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
