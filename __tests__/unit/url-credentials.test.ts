import { describe, expect, it } from '@jest/globals';
import type { CallContext } from '../../src/core/provider.js';
import { TestingStudioPlatform } from '../../src/providers/testing-studio/provider.js';
import { urlCredentials } from '../../src/providers/testing-studio/url-credentials.js';
import { answeringClient } from '../helpers/answering-client.js';

describe('urlCredentials', () => {
  it('takes the password of a repository URL, as written and decoded', () => {
    expect(urlCredentials('https://oauth2:glpat-Abc123def456@gitlab.example/group/app.git')).toEqual(['glpat-Abc123def456']);
    expect(urlCredentials('https://x-access-token:p%40ss%2Fword99@github.com/org/app.git')).toEqual(['p%40ss%2Fword99', 'p@ss/word99']);
  });

  it('takes a user name long enough to be a token, with or without a password beside it', () => {
    const token = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
    expect(urlCredentials(`https://${token}@github.com/org/app.git`)).toEqual([token]);
    expect(urlCredentials(`https://${token}:x-oauth-basic@github.com/org/app.git`)).toEqual(['x-oauth-basic', token]);
    expect(urlCredentials('https://deploy@gitlab.example/app.git')).toEqual([]);
    expect(urlCredentials('ssh://git@github.com/org/app.git')).toEqual([]);
  });

  it('leaves out a password too short to mask and a user name that is also a segment of the path (an Azure DevOps organisation)', () => {
    const token = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
    expect(urlCredentials(`https://${token}:x@github.com/org/app.git`)).toEqual([token]);
    expect(urlCredentials('https://contoso-conversational-ai@dev.azure.com/contoso-conversational-ai/bots/_git/app')).toEqual([]);
  });

  it('finds none in a URL without credentials, an scp-like address or no value', () => {
    expect(urlCredentials('https://github.com/org/app.git')).toEqual([]);
    expect(urlCredentials('git@github.com:org/app.git')).toEqual([]);
    expect(urlCredentials(null)).toEqual([]);
    expect(urlCredentials('')).toEqual([]);
  });
});

describe('TestingStudioPlatform.prepare', () => {
  it("hands the credentials in the project's repository URL to onSecret with its git token, before anything can print them", async () => {
    const project = {
      id: 'p',
      name: 'app',
      gitStorage: true,
      gitUrl: 'https://oauth2:glpat-Abc123def456@gitlab.example/group/app.git',
      gitID: 'https://ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/org/app.git',
      gitToken: 'jDdEdsfFRGr4Gmd3R47r',
    };
    const secrets: string[] = [];
    const client = answeringClient({ '/api/projects/p': { data: project } });
    const platform = new TestingStudioPlatform({ client, projectId: 'p', onSecret: (s) => secrets.push(s), log: () => undefined, warning: () => undefined });
    const ctx: CallContext = { signal: new AbortController().signal, deadline: Number.MAX_SAFE_INTEGER };
    await platform.prepare({ uploading: false }, ctx);
    expect(secrets).toEqual(['jDdEdsfFRGr4Gmd3R47r', 'glpat-Abc123def456', 'ghp_0123456789abcdefghijABCDEFGHIJ012345']);
  });
});
