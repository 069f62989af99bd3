import type { ZodType } from 'zod';
import { FakeClock } from '../../src/core/clock.js';
import { HttpError } from '../../src/core/errors.js';
import type { CallContext, StartJournal } from '../../src/core/provider.js';
import type { ApiClient } from '../../src/http/api-client.js';
import type { CreateRunTiming } from '../../src/providers/testing-studio/run-creator.js';

/** The project every scripted Create Run is for. */
export const PROJECT = 'c2a9ec59-0c38-4372-bff5-83cd7f9c721f';
/** A call that is never cancelled and has no deadline to speak of. */
export const ctx: CallContext = { signal: new AbortController().signal, deadline: Number.MAX_SAFE_INTEGER };
/** A run as Testing Studio lists it, pending, with only a group as its filter. */
export const run = (runId: string, group: string | null = null) => ({ runId, status: 'PENDING', group, utterance: null, description: null });

/** Fake time, middle-of-the-range jitter: every wait is recorded in `clock.sleeps` and costs nothing. */
export function timing(overrides: Omit<CreateRunTiming, 'clock'> = {}): CreateRunTiming & { clock: FakeClock } {
  return { random: () => 0.5, ...overrides, clock: new FakeClock(1_000_000) };
}

/** How many Create Run POSTs the client has seen. */
export const posts = (client: { calls: string[] }): number => client.calls.filter((c) => c.startsWith('POST')).length;
/** How many run listings the client has seen. */
export const lists = (client: { calls: string[] }): number => client.calls.filter((c) => c.startsWith('GET')).length;
/** A 429 on Create Run, with Retry-After when given. */
export const throttled = (retryAfterMs?: number): HttpError => new HttpError('POST', '/api/runs/', 429, 'Too Many Requests', retryAfterMs);

/** An ApiClient whose list answers and create outcomes are scripted, recording every call. An Error in `lists` is thrown. */
export function scriptedClient(lists: (unknown[] | Error)[], creates: (unknown | Error)[]): ApiClient & { calls: string[] } {
  const calls: string[] = [];
  const parse = <T>(schema: ZodType<T>, data: unknown): T => schema.parse({ data });
  return {
    calls,
    getJson: async (path, schema) => {
      calls.push(`GET ${path}`);
      const next = lists.shift() ?? [];
      if (next instanceof Error) throw next;
      return parse(schema, next);
    },
    postJson: async (path, _body, schema) => {
      calls.push(`POST ${path}`);
      const next = creates.shift();
      if (next instanceof Error) throw next;
      return parse(schema, [next]);
    },
    postEmpty: async () => undefined,
    postFile: async () => undefined,
    download: async () => ({ bytes: 0 }),
  };
}

/** A journal that records what it is told: `sending` (with the note) and `nothing`. */
export function recordingJournal(): StartJournal & { events: string[]; notes: string[] } {
  const events: string[] = [];
  const notes: string[] = [];
  return {
    events,
    notes,
    sending: (note) => {
      events.push('sending');
      notes.push(note);
    },
    nothingStarted: () => events.push('nothing'),
  };
}
