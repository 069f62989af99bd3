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

describe('the copy-paste workflow', () => {
  interface Step {
    id?: string;
    uses?: string;
    with?: Record<string, unknown>;
    run?: string;
    env?: Record<string, string>;
  }
  interface Workflow {
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Step[] }>;
  }
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const fromReadme = /## Usage\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const example = readFileSync(new URL('../../examples/workflow.yml', import.meta.url), 'utf8');

  it('is the same in the README and in examples/workflow.yml', () => {
    expect(fromReadme).not.toBe('');
    expect(fromReadme).toBe(example);
  });

  it('is valid YAML that passes only inputs the action has, with the permission the comment needs', () => {
    const workflow = parse(example) as Workflow;
    expect(workflow.permissions['pull-requests']).toBe('write');
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const ours = steps.find((step) => step.uses?.includes('testing-studio-action'));
    expect(Object.keys(ours?.with ?? {}).length).toBeGreaterThan(0);
    for (const input of Object.keys(ours?.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
  });

  it('hands outputs to scripts through env, never by pasting an expression into run', () => {
    const workflow = parse(example) as Workflow;
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps).filter((step) => step.run !== undefined);
    expect(runs.length).toBeGreaterThan(0);
    for (const step of runs) expect(step.run).not.toContain('${{');
  });
});
