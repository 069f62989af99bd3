import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { InputError } from '../../src/core/errors.js';
import { safeExtract } from '../../src/archive/safe-extract.js';
import { resolveSuites, suitesReadError, zipFolder } from '../../src/archive/zip-folder.js';
import { tree } from '../helpers/file-tree.js';

/** Entry names in the zip's central directory, in stored order. */
async function entryNames(zipPath: string): Promise<string[]> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  const names: string[] = [];
  for await (const entry of zip.eachEntry()) names.push(entry.fileName);
  return names;
}

async function inputErrorOf(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

let work: string;
let suites: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'zip-folder-'));
  suites = path.join(work, 'suites');
  await mkdir(path.join(suites, 'tests', 'deep'), { recursive: true });
  await mkdir(path.join(suites, '.config'));
  await mkdir(path.join(suites, 'empty'));
  await writeFile(path.join(suites, '.omilia-ci.yml'), 'version: 1\n');
  await writeFile(path.join(suites, '.config', 'x'), 'dot-dir content');
  await writeFile(path.join(suites, 'tests', 'a.yml'), 'a: 1\n');
  await writeFile(path.join(suites, 'tests', 'deep', 'b.yml'), Buffer.alloc(100_000, 'b'));
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('zipFolder', () => {
  it('round-trips files, dotfiles, dot-directories and empty directories through safeExtract', async () => {
    const zipPath = path.join(work, 'out.zip');
    const result = await zipFolder(suites, zipPath);

    expect(result.files).toBe(4);
    expect(result.skipped).toEqual([]);
    expect(result.bytes).toBeGreaterThan(0);
    const out = path.join(work, 'extracted');
    await safeExtract(zipPath, out);
    expect(await tree(out)).toEqual(await tree(suites));
    for (const file of ['.omilia-ci.yml', '.config/x', 'tests/a.yml', 'tests/deep/b.yml']) {
      expect(await readFile(path.join(out, file))).toEqual(await readFile(path.join(suites, file)));
    }
  });

  it('stores forward-slash paths in sorted order with only empty directories as directory entries', async () => {
    const zipPath = path.join(work, 'out.zip');
    await zipFolder(suites, zipPath);
    expect(await entryNames(zipPath)).toEqual([
      '.config/x',
      '.omilia-ci.yml',
      'empty/',
      'tests/a.yml',
      'tests/deep/b.yml',
    ]);
  });

  it('produces identical bytes for the same folder even after its mtimes change', async () => {
    const first = path.join(work, 'first.zip');
    const second = path.join(work, 'second.zip');
    await zipFolder(suites, first);
    await utimes(path.join(suites, 'tests', 'a.yml'), new Date(2011, 1, 1), new Date(2011, 1, 1));
    await zipFolder(suites, second);
    expect((await readFile(second)).equals(await readFile(first))).toBe(true);
  });

  it('includes symlinked files inside the folder and skips links that leave it or point at directories', async () => {
    const outside = path.join(work, 'secret.txt');
    await writeFile(outside, 'do not upload');
    await symlink(outside, path.join(suites, 'leak.txt'));
    await symlink(path.join(suites, 'tests', 'a.yml'), path.join(suites, 'alias.yml'));
    await symlink(path.join(suites, 'tests'), path.join(suites, 'tests-link'));
    await symlink(path.join(work, 'missing'), path.join(suites, 'dangling'));

    const zipPath = path.join(work, 'out.zip');
    const result = await zipFolder(suites, zipPath);

    expect(result.skipped).toEqual([
      'dangling: broken symlink',
      'leak.txt: symlink to a location outside the folder',
      'tests-link: symlinked directory (not followed)',
    ]);
    const names = await entryNames(zipPath);
    expect(names).toContain('alias.yml');
    expect(names).not.toContain('leak.txt');
    expect(names.some((n) => n.startsWith('tests-link'))).toBe(false);
    const out = path.join(work, 'extracted');
    await safeExtract(zipPath, out);
    expect(await readFile(path.join(out, 'alias.yml'), 'utf8')).toBe('a: 1\n');
  });

  (process.platform === 'win32' ? it.skip : it)('skips FIFOs', async () => {
    execFileSync('mkfifo', [path.join(suites, 'pipe')]);
    const result = await zipFolder(suites, path.join(work, 'out.zip'));
    expect(result.skipped).toEqual(['pipe: FIFO is not a regular file']);
    expect(await entryNames(path.join(work, 'out.zip'))).not.toContain('pipe');
  });

  it('never uploads .git, which can hold the checkout token, when the suites folder is a checked-out repository', async () => {
    // actions/checkout (before v6) keeps the token it used in .git/config: `suites` given as a second
    // checkout's path would send it to the server with the suites.
    await mkdir(path.join(suites, '.git', 'objects'), { recursive: true });
    await writeFile(path.join(suites, '.git', 'config'), '[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hz\n');
    await writeFile(path.join(suites, 'tests', '.git'), 'gitdir: ../../.git/modules/tests\n');
    const zipPath = path.join(work, 'out.zip');
    const result = await zipFolder(suites, zipPath);
    expect(result.files).toBe(4);
    expect((await entryNames(zipPath)).filter((name) => name.split('/').includes('.git'))).toEqual([]);
  });

  // Linux file names are bytes; macOS and Windows refuse names that are not valid Unicode.
  (process.platform === 'linux' ? it : it.skip)('leaves out, and names, files and folders whose names are not valid UTF-8', async () => {
    const latin1 = (name: string): Buffer => Buffer.from(name, 'latin1');
    await writeFile(Buffer.concat([Buffer.from(`${suites}/tests/`), latin1('caf\xe9.yml')]), 'c: 1\n');
    await mkdir(Buffer.concat([Buffer.from(`${suites}/`), latin1('r\xe9sum\xe9s')]));
    await writeFile(Buffer.concat([Buffer.from(`${suites}/`), latin1('r\xe9sum\xe9s'), Buffer.from('/d.yml')]), 'd: 1\n');
    const zipPath = path.join(work, 'out.zip');
    const result = await zipFolder(suites, zipPath);
    expect(result.files).toBe(4);
    expect(result.skipped).toEqual(['r\uFFFDsum\uFFFDs: name is not valid UTF-8', 'tests/caf\uFFFD.yml: name is not valid UTF-8']);
    expect(await entryNames(zipPath)).toEqual(['.config/x', '.omilia-ci.yml', 'empty/', 'tests/a.yml', 'tests/deep/b.yml']);
  });

  it('does not include the zip it is writing when that zip lies inside the folder', async () => {
    const zipPath = path.join(suites, 'self.zip');
    await writeFile(zipPath, 'stale zip from an earlier run');
    const result = await zipFolder(suites, zipPath);
    expect(result.files).toBe(4);
    expect(await entryNames(zipPath)).not.toContain('self.zip');
  });
});

describe('zipFolder and what is never uploaded', () => {
  it('does not upload .git or results-path through a symlink inside the folder, and says why', async () => {
    await mkdir(path.join(suites, '.git'));
    await writeFile(path.join(suites, '.git', 'config'), '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n');
    await symlink('.git/config', path.join(suites, 'innocent.yml'));
    await mkdir(path.join(suites, 'testing-studio-results'));
    await writeFile(path.join(suites, 'testing-studio-results', 'junit.xml'), '<testsuites/>');
    await symlink('testing-studio-results/junit.xml', path.join(suites, 'j.xml'));
    const resolved = await resolveSuites('suites', work, path.join(work, 'tmp'), { resultsPath: path.join(suites, 'testing-studio-results') });
    expect(await entryNames(resolved.zipPath)).toEqual(['.config/x', '.omilia-ci.yml', 'empty/', 'tests/a.yml', 'tests/deep/b.yml']);
    expect(resolved.skipped).toEqual([
      'innocent.yml: symlink into .git (never uploaded)',
      'j.xml: symlink into results-path (the results of this action)',
      'testing-studio-results: results-path (the results of this action)',
    ]);
  });

  // Names Linux allows and macOS and Windows do not.
  (process.platform === 'linux' ? it : it.skip)("leaves out, and names, files whose names a zip would read as another path ('\\', a drive)", async () => {
    await mkdir(path.join(suites, 'x'));
    await writeFile(path.join(suites, 'x', 'y.yml'), 'the real x/y.yml');
    await writeFile(path.join(suites, 'x\\y.yml'), 'a name with a backslash');
    await writeFile(path.join(suites, 'C:notes.txt'), 'a name like a drive');
    await writeFile(path.join(suites, 'tests', 'C:fine.txt'), 'a drive-like name below the top is a plain name');
    const zipPath = path.join(work, 'out.zip');
    const result = await zipFolder(suites, zipPath);
    expect(result.skipped).toEqual(["C:notes.txt: name reads as a Windows drive in a zip", "x\\y.yml: name holds a '\\', which a zip reads as a folder separator"]);
    expect((await entryNames(zipPath)).filter((name) => name.startsWith('x/') || name.includes('C:'))).toEqual(['tests/C:fine.txt', 'x/y.yml']);
  });
});

describe('resolveSuites', () => {
  const temp = () => path.join(work, 'tmp');

  it('zips a folder given relative to the workspace into the temp dir', async () => {
    const result = await resolveSuites('suites', work, temp());
    expect(result.created).toBe(true);
    expect(result.files).toBe(4);
    expect(path.dirname(result.zipPath)).toBe(temp());
    expect(path.basename(result.zipPath)).toMatch(/^suites-.+\.zip$/);
    expect(await entryNames(result.zipPath)).toContain('.omilia-ci.yml');
  });

  it('uses an existing zip file as it is', async () => {
    const zipPath = path.join(work, 'ready.zip');
    await zipFolder(suites, zipPath);
    expect(await resolveSuites('ready.zip', work, temp())).toEqual({ zipPath, created: false });
  });

  it('accepts an empty archive', async () => {
    const zipPath = path.join(work, 'empty.zip');
    await writeFile(zipPath, Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]));
    expect(await resolveSuites(zipPath, '/unused', temp())).toEqual({ zipPath, created: false });
  });

  it('rejects a missing path and names it', async () => {
    const error = await inputErrorOf(resolveSuites('nope', work, temp()));
    expect(error.input).toBe('suites');
    expect(error.message).toContain(`'${path.join(work, 'nope')}' does not exist`);
  });

  it('rejects a file that is not a zip', async () => {
    await writeFile(path.join(work, 'fake.zip'), 'not a zip');
    const error = await inputErrorOf(resolveSuites('fake.zip', work, temp()));
    expect(error.input).toBe('suites');
    expect(error.expected).toBe('a folder or a .zip file');
  });

  it('rejects a folder without files and leaves no zip behind', async () => {
    await mkdir(path.join(work, 'hollow', 'only-dirs'), { recursive: true });
    const error = await inputErrorOf(resolveSuites('hollow', work, temp()));
    expect(error.expected).toBe(`a folder with at least one file to upload; '${path.join(work, 'hollow')}' has none`);
    expect(await readdir(temp())).toEqual([]);
  });

  it('says why a folder has nothing to upload when everything in it was left out', async () => {
    await mkdir(path.join(work, 'links'));
    await writeFile(path.join(work, 'outside.yml'), 'x');
    await symlink(path.join(work, 'outside.yml'), path.join(work, 'links', 'a.yml'));
    const error = await inputErrorOf(resolveSuites('links', work, temp()));
    expect(error.input).toBe('suites');
    expect(error.expected).toMatch(/has none \(left out: a\.yml: symlink to a location outside the folder\)$/);
  });

  it('names the first few entries left out of a folder with nothing to upload and counts the rest, however many there are', async () => {
    // A tree of links into a store outside the folder (git-annex, a build tool's outputs) is left out link by link.
    await mkdir(path.join(work, 'annexed'));
    await writeFile(path.join(work, 'outside.yml'), 'x');
    for (let i = 0; i < 500; i++) await symlink(path.join(work, 'outside.yml'), path.join(work, 'annexed', `case_${String(i).padStart(3, '0')}.yml`));
    const error = await inputErrorOf(resolveSuites('annexed', work, temp()));
    expect(error.expected).toContain('(left out: case_000.yml: symlink to a location outside the folder, case_001.yml: ');
    expect(error.expected).toMatch(/ and 490 more\)$/);
    expect(error.expected).not.toContain('case_010.yml');
  });

  it('names the suites input when a file inside the folder cannot be read, but not when the zip cannot be written', () => {
    const folder = path.join(work, 'suites');
    const denied = Object.assign(new Error(`EACCES: permission denied, open '${folder}/locked.yml'`), { code: 'EACCES', path: `${folder}/locked.yml` });
    expect(suitesReadError(denied, folder)?.message).toBe(
      `Input 'suites' is invalid: expected a folder whose files can all be read; EACCES: permission denied, open '${folder}/locked.yml'.`,
    );
    const diskFull = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', path: path.join(work, 'tmp', 'suites.zip') });
    expect(suitesReadError(diskFull, folder)).toBeUndefined();
    expect(suitesReadError(new InputError('suites', 'x'), folder)).toBeUndefined();
    expect(suitesReadError(new Error('no path'), folder)).toBeUndefined();
  });
});

describe('resolveSuites with a suites symlink', () => {
  it('refuses a suites path in the workspace that a symlink leads out of it, zipping nothing', async () => {
    const workspace = path.join(work, 'workspace');
    const outside = path.join(work, 'home', '.ssh');
    await mkdir(workspace, { recursive: true });
    await mkdir(outside, { recursive: true });
    await writeFile(path.join(outside, 'id_rsa'), 'PRIVATE KEY');
    await symlink(outside, path.join(workspace, 'suites'));
    const temp = path.join(work, 'tmp');
    const error = await resolveSuites('suites', workspace, temp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^Input 'suites' is invalid: expected a folder or a \.zip file inside the workspace \(.*suites leads to .*\.ssh through a symlink; to upload from there, give that path itself\)\.$/);
    expect(await readdir(temp).catch(() => [])).toEqual([]);
  });
});
