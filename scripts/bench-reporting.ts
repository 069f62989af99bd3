/**
 * Bench figures about the report phase, which no target covers but users
 * meet: how memory and time grow with the number of cases reported, and what
 * the workflow-artifact upload (`upload-artifact: true`, the default) costs
 * for a large artifact. Both check the work was really done.
 */
import { readFile, stat } from 'node:fs/promises';
import { startFakeArtifactService } from '../__tests__/emulator/fake-artifact-service.js';
import { GIT_PROJECT_ID, PASSING_SCENARIO, type CaseSpec } from '../__tests__/emulator/testing-studio-emulator.js';
import { info, MB, MeasurementError, round, type Bench, type Section } from './bench-util.js';
import { checkPassed, mb, runMeasured, stepEnv } from './bench-rss.js';

/** A large project's report: enough cases that the report phase, not the transfer, sets the peak. */
const REPORT_CASES = 5_000;
/** The artifact behind the workflow-artifact figure; results-path then holds it twice (zip and extracted). */
const UPLOADED_ARTIFACT_BYTES = 100 * MB;
const STEP_TIMEOUT_MS = 240_000;

/**
 * Peak RSS and time of the same step reporting a run of 5,000 cases, half of
 * them failing: what a large project costs in the report phase (redaction,
 * JUnit, summary). Not a target of the issue; it shows how memory grows with
 * the number of cases. `fail-on: never`, so the step passes and the outputs
 * are there to check.
 */
export async function measureLargeReportRss({ resources, emulator, mainBundle }: Bench): Promise<Section> {
  const ws = await resources.workspace();
  try {
    const cases: CaseSpec[] = Array.from({ length: REPORT_CASES }, (_, i) =>
      i % 2 === 0
        ? { name: `case_${i}`, status: 'success' }
        : { name: `case_${i}`, status: 'fail', assertionErrors: [{ step: 2, assertion: 'intent', expected: 'BookFlight', found: 'CancelFlight' }] },
    );
    emulator.script({ ...PASSING_SCENARIO, finalStatus: 'FAILURE', cases, durationMs: 300, artifact: 'normal' });
    const step = await runMeasured(
      resources,
      mainBundle,
      ws,
      stepEnv(emulator, ws, { 'project-id': GIT_PROJECT_ID, 'fail-on': 'never' }),
      ['JUnit report: '],
      STEP_TIMEOUT_MS,
    );
    checkPassed(step, 'large report');
    if (step.outputs['total'] !== String(REPORT_CASES)) {
      throw new MeasurementError(`the step reported total=${step.outputs['total']}, expected ${REPORT_CASES}`);
    }
    const junit = await readFile(step.outputs['junit-path'] ?? '', 'utf8');
    const testcases = junit.split('<testcase ').length - 1;
    if (testcases !== REPORT_CASES) throw new MeasurementError(`junit.xml has ${testcases} test cases, expected ${REPORT_CASES}`);
    const summaryBytes = (await stat(ws.summaryFile)).size;
    if (summaryBytes === 0) throw new MeasurementError('the step wrote no job summary');
    return {
      name: 'large report',
      figures: [
        info(`Peak RSS, report of ${REPORT_CASES.toLocaleString('en')} cases (whole step)`, step.peakKb / 1024, 'MB', mb(step.peakKb)),
        info('  step time, same run', step.wallMs / 1000, 's', `${(step.wallMs / 1000).toFixed(2)} s`),
      ],
      notes: [
        `Large report: ${REPORT_CASES} cases (half failing); junit.xml ${(junit.length / MB).toFixed(1)} MB with ${testcases} test cases; ` +
          `job summary ${(summaryBytes / 1024).toFixed(0)} KB; peak via ${step.source}.`,
      ],
      raw: { peakKb: step.peakKb, source: step.source, wallMs: round(step.wallMs), testcases, summaryBytes },
    };
  } finally {
    await resources.remove(ws.root);
  }
}

/**
 * Peak RSS and time of a step that downloads a 100 MB artifact and then
 * uploads results-path (the zip and its extracted copy, ~200 MB) as a
 * workflow artifact through @actions/artifact, to a fake of the Actions
 * results service on loopback. The library zips at level 6 and uploads in
 * 8 MB blocks, five at a time, as actions/upload-artifact does.
 */
export async function measureArtifactUploadRss({ resources, emulator, mainBundle }: Bench): Promise<Section> {
  const ws = await resources.workspace();
  const service = await startFakeArtifactService({ keepBytes: false });
  try {
    emulator.script({ ...PASSING_SCENARIO, durationMs: 300, artifact: { sizeBytes: UPLOADED_ARTIFACT_BYTES } });
    const step = await runMeasured(
      resources,
      mainBundle,
      ws,
      stepEnv(emulator, ws, { 'project-id': GIT_PROJECT_ID, 'upload-artifact': 'true' }, service.runnerEnv()),
      ['JUnit report: '],
      STEP_TIMEOUT_MS,
    );
    checkPassed(step, 'workflow artifact');
    const [artifact, ...others] = service.artifacts;
    const uploaded = artifact?.blob?.size ?? 0;
    if (!artifact?.finalized || others.length > 0 || uploaded < 2 * UPLOADED_ARTIFACT_BYTES) {
      throw new MeasurementError(`expected one finalized artifact of over ${(2 * UPLOADED_ARTIFACT_BYTES) / MB} MB, got ${service.artifacts.length} (${uploaded} bytes)`);
    }
    const beforeUpload = step.peakAtMarkerKb['JUnit report: '];
    const figures = [info('Peak RSS, 100 MB artifact + workflow-artifact upload of results-path (whole step)', step.peakKb / 1024, 'MB', mb(step.peakKb))];
    if (beforeUpload !== undefined) figures.push(info('  … of which before the workflow-artifact upload', beforeUpload / 1024, 'MB', mb(beforeUpload)));
    figures.push(info('  step time, same run', step.wallMs / 1000, 's', `${(step.wallMs / 1000).toFixed(1)} s`));
    return {
      name: 'workflow artifact',
      figures,
      notes: [
        `Workflow artifact: results-path (the ${UPLOADED_ARTIFACT_BYTES / MB} MB artifact zip of random bytes and its extracted copy) uploaded as one ` +
          `${(uploaded / MB).toFixed(1)} MB zip to a fake results service on loopback; peak via ${step.source}. Random bytes do not compress, so ` +
          'the time is mostly zlib trying at level 6.',
      ],
      raw: { peakKb: step.peakKb, beforeUploadKb: beforeUpload, source: step.source, wallMs: round(step.wallMs), uploaded },
    };
  } finally {
    await service.close();
    await resources.remove(ws.root);
  }
}
