/**
 * Once per `vitest run`: the shipped policy set is held to Warden's invariants
 * here, and each test process is handed the verification (setup-verified.ts)
 * instead of asking the same ~23,000 decisions again in every file. The answer
 * is the same set's, so nothing is taken on trust: a set of any other version
 * (every mutant a test builds) is still verified where it is loaded, and
 * test/policy-verify.test.ts tests the verification itself.
 */
import type { TestProject } from 'vitest/node';
import { PolicyEngine } from '../../src/policy/engine.js';
import { type Verification, verifyPolicy } from '../../src/policy/invariants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    shippedPolicyVerification: Verification;
  }
}

export default function setup(project: TestProject): void {
  project.provide('shippedPolicyVerification', verifyPolicy(PolicyEngine.load('policies')));
}
