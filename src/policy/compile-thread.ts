/**
 * Running src/policy/compile-worker.ts on a worker thread, one job at a time.
 * Warden runs from TypeScript through tsx, so the thread loads tsx before the
 * worker module. A worker per job: no state (nor a corrupted wasm memory)
 * outlives it. Booting one (tsx, the module, Cedar's wasm) takes a second or
 * more on a busy machine, so the next job's thread is booted ahead, while
 * nothing waits for it: a proposal waits for its compile, not for a boot.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompileAnswer, CompileJob } from './compile-worker.js';

const WORKER_URL = new URL('./compile-worker.ts', import.meta.url).href;
// the ES module build of tsx's API (require.resolve names its CommonJS twin)
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const BOOT = `import(${JSON.stringify(TSX_API)}).then(({ tsImport }) => tsImport(${JSON.stringify(WORKER_URL)}, ${JSON.stringify(WORKER_URL)}))`;

/** Longer than any honest set takes (the shipped one: about 2 s on a busy machine). */
const JOB_TIMEOUT_MS = 60_000;

let queue: Promise<unknown> = Promise.resolve();

/** The answer of one job; jobs run one after another, so a flood of proposals costs one core. */
export function compileOnThread(job: CompileJob): Promise<CompileAnswer> {
  const next = queue.then(() => runJob(job));
  queue = next.catch(() => undefined);
  return next;
}

interface Thread {
  worker: Worker;
  /** set once it errs or exits: a dead standby is never handed a job */
  ended: CompileAnswer | null;
  /** resolves once the thread has loaded everything and waits for its job (or has ended) */
  ready: Promise<void>;
  /** true once it has booted and waits for a job */
  booted: boolean;
}

/** What the compiler has done in this process: jobs run, and how many of them found their thread already booted. */
const stats = { jobs: 0, onBootedThread: 0 };

/** A copy of those counts (the tests read them: a proposal that asks nothing new runs no job; a job waits for no boot). */
export function compilerStats(): { jobs: number; onBootedThread: number } {
  return { ...stats };
}

function boot(): Thread {
  const worker = new Worker(BOOT, { eval: true });
  const thread: Thread = { worker, ended: null, ready: Promise.resolve(), booted: false };
  thread.ready = new Promise((r) => {
    worker.once('message', () => {
      thread.booted = true;
      r();
    });
    worker.once('exit', () => r());
  });
  // an idle standby keeps no process alive
  thread.worker.unref();
  thread.worker.on('error', (err) => (thread.ended ??= { type: 'failed', message: err.message }));
  thread.worker.on('exit', (code) => (thread.ended ??= { type: 'failed', message: `the compiler stopped (exit ${code})` }));
  return thread;
}

let standby: Thread | null = null;

/** Boots the first standby now (`warden start`), so even the first proposed set waits for no boot. */
export function warmCompiler(): void {
  if (!standby || standby.ended) standby = boot();
}

/** Resolves when the standby thread is booted (tests: a job sent now waits for no boot). */
export function compilerReady(): Promise<void> {
  return standby?.ready ?? Promise.resolve();
}

/** The booted standby (or a fresh thread if it died idle), and the next one started behind it. */
function takeThread(): Thread {
  const thread = standby && !standby.ended ? standby : boot();
  standby = boot();
  return thread;
}

function runJob(job: CompileJob): Promise<CompileAnswer> {
  return new Promise((resolve) => {
    const { worker, booted } = takeThread();
    stats.jobs++;
    if (booted) stats.onBootedThread++;
    worker.ref();
    let settled = false;
    const settle = (answer: CompileAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => settle({ type: 'failed', message: `compiling took longer than ${JOB_TIMEOUT_MS / 1000} s` }), JOB_TIMEOUT_MS);
    worker.on('message', (m: CompileAnswer | { type: 'ready' }) => m.type !== 'ready' && settle(m));
    worker.on('error', (err) => settle({ type: 'failed', message: err.message }));
    worker.on('exit', (code) => settle({ type: 'failed', message: `the compiler stopped (exit ${code})` }));
    // the job goes by message: the thread was booted before there was one
    worker.postMessage(job);
  });
}
