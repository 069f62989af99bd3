import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/core/errors.js';
import { parseDuration } from '../../src/core/duration.js';
import { Inputs, parseSettings } from '../../src/core/settings.js';

const PROJECT = 'c2a9ec59-0c38-4372-bff5-83cd7f9c721f';
const base: Record<string, string> = {
  [Inputs.ApiUrl]: 'https://studio.example.com',
  [Inputs.ApiToken]: 'secret-token',
  [Inputs.ProjectId]: PROJECT,
};

function parse(overrides: Record<string, string> = {}) {
  const inputs = { ...base, ...overrides };
  return parseSettings((name) => inputs[name] ?? '', { workspace: '/work/repo' });
}

function inputErrorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseDuration', () => {
  it('reads a bare number as minutes', () => expect(parseDuration('30')).toBe(30 * 60_000));
  it('reads seconds, minutes and hours with units', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
  });
  it('rejects text that is not a duration', () => {
    for (const text of ['', 'soon', '10 parsecs', '-5m', '1h30']) expect(parseDuration(text)).toBeUndefined();
  });
});

describe('parseSettings', () => {
  it('applies the documented defaults', () => {
    const s = parse();
    expect(s.timeoutMs).toBe(30 * 60_000);
    expect(s.pollInterval).toBe('auto');
    expect(s.failOn).toBe('failed');
    expect(s.resultsPath).toBe('/work/repo/testing-studio-results');
    expect(s.uploadArtifact && s.comment && s.showLogs && s.revokeOnCancel).toBe(true);
    expect(s.suites).toBeUndefined();
    expect(s.filters).toEqual({ group: undefined, utterance: undefined, description: undefined });
    expect(s.platform).toBe('testing-studio');
  });

  it('resolves suites and results-path against the workspace', () => {
    const s = parse({ [Inputs.Suites]: 'tests/suites', [Inputs.ResultsPath]: 'out/ts' });
    expect(s.suites).toBe('/work/repo/tests/suites');
    expect(s.resultsPath).toBe('/work/repo/out/ts');
  });

  it('rejects a project id that is not a UUID, naming the input', () => {
    const error = inputErrorOf(() => parse({ [Inputs.ProjectId]: 'my-project' }));
    expect(error.input).toBe('project-id');
    expect(error.message).toMatch(/project-id.*UUID/);
  });

  it('rejects a missing api-url and api-token, naming each', () => {
    expect(inputErrorOf(() => parse({ [Inputs.ApiUrl]: '' })).input).toBe('api-url');
    expect(inputErrorOf(() => parse({ [Inputs.ApiUrl]: 'ftp://x' })).input).toBe('api-url');
    expect(inputErrorOf(() => parse({ [Inputs.ApiUrl]: 'https://user:pw@x.example' })).message).toMatch(/credentials/);
    expect(inputErrorOf(() => parse({ [Inputs.ApiToken]: '' })).input).toBe('api-token');
  });

  it('rejects bad timeout, poll-interval, fail-on and boolean values with what was expected', () => {
    expect(inputErrorOf(() => parse({ [Inputs.Timeout]: 'forever' })).message).toMatch(/timeout.*90s/);
    expect(inputErrorOf(() => parse({ [Inputs.Timeout]: '0' })).input).toBe('timeout');
    expect(inputErrorOf(() => parse({ [Inputs.PollInterval]: 'fast' })).message).toMatch(/'auto' or a number/);
    expect(inputErrorOf(() => parse({ [Inputs.PollInterval]: '0' })).input).toBe('poll-interval');
    expect(inputErrorOf(() => parse({ [Inputs.FailOn]: 'sometimes' })).message).toMatch(/failed, unavailable, never/);
    expect(inputErrorOf(() => parse({ [Inputs.Comment]: 'maybe' })).input).toBe('comment');
  });

  it('accepts a fixed poll interval in seconds and yes/no booleans', () => {
    const s = parse({ [Inputs.PollInterval]: '2.5', [Inputs.Comment]: 'no', [Inputs.ShowLogs]: 'FALSE' });
    expect(s.pollInterval).toBe(2500);
    expect(s.comment).toBe(false);
    expect(s.showLogs).toBe(false);
  });

  it('refuses a results-path outside the workspace', () => {
    expect(inputErrorOf(() => parse({ [Inputs.ResultsPath]: '../elsewhere' })).input).toBe('results-path');
    expect(inputErrorOf(() => parse({ [Inputs.ResultsPath]: '/tmp/x' })).input).toBe('results-path');
  });

  it('passes run filters through and trims them', () => {
    const s = parse({ [Inputs.Group]: ' smoke ', [Inputs.Utterance]: 'hello' });
    expect(s.filters).toEqual({ group: 'smoke', utterance: 'hello', description: undefined });
  });
});
