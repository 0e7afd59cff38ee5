/** `warden` as an operator runs it: a real child process of the CLI against the test's store. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Harness } from './harness.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** The store as a separate process opens it: the SQLite file, or the test's PostgreSQL schema. */
export const storeEnv = (h: Harness) => ({
  WARDEN_DATABASE_URL: h.ctx.config.databaseUrl,
  ...(h.kind === 'postgres' ? { WARDEN_DATABASE_SCHEMA: h.ctx.store.schema } : {}),
});

export type Cli = (args: string[], token?: string) => Promise<{ stdout: string; stderr: string; code: number }>;

/** Runs `warden ARGS` presenting `token` (WARDEN_TOKEN) if given, never one inherited from the test's environment. */
export function cliFor(h: Harness): Cli {
  const { WARDEN_TOKEN: _ignored, ...inherited } = process.env;
  return async (args, token) => {
    const env = { ...inherited, ...storeEnv(h), WARDEN_LOG_LEVEL: 'silent', NODE_OPTIONS: '', ...(token ? { WARDEN_TOKEN: token } : {}) };
    try {
      const r = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env });
      return { ...r, code: 0 };
    } catch (err) {
      const e = err as { stdout: string; stderr: string; code: number };
      return { stdout: e.stdout, stderr: e.stderr, code: e.code };
    }
  };
}
