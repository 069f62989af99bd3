import { z } from 'zod';
import { listFirst } from '../../core/list-text.js';

/**
 * Zod schemas for Testing Studio answers (API reference, "Models").
 * All objects are loose: servers add fields, and we must not break on them.
 * Optional/nullable wherever the reference shows a default of `null`.
 */

/**
 * The envelope's `data`, validated by `payload`. The body is unwrapped before
 * `payload` runs, so a problem is reported at its path inside `data`
 * (`data.runId`), the way error messages name the payload, rather than as
 * `data.data.runId`. A body that is not an object at all is refused.
 *
 * A body without `data` reads as `data` being undefined when it is empty
 * (`{}`), or always when `lenient` (answers the caller can do without). An
 * object with other fields but no `data` is refused otherwise: it is a
 * different shape (a proxy's JSON, another API version, the items
 * unwrapped), and reading it as "no items" would report a run's test cases,
 * or a project's runs after an unanswered Create Run, as none at all. Unless
 * `bareItem` recognises it as one item sent without the envelope (the way the
 * reference's "Models › Run Log" example shows a log section): then it is
 * read as that item.
 */
function envelope<T extends z.ZodType>(payload: T, lenient = false, bareItem?: (body: Record<string, unknown>) => boolean) {
  return z
    .unknown()
    .transform((body, ctx): unknown => {
      if (!isRecord(body)) {
        const received = body === null ? 'null' : Array.isArray(body) ? 'array' : typeof body;
        ctx.addIssue({ code: 'custom', message: `expected a body with a data field, received ${received}` });
        return z.NEVER;
      }
      const fields = Object.keys(body);
      if ('data' in body || lenient || fields.length === 0) return body.data;
      if (bareItem?.(body)) return body;
      ctx.addIssue({ code: 'custom', message: `expected a body with a data field, received an object with ${fieldNames(fields)}` });
      return z.NEVER;
    })
    .pipe(payload);
}

/** At most five of a body's field names, shown safely: they come from the server. */
function fieldNames(fields: readonly string[]): string {
  const shown = listFirst(fields, 5, (name) => JSON.stringify(name.replace(/[^\w.-]/g, '?').slice(0, 40)));
  return `field${fields.length === 1 ? '' : 's'} ${shown}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The reference's examples answer `data` as an object for some endpoints and
 * as a one-element array for others (Create Run, Get Run); accept both.
 */
export function singleData<T extends z.ZodType>(item: T) {
  return envelope(z.union([item, z.array(item).min(1)])).transform(
    (data) => (Array.isArray(data) ? data[0] : data) as z.output<T>,
  );
}

/**
 * Like {@link singleData}, but `data` may be missing, `null` or `[]`, read as
 * `undefined`: for answers the caller can do without (run stats, which a run
 * that ended before any test may not have; the counts then come from its cases).
 */
export function optionalData<T extends z.ZodType>(item: T) {
  return envelope(z.union([item, z.array(item).max(1)]).nullish(), true).transform((data): z.output<T> | undefined =>
    (Array.isArray(data) ? data[0] : (data ?? undefined)) as z.output<T> | undefined,
  );
}

/** How {@link listData} reads a list whose items only add detail. */
interface ListOptions<T extends z.ZodType> {
  /** An item of the list that does not match is read as this instead of making the whole list unreadable. */
  fallback?: z.output<T>;
  /** Recognises a body that is one item sent without the envelope (see envelope). */
  bareItem?: (body: Record<string, unknown>) => boolean;
}

/**
 * `data` as a list; a single object is read as a list of one; `null`, or a
 * bare `{}`, as none. With a `fallback`, only items inside a list fall back:
 * a `data` of the wrong type altogether is still refused, not read as none.
 */
export function listData<T extends z.ZodType>(item: T, options: ListOptions<T> = {}) {
  const { fallback, bareItem } = options;
  const listed = fallback === undefined ? item : item.catch(fallback);
  return envelope(z.union([z.array(listed), item]).nullish(), false, bareItem).transform((data): z.output<T>[] => {
    if (data === null || data === undefined) return [];
    return (Array.isArray(data) ? data : [data]) as z.output<T>[];
  });
}

const nullableString = z.string().nullish();

/**
 * A number that only adds detail (a duration, a try count, a step number):
 * a numeric string ("889.0") is read as its number, and anything else that
 * is not a number is dropped, so one odd value cannot make a whole answer
 * (a run's test cases) unreadable.
 */
const detailNumber = z
  .preprocess((value) => (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value), z.number().nullish())
  .catch(undefined);

/**
 * A Run Stats count: a numeric string ("3") is read as its number; any
 * other value that is not a count is dropped, and the count then comes from
 * the run's test cases (the provider takes the larger of the two for failed
 * and unavailable), rather than the stats making the results unreadable.
 */
const statCount = z
  .preprocess((value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value), z.number().int().nonnegative().nullish())
  .catch(undefined);

/** A string that only adds detail (an id, a description): anything but a string is dropped. */
const detailString = nullableString.catch(undefined);

/** Task Artifact. */
export const artifactSchema = z.looseObject({
  artifactId: nullableString,
  name: nullableString,
  isExpired: z.boolean().nullish(),
});

/**
 * What a run id may look like: the reference's are UUIDs; this also admits
 * other plain identifiers. The id becomes the `run-id` output, which
 * workflows paste into `run:` scripts, and the name of files and artifacts,
 * so an id holding quotes, `$`, `;`, spaces or slashes is refused as a
 * malformed answer rather than handed on.
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/**
 * Run (API reference, "Models › Run"). The id, status and filters decide
 * what the step does, so they must have their documented types; the rest
 * only adds detail (progress, timestamps for the duration), and a value of
 * another shape there (`"total": null` in `executionMeta` while a run
 * starts, a numeric `duration`) is dropped rather than making the run's
 * status unreadable, which would stop the step following it.
 */
export const runSchema = z.looseObject({
  runId: z.string().regex(RUN_ID_PATTERN, 'expected a plain identifier such as a UUID (letters, digits, ".", "_", ":", "-")'),
  projectId: detailString,
  status: z.string().min(1),
  group: nullableString,
  utterance: nullableString,
  description: nullableString,
  createdAt: detailString,
  /** The reference's field table spells it `createAt`; its examples send `createdAt`. */
  createAt: detailString,
  finishedAt: detailString,
  isRevocable: z.boolean().nullish().catch(undefined),
  executionMeta: z.looseObject({ current: z.number(), total: z.number() }).nullish().catch(undefined),
  artifact: artifactSchema.nullish().catch(undefined),
  /** Python's timedelta as text: `0:00:03`, `1 day, 2:03:04.5`. */
  duration: detailString,
});
export type TsRun = z.output<typeof runSchema>;

/** Project (API reference, "Models › Project"). `gitToken` is a secret. */
export const projectSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  group: nullableString,
  gitToken: nullableString,
  gitUrl: nullableString,
  /** The reference's field table names the repo URL `gitID`; its examples send `gitUrl`. */
  gitID: nullableString,
  gitProvider: nullableString,
  gitStorage: z.boolean().nullish(),
  s3Storage: z.boolean().nullish(),
});
export type TsProject = z.output<typeof projectSchema>;

/** Run Stats. */
export const runStatsSchema = z.looseObject({
  pass: statCount,
  fail: statCount,
  unavailable: statCount,
});

/** Run Test Suites. */
export const suiteSchema = z.looseObject({ testSuiteName: z.string() });

/**
 * Test Case Error. The reference gives each field a default ("-"), so a
 * server may leave one out; zod 4 would otherwise require a `z.unknown()`
 * key to be present, and one error missing `found` would make the whole
 * list of test cases unreadable.
 */
export const caseErrorSchema = z.looseObject({
  step: detailNumber,
  assertion: z.unknown().optional(),
  expected: z.unknown().optional(),
  found: z.unknown().optional(),
});

/**
 * A `{ text }` entry: a Test Case Warning or a general error. `text` may be
 * missing. A bare value of another kind (a number) is read as its text
 * rather than making the whole list unreadable.
 */
const textEntrySchema = z.union([
  z.looseObject({ text: z.unknown().optional() }),
  z.string(),
  z.unknown().transform((value) => ({ text: value })),
]);

/** Test Case Warning (also used for general errors). */
export const caseWarningSchema = textEntrySchema;

/** Run Test Case Stats. `status` is free text ('success', 'pass', 'fail', 'unavailable', 'None' …). */
export const testCaseSchema = z.looseObject({
  testCaseId: detailString,
  testCaseName: z.string(),
  testCaseDescription: detailString,
  /** Decides the verdict with the name: kept strict. */
  status: z.string().nullish(),
  numberOfTries: detailNumber,
  /** Milliseconds, whatever the reference's table says: its example's 889.0 matches the log's "889.000 ms". */
  executionTime: detailNumber,
  dialogId: detailString,
  goldenDialogId: detailString,
  assertionErrors: z.array(caseErrorSchema).nullish(),
  generalErrors: z.array(caseWarningSchema).nullish(),
  warnings: z.array(caseWarningSchema).nullish(),
});
export type TsTestCase = z.output<typeof testCaseSchema>;

/**
 * A Run Log Content entry: a `{ text }`, or a whole section with a `content`
 * of its own, as the reference's Get Run Logs example nests "Load Test
 * Suites" in another section's content; the mapper keeps those lines where
 * the entry stands. One level, as in the example: a schema that recursed
 * would overflow the stack on a deeply nested answer. A nested `content` of
 * another shape is ignored, as the whole entry was before.
 */
const logEntrySchema = z.union([
  z.string(),
  z.looseObject({ text: z.unknown().optional(), content: z.array(textEntrySchema).nullish().catch(undefined) }),
  // Anything else (a number, a null) is read as its text, as a bare test-case warning is: one odd entry must not
  // make the whole log unreadable; a null has no text and is dropped.
  z.unknown().transform((value) => ({ text: value, content: undefined })),
]);
export type TsLogEntry = z.output<typeof logEntrySchema>;

/**
 * Run Log section. The reference's example contains empty `{}` elements, and
 * content entries without a `text` (a whole section nested in a section's
 * content), so every field is optional; the mapper drops empty sections and
 * entries with neither a text nor a content. The log is a courtesy: a field
 * of another shape (a numeric id, `"completed": "true"`) is dropped, and a
 * section that is no object at all is read as an empty one, so one odd value
 * costs that detail, not the whole log.
 */
export const logSectionSchema = z.looseObject({
  id: detailString,
  sectionName: detailString,
  content: z.array(logEntrySchema).nullish().catch(undefined),
  completed: z.boolean().nullish().catch(undefined),
});
export type TsLogSection = z.output<typeof logSectionSchema>;

/**
 * A run as Get Project Runs lists it, read only as far as telling runs apart
 * needs: its id and filters. The listing holds the project's whole history
 * (the reference documents no paging) and is read before every Create Run,
 * so one old run of an odd shape (a `status: null`, a timestamp of another
 * type) must not stop every later run from starting. The id stays strict: it
 * is what tells runs apart. A filter that is not a string or null cannot be
 * compared, so the run may be ours (run-listing.ts); a run taken as ours is read as a whole Run then
 * ({@link runSchema}, through run-listing's `readListedRun`).
 */
export const listedRunSchema = z.looseObject({
  runId: z.string().min(1),
  group: z.unknown().optional(),
  utterance: z.unknown().optional(),
  description: z.unknown().optional(),
});
export type TsListedRun = z.output<typeof listedRunSchema>;

export const runEnvelope = singleData(runSchema);
export const runListEnvelope = listData(listedRunSchema);
export const projectEnvelope = singleData(projectSchema);
export const runStatsEnvelope = optionalData(runStatsSchema);
export const suitesEnvelope = listData(suiteSchema);
export const testCasesEnvelope = listData(testCaseSchema);
/** Also a bare section without the envelope, as the reference's "Models › Run Log" example shows one. */
export const logsEnvelope = listData(logSectionSchema, {
  fallback: {},
  bareItem: (body) => 'sectionName' in body || Array.isArray(body['content']),
});
