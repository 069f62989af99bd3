import * as core from '@actions/core';
import type { Redactor } from '../../core/redactor.js';

/**
 * Keeps `secret` out of everything the step writes: masked in the job log by
 * the runner (core.setSecret) and removed by `redactor` from messages,
 * summary, comment and files. Empty values are ignored.
 */
export function maskSecret(redactor: Redactor, secret: string): void {
  if (!secret) return;
  redactor.add(secret);
  core.setSecret(secret);
}
