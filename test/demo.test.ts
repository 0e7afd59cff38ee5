/**
 * `warden demo nov-2 --json` as an operator runs it: a separate process, on a
 * fresh temporary store, played to the end. Each step is checked for what the
 * story says must happen.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { DemoStep } from '../src/demo/nov-2.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('warden demo nov-2', () => {
  it('plays the 2017 chain to the end: refused, refused, voided, reverted; then, as a decision of three, told and appealed; verified', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo', 'nov-2', '--json'], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
      timeout: 90_000,
    });
    const steps = stdout.trim().split('\n').map((l) => JSON.parse(l) as DemoStep);
    expect(steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const [report, contractorTry, contractorApprove, contractEnd, tripwire, told, appealed, audit, published] = steps as [DemoStep, DemoStep, DemoStep, DemoStep, DemoStep, DemoStep, DemoStep, DemoStep, DemoStep];

    expect(report).toMatchObject({ http: 202, queue: 'critical' });
    expect(contractorTry.http).toBe(403);
    expect(contractorTry.rules!.map((r) => r.id)).toContain('contractor-no-destructive-on-protected');
    expect(contractorApprove).toMatchObject({ http: 403, actionState: 'awaiting_approval' });
    expect(contractorApprove.rules!.map((r) => r.id)).toContain('contractor-no-approve-protected');
    expect(contractorApprove.needs).toMatch(/needs 2 more approvals/);

    // the story's clock: before 18:00, then past it
    expect(new Date(contractorApprove.at).getHours()).toBe(17);
    expect(contractEnd).toMatchObject({ actionState: 'voided', accessEnded: ['stf_casey'], caseyToken: 401 });
    expect(new Date(contractEnd.at).getTime()).toBeGreaterThanOrEqual(new Date(2017, 10, 2, 18, 0, 0).getTime());

    expect(tripwire).toMatchObject({ platformStatus: 'active', detectedVia: 'webhook', alert: { severity: 'critical' } });
    expect(tripwire.outcome).toMatch(/^reverted/);
    expect(tripwire.changeToRevertMs).toBeGreaterThan(0);
    expect(tripwire.changeToRevertMs).toBeLessThan(5_000);

    // the notice the owner would have received: what, why, the facts, and until when to appeal (six months at least)
    expect(told).toMatchObject({ actionState: expect.stringMatching(/^(executed|delivered)$/), notice: { ground: expect.stringMatching(/harassment/i) } });
    const notice = told.notice as { body: string; appealDeadline: string };
    expect(notice.body).toMatch(/deactivated/);
    expect(new Date(notice.appealDeadline).getTime() - new Date(told.at).getTime()).toBeGreaterThanOrEqual(183 * 86_400_000 - 60_000);
    // the owner's appeal: the proposer may not decide it; someone independent does, and the owner hears the outcome
    expect(appealed).toMatchObject({ http: 403, platformStatus: 'active', outcomeNotice: { body: expect.stringMatching(/granted/) } });
    expect(appealed.rules!.map((r) => r.id)).toContain('appeal-decided-independently');

    expect(audit).toMatchObject({ problems: [] });
    expect(audit.entries).toBeGreaterThan(20);
    // what the platform would publish of the day: the one report, the one deactivation, reversed on the one appeal
    expect(published).toMatchObject({
      http: 200,
      report: {
        notices: { total: 1, byCategory: { harassment: 1 } },
        measures: { total: 1, byKind: { deactivate: 1 }, onNotice: 1, reversals: 1 },
        appeals: { received: 1, decided: 1, overturned: 1 },
        // the deactivation, on the harassment notice
        statements: { total: 1, bySource: { SOURCE_ARTICLE_16: 1 } },
        basis: { auditSize: audit.entries },
      },
    });
  }, 120_000);
});
