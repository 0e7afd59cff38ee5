/**
 * Every send the outbox makes ends while the claim on its row still holds:
 * the platform's, the Transparency Database's and people's channels' timeouts
 * are each shorter than WARDEN_DELIVERY_LOCK_MS. Left unset they follow the
 * lock, so an operator who shortens it alone still starts; set, each is checked.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('outbound timeouts inside the delivery claim', () => {
  it('unset, the channel and Transparency Database timeouts stay inside whatever lock is configured', () => {
    for (const lock of ['1000', '5000', '10000', '600000']) {
      const config = loadConfig({ WARDEN_DELIVERY_LOCK_MS: lock, WARDEN_PLATFORM_TIMEOUT_MS: '900', WARDEN_DSA_TDB_URL: 'https://tdb.example/', WARDEN_DSA_TDB_TOKEN: 't' });
      expect(config.delivery.channelTimeoutMs).toBeLessThan(config.delivery.lockMs);
      expect(config.dsa.timeoutMs).toBeLessThan(config.delivery.lockMs);
      expect(config.delivery.channelTimeoutMs).toBeLessThanOrEqual(5_000);
    }
  });

  it('set to the lock or beyond, each is refused by name', () => {
    const lock = { WARDEN_DELIVERY_LOCK_MS: '5000' };
    expect(() => loadConfig({ ...lock, WARDEN_PLATFORM_TIMEOUT_MS: '5000' })).toThrow(/WARDEN_PLATFORM_TIMEOUT_MS must be shorter than WARDEN_DELIVERY_LOCK_MS/);
    expect(() => loadConfig({ ...lock, WARDEN_PLATFORM_TIMEOUT_MS: '1000', WARDEN_DELIVERY_CHANNEL_TIMEOUT_MS: '5000' })).toThrow(
      /WARDEN_DELIVERY_CHANNEL_TIMEOUT_MS must be shorter than WARDEN_DELIVERY_LOCK_MS/,
    );
    expect(() =>
      loadConfig({ ...lock, WARDEN_PLATFORM_TIMEOUT_MS: '1000', WARDEN_DSA_TDB_URL: 'https://tdb.example/', WARDEN_DSA_TDB_TOKEN: 't', WARDEN_DSA_TDB_TIMEOUT_MS: '6000' }),
    ).toThrow(/WARDEN_DSA_TDB_TIMEOUT_MS must be shorter than WARDEN_DELIVERY_LOCK_MS/);
  });

  it('a DSA timeout is not checked while no Transparency Database is configured (nothing is sent)', () => {
    expect(() => loadConfig({ WARDEN_DELIVERY_LOCK_MS: '5000', WARDEN_PLATFORM_TIMEOUT_MS: '1000', WARDEN_DSA_TDB_TIMEOUT_MS: '6000' })).not.toThrow();
  });
});
