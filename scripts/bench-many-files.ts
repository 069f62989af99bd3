/**
 * Bench figures for a suites folder of many small files, the shape a team's
 * golden dialogs take: how long the bundle takes to zip 10,000 of them, and
 * its peak RSS meanwhile. No target in the issue; `zip -r` on the same folder
 * (when installed) is printed beside it as a reference.
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { findExecutable, info, MeasurementError, round, type Bench, type Figure, type Section } from './bench-util.js';
import { mb, runSuitesUpload } from './bench-rss.js';

const FILES = 10_000;
const FOLDERS = 50;
const STEP_TIMEOUT_MS = 120_000;
const GROUP_MARKER = '::group::Uploading suites';
const ZIPPED_MARKER = 'Zipped ';

/** A dialog-like JSON file of a few hundred bytes to a few KB, different in each file (so not one repeated block). */
function dialog(i: number): string {
  const turns = 3 + (i % 17);
  return `${JSON.stringify({ name: `case ${i}`, turns: Array.from({ length: turns }, (_, t) => ({ user: `utterance ${i}.${t}`, bot: `answer ${(i * 31 + t) % 997}` })) })}\n`;
}

/** Writes FILES small files into FOLDERS sub-folders of `suites`. */
async function writeSuites(suites: string): Promise<void> {
  for (let f = 0; f < FOLDERS; f++) await mkdir(path.join(suites, `suite_${f}`, 'dialogs'), { recursive: true });
  for (let i = 0; i < FILES; i++) await writeFile(path.join(suites, `suite_${i % FOLDERS}`, 'dialogs', `case_${i}.json`), dialog(i));
}

/** Seconds `zip -qr` takes on the same folder, or undefined when zip is not installed. */
async function zipReference(suites: string, scratch: string): Promise<number | undefined> {
  const zip = await findExecutable('zip');
  if (!zip) return undefined;
  const out = path.join(scratch, 'reference.zip');
  const started = performance.now();
  await promisify(execFile)(zip, ['-qr', out, '.'], { cwd: suites, timeout: STEP_TIMEOUT_MS });
  const seconds = (performance.now() - started) / 1000;
  await rm(out, { force: true });
  return seconds;
}

/** Time the bundle takes to zip 10,000 small suite files, and its peak RSS doing it and uploading them. */
export async function measureManySmallFiles(bench: Bench): Promise<Section> {
  const { resources } = bench;
  const ws = await resources.workspace();
  try {
    const suites = path.join(ws.workspace, 'suites');
    await writeSuites(suites);
    const markers = [GROUP_MARKER, ZIPPED_MARKER];
    const { step, upload } = await runSuitesUpload(bench, ws, markers, { entries: FILES, timeoutMs: STEP_TIMEOUT_MS, what: 'many-files upload' });
    const start = step.atMarkerMs[GROUP_MARKER];
    const zipped = step.atMarkerMs[ZIPPED_MARKER];
    if (start === undefined || zipped === undefined) throw new MeasurementError('the step did not log both the upload group and the zip');
    const zipSeconds = (zipped - start) / 1000;
    const reference = await zipReference(suites, ws.root);
    const figures: Figure[] = [
      info(`Zip ${FILES.toLocaleString('en')} small suite files`, zipSeconds, 's', `${round(zipSeconds, 2)} s`),
      info('  … peak RSS, zip + upload', step.peakKb / 1024, 'MB', mb(step.peakKb)),
    ];
    if (reference !== undefined) figures.push(info('  … `zip -qr` on the same folder', reference, 's', `${round(reference, 2)} s`));
    return {
      name: 'many small files',
      figures,
      notes: [`Upload: ${FILES} JSON files of ${dialog(0).length}–${dialog(16).length} bytes in ${FOLDERS} folders; one ${(upload.bytes / 1024).toFixed(0)} KiB zip uploaded.`],
      raw: { zipSeconds: round(zipSeconds, 3), referenceSeconds: reference === undefined ? null : round(reference, 3), peakKb: step.peakKb, wallMs: round(step.wallMs) },
    };
  } finally {
    await resources.remove(ws.root);
  }
}
