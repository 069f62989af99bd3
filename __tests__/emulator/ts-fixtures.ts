/**
 * Ready-made projects and run scenarios for the emulator. Ids and the git
 * token come from the API reference so fixtures look like real answers.
 */
import type { CaseSpec, EmulatedProject, RunScenario } from './ts-types.js';

/** The bearer token the emulator accepts unless told otherwise. */
export const DEFAULT_TOKEN = 'test-token';

/** The git-storage project from the doc (uploads are refused for it). */
export const GIT_PROJECT_ID = 'c2a9ec59-0c38-4372-bff5-83cd7f9c721f';

/** The S3-storage project from the doc (accepts suite uploads). */
export const S3_PROJECT_ID = '2b20af9e-2761-43b7-9ff9-e6b0addf14fe';

/** The git token the API leaks in project answers; the action must mask it. */
export const GIT_PROJECT_SECRET = 'jDdEdsfFRGr4Gmd3R47r';

/** The user id the doc shows as every project's owner. */
export const DOC_USER_ID = 'f7e3d168-053c-47ff-b592-eea2071ff794';

/** The two projects that exist by default, mirroring Get Projects in the doc. */
export function defaultProjects(): EmulatedProject[] {
  return [
    {
      id: GIT_PROJECT_ID,
      name: 'ia_iandronis_app_1',
      group: 'iandronis',
      userId: DOC_USER_ID,
      storage: 'git',
      gitUrl: 'https://gitlab.omilia.com/iandronis/my_testing_studio_repo.git',
      gitToken: GIT_PROJECT_SECRET,
      gitProvider: 'gitlab',
    },
    {
      id: S3_PROJECT_ID,
      name: 'ia_iandronis_app_2',
      group: 'iandronis',
      userId: DOC_USER_ID,
      storage: 's3',
      gitUrl: null,
      gitToken: null,
      gitProvider: null,
    },
  ];
}

/** Two suites, three passing cases, SUCCESS after 300 ms. */
export const PASSING_SCENARIO: RunScenario = {
  durationMs: 300,
  finalStatus: 'SUCCESS',
  suites: ['test_suite_1', 'test_suite_2'],
  cases: [
    { name: 'scenario_1', status: 'success', executionTime: 889.0 },
    { name: 'scenario_2', status: 'success', executionTime: 1204.5, description: 'Greets the caller' },
    { name: 'scenario_3', status: 'pass', executionTime: 640.25, warnings: ['Slow response on step 2'] },
  ],
  artifact: 'normal',
};

/** One failing case (two assertion errors), one unavailable, one passing: FAILURE after 300 ms. */
export const FAILING_SCENARIO: RunScenario = {
  durationMs: 300,
  finalStatus: 'FAILURE',
  suites: ['test_suite_1'],
  cases: [
    {
      name: 'book_flight',
      status: 'fail',
      executionTime: 2310.0,
      description: 'Books a flight to Athens',
      assertionErrors: [
        { step: 2, assertion: 'intent', expected: 'BookFlight', found: 'CancelFlight' },
        { step: 4, assertion: 'prompt', expected: 'Where would you like to fly?', found: 'Sorry, I did not get that.' },
      ],
    },
    { name: 'check_balance', status: 'unavailable', executionTime: 0, generalErrors: ['Dialog service unavailable'] },
    { name: 'greeting', status: 'success', executionTime: 889.0 },
  ],
  artifact: 'normal',
};

/**
 * `n` cases across suites of 50. Every `failEvery`-th case fails (default 10;
 * 0 means none), and the run ends FAILURE when any case fails.
 */
export function manyCasesScenario(n: number, options: { failEvery?: number; durationMs?: number } = {}): RunScenario {
  const failEvery = options.failEvery ?? 10;
  const cases: CaseSpec[] = Array.from({ length: n }, (_, i) => {
    const fails = failEvery > 0 && (i + 1) % failEvery === 0;
    const name = `case_${String(i + 1).padStart(5, '0')}`;
    return fails
      ? { name, status: 'fail', executionTime: 100 + i, assertionErrors: [{ step: 1, assertion: 'intent', expected: 'Yes', found: 'No' }] }
      : { name, status: 'success', executionTime: 100 + i };
  });
  const suites = Array.from({ length: Math.max(1, Math.ceil(n / 50)) }, (_, i) => `suite_${i + 1}`);
  const anyFails = cases.some((c) => c.status === 'fail');
  return { durationMs: options.durationMs ?? 300, finalStatus: anyFails ? 'FAILURE' : 'SUCCESS', suites, cases, artifact: 'normal' };
}

const LONG_NAME = `very_long_case_name_${'x'.repeat(2000)}_end`;

/**
 * Names and texts that break naive markdown, HTML, log and mention handling,
 * plus the project's git token inside a log line and a warning.
 */
export const HOSTILE_SCENARIO: RunScenario = {
  durationMs: 300,
  finalStatus: 'FAILURE',
  suites: ['<script>alert("suite")</script>', 'suite | with | pipes', '@everyone **bold** suite', 'ünïcödé 測試 🚀 suite'],
  cases: [
    {
      name: '<script>alert(1)</script>',
      status: 'fail',
      description: '<img src=x onerror=alert(1)>',
      assertionErrors: [
        { step: 1, assertion: 'intent <b>bold</b>', expected: '`code` | pipe |', found: '--> <!-- testing-studio-action -->' },
        { step: 2, assertion: 'prompt', expected: 'line one\nline two\r\n| a | b |', found: '```\nfenced\n```' },
      ],
    },
    { name: '@everyone @here please look', status: 'success' },
    { name: '| pipes | in | name |', status: 'fail', assertionErrors: [{ step: 3, assertion: 'a|b', expected: '||', found: '\\|' }] },
    { name: '**bold** _italic_ ~~strike~~ [link](https://evil.example/x)', status: 'success' },
    { name: '```\nfenced name\n```', status: 'unavailable', generalErrors: ['`unclosed backtick'] },
    { name: LONG_NAME, status: 'fail', assertionErrors: [{ step: 1, assertion: 'x', expected: 'y'.repeat(5000), found: 'z' }] },
    { name: '<!-- testing-studio --> -->', status: 'None' },
    { name: 'ünïcödé 測試 🚀 \u202Eevil\u202C zero\u200Bwidth', status: 'success', warnings: [`token ${GIT_PROJECT_SECRET} leaked in a warning`] },
    { name: '::error::injected workflow command', status: 'fail', description: '::set-output name=verdict::passed' },
  ],
  logSections: [
    {
      name: 'Clone Repository',
      lines: [
        '---- Cloning repository ----',
        `Cloning https://oauth2:${GIT_PROJECT_SECRET}@gitlab.omilia.com/iandronis/repo.git`,
        '::error file=app.js,line=1::injected annotation',
        '::add-mask::nothing',
        '::stop-commands::deadbeef',
        '##[error]legacy command syntax',
      ],
    },
    {
      name: '<script>Run Test Suites</script>',
      lines: ['\u001b[31mANSI red text\u001b[0m', 'windows line\r\nending', `a very long line ${'w'.repeat(10_000)}`, '@everyone <!-- -->'],
    },
  ],
  artifact: 'normal',
};
