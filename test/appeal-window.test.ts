/** The appeal window (src/appeals/window.ts) and its configuration: six months at least, per kind. */
import { describe, expect, it } from 'vitest';
import { APPEALABLE_KINDS, MIN_APPEAL_WINDOW_MS, appealDeadline } from '../src/appeals/window.js';
import { loadConfig } from '../src/config.js';

const DAY = 86_400_000;

describe('appeal window', () => {
  it('defaults to 183 days for every kind, the deadline an exact instant from the decision', () => {
    const config = loadConfig({});
    for (const kind of APPEALABLE_KINDS) expect(config.appeals.windowMs[kind]).toBe(183 * DAY);
    const at = Date.UTC(2030, 0, 1);
    expect(new Date(appealDeadline('suspend', at, config)).toISOString()).toBe('2030-07-03T00:00:00.000Z');
  });

  it('is configurable upward, for all kinds or for one', () => {
    const config = loadConfig({ WARDEN_APPEAL_WINDOW_MS: String(200 * DAY), WARDEN_APPEAL_WINDOW_DEACTIVATE_MS: String(365 * DAY) });
    expect(config.appeals.windowMs.warn).toBe(200 * DAY);
    expect(config.appeals.windowMs.no_action).toBe(200 * DAY);
    expect(appealDeadline('deactivate', 0, config)).toBe(365 * DAY);
  });

  it('refuses to start with a window shorter than six months, naming the setting', () => {
    expect(() => loadConfig({ WARDEN_APPEAL_WINDOW_SUSPEND_MS: String(MIN_APPEAL_WINDOW_MS - 1) })).toThrow(
      /appeals\.windowMs\.suspend: WARDEN_APPEAL_WINDOW_SUSPEND_MS must be at least 15811200000 \(183 days/,
    );
    expect(() => loadConfig({ WARDEN_APPEAL_WINDOW_MS: String(30 * DAY) })).toThrow(/WARDEN_APPEAL_WINDOW_NO_ACTION_MS must be at least/);
  });
});
