import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { OUTPUT_NAMES } from '../../src/core/ci-host.js';
import { InputDefaults, Inputs, RequiredInputs } from '../../src/core/inputs.js';

interface ActionYml {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string; post?: string };
}

const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as ActionYml;

describe('action.yml', () => {
  it('declares exactly the inputs the code reads', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Inputs).sort());
  });

  it('marks the required inputs required and gives the others the defaults the code applies', () => {
    for (const name of RequiredInputs) expect(action.inputs[name]?.required).toBe(true);
    for (const [name, value] of Object.entries(InputDefaults)) expect(action.inputs[name]?.default).toBe(value);
  });

  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  });

  it('runs on node24 with a post step that is the cancellation backstop', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/main/index.js', post: 'dist/post/index.js' });
  });
});
