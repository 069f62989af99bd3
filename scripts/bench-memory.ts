/**
 * Bench figures about memory for the issue's targets: peak RSS of the real
 * bundle while it zips and uploads a 300 MB suites folder, and while it
 * downloads and extracts a 400 MB artifact. Both check the bytes arrived
 * intact, so a step that skipped the work cannot look frugal.
 */
import { randomFillSync } from 'node:crypto';
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  GIT_PROJECT_ID,
  PASSING_SCENARIO,
} from '../__tests__/emulator/testing-studio-emulator.js';
import { bounded, info, MB, MeasurementError, round, type Bench, type Figure, type Section } from './bench-util.js';
import { checkPassed, mb, runMeasured, runSuitesUpload, stepEnv as env, type MeasuredStep } from './bench-rss.js';

const SUITE_FILES = 30;
const SUITE_FILE_BYTES = 10 * MB;
const ARTIFACT_BYTES = 400 * MB;
const RSS_TARGET_MB = 100;
/** Generous bound for a step moving a few hundred MB on a slow disk. */
const STEP_TIMEOUT_MS = 240_000;

/** Write `bytes` of incompressible data to `file`, 1 MB at a time, never holding more. */
async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const chunk = Buffer.allocUnsafe(MB);
    for (let left = bytes; left > 0; left -= chunk.length) {
      const n = Math.min(chunk.length, left);
      randomFillSync(chunk, 0, n);
      await handle.write(chunk, 0, n);
    }
  } finally {
    await handle.close();
  }
}

function peakFigures(label: string, step: MeasuredStep, phaseLabel: string, marker: string): Figure[] {
  const figures = [bounded(label, step.peakKb / 1024, 'MB', mb(step.peakKb), RSS_TARGET_MB, `${RSS_TARGET_MB} MB`)];
  const phase = step.peakAtMarkerKb[marker];
  if (phase !== undefined) figures.push(info(phaseLabel, phase / 1024, 'MB', mb(phase)));
  return figures;
}

/**
 * Peak RSS of the same step with nothing large to move (a 300 ms run with the
 * small normal artifact): the floor the two transfer figures should be read against.
 */
export async function measureBaselineRss({ resources, emulator, mainBundle }: Bench): Promise<Section> {
  const ws = await resources.workspace();
  try {
    emulator.script({ ...PASSING_SCENARIO, durationMs: 300, artifact: 'normal' });
    const step = await runMeasured(resources, mainBundle, ws, env(emulator, ws, { 'project-id': GIT_PROJECT_ID }), [], STEP_TIMEOUT_MS);
    checkPassed(step, 'baseline');
    return {
      name: 'baseline memory',
      figures: [info('Peak RSS, same step, small run (baseline)', step.peakKb / 1024, 'MB', mb(step.peakKb))],
      notes: [],
      raw: { peakKb: step.peakKb, source: step.source, wallMs: round(step.wallMs) },
    };
  } finally {
    await resources.remove(ws.root);
  }
}

/** Peak RSS of the bundle zipping and uploading a 300 MB folder of random files. */
export async function measureUploadRss(bench: Bench): Promise<Section> {
  const { resources } = bench;
  const ws = await resources.workspace();
  try {
    const suites = path.join(ws.workspace, 'suites');
    await mkdir(suites);
    for (let i = 0; i < SUITE_FILES; i++) await writeRandomFile(path.join(suites, `suite_${i}.bin`), SUITE_FILE_BYTES);
    const markers = ['Zipped ', 'Suites uploaded.'];
    const { step, upload } = await runSuitesUpload(bench, ws, markers, { entries: SUITE_FILES, timeoutMs: STEP_TIMEOUT_MS, what: 'upload' });
    // The action leaves its zip in RUNNER_TEMP; when it is there, the upload must match it byte for byte.
    const zipName = (await readdir(ws.temp)).find((name) => /^suites-.*\.zip$/.test(name));
    const zipBytes = zipName ? (await stat(path.join(ws.temp, zipName))).size : undefined;
    if (zipBytes !== undefined ? upload.bytes !== zipBytes : upload.bytes < SUITE_FILES * SUITE_FILE_BYTES) {
      throw new MeasurementError(`uploaded ${upload.bytes} bytes, expected ${zipBytes ?? `≥ ${SUITE_FILES * SUITE_FILE_BYTES}`}`);
    }
    return {
      name: 'upload memory',
      figures: peakFigures('Peak RSS, zip + upload 300 MB suites', step, '  … of which until the zip was written', 'Zipped '),
      notes: [
        `Upload: ${SUITE_FILES} × ${SUITE_FILE_BYTES / MB} MB random files; the emulator received one ${(upload.bytes / MB).toFixed(1)} MB ` +
          `zip (Content-Length ${upload.contentLength ?? 'not sent'}) with ${upload.fileNames.length} entries` +
          `${zipBytes !== undefined ? ', identical in size to the zip the action wrote' : ''}; step took ${(step.wallMs / 1000).toFixed(1)} s; peak via ${step.source}.`,
      ],
      raw: {
        peakKb: step.peakKb,
        source: step.source,
        peakAtMarkerKb: step.peakAtMarkerKb,
        uploadedBytes: upload.bytes,
        contentLength: upload.contentLength,
        wallMs: round(step.wallMs),
      },
    };
  } finally {
    await resources.remove(ws.root);
  }
}

/** Peak RSS of the bundle downloading (and extracting) a 400 MB artifact. */
export async function measureDownloadRss({ resources, emulator, mainBundle }: Bench): Promise<Section> {
  const ws = await resources.workspace();
  try {
    emulator.script({ ...PASSING_SCENARIO, durationMs: 300, artifact: { sizeBytes: ARTIFACT_BYTES } });
    const step = await runMeasured(
      resources,
      mainBundle,
      ws,
      env(emulator, ws, { 'project-id': GIT_PROJECT_ID }),
      ['Downloaded ', 'Extracted '],
      STEP_TIMEOUT_MS,
    );
    const runId = checkPassed(step, 'download');

    const results = path.join(ws.workspace, 'testing-studio-results');
    const zipBytes = (await stat(path.join(results, `${runId}_artifacts.zip`))).size;
    // one stored entry: the payload plus headers and a central directory of well under 64 kB
    if (zipBytes < ARTIFACT_BYTES || zipBytes > ARTIFACT_BYTES + 64 * 1024) {
      throw new MeasurementError(`downloaded zip is ${zipBytes} bytes, expected just over ${ARTIFACT_BYTES}`);
    }
    const extractedBytes = (await stat(path.join(results, 'artifacts', 'results', 'large.bin'))).size;
    if (extractedBytes !== ARTIFACT_BYTES) {
      throw new MeasurementError(`extracted results/large.bin is ${extractedBytes} bytes, expected ${ARTIFACT_BYTES}`);
    }
    const downloadPeak = step.peakAtMarkerKb['Downloaded '];
    const notes = [
      `Download: ${(zipBytes / MB).toFixed(2)} MB zip written to results-path and extracted (results/large.bin, ${ARTIFACT_BYTES / MB} MB); ` +
        `step took ${(step.wallMs / 1000).toFixed(1)} s; peak via ${step.source}; the "until downloaded" figure is VmHWM read when ` +
        "the 'Downloaded …' line reached the bench (within a few ms of the download ending).",
    ];
    if (downloadPeak !== undefined && step.peakKb / 1024 > RSS_TARGET_MB && downloadPeak / 1024 <= RSS_TARGET_MB) {
      notes.push('Download memory: the peak is reached during extraction, not during the download itself.');
    }
    return {
      name: 'download memory',
      figures: peakFigures('Peak RSS, download + extract 400 MB artifact', step, '  … of which until the download ended', 'Downloaded '),
      notes,
      raw: { peakKb: step.peakKb, source: step.source, peakAtMarkerKb: step.peakAtMarkerKb, zipBytes, extractedBytes, wallMs: round(step.wallMs) },
    };
  } finally {
    await resources.remove(ws.root);
  }
}

