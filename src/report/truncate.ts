/**
 * Size accounting for reports with a hard limit. GitHub rejects a PR comment
 * over 65,536 characters and a job summary over 1 MiB (bytes), so reports are
 * assembled from whole pieces (lines, table rows, blocks) that are either
 * added completely or not at all: nothing is ever cut inside a tag, a row or
 * a surrogate pair.
 */

/** How a size limit is counted. */
export type SizeUnit = 'chars' | 'bytes';

/** Byte length of a string encoded as UTF-8 (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Size of `text` in `unit`. `chars` counts UTF-16 code units, which is never
 * less than the number of code points GitHub counts, so it errs on the safe side.
 */
export function measure(text: string, unit: SizeUnit): number {
  return unit === 'bytes' ? utf8Length(text) : text.length;
}

/**
 * Accumulates pieces of text while keeping the total within a limit.
 * Sizes are summed per piece, which for UTF-8 can only overestimate.
 */
export class TextBudget {
  private readonly pieces: string[] = [];
  private used = 0;

  constructor(
    /** Maximum total size, in `unit`. */
    readonly limit: number,
    readonly unit: SizeUnit,
  ) {}

  /** Size of the text accepted so far. */
  get size(): number {
    return this.used;
  }

  /** Room left, in `unit`. */
  get remaining(): number {
    return this.limit - this.used;
  }

  /** Size of `text` in this budget's unit. */
  measure(text: string): number {
    return measure(text, this.unit);
  }

  /** True if `text` fits while still leaving `reserve` for something that must come later. */
  fits(text: string, reserve = 0): boolean {
    return this.used + this.measure(text) + reserve <= this.limit;
  }

  /** Appends `text` if it fits (keeping `reserve` free); reports whether it did. */
  tryAdd(text: string, reserve = 0): boolean {
    const size = this.measure(text);
    if (this.used + size + reserve > this.limit) return false;
    this.pieces.push(text);
    this.used += size;
    return true;
  }

  /** Everything accepted so far, concatenated. */
  toString(): string {
    return this.pieces.join('');
  }
}
