import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import type { Logger } from '../../core/ci-host.js';

/** Remove line breaks so a value cannot start a new workflow-command line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/**
 * `text` as one line with `##[` defused: a group's title or an info line, either of which may hold server values
 * (a project's name, a log section's name, a run's status).
 */
function defusedLine(text: string): string {
  return defuseMarkers(oneLine(text));
}

/** `##[` broken by a zero-width space: the runner acts on the legacy `##[command]` form, and the log viewer draws it. */
function defuseMarkers(text: string): string {
  return text.replace(/##\[/g, '#\u200B#[');
}

/**
 * Our own log lines interpolate server values (a project's name, a run's id
 * or status), and the runner executes any output line that starts with `::`,
 * or that holds the legacy `##[command]` form anywhere. So an info message is
 * printed as one line, one that would still start with `::` gets a
 * zero-width space in front (the runner does not trim it), and `##[` gets
 * one between the hashes.
 */
export function plainLine(text: string): string {
  const line = defusedLine(text);
  // The runner trims what .NET calls white space before looking for '::', which also counts NEL (U+0085) and, to
  // be safe, the information separators U+001C–U+001F; JavaScript's \s does not.
  // eslint-disable-next-line no-control-regex -- those separators are what the pattern is for
  return /^[\s\u0085\u001C-\u001F]*::/.test(line) ? `\u200B${line}` : line;
}

/**
 * The job log on GitHub Actions. Text from the remote platform is printed
 * between `::stop-commands::<random token>` and `::<token>::`, so a log line
 * such as `::add-mask::` or `::set-output` is shown, never executed, and
 * with `##[` defused, so it cannot open, close or fake a group. Info
 * lines, which may carry server values, go through plainLine; warnings,
 * errors and debug lines are escaped by `@actions/core` itself.
 */
export const githubLogger: Logger = {
  info: (message) => core.info(plainLine(message)),
  warning: (message) => core.warning(message),
  error: (message) => core.error(message),
  debug: (message) => core.debug(message),
  group: (title, fn) => core.group(defusedLine(title), fn),
  untrustedSection: (title, lines) => {
    const token = randomUUID();
    core.startGroup(defusedLine(title));
    core.info(`::stop-commands::${token}`);
    // Stop-commands keeps `::` commands from running, but the runner still writes `##[group]`, `##[endgroup]` and
    // `##[error]` markers as they are, and the log viewer draws them: defused like our own lines. A CR would end the
    // line for the runner: it is a line break here too (removing it could join the halves of a redacted secret).
    for (const line of lines) for (const part of line.split('\r')) core.info(defuseMarkers(part));
    core.info(`::${token}::`);
    core.endGroup();
  },
};
