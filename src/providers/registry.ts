import { systemClock, type Clock } from '../core/clock.js';
import { InputError } from '../core/errors.js';
import type { TestPlatform } from '../core/provider.js';
import { Inputs, type Settings } from '../core/settings.js';
import { createApiClient } from '../http/http-client.js';
import type { ProxySettings } from '../http/proxy.js';
import { TestingStudioPlatform } from './testing-studio/provider.js';

/** What any provider factory gets. */
export interface PlatformDeps {
  apiUrl: URL;
  token: string;
  /** The target on the platform (Testing Studio: the project id). */
  targetId: string;
  clock: Clock;
  userAgent: string;
  /** Register a secret the platform returned, so it is masked everywhere. */
  onSecret: (secret: string) => void;
  /** Debug-level log line. */
  debug: (message: string) => void;
  /** Info-level log line. */
  info: (message: string) => void;
  /** Warning-level log line (GitHub shows it as an annotation), for what people must be able to find later. */
  warning: (message: string) => void;
  /** Outbound proxies from the CI's environment; direct when omitted. */
  proxy?: ProxySettings;
}

/** A platform plus the resources to release when done. */
export type ClosablePlatform = TestPlatform & { close(): Promise<void> };

type Factory = (deps: PlatformDeps) => ClosablePlatform;

/** Every supported platform, keyed by the value of the `platform` input. */
const PLATFORMS: Record<string, Factory> = {
  'testing-studio': (deps) => {
    const client = createApiClient({
      baseUrl: deps.apiUrl,
      token: deps.token,
      userAgent: deps.userAgent,
      clock: deps.clock,
      proxy: deps.proxy,
      // Retries are worth seeing in the job log, not only in debug output.
      log: deps.info,
    });
    const platform = new TestingStudioPlatform({
      client,
      projectId: deps.targetId,
      onSecret: deps.onSecret,
      log: deps.info,
      warning: deps.warning,
      createRunTiming: { clock: deps.clock },
    });
    return Object.assign(platform, { close: () => client.close() });
  },
};

/** Names accepted by the `platform` input. */
export const PLATFORM_NAMES = Object.keys(PLATFORMS);

/** Create the platform named `name`, or fail naming the input and the accepted values. */
export function createPlatform(name: string, deps: PlatformDeps): ClosablePlatform {
  const factory = PLATFORMS[name];
  if (!factory) throw new InputError(Inputs.Platform, `one of ${PLATFORM_NAMES.join(', ')} (got '${name}')`);
  return factory(deps);
}

/** Identifies the action in API requests. */
export const USER_AGENT = 'testing-studio-action';

/** How a platform reports the secrets it sees and its log lines, and the network it reaches the API through. */
export type PlatformHooks = Pick<PlatformDeps, 'onSecret' | 'debug' | 'info' | 'warning' | 'proxy'>;

/** The platform that validated settings ask for, talking to the configured API. */
export function platformFromSettings(settings: Settings, hooks: PlatformHooks, clock: Clock = systemClock): ClosablePlatform {
  return createPlatform(settings.platform, {
    apiUrl: settings.apiUrl,
    token: settings.apiToken,
    targetId: settings.projectId,
    clock,
    userAgent: USER_AGENT,
    ...hooks,
  });
}
