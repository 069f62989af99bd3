import { describe, expect, it } from '@jest/globals';
import { isEnterpriseServer } from '../../src/ci/github/github-artifact.js';

describe('isEnterpriseServer', () => {
  it('takes github.com, GHE.com tenants and *.localhost for what @actions/artifact supports', () => {
    for (const url of ['https://github.com', 'https://GitHub.com/', 'https://acme.ghe.com', 'http://github.localhost:3000']) {
      expect(isEnterpriseServer({ GITHUB_SERVER_URL: url })).toBe(false);
    }
    expect(isEnterpriseServer({})).toBe(false);
    expect(isEnterpriseServer({ GITHUB_SERVER_URL: '' })).toBe(false);
  });

  it('takes any other server for GitHub Enterprise Server', () => {
    for (const url of ['https://github.acme.internal', 'https://github.example', 'https://ghe.com.evil.example', 'https://notgithub.com']) {
      expect(isEnterpriseServer({ GITHUB_SERVER_URL: url })).toBe(true);
    }
  });

  it('leaves an unreadable server URL to the library, which reports it', () => {
    expect(isEnterpriseServer({ GITHUB_SERVER_URL: 'not a url' })).toBe(false);
  });
});
