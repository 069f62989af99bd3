/**
 * How many names (files, entries) a warning or error lists before counting
 * the rest: enough to act on, few enough that thousands of left-out or
 * renamed files do not bury the sentence.
 */
export const NAMES_SHOWN = 10;

/**
 * The first `max` of `items`, each shown by `show`, joined with commas, and
 * the rest counted: `"a", "b" and 3 more`. For messages and reports that name
 * what the server sent (file names, suites, fields), where a long list would
 * drown the sentence it sits in.
 */
export function listFirst<T>(items: readonly T[], max: number, show: (item: T) => string): string {
  const shown = items.slice(0, max).map(show);
  const more = items.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
