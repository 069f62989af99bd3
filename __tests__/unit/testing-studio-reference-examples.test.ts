/**
 * The API reference's own response examples (shared/reference/testing-studio-api.txt), copied verbatim into
 * __tests__/fixtures/testing-studio/reference/, read through our schemas and mappers: `data` as an object or a
 * one-element array, zone-less timestamps with microseconds, nulls, a `{}` among log sections, fields we do not know.
 * Two examples are not valid JSON as printed and were mended as little as possible: Get Project Runs runs its
 * objects together (`"0:00:03""projectId"`, split into separate objects), and Get Run Logs is cut to its first,
 * well-formed part, with a line the page wrapped inside a string joined again.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { CallContext } from '../../src/core/provider.js';
import { answeringClient } from '../helpers/answering-client.js';
import { errorDetailFromBody } from '../../src/http/response-detail.js';
import { toCaseResult, toLogSections, toSnapshot } from '../../src/providers/testing-studio/mapper.js';
import { TestingStudioPlatform, usesGitStorage } from '../../src/providers/testing-studio/provider.js';
import { newRunsSince } from '../../src/providers/testing-studio/run-listing.js';
import {
  logsEnvelope,
  projectEnvelope,
  projectSchema,
  runEnvelope,
  runListEnvelope,
  runSchema,
  runStatsEnvelope,
  suitesEnvelope,
  testCasesEnvelope,
} from '../../src/providers/testing-studio/schema.js';

const example = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/testing-studio/reference/${name}`, import.meta.url), 'utf8'));

const RUN_ID = 'e6fa9e9a-5055-4773-9652-309b05e88c49';

describe('the reference examples of the endpoints the action calls', () => {
  it('Get Project: reads the name, the git token to mask and the git storage, beside a whole latestRun', () => {
    const project = projectEnvelope.parse(example('get-project.json'));
    expect(project).toMatchObject({ id: 'c2a9ec59-0c38-4372-bff5-83cd7f9c721f', name: 'ia_iandronis_app_1', gitToken: 'jDdEdsfFRGr4Gmd3R47r' });
    expect(usesGitStorage(project)).toBe(true);
  });

  it('Get Projects: tells the git project from the S3 one whose git fields are all null', () => {
    const { data } = example('get-projects.json') as { data: unknown[] };
    const projects = data.map((item) => projectSchema.parse(item));
    expect(projects.map((p) => [p.name, usesGitStorage(p)])).toEqual([
      ['ia_iandronis_app_1', true],
      ['ia_iandronis_app_2', false],
    ]);
  });

  it('Create Run: reads the run from a one-element data array, with its zone-less timestamps as UTC', () => {
    const snapshot = toSnapshot(runEnvelope.parse(example('create-run.json')));
    expect(snapshot).toEqual({
      id: RUN_ID,
      state: 'passed',
      vendorStatus: 'SUCCESS',
      createdAt: new Date('2023-04-11T15:22:50.193Z'),
      finishedAt: new Date('2023-04-11T15:22:53.568Z'),
      durationSeconds: 3,
      progress: undefined,
    });
  });

  it('Get Project Runs: lists every run, failed ones included, as new runs with no filters', () => {
    const runs = runListEnvelope.parse(example('get-project-runs.json'));
    expect(runs.map((run) => [run.runId, toSnapshot(runSchema.parse(run)).state])).toEqual([
      [RUN_ID, 'passed'],
      ['cce602f1-80af-437a-883d-015ace310802', 'passed'],
      ['49b1e745-4dab-429c-a691-0e7d35144d5d', 'failed'],
      ['cdeda41a-ca21-4dda-aa27-91d4de8b1091', 'failed'],
      ['12dc3118-77e7-4ac7-8dc9-9221348c5378', 'passed'],
    ]);
    expect(newRunsSince(runs, new Set([RUN_ID]), {})).toHaveLength(4);
    expect(newRunsSince(runs, new Set(), { group: 'smoke' })).toEqual([]);
  });

  it('Get Run Stats, Get Run Test Suites and Get Run Test Cases Stats: read as their examples show them', () => {
    expect(runStatsEnvelope.parse(example('get-run-stats.json'))).toMatchObject({ pass: 2, fail: 0, unavailable: 0 });
    expect(suitesEnvelope.parse(example('get-run-suites.json')).map((s) => s.testSuiteName)).toEqual(['test_suite_1', 'test_suite_2']);
    const [only, ...rest] = testCasesEnvelope.parse(example('get-run-test-cases.json')).map(toCaseResult);
    expect(rest).toEqual([]);
    expect(only).toEqual({
      id: 'c43143e9-1ec5-45be-8565-539382a3fd01',
      name: 'scenario_1',
      description: undefined,
      status: 'passed',
      vendorStatus: 'success',
      durationMs: 889,
      tries: 1,
      links: {
        Dialog: 'iandronis_SND_ia_iandronis_app_1.1681812519019.7db27172adc94a3cbc648c8456f6f796',
        'Golden dialog': 'c0bf3e121907d0b2ca2beb219c38926858201a18.1681143584265.83db1d064122481b848adad10fb5c0f3',
      },
      failures: [],
      errors: [],
      warnings: [],
    });
  });

  it('Get Run Logs: keeps both sections and their lines, and skips the empty {} after them', () => {
    const sections = toLogSections(logsEnvelope.parse(example('get-run-logs.json')));
    expect(sections.map((s) => [s.name, s.lines.length, s.completed])).toEqual([
      ['Clone Repository', 5, true],
      ['Load Configuration', 4, true],
    ]);
    expect(sections[0]?.lines[2]).toBe(
      "Cloning into '/workspace/f7e3d168-053c-47ff-b592-eea2071ff794_c2a9ec59-0c38-4372-bff5-83cd7f9c721f_cd933ffa-189b-40fc-857c-5f60071f842f'...",
    );
  });

  it('getResults: counts the examples as the stats say, two passed, though one case is listed', async () => {
    const answers: Record<string, unknown> = {
      [`/api/runs/${RUN_ID}/run_stats/`]: example('get-run-stats.json'),
      [`/api/runs/${RUN_ID}/test_cases/`]: example('get-run-test-cases.json'),
      [`/api/runs/${RUN_ID}/suites/`]: example('get-run-suites.json'),
    };
    const client = answeringClient(answers);
    const warnings: string[] = [];
    const platform = new TestingStudioPlatform({ client, projectId: 'p', onSecret: () => undefined, log: () => undefined, warning: (m) => warnings.push(m) });
    const ctx: CallContext = { signal: new AbortController().signal, deadline: Number.MAX_SAFE_INTEGER };
    const results = await platform.getResults(RUN_ID, ctx);
    expect(results.counts).toEqual({ passed: 2, failed: 0, unavailable: 0, total: 2 });
    expect(results.suites).toEqual(['test_suite_1', 'test_suite_2']);
    expect(results.cases.map((c) => c.name)).toEqual(['scenario_1']);
    expect(warnings).toEqual([]);
  });
});

describe('the reference examples of error answers', () => {
  const asIs = (text: string): string => text;

  it('quote a string detail as it is (Create Project, 400)', () => {
    expect(errorDetailFromBody('{\n"detail": "Group: my_groupde invalid"\n  }', asIs)).toBe('Group: my_groupde invalid');
    expect(
      errorDetailFromBody(
        '{\n"detail": "Request contains an error. Field: __root__, Error: In case of git storage option, you should initialize all git variables."\n}',
        asIs,
      ),
    ).toBe('Request contains an error. Field: __root__, Error: In case of git storage option, you should initialize all git variables.');
  });

  it('name the field each FastAPI validation error (422) is about, as pydantic 1 and 2 spell them', () => {
    const v1 = { detail: [{ loc: ['body', 'projectId'], msg: 'field required', type: 'value_error.missing' }] };
    expect(errorDetailFromBody(JSON.stringify(v1), asIs)).toBe('body.projectId: field required');
    const v2 = {
      detail: [
        { type: 'uuid_parsing', loc: ['path', 'run_id'], msg: 'Input should be a valid UUID', input: 'abc' },
        { type: 'string_type', loc: ['body', 'filters', 0], msg: 'Input should be a valid string', input: 7 },
      ],
    };
    expect(errorDetailFromBody(JSON.stringify(v2), asIs)).toBe('path.run_id: Input should be a valid UUID; body.filters.0: Input should be a valid string');
    // Without a usable loc the message stands alone.
    expect(errorDetailFromBody(JSON.stringify({ detail: [{ msg: 'bad request' }, { loc: [], msg: 'also bad' }] }), asIs)).toBe('bad request; also bad');
  });
});
