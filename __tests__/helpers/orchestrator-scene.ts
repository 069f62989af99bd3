import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from '@jest/globals';
import { FakeClock } from '../../src/core/clock.js';
import type { OrchestratorDeps } from '../../src/core/orchestrator.js';
import type { Settings } from '../../src/core/settings.js';
import { RecordingHost, ScriptedPlatform } from './fakes.js';
import { testDeps, testSettings } from './orchestrator-deps.js';

/**
 * What an orchestrator test works on: a temp workspace, a recording host, a
 * scripted platform and a fake clock, all made afresh before each test. A test
 * may replace the platform or the clock; `settings` and `deps` read the ones
 * in place when called.
 */
export interface OrchestratorScene {
  workspace: string;
  host: RecordingHost;
  platform: ScriptedPlatform;
  clock: FakeClock;
  /** The settings of a step in this workspace given the required inputs, plus `overrides`. */
  settings(overrides?: Record<string, string>): Settings;
  /** The orchestrator's dependencies over this scene, with settings `s` and a signal nothing aborts unless given. */
  deps(s: Settings, signal?: AbortSignal): OrchestratorDeps;
}

/**
 * A scene for the calling test file: registers the hooks that make it afresh
 * before each test and remove its workspace after.
 */
export function orchestratorScene(): OrchestratorScene {
  const scene: OrchestratorScene = {
    workspace: '',
    host: new RecordingHost(),
    platform: new ScriptedPlatform(),
    clock: new FakeClock(1_700_000_000_000),
    settings: (overrides = {}) => testSettings(scene.workspace, overrides),
    deps: (s, signal = new AbortController().signal) =>
      testDeps({ workspace: scene.workspace, host: scene.host, platform: scene.platform, clock: scene.clock, settings: s, signal }),
  };
  beforeEach(async () => {
    scene.workspace = await mkdtemp(path.join(os.tmpdir(), 'orchestrator-'));
    scene.host = new RecordingHost();
    scene.platform = new ScriptedPlatform();
    scene.clock = new FakeClock(1_700_000_000_000);
  });
  afterEach(async () => {
    await rm(scene.workspace, { recursive: true, force: true });
  });
  return scene;
}
