/**
 * Renders a RunReport as JUnit XML, the format CI test reporters understand.
 * Every server-supplied string goes through escapeXml / escapeXmlAttribute,
 * so the file is well-formed whatever the server sent.
 */
import type { CaseFailure, CaseResult, RunReport } from '../core/model.js';
import { escapeXml, escapeXmlAttribute, truncateText } from './escape.js';

/** Caps keep a hostile server from producing a file of unbounded size. */
const NAME_CAP = 1_000;
const TEXT_CAP = 10_000;

type Outcome = 'passed' | 'failure' | 'skipped' | 'error';

/** Roughly how much XML {@link junitChunks} gathers before handing it on. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Renders the report: one `<testsuite>` with a `<testcase>` per case.
 * Failed cases get `<failure>`, unavailable and unknown ones `<skipped>`.
 * When the verdict is failed but no case failed (a timed-out, cancelled or
 * otherwise failed run), a synthetic `run` test case carries an `<error>`,
 * so the JUnit file never looks green for a red step.
 */
export function renderJUnit(report: RunReport): string {
  return [...junitChunks(report)].join('');
}

/**
 * {@link renderJUnit}'s text in pieces of about `chunkChars`, rendered one
 * case at a time, so writing junit.xml for 20,000 cases never holds the
 * whole document (or every case's XML) in memory at once.
 */
export function* junitChunks(report: RunReport, chunkChars = CHUNK_CHARS): Generator<string> {
  const classname = report.target.trim() === '' ? 'testing-studio' : report.target;
  const outcomes = report.cases.map(outcomeOf);
  const runError = report.verdict === 'failed' && !outcomes.some((o) => o === 'failure' || o === 'error');
  if (runError) outcomes.push('error');
  const count = (o: Outcome): number => outcomes.filter((x) => x === o).length;
  const totals = attrs({
    tests: String(outcomes.length),
    failures: String(count('failure')),
    errors: String(count('error')),
    skipped: String(count('skipped')),
    time: seconds(suiteSeconds(report)),
  });
  const suiteName = `${report.platform}: ${report.target}${filterSuffix(report.filters)}`;
  let pending = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: suiteName })}${totals}>`,
    `  <testsuite${attrs({ name: suiteName })}${totals}>`,
    ...properties(report),
    '',
  ].join('\n');
  for (const c of report.cases) {
    pending += `${renderCase(c, classname)}\n`;
    if (pending.length >= chunkChars) {
      yield pending;
      pending = '';
    }
  }
  if (runError) pending += `${runErrorCase(report, classname)}\n`;
  if (report.warnings.length > 0) pending += `    <system-out>${text(report.warnings.join('\n'))}</system-out>\n`;
  yield `${pending}  </testsuite>\n</testsuites>\n`;
}

/** How a case counts in the JUnit totals. */
function outcomeOf(c: CaseResult): Outcome {
  if (c.status === 'failed') return 'failure';
  if (c.status === 'unavailable' || c.status === 'unknown') return 'skipped';
  return 'passed';
}

function renderCase(c: CaseResult, classname: string): string {
  const open = `    <testcase${attrs({ name: c.name, classname, time: c.durationMs === undefined ? undefined : seconds(c.durationMs / 1000) })}>`;
  const body: string[] = [];
  if (c.status === 'failed') {
    const details = c.failures.length > 0 ? c.failures.map(failureLine).join('\n') : c.errors.join('\n');
    body.push(`      <failure${attrs({ message: failureMessage(c), type: 'AssertionError' })}>${text(details)}</failure>`);
  } else if (c.status === 'unavailable') {
    body.push('      <skipped message="unavailable"/>');
  } else if (c.status === 'unknown') {
    body.push(`      <skipped${attrs({ message: `status: ${c.vendorStatus}` })}/>`);
  }
  if (c.warnings.length > 0) body.push(`      <system-out>${text(c.warnings.join('\n'))}</system-out>`);
  if (c.errors.length > 0) body.push(`      <system-err>${text(c.errors.join('\n'))}</system-err>`);
  return body.length === 0 ? `${open.slice(0, -1)}/>` : [open, ...body, '    </testcase>'].join('\n');
}

/** "step 3: intent — expected BookFlight, found Cancel" */
function failureLine(f: CaseFailure): string {
  const where = f.step === undefined ? '' : `step ${f.step}: `;
  return `${where}${f.assertion} — expected ${f.expected}, found ${f.found}`;
}

function failureMessage(c: CaseResult): string {
  const first = c.failures[0];
  if (first) return c.failures.length === 1 ? failureLine(first) : `${c.failures.length} failed assertions`;
  return c.errors[0] ?? `failed (status: ${c.vendorStatus})`;
}

function runErrorCase(report: RunReport, classname: string): string {
  const open = `    <testcase${attrs({ name: 'run', classname, time: seconds(report.durationSeconds) })}>`;
  const error = `      <error${attrs({ message: report.verdictReason, type: report.status })}>${text(report.verdictReason)}</error>`;
  return [open, error, '    </testcase>'].join('\n');
}

/**
 * The run filters that tell two reports of one project apart, for the suite
 * name: steps or matrix jobs over groups of one project write junit.xml files
 * that a reporter would otherwise list under one name. All three, as in the
 * comment marker: each chooses the test cases that run.
 */
function filterSuffix({ group, utterance, description }: RunReport['filters']): string {
  const parts = [group ? `group ${group}` : '', utterance ? `utterance ${utterance}` : '', description ? `description ${description}` : ''].filter(
    (p) => p !== '',
  );
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function properties(report: RunReport): string[] {
  const props: [string, string | undefined][] = [
    ['run-id', report.runId],
    ['status', report.status],
    ['verdict', report.verdict],
    ['verdict-reason', report.verdictReason],
    ['project', report.target],
    ['project-id', report.targetId],
    ['suites', report.suites.length > 0 ? report.suites.join(', ') : undefined],
    ['filter-group', report.filters.group],
    ['filter-utterance', report.filters.utterance],
    ['filter-description', report.filters.description],
    ['job-url', report.jobUrl],
  ];
  const lines = props
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([name, value]) => `      <property${attrs({ name, value })}/>`);
  return ['    <properties>', ...lines, '    </properties>'];
}

/** Total run time: the platform's duration, else the sum of the case durations it can write, else unknown. */
function suiteSeconds(report: RunReport): number | undefined {
  if (report.durationSeconds !== undefined) return report.durationSeconds;
  // A case whose time is omitted (NaN, negative) must not turn the sum into NaN or shrink it.
  const known = report.cases.flatMap((c) => (c.durationMs !== undefined && c.durationMs >= 0 ? [c.durationMs] : []));
  if (known.length === 0) return undefined;
  return known.reduce((sum, ms) => sum + ms, 0) / 1000;
}

/**
 * Largest time written, in seconds (about 31.7 years). Larger values are the
 * server's nonsense (`executionTime: 1e30`), clamped rather than dropped so the
 * case keeps a time. Past 1e21 toFixed switches to exponent notation
 * (`1e+27`), which JUnit readers that expect a decimal reject; at 1e9 even the
 * three decimals are exact, far below 2^53.
 */
const MAX_SECONDS = 1_000_000_000;

/**
 * Seconds with three decimals, always plain digits; undefined (omitting the
 * attribute) for unknown, NaN or negative values. Positive infinity, which a
 * sum of huge durations can reach, is clamped like any value over the maximum.
 */
function seconds(value: number | undefined): string | undefined {
  if (value === undefined || Number.isNaN(value) || value < 0) return undefined;
  return Math.min(value, MAX_SECONDS).toFixed(3);
}

/** ` a="…" b="…"` for the defined values, escaped and capped. */
function attrs(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXmlAttribute(truncateText(v, NAME_CAP))}"`)
    .join('');
}

function text(value: string): string {
  return escapeXml(truncateText(value, TEXT_CAP));
}
