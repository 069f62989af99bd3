/**
 * Renders a RunReport as GitHub-flavoured markdown: the job summary and the
 * sticky PR comment share this body. Server-supplied text goes through
 * escapeMarkdown; the result never exceeds the caller's size limit.
 */
import { createHash } from 'node:crypto';
import { listFirst } from '../core/list-text.js';
import { StopStatus, type CaseCounts, type CaseResult, type CaseStatus, type RunReport } from '../core/model.js';
import { escapeMarkdown, markdownCode, truncateText, wellFormed } from './escape.js';
import { TextBudget, type SizeUnit } from './truncate.js';

/** GitHub's limit for a comment body, in characters. */
export const COMMENT_MAX_CHARS = 65_536;
/** Our limit for the job summary, in UTF-8 bytes: GitHub allows 1 MiB per step; the rest is headroom. */
export const SUMMARY_MAX_BYTES = 1_000_000;

/** Options for renderMarkdown. */
export interface MarkdownOptions {
  /** Hard limit for the returned text, counted in `unit`. */
  maxChars: number;
  /** `chars` (UTF-16 code units, the default; comments) or `bytes` (UTF-8; job summary). */
  unit?: SizeUnit;
  /** Replaces the default title label `<platform> — <target>`. */
  heading?: string;
  /** Trusted line placed first, e.g. commentMarker(); not escaped. */
  marker?: string;
}

/** Per-value caps (before escaping) so one hostile value cannot crowd out the rest. */
const CAP = { label: 100, name: 300, text: 500, long: 1000 } as const;
/** Per-case and per-list caps; the rest is summarised as "…and N more". */
const MAX = { failureRows: 25, errors: 10, suites: 20, links: 5 } as const;

const STATUS_ICON: Record<CaseStatus, string> = { passed: '✅', failed: '❌', unavailable: '⚠️', unknown: '❔' };

/**
 * Hidden HTML comment that identifies our sticky comment for a target, and
 * for a scope within it: the run filters, so matrix jobs that run different
 * groups of one project keep one comment each instead of overwriting each
 * other's. Without a scope the marker is what earlier versions wrote, so
 * their comments are still found. The id is reduced to `[A-Za-z0-9-]` (no
 * `--`, no edge hyphens) and scope values are percent-encoded, `-` included,
 * so nothing can end the comment or break CommonMark's comment syntax.
 */
export function commentMarker(targetId: string, scope: Readonly<Record<string, string | undefined>> = {}): string {
  const id = targetId.replace(/[^A-Za-z0-9-]/g, '').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 100);
  const parts = Object.entries(scope)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `;${key.replace(/[^a-z]/g, '')}=${encodeURIComponent(scopeValue(value)).replace(/-/g, '%2D')}`);
  return `<!-- testing-studio-action:project=${id || 'unknown'}${parts.join('')} -->`;
}

/** Longest scope value a marker spells out whole. */
const MARKER_VALUE_CHARS = 100;

/**
 * A filter value as the marker holds it: whole when short (as earlier
 * versions wrote it, so their comments are still found); a longer one by its
 * first characters and a hash of all of it, so two long values that share a
 * start keep two comments. Cut by code point and made well-formed, as
 * encodeURIComponent throws on half an emoji.
 */
function scopeValue(value: string): string {
  const whole = wellFormed(value);
  if (whole.length <= MARKER_VALUE_CHARS) return whole;
  const digest = createHash('sha256').update(whole).digest('hex').slice(0, 16);
  return `${Array.from(whole).slice(0, 60).join('')}~${digest}`;
}

/** Longest duration {@link formatDuration} spells out: a million hours. */
const MAX_SHOWN_SECONDS = 3_600_000_000;

/** Human duration: `40ms`, `4.2s`, `45s`, `1m 05s`, `2h 03m 09s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'unknown';
  // A server's duration is untrusted: no run takes a century, and far past that hours print in exponent notation.
  if (seconds >= MAX_SHOWN_SECONDS) return `over ${MAX_SHOWN_SECONDS / 3600}h`;
  if (seconds < 0.1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 10 && Math.round(seconds * 10) < 100) return `${Math.round(seconds * 10) / 10}s`;
  const total = Math.round(seconds);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (total < 60) return `${s}s`;
  return h === 0 ? `${m}m ${pad(s)}s` : `${h}h ${pad(m)}m ${pad(s)}s`;
}

/** The line shown when failing cases were left out; exported so tests can match it. */
export function moreFailingCasesLine(count: number): string {
  return `\n_…and ${count} more failing ${count === 1 ? 'case' : 'cases'} (see the job summary / JUnit report)_\n`;
}

/**
 * The line shown when warnings were left out, `shown` being how many are
 * listed above it; exported so tests can match it. Run warnings are also
 * annotations in the job log.
 */
export function moreWarningsLine(count: number, shown: number): string {
  const noun = count === 1 ? 'warning' : 'warnings';
  if (shown === 0) return `- ⚠️ ${count} ${noun} not shown, too long for this report (see the job summary / job log)\n`;
  return `- ⚠️ …and ${count} more ${noun} (see the job summary / job log)\n`;
}

/**
 * Share of the limit kept for warnings while the failing cases are added:
 * warnings mostly say that reporting itself failed (no JUnit file, no
 * artifact), which a reader must learn even from a comment full of failures.
 */
const WARNINGS_SHARE = 1 / 8;

/**
 * Renders the report. Sections are added in priority order (title, key
 * facts, failing cases, warnings, all cases) and only whole pieces are
 * added, so the output is always ≤ `maxChars` and never ends mid-row or mid-tag.
 * No section vanishes without a trace: room stays reserved for the failing
 * cases' header and "…and N more" line, for the warnings (as many as fit in
 * an eighth of the limit, and at least a header and a line counting them) and
 * for the all-cases table's header and "…and N more" row.
 */
/** The failing-cases section's title: it lists unavailable cases (and those without a result) after the failed ones. */
function failingTitle(cases: readonly CaseResult[]): string {
  const failed = cases.filter((c) => c.status === 'failed').length;
  if (failed === cases.length) return 'Failing cases';
  return failed === 0 ? 'Unavailable cases' : 'Failing and unavailable cases';
}

export function renderMarkdown(report: RunReport, options: MarkdownOptions): string {
  const budget = new TextBudget(Math.max(0, Math.floor(options.maxChars)), options.unit ?? 'chars');
  const failing = [
    ...report.cases.filter((c) => c.status === 'failed'),
    ...report.cases.filter((c) => c.status === 'unavailable' || c.status === 'unknown'),
  ];
  const warnings: ListSection<string> = {
    header: '\n#### Warnings\n\n',
    items: collectWarnings(report),
    render: (w) => `- ⚠️ ${escapeMarkdown(truncateText(w, CAP.long))}\n`,
    more: moreWarningsLine,
    footer: '',
  };
  const allCases: ListSection<CaseResult> = {
    header: `\n<details><summary>All ${report.cases.length} cases</summary>\n\n| | Case | Status | Duration |\n| --- | --- | --- | --- |\n`,
    items: report.cases.some((c) => c.status === 'passed') ? report.cases : [],
    render: allCasesRow,
    more: (n, shown) => (shown === 0 ? `| | ${n} cases not shown (see the job summary / JUnit report) | | |\n` : `| | …and ${n} more cases | | |\n`),
    footer: '\n</details>\n',
  };
  // Room each later section is sure to get; the all-cases rows are not rendered for this (there may be 20,000).
  const afterWarnings = listMinimum(budget, allCases);
  const afterFailing = listReserve(budget, warnings, Math.floor(budget.limit * WARNINGS_SHARE)) + afterWarnings;
  const failingHeader = `\n#### ${failingTitle(failing)} (${failing.length})\n`;
  // Room for the "…and N more" line stays reserved until every failing case is in.
  const more = failing.length > 0 ? budget.measure(moreFailingCasesLine(failing.length)) : 0;
  const reserve = (failing.length > 0 ? budget.measure(failingHeader) : 0) + more + afterFailing;

  if (options.marker !== undefined) budget.tryAdd(`${options.marker}\n`, reserve);
  const counts = report.counts ?? countCases(report.cases);
  const label = options.heading ?? `${truncateText(report.platform, CAP.label)} — ${truncateText(report.target, CAP.label)}`;
  if (!budget.tryAdd(titleLine(report, counts, label), reserve)) budget.tryAdd(titleLine(report, counts, ''), reserve);
  addPieces(budget, keyTableRows(report, counts), reserve);

  if (failing.length > 0) {
    budget.tryAdd(failingHeader, more + afterFailing);
    let shown = 0;
    for (const c of failing) {
      const keep = (shown === failing.length - 1 ? 0 : more) + afterFailing;
      // A block too big for what is left may still fit without its tables.
      if (!budget.tryAdd(caseBlock(c, false), keep) && !budget.tryAdd(caseBlock(c, true), keep)) break;
      shown += 1;
    }
    if (shown < failing.length) budget.tryAdd(moreFailingCasesLine(failing.length - shown), afterFailing);
  }

  addList(budget, warnings, afterWarnings);
  addList(budget, allCases, 0);
  return budget.toString();
}

function titleLine(report: RunReport, counts: CaseCounts | undefined, label: string): string {
  const status = report.status.toUpperCase();
  let icon = report.verdict === 'passed' ? '✅' : '❌';
  let outcome: string;
  if (status === StopStatus.TimedOut) [icon, outcome] = ['⏱️', counts && counts.total > 0 ? `timed out; so far ${countsText(counts)}` : 'timed out'];
  else if (status === StopStatus.Cancelled || status === 'REVOKED') [icon, outcome] = ['🚫', 'cancelled'];
  else if (status === StopStatus.Unknown) [icon, outcome] = ['⚠️', report.runId ? 'stopped following the run' : 'could not tell whether a run started'];
  else if (status === StopStatus.NotStarted) outcome = 'no run was started';
  else if (!counts || counts.total === 0) outcome = `${report.verdict}, no test cases`;
  else if (counts.failed > 0 || counts.unavailable > 0) outcome = countsText(counts);
  else outcome = report.verdict === 'passed' ? `${counts.passed} passed` : `failed, ${counts.passed} of ${counts.total} passed`;
  // The title writes `name: outcome`.
  const name = escapeMarkdown(label === '' ? truncateText(report.platform, 40) : truncateText(label, 2 * CAP.label + 3), { colonFollows: true });
  return `### ${icon} ${name}: ${outcome}\n`;
}

/** `2 failed, 1 unavailable of 40`, or `40 passed` when none failed. */
function countsText(counts: CaseCounts): string {
  const listed = [];
  if (counts.failed > 0) listed.push(`${counts.failed} failed`);
  if (counts.unavailable > 0) listed.push(`${counts.unavailable} unavailable`);
  return listed.length > 0 ? `${listed.join(', ')} of ${counts.total}` : `${counts.passed} passed`;
}

/** Counts derived from the cases when the platform reported none. */
function countCases(cases: CaseResult[]): CaseCounts | undefined {
  if (cases.length === 0) return undefined;
  const count = (s: CaseStatus): number => cases.filter((c) => c.status === s).length;
  return { passed: count('passed'), failed: count('failed'), unavailable: count('unavailable'), total: cases.length };
}

/** The key/value table as pieces: header plus first row first, so no header is ever left alone. */
function keyTableRows(report: RunReport, counts: CaseCounts | undefined): string[] {
  const icon = report.verdict === 'passed' ? '✅' : '❌';
  const rows: [string, string | undefined][] = [
    ['Status', markdownCode(truncateText(report.status, CAP.label))],
    ['Result', `${icon} ${report.verdict} — ${escapeMarkdown(truncateText(report.verdictReason, CAP.text))}`],
    ['Cases', counts && `${counts.passed} passed · ${counts.failed} failed · ${counts.unavailable} unavailable · ${counts.total} total`],
    ['Duration', report.durationSeconds === undefined ? undefined : formatDuration(report.durationSeconds)],
    ['Run id', report.runId === undefined ? undefined : markdownCode(truncateText(report.runId, CAP.label))],
    ['Project', `${escapeMarkdown(truncateText(report.target, CAP.name))} (${markdownCode(truncateText(report.targetId, CAP.label))})`],
    ['Filters', filtersText(report)],
    ['Suites', report.suites.length === 0 ? undefined : suitesText(report.suites)],
    ['Job', jobLink(report.jobUrl)],
  ];
  const lines = rows.filter((r): r is [string, string] => r[1] !== undefined).map(([k, v]) => `| ${k} | ${v} |\n`);
  if (lines.length === 0) return [];
  return [`\n| | |\n| --- | --- |\n${lines[0]}`, ...lines.slice(1)];
}

function filtersText(report: RunReport): string | undefined {
  const set = (['group', 'utterance', 'description'] as const).filter((k) => report.filters[k]);
  if (set.length === 0) return undefined;
  return set.map((k) => `${k}: ${markdownCode(truncateText(report.filters[k] ?? '', CAP.name))}`).join(', ');
}

function suitesText(suites: string[]): string {
  return listFirst(suites, MAX.suites, (s) => escapeMarkdown(truncateText(s, CAP.label)));
}

/** Only http(s) links; characters that could end the link or a table cell are percent-encoded. */
function jobLink(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const href = url.href.replace(/[()|<>"'`\\\s[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[Open job](${href})`;
}

/** One failing case: a header line, a table of its failed assertions and its general errors. */
function caseBlock(c: CaseResult, compact: boolean): string {
  // Trimmed again once escaped: a trailing control character (NEL) becomes a space there, and bold text that ends
  // in a space is not bold in CommonMark, so the `**` would show.
  const name = escapeMarkdown(truncateText(c.name.trim(), CAP.name)).trim() || '(unnamed case)';
  const shownDescription = c.description === undefined ? '' : escapeMarkdown(truncateText(c.description.trim(), CAP.name)).trim();
  const description = shownDescription ? ` — ${shownDescription}` : '';
  const meta = [`status ${markdownCode(truncateText(c.vendorStatus, CAP.label))}`];
  if (c.durationMs !== undefined) meta.push(formatDuration(c.durationMs / 1000));
  if (c.tries !== undefined && c.tries > 1) meta.push(`${c.tries} tries`);
  for (const [k, v] of Object.entries(c.links ?? {}).slice(0, MAX.links)) {
    meta.push(`${escapeMarkdown(truncateText(k, CAP.label), { colonFollows: true })}: ${markdownCode(truncateText(v, CAP.label))}`);
  }
  let block = `\n**${STATUS_ICON[c.status]} ${name}**${description}<br>\n${meta.join(' · ')}\n`;
  if (compact) {
    const hidden = c.failures.length + c.errors.length;
    return hidden > 0 ? `${block}\n_${hidden} details not shown (too long for this report)_\n` : block;
  }
  if (c.failures.length > 0) {
    block += '\n| Step | Assertion | Expected | Found |\n| ---: | --- | --- | --- |\n';
    for (const f of c.failures.slice(0, MAX.failureRows)) {
      const cell = (text: string, cap: number): string => escapeMarkdown(truncateText(text, cap));
      block += `| ${f.step ?? '–'} | ${cell(f.assertion, CAP.name)} | ${cell(f.expected, CAP.text)} | ${cell(f.found, CAP.text)} |\n`;
    }
    const more = c.failures.length - MAX.failureRows;
    if (more > 0) block += `| | …and ${more} more failed assertions | | |\n`;
  }
  if (c.errors.length > 0) {
    block += `\n${c.errors.slice(0, MAX.errors).map((e) => `- Error: ${escapeMarkdown(truncateText(e, CAP.long))}\n`).join('')}`;
    const more = c.errors.length - MAX.errors;
    if (more > 0) block += `- …and ${more} more errors\n`;
  }
  return block;
}

function allCasesRow(c: CaseResult): string {
  const name = escapeMarkdown(truncateText(c.name.trim(), CAP.name)) || '(unnamed case)';
  const duration = c.durationMs === undefined ? '' : formatDuration(c.durationMs / 1000);
  return `| ${STATUS_ICON[c.status]} | ${name} | ${markdownCode(truncateText(c.vendorStatus, CAP.label))} | ${duration} |\n`;
}

/** Run warnings first, then case warnings, each text once. */
function collectWarnings(report: RunReport): string[] {
  return [...new Set([...report.warnings, ...report.cases.flatMap((c) => c.warnings)])];
}

/** Adds each piece that fits, in order; a piece that does not fit is skipped. */
function addPieces(budget: TextBudget, pieces: string[], reserve: number): void {
  for (const piece of pieces) budget.tryAdd(piece, reserve);
}

/** A list rendered as `header + items + "…and N more" + footer`. */
interface ListSection<T> {
  header: string;
  items: readonly T[];
  render: (item: T) => string;
  /** The line for `count` items left out after `shown` listed ones; `shown` 0 means none made it. */
  more: (count: number, shown: number) => string;
  footer: string;
}

/** The most a "more" line can take after at least one item: its count never exceeds the items'. */
function moreSize<T>(budget: TextBudget, list: ListSection<T>): number {
  return budget.measure(list.more(list.items.length, 1));
}

/** Size of the smallest form addList falls back to: header, a line counting every item, footer. */
function listMinimum<T>(budget: TextBudget, list: ListSection<T>): number {
  if (list.items.length === 0) return 0;
  return budget.measure(`${list.header}${list.more(list.items.length, 0)}${list.footer}`);
}

/**
 * Room that guarantees addList shows as many leading items as fit in `cap`
 * (with the "more" line they then need), or else its smallest form.
 * Renders only the items that fit in `cap`.
 */
function listReserve<T>(budget: TextBudget, list: ListSection<T>, cap: number): number {
  const { items } = list;
  let best = listMinimum(budget, list);
  let size = budget.measure(list.header) + budget.measure(list.footer);
  for (let shown = 1; shown <= items.length; shown += 1) {
    size += budget.measure(list.render(items[shown - 1] as T));
    const total = size + (shown < items.length ? moreSize(budget, list) : 0);
    if (total > cap) break;
    best = Math.max(best, total);
  }
  return best;
}

/**
 * Adds `header + items + footer` as far as it fits, keeping `reserve` free
 * for what follows. Items stop when the next one would leave no room for the
 * "…and N more" line and the footer; when not even the first item fits, the
 * header comes with a line counting them all, so a list never vanishes while
 * that much room is left. Items are rendered only as they are tried, so a
 * list of 20,000 cases costs the rows that fit, not 20,000.
 */
function addList<T>(budget: TextBudget, list: ListSection<T>, reserve: number): void {
  const { items } = list;
  if (items.length === 0) return;
  const tail = budget.measure(list.footer) + reserve;
  const more = moreSize(budget, list);
  let shown = 0;
  if (budget.tryAdd(`${list.header}${list.render(items[0] as T)}`, tail + (items.length === 1 ? 0 : more))) {
    shown = 1;
    while (shown < items.length) {
      const last = shown === items.length - 1;
      if (!budget.tryAdd(list.render(items[shown] as T), tail + (last ? 0 : more))) break;
      shown += 1;
    }
  } else if (!budget.tryAdd(list.header, budget.measure(list.more(items.length, 0)) + tail)) {
    return;
  }
  if (shown < items.length) budget.tryAdd(list.more(items.length - shown, shown), tail);
  budget.tryAdd(list.footer, reserve);
}
