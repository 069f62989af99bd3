/**
 * The signals a runner sends to cancel a step. On Linux and macOS the runner
 * sends SIGINT, then SIGTERM ~7.5 s later, then kills the process tree. On
 * Windows it sends Ctrl+C, then Ctrl+Break, which Node delivers as SIGBREAK
 * (actions/runner, `ProcessInvoker.CancelAndKillProcessTree`: `SendSIGINT`
 * is `CTRL_C`, `SendSIGTERM` is `CTRL_BREAK` there). Ctrl+C does not reach a
 * process that has it disabled, so on Windows SIGBREAK may be the first and
 * only signal the step gets before it is killed 2.5 s later; without a
 * listener, Node's default for it ends the process at once, with no revoke.
 * Node lets SIGBREAK be listened for on every platform (it is never raised
 * outside Windows), so the list is the same everywhere.
 */
export const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGBREAK'] as const satisfies readonly NodeJS.Signals[];

/** What {@link abortOnCancelSignals} does besides aborting. */
export interface CancelSignalOptions {
  /** Says that a signal came, once per first signal. */
  warn: (message: string) => void;
  /** Ends the process: a second signal means the runner is about to kill the step. */
  exit: (code: number) => void;
}

/** An abort signal raised by the first cancel signal, and the means to stop listening. */
export interface CancelSignalHandle {
  /** Aborted, with `received <SIGNAL>` as its reason, by the first cancel signal. */
  signal: AbortSignal;
  /** Removes the listeners. */
  dispose: () => void;
}

/**
 * Turns the first cancel signal into an abort (the orchestrator then revokes
 * the run) and a second one into an exit at once. The warning does not say
 * "and revoking the run": there may be none yet, it may have ended, or
 * revoke-on-cancel may be false; what became of it is said once it is known.
 */
export function abortOnCancelSignals(options: CancelSignalOptions): CancelSignalHandle {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      options.exit(1);
      return;
    }
    options.warn(`Received ${signal}: stopping.`);
    controller.abort(new Error(`received ${signal}`));
  };
  for (const name of CANCEL_SIGNALS) process.on(name, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of CANCEL_SIGNALS) process.off(name, onSignal);
    },
  };
}
