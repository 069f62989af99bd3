/**
 * A project's repository URL may carry its credentials
 * (`https://oauth2:<token>@gitlab.example/app.git`, `https://<token>@github.com/…`)
 * rather than, or as well as, `gitToken`; the run's own log prints the URL it
 * clones. Those credentials are secrets like `gitToken`.
 */

/**
 * A user name shorter than this is taken for a name, not a token: `git@` or
 * `deploy@` masked in every log line would wipe the word from the log.
 * Personal access tokens are 20+ characters (GitHub's 40, GitLab's 26).
 */
const MIN_TOKEN_AS_USER = 20;
/** A password shorter than this (`x`, as some forms put a dummy there) is not masked: it would blank that text everywhere. */
const MIN_PASSWORD = 4;

/**
 * The credentials in `value`, a URL, as written and decoded: its password,
 * and its user name when that is long enough to be a token
 * (`https://<token>:x-oauth-basic@github.com/…`) and is not also a segment
 * of its path (Azure DevOps writes the organisation there:
 * `https://org@dev.azure.com/org/…`). None for a value that is no URL (an
 * scp-like `git@host:org/app.git` names a user, never a secret).
 */
export function urlCredentials(value: string | null | undefined): string[] {
  if (!value) return [];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [];
  }
  const segments = new Set(url.pathname.split('/').map(decoded));
  const found: string[] = [];
  for (const [raw, minimum] of [
    [url.password, MIN_PASSWORD],
    [url.username, MIN_TOKEN_AS_USER],
  ] as const) {
    const plain = decoded(raw);
    if (plain.length < minimum || (raw === url.username && segments.has(plain))) continue;
    found.push(raw);
    if (plain !== raw) found.push(plain);
  }
  return found;
}

/** A URL part with its escapes decoded; as written when an escape is malformed (a log would show it so). */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
