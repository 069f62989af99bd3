import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';

/** Every core.saveState call, in order. */
const saved: [string, string][] = [];
jest.unstable_mockModule('@actions/core', () => ({
  saveState: (name: string, value: string) => saved.push([name, value]),
}));
const { startNoteStore, takeStartNote } = await import('../../src/ci/github/start-note.js');

let temp: string;
beforeEach(async () => {
  saved.length = 0;
  temp = await mkdtemp(path.join(os.tmpdir(), 'start-note-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('startNoteStore', () => {
  it('writes the note to a new file under RUNNER_TEMP and saves only its path', async () => {
    const remember = startNoteStore({ RUNNER_TEMP: temp }, () => undefined);
    remember('{"before":["a"]}');
    const [file, ...others] = await readdir(temp);
    expect(others).toEqual([]);
    expect(saved).toEqual([['start-note', path.join(temp, file ?? '')]]);
    expect(await readFile(path.join(temp, file ?? ''), 'utf8')).toBe('{"before":["a"]}');
  });

  it('forgets a note by clearing the state and removing its file', async () => {
    const remember = startNoteStore({ RUNNER_TEMP: temp }, () => undefined);
    remember('note');
    remember(undefined);
    expect(saved.at(-1)).toEqual(['start-note', '']);
    expect(await readdir(temp)).toEqual([]);
  });

  it('replaces an earlier note, leaving one file', async () => {
    const remember = startNoteStore({ RUNNER_TEMP: temp }, () => undefined);
    remember('first');
    remember('second');
    const files = await readdir(temp);
    expect(files).toHaveLength(1);
    expect(saved.at(-1)).toEqual(['start-note', path.join(temp, files[0] ?? '')]);
    expect(await readFile(path.join(temp, files[0] ?? ''), 'utf8')).toBe('second');
  });

  it('warns instead of failing the run when the note cannot be written, and saves no path', () => {
    const warnings: string[] = [];
    const remember = startNoteStore({ RUNNER_TEMP: path.join(temp, 'missing') }, (message) => warnings.push(message));
    remember('note');
    remember(undefined);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Could not save a note of Create Run for the post step \(.*ENOENT.*\); if the job is killed now/);
    expect(saved).toEqual([]);
  });
});

describe('takeStartNote', () => {
  it('reads the note once and removes its file', async () => {
    const remember = startNoteStore({ RUNNER_TEMP: temp }, () => undefined);
    remember('the note');
    const file = saved[0]?.[1] ?? '';
    expect(takeStartNote(file)).toBe('the note');
    expect(existsSync(file)).toBe(false);
  });
});
