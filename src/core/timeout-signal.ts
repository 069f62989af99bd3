/**
 * A time budget as an AbortSignal, which combined budgets rely on firing.
 */

/**
 * An AbortSignal that aborts after `ms` with a TimeoutError, as
 * `AbortSignal.timeout` does, but kept alive by its own timer until then.
 * Node 20's `AbortSignal.timeout` holds its signal weakly, so one that only an
 * `AbortSignal.any` refers to (every budget here is combined with the job's
 * cancel signal) can be garbage-collected first and never fire: the budget
 * would never run out (seen on Node 20.20 under GC pressure; Node 24 keeps
 * it). The timer is unref'd, as `AbortSignal.timeout`'s is, so it never holds
 * the process open.
 */
export function timeoutSignal(ms: number): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  timer.unref();
  return controller.signal;
}
