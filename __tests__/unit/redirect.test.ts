import { describe, expect, it } from '@jest/globals';
import { apiUrl } from '../../src/http/redirect.js';

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
