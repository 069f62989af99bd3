import { describe, expect, it } from '@jest/globals';
import { escapeCommandData, readInput } from '../../src/ci/github/workflow-commands.js';

describe('workflow commands used before @actions/core is loaded', () => {
  it('reads inputs the way the runner passes them (INPUT_<NAME>, upper-cased, trimmed)', () => {
    const env = { 'INPUT_API-URL': '  https://x.example  ', INPUT_MY_INPUT: 'v' };
    expect(readInput('api-url', env)).toBe('https://x.example');
    expect(readInput('my input', env)).toBe('v');
    expect(readInput('missing', env)).toBe('');
  });

  it('escapes percent signs and line breaks so a message cannot start another command', () => {
    expect(escapeCommandData('100%\r\n::set-output name=x::y')).toBe('100%25%0D%0A::set-output name=x::y');
  });
});
