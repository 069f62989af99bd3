/**
 * Parses the `timeout` input: a bare number of minutes, or a number with a
 * unit (`90s`, `30m`, `1h`, `1.5h`). Returns milliseconds, or undefined when
 * the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?)?\s*$/i.exec(text);
  if (!match?.[1]) return undefined;
  const value = Number(match[1]);
  const unit = (match[2] ?? 'm').toLowerCase()[0];
  const factor = unit === 's' ? 1_000 : unit === 'h' ? 3_600_000 : 60_000;
  const ms = Math.round(value * factor);
  return Number.isFinite(ms) ? ms : undefined;
}
