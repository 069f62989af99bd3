import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { createSecretScrubber } from '../../src/streams/secret-scrubber.js';

/** Streams `chunks` through a scrubber of `secrets`; the bytes out and the count it reported. */
async function scrub(chunks: Buffer[], secrets: string[]): Promise<{ text: Buffer; found: number | undefined }> {
  let found: number | undefined;
  const out: Buffer[] = [];
  const scrubber = createSecretScrubber(
    secrets.map((s) => Buffer.from(s)),
    (count) => (found = count),
  );
  for await (const part of Readable.from(chunks).pipe(scrubber)) out.push(part as Buffer);
  return { text: Buffer.concat(out), found };
}

/** `text` cut at the given offsets. */
function cut(text: string, ...at: number[]): Buffer[] {
  const bytes = Buffer.from(text);
  const bounds = [0, ...at, bytes.length];
  return bounds.slice(1).map((end, i) => bytes.subarray(bounds[i], end));
}

const TOKEN = 'glpat-Abc123def456ghi789';

describe('createSecretScrubber', () => {
  it('replaces every occurrence of a secret with *** and reports how many', async () => {
    const { text, found } = await scrub(cut(`clone https://oauth2:${TOKEN}@git.example.com; again ${TOKEN}.`), [TOKEN]);
    expect(text.toString()).toBe('clone https://oauth2:***@git.example.com; again ***.');
    expect(found).toBe(2);
  });

  it('finds a secret cut by a chunk boundary at any point, and one cut over three chunks', async () => {
    const line = `log: ${TOKEN} end`;
    for (let at = 1; at < line.length; at++) {
      expect((await scrub(cut(line, at), [TOKEN])).text.toString()).toBe('log: *** end');
    }
    expect((await scrub(cut(line, 7, 12, 20), [TOKEN])).text.toString()).toBe('log: *** end');
    // Long chunks on both sides, as extraction streams them: the held bytes are joined to the next chunk only
    // when a secret starts in them.
    const padded = `${'a'.repeat(200)}${TOKEN}${'b'.repeat(200)}${TOKEN}`;
    const expected = `${'a'.repeat(200)}***${'b'.repeat(200)}***`;
    for (let at = 190; at < 230; at++) {
      expect((await scrub(cut(padded, at, at + 150), [TOKEN])).text.toString()).toBe(expected);
    }
  });

  it('replaces the longer of two secrets that start alike, even when a boundary cuts the longer one', async () => {
    // A multi-line secret is registered whole and line by line: its first line is a prefix of it.
    const whole = 'first-line-of-key\nsecond-line-of-key';
    const line = `x ${whole} y`;
    for (const at of [5, 12, 19, 22, 30]) {
      expect((await scrub(cut(line, at), [whole, 'first-line-of-key', 'second-line-of-key'])).text.toString()).toBe('x *** y');
    }
  });

  it('gives what one leftmost-longest replacement over the whole text gives, however the text is cut', async () => {
    // Secrets that overlap and prefix each other, in a text made of their own letters, cut at random: a seeded
    // generator, so a failure can be replayed.
    const secrets = ['abab', 'ababba', 'bbab', 'aab'];
    const longestFirst = [...secrets].sort((a, b) => b.length - a.length);
    const reference = new RegExp(longestFirst.join('|'), 'g');
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 10 + random(60) }, () => 'ab'[random(2)]).join('');
      const cuts = [...new Set(Array.from({ length: random(6) }, () => 1 + random(text.length - 1)))].sort((a, b) => a - b);
      const { text: out } = await scrub(cut(text, ...cuts), secrets);
      expect({ text, cuts, out: out.toString() }).toEqual({ text, cuts, out: text.replace(reference, '***') });
    }
  });

  it('passes bytes without a secret through unchanged and reports nothing', async () => {
    const data = randomBytes(300_000);
    const chunks = [data.subarray(0, 65_536), data.subarray(65_536, 65_540), data.subarray(65_540)];
    const { text, found } = await scrub(chunks, [TOKEN, 'another-secret-value']);
    expect(text.equals(data)).toBe(true);
    expect(found).toBeUndefined();
  });

  it('holds back nothing at the end: a text shorter than the secret comes out whole', async () => {
    expect((await scrub(cut('glpat-Ab', 3), [TOKEN])).text.toString()).toBe('glpat-Ab');
  });
});

describe('createSecretScrubber when secrets overlap', () => {
  it('replaces a secret repeated right after a match that overlapped the start of a longer secret', async () => {
    // 'bcabc' at the end could begin 'bcabcX': the second 'abc' used to be cut there and passed on unreplaced.
    expect(await scrub(cut('abcabc'), ['abc', 'bcabcX'])).toEqual({ text: Buffer.from('******'), found: 2 });
    expect((await scrub(cut('abcabc tail', 6), ['abc', 'bcabcX'])).text.toString()).toBe('****** tail');
    expect((await scrub(cut('cbcb'), ['bcba', 'cb'])).text.toString()).toBe('******');
  });

  /** Leftmost first, and of secrets starting at one place the longest: what the scrubber promises, on the whole text. */
  function reference(text: string, secrets: string[]): { text: string; found: number } {
    const ordered = [...secrets].sort((a, b) => b.length - a.length);
    let out = '';
    let found = 0;
    for (let i = 0; i < text.length; ) {
      const match = ordered.find((secret) => text.startsWith(secret, i));
      if (match) {
        out += '***';
        found++;
        i += match.length;
      } else {
        out += text[i];
        i++;
      }
    }
    return { text: out, found };
  }

  it('agrees with replacing on the whole text, for secrets that overlap, however the text is cut into chunks', async () => {
    // A small seeded generator: the same 3,000 cases every run, over a three-letter alphabet so that secrets overlap,
    // and often made of each other's ends, where a match can run into the start of a longer secret.
    let seed = 20261124;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (length: number): string => Array.from({ length }, () => 'abc'[random(3)]).join('');
    for (let round = 0; round < 3000; round++) {
      const first = word(2 + random(4));
      // Often a second secret that begins with the first one's end, and a text built of secrets and letters.
      const second = random(2) === 0 ? first.slice(1 + random(first.length - 1)) + word(1 + random(3)) : word(2 + random(5));
      const secrets = [...new Set([first, second, ...(random(2) === 0 ? [word(2 + random(3))] : [])])];
      const text = Array.from({ length: random(8) }, () => (random(2) === 0 ? (secrets[random(secrets.length)] ?? '') : word(1 + random(3)))).join('');
      const cuts = [...new Set(Array.from({ length: random(6) }, () => random(text.length + 1)))].sort((a, b) => a - b);
      const expected = reference(text, secrets);
      const got = await scrub(cut(text, ...cuts), secrets);
      expect({ round, text, secrets, cuts, out: got.text.toString(), found: got.found ?? 0 }).toEqual({ round, text, secrets, cuts, out: expected.text, found: expected.found });
    }
  });
});
