import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { maskSecret } from '../../src/ci/github/mask-secret.js';
import { Redactor } from '../../src/core/redactor.js';

/** Lines @actions/core wrote to stdout during a test. */
let written: string[];
beforeEach(() => {
  written = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(...String(chunk).split('\n').filter((line) => line !== ''));
    return true;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
});

describe('masking a secret on GitHub', () => {
  it('asks the runner to mask it, line breaks escaped, and removes it from the texts the step writes', () => {
    const redactor = new Redactor();
    maskSecret(redactor, 'glpat-singleLineToken');
    expect(written).toEqual(['::add-mask::glpat-singleLineToken']);
    expect(redactor.redact('token glpat-singleLineToken refused')).toBe('token *** refused');
  });

  it('removes each line of a secret that spans lines, as the runner masks it, since texts are redacted a line at a time', () => {
    const redactor = new Redactor();
    // A token pasted with a stray line break: the server's log prints it without one.
    maskSecret(redactor, 'glpat-tokenWithStrayNewline\n');
    expect(redactor.redact('fatal: could not read https://oauth2:glpat-tokenWithStrayNewline@gitlab.example/a.git')).toBe(
      'fatal: could not read https://oauth2:***@gitlab.example/a.git',
    );
    maskSecret(redactor, 'first-half-of-it\r\nsecond-half-of-it');
    expect(['log: first-half-of-it', 'log: second-half-of-it'].map((line) => redactor.redact(line))).toEqual(['log: ***', 'log: ***']);
    expect(written).toEqual(['::add-mask::glpat-tokenWithStrayNewline%0A', '::add-mask::first-half-of-it%0D%0Asecond-half-of-it']);
  });
});
