/**
 * The configuration the test suite and the benchmarks run Warden with, and the
 * PostgreSQL server they use: beside Warden's own (config.ts), not part of it.
 */
import { type Config, loadConfig } from './config.js';

/**
 * Defaults for tests: everything but the store, which each test picks. Request
 * rate limits are out of the way (suites fire thousands of requests on one
 * token); test/rate-limits.test.ts sets its own.
 */
export function testConfig(databaseUrl: string, overrides: Partial<Config> = {}): Config {
  const unlimited = '1000000000';
  return loadConfig(
    {
      WARDEN_DATABASE_URL: databaseUrl,
      WARDEN_LOG_LEVEL: 'silent',
      WARDEN_SEED_DEMO: '0',
      WARDEN_PLATFORM_EMBEDDED: '0',
      WARDEN_RATE_LIMIT_PER_TOKEN: unlimited,
      WARDEN_RATE_LIMIT_PER_SERVICE: unlimited,
      WARDEN_RATE_LIMIT_PER_ADDRESS: unlimited,
    },
    overrides,
  );
}

export { testPostgresUrl } from './config.js';
