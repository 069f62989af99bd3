/**
 * Run logs: doc-like default sections generated from a scenario's cases, and
 * progressive reveal (lines appear over the run's duration; a section is
 * completed once the next one has started or the run is over).
 */
import type { CaseSpec, LogSectionSpec, RunScenario } from './ts-types.js';

/** A log section with its stable id. */
export interface IdentifiedSection extends LogSectionSpec {
  id: string;
}

const BILLING = '---- Billing sdk is not enabled ----';
const DONE = 'Task completed successfully';

function caseLine(c: CaseSpec): string {
  return `${c.name} : ${c.status} [ ${(c.executionTime ?? 889).toFixed(3)} ms ]`;
}

/** Sections shaped like the doc's example log, filled from the scenario. */
export function defaultLogSections(scenario: RunScenario, workspace: string): LogSectionSpec[] {
  const cases = scenario.cases ?? [];
  const suites = scenario.suites ?? ['test_suite_1'];
  const count = (statuses: string[]): number => cases.filter((c) => statuses.includes(c.status)).length;
  const runLines = [BILLING, '---- Running test suites ----'];
  suites.forEach((suite, index) => {
    runLines.push(`Starting run of suite with name: ${suite}`, '\n------------------------------------------', suite, '------------------------------------------');
    // spread the cases over the suites in order, so every case is logged once
    const per = Math.ceil(cases.length / suites.length);
    for (const c of cases.slice(index * per, (index + 1) * per)) runLines.push(caseLine(c));
  });
  runLines.push(
    `Test cases run: ${cases.length}, passed: ${count(['success', 'pass'])}, failed: ${count(['fail'])}, unavailable: ${count(['unavailable'])}`,
    DONE,
    BILLING,
    'Sending billing event',
    'Saving test case results',
  );
  return [
    { name: 'Clone Repository', lines: [BILLING, '---- Cloning repository ----', `Cloning into '${workspace}'...\n`, DONE, BILLING] },
    { name: 'Load Configuration', lines: [BILLING, '---- Loading configuration ----', DONE, BILLING] },
    { name: 'Load Test Suites', lines: [BILLING, '---- Loading test suites ----', `Test suites found: ${suites.length}`, DONE, BILLING] },
    { name: 'Run Test Suites', lines: runLines },
    {
      name: 'Aggregate Results',
      lines: [BILLING, '---- Handling artifacts -----', 'Reporting to csv', 'Finished reporting to csv', 'Creating artifacts .zip file', 'Saving artifacts .zip file', DONE, BILLING, 'Performing final steps', 'Performing clean up', `Deleting ${workspace}`],
    },
  ];
}

/** Total number of lines over all sections. */
export function totalLines(sections: readonly LogSectionSpec[]): number {
  return sections.reduce((sum, s) => sum + s.lines.length, 0);
}

/**
 * The `data` array of Get Run Logs with `revealed` lines shown. Sections not
 * started yet are omitted; one empty `{}` element is included like the doc's.
 * `completed` tells of the run, as the reference's "Models › Run Log" describes
 * the field ("run's completed status"), or with `completedMeans: 'section'`
 * of each section (a friendlier server).
 */
export function renderLogs(
  sections: readonly IdentifiedSection[],
  revealed: number,
  finished: boolean,
  completedMeans: 'section' | 'run' = 'run',
): unknown[] {
  const total = totalLines(sections);
  const out: unknown[] = [];
  let start = 0;
  for (const section of sections) {
    const end = start + section.lines.length;
    const shown = Math.min(section.lines.length, Math.max(0, revealed - start));
    const visible = revealed > start || (finished && revealed >= total);
    if (visible) {
      out.push({
        sectionName: section.name,
        id: section.id,
        content: section.lines.slice(0, shown).map((text) => ({ text })),
        offset: shown,
        // a section stays open until the next one has a line, or the run is over
        completed: finished || (completedMeans === 'section' && revealed > end),
      });
    }
    start = end;
  }
  // The doc's example carries empty elements between sections, and inside a section's content entries without a
  // `text` (a whole section object nested there); clients must skip the `{}` and read the nested section's content.
  out.splice(Math.min(1, out.length), 0, {});
  const first = out[0] as { content?: unknown[] } | undefined;
  if (first?.content?.length) first.content.splice(1, 0, {}, { sectionName: 'Nested', id: 'nested-in-content', content: [], completed: true });
  return out;
}
