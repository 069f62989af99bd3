import { describe, expect, it } from '@jest/globals';
import { apiUrl, displayPath, displayUrl, redirectTarget } from '../../src/http/redirect.js';

describe('apiUrl', () => {
  it('keeps the base path prefix and the query string of the path', () => {
    expect(apiUrl(new URL('https://studio.example.com/ts/'), '/api/runs/r1?page=2').href).toBe('https://studio.example.com/ts/api/runs/r1?page=2');
    expect(apiUrl(new URL('https://studio.example.com'), 'api/runs/').href).toBe('https://studio.example.com/api/runs/');
  });

  it('stays on the base origin when the base path starts with an empty segment', () => {
    const url = apiUrl(new URL('https://studio.example.com//evil.example/'), '/api/runs/');
    expect(url.origin).toBe('https://studio.example.com');
    expect(url.pathname).toBe('//evil.example/api/runs/');
  });

  it('stays on the base origin when the path itself starts with two slashes', () => {
    expect(apiUrl(new URL('https://studio.example.com'), '//evil.example/x').origin).toBe('https://studio.example.com');
  });
});

describe('redirectTarget', () => {
  const api = new URL('https://studio.example.com/api/runs/');

  it('counts a redirect to plain http on the same host as another origin, so the token is not sent in clear', () => {
    expect(redirectTarget(api, 'GET', 302, 'http://studio.example.com/api/runs/')?.sameOrigin).toBe(false);
    expect(redirectTarget(api, 'GET', 302, 'https://studio.example.com:8443/api/runs/')?.sameOrigin).toBe(false);
    expect(redirectTarget(api, 'GET', 302, '/api/moved')?.sameOrigin).toBe(true);
  });

  it('turns a POST into a body-less GET on 303 only, and repeats it unchanged on 301, 302, 307 and 308', () => {
    expect(redirectTarget(api, 'POST', 303, '/api/x')).toMatchObject({ method: 'GET', keepBody: false });
    for (const status of [301, 302, 307, 308]) {
      expect(redirectTarget(api, 'POST', status, '/api/x')).toMatchObject({ method: 'POST', keepBody: true });
    }
    expect(redirectTarget(api, 'PUT', 302, '/api/x')).toMatchObject({ method: 'PUT', keepBody: true });
    expect(redirectTarget(api, 'HEAD', 303, '/api/x')).toMatchObject({ method: 'HEAD', keepBody: true });
  });

  it('follows no Location that is missing, blank, unparseable or not http(s)', () => {
    for (const location of [undefined, '', '  ', 'http://[bad', 'file:///etc/passwd', 'ftp://studio.example.com/x', 'javascript:alert(1)']) {
      expect(redirectTarget(api, 'GET', 302, location)).toBeUndefined();
    }
  });
});

describe('displayUrl', () => {
  it('hides user-info and the values of credential-like query parameters, keeping the rest', () => {
    const url = new URL('https://user:pass@bucket.example/file?X-Amz-Signature=s1&api_key=k1&token=t1&Password=p1&sessionId=s2&part=1#frag');
    const shown = displayUrl(url);
    for (const secret of ['user', 'pass@', 's1', 'k1', 't1', 'p1', 's2', 'frag']) expect(shown).not.toContain(secret);
    expect(shown).toBe(
      'https://bucket.example/file?X-Amz-Signature=REDACTED&api_key=REDACTED&token=REDACTED&Password=REDACTED&sessionId=REDACTED&part=1',
    );
    expect(displayPath(url)).toBe('/file?X-Amz-Signature=REDACTED&api_key=REDACTED&token=REDACTED&Password=REDACTED&sessionId=REDACTED&part=1');
  });
});
