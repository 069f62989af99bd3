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
});
