import { hasHiddenCharacters, stripControlChars } from '../report/escape.js';

/**
 * Removes secrets from any text that leaves the process: log lines, error
 * messages, the job summary, the PR comment and files we write. The runner's
 * own masking covers only the log, so everything else goes through here.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  /** The secrets longest first, as `redact` applies them; rebuilt after `add`. */
  private ordered: string[] | undefined;

  /** Register a secret. Values shorter than 4 characters are ignored (masking them would destroy text). */
  add(secret: string | null | undefined): void {
    if (!secret || secret.trim().length < 4) return;
    this.secrets.add(secret);
    // The forms a secret takes inside text we pass on: percent-encoded in a URL, and JSON-escaped where a server's
    // structured value (an assertion's expected/found object, an error's detail) is shown as JSON.
    for (const form of [encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) {
      if (form !== secret) this.secrets.add(form);
    }
    this.ordered = undefined;
  }

  /** The secrets as UTF-8 bytes, longest first: for scrubbing files byte by byte, as `redact` does text. */
  bytePatterns(): Buffer[] {
    this.ordered ??= [...this.secrets].sort((a, b) => b.length - a.length);
    return this.ordered.map((secret) => Buffer.from(secret, 'utf8'));
  }

  /** Whether `add` registered anything (tests and debugging). */
  get size(): number {
    return this.secrets.size;
  }

  /**
   * Replace every registered secret in `text` with `***`. Longest first, so
   * overlapping secrets are fully hidden. A text without secrets (nearly all
   * of them) comes back as it is, with nothing allocated: a report of
   * thousands of cases is tens of thousands of strings.
   */
  redact(text: string): string {
    this.ordered ??= [...this.secrets].sort((a, b) => b.length - a.length);
    return this.replaceSecrets(text);
  }

  /**
   * `redact`, and a secret split by characters that draw nothing (a soft
   * hyphen, a zero-width space, tag characters) is hidden too: such a split
   * does not match, yet reads whole once shown, and the summary's and
   * comment's escaping removes those characters. When it finds one, the
   * text comes back as it reads (without them). For text from the server
   * before it is rendered (report strings, log lines), not for rendered
   * markdown, whose own zero-width spaces keep mentions and links inert.
   */
  redactReadable(text: string): string {
    const result = this.redact(text);
    if (this.secrets.size === 0 || !hasHiddenCharacters(result)) return result;
    const visible = stripControlChars(result);
    const revealed = this.replaceSecrets(visible);
    return revealed === visible ? result : revealed;
  }

  private replaceSecrets(text: string): string {
    let result = text;
    for (const secret of this.ordered ?? []) {
      if (result.includes(secret)) result = result.split(secret).join('***');
    }
    return result;
  }

  /**
   * A copy of `value` with every string in it (keys too) redacted: plain
   * objects and arrays are walked, other values kept as they are. Reports
   * are redacted this way before they are shortened, escaped or rendered,
   * when a secret still reads as itself.
   */
  redactAll<T>(value: T): T {
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redactReadable(value);
    if (Array.isArray(value)) return value.map((item: unknown) => this.walk(item));
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.redactReadable(key), this.walk(item)]));
    }
    return value;
  }
}
