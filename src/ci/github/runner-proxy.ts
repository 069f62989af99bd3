import type { Redactor } from '../../core/redactor.js';
import { proxySecrets, proxySettingsFromEnv, type ProxySettings } from '../../http/proxy.js';
import { maskSecret } from './mask-secret.js';

/**
 * The proxy a self-hosted runner exports to its steps (HTTP_PROXY,
 * HTTPS_PROXY, NO_PROXY), with any password in it masked in the job log and
 * added to `redactor` before anything can print it.
 */
export function runnerProxy(env: NodeJS.ProcessEnv, redactor: Redactor): ProxySettings {
  const proxy = proxySettingsFromEnv(env);
  for (const secret of proxySecrets(proxy)) maskSecret(redactor, secret);
  return proxy;
}
