import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseDuration } from './duration.js';
import { InputError } from './errors.js';
import { InputDefaults, Inputs } from './inputs.js';
import type { RunFilters } from './model.js';

export { InputDefaults, Inputs };

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
   * Check that `suites` exists and is a folder or a .zip (default true). A
   * caller that never uploads (the post step, which only revokes) passes
   * false, so suites removed since the main step cannot stop the revoke.
   */
  checkSuitesOnDisk?: boolean;
}

const MAX_TIMEOUT_MS = 24 * 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A plain decimal number such as `5` or `2.5`. */
const DECIMAL = /^\d+(\.\d+)?$/;
/** What the `suites` input must name. */
const SUITES_EXPECTED = 'a folder or a .zip file';
/** The signatures a .zip may start with: a local file header or an empty archive's end record (as resolveSuites checks). */
const ZIP_SIGNATURES = ['PK\x03\x04', 'PK\x05\x06'];

/** One zod schema per input; the message of a failed parse is what was expected. */
const inputSchemas = {
  platform: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a platform name such as testing-studio'),
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
          return url;
        }
      } catch {
        // fall through to the issue below
      }
      ctx.addIssue({ code: 'custom', message: 'an http(s) URL such as https://studio.example.com' });
      return z.NEVER;
    }),
  apiToken: z.string().min(1, 'a non-empty API token'),
  projectId: z.string().regex(UUID, 'a project UUID such as c2a9ec59-0c38-4372-bff5-83cd7f9c721f'),
  timeout: z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0 || ms > MAX_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', message: 'minutes (30) or a duration such as 90s, 30m or 1h, at most 24h' });
      return z.NEVER;
    }
    return ms;
  }),
  pollInterval: z.string().transform((text, ctx): 'auto' | number => {
    if (text.toLowerCase() === 'auto') return 'auto';
    // Plain decimal seconds only: Number() would also take 0x10, 1e1 or 0b11.
    const seconds = DECIMAL.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(seconds) || seconds < 0.2 || seconds > 600) {
      ctx.addIssue({ code: 'custom', message: "'auto' or a number of seconds between 0.2 and 600" });
      return z.NEVER;
    }
    return Math.round(seconds * 1000);
  }),
  failOn: z.enum(['failed', 'unavailable', 'never'], { message: 'one of failed, unavailable, never' }),
  boolean: z
    .string()
    .transform((text) => text.trim().toLowerCase())
    .pipe(z.enum(['true', 'false', 'yes', 'no', '1', '0', 'on', 'off'], { message: 'true or false' }))
    .transform((text) => ['true', 'yes', '1', 'on'].includes(text)),
  relativePath: z.string().refine((p) => !p.includes('\0'), 'a path'),
};

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
  if (suites !== undefined && context.checkSuitesOnDisk !== false) checkSuites(suites);
  const resultsPath = resolve(parse(Inputs.ResultsPath, inputSchemas.relativePath));
  if (!isInsideFolder(context.workspace, resultsPath)) {
    throw new InputError(Inputs.ResultsPath, 'a folder inside the workspace');
  }
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

/**
 * True when `target` is strictly below `folder`. Compares the relative path
 * by segments: a folder named `..results` is inside, and on Windows a target
 * on another drive (where the relative path is absolute) is not. `paths` is
 * injectable so the Windows rules can be tested anywhere.
 */
export function isInsideFolder(folder: string, target: string, paths: path.PlatformPath = path): boolean {
  const rel = paths.relative(paths.resolve(folder), paths.resolve(target));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${paths.sep}`) && !paths.isAbsolute(rel);
}

/**
 * The `suites` input must name an existing folder with something in it, or
 * a .zip file, checked here so a typo fails before any request (the upload
 * itself comes after Get Project). Mirrors resolveSuites, which checks again
 * when it zips.
 */
function checkSuites(suites: string): void {
  let info;
  try {
    info = statSync(suites);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${codeOf(error)})`;
    throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${suites}' ${problem}`);
  }
  if (info.isDirectory()) {
    let found: boolean;
    try {
      found = hasEntryToUpload(suites);
    } catch (error) {
      throw new InputError(Inputs.Suites, `a readable folder; '${suites}' cannot be read (${codeOf(error)})`);
    }
    if (!found) throw new InputError(Inputs.Suites, `a folder with at least one file; '${suites}' has none`);
    return;
  }
  if (!info.isFile()) throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${suites}' is neither`);
  if (!suites.toLowerCase().endsWith('.zip')) {
    throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${suites}' is a file whose name does not end in .zip`);
  }
  if (!startsWithZipSignature(suites)) throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${suites}' is not a zip archive`);
}

/**
 * True when the folder (or a folder below it) holds a file or a symlink.
 * Stops at the first one. Symlinked folders are not followed, as zipFolder
 * does not follow them; a symlink counts, as zipFolder may include it.
 */
function hasEntryToUpload(folder: string): boolean {
  const pending = [folder];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile() || entry.isSymbolicLink()) return true;
      if (entry.isDirectory()) pending.push(path.join(dir, entry.name));
    }
  }
  return false;
}

function startsWithZipSignature(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${file}' cannot be read (${codeOf(error)})`);
  }
  try {
    const head = Buffer.alloc(4);
    const read = readSync(fd, head, 0, 4, 0);
    return read === 4 && ZIP_SIGNATURES.includes(head.toString('latin1'));
  } finally {
    closeSync(fd);
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
}
