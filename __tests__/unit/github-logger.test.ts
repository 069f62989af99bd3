import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { githubLogger, plainLine } from '../../src/ci/github/github-logger.js';

/** Lines @actions/core wrote to stdout during a test. */
let written: string[];
beforeEach(() => {
  written = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(...String(chunk).split('\n'));
    return true;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
});

describe('the GitHub job log', () => {
  it('prints an info message carrying a server value as one line that no runner would execute', () => {
    githubLogger.info('Project: evil\n::add-mask::SUCCESS\r\n::error title=Injected::pwned');
    expect(written.filter((line) => line !== '')).toEqual(['Project: evil ::add-mask::SUCCESS ::error title=Injected::pwned']);
  });

  it('defuses an info message that would itself start a workflow command', () => {
    expect(plainLine('  ::set-output name=status::SUCCESS')).toBe('\u200B  ::set-output name=status::SUCCESS');
    expect(plainLine('Run 42: STARTED (1/3)')).toBe('Run 42: STARTED (1/3)');
    // The runner trims .NET white space, which counts NEL (U+0085), before looking for '::'.
    expect(plainLine('\u0085::add-mask::x').startsWith('\u200B')).toBe(true);
    expect(plainLine('\u001F::add-mask::x').startsWith('\u200B')).toBe(true);
    // The runner also honours the legacy `##[command]` form anywhere in a line.
    expect(plainLine('Project: Acme ##[add-mask]SUCCESS')).toBe('Project: Acme #\u200B#[add-mask]SUCCESS');
  });

  it('prints server log lines between stop-commands markers with a token no line can guess', () => {
    githubLogger.untrustedSection('Executing\n::warning::x', ['::add-mask::secret', 'plain']);
    const [group, stop, ...rest] = written.filter((line) => line !== '');
    expect(group).toBe('::group::Executing ::warning::x');
    const token = /^::stop-commands::([0-9a-f-]{36})$/.exec(stop ?? '')?.[1];
    expect(token).toBeDefined();
    expect(rest).toEqual(['::add-mask::secret', 'plain', `::${token}::`, '::endgroup::']);
  });

  it('keeps server log lines and section names from opening, closing or faking groups and error lines', () => {
    githubLogger.untrustedSection('Run ##[endgroup]', ['##[endgroup]', '  ##[group]Fake group', 'x ##[error]Fake error']);
    const shown = written.filter((line) => line !== '' && !/^::(stop-commands::)?[0-9a-f-]{36}(::)?$/.test(line));
    expect(shown).toEqual([
      '::group::Run #\u200B#[endgroup]',
      '#\u200B#[endgroup]',
      '  #\u200B#[group]Fake group',
      'x #\u200B#[error]Fake error',
      '::endgroup::',
    ]);
  });

  it('ends a server log line at a carriage return, as the runner would, instead of joining what it separates', () => {
    githubLogger.untrustedSection('Clone', ['progress 10%\rprogress 100%']);
    expect(written).toContain('progress 10%');
    expect(written).toContain('progress 100%');
    expect(written.some((line) => line.includes('%progress'))).toBe(false);
  });
});
