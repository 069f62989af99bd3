import type { CaseResult, LogSection, RunSnapshot } from '../../core/model.js';
import type { TsLogEntry, TsLogSection, TsRun, TsTestCase } from './schema.js';
import { mapCaseStatus, mapRunStatus } from './status-map.js';

/**
 * Timestamps come without a zone ("2023-04-11T15:22:50.193226"); they are
 * UTC. Microseconds are cut to milliseconds. Invalid text gives undefined.
 */
export function parseTimestamp(text: string | null | undefined): Date | undefined {
  if (!text) return undefined;
  const trimmed = text.trim().replace(' ', 'T');
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(trimmed);
  const normalised = trimmed.replace(/(\.\d{3})\d+/, '$1');
  const date = new Date(hasZone ? normalised : `${normalised}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Run → RunSnapshot. */
export function toSnapshot(run: TsRun): RunSnapshot {
  const meta = run.executionMeta;
  return {
    id: run.runId,
    state: mapRunStatus(run.status),
    vendorStatus: run.status.trim().toUpperCase(),
    createdAt: parseTimestamp(run.createdAt ?? run.createAt),
    finishedAt: parseTimestamp(run.finishedAt),
    durationSeconds: parseDuration(run.duration),
    progress: meta ? { current: meta.current, total: meta.total } : undefined,
  };
}

/**
 * The run's `duration` ("Models › Run": `"0:00:03"`, Python's timedelta as
 * text, with `N day(s), ` in front past a day) in seconds; undefined for
 * anything else.
 */
export function parseDuration(text: string | null | undefined): number | undefined {
  const match = /^\s*(?:(\d+) days?, )?(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)\s*$/.exec(text ?? '');
  if (!match) return undefined;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  return Number(days) * 86_400 + Number(hours) * 3_600 + Number(minutes) * 60 + Number(seconds);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function warningText(item: string | { text?: unknown }): string {
  return typeof item === 'string' ? item : text(item.text);
}

/** Run Test Case Stats → CaseResult. */
export function toCaseResult(item: TsTestCase, index: number): CaseResult {
  const links: Record<string, string> = {};
  if (item.dialogId) links['Dialog'] = item.dialogId;
  if (item.goldenDialogId) links['Golden dialog'] = item.goldenDialogId;
  return {
    id: item.testCaseId ?? `case-${index + 1}`,
    name: item.testCaseName,
    description: item.testCaseDescription ?? undefined,
    status: mapCaseStatus(item.status),
    vendorStatus: item.status ?? 'None',
    durationMs: item.executionTime ?? undefined,
    tries: item.numberOfTries ?? undefined,
    links,
    failures: (item.assertionErrors ?? []).map((error) => ({
      step: error.step ?? undefined,
      assertion: text(error.assertion),
      expected: text(error.expected),
      found: text(error.found),
    })),
    errors: (item.generalErrors ?? []).map(warningText).filter(Boolean),
    warnings: (item.warnings ?? []).map(warningText).filter(Boolean),
  };
}

/**
 * The lines of one Run Log Content entry. An entry without a `text` is
 * dropped, unless it is a section nested in the content (as in the
 * reference's Get Run Logs example): its lines are kept where it stands.
 */
function entryLines(entry: TsLogEntry): string[] {
  if (typeof entry !== 'string' && (entry.text === undefined || entry.text === null)) return (entry.content ?? []).flatMap(textLines);
  return textLines(entry);
}

/** The lines of a `{ text }` entry; none without a text. */
function textLines(entry: string | { text?: unknown }): string[] {
  if (typeof entry !== 'string' && (entry.text === undefined || entry.text === null)) return [];
  // A bare CR ends a line too, as the runner reads its output (progress bars overwrite a line with one): split here,
  // before the host redacts the lines, so nothing changes a line once redacted (a CR inside a secret could otherwise
  // keep it from matching and then be removed).
  return warningText(entry).replace(/(\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/);
}

/**
 * Run Log sections → LogSection. Empty `{}` elements and content entries
 * with neither a `text` nor a `content` (both in the reference's example)
 * are dropped; a `text` holding several lines is split.
 *
 * A section also counts as completed once a later section has lines. The
 * reference ("Models › Run Log") calls `completed` the "run's completed
 * status", so every section may say false until the run ends, and a log
 * shown only when its section completes would appear all at the end. The
 * sections are the run's steps in order (Clone Repository, Load
 * Configuration, … Aggregate Results): one is over when the next has begun.
 */
export function toLogSections(sections: readonly TsLogSection[]): LogSection[] {
  const result: LogSection[] = [];
  const seen = new Map<string, number>();
  for (const section of sections) {
    if (!section.sectionName && !section.id && !section.content?.length) continue;
    const name = section.sectionName ?? 'Log';
    // Sections without an id are keyed by name and position among same-named ones.
    const base = section.id ?? `name:${name}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    const lines = (section.content ?? []).flatMap(entryLines);
    result.push({ id: occurrence ? `${base}#${occurrence}` : base, name, lines, completed: section.completed ?? false });
  }
  let laterHasLines = false;
  for (const section of result.toReversed()) {
    section.completed ||= laterHasLines;
    laterHasLines ||= section.lines.length > 0;
  }
  return result;
}
