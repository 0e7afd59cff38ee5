/**
 * Builds the web console into dist/console.
 *
 *   tsx src/console/build.ts            regenerate the API types, then build
 *   tsx src/console/build.ts --if-stale build only when the sources changed since the last build
 *
 * `npm start` runs the second form (prestart), so `npm ci && npm start` on a fresh
 * clone serves a console without extra steps. Staleness is a hash of the inputs,
 * not file times, so a fresh checkout or a branch switch is judged correctly.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asProductionBuild } from '../config.js';
import { CONSOLE_DIR } from '../http/console.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APP_DIR = path.join(ROOT, 'console');
const STAMP = path.join(CONSOLE_DIR, '.inputs-sha256');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** A digest of everything the bundle is made from. */
export function inputsDigest(): string {
  const h = createHash('sha256');
  const inputs = [...filesUnder(APP_DIR), path.join(ROOT, 'vite.config.console.ts'), path.join(ROOT, 'package-lock.json')].sort();
  for (const f of inputs) {
    h.update(path.relative(ROOT, f)).update('\0');
    h.update(fs.existsSync(f) ? fs.readFileSync(f) : Buffer.alloc(0)).update('\0');
  }
  return h.digest('hex');
}

export function consoleIsFresh(): boolean {
  return fs.existsSync(path.join(CONSOLE_DIR, 'index.html')) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === inputsDigest();
}

export async function buildConsole(): Promise<void> {
  const { build } = await import('vite');
  const digest = inputsDigest();
  await asProductionBuild(() => build({ configFile: path.join(ROOT, 'vite.config.console.ts'), mode: 'production' }));
  fs.writeFileSync(STAMP, digest);
}

async function viteInstalled(): Promise<boolean> {
  try {
    await import('vite');
    return true;
  } catch {
    return false;
  }
}

/** Build unless the last build was made from these same inputs. */
export async function ensureConsoleBuilt(): Promise<'built' | 'fresh'> {
  if (consoleIsFresh()) return 'fresh';
  await buildConsole();
  return 'built';
}

export async function writeSchema(): Promise<boolean> {
  const { SCHEMA_FILE, schemaSource } = await import('./openapi.js');
  const next = await schemaSource();
  const prev = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
  if (prev === next) return false;
  fs.writeFileSync(SCHEMA_FILE, next);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  const schemaOnly = process.argv.includes('--schema');
  const t0 = performance.now();
  if (!ifStale) {
    const changed = await writeSchema();
    process.stdout.write(`console: API types ${changed ? 'regenerated' : 'unchanged'} (console/api/schema.d.ts)\n`);
  }
  if (!schemaOnly && ifStale && !consoleIsFresh() && !(await viteInstalled())) {
    // an install without devDependencies: start anyway; the server says how to build the console
    process.stdout.write('console: not built (vite is not installed: npm ci without --omit=dev, then npm run console:build)\n');
  } else if (!schemaOnly) {
    const r = ifStale ? await ensureConsoleBuilt() : (await buildConsole(), 'built');
    process.stdout.write(`console: ${r === 'built' ? `built into ${path.relative(ROOT, CONSOLE_DIR)} in ${((performance.now() - t0) / 1000).toFixed(1)} s` : 'up to date'}\n`);
  }
}
