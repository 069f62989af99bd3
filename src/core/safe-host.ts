import type { CiHost, Logger } from './ci-host.js';
import type { Redactor } from './redactor.js';

/**
 * Wraps a CI host so every piece of text that leaves through it (log lines,
 * summary, comment, outputs) has the registered secrets removed. The runner
 * masks only the job log; the summary, the comment and outputs are ours.
 */
export function redactingHost(host: CiHost, redactor: Redactor): CiHost {
  const r = (text: string): string => redactor.redact(text);
  // Log lines and outputs carry the server's text as it came: a secret split by invisible characters is hidden too.
  // The summary and comment are rendered from a report already redacted that way (redactAll), and their own
  // zero-width spaces must stay.
  const readable = (text: string): string => redactor.redactReadable(text);
  const log: Logger = {
    info: (m) => host.log.info(readable(m)),
    warning: (m) => host.log.warning(readable(m)),
    error: (m) => host.log.error(readable(m)),
    debug: (m) => host.log.debug(readable(m)),
    group: (title, fn) => host.log.group(readable(title), fn),
    untrustedSection: (title, lines) => host.log.untrustedSection(readable(title), lines.map(readable)),
  };
  return {
    log,
    maskSecret: (value) => host.maskSecret(value),
    writeSummary: (markdown) => host.writeSummary(r(markdown)),
    upsertComment: (marker, markdown) => host.upsertComment(marker, r(markdown)),
    setOutputs: (outputs) =>
      host.setOutputs(Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, readable(v)]))),
    uploadArtifact: (name, dir) => host.uploadArtifact(name, dir),
    rememberRun: (runId) => host.rememberRun(runId),
    rememberStartAttempt: (note) => host.rememberStartAttempt(note),
    claimResultsPath: (dir) => host.claimResultsPath(dir),
  };
}
