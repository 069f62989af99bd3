import path from 'node:path';
import { z } from 'zod';
import { parseDuration } from './duration.js';
import { InputError } from './errors.js';
import { InputDefaults, Inputs } from './inputs.js';
import { checkResultsPath, checkSuites, isInsideFolder } from './path-checks.js';
import type { RunFilters } from './model.js';

export { InputDefaults, Inputs, isInsideFolder };

/** When test results fail the step. */
export type FailOn = 'failed' | 'unavailable' | 'never';

/** Validated settings. Built only by `parseSettings`. */
export interface Settings {
  /** Provider key, e.g. `testing-studio`. */
  platform: string;
  apiUrl: URL;
  apiToken: string;
  projectId: string;
  /** Absolute path of a folder or .zip to upload, or undefined for a git-backed run. */
  suites?: string;
  filters: RunFilters;
  timeoutMs: number;
  /** `auto` for the adaptive schedule, or a fixed interval in milliseconds. */
  pollInterval: 'auto' | number;
  failOn: FailOn;
  /** Absolute folder for the artifact zip, its extraction and junit.xml. */
  resultsPath: string;
  uploadArtifact: boolean;
  comment: boolean;
  githubToken?: string;
  showLogs: boolean;
  revokeOnCancel: boolean;
}

/** Where relative paths resolve and what the entrypoint knows of its environment. */
export interface SettingsContext {
  workspace: string;
  /**
   * Check the path inputs on disk (default true): `suites` exists and is a
   * folder or a .zip, `results-path` is no file and no symlink leads it out
   * of the workspace. A caller that neither uploads nor writes results (the
   * post step, which only revokes) passes false, so a folder removed or
   * replaced since the main step cannot stop the revoke.
   */
  checkOnDisk?: boolean;
}

const MAX_TIMEOUT_MS = 24 * 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How a boolean input may be written: as @actions/core's getBooleanInput accepts. */
const BOOLEAN_SPELLINGS = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'] as const;

/** One zod schema per input; the message of a failed parse is what was expected. */
const inputSchemas = {
  platform: z
    .string()
    .transform((text) => text.toLowerCase())
    .pipe(z.string().regex(/^[a-z][a-z0-9-]*$/, 'a platform name such as testing-studio')),
  apiUrl: z
    .string()
    .min(1, 'a URL such as https://studio.example.com')
    .transform((text, ctx) => {
      try {
        const url = new URL(text);
        if (url.protocol === 'http:' || url.protocol === 'https:') {
          if (url.username || url.password) {
            ctx.addIssue({ code: 'custom', message: 'a URL without embedded credentials (use api-token)' });
            return z.NEVER;
          }
          // Every request's path is built on this base; a query or fragment would be dropped without a word.
          if (/[?#]/.test(text)) {
            ctx.addIssue({ code: 'custom', message: 'a base URL without a query string or fragment, such as https://studio.example.com' });
            return z.NEVER;
          }
          // An empty segment is a typo at best; at the start of the path (https://host//evil.example/) it reads as
          // another host to anything that resolves paths against the origin. The parsed path counts, so `/\` does too.
          if (url.pathname.includes('//')) {
            ctx.addIssue({ code: 'custom', message: 'a base URL whose path has no empty segment (//), such as https://studio.example.com/ts' });
            return z.NEVER;
          }
          return url;
        }
      } catch {
        // fall through to the issue below
      }
      ctx.addIssue({ code: 'custom', message: 'an http(s) URL such as https://studio.example.com' });
      return z.NEVER;
    }),
  apiToken: z
    .string()
    .min(1, 'a non-empty API token')
    // The reference's "Authorization requests" shows the header value, "Bearer lhdCI6…"; pasted into the secret as
    // such, every request would carry "Bearer Bearer …" and fail 401. The message never repeats the value.
    .refine((text) => !/^bearer\s/i.test(text), "the token alone, without the 'Bearer ' prefix (the action adds it)")
    // A header cannot carry a line break (the request would fail with an unexplained error), and a bearer token has no spaces.
    .refine((text) => !/\s/.test(text), 'a token without a space or line break inside')
    // Bearer tokens are ASCII (RFC 6750). A zero-width space or control character copied along with one would
    // otherwise fail every request as an unexplained "invalid authorization header", a non-ASCII letter as a 401.
    .refine((text) => /^[\x21-\x7e]*$/.test(text), 'a token of visible ASCII characters only (no invisible character, such as a zero-width space copied along with it)'),
  projectId: z
    .string()
    .regex(UUID, 'a project UUID such as c2a9ec59-0c38-4372-bff5-83cd7f9c721f')
    // One spelling per project: the sticky comment's marker and the API's paths use it.
    .transform((id) => id.toLowerCase()),
  timeout: z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    // At least a second: below it nothing could be checked, and the timeout message would read "Timed out after 0s".
    if (ms === undefined || ms < 1_000 || ms > MAX_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', message: 'minutes (30) or a duration such as 90s, 30m, 1h or 1h30m, from 1s to 24h' });
      return z.NEVER;
    }
    return ms;
  }),
  pollInterval: z.string().transform((text, ctx): 'auto' | number => {
    if (text.trim().toLowerCase() === 'auto') return 'auto';
    // Seconds, or units as `timeout` takes them (`10s`, `1m`): the two inputs sit side by side in a workflow.
    const ms = parseDuration(text, 1_000);
    if (ms === undefined || ms < 200 || ms > 600_000) {
      ctx.addIssue({ code: 'custom', message: "'auto' or seconds between checks (10, or 10s, 1m), from 0.2s to 10m" });
      return z.NEVER;
    }
    return ms;
  }),
  // Names are read without case, as `poll-interval: AUTO` is: `Failed` is not a typo worth failing a job over.
  failOn: z
    .string()
    .transform((text) => text.toLowerCase())
    .pipe(z.enum(['failed', 'unavailable', 'never'], { message: 'one of failed, unavailable, never' })),
  // As @actions/core's getBooleanInput reads them (YAML 1.2 core schema): a typo such as `ture` or a `yes` meant
  // for another tool is an error, not a silent false.
  boolean: z
    .enum(BOOLEAN_SPELLINGS, { message: `true or false (${BOOLEAN_SPELLINGS.join(', ')})` })
    .transform((text) => text.toLowerCase() === 'true'),
  relativePath: z.string().refine((p) => !p.includes('\0'), 'a path'),
};

/**
 * The warning for an api-url that sends the token in clear text: http:// to
 * another machine. Not an error, as a self-hosted runner may reach the API
 * over a private network only; silent for this machine (localhost, 127.x, ::1).
 */
export function plainHttpWarning(apiUrl: URL): string | undefined {
  if (apiUrl.protocol !== 'http:') return undefined;
  const host = apiUrl.hostname;
  if (host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)) return undefined;
  return `api-url is http://, so api-token is sent unencrypted to ${apiUrl.host}; use https:// if the server offers it.`;
}

/**
 * Validate every input before any request is made. `read` returns the raw
 * input text ('' when unset); defaults from InputDefaults apply to ''.
 * Throws InputError naming the first invalid input.
 */
export function parseSettings(read: (name: string) => string, context: SettingsContext): Settings {
  const raw = (name: string): string => {
    const value = read(name).trim();
    return value === '' && name in InputDefaults ? InputDefaults[name as keyof typeof InputDefaults] : value;
  };
  const parse = <T>(name: string, schema: z.ZodType<T, string>): T => {
    const result = schema.safeParse(raw(name));
    if (!result.success) throw new InputError(name, result.error.issues[0]?.message ?? 'a valid value');
    return result.data;
  };
  const optional = (name: string): string | undefined => raw(name) || undefined;
  const resolve = (p: string): string => path.resolve(context.workspace, p);

  const platform = parse(Inputs.Platform, inputSchemas.platform);
  const apiUrl = parse(Inputs.ApiUrl, inputSchemas.apiUrl);
  const apiToken = parse(Inputs.ApiToken, inputSchemas.apiToken);
  const projectId = parse(Inputs.ProjectId, inputSchemas.projectId);
  const suitesText = parse(Inputs.Suites, inputSchemas.relativePath);
  const suites = suitesText ? resolve(suitesText) : undefined;
  const onDisk = context.checkOnDisk !== false;
  if (suites !== undefined && onDisk) checkSuites(suites, context.workspace);
  const resultsPath = resolve(parse(Inputs.ResultsPath, inputSchemas.relativePath));
  if (!isInsideFolder(context.workspace, resultsPath)) {
    throw new InputError(Inputs.ResultsPath, 'a folder inside the workspace');
  }
  if (onDisk) checkResultsPath(resultsPath, context.workspace);
  return {
    platform,
    apiUrl,
    apiToken,
    projectId,
    suites,
    filters: {
      group: optional(Inputs.Group),
      utterance: optional(Inputs.Utterance),
      description: optional(Inputs.Description),
    },
    timeoutMs: parse(Inputs.Timeout, inputSchemas.timeout),
    pollInterval: parse(Inputs.PollInterval, inputSchemas.pollInterval),
    failOn: parse(Inputs.FailOn, inputSchemas.failOn),
    resultsPath,
    uploadArtifact: parse(Inputs.UploadArtifact, inputSchemas.boolean),
    comment: parse(Inputs.Comment, inputSchemas.boolean),
    githubToken: optional(Inputs.GithubToken),
    showLogs: parse(Inputs.ShowLogs, inputSchemas.boolean),
    revokeOnCancel: parse(Inputs.RevokeOnCancel, inputSchemas.boolean),
  };
}
