import * as core from '@actions/core';
import type { Redactor } from '../../core/redactor.js';

/**
 * Keeps `secret` out of everything the step writes: masked in the job log by
 * the runner (core.setSecret) and removed by `redactor` from messages,
 * summary, comment and files. Empty values are ignored. A value with line
 * breaks (a token saved with a stray newline, a key) has each trimmed line
 * removed too, as the runner masks it: log and report lines are redacted one
 * at a time, so the whole value would never match.
 */
export function maskSecret(redactor: Redactor, secret: string): void {
  if (!secret) return;
  redactor.add(secret);
  for (const line of secret.split(/[\r\n]+/)) if (line !== secret) redactor.add(line.trim());
  core.setSecret(secret);
}
