/** A number, then optional space: one part of a duration. */
const NUMBER = String.raw`(\d+(?:\.\d+)?)\s*`;

/** A unit, spelt as GitHub's and GitLab's docs spell them, not followed by more letters, then optional space. */
const unit = (spellings: string): string => String.raw`(?:${spellings})(?![a-z])\s*`;

/**
 * Hours, minutes and seconds, each at most once and in that order (`30m1h`
 * or `1m1m` is more likely a typo than a sum), at least one of them.
 */
const WITH_UNITS = new RegExp(
  String.raw`^(?=\d)(?:${NUMBER}${unit('hours?|hrs?|h')})?(?:${NUMBER}${unit('minutes?|mins?|m')})?(?:${NUMBER}${unit('seconds?|secs?|s')})?$`,
  'i',
);

/**
 * Parses a duration input: a bare number of `bareUnitMs` (minutes for
 * `timeout`, seconds for `poll-interval`), or numbers with units, largest
 * first, each unit once (`90s`, `30m`, `1h`, `1.5h`, `1h30m`, `2m 30s`, as
 * GitLab's `timeout:` is written). Returns milliseconds, or undefined when
 * the text is not a duration (`0x10` and `1e1` are not).
 */
export function parseDuration(text: string, bareUnitMs = 60_000): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return finite(Number(trimmed) * bareUnitMs);
  const match = WITH_UNITS.exec(trimmed);
  if (!match) return undefined;
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  return finite(Number(hours) * 3_600_000 + Number(minutes) * 60_000 + Number(seconds) * 1_000);
}

function finite(ms: number): number | undefined {
  const rounded = Math.round(ms);
  return Number.isFinite(rounded) ? rounded : undefined;
}
