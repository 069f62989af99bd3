import type { CiHost, Logger } from './ci-host.js';
import type { Redactor } from './redactor.js';

/**
 * Wraps a CI host so every piece of text that leaves through it (log lines,
 * summary, comment, outputs) has the registered secrets removed. The runner
 * masks only the job log; the summary, the comment and outputs are ours.
 */
export function redactingHost(host: CiHost, redactor: Redactor): CiHost {
  const r = (text: string): string => redactor.redact(text);
  const log: Logger = {
    info: (m) => host.log.info(r(m)),
    warning: (m) => host.log.warning(r(m)),
    error: (m) => host.log.error(r(m)),
    debug: (m) => host.log.debug(r(m)),
    group: (title, fn) => host.log.group(r(title), fn),
    untrustedSection: (title, lines) => host.log.untrustedSection(r(title), lines.map(r)),
  };
  return {
    log,
    maskSecret: (value) => host.maskSecret(value),
    writeSummary: (markdown) => host.writeSummary(r(markdown)),
    upsertComment: (marker, markdown) => host.upsertComment(marker, r(markdown)),
    setOutputs: (outputs) =>
      host.setOutputs(Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, r(v)]))),
    uploadArtifact: (name, dir) => host.uploadArtifact(name, dir),
    rememberRun: (runId) => host.rememberRun(runId),
    rememberStartAttempt: (note) => host.rememberStartAttempt(note),
    claimResultsPath: (dir) => host.claimResultsPath(dir),
  };
}
