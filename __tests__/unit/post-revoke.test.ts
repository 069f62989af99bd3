// The post step's clean-up after a main step that left a run or a Create Run note behind: what its warnings say.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';

const warnings: string[] = [];
const inputs: Record<string, string> = {
  'api-url': 'https://studio.example.com',
  'api-token': 'tok-123456789',
  'project-id': 'c2a9ec59-0c38-4372-bff5-83cd7f9c721f',
};
/** What a call cut short by its budget's AbortSignal.timeout throws. */
const budgetRanOut = (): DOMException => new DOMException('The operation was aborted due to timeout', 'TimeoutError');
const platform = {
  findStartedRun: async (): Promise<unknown> => ({ id: 'run-9', state: 'running', vendorStatus: 'STARTED' }),
  cancelRun: async (): Promise<void> => {
    throw budgetRanOut();
  },
  close: async (): Promise<void> => undefined,
};

jest.unstable_mockModule('@actions/core', () => ({
  getInput: (name: string) => inputs[name] ?? '',
  warning: (message: string) => warnings.push(message),
  info: () => undefined,
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

beforeEach(() => {
  warnings.length = 0;
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
