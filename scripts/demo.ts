/**
 * `npm run demo`: runs the built action (dist/) the way a GitHub runner does,
 * against the bundled Testing Studio emulator and a fake GitHub API, then
 * prints the job log, the outputs, the job summary and the PR comment.
 *
 *   npm run demo                     # a run with one failing case (the step fails, as it should)
 *   npm run demo -- --scenario passing
 */
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeGitHub } from '../__tests__/emulator/fake-github.js';
import { FAILING_SCENARIO, PASSING_SCENARIO, S3_PROJECT_ID, startEmulator } from '../__tests__/emulator/testing-studio-emulator.js';
import { REPO_ROOT, actionNodeVersion, createRunnerWorkspace, runStep, runnerEnv } from '../__tests__/helpers/action-runner.js';

const { values } = parseArgs({ options: { scenario: { type: 'string', default: 'failing' } } });
const passing = values.scenario === 'passing';
const rule = (title: string): void => console.log(`\n\x1b[1m── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}\x1b[0m`);

const emulator = await startEmulator();
const github = await startFakeGitHub();
const ws = await createRunnerWorkspace(7);
try {
  emulator.script({ ...(passing ? PASSING_SCENARIO : FAILING_SCENARIO), durationMs: 2_500 });
  await cp(path.join(REPO_ROOT, 'examples', 'suites'), path.join(ws.workspace, 'tests', 'testing-studio'), { recursive: true });
  const inputs = {
    'api-url': emulator.url,
    'api-token': emulator.token,
    'project-id': S3_PROJECT_ID,
    suites: 'tests/testing-studio',
    'github-token': 'ghs_demo',
    'upload-artifact': 'false',
  };
  const runtime = actionNodeVersion();
  console.log(`Emulator: ${emulator.url}  Fake GitHub: ${github.url}  Workspace: ${ws.workspace}  Node: ${runtime}`);
  console.log(`Inputs: ${JSON.stringify({ ...inputs, 'api-token': '***', 'github-token': '***' })}`);
  const result = await runStep(ws, runnerEnv(ws, inputs, { GITHUB_API_URL: github.url }));

  rule('Job log (what the runner shows)');
  process.stdout.write(result.stdout);
  rule('Outputs');
  for (const [name, value] of Object.entries(result.outputs)) console.log(`${name} = ${value}`);
  rule('Job summary ($GITHUB_STEP_SUMMARY)');
  console.log(result.summary);
  rule('Sticky PR comment');
  console.log(github.comments[0]?.body ?? '(none)');
  rule('Result');
  const expected = passing ? 0 : 1;
  console.log(`The step exited ${result.exitCode} (${result.exitCode === 0 ? 'passed' : 'failed'}); expected ${expected} for the ${values.scenario} scenario.`);
  process.exitCode = result.exitCode === expected ? 0 : 1;
} finally {
  await Promise.all([emulator.close(), github.close()]);
  await rm(ws.root, { recursive: true, force: true });
}
