import { describe, expect, it } from '@jest/globals';
import { HttpError, NetworkError, RunCancelledError, RunTimeoutError, formatTimeout, isAbortError, isTransientError, type RunFate } from '../../src/core/errors.js';

describe('isAbortError', () => {
  it('recognises abort and timeout DOMExceptions, which are not Errors in every realm', () => {
    expect(isAbortError(new DOMException('stopped', 'AbortError'))).toBe(true);
    expect(isAbortError(AbortSignal.timeout(0).reason ?? new DOMException('t', 'TimeoutError'))).toBe(true);
    expect(isAbortError({ name: 'TimeoutError' })).toBe(true);
  });

  it('does not mistake other errors or values for aborts', () => {
    expect(isAbortError(new Error('boom'))).toBe(false);
    expect(isAbortError('AbortError')).toBe(false);
    expect(isAbortError(null)).toBe(false);
  });
});

describe('isTransientError', () => {
  const network = (code: string | undefined): NetworkError => new NetworkError('GET', 'https://studio.example.com/api/runs/r1', code, false);

  it('takes network trouble and retried statuses for passing, a rejected certificate and final statuses not', () => {
    expect(isTransientError(network('ECONNRESET'))).toBe(true);
    expect(isTransientError(network(undefined))).toBe(true);
    // A record garbled on the way may not be garbled next time; a certificate the runner rejects stays rejected.
    expect(isTransientError(network('ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC'))).toBe(true);
    for (const code of ['CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']) {
      expect({ code, transient: isTransientError(network(code)) }).toEqual({ code, transient: false });
    }
    expect(isTransientError(new HttpError('GET', '/api/runs/r1', 503, undefined))).toBe(true);
    expect(isTransientError(new HttpError('GET', '/api/runs/r1', 401, undefined))).toBe(false);
  });
});

describe('formatTimeout', () => {
  it.each([
    [0, '0s'],
    [90_000, '90s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [150_000, '2m 30s'],
    [3_599_000, '59m 59s'],
    [3_600_000, '1h'],
    [3_900_000, '1h 5m'],
    [3_930_000, '1h 5m'],
    [6 * 3_600_000, '6h'],
  ])('spells %d ms as %s, the way a timeout is written', (ms, shown) => {
    expect(formatTimeout(ms)).toBe(shown);
  });

  it('names a timeout of minutes and hours that way in the timeout message', () => {
    expect(new RunTimeoutError(3_900_000, { kind: 'not-started' }).message).toBe('Timed out after 1h 5m before a run was started.');
    expect(new RunTimeoutError(150_000, { kind: 'not-started' }).message).toBe('Timed out after 2m 30s before a run was started.');
  });
});

describe('stop messages', () => {
  const fates: [RunFate, string, string][] = [
    [{ kind: 'not-started' }, 'Timed out after 90s before a run was started.', 'Cancelled before a run was started.'],
    [
      { kind: 'unknown', later: 'revoke' },
      "Timed out after 90s while starting the run: Create Run's outcome could not be learned in time, so a run may have been started. " +
        'The clean-up step at the end of the job looks for it and revokes it if it can tell which run it is.',
      "Cancelled while starting the run: Create Run's outcome could not be learned in time, so a run may have been started. " +
        'The clean-up step at the end of the job looks for it and revokes it if it can tell which run it is.',
    ],
    [
      { kind: 'unknown', later: 'left-running', detail: 'Create Run failed (HTTP 502) and 2 new runs appeared (a, b); none is followed.' },
      'Timed out after 90s while starting the run: Create Run failed (HTTP 502) and 2 new runs appeared (a, b); none is followed. ' +
        'If it exists, it is left running (revoke-on-cancel is false).',
      'Cancelled while starting the run: Create Run failed (HTTP 502) and 2 new runs appeared (a, b); none is followed. ' +
        'If it exists, it is left running (revoke-on-cancel is false).',
    ],
    [
      { kind: 'unknown', later: 'not-noted' },
      "Timed out after 90s while starting the run: Create Run's outcome could not be learned in time, so a run may have been started. " +
        'It cannot be looked for later (the note for the clean-up step could not be saved), so if it exists it is left running.',
      "Cancelled while starting the run: Create Run's outcome could not be learned in time, so a run may have been started. " +
        'It cannot be looked for later (the note for the clean-up step could not be saved), so if it exists it is left running.',
    ],
    [
      { kind: 'revoked', runId: 'r1' },
      "Timed out after 90s waiting for run r1 to finish; the run was revoked. If runs like it take longer, raise the step's 'timeout' input.",
      'Cancelled while run r1 was in progress; the run was revoked.',
    ],
    [
      { kind: 'left-running', runId: 'r1' },
      "Timed out after 90s waiting for run r1 to finish; the run was left running (revoke-on-cancel is false). If runs like it take longer, raise the step's 'timeout' input.",
      'Cancelled while run r1 was in progress; the run was left running (revoke-on-cancel is false).',
    ],
    [
      { kind: 'revoke-failed', runId: 'r1' },
      "Timed out after 90s waiting for run r1 to finish; the run could not be revoked and may still be running. If runs like it take longer, raise the step's 'timeout' input.",
      'Cancelled while run r1 was in progress; the run could not be revoked and may still be running.',
    ],
    [
      { kind: 'ended', runId: 'r1', status: 'SUCCESS' },
      'Timed out after 90s collecting the results of run r1, which ended SUCCESS.',
      'Cancelled after run r1 ended SUCCESS, before its results were collected.',
    ],
    [
      { kind: 'ended-meanwhile', runId: 'r1', status: 'SUCCESS' },
      "Timed out after 90s waiting for run r1 to finish; the run had ended SUCCESS just before, so there was nothing to revoke. If runs like it take longer, raise the step's 'timeout' input.",
      'Cancelled as run r1 ended SUCCESS: there was nothing to revoke, and its results were not collected.',
    ],
    [
      { kind: 'gone', runId: 'r1' },
      "Timed out after 90s waiting for run r1 to finish; the run no longer exists on the server (its revoke and its status both answered 404), so there was nothing to revoke. If runs like it take longer, raise the step's 'timeout' input.",
      'Cancelled while run r1 was in progress; the run no longer exists on the server (its revoke and its status both answered 404), so there was nothing to revoke.',
    ],
    [
      { kind: 'artifact', runId: 'r1', status: 'FAILURE', verdict: '1 of 2 test cases failed.' },
      'Timed out after 90s fetching the artifact of run r1, which ended FAILURE: 1 of 2 test cases failed.',
      'Cancelled while fetching the artifact of run r1, which ended FAILURE: 1 of 2 test cases failed.',
    ],
  ];

  it.each(fates)('say what became of the run (%j)', (fate, timedOut, cancelled) => {
    expect(new RunTimeoutError(90_000, fate).message).toBe(timedOut);
    expect(new RunCancelledError(fate).message).toBe(cancelled);
    expect(new RunCancelledError(fate).runId).toBe('runId' in fate ? fate.runId : undefined);
  });
});
