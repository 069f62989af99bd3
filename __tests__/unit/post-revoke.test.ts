// The post step's clean-up after a main step that left a run or a Create Run note behind: what its warnings say.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';

const warnings: string[] = [];
const infos: string[] = [];
const inputs: Record<string, string> = {
  'api-url': 'https://studio.example.com',
  'api-token': 'tok-123456789',
  'project-id': 'c2a9ec59-0c38-4372-bff5-83cd7f9c721f',
};
/** What a call cut short by its budget's AbortSignal.timeout throws. */
const budgetRanOut = (): DOMException => new DOMException('The operation was aborted due to timeout', 'TimeoutError');
const platform = {
  getRun: async (): Promise<unknown> => ({ id: 'run-7', state: 'running', vendorStatus: 'STARTED' }),
  findStartedRun: async (): Promise<unknown> => ({ id: 'run-9', state: 'running', vendorStatus: 'STARTED' }),
  cancelRun: async (): Promise<void> => {
    throw budgetRanOut();
  },
  close: async (): Promise<void> => undefined,
};

jest.unstable_mockModule('@actions/core', () => ({
  getInput: (name: string) => inputs[name] ?? '',
  warning: (message: string) => warnings.push(message),
  info: (message: string) => infos.push(message),
  debug: () => undefined,
  error: () => undefined,
  setSecret: () => undefined,
  startGroup: () => undefined,
  endGroup: () => undefined,
  group: async (_title: string, fn: () => Promise<unknown>) => fn(),
  saveState: () => undefined,
}));
jest.unstable_mockModule('../../src/ci/github/start-note.js', () => ({ takeStartNote: () => 'note', startNoteStore: () => () => true }));
jest.unstable_mockModule('../../src/providers/registry.js', () => ({ platformFromSettings: () => platform }));
const { cleanUpAfterMainStep } = await import('../../src/ci/github/post-revoke.js');
const { HttpError } = await import('../../src/core/errors.js');

/** Runs `fn` with the fake platform's getRun and cancelRun replaced, then puts them back. */
async function withCalls(calls: Pick<typeof platform, 'getRun' | 'cancelRun'>, fn: () => Promise<void>): Promise<void> {
  const saved = { getRun: platform.getRun, cancelRun: platform.cancelRun };
  Object.assign(platform, calls);
  try {
    await fn();
  } finally {
    Object.assign(platform, saved);
  }
}

beforeEach(() => {
  warnings.length = 0;
  infos.length = 0;
});

describe('the clean-up after an unanswered Create Run', () => {
  it('names the run it found and the revoke budget when that revoke gets no answer in time', async () => {
    await cleanUpAfterMainStep({ runId: '', startNoteFile: '/tmp/note.json' });
    expect(warnings).toEqual([
      "Could not revoke run run-9, the one new run with the main step's filters since its unanswered Create Run: no answer within 10 s",
    ]);
  });

  it('names the search and its own budget when looking for the run gets no answer in time', async () => {
    const find = platform.findStartedRun;
    platform.findStartedRun = async () => {
      throw budgetRanOut();
    };
    try {
      await cleanUpAfterMainStep({ runId: '', startNoteFile: '/tmp/note.json' });
    } finally {
      platform.findStartedRun = find;
    }
    expect(warnings).toEqual(['Could not revoke the run an unanswered Create Run may have started: no answer within 20 s']);
  });
});

describe('the clean-up of a run the main step left unfinished', () => {
  const notFound = (method: string, path: string): Error => new HttpError(method, `https://studio.example.com${path}`, 404, 'Not Found');

  it('says a run whose status and revoke both answer 404 no longer exists, without a warning', async () => {
    await withCalls(
      {
        getRun: async () => {
          throw notFound('GET', '/api/runs/run-7/');
        },
        cancelRun: async () => {
          throw notFound('POST', '/api/runs/run-7/revoke/');
        },
      },
      () => cleanUpAfterMainStep({ runId: 'run-7', startNoteFile: '' }),
    );
    expect(warnings).toEqual([]);
    expect(infos).toEqual(['Run run-7, which the main step left unfinished, no longer exists on the server (404); nothing to revoke.']);
  });

  it('warns when the revoke answers 404 while the run still reads as running', async () => {
    await withCalls(
      {
        getRun: async () => ({ id: 'run-7', state: 'running', vendorStatus: 'STARTED' }),
        cancelRun: async () => {
          throw notFound('POST', '/api/runs/run-7/revoke/');
        },
      },
      () => cleanUpAfterMainStep({ runId: 'run-7', startNoteFile: '' }),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Could not revoke run run-7: .*404/);
  });

  it('hides the api-token in its warning even when the server split it with a zero-width space', async () => {
    await withCalls(
      {
        getRun: async () => ({ id: 'run-7', state: 'running', vendorStatus: 'STARTED' }),
        cancelRun: async () => {
          throw new HttpError('POST', 'https://studio.example.com/api/runs/run-7/revoke/', 403, 'token tok-1234\u200B56789 may not revoke');
        },
      },
      () => cleanUpAfterMainStep({ runId: 'run-7', startNoteFile: '' }),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('token *** may not revoke');
  });
});
