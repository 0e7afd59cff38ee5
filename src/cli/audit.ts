/**
 * `warden audit …`: verify the log (or hold it to a saved head), sign and
 * show tree heads, prove inclusion and consistency, export with proofs, and
 * check an export offline. Thin commands over the audit services.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { verifyExport } from '../audit/export-verify.js';
import { auditServices } from '../audit/index.js';
import type { VerifyReport } from '../audit/verify.js';
import type { Finding } from '../audit/diagnose.js';
import type { AppContext } from '../context.js';
import { DomainError, invalidInput, messageOf } from '../errors.js';

type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw invalidInput([{ path: name, message: `not a non-negative integer: ${v}` }]);
  return n;
};

function progressBar(enabled: boolean, label: string) {
  if (!enabled || !process.stderr.isTTY) return null;
  return new SingleBar({ format: `${label} [{bar}] {value}/{total} entries  {eta_formatted}`, stream: process.stderr }, Presets.shades_classic);
}

/** A head as `warden audit head` prints it, or a bare signed head (the outsider's file). */
const SavedHead = z.object({
  treeSize: z.number().int().min(0),
  rootHash: z.string().regex(/^[0-9a-f]{64}$/, 'rootHash must be 64 lowercase hex digits'),
  timestamp: z.number().int(),
  signature: z.string().min(1),
  keyId: z.string().min(1),
  publicKey: z.string().optional(),
});

export function readSavedHead(file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw invalidInput([{ path: '--from-head', message: `cannot read ${file} as JSON: ${messageOf(err)}` }]);
  }
  const doc = raw && typeof raw === 'object' && 'head' in raw ? { ...(raw as { head: object }).head, publicKey: (raw as { publicKey?: unknown }).publicKey } : raw;
  const parsed = SavedHead.safeParse(doc);
  if (!parsed.success) throw invalidInput(parsed.error.issues.map((i) => ({ path: `--from-head ${i.path.join('.')}`, message: i.message })));
  return parsed.data;
}

function describe(f: Finding): string {
  switch (f.kind) {
    case 'edited':
      return `entry ${f.seq} was edited${f.rehashed ? ' (and its hash recomputed)' : ''}`;
    case 'deleted':
      return `${f.count === 1 ? `entry ${f.seq} was` : `entries ${f.seq}..${f.seq + f.count - 1} were`} deleted${f.renumbered ? ' and the entries after it renumbered' : ''}`;
    case 'inserted':
      return `${f.count === 1 ? `entry ${f.seq} was` : `entries ${f.seq}..${f.seq + f.count - 1} were`} inserted (not written by Warden)`;
    case 'reordered':
      return `entries ${f.seqs.join(' and ')} were re-ordered`;
    case 'truncated':
      return `the log was cut at ${f.size} entries; it held at least ${f.expectedSize} (evidence: ${f.evidence.replace('_', ' ')})`;
    case 'rewritten':
      return `the first ${f.treeSize} entries no longer match the ${f.source === 'external' ? 'saved' : 'signed'} tree head of that size`;
    case 'forged_head':
      return `the signed head at ${f.treeSize}${f.headId === null ? '' : ` (#${f.headId})`} is not genuine: ${f.reason}`;
    case 'tree_damaged':
      return `the stored Merkle tree was altered: ${f.detail}${f.seqs.length ? ` (from entry ${f.seqs[0]})` : ''}`;
  }
}

function printReport(r: VerifyReport, json: boolean) {
  if (json) {
    console.log(JSON.stringify(r, null, 2));
  } else if (r.ok) {
    console.log(`ok: ${r.size} entries; chain, leaf hashes and tree intact; root ${r.rootHash}; ${r.signedHeadsChecked} signed head(s)${r.externalHeadsChecked ? ` and the saved head` : ''} hold`);
  } else {
    console.error(`the audit log has been tampered with (${r.size} entries found, the head counts ${r.headSize}):`);
    for (const f of r.findings) console.error(`  - ${describe(f)}`);
    console.error(`${r.problems.length}${r.problemsOmitted ? `+${r.problemsOmitted}` : ''} problem(s) in detail:`);
    for (const p of r.problems.slice(0, 50)) console.error(`  ${JSON.stringify(p)}`);
    if (r.problems.length > 50) console.error(`  … (--json for all)`);
  }
  if (!r.ok) process.exitCode = 1;
}

async function* linesOf(file: string): AsyncIterable<string> {
  const rl = readline.createInterface({ input: file === '-' ? process.stdin : fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

/** Adds the `audit` command group to the CLI (replaces the chain-only `audit verify`). */
export function registerAuditCommands(program: Command, withContext: WithContext): Command {
  const audit = program.command('audit').description('the audit log: a Merkle log (RFC 9162) with signed tree heads');

  audit
    .command('verify')
    .description('re-derive the whole log from the stored entries: hash chain, leaf hashes, Merkle tree, every signed head; exit 1 naming each problem')
    .option('--from-head <file>', 'also hold the log to a tree head saved earlier (as `warden audit head` prints it)')
    .option('--json', 'the full report as JSON')
    .option('--no-progress', 'no progress bar')
    .action(async (o: { fromHead?: string; json?: boolean; progress: boolean }) =>
      withContext(async (ctx) => {
        const saved = o.fromHead ? readSavedHead(o.fromHead) : undefined;
        const bar = progressBar(o.progress, 'verifying');
        bar?.start(await ctx.audit.size(ctx.db), 0);
        const onProgress = (done: number, total: number) => {
          bar?.setTotal(total);
          bar?.update(done);
        };
        const { verifier } = auditServices(ctx);
        const r = saved ? await verifier.verifyAgainstHead(ctx.db, saved, { onProgress }) : await verifier.verify(ctx.db, { onProgress });
        bar?.stop();
        printReport(r, o.json ?? false);
      }),
    );

  audit
    .command('head')
    .description('print the latest signed tree head with the public key, as JSON (save it: `--from-head` holds the log to it later)')
    .option('--sign', 'sign a new head over the log as it stands first')
    .action(async (o: { sign?: boolean }) =>
      withContext(async (ctx) => {
        const { heads, signer } = auditServices(ctx);
        const head = o.sign ? await ctx.transaction((tx) => heads.sign(tx)) : await heads.latest(ctx.db);
        if (!head) throw new DomainError('not_found', 'no tree head has been signed yet (use --sign)');
        console.log(JSON.stringify({ head, publicKey: signer().publicKeyPem }, null, 2));
      }),
    );

  audit
    .command('heads')
    .description('signed tree heads, newest first')
    .option('--limit <n>', 'how many', int('--limit'), 20)
    .action(async (o: { limit: number }) =>
      withContext(async (ctx) => {
        const list = await auditServices(ctx).heads.list(ctx.db, { limit: o.limit });
        console.table(list.map((h) => ({ id: h.id, treeSize: h.treeSize, rootHash: h.rootHash, signedAt: new Date(h.timestamp).toISOString(), keyId: h.keyId.slice(0, 16) })));
      }),
    );

  audit
    .command('public-key')
    .description('the Ed25519 public key tree heads are signed with (PEM); give it to auditors out of band')
    .action(async () =>
      withContext(async (ctx) => {
        process.stdout.write(auditServices(ctx).signer().publicKeyPem);
      }),
    );

  audit
    .command('prove')
    .argument('<seq>', 'the entry', int('seq'))
    .option('--tree-size <n>', 'the tree to prove it in (default: the latest signed head)', int('--tree-size'))
    .description('RFC 9162 inclusion proof of an entry, as JSON')
    .action(async (seq: number, o: { treeSize?: number }) =>
      withContext(async (ctx) => console.log(JSON.stringify(await auditServices(ctx).proofs.inclusion(ctx.db, seq, o.treeSize), null, 2))),
    );

  audit
    .command('consistency')
    .argument('<from>', 'the smaller tree size', int('from'))
    .option('--to <n>', 'the larger tree size (default: the latest signed head)', int('--to'))
    .description('RFC 9162 consistency proof between two tree sizes, as JSON')
    .action(async (from: number, o: { to?: number }) =>
      withContext(async (ctx) => console.log(JSON.stringify(await auditServices(ctx).proofs.consistency(ctx.db, from, o.to), null, 2))),
    );

  audit
    .command('export')
    .description('entries with their inclusion proofs as JSON Lines, against a signed head, for offline audit (`warden audit verify-export`)')
    .option('--out <file>', 'write here (default: stdout)')
    .option('--tree-size <n>', 'the tree to prove against (default: the latest signed head)', int('--tree-size'))
    .option('--from-seq <n>', 'first entry', int('--from-seq'))
    .option('--to-seq <n>', 'one past the last entry', int('--to-seq'))
    .option('--no-progress', 'no progress bar')
    .action(async (o: { out?: string; treeSize?: number; fromSeq?: number; toSeq?: number; progress: boolean }) =>
      withContext(async (ctx) => {
        const { exporter, signer } = auditServices(ctx);
        const out = o.out ? fs.createWriteStream(o.out) : process.stdout;
        const bar = progressBar(o.progress, 'exporting');
        bar?.start(0, 0);
        const summary = await exporter.export(ctx.db, out, {
          treeSize: o.treeSize,
          fromSeq: o.fromSeq,
          toSeq: o.toSeq,
          publicKeyPem: signer().publicKeyPem,
          onProgress: (done, total) => {
            bar?.setTotal(total);
            bar?.update(done);
          },
        });
        bar?.stop();
        if (o.out) await new Promise<void>((resolve, reject) => (out as fs.WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
        if (!summary.signedHead) console.error(`warning: no signed head at ${summary.treeSize} entries; the export is proven against an unsigned root (sign one: warden audit head --sign)`);
        console.error(`exported ${summary.entries} entries and ${summary.heads} signed head(s) against the tree of ${summary.treeSize} (root ${summary.rootHash})`);
      }),
    );

  audit
    .command('verify-export')
    .argument('<file>', 'an export (JSON Lines); - for stdin')
    .option('--public-key <pem-file>', 'the key you trust (else the one in the file, which proves less)')
    .option('--json', 'the result as JSON')
    .description('check an export with no access to Warden: canonical bytes, leaf hashes, inclusion proofs, signed heads, consistency')
    .action(async (file: string, o: { publicKey?: string; json?: boolean }) => {
      const publicKey = o.publicKey ? fs.readFileSync(o.publicKey, 'utf8') : undefined;
      const r = await verifyExport(linesOf(file), { publicKey });
      if (o.json) console.log(JSON.stringify(r, null, 2));
      else if (r.ok) console.log(`ok: ${r.entries} entries and ${r.heads} earlier head(s) proven into the signed tree of ${r.treeSize} (root ${r.rootHash})${r.keyPinned ? '' : '; the key came from the file itself: pass --public-key to pin it'}`);
      else for (const p of r.problems) console.error(`line ${p.line}${p.seq === undefined ? '' : ` (entry ${p.seq})`}: ${p.reason}`);
      if (!r.ok) process.exitCode = 1;
    });

  return audit;
}
