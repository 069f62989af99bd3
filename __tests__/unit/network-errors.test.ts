import { describe, expect, it } from '@jest/globals';
import { NetworkError } from '../../src/core/errors.js';
import { toNetworkError, type Position } from '../../src/http/network-errors.js';

const at: Position = { url: new URL('https://studio.example.com/api/runs/'), method: 'POST' };
const failure = (code: string): Error => Object.assign(new Error(`failed: ${code}`), { code });

describe('toNetworkError', () => {
  it('counts a failure to connect, or a certificate the runner rejects, as not sent: even a POST may be sent again', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      expect({ code, maybeSent: toNetworkError(failure(code), at)?.maybeSent }).toEqual({ code, maybeSent: false });
    }
  });

  it('counts an unreachable host or network, or a timeout, as not sent when Node says the connect failed, and as possibly sent otherwise', () => {
    for (const code of ['EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']) {
      const onConnect = Object.assign(failure(code), { syscall: 'connect' });
      expect({ code, maybeSent: toNetworkError(onConnect, at)?.maybeSent }).toEqual({ code, maybeSent: false });
      // Wrapped, as undici and happy-eyeballs connects hand it on.
      const wrapped = new AggregateError([onConnect], 'connect failed');
      expect({ code, maybeSent: toNetworkError(Object.assign(new Error('fetch failed'), { cause: wrapped }), at)?.maybeSent }).toEqual({ code, maybeSent: false });
      const onOpenSocket = Object.assign(failure(code), { syscall: 'read' });
      expect({ code, maybeSent: toNetworkError(onOpenSocket, at)?.maybeSent }).toEqual({ code, maybeSent: true });
    }
  });

  it('counts other TLS errors, which can come in the middle of an answer, as possibly sent, like a reset connection', () => {
    for (const code of ['ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ECONNRESET', 'UND_ERR_SOCKET']) {
      const error = toNetworkError(failure(code), at);
      expect(error).toBeInstanceOf(NetworkError);
      expect({ code, maybeSent: error?.maybeSent }).toEqual({ code, maybeSent: true });
    }
  });

  it('leaves errors that are not about the network alone', () => {
    expect(toNetworkError(failure('ENOENT'), at)).toBeUndefined();
    expect(toNetworkError(failure('UND_ERR_INVALID_ARG'), at)).toBeUndefined();
    expect(toNetworkError(new Error('no code'), at)).toBeUndefined();
  });
});
