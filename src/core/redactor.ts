/**
 * Removes secrets from any text that leaves the process: log lines, error
 * messages, the job summary, the PR comment and files we write. The runner's
 * own masking covers only the log, so everything else goes through here.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Register a secret. Values shorter than 4 characters are ignored (masking them would destroy text). */
  add(secret: string | null | undefined): void {
    if (!secret || secret.trim().length < 4) return;
    this.secrets.add(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.secrets.add(encoded);
  }

  /** Whether `add` registered anything (tests and debugging). */
  get size(): number {
    return this.secrets.size;
  }

  /** Replace every registered secret in `text` with `***`. Longest first, so overlapping secrets are fully hidden. */
  redact(text: string): string {
    let result = text;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      result = result.split(secret).join('***');
    }
    return result;
  }
}
