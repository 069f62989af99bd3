/** Milliseconds per unit, by the unit's first letter. */
const FACTOR: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1_000 };

/** One `<number><unit>` part of a duration; units are spelt as GitHub's and GitLab's docs spell them. */
const PART = /(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])\s*/iy;

/**
 * Parses the `timeout` input: a bare number of minutes, or numbers with
 * units, largest first, each unit once (`90s`, `30m`, `1h`, `1.5h`, `1h30m`,
 * `2m 30s`, as GitLab's `timeout:` is written). Returns milliseconds, or
 * undefined when the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return finite(Math.round(Number(trimmed) * FACTOR.m!));
  let total = 0;
  let lastFactor = Infinity;
  PART.lastIndex = 0;
  while (PART.lastIndex < trimmed.length) {
    const at = PART.lastIndex;
    const match = PART.exec(trimmed);
    if (!match?.[1] || !match[2] || PART.lastIndex === at) return undefined;
    const factor = FACTOR[match[2].toLowerCase()[0] ?? ''];
    // Largest unit first, each once: `30m1h` or `1m1m` is more likely a typo than a sum.
    if (factor === undefined || factor >= lastFactor) return undefined;
    lastFactor = factor;
    total += Number(match[1]) * factor;
  }
  return trimmed === '' ? undefined : finite(Math.round(total));
}

function finite(ms: number): number | undefined {
  return Number.isFinite(ms) ? ms : undefined;
}
