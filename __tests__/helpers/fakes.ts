import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CiHost, CommentResult, Logger, Outputs } from '../../src/core/ci-host.js';
import type { LogSection, RunFilters, RunResults, RunSnapshot, RunState } from '../../src/core/model.js';
import type { ArtifactDownload, CallContext, PreparedTarget, StartJournal, TestPlatform } from '../../src/core/provider.js';

/** A CI host that records everything it is asked to do. */
export class RecordingHost implements CiHost {
  readonly lines: { level: string; text: string }[] = [];
  readonly sections: { title: string; lines: readonly string[]; depth: number }[] = [];
  private depth = 0;
  readonly summaries: string[] = [];
  readonly comments: { marker: string; body: string }[] = [];
  readonly outputs: Partial<Outputs> = {};
  readonly remembered: (string | undefined)[] = [];
  /** Every rememberRun and rememberStartAttempt call, in order (`run:<id>`, `note:<note>`, with `-` for undefined). */
  readonly memory: string[] = [];
  readonly masked: string[] = [];
  readonly uploads: { name: string; dir: string }[] = [];
  commentError?: Error;
  artifactError?: Error;
  /** What uploadArtifact answers as left out of the artifact. */
  artifactLeftOut: string[] = [];

  readonly log: Logger = {
    info: (text) => this.lines.push({ level: 'info', text }),
    warning: (text) => this.lines.push({ level: 'warning', text }),
    error: (text) => this.lines.push({ level: 'error', text }),
    debug: (text) => this.lines.push({ level: 'debug', text }),
    group: async (title, fn) => {
      this.lines.push({ level: 'group', text: title });
      this.depth++;
      try {
        return await fn();
      } finally {
        this.depth--;
      }
    },
    untrustedSection: (title, lines) => this.sections.push({ title, lines, depth: this.depth }),
  };

  maskSecret(value: string): void {
    this.masked.push(value);
  }
  async writeSummary(markdown: string): Promise<void> {
    this.summaries.push(markdown);
  }
  async upsertComment(marker: string, body: string): Promise<CommentResult> {
    if (this.commentError) throw this.commentError;
    this.comments.push({ marker, body });
    return 'created';
  }
  setOutputs(outputs: Partial<Outputs>): void {
    Object.assign(this.outputs, outputs);
  }
  async uploadArtifact(name: string, dir: string): Promise<string[]> {
    if (this.artifactError) throw this.artifactError;
    this.uploads.push({ name, dir });
    return this.artifactLeftOut;
  }
  rememberRun(runId: string | undefined): void {
    this.remembered.push(runId);
    this.memory.push(`run:${runId ?? '-'}`);
  }
  /** What rememberStartAttempt answers for a note: false plays a note that could not be saved. */
  noteSaves = true;
  rememberStartAttempt(note: string | undefined): boolean {
    this.memory.push(`note:${note ?? '-'}`);
    return note === undefined || this.noteSaves;
  }
  /** What claimResultsPath answers: true plays a results-path an earlier step of the job wrote. */
  resultsPathUsed = false;
  claimResultsPath(): boolean {
    return this.resultsPathUsed;
  }
  warnings(): string[] {
    return this.lines.filter((l) => l.level === 'warning').map((l) => l.text);
  }
}

const VENDOR: Record<RunState, string> = {
  queued: 'PENDING',
  running: 'STARTED',
  passed: 'SUCCESS',
  failed: 'FAILURE',
  cancelled: 'REVOKED',
  errored: 'FAILURE',
};

/** A scripted in-memory platform. `states` are returned by successive getRun calls (the last repeats). */
export class ScriptedPlatform implements TestPlatform {
  readonly name = 'Fake Platform';
  readonly calls: string[] = [];
  states: RunState[] = ['running', 'passed'];
  results: RunResults = {
    counts: { passed: 2, failed: 0, unavailable: 0, total: 2 },
    cases: [],
    suites: ['suite_a'],
  };
  logs: LogSection[] = [];
  prepareError?: Error;
  /** Errors thrown by successive getRun calls before answering (undefined = answer). */
  getRunErrors: (Error | undefined)[] = [];
  /** Called on every getRun, e.g. to abort a signal mid-run. */
  onGetRun?: (count: number) => void;
  /** Called by prepare and startRun before they answer, e.g. to cancel the job right then. */
  onPrepare?: (ctx: CallContext) => Promise<void> | void;
  onStart?: (ctx: CallContext) => Promise<void> | void;
  /** Thrown by startRun (after announcing its note); `startRefused` says nothing was started. */
  startError?: Error;
  startRefused = false;
  /** Thrown by getResults. */
  resultsError?: Error;
  /** Thrown by successive getLogs calls (undefined = answer). */
  getLogsErrors: (Error | undefined)[] = [];
  /** Called by getLogs before it answers, e.g. to play a logs endpoint that hangs. */
  onGetLogs?: (ctx: CallContext) => Promise<void> | void;
  private polls = 0;

  async prepare(options: { uploading: boolean }, ctx: CallContext): Promise<PreparedTarget> {
    this.calls.push(`prepare uploading=${options.uploading}`);
    await this.onPrepare?.(ctx);
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (this.prepareError) throw this.prepareError;
    return { displayName: 'My Project', warnings: [] };
  }
  async uploadSuites(zipPath: string): Promise<void> {
    this.calls.push(`upload ${zipPath}`);
  }
  async startRun(filters: RunFilters, ctx: CallContext, journal?: StartJournal): Promise<RunSnapshot> {
    this.calls.push(`start ${JSON.stringify(filters)}`);
    // onStart plays what happens before the POST (it may throw, as a platform that stops before sending does).
    await this.onStart?.(ctx);
    journal?.sending('start-note');
    if (this.startError) {
      if (this.startRefused) journal?.nothingStarted();
      throw this.startError;
    }
    return this.snapshot('queued');
  }
  async findStartedRun(note: string): Promise<RunSnapshot | undefined> {
    this.calls.push(`find ${note}`);
    return this.snapshot('running');
  }
  async getRun(_runId: string, ctx: CallContext): Promise<RunSnapshot> {
    this.polls++;
    this.calls.push('getRun');
    this.onGetRun?.(this.polls);
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const error = this.getRunErrors.shift();
    if (error) throw error;
    const state = this.states[Math.min(this.polls - 1, this.states.length - 1)] ?? 'running';
    return this.snapshot(state);
  }
  async cancelRun(runId: string): Promise<void> {
    this.calls.push(`cancel ${runId}`);
  }
  async getLogs(_runId: string, ctx: CallContext): Promise<LogSection[]> {
    this.calls.push('getLogs');
    await this.onGetLogs?.(ctx);
    const error = this.getLogsErrors.shift();
    if (error) throw error;
    return this.logs;
  }
  async getResults(): Promise<RunResults> {
    this.calls.push('getResults');
    if (this.resultsError) throw this.resultsError;
    return this.results;
  }
  async downloadArtifact(_runId: string, _destDir: string, _ctx: CallContext): Promise<ArtifactDownload | undefined> {
    this.calls.push('downloadArtifact');
    return undefined;
  }
  /** Like the real platform's: `*_artifacts.zip` files (local, so not in `calls`, which lists remote ones). */
  async removeEarlierArtifacts(destDir: string): Promise<number> {
    const earlier = (await readdir(destDir)).filter((name) => name.endsWith('_artifacts.zip'));
    await Promise.all(earlier.map((name) => rm(path.join(destDir, name), { force: true })));
    return earlier.length;
  }
  get pollCount(): number {
    return this.polls;
  }
  private snapshot(state: RunState): RunSnapshot {
    return { id: 'run-1', state, vendorStatus: VENDOR[state] };
  }
}
