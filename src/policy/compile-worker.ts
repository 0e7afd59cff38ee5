/**
 * Compiles and verifies one proposed policy set on a thread of its own (see
 * PolicyService.compileChecked): a thousand files or the invariant verifier's
 * thousands of decisions never hold up the server's event loop, and whatever
 * Cedar's wasm module does on hostile text (a stack overflow that corrupts its
 * memory) happens to this thread's copy, which ends with the job.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PolicyEngine, PolicyLoadError, type PolicyProblem } from './engine.js';
import { type Verification, verifyPolicy } from './invariants.js';
import { messageOf } from '../errors.js';

export interface CompileJob {
  files: Record<string, string>;
  schemaText: string;
}

export type CompileAnswer =
  | { type: 'verified'; verification: Verification }
  | { type: 'problems'; problems: PolicyProblem[] }
  | { type: 'failed'; message: string };

function run({ files, schemaText }: CompileJob): CompileAnswer {
  try {
    return { type: 'verified', verification: verifyPolicy(PolicyEngine.fromFiles(files, schemaText)) };
  } catch (err) {
    if (err instanceof PolicyLoadError) return { type: 'problems', problems: err.problems };
    return { type: 'failed', message: messageOf(err) };
  }
}

// one job per thread, sent once the thread is up (compile-thread.ts boots it ahead); workerData for a thread started with its job
if (workerData) parentPort?.postMessage(run(workerData as CompileJob));
else {
  parentPort?.once('message', (job: CompileJob) => parentPort!.postMessage(run(job)));
  parentPort?.postMessage({ type: 'ready' });
}
