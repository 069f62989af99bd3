import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { ZodType } from 'zod';
import { describeIssues } from '../../src/http/response-detail.js';
import { parseDuration, parseTimestamp, toCaseResult, toLogSections, toSnapshot } from '../../src/providers/testing-studio/mapper.js';
import {
  logsEnvelope,
  projectEnvelope,
  runEnvelope,
  runListEnvelope,
  runStatsEnvelope,
  testCasesEnvelope,
} from '../../src/providers/testing-studio/schema.js';
import { RUN_STATUS_MAP, mapCaseStatus, mapRunStatus } from '../../src/providers/testing-studio/status-map.js';
import { newRunsSince } from '../../src/providers/testing-studio/run-listing.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/testing-studio/${name}`, import.meta.url), 'utf8'));

describe('Testing Studio schemas', () => {
  it('reads Get Run whether data is a one-element array or an object, ignoring unknown fields', () => {
    const fromArray = runEnvelope.parse(fixture('get-run.json'));
    const fromObject = runEnvelope.parse(fixture('get-run-object.json'));
    expect(fromArray.runId).toBe('e6fa9e9a-5055-4773-9652-309b05e88c49');
    expect(fromArray.status).toBe('SUCCESS');
    expect(fromObject.status).toBe('STARTED');
    expect(toSnapshot(fromObject).progress).toEqual({ current: 3, total: 10 });
  });

  it('drops detail fields of an unexpected shape instead of refusing the run, whose status still decides', () => {
    const odd = runEnvelope.parse({
      data: [
        {
          runId: 'r1',
          status: 'STARTED',
          executionMeta: { current: 0, total: null },
          duration: 3.2,
          isRevocable: 'yes',
          artifact: 'none yet',
          createdAt: 1700000000,
          finishedAt: null,
          projectId: 42,
        },
      ],
    });
    expect(odd).toMatchObject({ runId: 'r1', status: 'STARTED', executionMeta: undefined, duration: undefined, createdAt: undefined });
    expect(toSnapshot(odd)).toMatchObject({ id: 'r1', state: 'running', progress: undefined, createdAt: undefined });
    // What decides stays strict: the status, and the filters a listing is matched on.
    expect(runEnvelope.safeParse({ data: { runId: 'r1', status: 7 } }).success).toBe(false);
    expect(runEnvelope.safeParse({ data: { runId: 'r1', status: 'STARTED', group: 3 } }).success).toBe(false);
  });

  it("reads a test case's detail fields of another shape as best it can, so one odd value does not hide the run's results", () => {
    const [odd] = testCasesEnvelope.parse({
      data: [
        {
          testCaseName: 'book_flight',
          status: 'fail',
          testCaseId: 12,
          executionTime: '889.0',
          numberOfTries: null,
          dialogId: { id: 'd1' },
          assertionErrors: [{ step: '2', assertion: 'intent', expected: 'BookFlight', found: 'CancelFlight' }],
          warnings: [42, 'slow'],
        },
      ],
    });
    if (!odd) throw new Error('no test case read');
    expect(toCaseResult(odd, 0)).toMatchObject({
      id: 'case-1',
      status: 'failed',
      durationMs: 889,
      links: {},
      failures: [{ step: 2, assertion: 'intent', expected: 'BookFlight', found: 'CancelFlight' }],
      warnings: ['42', 'slow'],
    });
  });

  it('rejects a run answer without a runId', () => {
    expect(runEnvelope.safeParse({ data: [{ status: 'SUCCESS' }] }).success).toBe(false);
    expect(runEnvelope.safeParse({ data: [] }).success).toBe(false);
  });

  it('refuses a run id a shell or a path would read as more than a name, and accepts UUIDs and other plain ids', () => {
    const runWithId = (runId: string) => runEnvelope.safeParse({ data: { runId, status: 'PENDING' } });
    for (const id of ['e6fa9e9a-5055-4773-9652-309b05e88c49', 'run_42', 'r:7.1']) expect(runWithId(id).success).toBe(true);
    for (const id of ['x"; touch /tmp/pwned; echo "', '$(id)', 'a b', '../x', 'a/b', '-rf', '`id`', 'a'.repeat(201), '']) {
      expect(runWithId(id).success).toBe(false);
    }
  });

  it('reads a project with its git token so it can be masked', () => {
    const project = projectEnvelope.parse(fixture('project-git.json'));
    expect(project.gitStorage).toBe(true);
    expect(project.gitToken).toBe('jDdEdsfFRGr4Gmd3R47r');
  });

  it('reads test cases given as a single object or as a list', () => {
    expect(testCasesEnvelope.parse(fixture('test-case-object.json'))).toHaveLength(1);
    expect(testCasesEnvelope.parse(fixture('test-cases-mixed.json'))).toHaveLength(5);
  });

  it('reads an envelope without data as an empty list, and refuses a body that is not an object', () => {
    expect(runListEnvelope.parse({})).toEqual([]);
    expect(runListEnvelope.parse({ data: null })).toEqual([]);
    expect(problems(runListEnvelope, [])).toBe('data: expected a body with a data field, received array');
  });

  it('refuses an answer with other fields but no data rather than reading it as no test cases, runs or log', () => {
    expect(problems(testCasesEnvelope, { results: [{ testCaseName: 'a', status: 'fail' }] })).toBe(
      'data: expected a body with a data field, received an object with field "results"',
    );
    expect(problems(logsEnvelope, { results: [{ sectionName: 'Run', content: [{ text: 'x' }] }] })).toBe(
      'data: expected a body with a data field, received an object with field "results"',
    );
    expect(problems(runListEnvelope, { count: 0, items: [], next: null, previous: null, page: 1, size: 50 })).toBe(
      'data: expected a body with a data field, received an object with fields "count", "items", "next", "previous", "page" and 1 more',
    );
  });

  it('shows the field names of a refused answer without what could forge a log line or a workflow command', () => {
    const message = problems(testCasesEnvelope, { ['a\n::error::x' + 'y'.repeat(60)]: 1 });
    expect(message).not.toMatch(/\n|::/);
    expect(message).toBe(`data: expected a body with a data field, received an object with field "a???error??x${'y'.repeat(28)}"`);
  });

  it('reads a run listing by id and filters only, so an old run of an odd shape does not make the history unreadable', () => {
    const listed = runListEnvelope.parse({
      data: [
        { runId: 'a', status: null, createdAt: 5, group: 'smoke' },
        { runId: 'b', group: 7, utterance: null },
      ],
    });
    expect(listed.map((run) => run.runId)).toEqual(['a', 'b']);
    // A filter of another type than a string cannot be compared: that run may be ours, whatever our filters.
    expect(newRunsSince(listed, new Set(), {}).map((run) => run.runId)).toEqual(['b']);
    expect(newRunsSince(listed, new Set(), { group: 'smoke' }).map((run) => run.runId)).toEqual(['a', 'b']);
    expect(newRunsSince(listed, new Set(['b']), { group: 'smoke' }).map((run) => run.runId)).toEqual(['a']);
  });

  it('reads a log section sent without the envelope, as the reference\'s "Models › Run Log" example shows one', () => {
    const bare = { sectionName: 'Clone Repository', id: 'c1', content: [{ text: '---- Cloning repository ----' }], offset: 1, completed: true };
    expect(toLogSections(logsEnvelope.parse(bare))).toEqual([
      { id: 'c1', name: 'Clone Repository', lines: ['---- Cloning repository ----'], completed: true },
    ]);
  });

  it.each([
    ['a numeric id', { id: 7 }],
    ['a completed flag as a string', { completed: 'true' }],
    ['a number among the content entries', { content: [{ text: 'x' }, 5] }],
    ['a null among the content entries', { content: [{ text: 'x' }, null] }],
    ['a numeric section name', { sectionName: 3 }],
    ['content that is not a list', { content: 'x' }],
  ])('keeps the rest of the log readable when a section has %s', (_what, odd) => {
    const body = {
      data: [
        { sectionName: 'Clone', id: 'a', content: [{ text: 'cloning' }], completed: true },
        { sectionName: 'Run', id: 'b', content: [{ text: 'x' }], completed: false, ...odd },
        null,
        'stray',
      ],
    };
    const [clone, ...rest] = toLogSections(logsEnvelope.parse(body));
    expect(clone).toEqual({ id: 'a', name: 'Clone', lines: ['cloning'], completed: true });
    expect(rest.length).toBeLessThanOrEqual(1);
  });

  it('still refuses a log whose data is of another type altogether, rather than reading it as no log', () => {
    expect(problems(logsEnvelope, { data: 'oops' })).toMatch(/^data: /);
  });

  it('splits a log text at every line break, a bare carriage return included', () => {
    const [only] = toLogSections(logsEnvelope.parse({ data: [{ id: 'a', content: [{ text: 'one\r\ntwo\rthree\nfour\r' }] }] }));
    expect(only?.lines).toEqual(['one', 'two', 'three', 'four']);
  });

  it("reads the run's duration as Python's timedelta writes it, and its creation time under the field table's name too", () => {
    expect(['0:00:03', '1:02:03.5', '1 day, 0:00:01', '2 days, 3:04:05', '3', '00:03', '0:60:00', ''].map(parseDuration)).toEqual([
      3, 3723.5, 86_401, 2 * 86_400 + 11_045, undefined, undefined, undefined, undefined,
    ]);
    const run = runEnvelope.parse({ data: { runId: 'r1', status: 'SUCCESS', createAt: '2023-04-11T15:22:50.193226', duration: '0:00:03' } });
    expect(toSnapshot(run)).toMatchObject({ createdAt: new Date('2023-04-11T15:22:50.193Z'), durationSeconds: 3 });
  });

  it('reads run stats without data as none, whatever else the answer holds, so counts come from the cases', () => {
    expect(runStatsEnvelope.parse({ message: 'no stats yet' })).toBeUndefined();
    expect(runStatsEnvelope.parse({})).toBeUndefined();
  });

  it('reads run stats given as numeric strings, and drops a count of another kind so it comes from the cases', () => {
    expect(runStatsEnvelope.parse({ data: { pass: '3', fail: 1, unavailable: 'n/a' } })).toMatchObject({ pass: 3, fail: 1, unavailable: undefined });
    expect(runStatsEnvelope.parse({ data: [{ pass: -1, fail: 2.5 }] })).toMatchObject({ pass: undefined, fail: undefined });
  });
});

/** What a ResponseShapeError would say about `body`. */
function problems(schema: ZodType, body: unknown): string {
  const result = schema.safeParse(body);
  if (result.success) throw new Error('expected the body to be refused');
  return describeIssues(result.error.issues);
}

describe('Testing Studio schema error messages', () => {
  it('name the wrong field of a run given as an object, once', () => {
    expect(problems(runEnvelope, { data: { status: 'STARTED' } })).toBe('data.runId: expected string, received undefined');
  });

  it('name the wrong field and its index of a run given as a one-element array', () => {
    expect(problems(runEnvelope, { data: [{ id: 'x', status: 'STARTED' }] })).toBe(
      'data.0.runId: expected string, received undefined',
    );
  });

  it('name the wrong element of a list, and a field inside a nested union', () => {
    expect(problems(runListEnvelope, { data: [{ runId: 'a', status: 'SUCCESS' }, { runId: 7, status: 'SUCCESS' }] })).toBe(
      'data.1.runId: expected string, received number',
    );
    expect(problems(testCasesEnvelope, { data: [{ testCaseName: 'a' }, { testCaseName: 'b', status: 5 }] })).toBe(
      'data.1.status: expected string, received number',
    );
  });

  it('say what data should be when it is missing, empty or of the wrong type', () => {
    expect(problems(runEnvelope, {})).toBe('data: expected object, received undefined');
    expect(problems(runEnvelope, { data: [] })).toMatch(/^data: Too small: expected array to have >=1 items$/);
    expect(problems(runEnvelope, { data: 'x' })).toBe('data: expected object, received string');
  });
});

describe('Testing Studio mapping', () => {
  it('maps every documented run status, and only SUCCESS/FAILURE/REVOKED are terminal', () => {
    expect(Object.keys(RUN_STATUS_MAP).sort()).toEqual(['FAILURE', 'PENDING', 'RETRY', 'REVOKED', 'STARTED', 'SUCCESS']);
    expect(['PENDING', 'STARTED', 'RETRY'].map(mapRunStatus)).toEqual(['queued', 'running', 'queued']);
    expect(['SUCCESS', 'FAILURE', 'REVOKED'].map(mapRunStatus)).toEqual(['passed', 'failed', 'cancelled']);
    expect(mapRunStatus('success')).toBe('passed');
    expect(mapRunStatus('SOMETHING_NEW')).toBe('running');
  });

  it('maps statuses named like inherited object members to the documented fallback', () => {
    for (const status of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(mapCaseStatus(status)).toBe('unknown');
      expect(mapRunStatus(status)).toBe('running');
    }
    const [hostile] = testCasesEnvelope.parse({ data: [{ testCaseName: 'x', status: 'constructor' }] });
    expect(toCaseResult(hostile!, 0)).toMatchObject({ status: 'unknown', vendorStatus: 'constructor' });
  });

  it('maps case statuses success/pass, fail, unavailable and None', () => {
    expect(['success', 'pass', 'PASS', 'fail', 'unavailable', 'None', null, 'weird'].map(mapCaseStatus)).toEqual([
      'passed',
      'passed',
      'passed',
      'failed',
      'unavailable',
      'unknown',
      'unknown',
      'unknown',
    ]);
  });

  it('reads zone-less timestamps as UTC and keeps milliseconds', () => {
    expect(parseTimestamp('2023-04-11T15:22:50.193226')?.toISOString()).toBe('2023-04-11T15:22:50.193Z');
    expect(parseTimestamp('2023-04-11T15:22:50+02:00')?.toISOString()).toBe('2023-04-11T13:22:50.000Z');
    expect(parseTimestamp('not a date')).toBeUndefined();
    expect(parseTimestamp(null)).toBeUndefined();
  });

  it('turns assertion errors, general errors and warnings into a case result with ms durations', () => {
    const [greets, transfers] = testCasesEnvelope.parse(fixture('test-cases-mixed.json')).map(toCaseResult);
    expect(greets).toMatchObject({ name: 'greets', status: 'passed', durationMs: 120.5, warnings: ['slow ASR'] });
    expect(transfers).toMatchObject({
      name: 'transfers',
      status: 'failed',
      description: 'asks for an agent',
      errors: ['NLU timeout'],
      failures: [
        { step: 2, assertion: 'intent', expected: 'Transfer', found: 'Goodbye' },
        { step: 3, assertion: 'prompt', expected: 'One moment', found: '' },
        // The reference gives these fields a default: one left out must not make the whole answer unreadable.
        { step: 4, assertion: 'slot', expected: 'Athens', found: '' },
      ],
    });
    expect(transfers?.errors).toEqual(['NLU timeout']);
    const single = toCaseResult(testCasesEnvelope.parse(fixture('test-case-object.json'))[0]!, 0);
    expect(single.durationMs).toBe(889);
    expect(single.links).toHaveProperty('Golden dialog');
  });

  it('drops empty log sections and content entries without text, and splits multi-line texts', () => {
    const sections = toLogSections(logsEnvelope.parse(fixture('logs.json')));
    expect(sections.map((s) => s.name)).toEqual(['Clone Repository', 'Run Test Suites']);
    expect(sections[0]?.lines).toEqual(['---- Cloning repository ----', "Cloning into '/workspace/x'...", 'Task completed successfully']);
    // As in the reference's example: a `{}` and a whole section object inside the content list (its lines kept).
    expect(sections[1]?.lines).toEqual([
      'Starting run of suite with name: test_suite_1',
      '',
      '------------------------------------------',
      'Test suites found: 1',
      'scenario_1 : success [ 889.000 ms ]',
    ]);
    expect(sections[1]?.completed).toBe(false);
  });

  it('keeps the lines of a section nested in another section\'s content, where the reference\'s example puts one', () => {
    const [section, ...others] = toLogSections(logsEnvelope.parse(fixture('logs-nested-section.json')));
    expect(others).toEqual([]);
    expect(section?.lines.slice(7, 14)).toEqual([
      'scenario_1 : success [ 889.000 ms ]',
      '---- Billing sdk is not enabled ----',
      '---- Loading test suites ----',
      'Test suites found: 1',
      'Task completed successfully',
      '---- Billing sdk is not enabled ----',
      'Test cases run: 1, passed: 1, failed: 0, unavailable: 0',
    ]);
    expect(section?.lines).toHaveLength(18);
  });

  it('reads a section as finished once a later one has lines, as "completed" may be the whole run\'s status', () => {
    // "Models › Run Log": `completed` is the "run's completed status", so while the run goes on every section may
    // say false; sections are the run's steps in order, and one is over when the next has started.
    const sections = toLogSections(logsEnvelope.parse(fixture('logs-running.json')));
    expect(sections.map((s) => [s.name, s.completed])).toEqual([
      ['Clone Repository', true],
      ['Load Configuration', true],
      ['Run Test Suites', false],
      // Listed, but nothing in it yet: says nothing about the step before it.
      ['Aggregate Results', false],
    ]);
  });
});
