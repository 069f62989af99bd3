import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { claimResultsPath } from '../../src/ci/github/results-path-claim.js';

let temp: string;
beforeEach(() => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'claim-'));
});
afterEach(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('claimResultsPath', () => {
  it('says a results-path is new to the job the first time and used by an earlier step after that', () => {
    const env = { RUNNER_TEMP: temp };
    expect(claimResultsPath(env, '/work/ws/testing-studio-results')).toBe(false);
    expect(claimResultsPath(env, '/work/ws/testing-studio-results')).toBe(true);
    expect(claimResultsPath(env, '/work/ws/./testing-studio-results/')).toBe(true);
  });

  it('keeps each results-path apart', () => {
    const env = { RUNNER_TEMP: temp };
    expect(claimResultsPath(env, '/work/ws/results/billing')).toBe(false);
    expect(claimResultsPath(env, '/work/ws/results/smoke')).toBe(false);
    expect(readdirSync(temp)).toHaveLength(2);
  });

  it('cannot tell without RUNNER_TEMP, or when its note cannot be written, and says no earlier step', () => {
    expect(claimResultsPath({}, '/work/ws/testing-studio-results')).toBe(false);
    const gone = { RUNNER_TEMP: path.join(temp, 'missing') };
    expect(claimResultsPath(gone, '/work/ws/testing-studio-results')).toBe(false);
    expect(claimResultsPath(gone, '/work/ws/testing-studio-results')).toBe(false);
  });

  it('takes paths differing only in letter case for one folder on Windows and macOS, whose file systems ignore case', () => {
    const env = { RUNNER_TEMP: temp };
    expect(claimResultsPath(env, 'D:\\a\\repo\\repo\\Results', 'win32')).toBe(false);
    expect(claimResultsPath(env, 'd:\\a\\repo\\repo\\results\\', 'win32')).toBe(true);
    expect(claimResultsPath(env, '/Users/runner/work/repo/Results', 'darwin')).toBe(false);
    expect(claimResultsPath(env, '/Users/runner/work/repo/results', 'darwin')).toBe(true);
  });

  it('keeps paths differing in letter case apart on Linux, where they are two folders', () => {
    const env = { RUNNER_TEMP: temp };
    expect(claimResultsPath(env, '/home/runner/work/repo/Results', 'linux')).toBe(false);
    expect(claimResultsPath(env, '/home/runner/work/repo/results', 'linux')).toBe(false);
  });
});
