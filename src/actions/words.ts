/** Times and lengths of time in words, one zone (UTC) for everyone reading the same proposal. Pure. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "8 Dec 2026 14:00 UTC": one zone for everyone reading the same proposal. */
export function utcWords(t: number): string {
  const d = new Date(t);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "7 days", "1 day 12 hours", "2 hours 30 minutes", "90 seconds". */
export function durationWords(ms: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (ms < 60_000) return unit(Math.round(ms / 1000), 'second');
  const minutes = Math.round(ms / 60_000);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const parts = [d && unit(d, 'day'), h && unit(h, 'hour'), m && unit(m, 'minute')].filter((p): p is string => typeof p === 'string');
  return parts.slice(0, 2).join(' ');
}
