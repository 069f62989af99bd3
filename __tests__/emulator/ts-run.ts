/**
 * One emulated run. Its status is computed from the clock on every read
 * (PENDING → STARTED → final), so the emulator needs no timers; cases and
 * log lines are revealed in proportion to the time elapsed.
 */
import { randomUUID } from 'node:crypto';
import { defaultLogSections, renderLogs, totalLines, type IdentifiedSection } from './ts-logs.js';
import type { RunFiltersSeen, RunScenario, VendorRunStatus } from './ts-types.js';

/** `2023-04-11T15:22:50.193226`: ISO, UTC, no zone, microseconds. */
export function formatTimestamp(ms: number): string {
  // the clock has millisecond resolution; derive stable fake microseconds from it
  const micros = String(Math.abs(Math.round(ms) * 7919) % 1000).padStart(3, '0');
  return `${new Date(ms).toISOString().slice(0, 23)}${micros}`;
}

/** `0:00:03`: H:MM:SS, like the doc's `duration`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** How much of the work is visible while the run is still going (never all of it). */
const RUNNING_CAP = 0.95;

/** A created run and everything it will report. */
export class EmulatedRun {
  readonly id = randomUUID();
  readonly artifactId = randomUUID();
  readonly statsId = randomUUID();
  /** When the client revoked it (epoch ms), if it did. */
  revokedAt: number | undefined;
  private readonly caseIds: string[];
  private readonly sections: IdentifiedSection[];

  constructor(
    readonly projectId: string,
    readonly filters: RunFiltersSeen,
    readonly scenario: RunScenario,
    readonly createdAt: number,
    private readonly now: () => number,
    userId: string,
  ) {
    this.caseIds = (scenario.cases ?? []).map(() => randomUUID());
    const workspace = `/workspace/${userId}_${projectId}_${this.id}`;
    const specs = scenario.logSections ?? defaultLogSections(scenario, workspace);
    this.sections = specs.map((s) => ({ ...s, id: randomUUID() }));
  }

  /** Whether the client revoked the run before it ended. */
  get revoked(): boolean {
    return this.revokedAt !== undefined;
  }

  /** The vendor status right now. */
  get status(): VendorRunStatus {
    if (this.revokedAt !== undefined) return 'REVOKED';
    const elapsed = this.now() - this.createdAt;
    const duration = this.scenario.durationMs;
    if (elapsed < Math.min(500, duration / 4)) return 'PENDING';
    if (this.inRetry(elapsed)) return 'RETRY';
    if (this.scenario.neverFinishes || elapsed < duration) return 'STARTED';
    return this.scenario.finalStatus;
  }

  /** Whether `elapsed` (ms since creation) falls in the scenario's RETRY stretch, before the run's end. */
  private inRetry(elapsed: number): boolean {
    const retry = this.scenario.retry;
    const running = this.scenario.neverFinishes || elapsed < this.scenario.durationMs;
    return retry !== undefined && running && elapsed >= retry.fromMs && elapsed < retry.untilMs;
  }

  /** When the run became terminal (epoch ms), or undefined while it runs. */
  get endedAt(): number | undefined {
    if (this.revokedAt !== undefined) return this.revokedAt;
    if (this.scenario.neverFinishes) return undefined;
    const end = this.createdAt + this.scenario.durationMs;
    return this.now() >= end ? end : undefined;
  }

  /** Whether the status will not change any more. */
  get isTerminal(): boolean {
    return this.endedAt !== undefined;
  }

  /** Revokes a running run; returns false when it had already ended. */
  revoke(): boolean {
    if (this.isTerminal) return false;
    this.revokedAt = this.now();
    return true;
  }

  /** Fraction (0..1) of cases and log lines that are visible. */
  private fraction(): number {
    const duration = Math.max(1, this.scenario.durationMs);
    if (this.revokedAt !== undefined) return Math.min(RUNNING_CAP, (this.revokedAt - this.createdAt) / duration);
    const status = this.status;
    if (status === 'PENDING') return 0;
    if (status !== 'STARTED' && status !== 'RETRY') return 1;
    // A retried task shows what it had done when the retry began.
    const elapsed = this.now() - this.createdAt;
    const shown = status === 'RETRY' && this.scenario.retry ? this.scenario.retry.fromMs : elapsed;
    return Math.min(RUNNING_CAP, shown / duration);
  }

  private visibleCaseCount(): number {
    return Math.floor(this.fraction() * (this.scenario.cases?.length ?? 0));
  }

  /** The artifact block of the Run model, or null when there is none (yet). */
  private artifactJson(): unknown {
    const ended = this.endedAt;
    if (ended === undefined || this.revoked || this.scenario.artifact === 'none') return null;
    return {
      artifactId: this.artifactId,
      name: `${this.id}_artifacts.zip`,
      createdAt: formatTimestamp(Math.max(this.createdAt, ended - 1)),
      deletedAt: null,
      ttl: 604800,
      isExpired: false,
      runId: this.id,
    };
  }

  /** Whether Get Run Artifact should serve a file now. */
  get hasArtifact(): boolean {
    return this.artifactJson() !== null;
  }

  /** The Run model. */
  toJson(): Record<string, unknown> {
    const status = this.status;
    const ended = this.endedAt;
    const total = this.scenario.cases?.length ?? 0;
    return {
      projectId: this.projectId,
      parallelTestCases: 1,
      group: this.filters.group,
      utterance: this.filters.utterance,
      description: this.filters.description,
      runId: this.id,
      status,
      createdAt: formatTimestamp(this.createdAt),
      finishedAt: ended === undefined ? null : formatTimestamp(ended),
      tasks: [],
      artifact: this.artifactJson(),
      isRevocable: ended === undefined,
      executionMeta: status === 'STARTED' ? { current: this.visibleCaseCount(), total } : null,
      duration: formatDuration((ended ?? this.now()) - this.createdAt),
    };
  }

  /** The `data` array of Get Run Test Cases Stats (with one unknown vendor field). */
  casesJson(): unknown[] {
    const cases = this.scenario.cases ?? [];
    return cases.slice(0, this.visibleCaseCount()).map((c, i) => ({
      numberOfTries: c.numberOfTries ?? 1,
      executionTime: c.executionTime ?? 889.0,
      testCaseName: c.name,
      dialogId: c.dialogId ?? `emulator_SND_app.${this.createdAt}.${this.caseIds[i]?.replace(/-/g, '')}`,
      goldenDialogId: c.goldenDialogId ?? `golden.${this.createdAt}.${i}`,
      testCaseId: this.caseIds[i],
      testCaseDescription: c.description ?? null,
      status: c.status,
      assertionErrors: c.assertionErrors ?? [],
      generalErrors: (c.generalErrors ?? []).map((text) => ({ text })),
      warnings: (c.warnings ?? []).map((text) => ({ text })),
      hadDelays: c.hadDelays ?? false,
      extraVendorField: 1,
    }));
  }

  /** The `data` object of Get Run Stats, counting the visible cases. */
  statsJson(): Record<string, unknown> {
    const visible = (this.scenario.cases ?? []).slice(0, this.visibleCaseCount());
    const count = (statuses: string[]): number => visible.filter((c) => statuses.includes(c.status)).length;
    return { statsId: this.statsId, runId: this.id, pass: count(['success', 'pass']), fail: count(['fail']), unavailable: count(['unavailable']) };
  }

  /** The `data` array of Get Run Test Suites. */
  suitesJson(): unknown[] {
    return (this.scenario.suites ?? ['test_suite_1']).map((testSuiteName) => ({ testSuiteName }));
  }

  /** The `data` array of Get Run Logs, revealed so far. */
  logsJson(): unknown[] {
    const total = totalLines(this.sections);
    const fraction = this.fraction();
    const revealed = fraction >= 1 ? total : Math.floor(fraction * total);
    return renderLogs(this.sections, revealed, this.isTerminal, this.scenario.logCompleted ?? 'run');
  }
}
