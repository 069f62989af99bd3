import { describe, expect, it } from '@jest/globals';
import { describeError } from '../../src/ci/describe-error.js';
import { HttpError, InputError, NetworkError, ResponseShapeError } from '../../src/core/errors.js';

const url = 'https://studio.example.com/api/projects/x';
const network = (code: string): NetworkError => new NetworkError('GET', url, code, false);

describe('describeError', () => {
  it('adds what to check to the HTTP statuses a user can fix', () => {
    expect(describeError(new HttpError('GET', url, 401, 'Invalid token'))).toBe(`GET ${url} failed with HTTP 401: Invalid token (check api-token)`);
    expect(describeError(new HttpError('GET', url, 500, undefined))).toBe(`GET ${url} failed with HTTP 500`);
  });

  it('says api-url seems to end in /api when a 404 came from a doubled /api/api/ path', () => {
    const doubled = 'https://studio.example.com/api/api/projects/x/';
    expect(describeError(new HttpError('GET', doubled, 404, 'Not found'))).toBe(
      `GET ${doubled} failed with HTTP 404: Not found (api-url seems to end in /api: give the server's base URL, such as https://studio.example.com; the action adds /api/… itself)`,
    );
    expect(describeError(new HttpError('GET', url, 404, 'Not found'))).toBe(`GET ${url} failed with HTTP 404: Not found (check api-url and project-id)`);
  });

  it('blames a redirect to another origin, not the token, for a 401 or 403 from off api-url', () => {
    const apiUrl = new URL('http://studio.example.com/ts');
    expect(describeError(new HttpError('GET', url, 401, 'Invalid token'), { apiUrl })).toBe(
      `GET ${url} failed with HTTP 401: Invalid token (api-url http://studio.example.com redirected to https://studio.example.com, and the token is only sent to api-url's origin: if the API is at https://studio.example.com, set api-url to it)`,
    );
    expect(describeError(new HttpError('GET', url, 403, undefined), { apiUrl })).toMatch(/\(api-url http:\/\/studio\.example\.com redirected to/);
    // On api-url's own origin the token was sent, so the usual hints stand.
    const sameOrigin = { apiUrl: new URL('https://studio.example.com') };
    expect(describeError(new HttpError('GET', url, 401, 'Invalid token'), sameOrigin)).toMatch(/\(check api-token\)$/);
    expect(describeError(new HttpError('GET', url, 404, 'Not found'), { apiUrl })).toMatch(/\(check api-url and project-id\)$/);
  });

  it('says api-url may be the web app when the answer was an HTML page, and nothing more for other odd answers', () => {
    expect(describeError(new ResponseShapeError(url, 'body is not JSON (text/html): <html>', true))).toBe(
      `Unexpected response from ${url}: body is not JSON (text/html): <html> (an HTML page, not the API's JSON: check that api-url is the API's base URL, not the web app's)`,
    );
    expect(describeError(new ResponseShapeError(url, 'data.status: Required'))).toBe(`Unexpected response from ${url}: data.status: Required`);
  });

  it('points an untrusted certificate at NODE_EXTRA_CA_CERTS, the fix for a private CA', () => {
    for (const code of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']) {
      expect(describeError(network(code))).toBe(
        `GET ${url} failed: ${code} (the server's certificate is not from a CA this runner trusts; for a private CA, set NODE_EXTRA_CA_CERTS to its PEM file in the step's env)`,
      );
    }
  });

  it('names an expired certificate and one for another host', () => {
    expect(describeError(network('CERT_HAS_EXPIRED'))).toMatch(/\(the server's certificate has expired\)$/);
    expect(describeError(network('ERR_TLS_CERT_ALTNAME_INVALID'))).toMatch(/\(the certificate does not name this host; check api-url\)$/);
  });

  it('leaves other network failures and known errors as they are', () => {
    expect(describeError(network('ECONNREFUSED'))).toBe(`GET ${url} failed: ECONNREFUSED`);
    expect(describeError(new InputError('timeout', 'a duration'))).toBe("Input 'timeout' is invalid: expected a duration.");
  });

  it('marks anything else as unexpected', () => {
    expect(describeError(new TypeError('x is undefined'))).toBe('Unexpected error: x is undefined');
    expect(describeError('a string')).toBe('Unexpected error: a string');
  });
});
