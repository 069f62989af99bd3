/**
 * The two pieces of the runner protocol the entrypoint needs before anything
 * else is loaded: reading an input and reporting an error. Everything after
 * the required-inputs check uses `@actions/core`, but importing it pulls in
 * undici (through @actions/http-client), which alone costs ~65 ms of cold
 * start; failing fast on a missing input should not pay for that.
 *
 * Format as documented in "Workflow commands for GitHub Actions" and as
 * `@actions/core` implements it (`INPUT_<NAME>`, `::error::` with `%`, CR and
 * LF escaped).
 */

/** The raw value of input `name`, trimmed ('' when unset). Same lookup as core.getInput. */
export function readInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Escape a command's data part. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Report `message` as an error annotation and mark the step failed. */
export function failStep(message: string): void {
  process.stdout.write(`::error::${escapeCommandData(message)}\n`);
  process.exitCode = 1;
}
