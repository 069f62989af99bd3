/**
 * A queue-based fault injector shared by the emulator and the fake GitHub.
 * Tests queue faults for a method + path; each matching request consumes one
 * use, so "fail twice then succeed" is just `times: 2`.
 */

/** What goes wrong for a matched request. */
export type Fault =
  /** Answer this status instead of the real handler (nothing happens server-side), after `delayMs` if given. */
  | { status: number; retryAfter?: string; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  /** Destroy the socket before answering (nothing happens server-side). */
  | { reset: true }
  /** Run the real handler (e.g. really create the run), then destroy the socket: the ambiguous case. */
  | { resetAfterHandling: true }
  /** Run the real handler, then answer this status instead of its answer (after `delayAfterHandlingMs`, if given). */
  | { statusAfterHandling: number; body?: unknown; delayAfterHandlingMs?: number }
  /**
   * Answer this status at once, then run the real handler `handleAfterMs` later on the server's clock, throwing its
   * answer away: a gateway that gives up (504) yet hands the request on, so the run appears only later. The handler
   * runs when the first request at or after that time arrives, before that request is handled, so it follows a
   * manual clock as well as the wall clock; every client sees it in time, but `runs` shows it only after such a request.
   */
  | { statusBeforeHandling: number; handleAfterMs: number; body?: unknown }
  /** Wait, then handle normally. */
  | { delayMs: number }
  /** Run the real handler (e.g. really create the run), then wait before answering: a slow answer to a request that took effect. */
  | { delayAfterHandlingMs: number }
  /** Handle normally, send headers and the first N body bytes, then destroy the socket. */
  | { resetAfterBytes: number };

/** One queued fault. */
export interface FaultRule {
  /** HTTP method to match; any method when omitted. */
  method?: string;
  /** Exact path (a trailing slash is optional) or a pattern tested against the path. */
  path: string | RegExp;
  /** How many matching requests it affects (default 1). */
  times?: number;
  fault: Fault;
}

interface QueuedRule {
  method: string | undefined;
  path: string | RegExp;
  remaining: number;
  fault: Fault;
}

function stripSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function matches(rule: QueuedRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (typeof rule.path === 'string') return stripSlash(rule.path) === stripSlash(path);
  // a global/sticky RegExp would carry lastIndex between calls
  rule.path.lastIndex = 0;
  return rule.path.test(path);
}

/** The fault queue. Rules are matched in the order they were injected. */
export class FaultInjector {
  private readonly rules: QueuedRule[] = [];

  /** Queues a fault. */
  inject(rule: FaultRule): void {
    const times = rule.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer, got ${times}`);
    this.rules.push({ method: rule.method, path: rule.path, remaining: times, fault: rule.fault });
  }

  /** Finds and consumes one use of the first rule matching the request. */
  take(method: string, path: string): Fault | undefined {
    const index = this.rules.findIndex((rule) => matches(rule, method, path));
    if (index === -1) return undefined;
    const rule = this.rules[index];
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.rules.splice(index, 1);
    return rule.fault;
  }

  /** Uses of queued faults not consumed yet (lets tests assert every fault fired). */
  get pending(): number {
    return this.rules.reduce((sum, rule) => sum + rule.remaining, 0);
  }

  /** Drops every queued fault. */
  clear(): void {
    this.rules.length = 0;
  }
}
