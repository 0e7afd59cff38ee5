/**
 * Deterministic, entirely fictional accounts for the demo and the tests: a few
 * public figures whose accounts must never be touched lightly, some prominent
 * verified accounts, and a crowd of ordinary users. Same `n`, same accounts.
 */
import type { AccountImport } from './store.js';

/** Warden's view of how carefully an account must be handled; the platform stores no tiers. */
export type ProtectionTier = 'critical' | 'elevated' | 'standard';

const PUBLIC_FIGURES: readonly Omit<AccountImport, 'id'>[] = [
  { handle: 'POTUS_Quill', displayName: 'President Avery Quill', followers: 48_200_000, verified: true },
  { handle: 'PM_Thistlewood', displayName: 'Prime Minister Rowan Thistlewood', followers: 12_600_000, verified: true },
  { handle: 'lyravance', displayName: 'Lyra Vance', followers: 96_400_000, verified: true },
  { handle: 'NorlandCentralBank', displayName: 'Central Bank of Norland', followers: 3_100_000, verified: true },
  { handle: 'NorlandWeather', displayName: 'Norland National Weather Service', followers: 7_400_000, verified: true },
];

const PROMINENT_ROLES = [
  'Norland Herald',
  'Evening Courier',
  'Channel 9 News',
  'The Quarterly Ledger',
  'Actor',
  'Chef',
  'Novelist',
  'Football, Port Amsel FC',
  'Comedian',
  'Science writer',
] as const;

const FIRST_NAMES = [
  'Mara', 'Tobin', 'Ilse', 'Caspian', 'Wren', 'Odalys', 'Fenwick', 'Juno', 'Perrin', 'Saoirse',
  'Tamsin', 'Evander', 'Noor', 'Bastian', 'Calla', 'Desmond', 'Imogen', 'Kit', 'Liesel', 'Oren',
  'Priya', 'Quentin', 'Rosalind', 'Soren', 'Thea', 'Ulric', 'Vesna', 'Yara', 'Zeno', 'Anouk',
] as const;

const LAST_NAMES = [
  'Ellingsworth', 'Marchetti', 'Okonkwo', 'Vasquez', 'Lindqvist', 'Harrow', 'Penhallow', 'Adebayo',
  'Moreau', 'Kowalczyk', 'Takahashi', 'Brennan', 'Castellanos', 'Duvall', 'Fairweather', 'Grimaldi',
  'Haldane', 'Iversen', 'Jansen', 'Kestrel', 'Larkspur', 'Mbeki', 'Novak', 'Ashdown',
] as const;

const PROMINENT_COUNT = 30;
const CRITICAL_IDS = new Set(PUBLIC_FIGURES.map((_, i) => accountId(i + 1)));
const ELEVATED_FOLLOWERS = 100_000;

function accountId(n: number): string {
  return `acct_${String(n).padStart(4, '0')}`;
}

/** mulberry32: a tiny seeded generator, so the demo looks the same every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Spread evenly on a log scale, the way follower counts are. */
function logUniform(min: number, max: number, random: () => number): number {
  return Math.floor(Math.exp(Math.log(min) + random() * (Math.log(max) - Math.log(min))));
}

export function demoAccounts(n = 2000): AccountImport[] {
  const random = seededRandom(20261102);
  const accounts: AccountImport[] = [];
  for (let i = 1; i <= n; i++) {
    const id = accountId(i);
    const figure = PUBLIC_FIGURES[i - 1];
    if (figure) {
      accounts.push({ id, ...figure });
      continue;
    }
    const first = pick(FIRST_NAMES, random);
    const last = pick(LAST_NAMES, random);
    if (i <= PUBLIC_FIGURES.length + PROMINENT_COUNT) {
      const role = pick(PROMINENT_ROLES, random);
      accounts.push({
        id,
        handle: `${first}${last}`.slice(0, 26) + String(i).padStart(4, '0'),
        displayName: `${first} ${last} (${role})`,
        followers: logUniform(ELEVATED_FOLLOWERS, 5_000_000, random),
        verified: true,
      });
    } else {
      accounts.push({
        id,
        // the index keeps handles unique however the names repeat
        handle: `${first.toLowerCase()}_${last.toLowerCase()}${i}`,
        displayName: `${first} ${last}`,
        followers: logUniform(1, 5_000, random) - 1,
        verified: false,
      });
    }
  }
  return accounts;
}

/** Which accounts Warden protects, and how much, in the demo. */
export function demoTiers(accounts: readonly Pick<AccountImport, 'id' | 'followers' | 'verified'>[]): Map<string, ProtectionTier> {
  const tiers = new Map<string, ProtectionTier>();
  for (const a of accounts) {
    if (CRITICAL_IDS.has(a.id)) tiers.set(a.id, 'critical');
    else if (a.verified && a.followers >= ELEVATED_FOLLOWERS) tiers.set(a.id, 'elevated');
    else tiers.set(a.id, 'standard');
  }
  return tiers;
}
