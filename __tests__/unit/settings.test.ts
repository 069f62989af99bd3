import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/core/errors.js';
import { parseDuration } from '../../src/core/duration.js';
import { Inputs, isInsideFolder, parseSettings, plainHttpWarning } from '../../src/core/settings.js';

const PROJECT = 'c2a9ec59-0c38-4372-bff5-83cd7f9c721f';
const base: Record<string, string> = {
  [Inputs.ApiUrl]: 'https://studio.example.com',
  [Inputs.ApiToken]: 'secret-token',
  [Inputs.ProjectId]: PROJECT,
};

function parse(overrides: Record<string, string> = {}, workspace = '/work/repo') {
  const inputs = { ...base, ...overrides };
  return parseSettings((name) => inputs[name] ?? '', { workspace });
}

/** A real workspace for the `suites` checks, which look at the disk. */
let ws: string;
beforeAll(() => {
  ws = mkdtempSync(path.join(tmpdir(), 'settings-ws-'));
  mkdirSync(path.join(ws, 'tests', 'suites', 'nested'), { recursive: true });
  writeFileSync(path.join(ws, 'tests', 'suites', 'nested', '.omilia-ci.yml'), 'suites: [a]\n');
  mkdirSync(path.join(ws, 'empty', 'only-folders'), { recursive: true });
  writeFileSync(path.join(ws, 'suites.zip'), Buffer.from('PK\x05\x06' + '\0'.repeat(18), 'latin1'));
  writeFileSync(path.join(ws, 'fake.zip'), 'not a zip at all');
  writeFileSync(path.join(ws, 'suites.yml'), 'suites: [a]\n');
  symlinkSync('/dev/null', path.join(ws, 'device'));
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));

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
  it('reads durations of several parts, largest unit first, as GitLab writes its timeouts', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1h 30m')).toBe(5_400_000);
    expect(parseDuration('2m30s')).toBe(150_000);
    expect(parseDuration('1 hour 5 minutes 10 seconds')).toBe(3_910_000);
    expect(parseDuration(' 45 MIN ')).toBe(2_700_000);
  });
  it('rejects text that is not a duration', () => {
    for (const text of ['', ' ', 'soon', '10 parsecs', '-5m', '1h30', '30m1h', '1m1m', '1month', '1h30x', 'h', '5 m s']) {
      expect(parseDuration(text)).toBeUndefined();
    }
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
    const s = parse({ [Inputs.Suites]: 'tests/suites', [Inputs.ResultsPath]: 'out/ts' }, ws);
    expect(s.suites).toBe(path.join(ws, 'tests/suites'));
    expect(s.resultsPath).toBe(path.join(ws, 'out/ts'));
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

  it('refuses an api-token pasted as the whole header value ("Bearer …", as the reference shows it), without echoing it', () => {
    // Sent as is, the header would read "Bearer Bearer …" and every request would fail 401.
    const error = inputErrorOf(() => parse({ [Inputs.ApiToken]: 'Bearer lhdCI6MTYxMjgx' }));
    expect(error.input).toBe('api-token');
    expect(error.message).toMatch(/without the 'Bearer ' prefix/);
    expect(error.message).not.toContain('lhdCI6MTYxMjgx');
    expect(inputErrorOf(() => parse({ [Inputs.ApiToken]: 'bearer lhdCI6MTYxMjgx' })).input).toBe('api-token');
  });

  it('refuses an api-token with a space or line break inside, which no HTTP header can carry', () => {
    expect(inputErrorOf(() => parse({ [Inputs.ApiToken]: 'first-line\nsecond-line' })).message).toMatch(/api-token.*space or line break/);
    expect(inputErrorOf(() => parse({ [Inputs.ApiToken]: 'two parts' })).input).toBe('api-token');
    expect(parse({ [Inputs.ApiToken]: '  eyJ.abc-_=/+  ' }).apiToken).toBe('eyJ.abc-_=/+');
  });

  it('refuses an api-token with an invisible, control or non-ASCII character, which copying from a chat or web page adds', () => {
    // Sent as is, a zero-width space or a control character made the request fail as 'Unexpected error: invalid
    // authorization header', naming no input; a non-ASCII letter reached the server and came back 401.
    for (const token of ['abc\u200bdef', 'abc\u00addef', 'abc\u0001def', 'abc\u007fdef', 'tök123']) {
      const error = inputErrorOf(() => parse({ [Inputs.ApiToken]: token }));
      expect(error.input).toBe('api-token');
      expect(error.message).toMatch(/visible ASCII/);
      expect(error.message).not.toContain(token);
    }
    expect(parse({ [Inputs.ApiToken]: 'ts_AZaz09-._~+/!#$%&*^|=' }).apiToken).toBe('ts_AZaz09-._~+/!#$%&*^|=');
  });

  it('rejects bad timeout, poll-interval, fail-on and boolean values with what was expected', () => {
    expect(inputErrorOf(() => parse({ [Inputs.Timeout]: 'forever' })).message).toMatch(/timeout.*90s/);
    expect(inputErrorOf(() => parse({ [Inputs.Timeout]: '0' })).input).toBe('timeout');
    // Under a second nothing could be checked, and the step would say "Timed out after 0s".
    expect(inputErrorOf(() => parse({ [Inputs.Timeout]: '0.4s' })).message).toMatch(/from 1s to 24h/);
    expect(parse({ [Inputs.Timeout]: '1s' }).timeoutMs).toBe(1_000);
    expect(inputErrorOf(() => parse({ [Inputs.PollInterval]: 'fast' })).message).toMatch(/'auto' or seconds between checks/);
    expect(inputErrorOf(() => parse({ [Inputs.PollInterval]: '0' })).input).toBe('poll-interval');
    expect(inputErrorOf(() => parse({ [Inputs.FailOn]: 'sometimes' })).message).toMatch(/failed, unavailable, never/);
    expect(inputErrorOf(() => parse({ [Inputs.Comment]: 'maybe' })).input).toBe('comment');
  });

  it('reads fail-on and platform names without case, as it reads poll-interval: AUTO', () => {
    expect(parse({ [Inputs.FailOn]: 'Unavailable' }).failOn).toBe('unavailable');
    expect(parse({ [Inputs.Platform]: 'Testing-Studio' }).platform).toBe('testing-studio');
    expect(parse({ [Inputs.Timeout]: '1h30m' }).timeoutMs).toBe(5_400_000);
  });

  it('accepts a fixed poll interval in seconds and booleans spelt as getBooleanInput reads them', () => {
    const s = parse({ [Inputs.PollInterval]: '2.5', [Inputs.Comment]: 'False', [Inputs.ShowLogs]: 'FALSE', [Inputs.UploadArtifact]: 'TRUE' });
    expect(s.pollInterval).toBe(2500);
    expect(s.comment).toBe(false);
    expect(s.showLogs).toBe(false);
    expect(s.uploadArtifact).toBe(true);
    expect(parse({ [Inputs.RevokeOnCancel]: 'True' }).revokeOnCancel).toBe(true);
  });

  it.each(['yes', 'no', 'on', 'off', '1', '0', 'tRuE', 'ture'])(
    'rejects %s as a boolean, as getBooleanInput does, instead of reading it as true or false',
    (text) => {
      const error = inputErrorOf(() => parse({ [Inputs.Comment]: text }));
      expect(error.input).toBe('comment');
      expect(error.message).toBe("Input 'comment' is invalid: expected true or false (true, True, TRUE, false, False, FALSE).");
    },
  );

  it('rejects an api-url with a query string or fragment, which requests would otherwise drop without a word', () => {
    for (const url of ['https://studio.example.com/?tenant=acme', 'https://studio.example.com/api?', 'https://studio.example.com/#top']) {
      const error = inputErrorOf(() => parse({ [Inputs.ApiUrl]: url }));
      expect(error.input).toBe('api-url');
      expect(error.message).toMatch(/without a query string or fragment/);
    }
    expect(parse({ [Inputs.ApiUrl]: 'https://studio.example.com/prefix/' }).apiUrl.href).toBe('https://studio.example.com/prefix/');
  });

  it('refuses an api-url whose path has an empty segment, which could send requests and the token to another host', () => {
    for (const url of ['https://studio.example.com//evil.example/', 'https://studio.example.com/ts//api', 'https://studio.example.com/\\evil.example/']) {
      const error = inputErrorOf(() => parse({ [Inputs.ApiUrl]: url }));
      expect(error.input).toBe('api-url');
      expect(error.message).toBe("Input 'api-url' is invalid: expected a base URL whose path has no empty segment (//), such as https://studio.example.com/ts.");
    }
    expect(parse({ [Inputs.ApiUrl]: 'https://studio.example.com/ts/api/' }).apiUrl.href).toBe('https://studio.example.com/ts/api/');
  });

  it('spells a project id in lower case, so one project has one comment marker however the input is written', () => {
    expect(parse({ [Inputs.ProjectId]: PROJECT.toUpperCase() }).projectId).toBe(PROJECT);
  });

  it('refuses a results-path outside the workspace', () => {
    expect(inputErrorOf(() => parse({ [Inputs.ResultsPath]: '../elsewhere' })).input).toBe('results-path');
    expect(inputErrorOf(() => parse({ [Inputs.ResultsPath]: '/tmp/x' })).input).toBe('results-path');
    expect(inputErrorOf(() => parse({ [Inputs.ResultsPath]: '..' })).input).toBe('results-path');
    expect(inputErrorOf(() => parse({ [Inputs.ResultsPath]: '.' })).input).toBe('results-path');
  });

  it('accepts a results-path folder whose name merely starts with two dots', () => {
    expect(parse({ [Inputs.ResultsPath]: '..results' }).resultsPath).toBe('/work/repo/..results');
    expect(parse({ [Inputs.ResultsPath]: 'out/..x' }).resultsPath).toBe('/work/repo/out/..x');
  });

  it('treats a path on another Windows drive as outside the workspace, and ..results as inside', () => {
    expect(isInsideFolder('C:\\work\\repo', 'D:\\results', path.win32)).toBe(false);
    expect(isInsideFolder('C:\\work\\repo', 'C:\\work\\other', path.win32)).toBe(false);
    expect(isInsideFolder('C:\\work\\repo', 'c:\\WORK\\repo\\..results', path.win32)).toBe(true);
    expect(isInsideFolder('C:\\work\\repo', 'C:\\work\\repo', path.win32)).toBe(false);
  });

  it('accepts plain decimal seconds or a duration with units as a poll interval, as timeout takes them', () => {
    expect(parse({ [Inputs.PollInterval]: '5' }).pollInterval).toBe(5000);
    expect(parse({ [Inputs.PollInterval]: '0.25' }).pollInterval).toBe(250);
    expect(parse({ [Inputs.PollInterval]: '5s' }).pollInterval).toBe(5000);
    expect(parse({ [Inputs.PollInterval]: '1m' }).pollInterval).toBe(60_000);
    expect(parse({ [Inputs.PollInterval]: '1m 30s' }).pollInterval).toBe(90_000);
    expect(parse({ [Inputs.PollInterval]: '10m' }).pollInterval).toBe(600_000);
    for (const text of ['0x10', '1e1', '0b11', '0o7', '5.', '.5', '+5', '1_0', 'Infinity', '5 0', '0.1s', '11m', '1h', 's']) {
      expect(inputErrorOf(() => parse({ [Inputs.PollInterval]: text })).input).toBe('poll-interval');
    }
  });

  it('trims surrounding whitespace from a poll interval like from every input', () => {
    expect(parse({ [Inputs.PollInterval]: ' 5 ' }).pollInterval).toBe(5000);
  });

  it('accepts only decimal minutes as a bare timeout', () => {
    expect(parse({ [Inputs.Timeout]: '45' }).timeoutMs).toBe(45 * 60_000);
    for (const text of ['0x10', '1e1', '0b11', '+5', '.5']) {
      expect(inputErrorOf(() => parse({ [Inputs.Timeout]: text })).input).toBe('timeout');
    }
  });

  it('passes run filters through and trims them', () => {
    const s = parse({ [Inputs.Group]: ' smoke ', [Inputs.Utterance]: 'hello' });
    expect(s.filters).toEqual({ group: 'smoke', utterance: 'hello', description: undefined });
  });
});

describe('plainHttpWarning', () => {
  it('warns that an http:// api-url to another machine sends the token unencrypted', () => {
    for (const url of ['http://studio.example.com', 'HTTP://10.0.0.5:8080/ts', 'http://[2001:db8::1]/']) {
      expect(plainHttpWarning(parseSettings((n) => ({ ...base, [Inputs.ApiUrl]: url })[n] ?? '', { workspace: '/work/repo' }).apiUrl)).toMatch(
        /^api-url is http:\/\/, so api-token is sent unencrypted/,
      );
    }
  });

  it('stays silent for https:// and for this machine, where nothing crosses a network', () => {
    for (const url of ['https://studio.example.com', 'http://localhost:8080', 'http://127.0.0.1:8080', 'http://[::1]:8080']) {
      expect(plainHttpWarning(new URL(url))).toBeUndefined();
    }
  });
});

describe('parseSettings checks suites and results-path on disk before any request', () => {
  const suitesError = (suites: string, options: { checkOnDisk?: boolean } = {}): InputError => {
    const inputs: Record<string, string> = { ...base, [Inputs.Suites]: suites };
    return inputErrorOf(() => parseSettings((name) => inputs[name] ?? '', { workspace: ws, ...options }));
  };

  it('accepts a folder with a file somewhere inside, and a .zip file', () => {
    expect(parse({ [Inputs.Suites]: 'tests/suites' }, ws).suites).toBe(path.join(ws, 'tests', 'suites'));
    expect(parse({ [Inputs.Suites]: 'suites.zip' }, ws).suites).toBe(path.join(ws, 'suites.zip'));
  });

  it('refuses a suites path that does not exist, naming the input and the path', () => {
    const error = suitesError('no-such-dir');
    expect(error.input).toBe('suites');
    expect(error.message).toBe(`Input 'suites' is invalid: expected a folder or a .zip file; '${path.join(ws, 'no-such-dir')}' does not exist.`);
  });

  it('refuses a file that is not a .zip, a .zip that is not a zip archive, and something that is neither file nor folder', () => {
    expect(suitesError('suites.yml').message).toMatch(/expected a folder or a \.zip file; .*suites\.yml' is a file whose name does not end in \.zip/);
    expect(suitesError('fake.zip').message).toMatch(/expected a folder or a \.zip file; .*fake\.zip' is not a zip archive/);
    expect(suitesError('/dev/null').message).toMatch(/expected a folder or a \.zip file; '\/dev\/null' is neither/);
    // The same device through a symlink in the workspace leads out of it.
    expect(suitesError('device').message).toMatch(/inside the workspace \(.*device leads to \/dev\/null through a symlink;/);
  });

  it('refuses a folder with no file in it, as there would be nothing to upload', () => {
    expect(suitesError('empty').message).toMatch(/expected a folder with at least one file to upload/);
  });

  it('refuses a folder whose only files are in .git, which is never uploaded', () => {
    mkdirSync(path.join(ws, 'repo-only', '.git'), { recursive: true });
    writeFileSync(path.join(ws, 'repo-only', '.git', 'config'), '[core]\n');
    expect(suitesError('repo-only').message).toMatch(/expected a folder with at least one file to upload; '.*repo-only' has none/);
  });

  it('refuses a folder whose only files are symlinks zipping would leave out: outside the folder, broken, or to a folder', () => {
    const links = path.join(ws, 'only-links');
    mkdirSync(path.join(links, 'sub'), { recursive: true });
    symlinkSync(path.join(ws, 'suites.yml'), path.join(links, 'outside.yml'));
    symlinkSync(path.join(links, 'gone.yml'), path.join(links, 'broken.yml'));
    symlinkSync(path.join(links, 'sub'), path.join(links, 'folder-link'));
    expect(suitesError('only-links').message).toMatch(/expected a folder with at least one file to upload; '.*only-links' has none/);
    writeFileSync(path.join(links, 'sub', 'real.yml'), 'x');
    symlinkSync(path.join(links, 'sub', 'real.yml'), path.join(links, 'inside.yml'));
    expect(parse({ [Inputs.Suites]: 'only-links' }, ws).suites).toBe(links);
  });

  it('refuses a suites path in the workspace that a symlink (on it or above it) leads out of the workspace, naming where', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'settings-outside-'));
    try {
      writeFileSync(path.join(outside, 'id_rsa'), 'PRIVATE KEY');
      symlinkSync(outside, path.join(ws, 'suites-out'));
      mkdirSync(path.join(outside, 'deeper'));
      writeFileSync(path.join(outside, 'deeper', 'a.yml'), 'x');
      symlinkSync(outside, path.join(ws, 'parent-out'));
      const real = realpathSync(outside);
      expect(suitesError('suites-out').message).toBe(
        `Input 'suites' is invalid: expected a folder or a .zip file inside the workspace (${path.join(ws, 'suites-out')} leads to ${real} through a symlink; to upload from there, give that path itself).`,
      );
      expect(suitesError('parent-out/deeper').message).toContain(`leads to ${path.join(real, 'deeper')} through a symlink`);
      // Given outside the workspace on purpose, the same folder is taken as given.
      expect(parse({ [Inputs.Suites]: outside }, ws).suites).toBe(outside);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('accepts a suites symlink that leads to a folder inside the workspace', () => {
    symlinkSync('tests/suites', path.join(ws, 'suites-link'));
    expect(parse({ [Inputs.Suites]: 'suites-link' }, ws).suites).toBe(path.join(ws, 'suites-link'));
  });

  it('skips the disk checks when the caller will neither upload nor write results', () => {
    const inputs: Record<string, string> = { ...base, [Inputs.Suites]: 'no-such-dir', [Inputs.ResultsPath]: 'suites.yml' };
    const s = parseSettings((name) => inputs[name] ?? '', { workspace: ws, checkOnDisk: false });
    expect(s.suites).toBe(path.join(ws, 'no-such-dir'));
    expect(s.resultsPath).toBe(path.join(ws, 'suites.yml'));
  });

  it('accepts a results-path that does not exist yet, or is a folder, below a symlink that stays inside', () => {
    mkdirSync(path.join(ws, 'real-results'), { recursive: true });
    symlinkSync('real-results', path.join(ws, 'results-link'));
    expect(parse({ [Inputs.ResultsPath]: 'not/there/yet' }, ws).resultsPath).toBe(path.join(ws, 'not', 'there', 'yet'));
    expect(parse({ [Inputs.ResultsPath]: 'tests' }, ws).resultsPath).toBe(path.join(ws, 'tests'));
    expect(parse({ [Inputs.ResultsPath]: 'results-link/run' }, ws).resultsPath).toBe(path.join(ws, 'results-link', 'run'));
  });

  it('refuses a results-path that is a file, naming the input and the path', () => {
    const error = inputErrorOf(() => parse({ [Inputs.ResultsPath]: 'suites.yml' }, ws));
    expect(error.input).toBe('results-path');
    expect(error.message).toBe(`Input 'results-path' is invalid: expected a folder inside the workspace; '${path.join(ws, 'suites.yml')}' is a file.`);
  });

  it('refuses a results-path below a file or through a symlink loop, naming the input, rather than crashing', () => {
    symlinkSync('loop', path.join(ws, 'loop'));
    expect(inputErrorOf(() => parse({ [Inputs.ResultsPath]: 'suites.yml/out' }, ws)).message).toBe(
      `Input 'results-path' is invalid: expected a folder inside the workspace; '${path.join(ws, 'suites.yml', 'out')}' cannot be used (a part of it is a file).`,
    );
    expect(inputErrorOf(() => parse({ [Inputs.ResultsPath]: 'loop/out' }, ws)).message).toMatch(/cannot be used \(a symlink loop\)\.$/);
  });

  it('refuses a results-path through a dangling symlink that points out of the workspace', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'settings-outside-'));
    try {
      symlinkSync(path.join(outside, 'not-yet'), path.join(ws, 'dangling-out'));
      symlinkSync('dangling-out', path.join(ws, 'to-dangling'));
      for (const resultsPath of ['dangling-out', 'to-dangling/deeper']) {
        const error = inputErrorOf(() => parse({ [Inputs.ResultsPath]: resultsPath }, ws));
        expect(error.input).toBe('results-path');
        expect(error.message).toContain(`leads to ${path.join(realpathSync(outside), 'not-yet')}`);
      }
      // One pointing inside the workspace is fine: the folder is created there.
      symlinkSync(path.join(ws, 'made-later'), path.join(ws, 'dangling-in'));
      expect(parse({ [Inputs.ResultsPath]: 'dangling-in' }, ws).resultsPath).toBe(path.join(ws, 'dangling-in'));
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a results-path that a symlink on the way leads out of the workspace', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'settings-outside-'));
    try {
      symlinkSync(outside, path.join(ws, 'leads-out'));
      for (const resultsPath of ['leads-out', 'leads-out/deeper']) {
        const error = inputErrorOf(() => parse({ [Inputs.ResultsPath]: resultsPath }, ws));
        expect(error.input).toBe('results-path');
        expect(error.message).toContain(`${resultsPath} leads to ${realpathSync(outside)}`);
        expect(error.message).toMatch(/through a symlink\)\.$/);
      }
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
