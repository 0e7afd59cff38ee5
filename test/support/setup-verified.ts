/** Each test process starts knowing the shipped set's verification (global-setup.ts). */
import { inject } from 'vitest';
import { rememberVerification } from '../../src/policy/verified.js';

rememberVerification(inject('shippedPolicyVerification'));
