/**
 * Running src/policy/compile-worker.ts on a worker thread, one job at a time.
 * Warden runs from TypeScript through tsx, so the thread loads tsx before the
 * worker module. A worker per job: starting one costs far less than the
 * verification it runs, and no state (nor a corrupted wasm memory) outlives it.
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

function runJob(job: CompileJob): Promise<CompileAnswer> {
  return new Promise((resolve) => {
    const worker = new Worker(BOOT, { eval: true, workerData: job });
    let settled = false;
    const settle = (answer: CompileAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => settle({ type: 'failed', message: `compiling took longer than ${JOB_TIMEOUT_MS / 1000} s` }), JOB_TIMEOUT_MS);
    worker.on('message', (m: CompileAnswer) => settle(m));
    worker.on('error', (err) => settle({ type: 'failed', message: err.message }));
    worker.on('exit', (code) => settle({ type: 'failed', message: `the compiler stopped (exit ${code})` }));
  });
}
