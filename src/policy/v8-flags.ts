/**
 * Node 20's V8 can crash ("unreachable code") when it deoptimises a JS
 * function with a Cedar wasm call inlined into it, after thousands of
 * decisions (found by the property test: 4 of 4 long runs crashed, 0 of 5 with
 * the flag). Turn that inlining off before the engine is first used.
 */
import v8 from 'node:v8';

v8.setFlagsFromString('--no-turbo-inline-js-wasm-calls');
