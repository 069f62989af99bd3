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

/**
 * The credentials in `value`, a URL: its password as written and decoded,
 * or, without a password, a user name long enough to be a token. None for
 * a value that is no URL (an scp-like `git@host:org/app.git` names a user,
 * never a secret).
 */
export function urlCredentials(value: string | null | undefined): string[] {
  if (!value) return [];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [];
  }
  const raw = url.password || (url.username.length >= MIN_TOKEN_AS_USER ? url.username : '');
  if (!raw) return [];
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // A malformed escape: the value as written is what a log would show.
  }
  return decoded === raw ? [raw] : [raw, decoded];
}
