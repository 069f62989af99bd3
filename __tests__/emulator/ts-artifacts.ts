/**
 * The artifact zip a run serves: a small results archive, the same with a
 * hostile payload or extra entries, a corrupt file, or a large/bomb archive
 * streamed from a generator so it is never held in memory.
 */
import { makeHostileZip, makeZipBuffer, randomBytesStream, streamZip, zerosStream, type ZipEntrySpec } from './make-zip.js';
import type { EmulatedRun } from './ts-run.js';
import type { RouteResult } from './ts-server.js';

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function resultEntries(run: EmulatedRun): ZipEntrySpec[] {
  const cases = run.scenario.cases ?? [];
  const csv = ['testCaseName,status,executionTime', ...cases.map((c) => [csvCell(c.name), c.status, String(c.executionTime ?? 889)].join(','))].join('\n');
  const summary = { runId: run.id, status: run.status, stats: run.statsJson(), suites: run.scenario.suites ?? ['test_suite_1'] };
  const log = (run.logsJson() as { content?: { text: string }[] }[]).flatMap((s) => (s.content ?? []).map((l) => l.text)).join('\n');
  return [
    { name: 'results/', directory: true },
    { name: 'results/test_results.csv', content: `${csv}\n` },
    { name: 'results/summary.json', content: JSON.stringify(summary, null, 2) },
    { name: 'logs/run.log', content: `${log}\n` },
  ];
}

function zipHeaders(run: EmulatedRun): Record<string, string> {
  return { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${run.id}_artifacts.zip"` };
}

/** Answers Get Run Artifact for a run whose artifact exists. */
export async function artifactResult(run: EmulatedRun): Promise<RouteResult> {
  const spec = run.scenario.artifact ?? 'normal';
  const headers = zipHeaders(run);
  if (typeof spec === 'object' && 'extraEntries' in spec) {
    return { status: 200, headers, buffer: await makeZipBuffer([...resultEntries(run), ...spec.extraEntries]) };
  }
  if (typeof spec === 'object') {
    const source = 'sizeBytes' in spec ? randomBytesStream(spec.sizeBytes) : zerosStream(spec.bombBytes);
    const size = 'sizeBytes' in spec ? spec.sizeBytes : undefined;
    const streamed = streamZip('sizeBytes' in spec ? 'results/large.bin' : 'results/bomb.bin', source, { size, compress: 'bombBytes' in spec });
    const length = await streamed.totalSize;
    return { status: 200, headers, stream: streamed.stream, streamLength: length };
  }
  const normal = resultEntries(run);
  switch (spec) {
    case 'zip-slip':
      return { status: 200, headers, buffer: await makeZipBuffer([...normal, { name: '../../escaped-zip-slip.txt', content: 'pwned\n' }]) };
    case 'absolute-path':
      return { status: 200, headers, buffer: await makeZipBuffer([...normal, { name: '/tmp/testing-studio-escaped-absolute.txt', content: 'pwned\n' }]) };
    case 'symlink':
      return { status: 200, headers, buffer: await makeHostileZip('symlink') };
    case 'corrupt':
      return { status: 200, headers, buffer: await makeHostileZip('corrupt') };
    default:
      return { status: 200, headers, buffer: await makeZipBuffer(normal) };
  }
}
