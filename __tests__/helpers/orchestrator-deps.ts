import type { CiHost } from '../../src/core/ci-host.js';
import { FakeClock } from '../../src/core/clock.js';
import type { OrchestratorDeps } from '../../src/core/orchestrator.js';
import type { TestPlatform } from '../../src/core/provider.js';
import { Redactor } from '../../src/core/redactor.js';
import { parseSettings, type Settings } from '../../src/core/settings.js';

/** The settings of a step in `workspace` given the three required inputs, plus `overrides`. */
export function testSettings(workspace: string, overrides: Record<string, string> = {}): Settings {
  const inputs: Record<string, string> = {
    'api-url': 'http://127.0.0.1:1',
    'api-token': 'tok-secret',
    'project-id': 'c2a9ec59-0c38-4372-bff5-83cd7f9c721f',
    ...overrides,
  };
  return parseSettings((name) => inputs[name] ?? '', { workspace });
}

/** What {@link testDeps} builds on; what is left out is made afresh. */
export interface TestDepsParts {
  workspace: string;
  host: CiHost;
  platform: TestPlatform;
  settings?: Settings;
  clock?: FakeClock;
  redactor?: Redactor;
  signal?: AbortSignal;
}

/**
 * The orchestrator's dependencies for a step in `workspace` (its temp folder
 * too): the default settings, a fresh Redactor, a FakeClock and a signal
 * nothing aborts, unless given.
 */
export function testDeps(parts: TestDepsParts): OrchestratorDeps {
  const { workspace, host, platform } = parts;
  const clock = parts.clock ?? new FakeClock(1_700_000_000_000);
  return {
    settings: parts.settings ?? testSettings(workspace),
    host,
    redactor: parts.redactor ?? new Redactor(),
    platform,
    clock,
    signal: parts.signal ?? new AbortController().signal,
    startedAt: clock.now(),
    tempDir: workspace,
    workspace,
  };
}
