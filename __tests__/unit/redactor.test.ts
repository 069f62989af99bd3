import { describe, expect, it } from '@jest/globals';
import { Redactor } from '../../src/core/redactor.js';

describe('Redactor', () => {
  it('replaces every occurrence of every registered secret', () => {
    const r = new Redactor();
    r.add('api-secret-1');
    r.add('jDdEdsfFRGr4Gmd3R47r');
    expect(r.redact('token api-secret-1 and jDdEdsfFRGr4Gmd3R47r, again api-secret-1')).toBe('token *** and ***, again ***');
  });

  it('also hides the URL-encoded form of a secret', () => {
    const r = new Redactor();
    r.add('a/b+c=d');
    expect(r.redact('https://x/?t=a%2Fb%2Bc%3Dd')).toBe('https://x/?t=***');
  });

  it('also hides the JSON-escaped form of a secret, as a structured value shown as JSON holds it', () => {
    const r = new Redactor();
    r.add('pa"ss\\word\n2');
    const shown = JSON.stringify({ expected: { token: 'pa"ss\\word\n2' } });
    expect(r.redact(shown)).toBe('{"expected":{"token":"***"}}');
  });

  it('hides a secret split by characters that draw nothing in server text, returning the text as it reads', () => {
    const r = new Redactor();
    r.add('ghp_0123456789abcdefSECRET');
    for (const hidden of ['\u00AD', '\u200B', '\u2060', '\u{E0041}', '\u0007']) {
      const text = `git clone https://x:ghp_0123456789${hidden}abcdefSECRET@host/repo failed`;
      expect({ hidden, redacted: r.redactReadable(text) }).toEqual({ hidden, redacted: 'git clone https://x:***@host/repo failed' });
      expect(r.redactAll({ message: text })).toEqual({ message: 'git clone https://x:***@host/repo failed' });
    }
  });

  it('leaves text with characters that draw nothing as it was when no secret hides behind them', () => {
    const r = new Redactor();
    r.add('ghp_0123456789abcdefSECRET');
    const text = 'soft\u00ADhyphen, zero\u200Bwidth, 👨\u200D👩 and ❤\uFE0F';
    expect(r.redactReadable(text)).toBe(text);
  });

  it('matches rendered markdown exactly, keeping the zero-width spaces that keep its mentions inert', () => {
    const r = new Redactor();
    r.add('abc@def-secret');
    const rendered = 'abc@\u200Bdef-secret and @\u200Beveryone';
    expect(r.redact(rendered)).toBe(rendered);
  });

  it('ignores empty and very short values that would destroy ordinary text', () => {
    const r = new Redactor();
    r.add('');
    r.add(undefined);
    r.add('ab');
    expect(r.size).toBe(0);
    expect(r.redact('abc')).toBe('abc');
  });

  it('hides the longer of two overlapping secrets completely', () => {
    const r = new Redactor();
    r.add('secret');
    r.add('secret-extended');
    expect(r.redact('x secret-extended y')).toBe('x *** y');
  });

  it('hides a secret added after earlier texts were redacted, longest first again', () => {
    const r = new Redactor();
    r.add('secret');
    expect(r.redact('x secret-extended y')).toBe('x ***-extended y');
    r.add('secret-extended');
    expect(r.redact('x secret-extended y')).toBe('x *** y');
    r.add('gho_1234');
    expect(r.redact('gho_1234 secret')).toBe('*** ***');
  });

  it('redacts every string of a report, keys included, and leaves other values alone', () => {
    const r = new Redactor();
    r.add('tok-9999');
    const when = new Date(0);
    const copy = r.redactAll({ a: ['x tok-9999', 2, null], 'k-tok-9999': { when, n: 'clean' } });
    expect(copy).toEqual({ a: ['x ***', 2, null], 'k-***': { when, n: 'clean' } });
    expect(copy['k-***' as 'k-tok-9999'].when).toBe(when);
  });
});
