import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import type { Logger } from '../../core/ci-host.js';

/** Remove line breaks so a value cannot start a new workflow-command line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/**
 * The job log on GitHub Actions. Text from the remote platform is printed
 * between `::stop-commands::<random token>` and `::<token>::`, so a log line
 * such as `::add-mask::` or `::set-output` is shown, never executed.
 */
export const githubLogger: Logger = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  error: (message) => core.error(message),
  debug: (message) => core.debug(message),
  group: (title, fn) => core.group(oneLine(title), fn),
  untrustedSection: (title, lines) => {
    const token = randomUUID();
    core.startGroup(oneLine(title));
    core.info(`::stop-commands::${token}`);
    for (const line of lines) core.info(line.replace(/\r/g, ''));
    core.info(`::${token}::`);
    core.endGroup();
  },
};
