export const id = 60;
export const ids = [60,434];
export const modules = {

/***/ 61434:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ pullRequestNumber),
/* harmony export */   isForkPullRequest: () => (/* binding */ isForkPullRequest)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9691);
/**
 * What the triggering event's payload (GITHUB_EVENT_PATH) says of a pull
 * request. Kept apart from the GitHub host, and free of `@actions/core`, so
 * the entrypoint can explain a missing api-token without loading it.
 */


/** A pull request's head or base: the repository it lives in (none for a head whose fork was deleted). */
const repoName = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ repo: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ full_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP() }).nullish() }).optional();
/**
 * The parts of an event payload that name a pull request: `pull_request` for
 * the pull_request* events, and for issue_comment the `issue`, which is a pull
 * request when it carries a `pull_request` key (a comment-triggered run).
 */
const pullRequestEvent = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    pull_request: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ number: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(), head: repoName, base: repoName }).optional(),
    issue: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ number: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(), pull_request: zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({}).optional() }).optional(),
});
/** The triggering event's payload, as far as it names a pull request; undefined when it cannot be read. */
function readPullRequestEvent(env) {
    const eventPath = env['GITHUB_EVENT_PATH'];
    if (!eventPath)
        return undefined;
    try {
        const event = pullRequestEvent.safeParse(JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(eventPath, 'utf8')));
        return event.success ? event.data : undefined;
    }
    catch {
        return undefined;
    }
}
/** The pull request number of the triggering event, if it is one. */
function pullRequestNumber(env) {
    const event = readPullRequestEvent(env);
    return event?.pull_request?.number ?? (event?.issue?.pull_request ? event.issue.number : undefined);
}
/**
 * Whether the job runs for a pull request event from a fork that GitHub gives
 * a read-only GITHUB_TOKEN whatever `permissions:` asks for: `pull_request`
 * and the review events, not `pull_request_target`, which runs in the base
 * repository with its permissions. A deleted fork's head has no repo: a fork too.
 */
function isForkPullRequest(env) {
    const event = env['GITHUB_EVENT_NAME'] ?? '';
    if (!event.startsWith('pull_request') || event === 'pull_request_target')
        return false;
    const pr = readPullRequestEvent(env)?.pull_request;
    if (!pr?.base?.repo || pr.head === undefined)
        return false;
    return pr.head.repo?.full_name !== pr.base.repo.full_name;
}


/***/ }),

/***/ 30060:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runAction: () => (/* binding */ runAction)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
;// CONCATENATED MODULE: ./src/core/clock.ts
/** The real clock, backed by `Date.now` and `setTimeout`. */
const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(signal.reason);
            return;
        }
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, Math.max(0, ms));
        signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
/**
 * A manual clock for tests: `sleep` advances time instantly and records
 * every requested delay.
 */
class FakeClock {
    current;
    /** Every delay passed to `sleep`, in call order. */
    sleeps = [];
    constructor(current = 0) {
        this.current = current;
    }
    now() {
        return this.current;
    }
    advance(ms) {
        this.current += ms;
    }
    async sleep(ms, signal) {
        if (signal?.aborted)
            throw signal.reason;
        this.sleeps.push(ms);
        this.current += Math.max(0, ms);
    }
}

// EXTERNAL MODULE: ./src/core/inputs.ts
var inputs = __webpack_require__(89114);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
;// CONCATENATED MODULE: ./src/core/list-text.ts
/**
 * How many names (files, entries) a warning or error lists before counting
 * the rest: enough to act on, few enough that thousands of left-out or
 * renamed files do not bury the sentence.
 */
const NAMES_SHOWN = 10;
/**
 * The first `max` of `items`, each shown by `show`, joined with commas, and
 * the rest counted: `"a", "b" and 3 more`. For messages and reports that name
 * what the server sent (file names, suites, fields), where a long list would
 * drown the sentence it sits in.
 */
function listFirst(items, max, show) {
    const shown = items.slice(0, max).map(show);
    const more = items.length - shown.length;
    return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

;// CONCATENATED MODULE: ./src/core/log-printer.ts
/** How many of a section's last printed lines are kept as text: for an older copy that stops inside one, or a last line that grew. */
const TAIL_LINES = 3;
/**
 * Prints a run's log sections into the job log, each once.
 *
 * The Testing Studio logs endpoint has no incremental query (API reference,
 * "Get Run Logs"), so every fetch returns the whole log. We remember what
 * each section held when it was printed and print only what follows. A
 * section is printed when the platform marks it completed (one collapsible
 * group per section); whatever is left is flushed when the run is over.
 * Lines that show up in an already-printed section go into a "(continued)"
 * group.
 *
 * Counting alone trusts the server to only ever append, so a section is
 * compared by content (a hash per line, not the lines themselves, so a long
 * log is not held twice):
 * - it starts with everything printed: what follows is new;
 * - it is a start of what was printed (a lagging replica, a server that
 *   restarted from an older copy), possibly stopping inside one of the
 *   last lines printed: nothing is new, and our place is kept;
 * - only its last printed line grew (an unterminated line written on):
 *   that line is printed again with what follows;
 * - it starts with the end of what was printed (a server keeping only the
 *   latest lines): what follows that is new, so nothing is lost;
 * - otherwise it was rewritten (a task re-run after RETRY): printed again
 *   in full as "(rewritten)", whatever its length.
 */
class LogPrinter {
    log;
    printed = new Map();
    /** The sections of the last fetch that were not printed for being incomplete (see printHeld). */
    held = [];
    constructor(log) {
        this.log = log;
    }
    /** Print what is new. `final` flushes incomplete sections too. Returns the number of lines printed. */
    print(sections, final) {
        let count = 0;
        for (const section of sections) {
            if (!(section.completed || final))
                continue;
            const hashes = lineHashes(section.lines);
            const seen = this.printed.get(section.id);
            const start = seen ? resumeAt(section.lines, hashes, seen) : 0;
            if (start === 'older')
                continue;
            const fresh = section.lines.slice(start === 'rewritten' ? 0 : start);
            if (fresh.length === 0)
                continue;
            const title = !seen ? section.name : `${section.name} (${start === 'rewritten' ? 'rewritten' : 'continued'})`;
            this.log.untrustedSection(title, fresh);
            this.printed.set(section.id, { count: section.lines.length, hashes, tail: section.lines.slice(-TAIL_LINES) });
            count += fresh.length;
        }
        this.held = final ? [] : sections.filter((section) => !section.completed);
        return count;
    }
    /**
     * Flush what the last fetch held of incomplete sections, when the final
     * fetch fails: the section still running when the run ended (the failing
     * case, the results) was downloaded, just not printed yet.
     */
    printHeld() {
        return this.print(this.held, true);
    }
}
/** Where the lines not printed yet begin, or what became of the section. `hashes` are the lines' lineHashes. */
function resumeAt(lines, hashes, seen) {
    const { count } = seen;
    if (count === 0)
        return 0;
    /** Whether the section's lines from..from+length are the printed lines at..at+length. */
    const same = (from, at, length) => {
        for (let i = 0; i < length; i++)
            if (hashes[from + i] !== seen.hashes[at + i])
                return false;
        return true;
    };
    /** The printed line at `index`, when it is one of the last ones (whose text is kept). */
    const printedLine = (index) => seen.tail[index - (count - seen.tail.length)];
    const n = lines.length;
    // The usual case: the section only grew (or did not change).
    if (n >= count && same(0, 0, count))
        return count;
    // An older copy: it holds nothing that was not printed, though it may stop inside one of the last lines.
    if (n < count && same(0, 0, n))
        return 'older';
    if (n > 0 && n <= count && same(0, 0, n - 1) && printedLine(n - 1)?.startsWith(lines[n - 1] ?? ''))
        return 'older';
    // Only the last printed line grew: print it again, with what follows.
    const last = printedLine(count - 1);
    if (n >= count && last !== undefined && same(0, 0, count - 1) && lines[count - 1]?.startsWith(last))
        return count - 1;
    // Lines were dropped from its start: it starts with the printed lines' end. The longest such overlap is taken,
    // so lines that come more than once are not printed twice. Only where its first line matches is the rest compared.
    for (let overlap = Math.min(n, count - 1); overlap > 0; overlap--) {
        if (hashes[0] === seen.hashes[count - overlap] && same(0, count - overlap, overlap))
            return overlap;
    }
    return 'rewritten';
}
/**
 * A hash of each line: two 32-bit FNV-1a hashes with different primes, 53
 * bits kept, so a chance collision needs ~2^26 lines compared. Not a guard
 * against a server crafting collisions, which could only hide its own log
 * lines.
 */
function lineHashes(lines) {
    const out = new Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        let a = 0x811c9dc5;
        let b = 0x01234567;
        for (let j = 0; j < line.length; j++) {
            const c = line.charCodeAt(j);
            a = Math.imul(a ^ c, 0x01000193);
            b = Math.imul(b ^ c, 0x5bd1e995);
        }
        out[i] = (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/core/model.ts
/**
 * Platform-neutral data model. Providers map vendor answers onto these types
 * through complete tables; reports and the verdict only ever see these.
 */
/** States after which the run will not change any more. */
const TERMINAL_STATES = new Set(['passed', 'failed', 'cancelled', 'errored']);
/**
 * The `status` the step reports when it stopped before the run's own final
 * status was known: the timeout passed, the job was cancelled, the run's
 * status could no longer be read (or whether a run was started could not be
 * told), or no run was started at all (the API refused the project, the
 * upload or Create Run).
 */
const StopStatus = {
    TimedOut: 'TIMED_OUT',
    Cancelled: 'CANCELLED',
    Unknown: 'UNKNOWN',
    NotStarted: 'NOT_STARTED',
};

;// CONCATENATED MODULE: ./src/core/poll-policy.ts
/** The default (`poll-interval: auto`) schedule. */
const ADAPTIVE_POLL_POLICY = { minMs: 500, maxMs: 25_000, growth: 0.13 };
/**
 * When the run's log is fetched while waiting (`show-logs`), whatever the
 * status schedule: every 3 s at first, then a quarter of the run's age,
 * capped at a minute. Each fetch downloads the whole log (the endpoint has no
 * incremental query) and a section is printed once it is over, so a long
 * run's log is read about once a minute: with the status checks, ~3.5
 * requests a minute, and a 10 MB log is not downloaded every 25 s.
 */
const LOG_FETCH_POLICY = { minMs: 3_000, maxMs: 60_000, growth: 0.25 };
/** A fixed interval, for `poll-interval: <seconds>`. */
function fixedPollPolicy(intervalMs) {
    return { minMs: intervalMs, maxMs: intervalMs, growth: 0 };
}
/** Milliseconds to wait before the next check, given how long the run has been going. */
function nextPollDelay(policy, elapsedMs) {
    const proportional = policy.growth * Math.max(0, elapsedMs);
    return Math.round(Math.min(policy.maxMs, Math.max(policy.minMs, proportional)));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
;// CONCATENATED MODULE: ./src/core/path-key.ts
/**
 * Whether two paths name one file where the step runs: on macOS (APFS) and
 * Windows (NTFS), whose default file systems ignore letter case (and on
 * macOS the Unicode normalisation form, on Windows trailing dots and
 * spaces), `Results` and `results` are one folder. Used for an artifact's
 * entries (two that land on one file are duplicates) and for results-path
 * (two steps writing to one folder).
 */
/** Whether the file systems of `platform`'s runners fold names (see {@link pathKey}): macOS and Windows. */
function foldsNames(platform = process.platform) {
    return platform === 'darwin' || platform === 'win32';
}
/**
 * The key under which a file system stores `rel` (`/`-separated). Folded,
 * it is what macOS (APFS, normalisation- and case-insensitive) and Windows
 * (NTFS, case-insensitive, trailing dots and spaces dropped) would make of
 * it, so two paths that would land on one file get one key there too.
 */
function pathKey(rel, fold) {
    if (!fold)
        return rel;
    // Upper-cased first, then lower-cased: letters with more than one lower-case form (µ and μ, ς and σ, ſ and s)
    // meet at their upper case, as case-insensitive file systems compare them. ß becomes ss: a pair that a file
    // system might keep apart is then refused as a duplicate, the safe way round.
    return rel
        .normalize('NFC')
        .toUpperCase()
        .toLowerCase()
        .split('/')
        .map((segment) => segment.replace(/[. ]+$/, ''))
        .join('/');
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:v8"
var external_node_v8_ = __webpack_require__(78877);
// EXTERNAL MODULE: external "node:vm"
var external_node_vm_ = __webpack_require__(30714);
;// CONCATENATED MODULE: ./src/streams/gc-nudge.ts



/** How many bytes may stream through between two young-generation collections. */
const GC_NUDGE_EVERY_BYTES = 4 * 1024 * 1024;
/**
 * A pass-through stream that asks V8 for a minor (young-generation) garbage
 * collection every `everyBytes` bytes, and enforces `limit` when given.
 *
 * Why the limit lives here rather than in a stream of its own: each stage of
 * a 400 MB pipeline costs time in a process that has just started (its
 * JavaScript still unoptimised). A separate limiting Transform before this
 * one made the artifact download 0.17 s slower on Node 20 and 0.08 s on
 * Node 24 (medians of 9 interleaved rounds, first download of a fresh
 * process, 0.49 → 0.67 s and 0.43 → 0.51 s), a third of curl's time.
 *
 * Why: streaming hundreds of MB allocates a 64 KB Buffer per socket or file
 * read. They die at once, but V8 only collects them when its external-memory
 * counter grows by tens of MB, so a 400 MB download peaked ~40 MB above the
 * process's baseline. A scavenge costs well under a millisecond here and
 * keeps the peak ~10 MB above it (measured by `npm run bench`).
 * It is also faster. Measured on a 400 MB loopback download (--trace-gc,
 * 3 runs each): every 4 or 8 MB, one mark-compact and ~0.25 s of user CPU;
 * every 16 or 32 MB, or never, 15–18 mark-compacts (V8's external-memory
 * trigger) and ~0.45–0.5 s; every 2 MB, 30 mark-compacts and ~0.7 s (buffers
 * still in flight survive two scavenges and are promoted).
 * 4 MB rather than 8: the bench's download + extract peak, 3 runs each, fell
 * from 84–87 to 78–80 MB on Node 20 and from 98–105 to 96–101 MB on Node 24
 * (which starts ~11 MB higher), with no change seen in download time.
 * Where `gc` cannot be exposed, this is a plain pass-through.
 */
function gcNudge(everyBytes = GC_NUDGE_EVERY_BYTES, highWaterMark = 1024 * 1024, limit) {
    const collect = exposeGc();
    let since = 0;
    let total = 0;
    return new external_node_stream_.Transform({
        highWaterMark,
        transform(chunk, _encoding, callback) {
            total += chunk.length;
            if (limit && total > limit.maxBytes) {
                callback(limit.tooLarge());
                return;
            }
            since += chunk.length;
            if (since >= everyBytes) {
                since = 0;
                collect?.();
            }
            callback(null, chunk);
        },
    });
}
/**
 * Run `fn` while collecting the young generation every `intervalMs`. For
 * streams we cannot put a gcNudge into, such as the multipart upload body
 * that undici reads from a file-backed Blob. Measured on a 300 MB upload:
 * +38 MB over baseline without, +12 MB with a 10 ms interval (50 ms: +37 MB).
 * 5 ms, from 10: the bench's zip + upload peak, 3+ runs each, fell from
 * 86–91 to 84–85 MB on Node 20 and from 100–104 to 99–102 MB on Node 24; a
 * scavenge of a small young generation takes well under a millisecond.
 */
async function withPeriodicGc(fn, intervalMs = 5) {
    const collect = exposeGc();
    const timer = collect ? setInterval(collect, intervalMs) : undefined;
    try {
        return await fn();
    }
    finally {
        clearInterval(timer);
    }
}
/**
 * The isolate's young-generation collector, looked up on first use and kept:
 * it is a fact of the process, not state that changes. Looking it up builds a
 * fresh V8 context (~0.4 ms, and memory until that context is collected),
 * which extraction, making one nudge per zip entry, would otherwise do for
 * every entry.
 */
let collector;
function exposeGc() {
    collector ??= { collect: lookUpGc() };
    return collector.collect;
}
/** The `gc` function, exposed at run time (it is per-isolate, so a fresh context can see it). */
function lookUpGc() {
    try {
        (0,external_node_v8_.setFlagsFromString)('--expose-gc');
        const gc = (0,external_node_vm_.runInNewContext)('typeof gc === "function" ? gc : undefined');
        if (typeof gc !== 'function')
            return undefined;
        return () => gc({ type: 'minor' });
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/streams/secret-scrubber.ts
/**
 * Replaces secrets in a byte stream, for files the step writes from what the
 * server sent (the run's artifact: its log may print the project's git
 * token). A secret may straddle two chunks, so the last bytes of each chunk
 * that could begin one are held back until the next chunk, or the end,
 * decides.
 */

/** What a found secret becomes, as in every text the step writes. */
const REPLACEMENT = Buffer.from('***');
const EMPTY = Buffer.alloc(0);
/**
 * The first position at or after `from` where the rest of `buffer` is the
 * start of a secret, cut by the buffer's end; `buffer.length` if none. Only
 * there must bytes be held back. Nearly always none: held-back bytes would
 * cost a copy (or an extra small write) per chunk.
 */
function cutSecretStart(buffer, patterns, from) {
    for (let at = from; at < buffer.length; at++) {
        const rest = buffer.length - at;
        for (const pattern of patterns) {
            if (pattern.length <= rest)
                continue;
            let k = 0;
            while (k < rest && buffer[at + k] === pattern[k])
                k++;
            if (k === rest)
                return at;
        }
    }
    return buffer.length;
}
/**
 * Scrubs `buffer`. `patterns` must be non-empty and longest first, so that of
 * two secrets starting at one place the longer is replaced. Unless `final`,
 * the bytes from where a secret may be cut by the buffer's end are held back:
 * the caller puts them in front of the next buffer.
 */
function scrubBuffer(buffer, patterns, final) {
    const longest = patterns[0]?.length ?? 0;
    const tail = Math.max(0, buffer.length - (longest - 1));
    // A match starting at or after a cut secret's start waits, held back: it may be the start of a longer secret
    // (a secret's lines are secrets too). Any match before it is whole within the buffer, and so is any longer one.
    let decided = final ? buffer.length : cutSecretStart(buffer, patterns, tail);
    const parts = [];
    let found = 0;
    let from = 0;
    // Each pass replaces the earliest match after `from`; bounded by the buffer's length, as every match moves `from` on.
    for (;;) {
        // A match that ran past `decided` (the start of a longer secret it overlapped) leaves the bytes after it to be
        // decided afresh: a whole secret right after it (`tokentoken`) is replaced, not passed on in part.
        if (from > decided)
            decided = cutSecretStart(buffer, patterns, Math.max(from, tail));
        let at = -1;
        let match;
        for (const pattern of patterns) {
            const index = buffer.indexOf(pattern, from);
            if (index !== -1 && index < decided && (at === -1 || index < at)) {
                at = index;
                match = pattern;
            }
        }
        if (match === undefined)
            break;
        parts.push(buffer.subarray(from, at), REPLACEMENT);
        from = at + match.length;
        found++;
    }
    // At the loop's end `decided` is at or after `from` (the check at its top).
    const holdFrom = final ? buffer.length : decided;
    if (holdFrom > from)
        parts.push(from === 0 && holdFrom === buffer.length ? buffer : buffer.subarray(from, holdFrom));
    return { parts, held: holdFrom < buffer.length ? Buffer.from(buffer.subarray(holdFrom)) : EMPTY, found };
}
/**
 * A pass-through that writes `***` for every occurrence of `patterns` (the
 * secrets' bytes) and calls `onFound` with the count once the stream ends.
 */
function createSecretScrubber(patterns, onFound) {
    const ordered = [...patterns].filter((p) => p.length > 0).sort((a, b) => b.length - a.length);
    let held = EMPTY;
    let found = 0;
    const push = (stream, parts) => {
        for (const part of parts)
            if (part.length > 0)
                stream.push(part);
    };
    return new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            if (ordered.length === 0) {
                callback(null, chunk);
                return;
            }
            // Held bytes are rare (the chunk ended in what may be the start of a secret), so joining them is too.
            const input = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
            const result = scrubBuffer(input, ordered, false);
            held = result.held;
            found += result.found;
            push(this, result.parts);
            callback();
        },
        flush(callback) {
            if (ordered.length > 0 && held.length > 0) {
                const result = scrubBuffer(held, ordered, true);
                found += result.found;
                push(this, result.parts);
            }
            if (found > 0)
                onFound(found);
            callback();
        },
    });
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./src/archive/windows-names.ts
/**
 * How an archive entry's name is spelled on a Windows runner. The run's
 * artifact comes from a Linux server and may name a file as Windows cannot
 * (a timestamped log, `run-10:00:00.log`): written as is, the open fails
 * (ENOENT) and the whole extraction with it, or a colon names an NTFS
 * alternate data stream and the file is hidden inside another. Such names
 * are written with `_` instead, as common unzip tools on Windows do.
 */
/** Characters NTFS refuses in a name (NUL is refused earlier, for every platform). */
// eslint-disable-next-line no-control-regex -- NTFS refuses control characters in names too
const REFUSED_CHARACTERS = /[<>:"|?*\x01-\x1f]/g;
/**
 * Trailing dots and spaces: Windows drops them (so `notes.` would be written
 * as `notes`), or, where a path bypasses that, makes a file most Windows
 * tools cannot open or delete.
 */
const TRAILING_DOTS_AND_SPACES = /[. ]+$/;
/**
 * Device names Windows opens as devices in any folder, with any extension
 * (`aux.txt` is the AUX device): NUL would swallow the file, COM1 fail to
 * open; written as a file all the same, most Windows tools cannot delete it.
 */
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$) *(\.|$)/i;
/**
 * One path segment as Windows can hold it: refused characters and trailing
 * dots and spaces become `_`, and a device name gets `_` in front. A name
 * Windows can hold comes back unchanged.
 */
function windowsSegment(segment) {
    const replaced = segment.replace(REFUSED_CHARACTERS, '_').replace(TRAILING_DOTS_AND_SPACES, (tail) => '_'.repeat(tail.length));
    return DEVICE_NAME.test(replaced) ? `_${replaced}` : replaced;
}

;// CONCATENATED MODULE: ./src/archive/extract-plan.ts
/**
 * The scan pass of safeExtract (./safe-extract.ts): what an untrusted zip's
 * entries may be called, where each would be written, and the byte limits
 * its data must keep to while written.
 */






/**
 * Longest entry name accepted, in characters. Names are checked and split
 * per entry and each of their folders is recorded, so cost grows with length
 * times depth: without a bound, one 64 KB name (`a/` × 32,000) took ~1 GB of
 * heap and 10 s, and four of them in a 256 KB zip ran the process out of
 * memory. Paths of real results are far shorter, and Windows runners cannot
 * write most names past 260 characters anyway.
 */
const MAX_ENTRY_NAME_CHARS = 1024;
/** Deepest folder nesting accepted in an entry name (see MAX_ENTRY_NAME_CHARS). */
const MAX_ENTRY_DEPTH = 64;
/** Longest path segment accepted, in UTF-8 bytes: what Linux, macOS and Windows file systems hold at most. */
const MAX_SEGMENT_BYTES = 255;
/** How many folders the entries may imply, per entry allowed (see scan): bounds the scan's memory. */
const FOLDERS_PER_ENTRY = 4;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
/**
 * Validate an entry name and say where it would be written, relative to
 * `destDir`. Backslashes count as separators. Throws UnsafeArchiveError for
 * NUL, absolute or drive paths, any `..` segment, or a resolved path outside
 * `destDir`. With `windowsNames`, each segment is spelled as Windows can
 * hold it (see windowsSegment).
 */
function resolveEntryTarget(destDir, name, windowsNames = false) {
    if (name === '')
        throw unsafe(name, 'empty name');
    if (name.length > MAX_ENTRY_NAME_CHARS)
        throw unsafe(name, `name is longer than ${MAX_ENTRY_NAME_CHARS} characters`);
    if (name.includes('\0'))
        throw unsafe(name, 'name contains a NUL character');
    const normalised = name.replace(/\\/g, '/');
    if (normalised.startsWith('/') || /^[a-zA-Z]:/.test(normalised))
        throw unsafe(name, 'absolute path');
    const given = normalised.split('/').filter((s) => s !== '' && s !== '.');
    if (given.includes('..'))
        throw unsafe(name, "path contains a '..' segment");
    if (given.length > MAX_ENTRY_DEPTH)
        throw unsafe(name, `nested deeper than ${MAX_ENTRY_DEPTH} levels`);
    if (given.some((segment) => Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)) {
        throw unsafe(name, `a path segment is longer than ${MAX_SEGMENT_BYTES} bytes`);
    }
    const segments = windowsNames ? given.map(windowsSegment) : given;
    const isDirectory = normalised.endsWith('/');
    const root = external_node_path_default().resolve(destDir);
    // Belt and braces: whatever the platform's path rules make of the segments,
    // the result must stay inside the destination.
    const relative = external_node_path_default().relative(root, external_node_path_default().resolve(root, ...segments));
    if (!isInside(relative))
        throw unsafe(name, 'path escapes the destination');
    if (relative === '' && !isDirectory)
        throw unsafe(name, 'file entry names the destination itself');
    const rel = segments.join('/');
    return rel === given.join('/') ? { rel, isDirectory } : { rel, isDirectory, renamedFrom: given.join('/') };
}
/**
 * A pass-through that fails with UnsafeArchiveError as soon as the bytes of
 * one entry exceed `maxEntryBytes` or the shared `total` exceeds its max.
 * The chunk that crosses a limit is not passed on. With `expectedCrc32`, the
 * entry's data must also match the CRC-32 its archive records, checked once
 * all of it has passed (yauzl does not check it): a file damaged in storage
 * or on the way fails the extraction, whose files are then removed, rather
 * than being kept as if whole. Folded into this stage, as each stage of a
 * large transfer costs time (see gcNudge); zlib's crc32 takes ~0.09 s per 400 MB.
 */
function createByteLimiter(entryName, maxEntryBytes, total, expectedCrc32) {
    let entryBytes = 0;
    let crc = 0;
    return new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            entryBytes += chunk.length;
            total.used += chunk.length;
            if (entryBytes > maxEntryBytes) {
                callback(unsafe(entryName, `expands to more than the per-file limit of ${maxEntryBytes} bytes`));
            }
            else if (total.used > total.max) {
                callback(unsafe(entryName, `archive expands to more than the limit of ${total.max} bytes in total`));
            }
            else {
                if (expectedCrc32 !== undefined)
                    crc = (0,external_node_zlib_.crc32)(chunk, crc);
                callback(null, chunk);
            }
        },
        flush(callback) {
            if (expectedCrc32 !== undefined && crc >>> 0 !== expectedCrc32 >>> 0) {
                callback(unsafe(entryName, 'data is corrupt (its CRC-32 does not match the one the archive records)'));
            }
            else {
                callback();
            }
        },
    });
}
/**
 * Pass 1 of safeExtract: validate every entry (name, type, declared
 * size, duplicates, a file where a folder must be, entry count) and say where
 * each goes; nothing is written, so a hostile name writes nothing.
 */
async function scan(zip, root, caps, names, signal) {
    const { fold } = names;
    if (zip.entryCount > caps.maxEntries) {
        throw new errors/* UnsafeArchiveError */.td(`Archive has ${zip.entryCount} entries; the limit is ${caps.maxEntries}.`);
    }
    const plan = [];
    const seen = new Set();
    // Every folder the archive implies: a file at one of these paths (or a folder at a file's) could not be written.
    const folders = new Set();
    const maxFolders = caps.maxEntries * FOLDERS_PER_ENTRY;
    let declaredTotal = 0;
    for await (const entry of zip.eachEntry()) {
        signal?.throwIfAborted();
        const name = entry.fileName;
        const target = resolveEntryTarget(root, name, names.windowsNames);
        const isLink = ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
        if (isLink)
            throw unsafe(name, 'symbolic links are not allowed');
        if (!target.isDirectory) {
            if (!entry.canDecodeFileData())
                throw unsafe(name, 'encrypted or uses an unsupported compression method');
            if (entry.uncompressedSize > caps.maxEntryBytes) {
                throw unsafe(name, `declares ${entry.uncompressedSize} bytes; the per-file limit is ${caps.maxEntryBytes}`);
            }
            declaredTotal += entry.uncompressedSize;
            if (declaredTotal > caps.maxTotalBytes) {
                throw unsafe(name, `archive declares more than the limit of ${caps.maxTotalBytes} bytes in total`);
            }
            // A second entry with the same path could silently replace a checked file.
            const key = pathKey(target.rel, fold);
            if (seen.has(key))
                throw unsafe(name, 'duplicate entry');
            if (folders.has(key))
                throw unsafe(name, 'a file and a folder share this path');
            seen.add(key);
        }
        if (target.rel !== '') {
            addFolders(pathKey(target.rel, fold), target.isDirectory, { seen, folders, maxFolders, name });
            plan.push({ ...target, entry });
        }
    }
    return plan;
}
/**
 * Record the folders `key` implies (itself too, for a folder entry), deepest
 * first, stopping at the first one already recorded: its own parents were
 * recorded with it, and checked against the files seen then (a file seen
 * later at one of them is caught by the scan's `folders` check). So each
 * folder is hashed once, not once per entry below it.
 */
function addFolders(key, isDirectory, state) {
    const { seen, folders, maxFolders, name } = state;
    // A folder's key can be empty: folding makes a segment of dots or spaces ('...') nothing.
    let end = isDirectory ? key.length : key.lastIndexOf('/');
    while (end >= 0) {
        const folder = key.slice(0, end);
        if (folders.has(folder))
            return;
        if (seen.has(folder))
            throw unsafe(name, 'a file and a folder share this path');
        folders.add(folder);
        if (folders.size > maxFolders)
            throw new errors/* UnsafeArchiveError */.td(`Archive implies more than ${maxFolders} folders.`);
        if (end === 0)
            return;
        end = key.lastIndexOf('/', end - 1);
    }
}
/** True for a `path.relative` result that stays inside its base ('..foo' is a fine name). */
function isInside(relative) {
    return relative !== '..' && !relative.startsWith(`..${(external_node_path_default()).sep}`) && !external_node_path_default().isAbsolute(relative);
}
/** The name is JSON-quoted so control characters in it cannot reshape the log. */
function unsafe(name, reason) {
    const shown = JSON.stringify(name.length > 200 ? `${name.slice(0, 200)}…` : name);
    return new errors/* UnsafeArchiveError */.td(`Archive entry ${shown} is unsafe: ${reason}.`);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./node_modules/yauzl/index.js
var yauzl = __webpack_require__(20663);
;// CONCATENATED MODULE: ./src/archive/zip-reader.ts
/**
 * Opens a zip for reading with yauzl over a reader of our own (yauzl's
 * documented RandomAccessReader), instead of `yauzl.open`.
 *
 * Why: `yauzl.open` reads through its fd-slicer, which queues every entry
 * stream's reads one at a time and looks up the file descriptor only when a
 * queued read runs. An entry stream destroyed while a read of it is queued
 * (any write pipeline that fails or is stopped while other entries are read
 * beside it: an entry lying about its size, a full disk, the artifact's time
 * budget, a cancel) then throws a TypeError from that read, outside any
 * handler, and the process dies (yauzl 3.4.0, fd-slicer.js `ReadStream._read`;
 * seen with a hostile artifact of lying entries written 8 at a time). Here
 * an entry's bytes come from a stream of positioned reads on one open file:
 * destroying it leaves the file open (a FileHandle's own read stream would
 * close the handle shared by every entry), and the file is closed only once
 * no read is in flight, so no read ever meets a closed or reused descriptor.
 */




/** Bytes each read of an entry's data asks for (fd-slicer's: the stream default, 16 KiB on Node 20). */
const READ_CHUNK_BYTES = 64 * 1024;
/**
 * Positioned reads of one open file, counted while in flight, so that the
 * file is closed only once none is (a read that meets a closed or reused
 * descriptor would read the wrong file or fail where nobody listens).
 * Callback reads: through the FileHandle's promise API, extracting 20,000
 * small entries took 1–4 s longer (three interleaved pairs of 9–25 s).
 */
class PositionedReads {
    handle;
    inFlight = 0;
    closing;
    closed = false;
    constructor(handle) {
        this.handle = handle;
    }
    read(buffer, offset, length, position, callback) {
        if (this.closed || this.closing) {
            process.nextTick(callback, new Error('the zip file was closed'));
            return;
        }
        this.inFlight++;
        (0,external_node_fs_.read)(this.handle.fd, buffer, offset, length, position, (error, bytesRead) => {
            this.inFlight--;
            if (this.inFlight === 0)
                this.closing?.();
            callback(error, bytesRead);
        });
    }
    /** Closes the file once the reads in flight are done. */
    close(callback) {
        const close = () => {
            this.closed = true;
            this.closing = undefined;
            this.handle.close().then(() => callback(null), (error) => callback(error instanceof Error ? error : new Error(String(error))));
        };
        if (this.inFlight === 0)
            close();
        else
            this.closing = close;
    }
}
/** The bytes [start, end) of a file, read through reads it does not own. */
class RangeStream extends external_node_stream_.Readable {
    reads;
    end;
    position;
    constructor(reads, start, end) {
        super({ highWaterMark: READ_CHUNK_BYTES });
        this.reads = reads;
        this.end = end;
        this.position = start;
    }
    _read(size) {
        const length = Math.min(size, this.end - this.position);
        if (length <= 0) {
            this.push(null);
            return;
        }
        const buffer = Buffer.allocUnsafe(length);
        this.reads.read(buffer, 0, length, this.position, (error, bytesRead = 0) => {
            if (this.destroyed)
                return;
            if (error)
                return void this.destroy(error);
            // A file shorter than the range ends the stream early: yauzl's byte count then reports the shortfall.
            if (bytesRead === 0)
                return void this.push(null);
            this.position += bytesRead;
            this.push(bytesRead === length ? buffer : buffer.subarray(0, bytesRead));
        });
    }
}
class FileHandleReader extends yauzl.RandomAccessReader {
    reads;
    constructor(handle) {
        super();
        this.reads = new PositionedReads(handle);
    }
    /** The bytes [start, end) of the file. */
    _readStreamForRange(start, end) {
        return new RangeStream(this.reads, start, end);
    }
    /**
     * yauzl's headers and central directory: one positioned read each, rather
     * than the base class's stream per read. yauzl checks `bytesRead` (its
     * callback takes it as a second argument, which @types/yauzl leaves out).
     */
    read(buffer, offset, length, position, callback) {
        this.reads.read(buffer, offset, length, position, callback);
    }
    close(callback) {
        this.reads.close(callback);
    }
}
/**
 * Opens `file` as yauzl.openPromise would, with `lazyEntries` (what the
 * promise API requires). `zip.close()` closes the file once no entry stream
 * is open.
 */
async function openZip(file, options) {
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const { size } = await handle.stat();
        return await yauzl.fromRandomAccessReaderPromise(new FileHandleReader(handle), size, { ...options, lazyEntries: true });
    }
    catch (error) {
        // A second close of a handle yauzl already closed settles without effect.
        await handle.close().catch(() => undefined);
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/archive/safe-extract.ts










const DEFAULT_MAX_TOTAL_BYTES = 1024 ** 3;
const DEFAULT_MAX_ENTRIES = 20_000;
/**
 * Files written at once. One after another, each file waited on several
 * round trips to libuv's thread pool (open, the entry's header read,
 * inflate, write, close): 20,000 small entries took ~31 s, mostly idle.
 */
const EXTRACT_CONCURRENCY = 8;
/** Entries declaring more than this are not written beside other files (see writePlanned). */
const CONCURRENT_ENTRY_MAX_BYTES = 1024 * 1024;
/** yauzl's own name checks; their messages end with the offending name. */
const YAUZL_NAME_ERROR = /^(absolute path|invalid relative path|invalid characters in fileName): ([\s\S]*)$/;
/**
 * Extract `zipPath` into `destDir` (created if missing). Throws
 * UnsafeArchiveError naming the entry for absolute or escaping paths, NUL in
 * names, symlink entries, duplicates, or when a cap is exceeded; also for a
 * corrupt archive. Filesystem errors propagate unchanged. Existing regular
 * files at an entry's path are replaced; existing symlinks never are.
 */
async function safeExtract(zipPath, destDir, limits = {}) {
    const maxTotalBytes = limits.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
    const maxEntryBytes = limits.maxEntryBytes ?? maxTotalBytes;
    const caps = { maxTotalBytes, maxEntryBytes, maxEntries: limits.maxEntries ?? DEFAULT_MAX_ENTRIES };
    const fold = limits.foldNames ?? foldsNames();
    const windowsNames = limits.windowsNames ?? process.platform === 'win32';
    const root = external_node_path_default().resolve(destDir);
    const { signal } = limits;
    let zip;
    try {
        zip = await openZip(zipPath, {
            autoClose: false,
            decodeStrings: true,
            validateEntrySizes: true,
            strictFileNames: false, // backslashes become '/', then get checked like any separator
        });
    }
    catch (error) {
        throw translateError(error, zipPath);
    }
    try {
        const plan = await scan(zip, root, caps, { fold, windowsNames }, signal);
        const budget = { used: 0, max: maxTotalBytes };
        const created = { top: undefined, dirs: [], files: [] };
        const scrub = limits.scrub ?? [];
        return await writePlanned({ zip, root, maxEntryBytes, budget, scrub, scrubbed: [], created, checkedDirs: new Set([root]), signal }, plan);
    }
    catch (error) {
        // Stopped by the signal: its reason, whatever it is (the job's cancel aborts with a plain Error), not the
        // AbortError a write pipeline throws, nor a corrupt archive.
        if (signal?.aborted)
            throw signal.reason;
        throw translateError(error, zipPath);
    }
    finally {
        zip.close();
    }
}
/** Pass 2: write the planned entries; on failure remove what was created. */
async function writePlanned(pass, plan) {
    const writing = new Set();
    try {
        pass.created.top = await (0,promises_.mkdir)(pass.root, { recursive: true });
        // mkdir succeeds on a symlink to a directory; writing through one would land outside.
        if ((await lstatOrUndefined(pass.root))?.isSymbolicLink()) {
            throw new errors/* UnsafeArchiveError */.td(`Not extracting into ${pass.root}: it is a symbolic link.`);
        }
        // Folders are made in order, one at a time (each is checked for a symlink in the way before anything goes
        // into it); small files are written EXTRACT_CONCURRENCY at a time, a large one once the writes before it are
        // done, so memory stays what one large file needs. The scan made sure no two entries share a path, so files
        // written side by side never meet.
        let failed;
        for (const item of plan) {
            const room = item.entry.uncompressedSize > CONCURRENT_ENTRY_MAX_BYTES ? 1 : EXTRACT_CONCURRENCY;
            while (writing.size >= room)
                await Promise.race(writing);
            if (failed)
                break;
            pass.signal?.throwIfAborted();
            const segments = item.rel.split('/');
            await ensureDirectory(pass, item.isDirectory ? segments : segments.slice(0, -1));
            if (item.isDirectory)
                continue;
            const write = writeFile(pass, item, external_node_path_default().join(pass.root, ...segments)).catch((error) => void (failed ??= { error }));
            writing.add(write);
            void write.then(() => writing.delete(write));
        }
        await Promise.all(writing);
        if (failed)
            throw failed.error;
        // Every planned file was written (any failure threw above): listed in the archive's order, whatever order
        // the writes finished in.
        const written = plan.filter((item) => !item.isDirectory);
        const scrubbed = new Set(pass.scrubbed);
        return {
            files: written.map((item) => item.rel),
            bytes: pass.budget.used,
            scrubbed: written.filter((item) => scrubbed.has(item.rel)).map((item) => item.rel),
            renamed: written.flatMap((item) => (item.renamedFrom !== undefined ? [{ from: item.renamedFrom, to: item.rel }] : [])),
        };
    }
    catch (error) {
        // A folder that could not be made (a symlink in the way) stops the pass while files beside it are still being
        // opened: wait for them, so that each one created is listed before the clean-up, rather than left behind.
        await Promise.allSettled(writing);
        await removeCreated(pass.created);
        throw error;
    }
}
/**
 * Create `root/segments…` one level at a time. An existing symlink (or
 * non-directory) on the way is refused: following it could put files outside
 * the destination.
 */
async function ensureDirectory(pass, segments) {
    // Most entries go into a folder an earlier one made: one lookup, not one per level (a deep tree made this
    // quadratic). The segments were checked by the scan, so joining them with the separator is all path.join would do.
    if (pass.checkedDirs.has(segments.length === 0 ? pass.root : pass.root + (external_node_path_default()).sep + segments.join((external_node_path_default()).sep)))
        return;
    let current = pass.root;
    for (const segment of segments) {
        current = current + (external_node_path_default()).sep + segment;
        if (pass.checkedDirs.has(current))
            continue;
        // mkdir first: in a fresh folder, the usual case, that is the only call. It makes nothing where anything
        // exists, a symlink included, and only then is what is there looked at.
        if (await mkdirIfMissing(current)) {
            pass.created.dirs.push(current);
        }
        else {
            const info = await (0,promises_.lstat)(current);
            if (info.isSymbolicLink() || !info.isDirectory()) {
                throw unsafe(external_node_path_default().relative(pass.root, current), 'an existing symlink or file is in the way of a directory');
            }
        }
        pass.checkedDirs.add(current);
    }
}
async function writeFile(pass, { entry, rel }, target) {
    const name = entry.fileName;
    const handle = await createExclusive(target, name);
    pass.created.files.push(target);
    let source;
    try {
        source = await pass.zip.openReadStreamPromise(entry);
    }
    catch (error) {
        await handle.close();
        throw error;
    }
    // No await between opening the entry and piping it: yauzl's stream can fail
    // as soon as data flows, and an error with no listener would crash the process.
    const limiter = createByteLimiter(name, pass.maxEntryBytes, pass.budget, entry.crc32);
    const stages = [limiter];
    if (pass.scrub.length > 0) {
        stages.push(createSecretScrubber(pass.scrub, () => pass.scrubbed.push(rel)));
    }
    await (0,external_node_stream_promises_.pipeline)([source, ...stages, gcNudge(), handle.createWriteStream()], pass.signal ? { signal: pass.signal } : {}).catch((error) => {
        // yauzl's size check (an entry lying about its size) and zlib errors surface here.
        if (!isForeignArchiveError(error))
            throw error;
        throw unsafe(name, `data is corrupt or inconsistent (${error.message})`);
    });
}
/** Makes the folder `dir`; false, making nothing, when something exists at that path. */
async function mkdirIfMissing(dir) {
    try {
        await (0,promises_.mkdir)(dir);
        return true;
    }
    catch (error) {
        if (error.code === 'EEXIST')
            return false;
        throw error;
    }
}
/**
 * Opens `target` as a new file. 'wx' (O_EXCL) opens nothing that exists,
 * symlinks included, so it is tried first: in a fresh folder, the usual
 * case, that is the only call. Stale results from an earlier run in the same
 * workspace are replaced; a symlink in the way is refused, as following it
 * could write outside the destination.
 */
async function createExclusive(target, name) {
    try {
        return await (0,promises_.open)(target, 'wx', 0o644);
    }
    catch (error) {
        if (error.code !== 'EEXIST')
            throw error;
    }
    const existing = await lstatOrUndefined(target);
    if (existing?.isSymbolicLink())
        throw unsafe(name, 'would replace an existing symbolic link');
    if (existing?.isFile())
        await (0,promises_.unlink)(target);
    return (0,promises_.open)(target, 'wx', 0o644);
}
/** Best-effort undo; never hides the error that caused it. */
async function removeCreated(created) {
    for (const file of created.files.reverse())
        await (0,promises_.unlink)(file).catch(() => undefined);
    for (const dir of created.dirs.reverse())
        await (0,promises_.rmdir)(dir).catch(() => undefined);
    if (created.top)
        await (0,promises_.rm)(created.top, { recursive: true, force: true }).catch(() => undefined);
}
function lstatOrUndefined(target) {
    return (0,promises_.lstat)(target).catch((error) => {
        if (error.code !== 'ENOENT')
            throw error;
        return undefined;
    });
}
/**
 * Our own errors and filesystem errors pass through; yauzl's name checks
 * become UnsafeArchiveError naming the entry; any other yauzl or zlib error
 * (bad signatures, size mismatch of a lying entry, corrupt data) means the
 * archive cannot be trusted either.
 */
function translateError(error, zipPath) {
    if (!isForeignArchiveError(error))
        return error;
    const nameError = YAUZL_NAME_ERROR.exec(error.message);
    if (nameError)
        return unsafe(nameError[2] ?? '', nameError[1] ?? 'invalid name');
    const message = `Archive ${external_node_path_default().basename(zipPath)} is corrupt or inconsistent: ${error.message}`;
    return new errors/* UnsafeArchiveError */.td(message, { cause: error });
}
/**
 * An error from yauzl or zlib about the archive's content: not ours, not a filesystem
 * error (those carry `syscall`). isNativeError also sees errors from another realm.
 */
function isForeignArchiveError(error) {
    if (error instanceof errors/* UnsafeArchiveError */.td)
        return false;
    return (external_node_util_.types.isNativeError(error) || error instanceof Error) && !('syscall' in error);
}

;// CONCATENATED MODULE: ./src/report/escape.ts
/**
 * Escaping for text that came from the server. Everything a RunReport carries
 * apart from our own labels is untrusted: it may try to inject HTML, markdown,
 * table cells, @mentions, a premature end to our hidden comment marker, or
 * characters that make an XML file unparseable.
 */
/** Ellipsis appended by truncateText. One UTF-16 code unit. */
const ELLIPSIS = '…';
/** The bidi controls' ranges, as RegExp source: embeddings, overrides, isolates and the marks (LRM, RLM, ALM). */
const BIDI_RANGES = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
/**
 * Other characters that show as nothing (or as blank space) in a rendered page, so can make two names look
 * alike: the soft hyphen, the Hangul fillers, the deprecated format controls U+206A–206F, the interlinear
 * annotation marks U+FFF9–FFFB, the Khmer inherent vowels U+17B4–17B5 and the Mongolian free variation
 * selectors U+180B–180F. (The combining grapheme joiner U+034F is one too: CONTROL_CHARS matches it outside
 * its character class, as it combines.)
 */
const INVISIBLE_FORMAT = '\\u00AD\\u115F\\u1160\\u3164\\uFFA0\\u206A-\\u206F\\uFFF9-\\uFFFB\\u17B4\\u17B5\\u180B-\\u180F';
/**
 * Invisible characters outside the BMP: the shorthand format controls
 * U+1BCA0–1BCA3, the musical formatting controls U+1D173–1D17A and the
 * variation selectors U+E0100–E01EF.
 */
// eslint-disable-next-line no-misleading-character-class -- a range of invisible combining marks, each removed alone
const INVISIBLE_ASTRAL = /[\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0100}-\u{E01EF}]/gu;
/**
 * The tag characters U+E0000–E007F spell any ASCII text invisibly ("ASCII
 * smuggling"). Their one visible use is a subdivision flag (🏴 + 1–7 tag
 * letters or digits + cancel tag, as 🏴󠁧󠁢󠁳󠁣󠁴󠁿 is spelt): the first alternative
 * matches such a flag, which is kept; any other run of tags is removed.
 */
const TAGS = /\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,7}\u{E007F}|[\u{E0000}-\u{E007F}]+/gu;
/**
 * The variation selectors U+FE00–FE0F after ASCII or at the start: after an
 * emoji or a CJK character they choose how it is drawn (❤️), after `login`
 * they only make it look like `login`. One followed by the combining keycap
 * (1️⃣, #️⃣) is part of that emoji and kept.
 */
// eslint-disable-next-line no-control-regex -- the range is 'any ASCII character', NUL included
const STRAY_SELECTORS = /(?<![^\u0000-\u007F])[\uFE00-\uFE0F]+(?!\u20E3)/g;
/**
 * Characters that draw nothing yet change how a line reads or hide what it
 * says: C0 controls (tab and newlines are handled separately), DEL, C1
 * controls, the bidi embeddings, overrides, isolates and marks (LRM, RLM,
 * ALM), which can make a rendered line read differently from its source
 * ("Trojan Source"), and the zero-width and other invisible format characters
 * (U+200B, U+2060–U+2064, U+FEFF, U+180E), which can make two names look
 * alike or hide text. Removed before escapeMarkdown inserts its own
 * zero-width spaces, so those are the only invisible characters left.
 *
 * The joiners (ZWNJ U+200C, ZWJ U+200D) are spelling in Persian and Indic
 * scripts and glue multi-part emoji together (👨‍👩‍👧), and conversational
 * suites are multilingual: they are kept between two non-ASCII characters,
 * and removed next to ASCII (or at an edge), where they only serve to make
 * `login` and `login\u200D` look alike.
 */
// eslint-disable-next-line no-misleading-character-class -- ranges of invisible combining marks (Khmer, Mongolian), each removed alone
const CONTROL_CHARS = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u180E\\u200B\\u2060-\\u2064\\uFEFF${INVISIBLE_FORMAT}${BIDI_RANGES}]|\\u034F`, 'g');
/**
 * Any character stripControlChars may remove (see hasHiddenCharacters), built from the patterns it applies (a
 * subdivision flag it keeps matches too: a false alarm only costs a check); no `g` flag, so `test` keeps no state.
 */
// eslint-disable-next-line no-misleading-character-class -- invisible combining marks and joiners, each matched alone
const HIDDEN_ANY = new RegExp(`${CONTROL_CHARS.source}|${INVISIBLE_ASTRAL.source}|${TAGS.source}|[\\u200C\\u200D\\uFE00-\\uFE0F]`, 'u');
/** Joiners next to ASCII or at an edge (see CONTROL_CHARS); applied once the other invisible characters are gone. */
// The second alternative starts only where a run of joiners does: retried from every joiner of a long run, it took
// time in the square of the run's length (40,000 joiners: 3.5 s), and log lines and report strings are unbounded.
// eslint-disable-next-line no-control-regex -- the range is 'any ASCII character', NUL included
const STRAY_JOINERS = /(?<![^\u0000-\u007F])[\u200C\u200D]+|(?<![\u200C\u200D])[\u200C\u200D]+(?![^\u0000-\u007F])/g;
/**
 * The bidi controls alone ({@link BIDI_RANGES}), removed from XML too: JUnit names and messages end up in check annotations
 * and test reporters' pages, where they could reorder what a line shows.
 */
const BIDI_CONTROLS = new RegExp(`[${BIDI_RANGES}]`, 'g');
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** `text` with each lone surrogate written as U+FFFD: what encodeURIComponent and UTF-8 can take. */
function wellFormed(text) {
    return text.replace(LONE_SURROGATE, '\uFFFD');
}
/** Every line break a renderer might honour, including CRLF as one break. */
const LINE_BREAKS = /\r\n|[\n\r\u2028\u2029\u0085]/g;
const HTML_ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
};
/**
 * Inline markdown punctuation that changes rendering mid-line: emphasis,
 * code spans, links, table cell separators, strikethrough, math and the
 * backslash itself. Block markers (`#`, `-`, `+`, `1.`) only matter at the
 * start of a line and are handled there.
 */
const MARKDOWN_INLINE = /[\\`*_[\]|~$]/g;
/** What escapeMarkdown inserts to cut a match GitHub would otherwise make. */
const ZWSP = '\u200B';
/**
 * Where GFM's extended autolinks start (case-insensitive, as GitHub matches
 * them): the `http`, `https` and `ftp` schemes, `www.`, and the `mailto:` and
 * `xmpp:` prefixes of e-mail autolinks. Anywhere in the text: cmark-gfm finds
 * a scheme even right after a digit or `_` (`1https://…`), so no word
 * boundary is required.
 */
const AUTOLINK_START = /(?:https?:\/|ftp:\/|www\.|mailto:|xmpp:)/gi;
/**
 * Issue and pull request references: `#1` and `owner/repo#42` (the `#`
 * before a digit) and `GH-7`. Besides linking, GitHub posts a "mentioned
 * this" cross-reference under our name into the timeline of every issue
 * referenced, in other public repositories too.
 */
// No word boundary before `gh-`: cutting one GitHub would not have linked costs nothing.
const ISSUE_REFERENCE = /(#|gh-)(?=\d)/gi;
/** The opening colon of an emoji shortcode (`:white_check_mark:` could fake a pass mark). */
const EMOJI_SHORTCODE = /:(?=[\w+-]+:)/g;
/**
 * A shortcode the text leaves open at its end, which a colon the caller
 * writes right after it (`name: outcome`, `key: value`) would close:
 * `x:tada` then reads `:tada:`.
 */
const OPEN_SHORTCODE_AT_END = /:(?=[\w+-]+$)/;
/** Characters XML 1.0 forbids outright (lone surrogates are removed separately). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/**
 * Replaces lone surrogates with U+FFFD and removes control, bidi and
 * invisible format characters, except tab and line breaks. First step of
 * escapeMarkdown.
 */
/**
 * Whether {@link stripControlChars} would change `text` other than by
 * writing a lone surrogate as U+FFFD (one pass, no copy). Cheap enough for
 * every log line: most text holds none of these characters.
 */
function hasHiddenCharacters(text) {
    return HIDDEN_ANY.test(text);
}
function stripControlChars(text) {
    return wellFormed(text)
        .replace(CONTROL_CHARS, (c) => (c === '\u0085' ? '\n' : ''))
        .replace(INVISIBLE_ASTRAL, '')
        .replace(TAGS, (run) => (run.startsWith('\u{1F3F4}') ? run : ''))
        .replace(STRAY_JOINERS, '')
        .replace(STRAY_SELECTORS, '');
}
/**
 * Makes untrusted text safe as inline markdown and inside a GFM table cell.
 *
 * - HTML special characters become entities, so no tag, `<!--` or `-->` survives.
 * - Inline markdown punctuation is backslash-escaped; `|` becomes `\|`, which
 *   GFM honours inside table cells (even inside code spans).
 * - Line breaks and tabs become single spaces: every caller renders one-line
 *   values (cells, list items), and a raw newline would end a table row.
 *   `<br>` was rejected because values can be long and it makes cells tall.
 * - GitHub's text filters are cut with a zero-width space, which none of
 *   their patterns accepts: every `@` gets one after it (no @mention, team
 *   mention, e-mail autolink or `repo@sha` reference, whatever follows the
 *   `@`); `http://`, `https://`, `ftp://`, `www.`, `mailto:` and `xmpp:` get
 *   one before their last character (no extended autolink; bracket links are
 *   already escaped); `#` and `GH-` get one before a digit (no issue
 *   reference, so no cross-reference in another issue's timeline); and the
 *   opening `:` of an emoji shortcode gets one (and, when a colon follows
 *   the text, of one it leaves open at its end). These work on the raw text,
 *   which is what GitHub's filters see once the markdown is rendered
 *   (backslashes and entities gone), and before our own entities such as
 *   `&#39;` exist. Entities would not do instead: the filters run on
 *   rendered text nodes, where `&#35;` is a `#` again.
 * - A leading block marker (`#`, `-`, `+`, `=`, `1.`) is escaped, so the text
 *   cannot start a heading or list even when a caller puts it at a line start.
 */
function escapeMarkdown(text, placement = {}) {
    const oneLine = stripControlChars(text).replace(LINE_BREAKS, ' ').replace(/\t/g, ' ');
    const neutralised = neutraliseGitHubReferences(oneLine);
    const escaped = (placement.colonFollows ? neutralised.replace(OPEN_SHORTCODE_AT_END, `:${ZWSP}`) : neutralised)
        .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c)
        .replace(MARKDOWN_INLINE, (c) => `\\${c}`);
    return escapeLeadingBlockMarker(escaped);
}
/** Inserts the zero-width spaces escapeMarkdown describes; expects raw, unescaped text. */
function neutraliseGitHubReferences(text) {
    return text
        .replace(/@/g, `@${ZWSP}`)
        .replace(AUTOLINK_START, (start) => `${start.slice(0, -1)}${ZWSP}${start.slice(-1)}`)
        .replace(ISSUE_REFERENCE, `$1${ZWSP}`)
        .replace(EMOJI_SHORTCODE, `:${ZWSP}`);
}
function escapeLeadingBlockMarker(text) {
    const match = /^( *)(?:([#+=-])|(\d{1,9})([.)]))/.exec(text);
    if (!match)
        return text;
    const [whole, indent = '', marker, digits, delimiter] = match;
    const rest = text.slice(whole.length);
    if (marker !== undefined)
        return `${indent}\\${marker}${rest}`;
    return `${indent}${digits ?? ''}\\${delimiter ?? ''}${rest}`;
}
/**
 * Untrusted text as inline code. Uses `<code>` with escaped content rather
 * than backticks, because a backtick run inside the value could end a code
 * span early and nothing can be escaped inside one.
 */
function markdownCode(text) {
    return `<code>${escapeMarkdown(text)}</code>`;
}
/**
 * Caps text at `max` UTF-16 code units, ending with an ellipsis when cut.
 * Never splits a surrogate pair. Apply before escaping, so an escape sequence
 * is never cut in half.
 */
function truncateText(text, max) {
    if (text.length <= max)
        return text;
    if (max <= 0)
        return '';
    let end = max - ELLIPSIS.length;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff)
        end -= 1;
    return `${text.slice(0, Math.max(0, end))}${ELLIPSIS}`;
}
/**
 * Escapes text for XML 1.0 element content or a double-quoted attribute:
 * `& < > " '` become entities; characters XML 1.0 cannot carry at all
 * (C0 controls other than tab/CR/LF, lone surrogates, U+FFFE, U+FFFF) are
 * removed, so the file always parses; bidi controls are removed too, since
 * the text reaches check annotations and test reporters' pages.
 */
function escapeXml(text) {
    return text
        .replace(LONE_SURROGATE, '')
        .replace(XML_ILLEGAL, '')
        .replace(BIDI_CONTROLS, '')
        .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
/**
 * Like escapeXml, but also writes tab, CR and LF as character references:
 * parsers normalise raw ones in attribute values to spaces.
 */
function escapeXmlAttribute(text) {
    return escapeXml(text).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

;// CONCATENATED MODULE: ./src/report/truncate.ts
/**
 * Size accounting for reports with a hard limit. GitHub rejects a PR comment
 * over 65,536 characters and a job summary over 1 MiB (bytes), so reports are
 * assembled from whole pieces (lines, table rows, blocks) that are either
 * added completely or not at all: nothing is ever cut inside a tag, a row or
 * a surrogate pair.
 */
/** Byte length of a string encoded as UTF-8 (lone surrogates count as U+FFFD, 3 bytes). */
function utf8Length(text) {
    return Buffer.byteLength(text, 'utf8');
}
/**
 * Size of `text` in `unit`. `chars` counts UTF-16 code units, which is never
 * less than the number of code points GitHub counts, so it errs on the safe side.
 */
function measure(text, unit) {
    return unit === 'bytes' ? utf8Length(text) : text.length;
}
/**
 * Accumulates pieces of text while keeping the total within a limit.
 * Sizes are summed per piece, which for UTF-8 can only overestimate.
 */
class TextBudget {
    limit;
    unit;
    pieces = [];
    used = 0;
    constructor(
    /** Maximum total size, in `unit`. */
    limit, unit) {
        this.limit = limit;
        this.unit = unit;
    }
    /** Size of the text accepted so far. */
    get size() {
        return this.used;
    }
    /** Room left, in `unit`. */
    get remaining() {
        return this.limit - this.used;
    }
    /** Size of `text` in this budget's unit. */
    measure(text) {
        return measure(text, this.unit);
    }
    /** True if `text` fits while still leaving `reserve` for something that must come later. */
    fits(text, reserve = 0) {
        return this.used + this.measure(text) + reserve <= this.limit;
    }
    /** Appends `text` if it fits (keeping `reserve` free); reports whether it did. */
    tryAdd(text, reserve = 0) {
        const size = this.measure(text);
        if (this.used + size + reserve > this.limit)
            return false;
        this.pieces.push(text);
        this.used += size;
        return true;
    }
    /** Everything accepted so far, concatenated. */
    toString() {
        return this.pieces.join('');
    }
}

;// CONCATENATED MODULE: ./src/report/markdown-report.ts
/**
 * Renders a RunReport as GitHub-flavoured markdown: the job summary and the
 * sticky PR comment share this body. Server-supplied text goes through
 * escapeMarkdown; the result never exceeds the caller's size limit.
 */





/** GitHub's limit for a comment body, in characters. */
const COMMENT_MAX_CHARS = 65_536;
/** Our limit for the job summary, in UTF-8 bytes: GitHub allows 1 MiB per step; the rest is headroom. */
const SUMMARY_MAX_BYTES = 1_000_000;
/** Per-value caps (before escaping) so one hostile value cannot crowd out the rest. */
const CAP = { label: 100, name: 300, text: 500, long: 1000 };
/** Per-case and per-list caps; the rest is summarised as "…and N more". */
const MAX = { failureRows: 25, errors: 10, suites: 20, links: 5 };
const STATUS_ICON = { passed: '✅', failed: '❌', unavailable: '⚠️', unknown: '❔' };
/**
 * Hidden HTML comment that identifies our sticky comment for a target, and
 * for a scope within it: the run filters, so matrix jobs that run different
 * groups of one project keep one comment each instead of overwriting each
 * other's. Without a scope the marker is what earlier versions wrote, so
 * their comments are still found. The id is reduced to `[A-Za-z0-9-]` (no
 * `--`, no edge hyphens) and scope values are percent-encoded, `-` included,
 * so nothing can end the comment or break CommonMark's comment syntax.
 */
function commentMarker(targetId, scope = {}) {
    const id = targetId.replace(/[^A-Za-z0-9-]/g, '').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 100);
    const parts = Object.entries(scope)
        .filter((entry) => entry[1] !== undefined && entry[1] !== '')
        .map(([key, value]) => `;${key.replace(/[^a-z]/g, '')}=${encodeURIComponent(scopeValue(value)).replace(/-/g, '%2D')}`);
    return `<!-- testing-studio-action:project=${id || 'unknown'}${parts.join('')} -->`;
}
/** Longest scope value a marker spells out whole. */
const MARKER_VALUE_CHARS = 100;
/**
 * A filter value as the marker holds it: whole when short (as earlier
 * versions wrote it, so their comments are still found); a longer one by its
 * first characters and a hash of all of it, so two long values that share a
 * start keep two comments. Cut by code point and made well-formed, as
 * encodeURIComponent throws on half an emoji.
 */
function scopeValue(value) {
    const whole = wellFormed(value);
    if (whole.length <= MARKER_VALUE_CHARS)
        return whole;
    const digest = (0,external_node_crypto_.createHash)('sha256').update(whole).digest('hex').slice(0, 16);
    return `${Array.from(whole).slice(0, 60).join('')}~${digest}`;
}
/** Longest duration {@link formatDuration} spells out: a million hours. */
const MAX_SHOWN_SECONDS = 3_600_000_000;
/** Human duration: `40ms`, `4.2s`, `45s`, `1m 05s`, `2h 03m 09s`. */
function formatDuration(seconds) {
    if (!Number.isFinite(seconds) || seconds < 0)
        return 'unknown';
    // A server's duration is untrusted: no run takes a century, and far past that hours print in exponent notation.
    if (seconds >= MAX_SHOWN_SECONDS)
        return `over ${MAX_SHOWN_SECONDS / 3600}h`;
    if (seconds < 0.1)
        return `${Math.round(seconds * 1000)}ms`;
    if (seconds < 10 && Math.round(seconds * 10) < 100)
        return `${Math.round(seconds * 10) / 10}s`;
    const total = Math.round(seconds);
    const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
    const pad = (n) => String(n).padStart(2, '0');
    if (total < 60)
        return `${s}s`;
    return h === 0 ? `${m}m ${pad(s)}s` : `${h}h ${pad(m)}m ${pad(s)}s`;
}
/** The line shown when failing cases were left out; exported so tests can match it. */
function moreFailingCasesLine(count) {
    return `\n_…and ${count} more failing ${count === 1 ? 'case' : 'cases'} (see the job summary / JUnit report)_\n`;
}
/**
 * The line shown when warnings were left out, `shown` being how many are
 * listed above it; exported so tests can match it. Run warnings are also
 * annotations in the job log.
 */
function moreWarningsLine(count, shown) {
    const noun = count === 1 ? 'warning' : 'warnings';
    if (shown === 0)
        return `- ⚠️ ${count} ${noun} not shown, too long for this report (see the job summary / job log)\n`;
    return `- ⚠️ …and ${count} more ${noun} (see the job summary / job log)\n`;
}
/**
 * Share of the limit kept for warnings while the failing cases are added:
 * warnings mostly say that reporting itself failed (no JUnit file, no
 * artifact), which a reader must learn even from a comment full of failures.
 */
const WARNINGS_SHARE = 1 / 8;
/**
 * Renders the report. Sections are added in priority order (title, key
 * facts, failing cases, warnings, all cases) and only whole pieces are
 * added, so the output is always ≤ `maxChars` and never ends mid-row or mid-tag.
 * No section vanishes without a trace: room stays reserved for the failing
 * cases' header and "…and N more" line, for the warnings (as many as fit in
 * an eighth of the limit, and at least a header and a line counting them) and
 * for the all-cases table's header and "…and N more" row.
 */
/** The failing-cases section's title: it lists unavailable cases (and those without a result) after the failed ones. */
function failingTitle(cases) {
    const failed = cases.filter((c) => c.status === 'failed').length;
    if (failed === cases.length)
        return 'Failing cases';
    return failed === 0 ? 'Unavailable cases' : 'Failing and unavailable cases';
}
function renderMarkdown(report, options) {
    const budget = new TextBudget(Math.max(0, Math.floor(options.maxChars)), options.unit ?? 'chars');
    const failing = [
        ...report.cases.filter((c) => c.status === 'failed'),
        ...report.cases.filter((c) => c.status === 'unavailable' || c.status === 'unknown'),
    ];
    const warnings = {
        header: '\n#### Warnings\n\n',
        items: collectWarnings(report),
        render: (w) => `- ⚠️ ${escapeMarkdown(truncateText(w, CAP.long))}\n`,
        more: moreWarningsLine,
        footer: '',
    };
    const allCases = {
        header: `\n<details><summary>All ${report.cases.length} cases</summary>\n\n| | Case | Status | Duration |\n| --- | --- | --- | --- |\n`,
        items: report.cases.some((c) => c.status === 'passed') ? report.cases : [],
        render: allCasesRow,
        more: (n, shown) => (shown === 0 ? `| | ${n} cases not shown (see the job summary / JUnit report) | | |\n` : `| | …and ${n} more cases | | |\n`),
        footer: '\n</details>\n',
    };
    // Room each later section is sure to get; the all-cases rows are not rendered for this (there may be 20,000).
    const afterWarnings = listMinimum(budget, allCases);
    const afterFailing = listReserve(budget, warnings, Math.floor(budget.limit * WARNINGS_SHARE)) + afterWarnings;
    const failingHeader = `\n#### ${failingTitle(failing)} (${failing.length})\n`;
    // Room for the "…and N more" line stays reserved until every failing case is in.
    const more = failing.length > 0 ? budget.measure(moreFailingCasesLine(failing.length)) : 0;
    const reserve = (failing.length > 0 ? budget.measure(failingHeader) : 0) + more + afterFailing;
    if (options.marker !== undefined)
        budget.tryAdd(`${options.marker}\n`, reserve);
    const counts = report.counts ?? countCases(report.cases);
    const label = options.heading ?? `${truncateText(report.platform, CAP.label)} — ${truncateText(report.target, CAP.label)}`;
    if (!budget.tryAdd(titleLine(report, counts, label), reserve))
        budget.tryAdd(titleLine(report, counts, ''), reserve);
    addPieces(budget, keyTableRows(report, counts), reserve);
    if (failing.length > 0) {
        budget.tryAdd(failingHeader, more + afterFailing);
        let shown = 0;
        for (const c of failing) {
            const keep = (shown === failing.length - 1 ? 0 : more) + afterFailing;
            // A block too big for what is left may still fit without its tables.
            if (!budget.tryAdd(caseBlock(c, false), keep) && !budget.tryAdd(caseBlock(c, true), keep))
                break;
            shown += 1;
        }
        if (shown < failing.length)
            budget.tryAdd(moreFailingCasesLine(failing.length - shown), afterFailing);
    }
    addList(budget, warnings, afterWarnings);
    addList(budget, allCases, 0);
    return budget.toString();
}
function titleLine(report, counts, label) {
    const status = report.status.toUpperCase();
    let icon = report.verdict === 'passed' ? '✅' : '❌';
    let outcome;
    if (status === StopStatus.TimedOut)
        [icon, outcome] = ['⏱️', counts && counts.total > 0 ? `timed out; so far ${countsText(counts)}` : 'timed out'];
    else if (status === StopStatus.Cancelled || status === 'REVOKED')
        [icon, outcome] = ['🚫', 'cancelled'];
    else if (status === StopStatus.Unknown)
        [icon, outcome] = ['⚠️', report.runId ? 'stopped following the run' : 'could not tell whether a run started'];
    else if (status === StopStatus.NotStarted)
        outcome = 'no run was started';
    else if (!counts || counts.total === 0)
        outcome = `${report.verdict}, no test cases`;
    else if (counts.failed > 0 || counts.unavailable > 0)
        outcome = countsText(counts);
    else
        outcome = report.verdict === 'passed' ? `${counts.passed} passed` : `failed, ${counts.passed} of ${counts.total} passed`;
    // The title writes `name: outcome`.
    const name = escapeMarkdown(label === '' ? truncateText(report.platform, 40) : truncateText(label, 2 * CAP.label + 3), { colonFollows: true });
    return `### ${icon} ${name}: ${outcome}\n`;
}
/** `2 failed, 1 unavailable of 40`, or `40 passed` when none failed. */
function countsText(counts) {
    const listed = [];
    if (counts.failed > 0)
        listed.push(`${counts.failed} failed`);
    if (counts.unavailable > 0)
        listed.push(`${counts.unavailable} unavailable`);
    return listed.length > 0 ? `${listed.join(', ')} of ${counts.total}` : `${counts.passed} passed`;
}
/** Counts derived from the cases when the platform reported none. */
function countCases(cases) {
    if (cases.length === 0)
        return undefined;
    const count = (s) => cases.filter((c) => c.status === s).length;
    return { passed: count('passed'), failed: count('failed'), unavailable: count('unavailable'), total: cases.length };
}
/** The key/value table as pieces: header plus first row first, so no header is ever left alone. */
function keyTableRows(report, counts) {
    const icon = report.verdict === 'passed' ? '✅' : '❌';
    const rows = [
        ['Status', markdownCode(truncateText(report.status, CAP.label))],
        ['Result', `${icon} ${report.verdict} — ${escapeMarkdown(truncateText(report.verdictReason, CAP.text))}`],
        ['Cases', counts && `${counts.passed} passed · ${counts.failed} failed · ${counts.unavailable} unavailable · ${counts.total} total`],
        ['Duration', report.durationSeconds === undefined ? undefined : formatDuration(report.durationSeconds)],
        ['Run id', report.runId === undefined ? undefined : markdownCode(truncateText(report.runId, CAP.label))],
        ['Project', `${escapeMarkdown(truncateText(report.target, CAP.name))} (${markdownCode(truncateText(report.targetId, CAP.label))})`],
        ['Filters', filtersText(report)],
        ['Suites', report.suites.length === 0 ? undefined : suitesText(report.suites)],
        ['Job', jobLink(report.jobUrl)],
    ];
    const lines = rows.filter((r) => r[1] !== undefined).map(([k, v]) => `| ${k} | ${v} |\n`);
    if (lines.length === 0)
        return [];
    return [`\n| | |\n| --- | --- |\n${lines[0]}`, ...lines.slice(1)];
}
function filtersText(report) {
    const set = ['group', 'utterance', 'description'].filter((k) => report.filters[k]);
    if (set.length === 0)
        return undefined;
    return set.map((k) => `${k}: ${markdownCode(truncateText(report.filters[k] ?? '', CAP.name))}`).join(', ');
}
function suitesText(suites) {
    return listFirst(suites, MAX.suites, (s) => escapeMarkdown(truncateText(s, CAP.label)));
}
/** Only http(s) links; characters that could end the link or a table cell are percent-encoded. */
function jobLink(raw) {
    if (raw === undefined)
        return undefined;
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        return undefined;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return undefined;
    const href = url.href.replace(/[()|<>"'`\\\s[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return `[Open job](${href})`;
}
/** One failing case: a header line, a table of its failed assertions and its general errors. */
function caseBlock(c, compact) {
    // Trimmed again once escaped: a trailing control character (NEL) becomes a space there, and bold text that ends
    // in a space is not bold in CommonMark, so the `**` would show.
    const name = escapeMarkdown(truncateText(c.name.trim(), CAP.name)).trim() || '(unnamed case)';
    const shownDescription = c.description === undefined ? '' : escapeMarkdown(truncateText(c.description.trim(), CAP.name)).trim();
    const description = shownDescription ? ` — ${shownDescription}` : '';
    const meta = [`status ${markdownCode(truncateText(c.vendorStatus, CAP.label))}`];
    if (c.durationMs !== undefined)
        meta.push(formatDuration(c.durationMs / 1000));
    if (c.tries !== undefined && c.tries > 1)
        meta.push(`${c.tries} tries`);
    for (const [k, v] of Object.entries(c.links ?? {}).slice(0, MAX.links)) {
        meta.push(`${escapeMarkdown(truncateText(k, CAP.label), { colonFollows: true })}: ${markdownCode(truncateText(v, CAP.label))}`);
    }
    let block = `\n**${STATUS_ICON[c.status]} ${name}**${description}<br>\n${meta.join(' · ')}\n`;
    if (compact) {
        const hidden = c.failures.length + c.errors.length;
        return hidden > 0 ? `${block}\n_${hidden} details not shown (too long for this report)_\n` : block;
    }
    if (c.failures.length > 0) {
        block += '\n| Step | Assertion | Expected | Found |\n| ---: | --- | --- | --- |\n';
        for (const f of c.failures.slice(0, MAX.failureRows)) {
            const cell = (text, cap) => escapeMarkdown(truncateText(text, cap));
            block += `| ${f.step ?? '–'} | ${cell(f.assertion, CAP.name)} | ${cell(f.expected, CAP.text)} | ${cell(f.found, CAP.text)} |\n`;
        }
        const more = c.failures.length - MAX.failureRows;
        if (more > 0)
            block += `| | …and ${more} more failed assertions | | |\n`;
    }
    if (c.errors.length > 0) {
        block += `\n${c.errors.slice(0, MAX.errors).map((e) => `- Error: ${escapeMarkdown(truncateText(e, CAP.long))}\n`).join('')}`;
        const more = c.errors.length - MAX.errors;
        if (more > 0)
            block += `- …and ${more} more errors\n`;
    }
    return block;
}
function allCasesRow(c) {
    const name = escapeMarkdown(truncateText(c.name.trim(), CAP.name)) || '(unnamed case)';
    const duration = c.durationMs === undefined ? '' : formatDuration(c.durationMs / 1000);
    return `| ${STATUS_ICON[c.status]} | ${name} | ${markdownCode(truncateText(c.vendorStatus, CAP.label))} | ${duration} |\n`;
}
/** Run warnings first, then case warnings, each text once. */
function collectWarnings(report) {
    return [...new Set([...report.warnings, ...report.cases.flatMap((c) => c.warnings)])];
}
/** Adds each piece that fits, in order; a piece that does not fit is skipped. */
function addPieces(budget, pieces, reserve) {
    for (const piece of pieces)
        budget.tryAdd(piece, reserve);
}
/** The most a "more" line can take after at least one item: its count never exceeds the items'. */
function moreSize(budget, list) {
    return budget.measure(list.more(list.items.length, 1));
}
/** Size of the smallest form addList falls back to: header, a line counting every item, footer. */
function listMinimum(budget, list) {
    if (list.items.length === 0)
        return 0;
    return budget.measure(`${list.header}${list.more(list.items.length, 0)}${list.footer}`);
}
/**
 * Room that guarantees addList shows as many leading items as fit in `cap`
 * (with the "more" line they then need), or else its smallest form.
 * Renders only the items that fit in `cap`.
 */
function listReserve(budget, list, cap) {
    const { items } = list;
    let best = listMinimum(budget, list);
    let size = budget.measure(list.header) + budget.measure(list.footer);
    for (let shown = 1; shown <= items.length; shown += 1) {
        size += budget.measure(list.render(items[shown - 1]));
        const total = size + (shown < items.length ? moreSize(budget, list) : 0);
        if (total > cap)
            break;
        best = Math.max(best, total);
    }
    return best;
}
/**
 * Adds `header + items + footer` as far as it fits, keeping `reserve` free
 * for what follows. Items stop when the next one would leave no room for the
 * "…and N more" line and the footer; when not even the first item fits, the
 * header comes with a line counting them all, so a list never vanishes while
 * that much room is left. Items are rendered only as they are tried, so a
 * list of 20,000 cases costs the rows that fit, not 20,000.
 */
function addList(budget, list, reserve) {
    const { items } = list;
    if (items.length === 0)
        return;
    const tail = budget.measure(list.footer) + reserve;
    const more = moreSize(budget, list);
    let shown = 0;
    if (budget.tryAdd(`${list.header}${list.render(items[0])}`, tail + (items.length === 1 ? 0 : more))) {
        shown = 1;
        while (shown < items.length) {
            const last = shown === items.length - 1;
            if (!budget.tryAdd(list.render(items[shown]), tail + (last ? 0 : more)))
                break;
            shown += 1;
        }
    }
    else if (!budget.tryAdd(list.header, budget.measure(list.more(items.length, 0)) + tail)) {
        return;
    }
    if (shown < items.length)
        budget.tryAdd(list.more(items.length - shown, shown), tail);
    budget.tryAdd(list.footer, reserve);
}

;// CONCATENATED MODULE: ./src/report/junit-report.ts

/** Caps keep a hostile server from producing a file of unbounded size. */
const NAME_CAP = 1_000;
const TEXT_CAP = 10_000;
/** Roughly how much XML {@link junitChunks} gathers before handing it on. */
const CHUNK_CHARS = 64 * 1024;
/**
 * Renders the report: one `<testsuite>` with a `<testcase>` per case.
 * Failed cases get `<failure>`, unavailable and unknown ones `<skipped>`.
 * When the verdict is failed but no case failed (a timed-out, cancelled or
 * otherwise failed run), a synthetic `run` test case carries an `<error>`,
 * so the JUnit file never looks green for a red step.
 */
function renderJUnit(report) {
    return [...junitChunks(report)].join('');
}
/**
 * {@link renderJUnit}'s text in pieces of about `chunkChars`, rendered one
 * case at a time, so writing junit.xml for 20,000 cases never holds the
 * whole document (or every case's XML) in memory at once.
 */
function* junitChunks(report, chunkChars = CHUNK_CHARS) {
    const classname = report.target.trim() === '' ? 'testing-studio' : report.target;
    const outcomes = report.cases.map(outcomeOf);
    const runError = report.verdict === 'failed' && !outcomes.some((o) => o === 'failure' || o === 'error');
    if (runError)
        outcomes.push('error');
    const count = (o) => outcomes.filter((x) => x === o).length;
    const totals = attrs({
        tests: String(outcomes.length),
        failures: String(count('failure')),
        errors: String(count('error')),
        skipped: String(count('skipped')),
        time: seconds(suiteSeconds(report)),
    });
    const suiteName = `${report.platform}: ${report.target}${filterSuffix(report.filters)}`;
    let pending = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites${attrs({ name: suiteName })}${totals}>`,
        `  <testsuite${attrs({ name: suiteName })}${totals}>`,
        ...properties(report),
        '',
    ].join('\n');
    for (const c of report.cases) {
        pending += `${renderCase(c, classname)}\n`;
        if (pending.length >= chunkChars) {
            yield pending;
            pending = '';
        }
    }
    if (runError)
        pending += `${runErrorCase(report, classname)}\n`;
    if (report.warnings.length > 0)
        pending += `    <system-out>${junit_report_text(report.warnings.join('\n'))}</system-out>\n`;
    yield `${pending}  </testsuite>\n</testsuites>\n`;
}
/** How a case counts in the JUnit totals. */
function outcomeOf(c) {
    if (c.status === 'failed')
        return 'failure';
    if (c.status === 'unavailable' || c.status === 'unknown')
        return 'skipped';
    return 'passed';
}
function renderCase(c, classname) {
    const open = `    <testcase${attrs({ name: c.name, classname, time: c.durationMs === undefined ? undefined : seconds(c.durationMs / 1000) })}>`;
    const body = [];
    if (c.status === 'failed') {
        const details = c.failures.length > 0 ? c.failures.map(failureLine).join('\n') : c.errors.join('\n');
        body.push(`      <failure${attrs({ message: failureMessage(c), type: 'AssertionError' })}>${junit_report_text(details)}</failure>`);
    }
    else if (c.status === 'unavailable') {
        body.push('      <skipped message="unavailable"/>');
    }
    else if (c.status === 'unknown') {
        body.push(`      <skipped${attrs({ message: `status: ${c.vendorStatus}` })}/>`);
    }
    if (c.warnings.length > 0)
        body.push(`      <system-out>${junit_report_text(c.warnings.join('\n'))}</system-out>`);
    if (c.errors.length > 0)
        body.push(`      <system-err>${junit_report_text(c.errors.join('\n'))}</system-err>`);
    return body.length === 0 ? `${open.slice(0, -1)}/>` : [open, ...body, '    </testcase>'].join('\n');
}
/** "step 3: intent — expected BookFlight, found Cancel" */
function failureLine(f) {
    const where = f.step === undefined ? '' : `step ${f.step}: `;
    return `${where}${f.assertion} — expected ${f.expected}, found ${f.found}`;
}
function failureMessage(c) {
    const first = c.failures[0];
    if (first)
        return c.failures.length === 1 ? failureLine(first) : `${c.failures.length} failed assertions`;
    return c.errors[0] ?? `failed (status: ${c.vendorStatus})`;
}
function runErrorCase(report, classname) {
    const open = `    <testcase${attrs({ name: 'run', classname, time: seconds(report.durationSeconds) })}>`;
    const error = `      <error${attrs({ message: report.verdictReason, type: report.status })}>${junit_report_text(report.verdictReason)}</error>`;
    return [open, error, '    </testcase>'].join('\n');
}
/**
 * The run filters that tell two reports of one project apart, for the suite
 * name: steps or matrix jobs over groups of one project write junit.xml files
 * that a reporter would otherwise list under one name. All three, as in the
 * comment marker: each chooses the test cases that run.
 */
function filterSuffix({ group, utterance, description }) {
    const parts = [group ? `group ${group}` : '', utterance ? `utterance ${utterance}` : '', description ? `description ${description}` : ''].filter((p) => p !== '');
    return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
function properties(report) {
    const props = [
        ['run-id', report.runId],
        ['status', report.status],
        ['verdict', report.verdict],
        ['verdict-reason', report.verdictReason],
        ['project', report.target],
        ['project-id', report.targetId],
        ['suites', report.suites.length > 0 ? report.suites.join(', ') : undefined],
        ['filter-group', report.filters.group],
        ['filter-utterance', report.filters.utterance],
        ['filter-description', report.filters.description],
        ['job-url', report.jobUrl],
    ];
    const lines = props
        .filter((p) => p[1] !== undefined && p[1] !== '')
        .map(([name, value]) => `      <property${attrs({ name, value })}/>`);
    return ['    <properties>', ...lines, '    </properties>'];
}
/** Total run time: the platform's duration, else the sum of the case durations it can write, else unknown. */
function suiteSeconds(report) {
    if (report.durationSeconds !== undefined)
        return report.durationSeconds;
    // A case whose time is omitted (NaN, negative) must not turn the sum into NaN or shrink it.
    const known = report.cases.flatMap((c) => (c.durationMs !== undefined && c.durationMs >= 0 ? [c.durationMs] : []));
    if (known.length === 0)
        return undefined;
    return known.reduce((sum, ms) => sum + ms, 0) / 1000;
}
/**
 * Largest time written, in seconds (about 31.7 years). Larger values are the
 * server's nonsense (`executionTime: 1e30`), clamped rather than dropped so the
 * case keeps a time. Past 1e21 toFixed switches to exponent notation
 * (`1e+27`), which JUnit readers that expect a decimal reject; at 1e9 even the
 * three decimals are exact, far below 2^53.
 */
const MAX_SECONDS = 1_000_000_000;
/**
 * Seconds with three decimals, always plain digits; undefined (omitting the
 * attribute) for unknown, NaN or negative values. Positive infinity, which a
 * sum of huge durations can reach, is clamped like any value over the maximum.
 */
function seconds(value) {
    if (value === undefined || Number.isNaN(value) || value < 0)
        return undefined;
    return Math.min(value, MAX_SECONDS).toFixed(3);
}
/** ` a="…" b="…"` for the defined values, escaped and capped. */
function attrs(values) {
    return Object.entries(values)
        .filter((e) => e[1] !== undefined)
        .map(([k, v]) => ` ${k}="${escapeXmlAttribute(truncateText(v, NAME_CAP))}"`)
        .join('');
}
function junit_report_text(value) {
    return escapeXml(truncateText(value, TEXT_CAP));
}

;// CONCATENATED MODULE: ./src/core/path-checks.ts




/**
 * The checks on disk behind the path inputs (`suites`, `results-path`), made
 * while inputs are validated so a typo or a planted symlink fails before any
 * request. Synchronous: they run once, before anything else happens.
 */
/** What the `suites` input must name. */
const SUITES_EXPECTED = 'a folder or a .zip file';
/** What the `results-path` input must name. */
const RESULTS_EXPECTED = 'a folder inside the workspace';
/**
 * True when `target` is strictly below `folder`. Compares the relative path
 * by segments: a folder named `..results` is inside, and on Windows a target
 * on another drive (where the relative path is absolute) is not. `paths` is
 * injectable so the Windows rules can be tested anywhere.
 */
function isInsideFolder(folder, target, paths = (external_node_path_default())) {
    const rel = paths.relative(paths.resolve(folder), paths.resolve(target));
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${paths.sep}`) && !paths.isAbsolute(rel);
}
/**
 * The `suites` input must name an existing folder with something in it, or
 * a .zip file, checked here so a typo fails before any request (the upload
 * itself comes after Get Project). Mirrors resolveSuites, which checks again
 * when it zips.
 */
function checkSuites(suites, workspace) {
    checkSuitesStayInWorkspace(suites, workspace);
    let info;
    try {
        info = (0,external_node_fs_.statSync)(suites);
    }
    catch (error) {
        const code = error.code;
        const problem = code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${codeOf(error)})`;
        throw new errors/* InputError */.dz(inputs/* Inputs */.G0.Suites, `${SUITES_EXPECTED}; '${suites}' ${problem}`);
    }
    if (info.isDirectory()) {
        let found;
        try {
            found = hasEntryToUpload(suites);
        }
        catch (error) {
            throw new errors/* InputError */.dz(inputs/* Inputs */.G0.Suites, `a readable folder; '${suites}' cannot be read (${codeOf(error)})`);
        }
        if (!found)
            throw new errors/* InputError */.dz(inputs/* Inputs */.G0.Suites, `a folder with at least one file to upload; '${suites}' has none`);
        return;
    }
    if (!info.isFile())
        throw new errors/* InputError */.dz(inputs/* Inputs */.G0.Suites, `${SUITES_EXPECTED}; '${suites}' is neither`);
    if (!suites.toLowerCase().endsWith('.zip')) {
        throw new errors/* InputError */.dz(inputs/* Inputs */.G0.Suites, `${SUITES_EXPECTED}; '${suites}' is a file whose name does not end in .zip`);
    }
    if (!startsWithZipSignature(suites))
        throw new errors/* InputError */.dz(inputs/* Inputs */.G0.Suites, `${SUITES_EXPECTED}; '${suites}' is not a zip archive`);
}
/**
 * A `suites` path inside the workspace must still be inside it once
 * symlinks on the way are resolved: a checked-out `suites -> /home/runner/.ssh`
 * (or a symlinked folder above it) would otherwise have files from outside
 * the repository zipped and sent to the server, past the rule that leaves
 * out symlinks inside the folder that lead out of it. A path given outside
 * the workspace is taken as given. A path that does not exist is left to the
 * existence check.
 */
function checkSuitesStayInWorkspace(suites, workspace) {
    const root = external_node_path_default().resolve(workspace);
    const given = external_node_path_default().resolve(root, suites);
    if (given !== root && !isInsideFolder(root, given))
        return;
    let real;
    let realRoot;
    try {
        real = (0,external_node_fs_.realpathSync)(given);
        realRoot = (0,external_node_fs_.realpathSync)(root);
    }
    catch {
        return;
    }
    if (real !== realRoot && !isInsideFolder(realRoot, real)) {
        throw new errors/* InputError */.dz(inputs/* Inputs */.G0.Suites, `${SUITES_EXPECTED} inside the workspace (${suites} leads to ${real} through a symlink; to upload from there, give that path itself)`);
    }
}
/**
 * Left out of the suites zip wherever it appears: git's metadata is no suite,
 * and actions/checkout (before v6) keeps the token it fetched with in
 * `.git/config`, so a `suites` folder that is a checked-out repository would
 * send it to the server. A `.git` file (a submodule's) holds only a path.
 */
const NEVER_UPLOADED = '.git';
/**
 * True when the folder (or a folder below it) holds something zipFolder
 * would upload: a file, or a symlink {@link symlinkedFile} accepts, outside
 * `.git`. Stops at the first one. Symlinked folders are not followed, as
 * zipFolder does not follow them.
 */
function hasEntryToUpload(folder) {
    const root = (0,external_node_fs_.realpathSync)(folder);
    const pending = [folder];
    for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
        for (const entry of (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true })) {
            if (entry.name === NEVER_UPLOADED)
                continue;
            const full = external_node_path_default().join(dir, entry.name);
            if (entry.isFile() || (entry.isSymbolicLink() && typeof symlinkedFile(root, full) === 'string'))
                return true;
            if (entry.isDirectory())
                pending.push(full);
        }
    }
    return false;
}
/**
 * Which symlinks in the suites folder are uploaded (zipFolder's rule, and
 * the input check's): one that leads to a regular file inside `root` (the
 * folder's real path) gives that file's real path; any other gives why it is
 * left out. Reading from the resolved path (not the link) means a link
 * retargeted after this check cannot smuggle an outside file into the zip.
 */
function symlinkedFile(root, link) {
    let target;
    try {
        target = (0,external_node_fs_.realpathSync)(link);
    }
    catch {
        return { reason: 'broken symlink' };
    }
    if (!isInsideFolder(root, target))
        return { reason: 'symlink to a location outside the folder' };
    const info = (0,external_node_fs_.statSync)(target);
    if (info.isDirectory())
        return { reason: 'symlinked directory (not followed)' };
    if (!info.isFile())
        return { reason: 'symlink to something that is not a regular file' };
    return target;
}
/** The signatures a .zip may start with: a local file header or an empty archive's end record. */
const ZIP_SIGNATURES = ['PK\x03\x04', 'PK\x05\x06'];
/** Whether `head`, a file's first bytes as read, is a zip signature. The one rule for the input check and resolveSuites. */
function isZipSignature(head) {
    return head.length === 4 && ZIP_SIGNATURES.includes(head.toString('latin1'));
}
function startsWithZipSignature(file) {
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(file, 'r');
    }
    catch (error) {
        throw new errors/* InputError */.dz(inputs/* Inputs */.G0.Suites, `${SUITES_EXPECTED}; '${file}' cannot be read (${codeOf(error)})`);
    }
    try {
        const head = Buffer.alloc(4);
        const read = (0,external_node_fs_.readSync)(fd, head, 0, 4, 0);
        return isZipSignature(head.subarray(0, read));
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
function codeOf(error) {
    return error?.code ?? 'error';
}
/**
 * `results-path` must lead to a folder inside the workspace once symlinks on
 * the way are resolved (a checked-out `testing-studio-results -> /elsewhere`
 * would otherwise lead out of it), and must not be an existing file. It need
 * not exist yet. publishReports checks again when it creates the folder, as
 * the disk may change during the run; this check makes a bad path fail
 * before a run is started rather than after it, as a warning.
 */
function checkResultsPath(resultsPath, workspace) {
    const real = realResultsPath(resultsPath, workspace);
    let info;
    try {
        info = (0,external_node_fs_.statSync)(real);
    }
    catch {
        return; // not there yet: created when the reports are written
    }
    if (!info.isDirectory())
        throw new errors/* InputError */.dz(inputs/* Inputs */.G0.ResultsPath, `${RESULTS_EXPECTED}; '${resultsPath}' is a file`);
}
/**
 * The real path `resultsPath` leads to, checked to be inside the workspace's
 * real path; throws the InputError that names `results-path` otherwise,
 * including when the path cannot be resolved (a part of it is a file, a
 * symlink loop).
 */
function realResultsPath(resultsPath, workspace) {
    let root;
    let real;
    try {
        root = realpathOfNearest(workspace);
        real = realpathOfNearest(resultsPath);
    }
    catch (error) {
        throw new errors/* InputError */.dz(inputs/* Inputs */.G0.ResultsPath, `${RESULTS_EXPECTED}; '${resultsPath}' cannot be used (${unresolvable(error)})`);
    }
    if (!isInsideFolder(root, real)) {
        throw new errors/* InputError */.dz(inputs/* Inputs */.G0.ResultsPath, `${RESULTS_EXPECTED} (${resultsPath} leads to ${real} through a symlink)`);
    }
    return real;
}
/** Symlinks followed while resolving a path before giving up, as the kernel does (ELOOP). */
const MAX_SYMLINKS = 40;
/**
 * The real path `target` would have: its nearest existing ancestor resolved,
 * the rest appended. A dangling symlink on the way is followed to where it
 * points (a link to a missing folder outside the workspace would otherwise
 * pass for the link's own path, inside it).
 */
function realpathOfNearest(target) {
    const missing = [];
    let current = external_node_path_default().resolve(target);
    let links = 0;
    for (;;) {
        try {
            return external_node_path_default().join((0,external_node_fs_.realpathSync)(current), ...missing.reverse());
        }
        catch (error) {
            if (error.code !== 'ENOENT')
                throw error;
            const link = linkTarget(current);
            if (link !== undefined) {
                if (++links > MAX_SYMLINKS)
                    throw Object.assign(new Error(`too many symlinks resolving ${target}`), { code: 'ELOOP' });
                current = external_node_path_default().resolve(external_node_path_default().dirname(current), link);
                continue;
            }
            const parent = external_node_path_default().dirname(current);
            if (parent === current)
                throw error;
            missing.push(external_node_path_default().basename(current));
            current = parent;
        }
    }
}
/** Where a symlink points, or undefined when `file` is not a symlink (or does not exist). */
function linkTarget(file) {
    try {
        return (0,external_node_fs_.readlinkSync)(file);
    }
    catch {
        return undefined;
    }
}
/** Why a path cannot be resolved, in words. */
function unresolvable(error) {
    const code = codeOf(error);
    if (code === 'ENOTDIR')
        return 'a part of it is a file';
    if (code === 'ELOOP')
        return 'a symlink loop';
    if (code === 'EACCES' || code === 'EPERM')
        return 'permission denied';
    return code;
}

;// CONCATENATED MODULE: ./src/core/rename-into-place.ts

/**
 * Codes Windows answers a rename with while another process has the file
 * open without sharing its deletion: an antivirus scan of a file just
 * closed, a search indexer. The hold lasts moments, so asking again works
 * (as npm's graceful-fs does); elsewhere the same codes mean a permission
 * that waiting does not change.
 */
const HELD_ON_WINDOWS = new Set(['EPERM', 'EACCES', 'EBUSY']);
/**
 * Waits before each new try on Windows: 1.55 s in all, so a cancelled job,
 * which still writes its junit.xml, is not held up for long.
 */
const RETRY_DELAYS_MS = [50, 100, 200, 400, 800];
/**
 * Rename a file just written (a download's `.part`, a scratch junit.xml)
 * into place. On Windows a rename refused because the file is held is tried
 * again a few times; any other failure, and any failure elsewhere, is thrown
 * at once. Throws the last error once the tries are used up.
 */
async function renameIntoPlace(from, to, options) {
    const { clock, platform = process.platform, rename = promises_.rename } = options;
    // One try more than there are delays: the last one, if refused too, throws.
    for (const delay of [...RETRY_DELAYS_MS, undefined]) {
        try {
            await rename(from, to);
            return;
        }
        catch (error) {
            const held = platform === 'win32' && HELD_ON_WINDOWS.has(error.code ?? '');
            if (!held || delay === undefined)
                throw error;
            await clock.sleep(delay);
        }
    }
}

;// CONCATENATED MODULE: ./src/core/timeout-signal.ts
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
function timeoutSignal(ms) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
    timer.unref();
    return controller.signal;
}

;// CONCATENATED MODULE: ./src/core/publish.ts











/**
 * How long the workflow-artifact upload is waited for. `@actions/artifact`
 * gives up on a stalled blob upload by itself, but not on a service call that
 * never answers; a reporting problem must not hold the step until the job's
 * `timeout-minutes` fails it whatever the verdict. Running out is a warning
 * (the upload is left to finish or not; the process exits once the step is done).
 */
const WORKFLOW_ARTIFACT_BUDGET_MS = 10 * 60_000;
/** Folder (inside results-path) the artifact zip is extracted into. */
const EXTRACT_DIR = 'artifacts';
/**
 * Says that an earlier step of the job wrote to results-path too: its
 * junit.xml, artifacts/ and artifact zip are replaced (the zip as an earlier
 * run's), so a later step that reads them would see this step's alone.
 */
function reusedResultsPathWarning(resultsPath, workspace) {
    const shown = external_node_path_default().relative(workspace, resultsPath).split((external_node_path_default()).sep).join('/');
    return (`results-path '${shown}' was written by an earlier step of this job: this step replaces its junit.xml, ${EXTRACT_DIR}/ and artifact zip, ` +
        'so a later step reading them finds only this step\'s results; give each step its own results-path to keep both.');
}
/**
 * Clears results-path of an earlier run's artifact (its extracted copy and
 * the platform's zip), from a reused workspace or an earlier step with the
 * same results-path, before anything else, so that on every path (a
 * timeout, a failure before the run exists, a run with no artifact) the
 * workflow artifact and later steps find only this step's files. A problem
 * is a warning: it never changes the verdict.
 */
async function clearEarlierResults(deps, warnings) {
    try {
        const folder = await resultsFolder(deps);
        await (0,promises_.rm)(external_node_path_default().join(folder, EXTRACT_DIR), { recursive: true, force: true });
        await deps.platform.removeEarlierArtifacts(folder);
    }
    catch (error) {
        const warning = `Could not clear earlier results from results-path: ${(0,errors/* errorMessage */.gJ)(error)}`;
        deps.host.log.warning(warning);
        warnings.push(warning);
    }
}
/**
 * Download the run's artifact into results-path and extract it safely.
 * Problems become report warnings, `ctx` running out (`budgetMs`) included:
 * they never change the verdict. Only the job's cancel is thrown.
 */
async function collectArtifact(deps, report, ctx, budgetMs) {
    const { settings, platform, host } = deps;
    if (!report.runId)
        return;
    const warn = (message) => {
        host.log.warning(message);
        report.warnings.push(message);
    };
    /** The downloaded zip while its entries have not all been read, so not all checked for secrets. */
    let unchecked;
    try {
        await resultsFolder(deps);
        // An earlier run's files were cleared when the step started (clearEarlierResults), so only this run's are here.
        const extractDir = external_node_path_default().join(settings.resultsPath, EXTRACT_DIR);
        const download = await platform.downloadArtifact(report.runId, settings.resultsPath, ctx);
        if (!download) {
            warn('The run has no artifact to download.');
            return;
        }
        host.log.info(`Downloaded ${external_node_path_default().basename(download.path)} (${formatBytes(download.bytes)}).`);
        // The artifact may hold the run's own log, which can print the project's git token: extracted files get the
        // secrets replaced, and the zip itself, which would still hold them, is not kept (nor uploaded).
        unchecked = download.path;
        const extracted = await safeExtract(download.path, extractDir, { scrub: deps.redactor.bytePatterns(), signal: ctx.signal });
        unchecked = undefined;
        host.log.info(`Extracted ${extracted.files.length} files (${formatBytes(extracted.bytes)}) to ${EXTRACT_DIR}/.`);
        if (extracted.renamed.length > 0)
            host.log.info(renamedNote(extracted.renamed));
        if (extracted.scrubbed.length > 0) {
            await (0,promises_.rm)(download.path, { force: true });
            warn(scrubbedWarning(external_node_path_default().basename(download.path), extracted.scrubbed));
        }
    }
    catch (error) {
        // A failed extraction leaves no files, and its zip, which may hold a secret further on, is not kept (nor uploaded).
        if (unchecked)
            await (0,promises_.rm)(unchecked, { force: true });
        if (deps.signal.aborted)
            throw error;
        const why = (0,errors/* isAbortError */.zf)(error) && ctx.signal.aborted ? `not done within ${(0,errors/* formatTimeout */.BE)(budgetMs)}.` : (0,errors/* errorMessage */.gJ)(error).replace(/([^.])$/, '$1.');
        const deleted = unchecked ? ` ${JSON.stringify(external_node_path_default().basename(unchecked))} was deleted: not all of it could be checked for secrets.` : '';
        warn(`Could not fetch the run's artifact: ${why}${deleted}`);
    }
}
/**
 * Write junit.xml, upload the results folder, update the sticky comment and
 * write the job summary, in that order so the summary can show every warning
 * the others raised. A cancel stops the waiting for the upload and the
 * comment (and skips the comment), so the summary is still written. Every string of the report is redacted first, while a
 * secret still reads as itself (escaping or shortening would hide it from
 * the redactor). Returns the JUnit file's path, or undefined when it could
 * not be written (a warning, like every reporting problem).
 */
async function publishReports(deps, unredacted, options) {
    const { settings, host } = deps;
    const log = host.log;
    const report = deps.redactor.redactAll(unredacted);
    const warn = (message) => {
        log.warning(message);
        // Added after redactAll, so redacted here: once rendered, escaping would disguise a secret.
        report.warnings.push(deps.redactor.redactReadable(message));
    };
    let junitPath;
    await log.group('Publishing reports', async () => {
        try {
            junitPath = await writeJUnit(deps, report);
            log.info(`JUnit report: ${junitPath}`);
        }
        catch (error) {
            warn(`Could not write the JUnit report: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
        if (options.artifact) {
            const name = `testing-studio-results-${(report.runId ?? settings.projectId).slice(0, 8)}`;
            const budget = timeoutSignal(WORKFLOW_ARTIFACT_BUDGET_MS);
            try {
                const leftOut = await unlessCancelled(AbortSignal.any([deps.signal, budget]), () => host.uploadArtifact(name, settings.resultsPath));
                log.info(`Uploaded workflow artifact '${name}'.`);
                if (leftOut.length > 0)
                    warn(leftOutWarning(name, leftOut));
            }
            catch (error) {
                if (deps.signal.aborted)
                    warn(`Stopped waiting for the workflow artifact '${name}': the job was cancelled.`);
                else if (budget.aborted)
                    warn(`Stopped waiting for the workflow artifact '${name}': not uploaded within ${(0,errors/* formatTimeout */.BE)(WORKFLOW_ARTIFACT_BUDGET_MS)}.`);
                else
                    warn(`Could not upload the results as an artifact: ${(0,errors/* errorMessage */.gJ)(error)}`);
            }
        }
        // A cancelled job's last seconds go to the summary, as on any other cancel.
        if (options.comment && !deps.signal.aborted) {
            try {
                // Scoped by the filters, which choose the test cases that run (the description too: reference, "Runs › Create Run").
                const { group, utterance, description } = settings.filters;
                const marker = commentMarker(settings.projectId, { group, utterance, description });
                const body = renderMarkdown(report, { maxChars: COMMENT_MAX_CHARS, marker });
                const result = await unlessCancelled(deps.signal, () => host.upsertComment(marker, body));
                log.info(result === 'skipped' ? 'No pull request: comment skipped.' : `Pull request comment ${result}.`);
            }
            catch (error) {
                if (deps.signal.aborted)
                    warn('Stopped waiting for the pull request comment: the job was cancelled.');
                else
                    warn(`Could not update the pull request comment: ${(0,errors/* errorMessage */.gJ)(error)}`);
            }
        }
        try {
            await host.writeSummary(renderMarkdown(report, { maxChars: SUMMARY_MAX_BYTES, unit: 'bytes' }));
        }
        catch (error) {
            log.warning(`Could not write the job summary: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    });
    return junitPath;
}
/**
 * What `work` resolves to, or a rejection with the stop reason as soon as the
 * job is cancelled. The workflow-artifact upload and the comment do not watch
 * the signal, and a cancelled job has seconds before the runner kills it: the
 * summary, written last, must not wait on them. The work is left to finish
 * or not in the background; the process exits once the step is done.
 */
function unlessCancelled(signal, work) {
    if (signal.aborted)
        return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        work()
            .then(resolve, reject)
            .finally(() => signal.removeEventListener('abort', onAbort));
    });
}
/**
 * junit.xml, written to a new file and renamed into place: a symlink planted
 * at that path (say, by a checked-out pull request) is replaced, never
 * followed, and readers never see half a file.
 */
async function writeJUnit(deps, report) {
    const folder = await resultsFolder(deps);
    const target = external_node_path_default().join(folder, 'junit.xml');
    const scratch = external_node_path_default().join(folder, `.junit-${(0,external_node_crypto_.randomUUID)()}.xml`);
    try {
        // Written piece by piece: the whole document for thousands of cases is never held at once.
        await (0,promises_.writeFile)(scratch, junitChunks(report), { encoding: 'utf8', flag: 'wx' });
        await renameIntoPlace(scratch, target, { clock: deps.clock });
    }
    finally {
        await (0,promises_.rm)(scratch, { force: true });
    }
    return external_node_path_default().join(deps.settings.resultsPath, 'junit.xml');
}
/**
 * Creates results-path and checks that it really is inside the workspace.
 * Settings checked it before the run; the disk may have changed since (a
 * symlink on the way, a checked-out `testing-studio-results -> /somewhere`,
 * would lead elsewhere), and nothing may be written outside the workspace.
 * Returns its real path.
 */
async function resultsFolder(deps) {
    const { resultsPath } = deps.settings;
    // Checked before mkdir too, so not even an empty folder is created through a symlinked parent. The real path is
    // what is created: a checked-in `testing-studio-results -> build/results` whose target is not there yet would
    // make mkdir of the link itself fail (ENOENT), where people expect the folder it names to be made.
    await (0,promises_.mkdir)(realResultsPath(resultsPath, deps.workspace), { recursive: true });
    return realResultsPath(resultsPath, deps.workspace);
}
/** Says which extracted files had a secret replaced, and that the zip holding them was deleted. Names are the server's. */
function scrubbedWarning(zipName, files) {
    return (`The run's artifact held a secret (such as the project's git token): it was replaced with *** in ${fileList(files)}, ` +
        `and ${JSON.stringify(zipName)}, which still held it, was deleted rather than kept or uploaded.`);
}
/** Says which files a Windows runner extracted under another name (see safeExtract's windowsNames). Names are the server's. */
function renamedNote(renamed) {
    const files = renamed.length === 1 ? '1 file whose name' : `${renamed.length} files whose names`;
    return `Renamed ${files} Windows cannot hold: ${listFirst(renamed, NAMES_SHOWN, (r) => `${JSON.stringify(r.from)} as ${JSON.stringify(r.to)}`)}.`;
}
/** `"a", "b" and 3 more`: file names quoted (they are the server's), the first NAMES_SHOWN of them. */
function fileList(files) {
    return listFirst(files, NAMES_SHOWN, (file) => JSON.stringify(file));
}
/** Says which files the workflow artifact lacks and where they still are. */
function leftOutWarning(name, leftOut) {
    return (`Not in the workflow artifact '${name}', which refuses " : < > | * ? and line breaks in names: ${fileList(leftOut)}. ` +
        "The run's artifact zip, uploaded with the rest, holds them too, unless it was deleted for holding a secret (said above).");
}
/** e.g. `1.5 MB`. */
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    const units = ['KB', 'MB', 'GB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}

;// CONCATENATED MODULE: ./src/core/stop-run.ts




/** Time allowed for revoking a run on cancel/timeout (the runner kills the job ~7.5 s after SIGINT). */
const REVOKE_BUDGET_MS = 5_000;
/** Time allowed for the status check made once the deadline has passed, before the run is revoked. */
const LAST_LOOK_BUDGET_MS = 5_000;
/** Time allowed for the last log fetch once the run is over (or was revoked on timeout). */
const LOG_FLUSH_BUDGET_MS = 10_000;
/** Time a timed-out step gives to reading the test cases the run got through (see resultsSoFar). */
const RESULTS_SO_FAR_BUDGET_MS = 60_000;
/**
 * How long Create Run may still take after the job was cancelled or the
 * deadline passed. Abandoning a POST the server has already received would
 * leave a run nobody knows the id of, so nobody could revoke it; given this
 * much time, the answer usually arrives and the run is revoked at once.
 * With REVOKE_BUDGET_MS that makes 7 s, inside the 7.5 s a runner waits
 * between SIGINT and SIGTERM (a second signal exits at once).
 */
const CREATE_GRACE_MS = 2_000;
/**
 * A signal that aborts `ms` after `signal` does (see CREATE_GRACE_MS), with a
 * reason of its own, so a caller can tell "abandoned after the grace period"
 * from "stopped before anything was sent". Call `dispose` when done.
 */
function afterGrace(signal, ms) {
    const controller = new AbortController();
    let timer;
    const onAbort = () => {
        timer = setTimeout(() => controller.abort(new DOMException(`no answer ${ms} ms after stopping`, 'AbortError')), ms);
    };
    if (signal.aborted)
        onAbort();
    else
        signal.addEventListener('abort', onAbort, { once: true });
    return {
        signal: controller.signal,
        dispose: () => {
            clearTimeout(timer);
            signal.removeEventListener('abort', onAbort);
        },
    };
}
/** Why a step whose signals were aborted is stopping: the job's cancel wins over any time limit. */
function stopCause(deps) {
    return deps.signal.aborted ? 'cancelled' : 'timed-out';
}
/** A context of its own for work that must still happen while stopping (revoke, last log fetch). */
function budgetContext(deps, ms, withCancel) {
    const timeout = timeoutSignal(ms);
    return { signal: withCancel ? AbortSignal.any([deps.signal, timeout]) : timeout, deadline: deps.clock.now() + ms };
}
/** The error that ends the step for `cause`; `limitMs` is the limit that passed (the step's timeout by default). */
function stopError(deps, cause, fate, limitMs = deps.settings.timeoutMs) {
    return cause === 'cancelled' ? new errors/* RunCancelledError */.Bi(fate) : new errors/* RunTimeoutError */.NE(limitMs, fate);
}
/**
 * Revoke a run that is still in progress, when allowed, within
 * REVOKE_BUDGET_MS (a cancelled job has ~7.5 s before the runner kills it).
 * When the revoke fails, the run's status is read within what is left of
 * that time: a run that ended just before (a cancel right as it finished)
 * may have its revoke refused, and is then said to have ended, not to be
 * "possibly still running"; one that reads REVOKED was revoked (the revoke's
 * answer was lost, or a retry was refused as the first one had worked).
 */
async function revokeRun(deps, runId) {
    if (!deps.settings.revokeOnCancel) {
        deps.host.log.warning(`Run ${runId} was left running (revoke-on-cancel is false).`);
        return { fate: { kind: 'left-running', runId } };
    }
    const ctx = budgetContext(deps, REVOKE_BUDGET_MS, false);
    const revoked = () => {
        deps.host.rememberRun(undefined);
        deps.host.log.info(`Revoked run ${runId}.`);
        return { fate: { kind: 'revoked', runId } };
    };
    try {
        await deps.platform.cancelRun(runId, ctx);
        return revoked();
    }
    catch (error) {
        let statusError;
        const run = await deps.platform.getRun(runId, ctx).catch((readError) => void (statusError = readError));
        if (run?.state === 'cancelled')
            return revoked();
        if ((0,errors/* isNotFound */.c4)(error) && (0,errors/* isNotFound */.c4)(statusError)) {
            // Deleted on the server: nothing is left running, and the clean-up step must not try again.
            deps.host.rememberRun(undefined);
            deps.host.log.warning(`Run ${runId} no longer exists on the server (its revoke and its status both answered 404).`);
            return { fate: { kind: 'gone', runId } };
        }
        if (run && TERMINAL_STATES.has(run.state)) {
            deps.host.rememberRun(undefined);
            deps.host.log.info(`Run ${runId} had ended ${run.vendorStatus} just before; there was nothing to revoke.`);
            return { fate: { kind: 'ended-meanwhile', runId, status: run.vendorStatus }, ended: run };
        }
        deps.host.log.warning(`Could not revoke run ${runId}: ${(0,errors/* budgetedFailure */.Hj)(error, REVOKE_BUDGET_MS)}`);
        return { fate: { kind: 'revoke-failed', runId } };
    }
}
/**
 * The run, when a status check made once the deadline has passed finds it
 * ended; undefined when it is still in progress or its status cannot be read
 * now. The last check can be a whole poll interval old (up to 10 minutes
 * with a fixed `poll-interval`): a run that ended since must keep its
 * verdict, not be reported as timed out and "revoked" (revoking an ended run
 * changes nothing). Bounded by LAST_LOOK_BUDGET_MS.
 */
async function endedAtDeadline(deps, runId) {
    try {
        const run = await deps.platform.getRun(runId, budgetContext(deps, LAST_LOOK_BUDGET_MS, true));
        return TERMINAL_STATES.has(run.state) ? run : undefined;
    }
    catch {
        // Not readable now: the run is treated as still in progress, as before this look.
        return undefined;
    }
}
/**
 * Print what the run's log holds that was not printed yet, including the
 * section that was still running: on a timeout that is the part people need.
 * Bounded by LOG_FLUSH_BUDGET_MS; a failure is only a warning, and what an
 * earlier fetch held of that section is printed instead.
 */
async function flushLogs(deps, printer, runId) {
    try {
        const sections = await deps.platform.getLogs(runId, budgetContext(deps, LOG_FLUSH_BUDGET_MS, true));
        if (sections)
            printer.print(sections, true);
    }
    catch (error) {
        const earlier = printer.printHeld() > 0 ? '; printed what an earlier fetch held instead, which may end before the run did' : '';
        const why = deps.signal.aborted ? 'the job was cancelled' : (0,errors/* budgetedFailure */.Hj)(error, LOG_FLUSH_BUDGET_MS);
        deps.host.log.warning(`Could not fetch the run's log: ${why}${earlier}`);
    }
}
/**
 * The test cases a timed-out run got through before it was revoked, for the
 * reports: after a long run stopped near its end, which cases failed is what
 * people need, and the API still lists them. Undefined when none can be read
 * within RESULTS_SO_FAR_BUDGET_MS (a warning) or there are none. Not on a
 * cancel: a cancelled job's few seconds go to the revoke. The platform's
 * warnings about them join `warnings` (see noteResults).
 */
async function resultsSoFar(deps, runId, warnings) {
    try {
        const read = await deps.platform.getResults(runId, budgetContext(deps, RESULTS_SO_FAR_BUDGET_MS, true));
        if (read.cases.length === 0 && read.counts.total === 0)
            return undefined;
        noteResults(deps, read, warnings, true);
        return read;
    }
    catch (error) {
        deps.host.log.warning(`Could not read the test cases the run got through: ${(0,errors/* budgetedFailure */.Hj)(error, RESULTS_SO_FAR_BUDGET_MS)}`);
        return undefined;
    }
}
/**
 * Logs what was read of a run's results (see describeResults) and the
 * platform's warnings about them, which also join `warnings`, the report's:
 * the same for a run that ended and for what a timed-out one got through.
 */
function noteResults(deps, read, warnings, soFar = false) {
    deps.host.log.info(describeResults(read, soFar));
    for (const warning of read.warnings ?? []) {
        deps.host.log.warning(warning);
        warnings.push(warning);
    }
}
/**
 * One line saying what was read (for the results group, or of a timed-out
 * run, `soFar`, what it got through), so neither stands without a word.
 */
function describeResults({ counts, cases, suites }, soFar = false) {
    const count = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;
    return (`Read ${count(cases.length, 'test case')}${soFar ? ' the run got through,' : ''} from ${count(suites.length, 'suite')}: ` +
        `${counts.passed} passed, ${counts.failed} failed, ${counts.unavailable} unavailable of ${counts.total}.`);
}
/**
 * The step is stopping before it could report results: set the outputs
 * (status TIMED_OUT or CANCELLED, `endedStatus` when the caller knows better:
 * the run's own status when it had ended, UNKNOWN, NOT_STARTED),
 * write the summary and JUnit (and, unless cancelled, the comment and the
 * workflow artifact) saying why, then return the error to throw. A cancelled
 * job has seconds before the runner kills it, which the revoke needs more
 * than an upload; a timed-out one still has its JUnit to hand on.
 */
async function reportStop(deps, base, outputs, failure, cause, endedStatus) {
    const status = endedStatus ?? (cause === 'cancelled' ? StopStatus.Cancelled : StopStatus.TimedOut);
    const reason = deps.describeFailure?.(failure) ?? failure.message;
    // How long the run was followed, as the output says, when the report has no duration of its own.
    const followed = outputs['duration-seconds'] !== undefined && base.durationSeconds === undefined ? { durationSeconds: Number(outputs['duration-seconds']) } : {};
    const report = { ...base, ...followed, status, verdict: 'failed', verdictReason: reason };
    // Counts already read (a stop while the artifact was fetched) are outputs too, as the summary shows them.
    const stopped = { ...outputs, ...(base.counts ? countOutputs(base.counts) : {}), status };
    deps.host.setOutputs(stopped);
    const notCancelled = cause !== 'cancelled';
    const junitPath = await publishReports(deps, report, {
        comment: notCancelled && deps.settings.comment,
        // The artifact keeps a run's results: with no run there is nothing of it to keep.
        artifact: notCancelled && base.runId !== undefined && deps.settings.uploadArtifact,
    });
    if (junitPath)
        deps.host.setOutputs({ ...stopped, 'junit-path': junitPath });
    return failure;
}
/** The case-count outputs, set wherever the counts are known. */
function countOutputs(counts) {
    return { passed: String(counts.passed), failed: String(counts.failed), unavailable: String(counts.unavailable), total: String(counts.total) };
}

;// CONCATENATED MODULE: ./src/core/verdict.ts
/**
 * Decide whether the step fails, following the `fail-on` input:
 * - `failed`: the run ended FAILURE/REVOKED/errored, ran no test case at all, or any case failed;
 * - `unavailable`: as `failed`, and also when any case is unavailable;
 * - `never`: test results never fail the step.
 */
function decideVerdict(failOn, state, vendorStatus, counts) {
    const problems = [];
    if (state !== 'passed')
        problems.push(`the run ended ${vendorStatus}`);
    // As test runners refuse "no tests found" (jest, pytest): a filter that matches nothing (a typo in group or
    // utterance) or a project with no suites would otherwise pass the gate having tested nothing.
    else if (counts.total === 0)
        problems.push('the run ran no test cases (check the group, utterance and description filters and the suites)');
    if (counts.failed > 0)
        problems.push(`${counts.failed} of ${counts.total} test cases failed`);
    if (failOn === 'unavailable' && counts.unavailable > 0) {
        problems.push(`${counts.unavailable} of ${counts.total} test cases were unavailable`);
    }
    if (problems.length === 0) {
        const unavailable = counts.unavailable > 0 ? ` (${counts.unavailable} unavailable)` : '';
        return { verdict: 'passed', reason: `${counts.passed} of ${counts.total} test cases passed${unavailable}.` };
    }
    const sentence = `${capitalise(problems.join('; '))}.`;
    if (failOn === 'never')
        return { verdict: 'passed', reason: `${sentence} Not failing the step because fail-on is 'never'.` };
    return { verdict: 'failed', reason: sentence };
}
function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./src/core/log-follower.ts



/** Time one log fetch made while waiting may take, its retries included. */
const LOG_FETCH_BUDGET_MS = 10_000;
/**
 * Fetches a run's log while the poll loop waits, beside the status checks
 * rather than between them. The log is a courtesy: a logs endpoint that is
 * slow, rate-limited (a long Retry-After) or hanging must never delay the
 * status check that notices the run ended, so a fetch runs in the
 * background, one at a time, each within LOG_FETCH_BUDGET_MS.
 */
class LogFollower {
    options;
    inFlight;
    nextFetch;
    warned = false;
    /** Set after a failure that asking again will not mend (a 403, an answer of the wrong shape). */
    givenUp = false;
    stopped = new AbortController();
    constructor(options) {
        this.options = options;
        this.nextFetch = options.clock.now();
    }
    /** Starts a fetch when one is due (LOG_FETCH_POLICY) and none is under way; never waits for it. */
    tick() {
        const { clock, startedAt } = this.options;
        const now = clock.now();
        if (this.inFlight || this.givenUp || this.stopped.signal.aborted || now < this.nextFetch)
            return;
        this.nextFetch = now + nextPollDelay(LOG_FETCH_POLICY, now - startedAt);
        this.inFlight = this.fetch().finally(() => {
            this.inFlight = undefined;
        });
    }
    /** Abandons a fetch under way (the caller's last fetch replaces it) and waits until it has let go. */
    async stop() {
        this.stopped.abort();
        await this.inFlight;
    }
    /**
     * Never rejects: a failure is a warning, said once. After a failure that
     * is not transient no more fetches are made while waiting: each would
     * download the whole log again (up to the client's 32 MiB JSON limit) to
     * fail the same way. The last fetch, once the run ended, still tries.
     */
    async fetch() {
        const { platform, clock, log, printer, ctx, runId } = this.options;
        const budget = {
            signal: AbortSignal.any([ctx.signal, this.stopped.signal, timeoutSignal(LOG_FETCH_BUDGET_MS)]),
            deadline: Math.min(ctx.deadline, clock.now() + LOG_FETCH_BUDGET_MS),
        };
        try {
            const sections = await platform.getLogs(runId, budget);
            if (sections && !this.stopped.signal.aborted)
                printer.print(sections, false);
        }
        catch (error) {
            if (ctx.signal.aborted || this.stopped.signal.aborted)
                return;
            this.givenUp = !(0,errors/* isAbortError */.zf)(error) && !(0,errors/* isTransientError */.bV)(error);
            if (this.warned)
                return;
            this.warned = true;
            log.warning(`Could not fetch the run's log: ${(0,errors/* budgetedFailure */.Hj)(error, LOG_FETCH_BUDGET_MS)}${this.givenUp ? '; not trying again until the run ends' : ''}`);
        }
    }
}

;// CONCATENATED MODULE: ./src/core/wait-for-run.ts




/**
 * How long the run's status may stay unreadable (transient failures: 5xx,
 * 429, lost connections, each after the client's own retries) before the step
 * stops following the run and revokes it. Long enough to ride out a backend
 * deploy or a gateway restart: giving up sooner would revoke a healthy run
 * over an API blip. The deadline still applies.
 */
const STATUS_OUTAGE_TOLERANCE_MS = 5 * 60_000;
/** Raised from inside the loop when `ctx.deadline` has passed. */
class DeadlineReached extends Error {
    name = 'DeadlineReached';
}
/**
 * Poll until the run is terminal. Never sleeps past the deadline; throws
 * DeadlineReached when it passes, or the signal's reason when aborted.
 */
async function waitForRun(first, options) {
    const { platform, clock, log, policy, ctx, printer } = options;
    let run = first;
    let lastLine = describe(run);
    /** When the current run of failed status checks began; undefined while checks succeed. */
    let failingSince;
    const logs = printer && new LogFollower({ platform, clock, log, printer, ctx, runId: run.id, startedAt: options.startedAt });
    log.info(lastLine);
    try {
        while (!TERMINAL_STATES.has(run.state)) {
            if (clock.now() >= ctx.deadline)
                throw new DeadlineReached();
            logs?.tick();
            const delay = nextPollDelay(policy, clock.now() - options.startedAt);
            await clock.sleep(Math.min(delay, Math.max(0, ctx.deadline - clock.now())), ctx.signal);
            if (clock.now() >= ctx.deadline)
                throw new DeadlineReached();
            const checkedAt = clock.now();
            try {
                run = await platform.getRun(run.id, ctx);
                if (failingSince !== undefined)
                    log.info(`Status check answered again after ${formatSeconds(clock.now() - failingSince)}.`);
                failingSince = undefined;
            }
            catch (error) {
                if (ctx.signal.aborted)
                    throw ctx.signal.reason;
                if (!(0,errors/* isTransientError */.bV)(error))
                    throw error;
                const first = failingSince === undefined;
                failingSince ??= checkedAt;
                if (clock.now() - failingSince >= STATUS_OUTAGE_TOLERANCE_MS)
                    throw error;
                // One warning per outage: the later failures of the same outage are info lines, not a pile of annotations.
                const line = `Status check failed (${(0,errors/* errorMessage */.gJ)(error)}); will keep checking for up to ${STATUS_OUTAGE_TOLERANCE_MS / 60_000} min.`;
                if (first)
                    log.warning(line);
                else
                    log.info(line);
                continue;
            }
            const line = describe(run);
            if (line !== lastLine)
                log.info(line);
            lastLine = line;
        }
    }
    finally {
        // A log fetch still under way is aborted rather than waited for: the last fetch (or none, on a cancel) follows.
        await logs?.stop();
    }
    if (printer)
        await options.flushLogs();
    return run;
}
function formatSeconds(ms) {
    return `${Math.round(ms / 1000)} s`;
}
function describe(run) {
    const progress = run.progress ? ` (${run.progress.current}/${run.progress.total})` : '';
    return `Run ${run.id}: ${run.vendorStatus}${progress}`;
}

;// CONCATENATED MODULE: ./src/archive/read-ahead.ts
/**
 * Reads a zip's small files a few at a time ahead of the entry being
 * written. Read one after another, each small file costs four round trips
 * to libuv's thread pool (open, stat, read, close) with nothing else going
 * on: 10,000 golden dialogs of a few hundred bytes took ~2 s of a ~4.5 s zip
 * that way. Read ahead, those round trips overlap each other and the
 * compression of the entries before them.
 */


/**
 * The callback `readFile`, not `fs/promises`' one, which goes through a
 * FileHandle: 10,000 small files read 32 at a time took 0.11–0.16 s with it
 * against 0.25–0.44 s, and about half the CPU.
 */
const readFile = (0,external_node_util_.promisify)(external_node_fs_.readFile);
/** Files up to this size are read whole, ahead of time; larger ones are streamed when their turn comes. */
const READ_AHEAD_MAX_FILE_BYTES = 64 * 1024;
/** How many small files are read (or held) ahead of the entry being written: at most 2 MiB with the size cap above. */
const READ_AHEAD_FILES = 32;
/**
 * The contents of the small files among `files`, read ahead of the one
 * asked for. Asking for file `i` starts reading the small files after it,
 * up to READ_AHEAD_FILES of them, so memory stays bounded however many
 * files there are; buffers are dropped once taken. Files must be asked for
 * in order (a zip writes its entries in order), each once.
 */
class ReadAhead {
    files;
    read;
    pending = new Map();
    /** The next index to consider reading ahead. */
    next = 0;
    constructor(files, read = readFile) {
        this.files = files;
        this.read = read;
    }
    /** Whether file `index` is read whole through {@link take} rather than streamed. */
    isSmall(index) {
        const file = this.files[index];
        return file !== undefined && file.size <= READ_AHEAD_MAX_FILE_BYTES;
    }
    /** The contents of small file `index` (read now if it was not read ahead), and the next ones set reading. */
    take(index) {
        const contents = this.pending.get(index) ?? this.start(index);
        this.pending.delete(index);
        this.fill(index + 1);
        return contents;
    }
    /** Starts reading the small files from `from` on, until READ_AHEAD_FILES are pending. */
    fill(from) {
        this.next = Math.max(this.next, from);
        while (this.pending.size < READ_AHEAD_FILES && this.next < this.files.length) {
            const index = this.next++;
            if (this.isSmall(index))
                this.pending.set(index, this.start(index));
        }
    }
    start(index) {
        const file = this.files[index];
        if (!file)
            return Promise.reject(new RangeError(`no file ${index} to read`));
        const contents = this.read(file.source);
        // Read ahead, it may fail before it is asked for (or never be, if the zip stopped first):
        // not an unhandled rejection. Whoever takes it still gets the failure.
        contents.catch(() => undefined);
        return contents;
    }
}

// EXTERNAL MODULE: ./node_modules/yazl/index.js
var yazl = __webpack_require__(93044);
;// CONCATENATED MODULE: ./src/archive/zip-folder.ts
/**
 * Packs a suites folder into a zip for upload, and turns the `suites` input
 * (a folder or a ready-made .zip) into the path of a zip file.
 *
 * The zip is streamed: yazl reads each large file through its own read
 * stream while the output is piped to disk, and small files are read a few
 * at a time just ahead of their entries (read-ahead.ts), so memory stays flat
 * however large the folder.
 */












/**
 * Fixed metadata so the same folder always yields the same bytes (useful for
 * caching and for telling "nothing changed" apart). A local-time date with DOS
 * timestamps only keeps the bytes independent of the runner's time zone.
 */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;
const DIR_MODE = 0o040755;
/**
 * Zip `folder` into `destZip`, streaming. Paths are stored relative to the
 * folder with forward slashes, in sorted order, with a fixed mtime and modes.
 * Dotfiles and empty directories are kept; `.git` is left out at any depth,
 * silently (see NEVER_UPLOADED). Symlinked files are included (as
 * regular files) only when their real path is inside the folder; symlinked
 * directories are never followed; sockets, FIFOs and devices are skipped.
 * Everything skipped is listed in `skipped`, as are the folders and files
 * `leaveOut` names (by real path, with the reason). IO errors propagate
 * unchanged. Aborting `signal` stops it (a large folder takes seconds to zip,
 * which a cancelled job does not have).
 */
async function zipFolder(folder, destZip, options = {}) {
    const { leaveOut = new Map(), signal } = options;
    const root = await (0,promises_.realpath)(folder);
    const skipped = [];
    // If the zip is being written inside the folder, it must not zip itself.
    // Compare real paths: the folder's path may itself go through a symlink.
    const absZip = external_node_path_default().resolve(destZip);
    const exclude = external_node_path_default().join(await (0,promises_.realpath)(external_node_path_default().dirname(absZip)), external_node_path_default().basename(absZip));
    const planned = [];
    await walk(root, root, '', planned, skipped, { exclude, leaveOut });
    // Measured before anything is added: yazl starts reading the first file as soon as it is added.
    // A few at a time: one after another, 10,000 stats wait ~0.5 s on the thread pool's round trips.
    const files = planned.filter((entry) => entry.kind === 'file');
    const sizes = await mapInBatches(files, STAT_BATCH, (entry) => regularFileSize(entry.source));
    const readAhead = new ReadAhead(files.map((entry, i) => ({ source: entry.source, size: sizes[i] ?? 0 })));
    const zip = new yazl/* ZipFile */.u();
    const output = zip.outputStream;
    // The file yazl is reading: its error for a file whose size changed does not say which.
    let reading;
    // yazl reports read failures on the ZipFile, not the output stream; without
    // forwarding them the pipeline below would wait forever.
    const fail = (error) => {
        const changed = reading !== undefined && !('path' in error);
        const reason = `a folder whose files do not change while it is zipped; '${reading}' changed size (${error.message})`;
        if (output instanceof external_node_stream_.Readable)
            output.destroy(changed ? new errors/* InputError */.dz('suites', reason) : error);
    };
    zip.on('error', fail);
    let fileIndex = 0;
    for (const entry of planned) {
        if (entry.kind === 'dir') {
            zip.addEmptyDirectory(entry.name, { mtime: FIXED_MTIME, mode: DIR_MODE, forceDosTimestamp: true });
            continue;
        }
        const index = fileIndex++;
        // With the size given, yazl checks the bytes read against it, as addFile does with its own stat.
        const options = { size: sizes[index], mtime: FIXED_MTIME, mode: FILE_MODE, forceDosTimestamp: true, compress: true };
        // yazl asks for each entry's data when the entries before it are written.
        zip.addReadStreamLazy(entry.name, options, (done) => {
            reading = entry.source;
            if (!readAhead.isSmall(index)) {
                done(null, (0,external_node_fs_.createReadStream)(entry.source).on('error', fail));
                return;
            }
            readAhead.take(index).then((contents) => done(null, external_node_stream_.Readable.from([contents], { objectMode: false })), fail);
        });
    }
    zip.end();
    const sink = (0,external_node_fs_.createWriteStream)(destZip);
    await (0,external_node_stream_promises_.pipeline)(output, gcNudge(), sink, { signal });
    return { files: files.length, bytes: sink.bytesWritten, skipped };
}
/**
 * Depth-first, sorted walk that appends to `planned`. Returns the number of
 * entries added below `dir` so empty directories can be recorded as such.
 */
async function walk(root, dir, prefix, planned, skipped, left) {
    // Names as bytes: read as strings, a name that is not UTF-8 (Linux allows any bytes) would come back with
    // U+FFFD in it, naming no file, and reading it would fail as if the file were missing.
    const entries = (await (0,promises_.readdir)(dir, { withFileTypes: true, encoding: 'buffer' })).map((entry) => ({
        entry,
        text: utf8OrUndefined(entry.name),
        shown: entry.name.toString('utf8'),
    }));
    // Code-unit order, not localeCompare: the order must not depend on the locale.
    entries.sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
    let added = 0;
    for (const { entry, text, shown } of entries) {
        if (text === undefined) {
            // A zip stores names as UTF-8; this one has no faithful spelling there.
            skipped.push(`${prefix}${shown}: name is not valid UTF-8`);
            continue;
        }
        const full = external_node_path_default().join(dir, text);
        const name = prefix + text;
        if (full === left.exclude || text === NEVER_UPLOADED)
            continue;
        const unzippable = unzippableName(text, prefix === '');
        if (unzippable !== undefined) {
            skipped.push(`${name}: ${unzippable}`);
            continue;
        }
        const reason = left.leaveOut.get(full);
        if (reason !== undefined) {
            skipped.push(`${name}: ${reason}`);
            continue;
        }
        if (entry.isDirectory()) {
            const inside = await walk(root, full, `${name}/`, planned, skipped, left);
            // Only empty directories need their own entry; the others are implied by their files.
            if (inside === 0)
                planned.push({ kind: 'dir', name });
            added += 1;
        }
        else if (entry.isFile()) {
            planned.push({ kind: 'file', name, source: full });
            added += 1;
        }
        else if (entry.isSymbolicLink()) {
            const found = symlinkedFile(root, full);
            // What is never uploaded (.git, results-path, the zip itself) is not uploaded through a link either.
            const target = typeof found === 'string' ? (leftOutTarget(root, found, left) ?? found) : found;
            if (typeof target === 'string') {
                planned.push({ kind: 'file', name, source: target });
                added += 1;
            }
            else {
                skipped.push(`${name}: ${target.reason}`);
            }
        }
        else {
            skipped.push(`${name}: ${describeSpecial(entry)} is not a regular file`);
        }
    }
    return added;
}
/**
 * Why a name Linux allows cannot be a zip entry's, or undefined: a zip reads
 * '\' as a folder separator and a leading 'C:' as a drive (yazl rewrites the
 * one, which could then meet another file's name, and refuses the other).
 */
function unzippableName(name, topLevel) {
    if (name.includes('\\'))
        return "name holds a '\\', which a zip reads as a folder separator";
    if (topLevel && /^[A-Za-z]:/.test(name))
        return 'name reads as a Windows drive in a zip';
    return undefined;
}
/**
 * Why a symlink's target (a real path inside `root`) is left out, as the
 * walk would leave it out: inside `.git`, inside a `leaveOut` path, or the
 * zip being written; undefined when it may be uploaded.
 */
function leftOutTarget(root, target, left) {
    if (target === left.exclude)
        return { reason: 'symlink to the zip being written' };
    if (external_node_path_default().relative(root, target).split((external_node_path_default()).sep).includes(NEVER_UPLOADED))
        return { reason: `symlink into ${NEVER_UPLOADED} (never uploaded)` };
    for (const [folder, reason] of left.leaveOut) {
        if (isInsideFolder(folder, target))
            return { reason: `symlink into ${reason}` };
    }
    return undefined;
}
/** How many files are measured at once. */
const STAT_BATCH = 16;
/** `map` over `items` with at most `batch` calls of `fn` in flight at once; results in order. */
async function mapInBatches(items, batch, fn) {
    const results = [];
    for (let start = 0; start < items.length; start += batch)
        results.push(...(await Promise.all(items.slice(start, start + batch).map(fn))));
    return results;
}
/** The size of a file planned for the zip; one that is no longer a regular file (a FIFO would block the read forever) fails. */
async function regularFileSize(file) {
    const info = await (0,promises_.stat)(file);
    if (!info.isFile())
        throw Object.assign(new Error(`not a regular file any more: ${file}`), { code: 'EINVAL', path: file });
    return info.size;
}
function utf8OrUndefined(bytes) {
    try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    }
    catch {
        return undefined;
    }
}
function describeSpecial(entry) {
    if (entry.isFIFO())
        return 'FIFO';
    if (entry.isSocket())
        return 'socket';
    if (entry.isBlockDevice() || entry.isCharacterDevice())
        return 'device';
    return 'entry';
}
/**
 * Turn the `suites` input into a zip path. A relative `pathInput` resolves
 * against `workspace`. A file is used as is if it starts with a zip signature;
 * a directory is zipped to `tempDir/suites-<random>.zip`, leaving out
 * `resultsPath` when it lies inside: an earlier step's results (a second
 * step in the job, `suites: .`) are no suites.
 * Throws InputError('suites', …) when the path is missing, not a zip, or an
 * empty folder; an AbortError when `signal` aborts while zipping.
 */
async function resolveSuites(pathInput, workspace, tempDir, options = {}) {
    const { resultsPath, signal } = options;
    const resolved = external_node_path_default().resolve(workspace, pathInput);
    // Again at zip time: the disk may have changed since the inputs were checked.
    checkSuitesStayInWorkspace(resolved, workspace);
    let info;
    try {
        info = await (0,promises_.stat)(resolved);
    }
    catch (error) {
        if (error.code === 'ENOENT') {
            throw new errors/* InputError */.dz('suites', `a folder or a .zip file; '${resolved}' does not exist`);
        }
        throw error;
    }
    if (info.isFile()) {
        if (!(await hasZipSignature(resolved)))
            throw new errors/* InputError */.dz('suites', 'a folder or a .zip file');
        return { zipPath: resolved, created: false };
    }
    if (!info.isDirectory())
        throw new errors/* InputError */.dz('suites', 'a folder or a .zip file');
    await (0,promises_.mkdir)(tempDir, { recursive: true });
    const zipPath = external_node_path_default().join(external_node_path_default().resolve(tempDir), `suites-${(0,external_node_crypto_.randomUUID)()}.zip`);
    try {
        const realResults = resultsPath === undefined ? undefined : await (0,promises_.realpath)(resultsPath).catch(() => undefined);
        const leaveOut = new Map(realResults === undefined ? [] : [[realResults, 'results-path (the results of this action)']]);
        const result = await zipFolder(resolved, zipPath, { leaveOut, ...(signal ? { signal } : {}) });
        if (result.files === 0) {
            // Say why: the reasons would otherwise only be printed for a folder that had something to upload.
            const why = result.skipped.length > 0 ? ` (left out: ${listFirst(result.skipped, NAMES_SHOWN, (entry) => entry)})` : '';
            throw new errors/* InputError */.dz('suites', `a folder with at least one file to upload; '${resolved}' has none${why}`);
        }
        return { zipPath, created: true, files: result.files, skipped: result.skipped };
    }
    catch (error) {
        await (0,promises_.rm)(zipPath, { force: true });
        throw suitesReadError(error, resolved) ?? error;
    }
}
/**
 * A file or folder inside the suites that cannot be read (EACCES, EPERM …)
 * is the `suites` input's problem, named as such; a failure to write the zip
 * (a full disk in the temp folder) is not, and is returned as undefined.
 * zipFolder reads through the folder's real path, so a failed path is
 * compared with that as well as with `folder` as given (a suites symlink, or
 * a workspace whose path holds one).
 */
function suitesReadError(error, folder) {
    const failed = error?.path;
    if (error instanceof errors/* InputError */.dz || typeof failed !== 'string')
        return undefined;
    if (!isInsideFolder(folder, failed) && !isInsideFolder(realpathOr(folder), failed))
        return undefined;
    return new errors/* InputError */.dz('suites', `a folder whose files can all be read; ${error.message}`);
}
function realpathOr(folder) {
    try {
        return (0,external_node_fs_.realpathSync)(folder);
    }
    catch {
        return folder;
    }
}
/** True when the file's first four bytes are a zip signature. */
async function hasZipSignature(file) {
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const head = Buffer.alloc(4);
        const { bytesRead } = await handle.read(head, 0, 4, 0);
        return isZipSignature(head.subarray(0, bytesRead));
    }
    finally {
        await handle.close();
    }
}

;// CONCATENATED MODULE: ./src/core/orchestrator.ts












/** Time allowed for collecting results once the run is over. */
const COLLECT_BUDGET_MS = 10 * 60_000;
/**
 * Time allowed for downloading and extracting the artifact, of its own: the
 * artifact only adds to the reports, so running out of it is a warning, as a
 * missing or too-large artifact is, never a reason to fail a step whose
 * results were read.
 */
const ARTIFACT_BUDGET_MS = 10 * 60_000;
/**
 * The whole lifecycle: prepare → upload → start → wait (+logs) → results →
 * artifact → reports → verdict. A timeout or cancellation at any point
 * revokes a run in progress, reports why (outputs, summary, JUnit) and
 * surfaces as RunTimeoutError / RunCancelledError.
 */
async function runTests(deps) {
    const { settings, host, platform, clock } = deps;
    const deadline = deps.startedAt + settings.timeoutMs;
    const deadlineSignal = timeoutSignal(Math.max(1, deadline - clock.now()));
    const ctx = { signal: AbortSignal.any([deps.signal, deadlineSignal]), deadline };
    /**
     * Whether `error` is the step's deadline passing: its signal firing, or a call that found the deadline passed
     * before the timer fired (the client checks the clock too; a timer can fire late) and said so as a TimeoutError.
     */
    const deadlineStopped = (error) => (0,errors/* isAbortError */.zf)(error) && (deadlineSignal.aborted || clock.now() >= deadline);
    const outputs = { 'results-path': settings.resultsPath };
    const base = {
        platform: platform.name,
        target: settings.projectId,
        targetId: settings.projectId,
        filters: settings.filters,
        suites: [],
        cases: [],
        warnings: [],
        jobUrl: deps.jobUrl,
    };
    if (host.claimResultsPath(settings.resultsPath)) {
        const warning = reusedResultsPathWarning(settings.resultsPath, deps.workspace);
        host.log.warning(warning);
        base.warnings.push(warning);
    }
    await clearEarlierResults(deps, base.warnings);
    let run;
    try {
        await prepareAndUpload(deps, ctx, base);
        run = await startRun(deps, ctx);
    }
    catch (error) {
        const stopped = error instanceof errors/* RunCancelledError */.Bi || error instanceof errors/* RunTimeoutError */.NE
            ? error
            : (ctx.signal.aborted && (error === ctx.signal.reason || (0,errors/* isAbortError */.zf)(error))) || deadlineStopped(error)
                ? stopError(deps, stopCause(deps), { kind: 'not-started' })
                : undefined;
        if (stopped)
            throw await reportStop(deps, base, outputs, stopped, stopCause(deps));
        if (!(error instanceof Error))
            throw error;
        // No run to follow: still say why where people look (a comment from an earlier run would otherwise stand
        // unchanged), with a status a later step can test. After an ambiguous Create Run a run may exist: UNKNOWN.
        throw await reportStop(deps, base, outputs, error, 'failed', error instanceof errors/* AmbiguousRunError */.WJ ? StopStatus.Unknown : StopStatus.NotStarted);
    }
    base.runId = run.id;
    outputs['run-id'] = run.id;
    host.setOutputs(outputs);
    const runStartedAt = clock.now();
    const elapsed = () => String(Math.round((clock.now() - runStartedAt) / 1000));
    const printer = new LogPrinter(host.log);
    let finished;
    let lost;
    if (!ctx.signal.aborted) {
        try {
            // Not a group: the run's log sections are printed as groups of their own, and groups do not nest.
            host.log.info(`Waiting for run ${run.id} (timeout ${(0,errors/* formatTimeout */.BE)(settings.timeoutMs)})`);
            finished = await waitForRun(run, {
                platform,
                clock,
                log: host.log,
                ctx,
                policy: settings.pollInterval === 'auto' ? ADAPTIVE_POLL_POLICY : fixedPollPolicy(settings.pollInterval),
                printer: settings.showLogs ? printer : undefined,
                flushLogs: () => flushLogs(deps, printer, run.id),
                startedAt: runStartedAt,
            });
        }
        catch (error) {
            const deadlinePassed = error instanceof DeadlineReached || deadlineStopped(error);
            if (!deps.signal.aborted && !deadlinePassed)
                lost = { error };
        }
    }
    if (lost) {
        // The status can no longer be read: the step stops following the run, as on a timeout, so the run is revoked
        // (when allowed) and the stop is reported, rather than left to the clean-up step without a word.
        const { fate, ended } = await revokeRun(deps, run.id);
        if (settings.showLogs)
            await flushLogs(deps, printer, run.id);
        // A run read as ended after all keeps its verdict: its results are collected as usual.
        if (ended)
            finished = ended;
        else {
            outputs['duration-seconds'] = elapsed();
            throw await reportStop(deps, base, outputs, new errors/* RunLostError */.iJ(fate, lost.error), 'failed', StopStatus.Unknown);
        }
    }
    if (!finished && !deps.signal.aborted) {
        // The deadline passed: one last look, as the run may have ended since the last status check.
        finished = await endedAtDeadline(deps, run.id);
        if (finished) {
            host.log.info(`Run ${run.id} had ended ${finished.vendorStatus} by the deadline.`);
            if (settings.showLogs)
                await flushLogs(deps, printer, run.id);
        }
    }
    if (!finished) {
        // Cancelled or timed out while the run was in progress (or while it was being created).
        const stop = stopCause(deps);
        const { fate, ended } = await revokeRun(deps, run.id);
        if (stop === 'timed-out' && settings.showLogs)
            await flushLogs(deps, printer, run.id);
        // A run that ended just as the deadline passed keeps its verdict, as endedAtDeadline's does.
        if (ended && stop === 'timed-out')
            finished = ended;
        else {
            const soFar = stop === 'timed-out' ? await resultsSoFar(deps, run.id, base.warnings) : undefined;
            const known = soFar ? { ...base, counts: soFar.counts, cases: soFar.cases, suites: soFar.suites } : base;
            outputs['duration-seconds'] = elapsed();
            throw await reportStop(deps, known, outputs, stopError(deps, stop, fate), stop, ended?.vendorStatus);
        }
    }
    host.rememberRun(undefined);
    const ended = finished;
    outputs.status = ended.vendorStatus;
    // Measured once, as the run ended: the output and the reports say the same, whatever collecting takes.
    const duration = durationSeconds(ended, runStartedAt, clock.now());
    outputs['duration-seconds'] = String(duration);
    host.setOutputs(outputs);
    return collectAndReport(deps, base, outputs, ended, duration);
}
/** Check the target and upload the suites: everything before a run exists. */
async function prepareAndUpload(deps, ctx, base) {
    const { settings, host, platform } = deps;
    const uploading = settings.suites !== undefined;
    await host.log.group(`Preparing ${platform.name} project ${settings.projectId}`, async () => {
        const prepared = await platform.prepare({ uploading }, ctx);
        host.log.info(`Project: ${prepared.displayName}`);
        prepared.warnings.forEach((w) => host.log.warning(w));
        base.target = prepared.displayName;
        base.warnings.push(...prepared.warnings);
    });
    const suites = settings.suites;
    if (!suites)
        return;
    await host.log.group('Uploading suites', async () => {
        const zip = await resolveSuites(suites, deps.workspace, deps.tempDir, { resultsPath: settings.resultsPath, signal: ctx.signal });
        host.log.info(zip.created ? `Zipped ${zip.files ?? 0} files from ${suites}` : `Using ${suites}`);
        const skipped = zip.skipped ?? [];
        // One warning for them all: GitHub keeps 10 warning annotations per step, and one per entry would crowd out the
        // step's other warnings. A longer list is still printed in full, as plain lines.
        const more = skipped.length > NAMES_SHOWN;
        if (more)
            for (const entry of skipped)
                host.log.info(`Not uploaded: ${entry}`);
        if (skipped.length > 0)
            host.log.warning(`Not uploaded: ${listFirst(skipped, NAMES_SHOWN, (entry) => entry)}${more ? ' (each listed in the log)' : ''}`);
        try {
            await platform.uploadSuites(zip.zipPath, ctx);
        }
        finally {
            // The zip we made is scratch; the user's own .zip is never touched.
            if (zip.created)
                await (0,promises_.rm)(zip.zipPath, { force: true });
        }
        host.log.info('Suites uploaded.');
    });
}
/**
 * Create Run. A cancel or timeout does not abandon the request at once (see
 * CREATE_GRACE_MS), and the platform sends no new request once stopping; if
 * the answer still comes, the run is remembered and the caller revokes it.
 * If it does not, the platform's note of the attempt (its StartJournal) is
 * left for the clean-up step, which can still find and revoke that run.
 */
async function startRun(deps, ctx) {
    const { settings, host, platform } = deps;
    return host.log.group('Starting run', async () => {
        const late = afterGrace(ctx.signal, CREATE_GRACE_MS);
        const note = { held: false, saved: false };
        const journal = {
            sending: (text) => {
                note.held = true;
                note.saved = host.rememberStartAttempt(text);
            },
            nothingStarted: () => {
                note.held = false;
                host.rememberStartAttempt(undefined);
            },
        };
        try {
            // The deadline stretches over the grace too (a timeout's grace starts at the deadline; a cancel's ends
            // sooner, by `late`): once stopping, the platform may only find out what a sent request created.
            const deadline = ctx.deadline + CREATE_GRACE_MS;
            const started = await platform.startRun(settings.filters, { signal: late.signal, deadline, stopping: ctx.signal }, journal);
            // Saved before anything else (and before the note is dropped), so the post step can revoke it even if we are
            // killed right now.
            host.rememberRun(started.id);
            host.rememberStartAttempt(undefined);
            host.log.info(`Started run ${started.id}`);
            return started;
        }
        catch (error) {
            if (!ctx.signal.aborted)
                throw error;
            // Nothing sent, or everything sent refused: no run was started.
            if (!note.held)
                throw stopError(deps, stopCause(deps), { kind: 'not-started' });
            const later = !note.saved ? 'not-noted' : settings.revokeOnCancel ? 'revoke' : 'left-running';
            // The platform's own account when it has one (e.g. several new runs); otherwise the grace ran out.
            const detail = error instanceof errors/* AmbiguousRunError */.WJ ? error.message : undefined;
            throw stopError(deps, stopCause(deps), { kind: 'unknown', later, detail });
        }
        finally {
            late.dispose();
        }
    });
}
/** Results, artifact and reports of a run that ended; returns the verdict. */
async function collectAndReport(deps, base, outputs, ended, duration) {
    const { settings, host, platform } = deps;
    const collectCtx = budgetContext(deps, COLLECT_BUDGET_MS, true);
    const runId = ended.id;
    /** A cancel, or the end of the collect budget, after the run ended: reported with what is known so far. */
    const stopAfterEnd = async (known, fate = { kind: 'ended', runId, status: ended.vendorStatus }) => {
        const stop = stopCause(deps);
        const failure = stopError(deps, stop, fate, COLLECT_BUDGET_MS);
        return reportStop(deps, known, outputs, failure, stop, ended.vendorStatus);
    };
    let results;
    try {
        results = await host.log.group('Collecting results', async () => {
            const read = await platform.getResults(runId, collectCtx);
            noteResults(deps, read, base.warnings);
            return read;
        });
    }
    catch (error) {
        if (collectCtx.signal.aborted)
            throw await stopAfterEnd(base);
        const failure = new errors/* ResultsUnavailableError */.np(runId, ended.vendorStatus, error);
        throw await reportStop(deps, base, outputs, failure, 'failed', ended.vendorStatus);
    }
    const verdict = decideVerdict(settings.failOn, ended.state, ended.vendorStatus, results.counts);
    const report = {
        ...base,
        status: ended.vendorStatus,
        verdict: verdict.verdict,
        verdictReason: verdict.reason,
        counts: results.counts,
        suites: results.suites,
        cases: results.cases,
        durationSeconds: duration,
    };
    host.log.info(`Run ${runId} ended ${ended.vendorStatus}: ${verdict.reason}`);
    const fetchingArtifact = { kind: 'artifact', runId, status: ended.vendorStatus, verdict: verdict.reason };
    try {
        const artifactCtx = budgetContext(deps, ARTIFACT_BUDGET_MS, true);
        await host.log.group('Downloading artifact', () => collectArtifact(deps, report, artifactCtx, ARTIFACT_BUDGET_MS));
    }
    catch (error) {
        // collectArtifact turns every problem into a warning, its budget running out included, except a cancel.
        if (!deps.signal.aborted)
            throw error;
        throw await stopAfterEnd(report, fetchingArtifact);
    }
    // A cancel that came as the artifact was done (the last file written as it came) must still not be followed by
    // the upload and comment (a cancelled job's seconds are few, and the summary comes last).
    if (deps.signal.aborted)
        throw await stopAfterEnd(report, fetchingArtifact);
    const junitPath = await publishReports(deps, report, { comment: settings.comment, artifact: settings.uploadArtifact });
    host.setOutputs({
        ...outputs,
        ...countOutputs(results.counts),
        ...(junitPath ? { 'junit-path': junitPath } : {}),
    });
    // A cancel while publishing: the reports are out (the summary at least), and the step still ends as cancelled.
    if (deps.signal.aborted)
        throw new errors/* RunCancelledError */.Bi({ kind: 'reporting', runId, status: ended.vendorStatus, verdict: verdict.reason });
    return { verdict: verdict.verdict, message: verdict.reason, report };
}
/** The run's duration: from its timestamps, else as the platform states it, else on our own clock. */
function durationSeconds(run, startedAt, now) {
    if (run.createdAt && run.finishedAt && run.finishedAt >= run.createdAt) {
        return Math.round((run.finishedAt.getTime() - run.createdAt.getTime()) / 1000);
    }
    return Math.round(run.durationSeconds ?? (now - startedAt) / 1000);
}

;// CONCATENATED MODULE: ./src/core/redactor.ts

/**
 * Removes secrets from any text that leaves the process: log lines, error
 * messages, the job summary, the PR comment and files we write. The runner's
 * own masking covers only the log, so everything else goes through here.
 */
class Redactor {
    secrets = new Set();
    /** The secrets longest first, as `redact` applies them; rebuilt after `add`. */
    ordered;
    /** Register a secret. Values shorter than 4 characters are ignored (masking them would destroy text). */
    add(secret) {
        if (!secret || secret.trim().length < 4)
            return;
        this.secrets.add(secret);
        // The forms a secret takes inside text we pass on: percent-encoded in a URL, and JSON-escaped where a server's
        // structured value (an assertion's expected/found object, an error's detail) is shown as JSON.
        for (const form of [encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) {
            if (form !== secret)
                this.secrets.add(form);
        }
        this.ordered = undefined;
    }
    /** The secrets as UTF-8 bytes, longest first: for scrubbing files byte by byte, as `redact` does text. */
    bytePatterns() {
        this.ordered ??= [...this.secrets].sort((a, b) => b.length - a.length);
        return this.ordered.map((secret) => Buffer.from(secret, 'utf8'));
    }
    /** Whether `add` registered anything (tests and debugging). */
    get size() {
        return this.secrets.size;
    }
    /**
     * Replace every registered secret in `text` with `***`. Longest first, so
     * overlapping secrets are fully hidden. A text without secrets (nearly all
     * of them) comes back as it is, with nothing allocated: a report of
     * thousands of cases is tens of thousands of strings.
     */
    redact(text) {
        this.ordered ??= [...this.secrets].sort((a, b) => b.length - a.length);
        return this.replaceSecrets(text);
    }
    /**
     * `redact`, and a secret split by characters that draw nothing (a soft
     * hyphen, a zero-width space, tag characters) is hidden too: such a split
     * does not match, yet reads whole once shown, and the summary's and
     * comment's escaping removes those characters. When it finds one, the
     * text comes back as it reads (without them). For text from the server
     * before it is rendered (report strings, log lines), not for rendered
     * markdown, whose own zero-width spaces keep mentions and links inert.
     */
    redactReadable(text) {
        const result = this.redact(text);
        if (this.secrets.size === 0 || !hasHiddenCharacters(result))
            return result;
        const visible = stripControlChars(result);
        const revealed = this.replaceSecrets(visible);
        return revealed === visible ? result : revealed;
    }
    replaceSecrets(text) {
        let result = text;
        for (const secret of this.ordered ?? []) {
            if (result.includes(secret))
                result = result.split(secret).join('***');
        }
        return result;
    }
    /**
     * A copy of `value` with every string in it (keys too) redacted: plain
     * objects and arrays are walked, other values kept as they are. Reports
     * are redacted this way before they are shortened, escaped or rendered,
     * when a secret still reads as itself.
     */
    redactAll(value) {
        return this.walk(value);
    }
    walk(value) {
        if (typeof value === 'string')
            return this.redactReadable(value);
        if (Array.isArray(value))
            return value.map((item) => this.walk(item));
        if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
            return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.redactReadable(key), this.walk(item)]));
        }
        return value;
    }
}

;// CONCATENATED MODULE: ./src/core/safe-host.ts
/**
 * Wraps a CI host so every piece of text that leaves through it (log lines,
 * summary, comment, outputs) has the registered secrets removed. The runner
 * masks only the job log; the summary, the comment and outputs are ours.
 */
function redactingHost(host, redactor) {
    const r = (text) => redactor.redact(text);
    // Log lines and outputs carry the server's text as it came: a secret split by invisible characters is hidden too.
    // The summary and comment are rendered from a report already redacted that way (redactAll), and their own
    // zero-width spaces must stay.
    const readable = (text) => redactor.redactReadable(text);
    const log = {
        info: (m) => host.log.info(readable(m)),
        warning: (m) => host.log.warning(readable(m)),
        error: (m) => host.log.error(readable(m)),
        debug: (m) => host.log.debug(readable(m)),
        group: (title, fn) => host.log.group(readable(title), fn),
        untrustedSection: (title, lines) => host.log.untrustedSection(readable(title), lines.map(readable)),
    };
    return {
        log,
        maskSecret: (value) => host.maskSecret(value),
        writeSummary: (markdown) => host.writeSummary(r(markdown)),
        upsertComment: (marker, markdown) => host.upsertComment(marker, r(markdown)),
        setOutputs: (outputs) => host.setOutputs(Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, readable(v)]))),
        uploadArtifact: (name, dir) => host.uploadArtifact(name, dir),
        rememberRun: (runId) => host.rememberRun(runId),
        rememberStartAttempt: (note) => host.rememberStartAttempt(note),
        claimResultsPath: (dir) => host.claimResultsPath(dir),
    };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core_core = __webpack_require__(88532);
;// CONCATENATED MODULE: ./src/core/duration.ts
/** A number, then optional space: one part of a duration. */
const NUMBER = String.raw `(\d+(?:\.\d+)?)\s*`;
/** A unit, spelt as GitHub's and GitLab's docs spell them, not followed by more letters, then optional space. */
const unit = (spellings) => String.raw `(?:${spellings})(?![a-z])\s*`;
/**
 * Hours, minutes and seconds, each at most once and in that order (`30m1h`
 * or `1m1m` is more likely a typo than a sum), at least one of them.
 */
const WITH_UNITS = new RegExp(String.raw `^(?=\d)(?:${NUMBER}${unit('hours?|hrs?|h')})?(?:${NUMBER}${unit('minutes?|mins?|m')})?(?:${NUMBER}${unit('seconds?|secs?|s')})?$`, 'i');
/**
 * Parses a duration input: a bare number of `bareUnitMs` (minutes for
 * `timeout`, seconds for `poll-interval`), or numbers with units, largest
 * first, each unit once (`90s`, `30m`, `1h`, `1.5h`, `1h30m`, `2m 30s`, as
 * GitLab's `timeout:` is written). Returns milliseconds, or undefined when
 * the text is not a duration (`0x10` and `1e1` are not).
 */
function parseDuration(text, bareUnitMs = 60_000) {
    const trimmed = text.trim();
    if (/^\d+(?:\.\d+)?$/.test(trimmed))
        return finite(Number(trimmed) * bareUnitMs);
    const match = WITH_UNITS.exec(trimmed);
    if (!match)
        return undefined;
    const [, hours = '0', minutes = '0', seconds = '0'] = match;
    return finite(Number(hours) * 3_600_000 + Number(minutes) * 60_000 + Number(seconds) * 1_000);
}
function finite(ms) {
    const rounded = Math.round(ms);
    return Number.isFinite(rounded) ? rounded : undefined;
}

;// CONCATENATED MODULE: ./src/core/settings.ts







const MAX_TIMEOUT_MS = 24 * 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How a boolean input may be written: as @actions/core's getBooleanInput accepts. */
const BOOLEAN_SPELLINGS = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'];
/** One zod schema per input; the message of a failed parse is what was expected. */
const inputSchemas = {
    platform: schemas/* string */.YjP()
        .transform((text) => text.toLowerCase())
        .pipe(schemas/* string */.YjP().regex(/^[a-z][a-z0-9-]*$/, 'a platform name such as testing-studio')),
    apiUrl: schemas/* string */.YjP()
        .min(1, 'a URL such as https://studio.example.com')
        .transform((text, ctx) => {
        try {
            const url = new URL(text);
            if (url.protocol === 'http:' || url.protocol === 'https:') {
                if (url.username || url.password) {
                    ctx.addIssue({ code: 'custom', message: 'a URL without embedded credentials (use api-token)' });
                    return core_core/* NEVER */.tm;
                }
                // Every request's path is built on this base; a query or fragment would be dropped without a word.
                if (/[?#]/.test(text)) {
                    ctx.addIssue({ code: 'custom', message: 'a base URL without a query string or fragment, such as https://studio.example.com' });
                    return core_core/* NEVER */.tm;
                }
                // An empty segment is a typo at best; at the start of the path (https://host//evil.example/) it reads as
                // another host to anything that resolves paths against the origin. The parsed path counts, so `/\` does too.
                if (url.pathname.includes('//')) {
                    ctx.addIssue({ code: 'custom', message: 'a base URL whose path has no empty segment (//), such as https://studio.example.com/ts' });
                    return core_core/* NEVER */.tm;
                }
                return url;
            }
        }
        catch {
            // fall through to the issue below
        }
        ctx.addIssue({ code: 'custom', message: 'an http(s) URL such as https://studio.example.com' });
        return core_core/* NEVER */.tm;
    }),
    apiToken: schemas/* string */.YjP()
        .min(1, 'a non-empty API token')
        // The reference's "Authorization requests" shows the header value, "Bearer lhdCI6…"; pasted into the secret as
        // such, every request would carry "Bearer Bearer …" and fail 401. The message never repeats the value.
        .refine((text) => !/^bearer\s/i.test(text), "the token alone, without the 'Bearer ' prefix (the action adds it)")
        // A header cannot carry a line break (the request would fail with an unexplained error), and a bearer token has no spaces.
        .refine((text) => !/\s/.test(text), 'a token without a space or line break inside')
        // Bearer tokens are ASCII (RFC 6750). A zero-width space or control character copied along with one would
        // otherwise fail every request as an unexplained "invalid authorization header", a non-ASCII letter as a 401.
        .refine((text) => /^[\x21-\x7e]*$/.test(text), 'a token of visible ASCII characters only (no invisible character, such as a zero-width space copied along with it)'),
    projectId: schemas/* string */.YjP()
        .regex(UUID, 'a project UUID such as c2a9ec59-0c38-4372-bff5-83cd7f9c721f')
        // One spelling per project: the sticky comment's marker and the API's paths use it.
        .transform((id) => id.toLowerCase()),
    timeout: schemas/* string */.YjP().transform((text, ctx) => {
        const ms = parseDuration(text);
        // At least a second: below it nothing could be checked, and the timeout message would read "Timed out after 0s".
        if (ms === undefined || ms < 1_000 || ms > MAX_TIMEOUT_MS) {
            ctx.addIssue({ code: 'custom', message: 'minutes (30) or a duration such as 90s, 30m, 1h or 1h30m, from 1s to 24h' });
            return core_core/* NEVER */.tm;
        }
        return ms;
    }),
    pollInterval: schemas/* string */.YjP().transform((text, ctx) => {
        if (text.trim().toLowerCase() === 'auto')
            return 'auto';
        // Seconds, or units as `timeout` takes them (`10s`, `1m`): the two inputs sit side by side in a workflow.
        const ms = parseDuration(text, 1_000);
        if (ms === undefined || ms < 200 || ms > 600_000) {
            ctx.addIssue({ code: 'custom', message: "'auto' or seconds between checks (10, or 10s, 1m), from 0.2s to 10m" });
            return core_core/* NEVER */.tm;
        }
        return ms;
    }),
    // Names are read without case, as `poll-interval: AUTO` is: `Failed` is not a typo worth failing a job over.
    failOn: schemas/* string */.YjP()
        .transform((text) => text.toLowerCase())
        .pipe(schemas/* enum */.k5n(['failed', 'unavailable', 'never'], { message: 'one of failed, unavailable, never' })),
    // As @actions/core's getBooleanInput reads them (YAML 1.2 core schema): a typo such as `ture` or a `yes` meant
    // for another tool is an error, not a silent false.
    boolean: schemas/* enum */.k5n(BOOLEAN_SPELLINGS, { message: `true or false (${BOOLEAN_SPELLINGS.join(', ')})` })
        .transform((text) => text.toLowerCase() === 'true'),
    relativePath: schemas/* string */.YjP().refine((p) => !p.includes('\0'), 'a path'),
};
/**
 * The warning for an api-url that sends the token in clear text: http:// to
 * another machine. Not an error, as a self-hosted runner may reach the API
 * over a private network only; silent for this machine (localhost, 127.x, ::1).
 */
function plainHttpWarning(apiUrl) {
    if (apiUrl.protocol !== 'http:')
        return undefined;
    const host = apiUrl.hostname;
    if (host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host))
        return undefined;
    return `api-url is http://, so api-token is sent unencrypted to ${apiUrl.host}; use https:// if the server offers it.`;
}
/**
 * Validate every input before any request is made. `read` returns the raw
 * input text ('' when unset); defaults from InputDefaults apply to ''.
 * Throws InputError naming the first invalid input.
 */
function parseSettings(read, context) {
    const raw = (name) => {
        const value = read(name).trim();
        return value === '' && name in inputs/* InputDefaults */.p0 ? inputs/* InputDefaults */.p0[name] : value;
    };
    const parse = (name, schema) => {
        const result = schema.safeParse(raw(name));
        if (!result.success)
            throw new errors/* InputError */.dz(name, result.error.issues[0]?.message ?? 'a valid value');
        return result.data;
    };
    const optional = (name) => raw(name) || undefined;
    const resolve = (p) => external_node_path_default().resolve(context.workspace, p);
    const platform = parse(inputs/* Inputs */.G0.Platform, inputSchemas.platform);
    const apiUrl = parse(inputs/* Inputs */.G0.ApiUrl, inputSchemas.apiUrl);
    const apiToken = parse(inputs/* Inputs */.G0.ApiToken, inputSchemas.apiToken);
    const projectId = parse(inputs/* Inputs */.G0.ProjectId, inputSchemas.projectId);
    const suitesText = parse(inputs/* Inputs */.G0.Suites, inputSchemas.relativePath);
    const suites = suitesText ? resolve(suitesText) : undefined;
    const onDisk = context.checkOnDisk !== false;
    if (suites !== undefined && onDisk)
        checkSuites(suites, context.workspace);
    const resultsPath = resolve(parse(inputs/* Inputs */.G0.ResultsPath, inputSchemas.relativePath));
    if (!isInsideFolder(context.workspace, resultsPath)) {
        throw new errors/* InputError */.dz(inputs/* Inputs */.G0.ResultsPath, 'a folder inside the workspace');
    }
    if (onDisk)
        checkResultsPath(resultsPath, context.workspace);
    return {
        platform,
        apiUrl,
        apiToken,
        projectId,
        suites,
        filters: {
            group: optional(inputs/* Inputs */.G0.Group),
            utterance: optional(inputs/* Inputs */.G0.Utterance),
            description: optional(inputs/* Inputs */.G0.Description),
        },
        timeoutMs: parse(inputs/* Inputs */.G0.Timeout, inputSchemas.timeout),
        pollInterval: parse(inputs/* Inputs */.G0.PollInterval, inputSchemas.pollInterval),
        failOn: parse(inputs/* Inputs */.G0.FailOn, inputSchemas.failOn),
        resultsPath,
        uploadArtifact: parse(inputs/* Inputs */.G0.UploadArtifact, inputSchemas.boolean),
        comment: parse(inputs/* Inputs */.G0.Comment, inputSchemas.boolean),
        githubToken: optional(inputs/* Inputs */.G0.GithubToken),
        showLogs: parse(inputs/* Inputs */.G0.ShowLogs, inputSchemas.boolean),
        revokeOnCancel: parse(inputs/* Inputs */.G0.RevokeOnCancel, inputSchemas.boolean),
    };
}

;// CONCATENATED MODULE: ./src/runtime/v8-tiers.ts

/**
 * V8 flags that keep WebAssembly on its baseline tier (Liftoff). Each says
 * the same thing; V8 versions differ in which one they read once running:
 * - Node 20 (V8 11.3) honours `--liftoff-only` set at run time;
 * - Node 24 (V8 13.6) ignores it when set at run time (its implications,
 *   no tier-up, are only applied to flags given at start-up) and needs
 *   `--no-wasm-tier-up` and `--no-wasm-dynamic-tiering` too; either one alone
 *   was not enough.
 *
 * Why: undici compiles its llhttp WebAssembly parser on first connect; V8's
 * optimising tier needs ~35 MB for that, the baseline tier none worth noting.
 * Measured by hand, with and without the flags (50 requests through undici,
 * peak RSS): Node 20 99 → 64 MB, Node 24 98 → 77 MB; no difference in the
 * time of 400 MB downloads.
 */
const BASELINE_WASM_FLAGS = ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'];
/**
 * Leaves JavaScript to V8's mid tier (Maglev) by turning its top tier
 * (Turbofan) off. Set at run time, `--no-turbofan` takes effect on Node 24;
 * `--max-opt=2`, which means the same at start-up, does not.
 *
 * Why: the step's hot JavaScript is stream plumbing around native work
 * (sockets, files, zlib), and its only byte loop (yazl's CRC-32) runs as fast
 * under Maglev (0.71 s per 300 MB either way). Turbofan gains nothing there but
 * compiles on a background thread during a transfer, which on a 2-core runner
 * competes with the transfer itself, and costs ~6 MB of peak memory (more of
 * node's code mapped, compiler memory in the C heap). Measured by hand on
 * Node 24 (A/B of the same bundle, interleaved): peak RSS 97–101 → 90–94 MB
 * for download + extract of 400 MB, 99–105 → 93–94 MB for zip + upload of
 * 300 MB; 400 MB download 0.53 → 0.47 s and 0.58 → 0.41 s (medians of 15 and
 * 9 rounds; this machine's noise is of that order, so read it as "no slower").
 * A report of 20,000 cases takes as long either way (1.5 s for the step).
 */
const NO_TOP_TIER_FLAG = '--no-turbofan';
/**
 * Whether this node's V8 was built with Maglev, the tier that takes
 * Turbofan's place. Built in, it is also on by default. Node 24 has it;
 * Node 20 and Node 22 were built without it (`v8_enable_maglev: 0`), so there
 * turning Turbofan off would leave hot code in the baseline compiler
 * (Sparkplug), ~3× slower on byte loops: there Turbofan stays.
 */
function hasMaglev(config = process.config) {
    const variables = (config.variables ?? {});
    return variables['v8_enable_maglev'] === 1 || variables['v8_enable_maglev'] === true;
}
/** The V8 flags {@link useLeanV8Tiers} sets, given whether V8 has Maglev. */
function leanV8TierFlags(maglev) {
    return maglev ? [...BASELINE_WASM_FLAGS, NO_TOP_TIER_FLAG] : [...BASELINE_WASM_FLAGS];
}
/**
 * Sets {@link leanV8TierFlags} for this process's V8: WebAssembly on its
 * baseline tier, and JavaScript without Turbofan where Maglev can take its
 * place. Call it first thing, before the first request.
 */
function useLeanV8Tiers(maglev = hasMaglev(), setFlags = external_node_v8_.setFlagsFromString) {
    for (const flag of leanV8TierFlags(maglev))
        setFlags(flag);
}

;// CONCATENATED MODULE: ./src/runtime/young-generation.ts

/**
 * Stops V8's young generation from doubling, each time it fills, up to its
 * maximum (16 MB per semi-space on Node 20, 32 MB of new space or more on
 * Node 24) when a phase allocates many small objects quickly. V8 reads it
 * whenever it decides to grow the new space, so it takes effect when set at
 * run time (checked on the node that runs the bundles by
 * `__tests__/integration/action-young-generation.int.test.ts`), where the
 * flags that size the new space outright (`--max-semi-space-size`) are read
 * only at start-up. Under that test's probe the new space reached 2–4 MB with
 * it on Node 20 and 6–11 MB on Node 24 (whose V8 still grows it a little),
 * against 32–64 MB without it on both.
 *
 * Why: zipping 10,000 small suite files makes ~50,000 short-lived stream
 * objects, and reports of thousands of cases many small strings; the new
 * space grew to its maximum, which V8 then keeps. Measured with the bench's
 * bundle, flag off → on: zip + upload of 10,000 small files, peak RSS
 * 131–135 → 106–108 MB on Node 20 and 160–248 → 134–136 MB on Node 24, in
 * no more time; the 5,000-case report 114 → 92 MB and 124 → 102 MB. The large
 * transfers need no big new space (their buffers live outside V8's heap, and
 * gc-nudge.ts collects the young generation every few MB of them), and the
 * download, with few small objects, did not move beyond this host's noise:
 * interleaved pairs of download-only benches gave 1.22–1.33× curl's time
 * with it against 1.50–2.06× without on Node 20, and 1.19–1.34× against
 * 1.09–1.22× on Node 24.
 */
const SMALL_YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';
/** Sets {@link SMALL_YOUNG_GENERATION_FLAG} for this process's V8. Call it first thing. */
function useSmallYoungGeneration(setFlags = external_node_v8_.setFlagsFromString) {
    setFlags(SMALL_YOUNG_GENERATION_FLAG);
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(46752);
;// CONCATENATED MODULE: ./src/http/content-encoding.ts
/**
 * Undoing a response's Content-Encoding. The client asks for `identity`, but
 * a proxy or a misconfigured server may compress anyway, and undici.request
 * hands the bytes over as they came: undecoded, a gzipped JSON answer reads
 * as garbage and a gzipped artifact is saved as a corrupt zip.
 */


/** What the client sends as Accept-Encoding: the body as it is, please. */
const ACCEPT_IDENTITY = 'identity';
/**
 * The codings we can undo (RFC 9110 §8.4.1), each with its node:zlib
 * decoder. `x-gzip` is gzip's old name; HTTP's `deflate` is the zlib format,
 * which createInflate reads.
 */
const DECODERS = {
    gzip: external_node_zlib_.createGunzip,
    'x-gzip': external_node_zlib_.createGunzip,
    deflate: external_node_zlib_.createInflate,
    br: external_node_zlib_.createBrotliDecompress,
};
/**
 * Most codings stacked on one body that we undo. Every layer is a decoder
 * with buffers of its own; no honest server stacks more than two.
 */
const MAX_STACKED_CODINGS = 3;
/** The codings of a Content-Encoding header in the order they were applied, `identity` left out. */
function contentCodings(header) {
    const joined = typeof header === 'string' ? header : (header ?? []).join(',');
    return joined
        .split(',')
        .map((coding) => coding.trim().toLowerCase())
        .filter((coding) => coding !== '' && coding !== 'identity');
}
/**
 * `body` with the codings named by `header` undone, last applied first.
 * Decoding streams with backpressure, so whoever reads the result bounds how
 * many decoded bytes exist at once (a size cap on the result holds against a
 * compression bomb). Returns a problem naming the coding for one we cannot
 * undo, or for too many stacked ones.
 */
function decodeBody(body, header) {
    const codings = contentCodings(header);
    if (codings.length === 0)
        return { ok: true, body, decodeFailure: () => undefined };
    const unsupported = codings.find((coding) => !Object.hasOwn(DECODERS, coding));
    if (unsupported !== undefined) {
        return {
            ok: false,
            problem: `body has Content-Encoding '${unsupported}', which this client cannot decode (it decodes ${Object.keys(DECODERS).join(', ')})`,
        };
    }
    if (codings.length > MAX_STACKED_CODINGS) {
        return { ok: false, problem: `body has ${codings.length} stacked Content-Encodings (${codings.join(', ')}); this client decodes at most ${MAX_STACKED_CODINGS}` };
    }
    const stages = [...codings].reverse().map((coding) => ({ coding, decoder: DECODERS[coding]() }));
    // Which stream raised an error first: once one fails, pipeline destroys the others with the same error,
    // and they emit it later. Registered before pipeline's own listeners, so these see it first.
    const origin = new WeakMap();
    const note = (from) => (error) => {
        if (typeof error === 'object' && error !== null && !origin.has(error))
            origin.set(error, from);
    };
    body.on('error', note(undefined));
    // A stage after the decoders (a size cap, the file being written) that fails destroys them with its own error,
    // which they then emit too: only an error zlib itself raised (it carries a numeric errno, and no syscall as a
    // file-system error does) is the coding's fault.
    for (const { coding, decoder } of stages)
        decoder.on('error', (error) => note(isZlibError(error) ? coding : undefined)(error));
    const decoders = stages.map((stage) => stage.decoder);
    // Errors reach the reader through the last decoder; the callback has nothing to add.
    (0,external_node_stream_.pipeline)([body, ...decoders], () => undefined);
    return {
        ok: true,
        body: decoders.at(-1) ?? body,
        decodeFailure: (error) => {
            const coding = typeof error === 'object' && error !== null ? origin.get(error) : undefined;
            if (coding === undefined)
                return undefined;
            // Read structurally: zlib's errors may come from another realm (jest's VM modules), where instanceof fails.
            const message = error.message;
            return `body is not valid ${coding}${typeof message === 'string' ? ` (${message})` : ''}`;
        },
    };
}
/** An error zlib raised while decoding (Z_DATA_ERROR, Z_BUF_ERROR, a Brotli format error): errno, but no syscall. */
function isZlibError(error) {
    return typeof error === 'object' && error !== null && typeof error.errno === 'number' && !('syscall' in error);
}

;// CONCATENATED MODULE: ./src/http/error-chain.ts
/**
 * `error`, then what it wraps: its `cause`, or else the first of an
 * AggregateError's `errors` (happy-eyeballs connects), at most `depth`
 * levels down. Only objects are yielded. Structural, not `instanceof`: Node's
 * socket errors may come from another realm (e.g. under jest's VM modules).
 */
function* errorChain(error, depth = 3) {
    let current = error;
    for (let level = 0; level <= depth && typeof current === 'object' && current !== null; level++) {
        yield current;
        const { cause, errors } = current;
        current = cause !== undefined ? cause : Array.isArray(errors) ? errors[0] : undefined;
    }
}

;// CONCATENATED MODULE: ./src/http/redirect.ts
/**
 * URL handling for the API client: building request URLs under the base
 * URL, following redirects the way browsers do (undici.request does not),
 * and rendering URLs safely for error messages and logs.
 */
/** Statuses that carry a Location to follow. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Most redirects followed for one request before giving up. */
const MAX_REDIRECTS = 5;
/**
 * Where a redirect leads. 303 ("see other": the request was handled, its
 * answer is elsewhere) becomes a GET without a body; every other redirect
 * repeats the request unchanged, a POST on 301/302 too, as RFC 9110 allows
 * and `curl --post301 --post302` does. Browsers turn that POST into a GET,
 * but for an API client a 301/302 means the POST was not handled at that
 * address: a GET of the new one would be answered by whatever is there (a
 * web app's page), and a suites upload or a revoke taken for done although
 * the server never received it. Returns `undefined` for a missing,
 * unparseable or non-HTTP(S) Location.
 */
function redirectTarget(current, method, status, location) {
    if (location === undefined || location.trim() === '')
        return undefined;
    let url;
    try {
        url = new URL(location, current);
    }
    catch {
        return undefined;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return undefined;
    const becomesGet = status === 303 && method !== 'HEAD';
    return {
        url,
        method: becomesGet ? 'GET' : method,
        keepBody: !becomesGet,
        sameOrigin: isSameOrigin(current, url),
    };
}
/** Same scheme, host and port (the URL's origin). */
function isSameOrigin(a, b) {
    return a.origin === b.origin;
}
/**
 * The absolute URL for an API path, always on the base URL's origin. A path
 * prefix on the base URL (e.g. a reverse proxy mounting the API under `/ts`)
 * is kept; `path` may carry a query string.
 */
function apiUrl(base, path) {
    const prefix = base.pathname.replace(/\/+$/, '');
    const rest = path.startsWith('/') ? path : `/${path}`;
    const queryAt = rest.indexOf('?');
    // Set as parts of a URL that already has the origin, never parsed as a reference against it: a
    // path starting with `//` (a base like `https://host//evil.example/`) would otherwise be read as
    // protocol-relative and send the request, token and all, to another host.
    const url = new URL(base.origin);
    url.pathname = `${prefix}${queryAt === -1 ? rest : rest.slice(0, queryAt)}`;
    url.search = queryAt === -1 ? '' : rest.slice(queryAt);
    return url;
}
/** Query parameter names whose values are secrets (presigned S3/GCS/Azure URLs, API keys). */
const SECRET_PARAM = /token|key|sig|secret|password|credential|auth|session/i;
/**
 * A URL as it may appear in errors and logs: no user-info, and the values of
 * credential-like query parameters (e.g. `X-Amz-Signature` of a presigned
 * download URL we were redirected to) replaced by `REDACTED`.
 */
function displayUrl(url) {
    const safe = new URL(url.href);
    safe.username = '';
    safe.password = '';
    safe.hash = '';
    for (const name of [...new Set(safe.searchParams.keys())]) {
        if (SECRET_PARAM.test(name))
            safe.searchParams.set(name, 'REDACTED');
    }
    return safe.href;
}
/** Path and (redacted) query only, for compact log lines. */
function displayPath(url) {
    const safe = new URL(displayUrl(url));
    return `${safe.pathname}${safe.search}`;
}

;// CONCATENATED MODULE: ./src/http/network-errors.ts
/**
 * Which failures are the network's: a transport failure becomes a
 * NetworkError saying whether the request may have reached the server (so
 * whether even a POST may be sent again); anything else (schema errors,
 * file-system errors, bugs) is left alone, never mistaken for a flaky
 * network and retried.
 */



/** Failures to connect: the request never left this machine, so even a POST may be retried. */
const CONNECT_FAILURE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
/** Socket-level codes that mean "network trouble" rather than a local bug or a file-system error. */
const SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EPROTO']);
/** Undici codes for misuse (bad arguments, a closed client) rather than transport trouble. */
const UNDICI_USAGE_CODES = new Set([
    'UND_ERR_INVALID_ARG',
    'UND_ERR_INVALID_RETURN_VALUE',
    'UND_ERR_NOT_SUPPORTED',
    'UND_ERR_DESTROYED', // the client was closed while in use
    'UND_ERR_CLOSED',
]);
/**
 * Wraps a transport failure in NetworkError, or returns `undefined` for
 * anything else (schema errors, file-system errors, bugs), which must not be
 * mistaken for a flaky network and retried. Checks are structural, by code:
 * Node's socket errors may come from another realm (e.g. under jest's VM
 * modules), where `instanceof Error` is false.
 */
function toNetworkError(error, at) {
    const code = errorCode(error);
    if (code === undefined)
        return undefined;
    const fromUndici = code.startsWith('UND_ERR_') && !UNDICI_USAGE_CODES.has(code);
    // A rejected certificate ends the handshake before anything is sent; other TLS errors (ERR_SSL_…) may come mid-answer.
    // Node names the system call that failed: `connect` (an unreachable host or network, a connect that timed out) is
    // before any byte was sent, while the same codes on an open socket may come after the request went out.
    const duringConnect = [...errorChain(error)].some((e) => e.syscall === 'connect');
    const notSent = CONNECT_FAILURE_CODES.has(code) || (0,errors/* isCertificateFailure */.G5)(code) || duringConnect;
    const tls = (0,errors/* isTlsFailure */.gt)(code);
    if (!fromUndici && !notSent && !tls && !SOCKET_CODES.has(code))
        return undefined;
    return new errors/* NetworkError */.Dr(at.method, displayUrl(at.url), code, !notSent, { cause: error });
}
/**
 * A network failure as far as the request had got: on a hop after a redirect,
 * or while a 2xx answer's body was read, the request itself was answered, so
 * it counts as sent (a request that must not be repeated is not retried), and
 * in the second case the failure says which status was lost with the body.
 */
function failureAt(error, at) {
    if (!(error instanceof errors/* NetworkError */.Dr))
        return error;
    const answered = at.answeredStatus !== undefined && error.answeredStatus === undefined;
    if (!answered && (error.maybeSent || !at.redirected))
        return error;
    return new errors/* NetworkError */.Dr(error.method, error.url, error.code, true, { cause: error.cause, answeredStatus: at.answeredStatus });
}
/** The low-level code of an error, looking into what it wraps. */
function errorCode(error) {
    for (const { code } of errorChain(error))
        if (typeof code === 'string')
            return code;
    return undefined;
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./src/http/proxy.ts
/**
 * Outbound proxies, configured the way every HTTP tool on a runner is: the
 * `HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY` environment variables (lowercase
 * first, as curl reads them). A self-hosted GitHub runner set up with a proxy
 * exports them to every step, and GitLab runners pass them the same way, so
 * an action that ignored them would fail only on the networks that need them.
 *
 * Conventions follow curl and @actions/http-client rather than undici's
 * EnvHttpProxyAgent where they differ: an https:// URL uses HTTPS_PROXY only
 * (undici would fall back to HTTP_PROXY), and a value without a scheme
 * (`proxy.corp:3128`) means http://.
 */





/** The variables behind each setting, in the order they are read. */
const PROXY_VARIABLES = {
    httpProxy: ['http_proxy', 'HTTP_PROXY'],
    httpsProxy: ['https_proxy', 'HTTPS_PROXY'],
    noProxy: ['no_proxy', 'NO_PROXY'],
};
const PROXY_PROTOCOLS = new Set(['http:', 'https:', 'socks:', 'socks5:']);
/**
 * Reads the proxy variables. A proxy URL that does not parse fails here,
 * before any request, naming the variable but never echoing its value (it
 * may hold a password).
 */
function proxySettingsFromEnv(env) {
    const settings = {};
    for (const key of ['httpProxy', 'httpsProxy', 'noProxy']) {
        for (const name of PROXY_VARIABLES[key]) {
            const value = env[name]?.trim();
            if (!value)
                continue;
            settings[key] = key === 'noProxy' ? value : proxyUrl(name, value).href;
            break;
        }
    }
    return settings;
}
function proxyUrl(variable, value) {
    let url;
    try {
        url = new URL(value.includes('://') ? value : `http://${value}`);
    }
    catch {
        // reported below
    }
    if (url && PROXY_PROTOCOLS.has(url.protocol) && url.hostname) {
        // The credentials are percent-decoded before they are sent: a bare '%' (a password such as 50%off) cannot be.
        if (!decodes(url.username) || !decodes(url.password)) {
            throw new errors/* ConfigurationError */.j1(`${variable} holds a user name or password with a '%' that is not percent-encoding: write a literal '%' as %25 (the value is not shown: it may hold a password).`);
        }
        return url;
    }
    throw new errors/* ConfigurationError */.j1(`${variable} is not a proxy URL such as http://proxy.example.com:3128 (its value is not shown: it may hold a password).`);
}
/** Whether `text` is valid percent-encoding throughout. */
function decodes(text) {
    try {
        decodeURIComponent(text);
        return true;
    }
    catch {
        return false;
    }
}
/** Passwords in the proxy URLs, raw and decoded, to mask in every output. */
function proxySecrets(settings) {
    const secrets = new Set();
    for (const value of [settings.httpProxy, settings.httpsProxy]) {
        if (!value)
            continue;
        const { password } = new URL(value);
        if (!password)
            continue;
        secrets.add(password);
        secrets.add(decodeURIComponent(password));
    }
    return [...secrets];
}
/** One log line saying which proxies are in use, without credentials; undefined when none. */
function describeProxySettings(settings) {
    const parts = [];
    if (settings.httpsProxy)
        parts.push(`https:// through ${withoutCredentials(settings.httpsProxy)}`);
    if (settings.httpProxy)
        parts.push(`http:// through ${withoutCredentials(settings.httpProxy)}`);
    if (parts.length === 0)
        return undefined;
    return `Proxy from the environment: ${parts.join(', ')}${settings.noProxy ? `; not for ${settings.noProxy}` : ''}.`;
}
/** A proxy's origin (which never holds credentials); a SOCKS URL has none, so its URL less credentials. */
function withoutCredentials(value) {
    const url = new URL(value);
    return url.origin === 'null' ? displayUrl(url) : url.origin;
}
/** The variable a URL's requests take their proxy from, for messages. */
function proxyVariableFor(url) {
    return url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
}
/**
 * Connection pools for `settings`: one direct, plus one per configured proxy
 * (each honours NO_PROXY itself). With no proxy configured every request
 * goes through the one direct pool.
 */
function createProxyRouter(agentOptions, settings) {
    const direct = new undici.Agent(agentOptions);
    // A proxy agent ignores `connect`: it builds its sockets from proxyTls (to the
    // proxy) and requestTls (TLS through the tunnel), so the same socket options go there.
    const socketOptions = typeof agentOptions.connect === 'object' ? { proxyTls: agentOptions.connect, requestTls: agentOptions.connect } : {};
    // Both fields point at one proxy, so undici's own https → http fallback cannot apply.
    const through = (proxy) => proxy
        ? new undici.EnvHttpProxyAgent({ ...agentOptions, ...socketOptions, httpProxy: proxy, httpsProxy: proxy, noProxy: noProxyForUndici(settings.noProxy ?? '') })
        : direct;
    const http = through(settings.httpProxy);
    const https = through(settings.httpsProxy);
    const subnets = noProxySubnets(settings.noProxy ?? '');
    return {
        dispatcherFor: (url) => (subnets && inSubnets(subnets, url.hostname) ? direct : url.protocol === 'https:' ? https : http),
        close: async () => {
            await Promise.all([...new Set([direct, http, https])].map((dispatcher) => dispatcher.close()));
        },
    };
}
/**
 * NO_PROXY's CIDR entries (`10.0.0.0/8`, `fd00::/8`), which undici does not
 * read and curl (7.86+) does: an API host written as an IP address in one of
 * them goes direct. Undefined when there are none. Host names are not
 * resolved for this, as curl does not.
 */
function noProxySubnets(value) {
    const list = new external_node_net_.BlockList();
    let any = false;
    for (const entry of value.split(/[,\s]+/)) {
        const [, address = '', bits] = /^\[?([0-9a-fA-F:.]+)\]?\/(\d{1,3})$/.exec(entry) ?? [];
        const family = ipFamily(address);
        const prefix = Number(bits);
        if (!family || prefix > (family === 'ipv4' ? 32 : 128))
            continue;
        list.addSubnet(address, prefix, family);
        any = true;
    }
    return any ? list : undefined;
}
/** Whether `hostname` (as a URL spells it: IPv6 in brackets) is an IP address inside `subnets`. */
function inSubnets(subnets, hostname) {
    const address = hostname.replace(/^\[(.*)\]$/, '$1');
    const family = ipFamily(address);
    return family !== undefined && subnets.check(address, family);
}
/** The family of an IP address, as BlockList names it; undefined for anything else. */
function ipFamily(address) {
    const family = (0,external_node_net_.isIP)(address);
    return family === 4 ? 'ipv4' : family === 6 ? 'ipv6' : undefined;
}
/**
 * NO_PROXY as undici matches it. undici compares an IPv6 host with its
 * brackets (`[::1]`) and reads `host:port` at the last colon, so an entry
 * written as curl accepts it, `::1`, would be taken for host `:` and port 1,
 * and `0:0:0:0:0:0:0:1` would never equal `[::1]`: such entries are written
 * as the URL parser spells the address (`[::1]`, and `[::1]:8080` with a port).
 */
function noProxyForUndici(value) {
    if (value.trim() === '*')
        return value;
    return value
        .split(/[,\s]+/)
        .filter((entry) => entry !== '')
        .map((entry) => {
        const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
        const address = bracketed ? bracketed[1] : (entry.match(/:/g) ?? []).length >= 2 ? entry : undefined;
        if (address === undefined)
            return entry;
        try {
            const host = new URL(`http://[${address}]/`).hostname;
            return bracketed?.[2] ? `${host}:${bracketed[2]}` : host;
        }
        catch {
            return entry;
        }
    })
        .join(',');
}
/** undici's message when a proxy answers CONNECT with anything but 200 (undici 7, lib/dispatcher/proxy-agent.js). */
const TUNNEL_REFUSED = /^Proxy response \((\d{3})\) !== 200/;
/**
 * The error for a request whose proxy refused the tunnel, or undefined when
 * `error` is something else. Nothing reached the API either way. A proxy's
 * temporary 5xx (its upstream unreachable) is network trouble, retried like
 * any; the rest will not change by retrying (407: bad credentials, 403: host
 * not allowed, 501: no CONNECT support), so they fail at once, saying what
 * to fix.
 */
function proxyRefusal(error, method, url) {
    const status = refusedStatus(error);
    if (status === undefined)
        return undefined;
    if ((0,errors/* isTransientHttpStatus */.Jl)(status))
        return new errors/* NetworkError */.Dr(method, displayUrl(url), `PROXY_${status}`, false, { cause: error });
    const variable = proxyVariableFor(url);
    const hint = status === 407
        ? 'check the user and password in its URL'
        : status >= 500
            ? `it does not open tunnels (CONNECT); list ${url.hostname} in NO_PROXY if it is reachable directly, or use a proxy that does`
            : `list ${url.hostname} in NO_PROXY if it is reachable directly, or ask the proxy's admins to allow it`;
    return new errors/* ConfigurationError */.j1(`The proxy in ${variable} refused to connect to ${url.host} (HTTP ${status}): ${hint}.`);
}
function refusedStatus(error) {
    for (const { message } of errorChain(error)) {
        const status = typeof message === 'string' ? TUNNEL_REFUSED.exec(message)?.[1] : undefined;
        if (status)
            return Number(status);
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/http/response-detail.ts
/** Most of an error body we ever read; the rest is discarded unread. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** Longest text excerpt quoted from a non-JSON (or detail-less) error body. */
const MAX_EXCERPT_CHARS = 200;
/** How many schema problems are listed before "… and N more". */
const MAX_LISTED_ISSUES = 5;
/**
 * Reads at most `limitBytes` of a response body as UTF-8, then destroys the
 * stream so undici frees the socket instead of draining a huge body.
 */
async function readLimitedText(body, limitBytes) {
    const chunks = [];
    let size = 0;
    let truncated = false;
    try {
        for await (const chunk of body) {
            const room = limitBytes - size;
            if (chunk.length > room) {
                chunks.push(chunk.subarray(0, room));
                size += room;
                truncated = true;
                break;
            }
            chunks.push(chunk);
            size += chunk.length;
        }
    }
    finally {
        // Breaking out of for-await already destroys the stream; this covers a throw too.
        if (!body.destroyed)
            body.destroy();
    }
    // Decoding a cut-off body may split a UTF-8 sequence; the decoder replaces it.
    return { text: new TextDecoder().decode(Buffer.concat(chunks, size)), truncated };
}
/**
 * The server's explanation of an error, from an error body:
 * - JSON `{"detail": "…"}` → the string;
 * - FastAPI validation errors `{"detail": [{"loc": […], "msg": "…"}]}` → each msg after the field its
 *   `loc` names (`body.projectId: field required`), joined;
 * - any other `detail` (object, array) → a short JSON rendering;
 * - JSON `{"message": "…"}` or `{"error": "…"}` (gateways, proxies) → the string;
 * - otherwise the first ~200 characters of the body with whitespace collapsed.
 * Returns `undefined` for an empty body.
 *
 * `redact` is applied to the whole text before it is cut to an excerpt: a
 * secret straddling the cut would otherwise survive in part, where no
 * redaction recognises it any more.
 */
function errorDetailFromBody(text, redact) {
    const json = tryParseJson(text);
    if (isRecord(json)) {
        const fromJson = detailFromObject(json);
        const quoted = fromJson === undefined ? undefined : excerpt(redact(fromJson));
        if (quoted !== undefined)
            return quoted;
    }
    return excerpt(redact(text));
}
/** The explanation in a JSON error body, whole (not yet redacted or cut). */
function detailFromObject(json) {
    const { detail } = json;
    if (typeof detail === 'string')
        return detail;
    if (Array.isArray(detail)) {
        const messages = detail.map((item) => (isRecord(item) && typeof item.msg === 'string' ? withLocation(item.loc, item.msg) : undefined));
        if (messages.length > 0 && messages.every((m) => m !== undefined))
            return messages.join('; ');
    }
    if (detail !== undefined && detail !== null)
        return JSON.stringify(detail);
    for (const key of ['message', 'error']) {
        const value = json[key];
        if (typeof value === 'string')
            return value;
    }
    return undefined;
}
/**
 * A validation message after the field it is about. FastAPI's msgs ("field
 * required", "value is not a valid uuid") do not name the field: its `loc`
 * does (`["body", "projectId"]`), and without it a 422 does not say what to fix.
 */
function withLocation(loc, msg) {
    const parts = Array.isArray(loc) ? loc.filter((part) => typeof part === 'string' || typeof part === 'number') : [];
    return parts.length > 0 ? `${parts.join('.')}: ${msg}` : msg;
}
/**
 * Whitespace collapsed, cut to {@link MAX_EXCERPT_CHARS}; `undefined` when
 * empty. Redact the text before, never after: see {@link errorDetailFromBody}.
 */
function excerpt(text) {
    const collapsed = text.replace(/\s+/g, ' ').trim();
    if (collapsed === '')
        return undefined;
    return collapsed.length > MAX_EXCERPT_CHARS ? `${collapsed.slice(0, MAX_EXCERPT_CHARS)}…` : collapsed;
}
/** Parses JSON, or returns `undefined` when the text is not JSON. */
function tryParseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/**
 * A short readable list of schema problems, one per issue, such as
 * `data.status: expected string, received undefined`. A failed union (our
 * envelopes accept `data` as an object or as a list) is reported through the
 * member that got furthest, so the message names the field that was wrong
 * instead of the union's bare "Invalid input".
 */
function describeIssues(issues) {
    const flat = issues.flatMap((issue) => flattenUnion(issue));
    const lines = flat
        .slice(0, MAX_LISTED_ISSUES)
        .map((issue) => `${['data', ...issue.path.map((key) => String(key))].join('.')}: ${plainMessage(issue.message)}`);
    const more = flat.length - MAX_LISTED_ISSUES;
    if (more > 0)
        lines.push(`… and ${more} more`);
    return lines.join('; ');
}
/**
 * The issues of the union member that matched best, at their full paths
 * (nested unions too); other issues as they are.
 */
function flattenUnion(issue) {
    if (issue.code !== 'invalid_union' || !issue.errors || issue.errors.length === 0)
        return [issue];
    let best;
    let bestScore = -Infinity;
    for (const member of issue.errors) {
        const flat = member
            .flatMap((inner) => flattenUnion(inner))
            .map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
        const score = reach(flat, issue.path.length);
        // Ties go to the earlier member, as zod lists them in declaration order.
        if (flat.length > 0 && score > bestScore) {
            best = flat;
            bestScore = score;
        }
    }
    return best ?? [issue];
}
/**
 * How far a union member got: the depth of its deepest issue below the
 * union. A member whose only complaint is the wrong type at the union itself
 * (an object where it wants a list) did not apply at all, so it ranks lowest.
 */
function reach(issues, unionDepth) {
    return Math.max(...issues.map((issue) => {
        const depth = issue.path.length - unionDepth;
        return depth === 0 && issue.code === 'invalid_type' ? -1 : depth;
    }));
}
/** zod prefixes type mismatches with "Invalid input: "; after a field path it is noise. */
function plainMessage(message) {
    const plain = message.replace(/^Invalid input: (?=\S)/, '');
    return plain === '' ? message : plain;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Reads (a bounded amount of) an unwanted body so the socket can be reused, or frees it. */
async function discard(body) {
    try {
        await body.dump();
    }
    catch {
        // The body is gone either way; nothing useful to report.
    }
}
/** The first value of a possibly repeated header. */
function firstHeader(value) {
    return Array.isArray(value) ? value[0] : value;
}

;// CONCATENATED MODULE: ./src/http/retry-policy.ts
/**
 * When and how long to wait between attempts of an HTTP call. Pure functions
 * over plain data so the policy can be unit-tested without a server or a
 * clock, and tuned by changing numbers rather than code.
 */

/** The policy the client uses unless told otherwise: 408, 429 and every 5xx but 501 and 505. */
const DEFAULT_RETRY_POLICY = {
    maxAttempts: 6,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    retryStatuses: errors/* TRANSIENT_HTTP_STATUSES */.Fc,
};
/**
 * Longest Retry-After we honour. A server asking for more than `maxDelayMs`
 * knows its own recovery time better than our backoff does, so we wait as
 * asked — but a misconfigured header (hours, days) must not stall a CI job.
 * The caller's deadline still applies on top of this.
 */
const MAX_RETRY_AFTER_MS = 5 * 60_000;
/**
 * Delay before the retry that follows failed attempt number `attempt`
 * (1-based: `attempt` = 1 means the first request just failed).
 *
 * Without Retry-After this is "full jitter" backoff (AWS Architecture Blog,
 * "Exponential Backoff And Jitter"): a uniformly random delay in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(attempt-1)))`. Full jitter spreads
 * many clients that failed together (e.g. during a deploy) across the whole
 * window instead of letting them retry in lock-step.
 *
 * With Retry-After the server's value wins, even above `maxDelayMs` (capped at
 * {@link MAX_RETRY_AFTER_MS}), but never below a small jittered floor in
 * `[baseDelayMs/2, baseDelayMs)` — so `Retry-After: 0` sent to many clients
 * does not turn into a synchronised stampede.
 *
 * @param random returns a number in [0, 1), like Math.random (injected for tests)
 * @param retryAfterMs the parsed Retry-After, if the server sent a valid one
 */
function retryDelayMs(policy, attempt, random, retryAfterMs) {
    const r = clampUnit(random());
    if (retryAfterMs !== undefined) {
        const floor = policy.baseDelayMs / 2 + (r * policy.baseDelayMs) / 2;
        return Math.round(Math.min(MAX_RETRY_AFTER_MS, Math.max(retryAfterMs, floor)));
    }
    // Clamp the exponent so huge attempt numbers cannot overflow to Infinity.
    const exponent = Math.min(Math.max(attempt - 1, 0), 30);
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
    return Math.floor(r * ceiling);
}
/** Guards against a random source that strays outside [0, 1). */
function clampUnit(value) {
    if (!Number.isFinite(value) || value < 0)
        return 0;
    return value >= 1 ? 1 - Number.EPSILON : value;
}
/** IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT` and obsolete RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`. */
const IMF_OR_RFC850_DATE = /^[A-Z][a-z]{2,8}, \d{2}[ -][A-Z][a-z]{2}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$/;
/** asctime `Sun Nov  6 08:49:37 1994` — implicitly GMT, which Date.parse would read as local time. */
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}$/;
/**
 * Parses a Retry-After header (RFC 9110 §10.2.3) into milliseconds from
 * `nowMs`. Accepts delta-seconds (`120`) and an HTTP-date; a date in the past
 * means "now" (0). Anything else — negative, fractional, garbage — is
 * ignored (`undefined`) so the normal backoff applies.
 */
function parseRetryAfter(header, nowMs) {
    const raw = Array.isArray(header) ? header[0] : header;
    if (typeof raw !== 'string')
        return undefined;
    const value = raw.trim();
    if (/^\d+$/.test(value)) {
        // Delta-seconds too large to hold mean "a very long time" (RFC 9111 §1.2.2 caps them): the longest wait, capped
        // where retryDelayMs caps any Retry-After, rather than garbage to ignore and retry at once.
        const seconds = Number(value);
        return Number.isSafeInteger(seconds) ? seconds * 1000 : Number.MAX_SAFE_INTEGER;
    }
    // Date.parse alone accepts far too much (e.g. "1.5"), so check the shape first.
    let at;
    if (IMF_OR_RFC850_DATE.test(value))
        at = Date.parse(value);
    else if (ASCTIME_DATE.test(value))
        at = Date.parse(`${value} GMT`);
    else
        return undefined;
    if (!Number.isFinite(at))
        return undefined;
    return Math.max(0, at - nowMs);
}

;// CONCATENATED MODULE: ./src/http/http-client.ts
/**
 * The ApiClient over undici.request: retries with backoff and Retry-After
 * for idempotent calls only, never waits past the caller's deadline, bounds
 * every JSON attempt in time, sends the token to the API origin only (on
 * redirects too), undoes a Content-Encoding the server applied anyway, and
 * streams uploads and downloads (the latter size-capped) instead of
 * buffering them.
 */














/**
 * Default cap on one download: 2 GiB. The artifact is a zip, and
 * safeExtract refuses one that expands to more than 1 GiB; a zip is never
 * much larger than what it expands to (deflate falls back to storing), so
 * anything near this cap could not be extracted anyway. Twice that leaves
 * room for zip overhead and for a zip that is kept and uploaded as a
 * workflow artifact even though it is not extracted, while download plus
 * extraction (at most 3 GiB) stays far below a hosted runner's free disk.
 * Without a cap a runaway server could fill the disk.
 */
const DEFAULT_MAX_DOWNLOAD_BYTES = 2 * 1024 ** 3;
/** Largest JSON document we accept unless a call says otherwise; guards memory against a runaway server. */
const MAX_JSON_BODY_BYTES = 32 * 1024 * 1024;
/** Longest wait for an error answer's explanation (its body), or the attempt's time limit if shorter. */
const MAX_ERROR_BODY_WAIT_MS = 10_000;
/** NetworkError code of a JSON call whose attempt took longer than the per-attempt timeout in all. */
const ATTEMPT_TIMEOUT = 'ATTEMPT_TIMEOUT';
/** Buffer size for artifact downloads: fewer, larger reads and writes than the 64 KiB default. */
const DOWNLOAD_CHUNK_BYTES = 1024 * 1024;
/**
 * How much a connection's socket may buffer before Node stops reading it
 * (undici's default is 64 KiB, or 16 KiB for TLS). At 64 KiB a fast download
 * fills it with every read, so Node stops and restarts reading the socket
 * (two epoll_ctl calls and an extra event-loop turn per 64 KiB). Measured on
 * a 400 MB loopback download (medians of 21): ~2,800 epoll_ctl calls → 16; a
 * bare undici pipeline 0.73 s → 0.53 s (system CPU 0.51 s → 0.32 s), this
 * client 0.62 s → 0.59 s. Small answers never come near the limit, so it
 * costs nothing elsewhere.
 */
const SOCKET_BUFFER_BYTES = 1024 * 1024;
/** Creates an ApiClient with its own keep-alive connection pool. */
function createApiClient(options) {
    const policy = options.retry ?? DEFAULT_RETRY_POLICY;
    const random = options.random ?? Math.random;
    const timeoutMs = options.requestTimeoutMs ?? 60_000;
    const maxDownloadBytes = options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
    const { clock, token } = options;
    const log = options.log ?? (() => undefined);
    // net.Socket hands highWaterMark on to stream.Duplex (undici sets it the same way); undici's types just do not list it.
    const connect = { timeout: Math.min(timeoutMs, 30_000), highWaterMark: SOCKET_BUFFER_BYTES };
    const pools = createProxyRouter({ keepAliveTimeout: 30_000, connect }, options.proxy ?? {});
    /**
     * The token must never reach a message, even when a server echoes it back.
     * Applied to whole texts, before anything is cut to an excerpt.
     */
    const redact = (text) => (token === '' ? text : text.split(token).join('***'));
    /**
     * A body cut off at the read limit may end in the first part of the token,
     * which `redact` cannot recognise: that part is masked too.
     */
    const maskCutToken = (text) => {
        for (let length = Math.min(token.length - 1, text.length); length > 0; length--) {
            if (text.endsWith(token.slice(0, length)))
                return `${text.slice(0, -length)}***`;
        }
        return text;
    };
    async function send(ex, at, signal) {
        let withAuth = true;
        let withBody = true;
        for (let hop = 0;; hop++) {
            // Checked on every hop, the first included, whatever built the URL: the token is for the API origin only.
            withAuth &&= isSameOrigin(at.url, options.baseUrl);
            const body = withBody && ex.makeBody ? await ex.makeBody() : undefined;
            const headers = { 'user-agent': options.userAgent, accept: ex.accept, 'accept-encoding': ACCEPT_IDENTITY };
            if (withAuth)
                headers.authorization = `Bearer ${token}`;
            if (body?.contentType)
                headers['content-type'] = body.contentType;
            const res = await (0,undici.request)(at.url, {
                dispatcher: pools.dispatcherFor(at.url),
                method: at.method,
                headers,
                body: body?.body,
                signal,
                headersTimeout: timeoutMs,
                bodyTimeout: timeoutMs,
                ...(ex.highWaterMark ? { highWaterMark: ex.highWaterMark } : {}),
            });
            if (!REDIRECT_STATUSES.has(res.statusCode))
                return res;
            const next = redirectTarget(at.url, at.method, res.statusCode, firstHeader(res.headers.location));
            // A 3xx without a usable Location is the final answer; the caller reports it.
            if (!next)
                return res;
            await discard(res.body);
            if (hop >= MAX_REDIRECTS) {
                throw new errors/* HttpError */.j$(at.method, displayUrl(at.url), res.statusCode, `more than ${MAX_REDIRECTS} redirects`);
            }
            // Once the chain has left the API origin, the token stays dropped even if it comes back.
            withAuth &&= next.sameOrigin;
            withBody &&= next.keepBody;
            at.url = next.url;
            at.method = next.method === 'GET' ? 'GET' : at.method;
            at.redirected = true;
        }
    }
    async function attemptOnce(ex, ctx, consume) {
        const at = { url: apiUrl(options.baseUrl, ex.path), method: ex.method };
        // Aborting this after the attempt tears down any body nobody consumed (undici would leak the socket).
        const attemptDone = new AbortController();
        // A real timer, like undici's own timeouts: it bounds time on the wire, which an injected clock does not pass.
        const tooLong = new AbortController();
        const timer = ex.wholeAttemptTimeout ? setTimeout(() => tooLong.abort(), timeoutMs) : undefined;
        try {
            const res = await send(ex, at, AbortSignal.any([ctx.signal, attemptDone.signal, tooLong.signal]));
            if (res.statusCode >= 200 && res.statusCode < 300) {
                at.answeredStatus = res.statusCode;
                return { ok: true, value: await consume(res, at.url) };
            }
            const retryAfterMs = parseRetryAfter(res.headers['retry-after'], clock.now());
            const detail = await errorDetail(res);
            // A cancel or deadline that cut the explanation short is the caller's, not this answer's.
            if (ctx.signal.aborted)
                throw ctx.signal.reason;
            return { ok: false, error: new errors/* HttpError */.j$(at.method, displayUrl(at.url), res.statusCode, detail, retryAfterMs), retryAfterMs };
        }
        catch (error) {
            // Cancellation and deadline aborts surface as the caller's own reason, unwrapped.
            if (ctx.signal.aborted)
                throw ctx.signal.reason;
            // Like a socket timeout: the request may have been sent, so only an idempotent call is tried again.
            if (tooLong.signal.aborted)
                throw failureAt(new errors/* NetworkError */.Dr(at.method, displayUrl(at.url), ATTEMPT_TIMEOUT, true, { cause: error }), at);
            throw failureAt(proxyRefusal(error, at.method, at.url) ?? toNetworkError(error, at) ?? error, at);
        }
        finally {
            clearTimeout(timer);
            attemptDone.abort();
        }
    }
    async function exchange(ex, ctx, consume) {
        const what = `${ex.method} ${displayPath(apiUrl(options.baseUrl, ex.path))}`;
        // Once the step is stopping, a request that could start something is not sent again (CallContext.stopping).
        const stopping = ex.idempotent ? undefined : ctx.stopping;
        let previous;
        for (let attempt = 1;; attempt++) {
            if (ctx.signal.aborted)
                throw ctx.signal.reason;
            if (stopping?.aborted)
                throw stopping.reason;
            // Retries are never scheduled past the deadline, but a real clock may oversleep a little.
            if (clock.now() > ctx.deadline)
                throw previous ?? deadlinePassed(what);
            let failure;
            let retryAfterMs;
            let retryable;
            try {
                const result = await attemptOnce(ex, ctx, consume);
                if (result.ok)
                    return result.value;
                ({ error: failure, retryAfterMs } = result);
                retryable = ex.idempotent && policy.retryStatuses.includes(failure.status);
            }
            catch (error) {
                if (!(error instanceof errors/* NetworkError */.Dr))
                    throw error;
                failure = error;
                retryable = !(error.code !== undefined && (0,errors/* isTlsFailure */.gt)(error.code)) && (ex.idempotent || !error.maybeSent);
            }
            const outcome = failure instanceof errors/* HttpError */.j$ ? String(failure.status) : (failure.code ?? 'network error');
            if (!retryable)
                throw failure;
            if (attempt >= policy.maxAttempts) {
                log(`${what} → ${outcome}, giving up after ${attempt} attempts`);
                throw failure;
            }
            const delay = retryDelayMs(policy, attempt, random, retryAfterMs);
            if (clock.now() + delay > ctx.deadline) {
                log(`${what} → ${outcome}, not retrying: the next attempt would start after the deadline`);
                throw failure;
            }
            previous = failure;
            log(`${what} → ${outcome}, retrying in ${(delay / 1000).toFixed(1)}s (attempt ${attempt + 1}/${policy.maxAttempts})`);
            await clock.sleep(delay, stopping ? AbortSignal.any([ctx.signal, stopping]) : ctx.signal);
        }
    }
    /** The server's explanation in an error answer, decoded, redacted and short. */
    async function errorDetail(res) {
        const decoded = decodeBody(res.body, res.headers['content-encoding']);
        // The status says what happened; a body we cannot read only costs the explanation.
        if (!decoded.ok)
            return decoded.problem;
        // An explanation that trickles in is not waited on past an attempt's time: the upload and the download limit
        // only the gaps between chunks, which a byte every few seconds never runs out.
        const explainMs = Math.min(timeoutMs, MAX_ERROR_BODY_WAIT_MS);
        let late = false;
        const timer = setTimeout(() => {
            late = true;
            decoded.body.destroy();
        }, explainMs);
        try {
            const { text, truncated } = await readLimitedText(decoded.body, MAX_ERROR_BODY_BYTES);
            return errorDetailFromBody(truncated ? maskCutToken(text) : text, redact);
        }
        catch (error) {
            if (late)
                return `the explanation in the answer did not arrive within ${explainMs / 1000} s`;
            // The status is known: a connection lost during the explanation costs the explanation, never the status
            // (a 401 must fail at once, not be retried as a network error).
            return decoded.decodeFailure(error) ?? 'the explanation in the answer could not be read';
        }
        finally {
            clearTimeout(timer);
        }
    }
    /**
     * Reads a 2xx body with its Content-Encoding undone. A coding we cannot
     * undo, or bytes not valid in theirs, make a ResponseShapeError: never
     * retried, and for Create Run it means "answered, but unreadable".
     */
    async function readDecoded(res, url, read) {
        const decoded = decodeBody(res.body, res.headers['content-encoding']);
        if (!decoded.ok)
            throw new errors/* ResponseShapeError */.RD(displayUrl(url), decoded.problem);
        try {
            return await read(decoded.body);
        }
        catch (error) {
            const problem = decoded.decodeFailure(error);
            throw problem === undefined ? error : new errors/* ResponseShapeError */.RD(displayUrl(url), problem);
        }
    }
    async function readJson(res, url, schema, maxBytes = MAX_JSON_BODY_BYTES) {
        // The cap counts decoded bytes: a small compressed body may expand enormously.
        const { text, truncated } = await readDecoded(res, url, (body) => readLimitedText(body, maxBytes));
        if (truncated)
            throw new errors/* ResponseShapeError */.RD(displayUrl(url), `body is larger than the limit of ${describeBytes(maxBytes)} for an API answer`);
        const json = tryParseJson(text);
        if (json === undefined) {
            const type = firstHeader(res.headers['content-type']) ?? 'no content type';
            // A body that starts like JSON is not quoted: it is the answer itself, cut short or with an odd value (a
            // Python NaN), and may hold a secret not known yet (Get Project's gitToken is learnt from the parsed answer).
            if (/^\s*[[{]/.test(text)) {
                throw new errors/* ResponseShapeError */.RD(displayUrl(url), `body is not valid JSON (${type}, ${describeBytes(Buffer.byteLength(text))}; not quoted, as it may hold secrets)`);
            }
            const start = excerpt(redact(text)) ?? 'empty body';
            const htmlPage = /html/i.test(type) || /^\s*<(!doctype html|html)/i.test(text);
            throw new errors/* ResponseShapeError */.RD(displayUrl(url), `body is not JSON (${type}): ${start}`, htmlPage);
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success)
            throw new errors/* ResponseShapeError */.RD(displayUrl(url), describeIssues(parsed.error.issues));
        return parsed.data;
    }
    const jsonBody = (body) => async () => ({ body: JSON.stringify(body), contentType: 'application/json' });
    return {
        getJson: (path, schema, ctx, getOptions) => exchange(
        // An answer allowed past the usual limit (a run's test cases, a project's run listing) grows with the project,
        // so like a download it is limited by the gaps between its chunks, not in all: 75 MB of test cases over a
        // 10 Mbit/s link take a minute, and each attempt would run out the same way.
        { method: 'GET', path, idempotent: true, accept: 'application/json', wholeAttemptTimeout: (getOptions?.maxBytes ?? MAX_JSON_BODY_BYTES) <= MAX_JSON_BODY_BYTES }, ctx, (res, url) => readJson(res, url, schema, getOptions?.maxBytes)),
        postJson: (path, body, schema, ctx, callOptions) => exchange({
            method: 'POST',
            path,
            idempotent: callOptions.idempotent,
            accept: 'application/json',
            wholeAttemptTimeout: true,
            makeBody: jsonBody(body),
        }, ctx, (res, url) => readJson(res, url, schema)),
        postEmpty: (path, ctx, callOptions) => exchange({ method: 'POST', path, idempotent: callOptions.idempotent, accept: 'application/json', wholeAttemptTimeout: true }, ctx, (res) => discard(res.body)),
        postFile: (path, field, filePath, ctx, callOptions) => withPeriodicGc(() => exchange({
            method: 'POST',
            path,
            idempotent: callOptions.idempotent,
            accept: 'application/json',
            wholeAttemptTimeout: false,
            // A Blob backed by the file: undici streams it and knows its size, so
            // the multipart body gets a Content-Length without being buffered.
            makeBody: async () => {
                const form = new undici.FormData();
                const type = filePath.toLowerCase().endsWith('.zip') ? 'application/zip' : 'application/octet-stream';
                form.append(field, await (0,external_node_fs_.openAsBlob)(filePath, { type }), (0,external_node_path_.basename)(filePath));
                return { body: form };
            },
        }, ctx, (res) => discard(res.body))),
        download: (path, destFile, ctx) => exchange({ method: 'GET', path, idempotent: true, accept: '*/*', highWaterMark: DOWNLOAD_CHUNK_BYTES, wholeAttemptTimeout: false }, ctx, (res, url) => 
        // What is written is the decoded body: the file, not how it travelled.
        readDecoded(res, url, async (body) => {
            // Write to a side file so a failed or retried download never leaves a truncated destFile.
            // Created afresh ('wx' after removing whatever is there): a symlink planted at that
            // path, say by a checked-out pull request, is replaced, never followed.
            const partFile = `${destFile}.part`;
            await (0,promises_.rm)(partFile, { force: true });
            // Not retried (a ResponseShapeError): the same artifact will be as large next time.
            const tooLarge = (size) => new errors/* ResponseShapeError */.RD(displayUrl(url), `body is ${size} the download limit of ${describeBytes(maxDownloadBytes)}; it was not saved`);
            // Refused before a byte is written when the server says how large it is (the encoded size, if encoded).
            const declared = Number(firstHeader(res.headers['content-length']));
            if (Number.isSafeInteger(declared) && declared > maxDownloadBytes)
                throw tooLarge(`${declared} bytes (Content-Length), more than`);
            const out = (0,external_node_fs_.createWriteStream)(partFile, { flags: 'wx', highWaterMark: DOWNLOAD_CHUNK_BYTES });
            try {
                // One pass-through both nudges the GC and enforces the cap (see gcNudge on why not two).
                await (0,external_node_stream_promises_.pipeline)(body, gcNudge(GC_NUDGE_EVERY_BYTES, DOWNLOAD_CHUNK_BYTES, { maxBytes: maxDownloadBytes, tooLarge: () => tooLarge('larger than') }), out);
                // Inside the try: a .part left behind (the rename refused, as Windows does while another process holds
                // the file) would be uploaded with results-path, its secrets never checked.
                await renameIntoPlace(partFile, destFile, { clock });
            }
            catch (error) {
                await (0,promises_.rm)(partFile, { force: true });
                throw error;
            }
            return { bytes: out.bytesWritten };
        })),
        close: () => pools.close(),
    };
}
/** The error for a call whose deadline passed before it could start. Abort-like, so `isAbortError` recognises it. */
function deadlinePassed(what) {
    return new DOMException(`The deadline passed before ${what} could be sent`, 'TimeoutError');
}
/** A byte count as people read a limit: `2 GiB`, `512 MiB`, or bytes when it is no whole number of either. */
function describeBytes(bytes) {
    for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2]]) {
        if (bytes >= size && bytes % size === 0)
            return `${bytes / size} ${unit} (${bytes} bytes)`;
    }
    return `${bytes} bytes`;
}

;// CONCATENATED MODULE: ./src/providers/testing-studio/status-map.ts
/**
 * Testing Studio RunStatus (API reference, "Models › RunStatus (enum)") to our
 * state. Complete: every documented value has an entry. PENDING, STARTED and
 * RETRY are not terminal.
 */
const RUN_STATUS_MAP = {
    PENDING: 'queued',
    RETRY: 'queued',
    STARTED: 'running',
    SUCCESS: 'passed',
    FAILURE: 'failed',
    REVOKED: 'cancelled',
};
/** The documented state of a run status, read without case and surrounding spaces; undefined when undocumented. */
function documentedRunState(status) {
    return lookup(RUN_STATUS_MAP, status.trim().toUpperCase());
}
/** Whether the API documents `status` as a run status (case and surrounding spaces aside). */
function isDocumentedRunStatus(status) {
    return documentedRunState(status) !== undefined;
}
/** Map a run status; an undocumented value is treated as still running (we keep polling until the timeout). */
function mapRunStatus(status) {
    return documentedRunState(status) ?? 'running';
}
/**
 * Test case status ("Run Test Case Stats": one of 'pass', 'fail',
 * 'unavailable', 'None'; real servers also answer 'success'). Case-insensitive.
 */
const CASE_STATUS_MAP = {
    success: 'passed',
    pass: 'passed',
    passed: 'passed',
    fail: 'failed',
    failed: 'failed',
    failure: 'failed',
    unavailable: 'unavailable',
    none: 'unknown',
};
/** Map a case status; missing or undocumented values are 'unknown'. */
function mapCaseStatus(status) {
    const key = (status ?? 'none').trim().toLowerCase();
    return lookup(CASE_STATUS_MAP, key) ?? 'unknown';
}
/**
 * The map's own entry for `key`. Own keys only: statuses come from the server,
 * and `key in map` would also match what every object inherits (`constructor`,
 * `toString`, `__proto__`), turning a vendor's odd status into a function.
 */
function lookup(map, key) {
    return Object.hasOwn(map, key) ? map[key] : undefined;
}

;// CONCATENATED MODULE: ./src/providers/testing-studio/mapper.ts

/**
 * Timestamps come without a zone ("2023-04-11T15:22:50.193226"); they are
 * UTC. Microseconds are cut to milliseconds. Invalid text gives undefined.
 */
function parseTimestamp(text) {
    if (!text)
        return undefined;
    const trimmed = text.trim().replace(' ', 'T');
    const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(trimmed);
    const normalised = trimmed.replace(/(\.\d{3})\d+/, '$1');
    const date = new Date(hasZone ? normalised : `${normalised}Z`);
    return Number.isNaN(date.getTime()) ? undefined : date;
}
/** Run → RunSnapshot. */
function toSnapshot(run) {
    const meta = run.executionMeta;
    return {
        id: run.runId,
        state: mapRunStatus(run.status),
        vendorStatus: run.status.trim().toUpperCase(),
        createdAt: parseTimestamp(run.createdAt ?? run.createAt),
        finishedAt: parseTimestamp(run.finishedAt),
        durationSeconds: mapper_parseDuration(run.duration),
        progress: meta ? { current: meta.current, total: meta.total } : undefined,
    };
}
/**
 * The run's `duration` ("Models › Run": `"0:00:03"`, Python's timedelta as
 * text, with `N day(s), ` in front past a day) in seconds; undefined for
 * anything else.
 */
function mapper_parseDuration(text) {
    const match = /^\s*(?:(\d+) days?, )?(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)\s*$/.exec(text ?? '');
    if (!match)
        return undefined;
    const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
    return Number(days) * 86_400 + Number(hours) * 3_600 + Number(minutes) * 60 + Number(seconds);
}
function mapper_text(value) {
    if (value === null || value === undefined)
        return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
}
function warningText(item) {
    return typeof item === 'string' ? item : mapper_text(item.text);
}
/** Run Test Case Stats → CaseResult. */
function toCaseResult(item, index) {
    const links = {};
    if (item.dialogId)
        links['Dialog'] = item.dialogId;
    if (item.goldenDialogId)
        links['Golden dialog'] = item.goldenDialogId;
    return {
        id: item.testCaseId ?? `case-${index + 1}`,
        name: item.testCaseName,
        description: item.testCaseDescription ?? undefined,
        status: mapCaseStatus(item.status),
        vendorStatus: item.status ?? 'None',
        durationMs: item.executionTime ?? undefined,
        tries: item.numberOfTries ?? undefined,
        links,
        failures: (item.assertionErrors ?? []).map((error) => ({
            step: error.step ?? undefined,
            assertion: mapper_text(error.assertion),
            expected: mapper_text(error.expected),
            found: mapper_text(error.found),
        })),
        errors: (item.generalErrors ?? []).map(warningText).filter(Boolean),
        warnings: (item.warnings ?? []).map(warningText).filter(Boolean),
    };
}
/**
 * The lines of one Run Log Content entry. An entry without a `text` is
 * dropped, unless it is a section nested in the content (as in the
 * reference's Get Run Logs example): its lines are kept where it stands.
 */
function entryLines(entry) {
    if (typeof entry !== 'string' && (entry.text === undefined || entry.text === null))
        return (entry.content ?? []).flatMap(textLines);
    return textLines(entry);
}
/** The lines of a `{ text }` entry; none without a text. */
function textLines(entry) {
    if (typeof entry !== 'string' && (entry.text === undefined || entry.text === null))
        return [];
    // A bare CR ends a line too, as the runner reads its output (progress bars overwrite a line with one): split here,
    // before the host redacts the lines, so nothing changes a line once redacted (a CR inside a secret could otherwise
    // keep it from matching and then be removed).
    return warningText(entry).replace(/(\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/);
}
/**
 * Run Log sections → LogSection. Empty `{}` elements and content entries
 * with neither a `text` nor a `content` (both in the reference's example)
 * are dropped; a `text` holding several lines is split.
 *
 * A section also counts as completed once a later section has lines. The
 * reference ("Models › Run Log") calls `completed` the "run's completed
 * status", so every section may say false until the run ends, and a log
 * shown only when its section completes would appear all at the end. The
 * sections are the run's steps in order (Clone Repository, Load
 * Configuration, … Aggregate Results): one is over when the next has begun.
 */
function toLogSections(sections) {
    const result = [];
    const seen = new Map();
    for (const section of sections) {
        if (!section.sectionName && !section.id && !section.content?.length)
            continue;
        const name = section.sectionName ?? 'Log';
        // Sections without an id are keyed by name and position among same-named ones.
        const base = section.id ?? `name:${name}`;
        const occurrence = seen.get(base) ?? 0;
        seen.set(base, occurrence + 1);
        const lines = (section.content ?? []).flatMap(entryLines);
        result.push({ id: occurrence ? `${base}#${occurrence}` : base, name, lines, completed: section.completed ?? false });
    }
    let laterHasLines = false;
    for (const section of result.toReversed()) {
        section.completed ||= laterHasLines;
        laterHasLines ||= section.lines.length > 0;
    }
    return result;
}

;// CONCATENATED MODULE: ./src/providers/testing-studio/schema.ts


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
function envelope(payload, lenient = false, bareItem) {
    return schemas/* unknown */.L5J()
        .transform((body, ctx) => {
        if (!schema_isRecord(body)) {
            const received = body === null ? 'null' : Array.isArray(body) ? 'array' : typeof body;
            ctx.addIssue({ code: 'custom', message: `expected a body with a data field, received ${received}` });
            return core_core/* NEVER */.tm;
        }
        const fields = Object.keys(body);
        if ('data' in body || lenient || fields.length === 0)
            return body.data;
        if (bareItem?.(body))
            return body;
        ctx.addIssue({ code: 'custom', message: `expected a body with a data field, received an object with ${fieldNames(fields)}` });
        return core_core/* NEVER */.tm;
    })
        .pipe(payload);
}
/** At most five of a body's field names, shown safely: they come from the server. */
function fieldNames(fields) {
    const shown = listFirst(fields, 5, (name) => JSON.stringify(name.replace(/[^\w.-]/g, '?').slice(0, 40)));
    return `field${fields.length === 1 ? '' : 's'} ${shown}`;
}
function schema_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/**
 * The reference's examples answer `data` as an object for some endpoints and
 * as a one-element array for others (Create Run, Get Run); accept both.
 */
function singleData(item) {
    return envelope(schemas/* union */.KCZ([item, schemas/* array */.YOg(item).min(1)])).transform((data) => (Array.isArray(data) ? data[0] : data));
}
/**
 * Like {@link singleData}, but `data` may be missing, `null` or `[]`, read as
 * `undefined`: for answers the caller can do without (run stats, which a run
 * that ended before any test may not have; the counts then come from its cases).
 */
function optionalData(item) {
    return envelope(schemas/* union */.KCZ([item, schemas/* array */.YOg(item).max(1)]).nullish(), true).transform((data) => (Array.isArray(data) ? data[0] : (data ?? undefined)));
}
/**
 * `data` as a list; a single object is read as a list of one; `null`, or a
 * bare `{}`, as none. With a `fallback`, only items inside a list fall back:
 * a `data` of the wrong type altogether is still refused, not read as none.
 */
function listData(item, options = {}) {
    const { fallback, bareItem } = options;
    const listed = fallback === undefined ? item : item.catch(fallback);
    return envelope(schemas/* union */.KCZ([schemas/* array */.YOg(listed), item]).nullish(), false, bareItem).transform((data) => {
        if (data === null || data === undefined)
            return [];
        return (Array.isArray(data) ? data : [data]);
    });
}
const nullableString = schemas/* string */.YjP().nullish();
/**
 * A number that only adds detail (a duration, a try count, a step number):
 * a numeric string ("889.0") is read as its number, and anything else that
 * is not a number is dropped, so one odd value cannot make a whole answer
 * (a run's test cases) unreadable.
 */
const detailNumber = schemas/* preprocess */.vkY((value) => (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value), schemas/* number */.aig().nullish())
    .catch(undefined);
/**
 * A Run Stats count: a numeric string ("3") is read as its number; any
 * other value that is not a count is dropped, and the count then comes from
 * the run's test cases (the provider takes the larger of the two for failed
 * and unavailable), rather than the stats making the results unreadable.
 */
const statCount = schemas/* preprocess */.vkY((value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value), schemas/* number */.aig().int().nonnegative().nullish())
    .catch(undefined);
/** A string that only adds detail (an id, a description): anything but a string is dropped. */
const detailString = nullableString.catch(undefined);
/** Task Artifact. */
const artifactSchema = schemas/* looseObject */._H3({
    artifactId: nullableString,
    name: nullableString,
    isExpired: schemas/* boolean */.zMY().nullish(),
});
/**
 * What a run id may look like: the reference's are UUIDs; this also admits
 * other plain identifiers. The id becomes the `run-id` output, which
 * workflows paste into `run:` scripts, and the name of files and artifacts,
 * so an id holding quotes, `$`, `;`, spaces or slashes is refused as a
 * malformed answer rather than handed on.
 */
const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
/**
 * Run (API reference, "Models › Run"). The id, status and filters decide
 * what the step does, so they must have their documented types; the rest
 * only adds detail (progress, timestamps for the duration), and a value of
 * another shape there (`"total": null` in `executionMeta` while a run
 * starts, a numeric `duration`) is dropped rather than making the run's
 * status unreadable, which would stop the step following it.
 */
const runSchema = schemas/* looseObject */._H3({
    runId: schemas/* string */.YjP().regex(RUN_ID_PATTERN, 'expected a plain identifier such as a UUID (letters, digits, ".", "_", ":", "-")'),
    projectId: detailString,
    status: schemas/* string */.YjP().min(1),
    group: nullableString,
    utterance: nullableString,
    description: nullableString,
    createdAt: detailString,
    /** The reference's field table spells it `createAt`; its examples send `createdAt`. */
    createAt: detailString,
    finishedAt: detailString,
    isRevocable: schemas/* boolean */.zMY().nullish().catch(undefined),
    executionMeta: schemas/* looseObject */._H3({ current: schemas/* number */.aig(), total: schemas/* number */.aig() }).nullish().catch(undefined),
    artifact: artifactSchema.nullish().catch(undefined),
    /** Python's timedelta as text: `0:00:03`, `1 day, 2:03:04.5`. */
    duration: detailString,
});
/** Project (API reference, "Models › Project"). `gitToken` is a secret. */
const projectSchema = schemas/* looseObject */._H3({
    id: schemas/* string */.YjP().min(1),
    name: schemas/* string */.YjP(),
    group: nullableString,
    gitToken: nullableString,
    gitUrl: nullableString,
    /** The reference's field table names the repo URL `gitID`; its examples send `gitUrl`. */
    gitID: nullableString,
    gitProvider: nullableString,
    gitStorage: schemas/* boolean */.zMY().nullish(),
    s3Storage: schemas/* boolean */.zMY().nullish(),
});
/** Run Stats. */
const runStatsSchema = schemas/* looseObject */._H3({
    pass: statCount,
    fail: statCount,
    unavailable: statCount,
});
/** Run Test Suites. */
const suiteSchema = schemas/* looseObject */._H3({ testSuiteName: schemas/* string */.YjP() });
/**
 * Test Case Error. The reference gives each field a default ("-"), so a
 * server may leave one out; zod 4 would otherwise require a `z.unknown()`
 * key to be present, and one error missing `found` would make the whole
 * list of test cases unreadable.
 */
const caseErrorSchema = schemas/* looseObject */._H3({
    step: detailNumber,
    assertion: schemas/* unknown */.L5J().optional(),
    expected: schemas/* unknown */.L5J().optional(),
    found: schemas/* unknown */.L5J().optional(),
});
/**
 * A `{ text }` entry: a Test Case Warning or a general error. `text` may be
 * missing. A bare value of another kind (a number) is read as its text
 * rather than making the whole list unreadable.
 */
const textEntrySchema = schemas/* union */.KCZ([
    schemas/* looseObject */._H3({ text: schemas/* unknown */.L5J().optional() }),
    schemas/* string */.YjP(),
    schemas/* unknown */.L5J().transform((value) => ({ text: value })),
]);
/** Test Case Warning (also used for general errors). */
const caseWarningSchema = textEntrySchema;
/** Run Test Case Stats. `status` is free text ('success', 'pass', 'fail', 'unavailable', 'None' …). */
const testCaseSchema = schemas/* looseObject */._H3({
    testCaseId: detailString,
    testCaseName: schemas/* string */.YjP(),
    testCaseDescription: detailString,
    /** Decides the verdict with the name: kept strict. */
    status: schemas/* string */.YjP().nullish(),
    numberOfTries: detailNumber,
    /** Milliseconds, whatever the reference's table says: its example's 889.0 matches the log's "889.000 ms". */
    executionTime: detailNumber,
    dialogId: detailString,
    goldenDialogId: detailString,
    assertionErrors: schemas/* array */.YOg(caseErrorSchema).nullish(),
    generalErrors: schemas/* array */.YOg(caseWarningSchema).nullish(),
    warnings: schemas/* array */.YOg(caseWarningSchema).nullish(),
});
/**
 * A Run Log Content entry: a `{ text }`, or a whole section with a `content`
 * of its own, as the reference's Get Run Logs example nests "Load Test
 * Suites" in another section's content; the mapper keeps those lines where
 * the entry stands. One level, as in the example: a schema that recursed
 * would overflow the stack on a deeply nested answer. A nested `content` of
 * another shape is ignored, as the whole entry was before.
 */
const logEntrySchema = schemas/* union */.KCZ([
    schemas/* string */.YjP(),
    schemas/* looseObject */._H3({ text: schemas/* unknown */.L5J().optional(), content: schemas/* array */.YOg(textEntrySchema).nullish().catch(undefined) }),
    // Anything else (a number, a null) is read as its text, as a bare test-case warning is: one odd entry must not
    // make the whole log unreadable; a null has no text and is dropped.
    schemas/* unknown */.L5J().transform((value) => ({ text: value, content: undefined })),
]);
/**
 * Run Log section. The reference's example contains empty `{}` elements, and
 * content entries without a `text` (a whole section nested in a section's
 * content), so every field is optional; the mapper drops empty sections and
 * entries with neither a text nor a content. The log is a courtesy: a field
 * of another shape (a numeric id, `"completed": "true"`) is dropped, and a
 * section that is no object at all is read as an empty one, so one odd value
 * costs that detail, not the whole log.
 */
const logSectionSchema = schemas/* looseObject */._H3({
    id: detailString,
    sectionName: detailString,
    content: schemas/* array */.YOg(logEntrySchema).nullish().catch(undefined),
    completed: schemas/* boolean */.zMY().nullish().catch(undefined),
});
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
const listedRunSchema = schemas/* looseObject */._H3({
    runId: schemas/* string */.YjP().min(1),
    group: schemas/* unknown */.L5J().optional(),
    utterance: schemas/* unknown */.L5J().optional(),
    description: schemas/* unknown */.L5J().optional(),
});
const runEnvelope = singleData(runSchema);
const runListEnvelope = listData(listedRunSchema);
const projectEnvelope = singleData(projectSchema);
const runStatsEnvelope = optionalData(runStatsSchema);
const suitesEnvelope = listData(suiteSchema);
const testCasesEnvelope = listData(testCaseSchema);
/** Also a bare section without the envelope, as the reference's "Models › Run Log" example shows one. */
const logsEnvelope = listData(logSectionSchema, {
    fallback: {},
    bareItem: (body) => 'sectionName' in body || Array.isArray(body['content']),
});

;// CONCATENATED MODULE: ./src/providers/testing-studio/run-listing.ts


/**
 * The most JSON one run listing may hold. Get Project Runs answers the
 * project's whole history in one answer (the reference documents no paging),
 * ~600 bytes a run: the default 32 MiB would stop every Create Run of a
 * project past ~55,000 runs; 128 MiB holds ~220,000. Read only when a run is
 * started or looked for, and dropped at once but for the ids.
 */
const MAX_RUN_LIST_JSON_BYTES = 128 * 1024 * 1024;
/** Where "Get Project Runs" lives (reference: `GET /api/projects/<project_id>/runs/`). */
function runsPathOf(projectId) {
    return `/api/projects/${encodeURIComponent(projectId)}/runs/`;
}
/** The project's runs, as far as telling them apart needs (see listedRunSchema). */
function listRuns(client, projectId, ctx) {
    return client.getJson(runsPathOf(projectId), runListEnvelope, ctx, { maxBytes: MAX_RUN_LIST_JSON_BYTES });
}
/** The runs' ids, for messages that name the candidates. */
function runIds(runs) {
    return runs.map((run) => run.runId).join(', ');
}
/**
 * Runs not in `before` whose filters are ours, or may be: one listed with a
 * filter of another type (a group "2024" sent back as the number 2024)
 * cannot be ruled out, and leaving it out would make a run the failed
 * request started look like none, and Create Run be sent again.
 */
function newRunsSince(runs, before, filters) {
    return runs.filter((run) => !before.has(run.runId) && mayHaveFilters(run, filters));
}
/**
 * A listed run taken as ours, read as a whole Run, as it is followed (or
 * revoked) from here; what did not match when it cannot be.
 */
function readListedRun(listed) {
    const parsed = runSchema.safeParse(listed);
    return parsed.success ? parsed.data : { problems: describeIssues(parsed.error.issues) };
}
function mayHaveFilters(run, filters) {
    // An empty filter is sent as null. A listed value that is neither a string nor null cannot be compared.
    const matches = (value, ours) => value === null || value === undefined ? !ours : typeof value === 'string' ? value === (ours ?? '') : true;
    return matches(run.group, filters.group) && matches(run.utterance, filters.utterance) && matches(run.description, filters.description);
}

;// CONCATENATED MODULE: ./src/providers/testing-studio/run-creator.ts





/**
 * Three more listings, 1 s, 2 s and 4 s apart: 7 s in all. A 5xx or a lost
 * connection does not mean the backend dropped the request: a gateway may
 * answer 504 at once and still hand it on, and the run then appears a moment
 * later. One listing taken milliseconds after the failure cannot see that
 * run, and posting again would start a second one. Create Run is synchronous
 * on the server (its answer is the created run), so a run it was going to
 * create shows within the second or so a request takes, a few seconds when
 * the server is struggling; the gaps grow so the likely moments are checked
 * soon without listing a struggling server every second. 7 s is little next
 * to a test run, and is only spent on this rare path; a run that appears
 * even later is still named by the warning after the second POST, and the
 * job's clean-up step looks for it when the step fails.
 */
const CREATE_SETTLE_POLICY = { recheckDelaysMs: [1_000, 2_000, 4_000] };
/**
 * Create Run without ever starting two runs.
 *
 * The API has no idempotency key ("Runs › Create Run"), so a POST that fails
 * ambiguously (a 5xx, a 408, or a connection lost after the request was sent)
 * may or may not have created a run. Before creating we snapshot the
 * project's run ids; after an ambiguous failure we list them again and adopt
 * the single new run whose filters match ours. If there is none, we keep
 * listing over a settle window ({@link CREATE_SETTLE_POLICY}), since the run
 * may appear late, and only then try once more (after whatever is left of
 * the backoff); if there are several we cannot tell which is ours and fail
 * clearly. When that second POST succeeds we list once more and warn of any
 * other new run with our filters: the failed request may have started it
 * even later. It is not revoked, as it could be another job's.
 *
 * Two answers are not ambiguous:
 * - a 429 says the server refused the request unprocessed, so it is retried
 *   like an idempotent call (Retry-After, capped jittered backoff, the same
 *   attempt limit, never past the deadline) without using up the one extra try;
 * - a 2xx whose body we cannot read says the run certainly exists, so we
 *   never POST again: we adopt it from the listing, or fail saying a run was
 *   probably created.
 *
 * Once `ctx.stopping` is aborted (cancel or timeout) no further POST is sent
 * and no backoff or settle wait is waited out: we throw `ctx.stopping.reason`
 * as it is. No wait runs past `ctx.deadline`.
 *
 * Before the first POST, `options.journal` gets a note (the runs listed
 * before and our filters). When we give up knowing that nothing was started
 * it is told so; otherwise (a request abandoned in flight, a listing that
 * failed or found several new runs) the note stays, and a later step can
 * find the run with `findStartedRun` (start-note.ts).
 */
async function createRunOnce(client, projectId, filters, ctx, log, options = {}) {
    const clock = options.clock ?? systemClock;
    const policy = options.policy ?? DEFAULT_RETRY_POLICY;
    const random = options.random ?? Math.random;
    const settle = options.settle ?? CREATE_SETTLE_POLICY;
    const warning = options.warning ?? log;
    /** Once the step is stopping, no request that could start a run is sent: throw the stop's own reason. */
    const stopIfStopping = () => {
        if (ctx.stopping?.aborted)
            throw ctx.stopping.reason;
    };
    stopIfStopping();
    const before = new Set((await listRuns(client, projectId, ctx)).map((run) => run.runId));
    const note = { v: 1, projectId, filters, before: [...before] };
    const body = {
        projectId,
        group: filters.group ?? null,
        utterance: filters.utterance ?? null,
        description: filters.description ?? null,
    };
    /** Runs listed now that were not listed before the first POST, with our filters. */
    const listNewRuns = async () => newRunsSince(await listRuns(client, projectId, ctx), before, filters);
    /**
     * New runs with our filters, or AmbiguousRunError when the listing itself
     * fails. Sent even when the step is stopping (within `ctx.signal`'s grace):
     * a POST that may have created a run has gone out, and adopting that run is
     * what lets it be revoked.
     */
    const newRunsAfter = async (what, fate) => {
        try {
            return await listNewRuns();
        }
        catch (error) {
            // Cancellation and the deadline keep their own meaning for the orchestrator.
            if (ctx.signal.aborted || (0,errors/* isAbortError */.zf)(error))
                throw error;
            throw new errors/* AmbiguousRunError */.WJ(`${what} and the project's runs could not be listed (${(0,errors/* errorMessage */.gJ)(error)}); ${fate}.`, {
                cause: error,
            });
        }
    };
    /** Every wait ends early, with the signal's reason, once the step is stopping or its calls are aborted. */
    const waitSignal = ctx.stopping ? AbortSignal.any([ctx.stopping, ctx.signal]) : ctx.signal;
    /**
     * Waits before the next POST, or returns false when that POST would start
     * after the deadline. `waitedMs` (the settle window) counts towards the
     * backoff, so a Retry-After is honoured from the failed answer, not added
     * on top of the time already spent.
     */
    const backoff = async (attempt, retryAfterMs, what, waitedMs = 0) => {
        const delay = Math.max(0, retryDelayMs(policy, attempt, random, retryAfterMs) - waitedMs);
        if (clock.now() + delay > ctx.deadline) {
            log(`${what}; not trying again: the next attempt would start after the deadline.`);
            return false;
        }
        if (delay === 0) {
            log(`${what}; trying again.`);
            return true;
        }
        log(`${what}; trying again in ${(delay / 1000).toFixed(1)}s.`);
        await clock.sleep(delay, waitSignal);
        return true;
    };
    /**
     * After an ambiguous failure whose first listing showed no new run: lists
     * again after each of the settle policy's waits, returning the new runs
     * with our filters as soon as any appear, or [] when none did. A gateway
     * may answer 5xx before it hands the request on, so the run can appear
     * late; posting again before it does would start a second one.
     */
    const settleWindow = async (error) => {
        for (const gap of settle.recheckDelaysMs) {
            // No wait while stopping: the note stays, and the clean-up step looks for the run.
            stopIfStopping();
            if (clock.now() + gap > ctx.deadline) {
                log('No new run is listed yet; not waiting longer for one: the next look would be after the deadline.');
                throw new errors/* AmbiguousRunError */.WJ(`Create Run failed (${error.message}) and no new run was listed before the deadline; ` +
                    'a run may still have been started, so it is not tried again.', { cause: error });
            }
            log(`No new run is listed yet; looking again in ${(gap / 1000).toFixed(1)}s, as the failed request may still start one.`);
            await clock.sleep(gap, waitSignal);
            const fresh = await newRunsAfter(`Create Run failed (${error.message})`, 'a run may have been started');
            if (fresh.length > 0)
                return fresh;
        }
        return [];
    };
    /**
     * After a POST that followed an ambiguous failure succeeded: warns of any
     * other new run with our filters, which the failed request may have started
     * after the settle window. Never revoked (it could be another job's) and
     * never a reason to fail: our run exists and must be returned, so that it
     * is followed, or revoked when the step is stopping.
     */
    const warnOfLateTwin = async (created, failure) => {
        if (ctx.signal.aborted)
            return;
        let others;
        try {
            others = (await listNewRuns()).filter((run) => run.runId !== created.runId);
        }
        catch (error) {
            log(`Could not list the project's runs to check for a duplicate the failed Create Run may have started (${(0,errors/* errorMessage */.gJ)(error)}).`);
            return;
        }
        if (others.length === 0)
            return;
        const named = others.length === 1 ? `Run ${runIds(others)}` : `Runs ${runIds(others)}`;
        warning(`${named}, with the same filters as run ${created.runId}, also appeared since Create Run was first sent: ` +
            `possibly a duplicate started late by the request that failed (${failure}). It was left alone, as it could be ` +
            "another job's; revoke it in Testing Studio if it is not needed.");
    };
    /**
     * Whether the note was announced, and whether every POST since was refused
     * outright. Only then do we tell the journal nothing was started: after any
     * other failure a run may still appear (a gateway that timed out may hand
     * the request on late), even if a listing showed none yet.
     */
    let announced = false;
    /** Set when the one extra POST is about to be sent: its note names when it was sent. */
    let renote = false;
    let refusedOnly = true;
    /** The ambiguous failure the one extra POST follows, once it has been sent. */
    let retriedAfter;
    try {
        for (let attempt = 1;; attempt++) {
            stopIfStopping();
            // Announced before the first POST, and again before the one extra POST after an ambiguous failure, so the
            // clean-up step's window for a late run (start-note.ts) counts from the request it may have started; the journal
            // keeps the note until we say nothing was started.
            if (!announced || renote)
                options.journal?.sending(JSON.stringify({ ...note, sentAt: clock.now() }));
            announced = true;
            renote = false;
            let created;
            try {
                created = await client.postJson('/api/runs/', body, runEnvelope, ctx, { idempotent: false });
            }
            catch (error) {
                // The client throws the stop's own reason only instead of sending.
                if (!isRefusal(error) && !(ctx.stopping?.aborted && error === ctx.stopping.reason))
                    refusedOnly = false;
                // Answered 2xx but unreadable, or lost while its body was read: the run exists, so never POST again.
                if (error instanceof errors/* ResponseShapeError */.RD || (error instanceof errors/* NetworkError */.Dr && error.answeredStatus !== undefined && error.method === 'POST')) {
                    const fresh = await newRunsAfter(unreadableSuccess(error), 'a run was probably started');
                    return adoptAfterSuccess(error, fresh, log);
                }
                if (error instanceof errors/* HttpError */.j$ && error.status === 429 && error.method === 'POST') {
                    // Refused unprocessed: when stopping, say "nothing was started" rather than the 429.
                    stopIfStopping();
                    if (attempt >= policy.maxAttempts) {
                        log(`Create Run was refused with HTTP 429 ${attempt} times; giving up.`);
                        throw error;
                    }
                    if (!(await backoff(attempt, error.retryAfterMs, 'Create Run was refused with HTTP 429 (not processed)')))
                        throw error;
                    continue;
                }
                if (!isAmbiguous(error))
                    throw error;
                log(`Create Run failed ambiguously (${error.message}); checking whether the run was created.`);
                const failedAt = clock.now();
                const listed = await newRunsAfter(`Create Run failed (${error.message})`, 'a run may have been started');
                // Before the one extra POST only: after the second failure nothing more is sent, and the note stays.
                const fresh = listed.length === 0 && retriedAfter === undefined ? await settleWindow(error) : listed;
                const [only] = fresh;
                if (fresh.length === 1 && only) {
                    // Not said as certain: the API names no creator, so a matrix job's run with the same filters looks just like ours.
                    log(`Adopting run ${only.runId}, the one new run with the same filters since Create Run was sent, as the run the failed request started. ` +
                        'The API does not say who started a run: if another job started one with the same filters meanwhile, it may be that job\'s ' +
                        '(jobs that run at the same time on one project with the same filters cannot be told apart: serialise them with a concurrency group).');
                    return adopted(only, `Create Run failed (${error.message})`);
                }
                if (fresh.length > 1) {
                    throw new errors/* AmbiguousRunError */.WJ(`Create Run failed (${error.message}) and ${fresh.length} new runs with the same filters appeared ` +
                        `(${runIds(fresh)}); cannot tell which one is ours, so none is followed.`);
                }
                if (retriedAfter !== undefined) {
                    log('No new run is listed.');
                    throw new errors/* AmbiguousRunError */.WJ(`Create Run failed twice and no new run is listed: ${error.message}`);
                }
                retriedAfter = error.message;
                renote = true;
                // No new run is listed yet: when stopping, nothing more is sent, and the note stays for the clean-up step.
                stopIfStopping();
                const retryAfterMs = error instanceof errors/* HttpError */.j$ ? error.retryAfterMs : undefined;
                if (!(await backoff(attempt, retryAfterMs, 'No new run is listed', clock.now() - failedAt))) {
                    throw new errors/* AmbiguousRunError */.WJ(`Create Run failed (${error.message}) and no new run is listed; sending it again would start after the deadline. ` +
                        'A run may still have been started.', { cause: error });
                }
                continue;
            }
            if (retriedAfter !== undefined)
                await warnOfLateTwin(created, retriedAfter);
            return created;
        }
    }
    catch (error) {
        if (announced && refusedOnly)
            options.journal?.nothingStarted();
        // After an ambiguous failure, whatever ends the attempt (the one extra POST refused, 429s that outlast it), the
        // first request may still have started a run: say so, rather than the last answer alone. A stop keeps its reason.
        const stop = (0,errors/* isAbortError */.zf)(error) || ctx.signal.aborted || (ctx.stopping?.aborted === true && error === ctx.stopping.reason);
        if (retriedAfter !== undefined && !stop && !(error instanceof errors/* AmbiguousRunError */.WJ)) {
            throw new errors/* AmbiguousRunError */.WJ(`Create Run failed (${retriedAfter}) and no new run is listed; sending it again then failed (${(0,errors/* errorMessage */.gJ)(error)}). ` +
                'A run may still have been started.', { cause: error });
        }
        throw error;
    }
}
/**
 * Create Run answered 2xx, so a run exists, but the answer could not be read.
 * Adopt the single new run with our filters; anything else is reported as a
 * run that was probably created, never as a reason to POST again.
 */
function adoptAfterSuccess(error, fresh, log) {
    const [only] = fresh;
    if (fresh.length === 1 && only) {
        log(`${unreadableSuccess(error)}; adopting run ${only.runId}, the one new run with our filters.`);
        return adopted(only, unreadableSuccess(error));
    }
    const found = fresh.length === 0
        ? 'no new run with the same filters is listed'
        : `${fresh.length} new runs with the same filters are listed (${runIds(fresh)})`;
    throw new errors/* AmbiguousRunError */.WJ(`${unreadableSuccess(error)}; a run was probably created and could not be identified (${found}), so none is followed.`, { cause: error });
}
/**
 * The run adopted from the listing, read as a whole Run (the listing is read
 * leniently, see listedRunSchema): one that cannot be is a run that exists
 * and cannot be followed, said as such.
 */
function adopted(listed, failure) {
    const run = readListedRun(listed);
    if ('runId' in run)
        return run;
    throw new errors/* AmbiguousRunError */.WJ(`${failure}; run ${listed.runId}, the one new run with our filters, is listed, but in a shape that cannot be followed (${run.problems}).`);
}
function unreadableSuccess(error) {
    return `Create Run succeeded but its answer could not be read (${error.message})`;
}
/**
 * An answer that says the POST started nothing: a 4xx other than 408 (a 429
 * included), or a connection that failed before the request was sent. Not an
 * abort: a request abandoned in flight may still have started a run.
 */
function isRefusal(error) {
    // A failure named for another method is on a hop after a redirect (a 303 turns the POST into a GET): the POST
    // itself was answered, and may have created the run.
    if (error instanceof errors/* HttpError */.j$)
        return error.method === 'POST' && error.status >= 400 && error.status < 500 && error.status !== 408;
    return error instanceof errors/* NetworkError */.Dr && error.method === 'POST' && !error.maybeSent;
}
/**
 * A failure after which the run may or may not exist: a 5xx or 408, a
 * connection lost after sending, or any failure after the POST was answered
 * with a redirect. A 429 is not one: the server did not process it.
 */
function isAmbiguous(error) {
    if (error instanceof errors/* HttpError */.j$)
        return error.method !== 'POST' || error.status >= 500 || error.status === 408;
    return error instanceof errors/* NetworkError */.Dr && error.maybeSent;
}

;// CONCATENATED MODULE: ./src/providers/testing-studio/start-note.ts





/**
 * How old a Create Run note may be for {@link findStartedRun} to act on it.
 * The API has no client reference on runs, so "the one new run with our
 * filters" is all that identifies ours; the longer after the POST, the
 * likelier that run is another job's. A post step normally runs seconds after
 * its main step was cancelled or killed.
 */
const START_NOTE_MAX_AGE_MS = 15 * 60_000;
/**
 * How long after the unanswered Create Run was sent {@link findStartedRun}
 * keeps looking for the run it started, once a second. A gateway may answer
 * (or the step be cancelled) before the backend has created the run, and the
 * step stops waiting for it once stopping (see CREATE_SETTLE_POLICY): the
 * run can appear seconds after the clean-up step first looks. 15 s covers
 * the step's 2 s grace and the 7 s its own settle window would have waited.
 */
const LATE_RUN_WINDOW_MS = 15_000;
/** The gap between listings while looking for a late run. */
const LATE_RUN_RECHECK_MS = 1_000;
/**
 * The note a Create Run leaves in the journal: the project's runs before it
 * and our filters, which is all {@link findStartedRun} needs to tell the run
 * it started, in the same way createRunOnce's reconciliation does.
 */
const startNoteSchema = schemas/* object */.Ikc({
    v: schemas/* literal */.euz(1),
    projectId: schemas/* string */.YjP(),
    filters: schemas/* object */.Ikc({ group: schemas/* string */.YjP().optional(), utterance: schemas/* string */.YjP().optional(), description: schemas/* string */.YjP().optional() }),
    before: schemas/* array */.YOg(schemas/* string */.YjP()),
    /** When the POST it describes was sent (the first, or the one extra after an ambiguous failure), on the runner's clock. */
    sentAt: schemas/* number */.aig(),
});
/**
 * For a later process: the run started by the Create Run that `noteText`
 * (left by {@link createRunOnce} in its journal) describes. The same rule as
 * the reconciliation after an ambiguous failure: the one run with our filters
 * that was not listed before; `undefined` when there is none by
 * {@link LATE_RUN_WINDOW_MS} after the request was sent (or by `ctx.deadline`).
 * A run listed in a shape that cannot be read as a whole Run is still
 * returned by its id, when that is a plain identifier: revoking it needs
 * nothing more, and this is the backstop.
 */
async function findStartedRun(client, projectId, noteText, ctx, clock = systemClock) {
    const note = readStartNote(noteText);
    if (note.projectId !== projectId) {
        throw new errors/* AmbiguousRunError */.WJ(`The saved Create Run note is for project ${note.projectId}, not ${projectId}; nothing is revoked.`);
    }
    const ageMs = clock.now() - note.sentAt;
    if (ageMs > START_NOTE_MAX_AGE_MS) {
        throw new errors/* AmbiguousRunError */.WJ(`The unanswered Create Run was sent ${Math.round(ageMs / 60_000)} minutes ago: too long ago to tell a run it started ` +
            'from runs started since by others, so none is revoked.');
    }
    const before = new Set(note.before);
    for (;;) {
        const fresh = newRunsSince(await listRuns(client, projectId, ctx), before, note.filters);
        if (fresh.length > 1) {
            throw new errors/* AmbiguousRunError */.WJ(`${fresh.length} runs with the same filters were started since the unanswered Create Run ` +
                `(${runIds(fresh)}); cannot tell which one it started, so none is revoked.`);
        }
        const [only] = fresh;
        if (only) {
            const run = readListedRun(only);
            if (!('problems' in run))
                return run;
            if (RUN_ID_PATTERN.test(only.runId))
                return { runId: only.runId };
            throw new errors/* ResponseShapeError */.RD(runsPathOf(projectId), `run ${JSON.stringify(only.runId.slice(0, 100))}: ${run.problems}`);
        }
        const next = clock.now() + LATE_RUN_RECHECK_MS;
        if (next > note.sentAt + LATE_RUN_WINDOW_MS || next > ctx.deadline)
            return undefined;
        await clock.sleep(LATE_RUN_RECHECK_MS, ctx.signal);
    }
}
function readStartNote(text) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        json = undefined;
    }
    const parsed = startNoteSchema.safeParse(json);
    if (!parsed.success)
        throw new errors/* AmbiguousRunError */.WJ('The saved Create Run note could not be read; cannot tell which run it started.');
    return parsed.data;
}

;// CONCATENATED MODULE: ./src/providers/testing-studio/url-credentials.ts
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
function urlCredentials(value) {
    if (!value)
        return [];
    let url;
    try {
        url = new URL(value);
    }
    catch {
        return [];
    }
    const segments = new Set(url.pathname.split('/').map(decoded));
    const found = [];
    for (const [raw, minimum] of [
        [url.password, MIN_PASSWORD],
        [url.username, MIN_TOKEN_AS_USER],
    ]) {
        const plain = decoded(raw);
        if (plain.length < minimum || (raw === url.username && segments.has(plain)))
            continue;
        found.push(raw);
        if (plain !== raw)
            found.push(plain);
    }
    return found;
}
/** A URL part with its escapes decoded; as written when an escape is malformed (a log would show it so). */
function decoded(part) {
    try {
        return decodeURIComponent(part);
    }
    catch {
        return part;
    }
}

;// CONCATENATED MODULE: ./src/providers/testing-studio/provider.ts









/**
 * Largest test-cases answer read: a run's cases come in one answer (the API
 * has no paging), and its size grows with the project. 20,000 cases whose
 * failed assertions quote prompts of a few KB are ~75 MB of JSON, beyond the
 * client's 32 MiB guard, which would leave such a run without any results.
 */
const MAX_TEST_CASES_JSON_BYTES = 256 * 1024 * 1024;
/** Omilia Testing Studio, API as in `shared/reference/testing-studio-api.txt`. */
class TestingStudioPlatform {
    deps;
    name = 'Testing Studio';
    /** Undocumented run statuses already warned about. */
    undocumentedSeen = new Set();
    constructor(deps) {
        this.deps = deps;
    }
    runPath(runId, suffix = '') {
        return `/api/runs/${encodeURIComponent(runId)}${suffix}`;
    }
    /** Get Project: checks it exists and that its storage fits the request. */
    async prepare(options, ctx) {
        const { client, projectId, onSecret } = this.deps;
        const project = await client.getJson(`/api/projects/${encodeURIComponent(projectId)}`, projectEnvelope, ctx);
        // The project answer carries the git token in clear, and perhaps credentials in its repository URL: mask them
        // before anything can print them.
        for (const secret of [project.gitToken ?? '', ...urlCredentials(project.gitUrl), ...urlCredentials(project.gitID)])
            onSecret(secret);
        const warnings = [];
        if (options.uploading && usesGitStorage(project)) {
            throw new errors/* ConfigurationError */.j1(`Project '${project.name}' (${projectId}) uses git storage, so suites cannot be uploaded ` +
                `("Upload Project Test Suites" is only for S3-storage projects). Remove the 'suites' input to run ` +
                `the suites from the project's git repository.`);
        }
        if (!options.uploading && project.s3Storage === true && project.gitStorage !== true) {
            warnings.push(`Project '${project.name}' uses Testing Studio storage and no 'suites' were given: ` +
                'the run uses the suites uploaded last.');
        }
        return { displayName: project.name, warnings };
    }
    /** Upload Project Test Suites: multipart field `file`. Replaces the suites, so retrying is safe. */
    async uploadSuites(zipPath, ctx) {
        const { client, projectId } = this.deps;
        await client.postFile(`/api/projects/${encodeURIComponent(projectId)}/suites/`, 'file', zipPath, ctx, {
            idempotent: true,
        });
    }
    async startRun(filters, ctx, journal) {
        const { client, projectId, log, warning, createRunTiming } = this.deps;
        return toSnapshot(await createRunOnce(client, projectId, filters, ctx, log, { ...createRunTiming, journal, warning }));
    }
    /** The note holds the project's runs before Create Run and our filters: see run-creator. */
    async findStartedRun(note, ctx) {
        const run = await findStartedRun(this.deps.client, this.deps.projectId, note, ctx, this.deps.createRunTiming?.clock);
        if (!run)
            return undefined;
        // Listed by its id only (its other fields unreadable): not known to have ended, so the clean-up step revokes it.
        return 'status' in run ? toSnapshot(run) : { id: run.runId, state: 'running', vendorStatus: 'UNKNOWN' };
    }
    async getRun(runId, ctx) {
        const run = toSnapshot(await this.deps.client.getJson(this.runPath(runId), runEnvelope, ctx));
        const status = run.vendorStatus;
        if (!isDocumentedRunStatus(status) && !this.undocumentedSeen.has(status)) {
            // Said once per status: otherwise a server with its own word for "done" costs the whole timeout in silence.
            this.undocumentedSeen.add(status);
            this.deps.warning(`Run ${runId} reports the status ${JSON.stringify(status)}, which the API does not document ` +
                `(${Object.keys(RUN_STATUS_MAP).join(', ')}): it is taken for still running, until it changes or 'timeout' passes.`);
        }
        return run;
    }
    /** Revoke Run. Revoking is idempotent on the server, so it is retried like a GET. */
    async cancelRun(runId, ctx) {
        await this.deps.client.postEmpty(this.runPath(runId, '/revoke/'), ctx, { idempotent: true });
    }
    /** Get Run Logs. A 404 early in a run means there is no log yet, not a failure. */
    async getLogs(runId, ctx) {
        const sections = await this.deps.client
            .getJson(this.runPath(runId, '/logs/'), logsEnvelope, ctx)
            .catch(notFoundAs([]));
        return toLogSections(sections);
    }
    /**
     * Run stats, test cases and suites. Counts come from the stats, or from the cases when stats are missing;
     * failed and unavailable are never fewer than the cases listed as such.
     */
    async getResults(runId, ctx) {
        const { client } = this.deps;
        // Once one fails the others are abandoned: left in flight (with their retries), they would hold the step open
        // for up to their whole budget after it has failed, as closing the connection pool waits for them.
        const abandon = new AbortController();
        const each = { ...ctx, signal: AbortSignal.any([ctx.signal, abandon.signal]) };
        const warnings = [];
        const [stats, cases, suites] = await Promise.all([
            client
                .getJson(this.runPath(runId, '/run_stats/'), runStatsEnvelope, each)
                .catch((error) => {
                // The stats only add to the cases (the counts can come from them), so an answer of a shape that cannot be
                // read (two stats objects for one run) costs a warning, not the run's results.
                if (!(error instanceof errors/* ResponseShapeError */.RD))
                    return notFoundAs(undefined)(error);
                warnings.push(`The run's stats could not be read, so its counts come from its test cases: ${error.message}`);
                return undefined;
            }),
            client.getJson(this.runPath(runId, '/test_cases/'), testCasesEnvelope, each, { maxBytes: MAX_TEST_CASES_JSON_BYTES }).catch(notFoundAs([])),
            client.getJson(this.runPath(runId, '/suites/'), suitesEnvelope, each).catch(notFoundAs([])),
        ]).finally(() => abandon.abort());
        const mapped = cases.map(toCaseResult);
        const fromCases = (status) => mapped.filter((c) => c.status === status).length;
        const passed = stats?.pass ?? fromCases('passed');
        // The reference gives pass/fail/unavailable a default of 0 (Models › Run Stats), so stats that
        // lag behind or omit a field read as zero. A gate must not pass a run whose own listed cases
        // failed: of each bad outcome, the larger of the two counts is taken, and the mismatch is said.
        const listed = { failed: fromCases('failed'), unavailable: fromCases('unavailable') };
        const failed = Math.max(stats?.fail ?? 0, listed.failed);
        const unavailable = Math.max(stats?.unavailable ?? 0, listed.unavailable);
        const counted = `The run's stats count ${stats?.fail ?? 0} failed and ${stats?.unavailable ?? 0} unavailable, but its test cases list ${listed.failed} failed and ${listed.unavailable} unavailable`;
        if (stats && (failed > (stats.fail ?? failed) || unavailable > (stats.unavailable ?? unavailable))) {
            warnings.push(`${counted}; the larger counts are used.`);
        }
        else if (failed > listed.failed || unavailable > listed.unavailable) {
            // The counts come from the stats, the listing shows fewer: say so, or the summary's list looks complete.
            warnings.push(`${counted}; the cases listed below are only those the run's test cases name.`);
        }
        return {
            counts: { passed, failed, unavailable, total: Math.max(passed + failed + unavailable, mapped.length) },
            cases: mapped,
            suites: suites.map((suite) => suite.testSuiteName),
            ...(warnings.length > 0 ? { warnings } : {}),
        };
    }
    /**
     * Get Run Artifact, streamed to `<destDir>/<runId>_artifacts.zip`. A 404 means there is none. Earlier runs' zips
     * there were removed when the step started (removeEarlierArtifacts).
     */
    async downloadArtifact(runId, destDir, ctx) {
        const file = external_node_path_default().join(destDir, artifactZipName(runId));
        try {
            const { bytes } = await this.deps.client.download(this.runPath(runId, '/artifacts/'), file, ctx);
            return { path: file, bytes };
        }
        catch (error) {
            if (error instanceof errors/* HttpError */.j$ && error.status === 404)
                return undefined;
            throw error;
        }
    }
    /** The `<runId>_artifacts.zip` files downloadArtifact left in `destDir` for earlier runs. */
    async removeEarlierArtifacts(destDir) {
        const earlier = (await (0,promises_.readdir)(destDir, { withFileTypes: true })).filter((entry) => entry.isFile() && ARTIFACT_ZIP.test(entry.name));
        await Promise.all(earlier.map((entry) => (0,promises_.rm)(external_node_path_default().join(destDir, entry.name), { force: true })));
        if (earlier.length > 0)
            this.deps.log(`Removed ${earlier.length} artifact zip(s) of earlier runs from ${destDir}.`);
        return earlier.length;
    }
}
/** The names artifactZipName gives. */
const ARTIFACT_ZIP = /^[A-Za-z0-9._-]+_artifacts\.zip$/;
/** `<runId>_artifacts.zip`, as the server names it (Get Run's `artifact.name`), with an unusual id made safe. */
function artifactZipName(runId) {
    return `${runId.replace(/[^A-Za-z0-9._-]/g, '_')}_artifacts.zip`;
}
function notFoundAs(fallback) {
    return (error) => {
        if (error instanceof errors/* HttpError */.j$ && error.status === 404)
            return fallback;
        throw error;
    };
}
/**
 * Whether the project keeps its suites in git, where uploading is not
 * possible. The `gitStorage`/`s3Storage` flags say so; a project S3 storage
 * is enabled for may be uploaded to. When the flags are missing or both
 * false, the git settings decide: "To select the Git provider approach, you
 * shall give values to all git-related variables" (Create Project).
 */
function usesGitStorage(project) {
    if (project.s3Storage === true)
        return false;
    if (project.gitStorage === true)
        return true;
    return Boolean(project.gitUrl || project.gitID || project.gitProvider);
}

;// CONCATENATED MODULE: ./src/providers/registry.ts





/** Every supported platform, keyed by the value of the `platform` input. */
const PLATFORMS = {
    'testing-studio': (deps) => {
        const client = createApiClient({
            baseUrl: deps.apiUrl,
            token: deps.token,
            userAgent: deps.userAgent,
            clock: deps.clock,
            proxy: deps.proxy,
            // Retries are worth seeing in the job log, not only in debug output.
            log: deps.info,
        });
        const platform = new TestingStudioPlatform({
            client,
            projectId: deps.targetId,
            onSecret: deps.onSecret,
            log: deps.info,
            warning: deps.warning,
            createRunTiming: { clock: deps.clock },
        });
        return Object.assign(platform, { close: () => client.close() });
    },
};
/** Names accepted by the `platform` input. */
const PLATFORM_NAMES = Object.keys(PLATFORMS);
/** Create the platform named `name`, or fail naming the input and the accepted values. */
function createPlatform(name, deps) {
    const factory = PLATFORMS[name];
    if (!factory)
        throw new errors/* InputError */.dz(inputs/* Inputs */.G0.Platform, `one of ${PLATFORM_NAMES.join(', ')} (got '${name}')`);
    return factory(deps);
}
/** Identifies the action in API requests. */
const USER_AGENT = 'testing-studio-action';
/** The platform that validated settings ask for, talking to the configured API. */
function platformFromSettings(settings, hooks, clock = systemClock) {
    return createPlatform(settings.platform, {
        apiUrl: settings.apiUrl,
        token: settings.apiToken,
        targetId: settings.projectId,
        clock,
        userAgent: USER_AGENT,
        ...hooks,
    });
}

;// CONCATENATED MODULE: ./src/ci/describe-error.ts

const KNOWN = [
    errors/* InputError */.dz,
    errors/* ConfigurationError */.j1,
    errors/* HttpError */.j$,
    errors/* NetworkError */.Dr,
    errors/* ResponseShapeError */.RD,
    errors/* RunTimeoutError */.NE,
    errors/* RunCancelledError */.Bi,
    errors/* RunLostError */.iJ,
    errors/* ResultsUnavailableError */.np,
    errors/* AmbiguousRunError */.WJ,
    errors/* UnsafeArchiveError */.td,
];
/** Hints for HTTP statuses a user can fix. */
const HTTP_HINTS = {
    401: 'check api-token',
    403: 'the token may not access this project',
    404: 'check api-url and project-id',
};
/**
 * The hint for an HTTP failure. The paths are `/api/…` under api-url, so an
 * api-url copied with its `/api` (the reference's paths start there) gives
 * `/api/api/…` and a 404: say exactly that rather than "check api-url".
 */
function httpHint(error, apiUrl) {
    let url;
    try {
        url = new URL(error.url);
    }
    catch {
        // Not a URL: no path or origin to look at.
    }
    if (error.status === 404 && url?.pathname.includes('/api/api/')) {
        return "api-url seems to end in /api: give the server's base URL, such as https://studio.example.com; the action adds /api/… itself";
    }
    // The token is never sent past a redirect to another origin (an http:// api-url the server sends to https://, say),
    // so the refusal says nothing about the token: "check api-token" would send the user after the wrong input.
    if ((error.status === 401 || error.status === 403) && url && apiUrl && url.origin !== apiUrl.origin) {
        return `api-url ${apiUrl.origin} redirected to ${url.origin}, and the token is only sent to api-url's origin: if the API is at ${url.origin}, set api-url to it`;
    }
    return HTTP_HINTS[error.status];
}
/** Hints for TLS certificate failures, by Node's error code; a private CA is the usual cause on self-hosted runners. */
const CERTIFICATE_HINTS = [
    [
        /SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY/,
        "the server's certificate is not from a CA this runner trusts; for a private CA, set NODE_EXTRA_CA_CERTS to its PEM file in the step's env",
    ],
    [/CERT_HAS_EXPIRED/, "the server's certificate has expired"],
    [/ALTNAME/, 'the certificate does not name this host; check api-url'],
];
/** The one failure message for an error that ended the step. */
function describeError(error, context = {}) {
    if (error instanceof errors/* HttpError */.j$ && HTTP_HINTS[error.status])
        return `${error.message} (${httpHint(error, context.apiUrl)})`;
    if (error instanceof errors/* NetworkError */.Dr) {
        const hint = CERTIFICATE_HINTS.find(([code]) => code.test(error.code ?? ''))?.[1];
        if (hint)
            return `${error.message} (${hint})`;
    }
    // A web app (or a sign-in page in front of the API) answers every path with a page: the usual first-day mistake is
    // giving the address people open in a browser.
    if (error instanceof errors/* ResponseShapeError */.RD && error.htmlPage) {
        return `${error.message} (an HTML page, not the API's JSON: check that api-url is the API's base URL, not the web app's)`;
    }
    if (KNOWN.some((kind) => error instanceof kind))
        return error.message;
    return `Unexpected error: ${(0,errors/* errorMessage */.gJ)(error)}`;
}

;// CONCATENATED MODULE: ./src/ci/github/cancel-signals.ts
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
const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGBREAK'];
/**
 * Turns the first cancel signal into an abort (the orchestrator then revokes
 * the run) and a second one into an exit at once. The warning does not say
 * "and revoking the run": there may be none yet, it may have ended, or
 * revoke-on-cancel may be false; what became of it is said once it is known.
 */
function abortOnCancelSignals(options) {
    const controller = new AbortController();
    const onSignal = (signal) => {
        if (controller.signal.aborted) {
            options.exit(1);
            return;
        }
        options.warn(`Received ${signal}: stopping.`);
        controller.abort(new Error(`received ${signal}`));
    };
    for (const name of CANCEL_SIGNALS)
        process.on(name, onSignal);
    return {
        signal: controller.signal,
        dispose: () => {
            for (const name of CANCEL_SIGNALS)
                process.off(name, onSignal);
        },
    };
}

;// CONCATENATED MODULE: ./src/ci/github/github-artifact.ts


/**
 * Characters `@actions/artifact` refuses in an uploaded file's path (its own
 * list, kept for NTFS). One such file fails the whole upload, and the run's
 * artifact may well hold one (a colon in a timestamped log name), so those
 * files are left out instead: they are still in the artifact zip uploaded
 * beside them.
 */
const REFUSED_IN_PATH = /[":<>|*?\r\n]/;
/** Every regular file below `dir`, as absolute paths. */
async function listFiles(dir) {
    const entries = await (0,promises_.readdir)(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => external_node_path_default().join(e.parentPath, e.name));
}
/**
 * Whether the runner belongs to GitHub Enterprise Server, where
 * `@actions/artifact` 2+ cannot upload. Its own rule, repeated here so the
 * step can say so once, without loading the library (most of the bundle),
 * and without the library's own second warning: github.com, *.ghe.com (GHE
 * with data residency) and *.localhost are not GHES; any other server is.
 */
function isEnterpriseServer(env) {
    let host;
    try {
        host = new URL(env['GITHUB_SERVER_URL'] || 'https://github.com').hostname.toLowerCase();
    }
    catch {
        return false;
    }
    return host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost');
}
/**
 * Upload `dir` as a workflow artifact. `@actions/artifact` is most of the
 * bundle, so it is imported only here, when an upload actually happens.
 * Returns the files left out (see {@link REFUSED_IN_PATH}), relative to `dir`.
 */
async function uploadFolder(name, dir, env) {
    if (!env['ACTIONS_RUNTIME_TOKEN'] || !env['ACTIONS_RESULTS_URL']) {
        throw new Error('the workflow artifact service is not available here (ACTIONS_RUNTIME_TOKEN is not set)');
    }
    if (isEnterpriseServer(env)) {
        throw new Error('workflow artifacts from this action need github.com or GHE.com; @actions/artifact does not support GitHub Enterprise Server. ' +
            'Set upload-artifact: false and upload results-path with an upload action your server supports.');
    }
    const files = [];
    const leftOut = [];
    for (const file of await listFiles(dir)) {
        const relative = external_node_path_default().relative(dir, file);
        if (REFUSED_IN_PATH.test(relative))
            leftOut.push(relative.split((external_node_path_default()).sep).join('/'));
        else
            files.push(file);
    }
    if (files.length === 0)
        throw new Error(`${dir} is empty`);
    const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(351), __webpack_require__.e(645)]).then(__webpack_require__.bind(__webpack_require__, 9645));
    await new DefaultArtifactClient().uploadArtifact(name, files, dir);
    return leftOut.sort();
}

;// CONCATENATED MODULE: ./src/ci/github/github-request-policy.ts

/**
 * Time one GitHub request may take, answer included. Octokit sets none, and
 * a GitHub API or proxy that stops answering would otherwise hold
 * "Publishing reports" for minutes per request after the verdict is known.
 */
const GITHUB_REQUEST_TIMEOUT_MS = 30_000;
/** A GitHub request that got no answer within {@link GITHUB_REQUEST_TIMEOUT_MS} (or the limit given). */
class GitHubTimeoutError extends Error {
    name = 'GitHubTimeoutError';
    constructor(method, url, timeoutMs) {
        super(`GitHub did not answer ${method} ${url} within ${timeoutMs / 1000} s`);
    }
}
/** Longest wait worth spending on one refused request: the tests have ended, only the report is waiting. */
const RATE_LIMIT_MAX_WAIT_MS = 60_000;
/** GitHub's advice for a secondary rate limit that names no time: wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;
/** All the waiting one client may do, over all its requests: the comment is a few requests, and none may hold the step for long. */
const RATE_LIMIT_TOTAL_WAIT_MS = 120_000;
/** Attempts of one request in all, so a limit that persists ends in a warning rather than a stuck step. */
const MAX_ATTEMPTS = 3;
/**
 * How long GitHub asks us to wait before sending a refused request again, or
 * undefined when the refusal is not a rate limit (a 403 for a missing
 * permission, say, is final). As GitHub documents it: a 403 or 429 with
 * `retry-after` (seconds) is a secondary limit; one with
 * `x-ratelimit-remaining: 0` waits until `x-ratelimit-reset` (epoch
 * seconds); a secondary limit that says neither waits a minute.
 */
function rateLimitWaitMs(error, now) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const { status, message, response } = error;
    if (status !== 403 && status !== 429)
        return undefined;
    const header = (name) => {
        const value = response?.headers?.[name];
        return value === undefined || value === null ? undefined : String(value);
    };
    const retryAfter = Number(header('retry-after') ?? NaN);
    if (Number.isFinite(retryAfter) && retryAfter >= 0)
        return retryAfter * 1000;
    const reset = Number(header('x-ratelimit-reset') ?? NaN);
    if (header('x-ratelimit-remaining') === '0' && Number.isFinite(reset))
        return Math.max(0, reset * 1000 - now);
    if (status === 429 || /rate limit/i.test(typeof message === 'string' ? message : ''))
        return SECONDARY_LIMIT_WAIT_MS;
    return undefined;
}
/**
 * Makes every request of `octokit` give up after `timeoutMs`, and wait out a
 * rate limit and try again, at most {@link MAX_ATTEMPTS} times, never waiting
 * longer than {@link RATE_LIMIT_MAX_WAIT_MS} at once nor
 * {@link RATE_LIMIT_TOTAL_WAIT_MS} in all. Many jobs of one workflow (a
 * matrix) commenting at the same moment is exactly what GitHub's secondary
 * limit on content creation refuses; a refused request did nothing, so even
 * a create is safe to send again. A timed-out request is not sent again: a
 * create may have been done.
 */
function applyRequestPolicy(octokit, options) {
    const { clock, onWait = () => { }, timeoutMs = GITHUB_REQUEST_TIMEOUT_MS } = options;
    let waited = 0;
    octokit.hook.wrap('request', async (request, requestOptions) => {
        for (let attempt = 1;; attempt++) {
            try {
                // Set on the options object itself: the hooks inside this one were bound to it, and a copy passed on
                // would be dropped by them (before-after-hook binds each wrapped hook's options).
                const signal = timeoutSignal(timeoutMs);
                requestOptions.request = { ...requestOptions.request, signal };
                try {
                    return await request(requestOptions);
                }
                catch (error) {
                    // Octokit wraps the abort as "Unknown Error" or a status-500 one: say what happened instead.
                    throw signal.aborted ? new GitHubTimeoutError(requestOptions.method, requestOptions.url, timeoutMs) : error;
                }
            }
            catch (error) {
                const wait = rateLimitWaitMs(error, clock.now());
                if (wait === undefined || wait > RATE_LIMIT_MAX_WAIT_MS || attempt >= MAX_ATTEMPTS || waited + wait > RATE_LIMIT_TOTAL_WAIT_MS)
                    throw error;
                waited += wait;
                onWait(wait);
                await clock.sleep(wait);
            }
        }
    });
}

;// CONCATENATED MODULE: ./src/ci/github/github-comment.ts



/** The login comments made with the default GITHUB_TOKEN carry. */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
/** GraphQL's answer to `query { viewer { login } }` (Octokit hands over its `data`). */
const viewerAnswer = schemas/* object */.Ikc({ viewer: schemas/* object */.Ikc({ login: schemas/* string */.YjP().min(1) }) });
/**
 * The login of the token's own identity, or `undefined` when GitHub would
 * not say. REST cannot tell it for every token: `GET /user` answers 403 for a
 * GITHUB_TOKEN or an app's installation token, and `GET /app` needs the app's
 * JWT. GraphQL's `viewer` answers for all three: `github-actions[bot]`,
 * `<app-slug>[bot]`, or the person a personal access token belongs to.
 */
async function viewerLogin(octokit) {
    try {
        const answer = viewerAnswer.safeParse(await octokit.graphql('query { viewer { login } }'));
        return answer.success ? answer.data.viewer.login : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Which of the comments that start with the marker is ours: the oldest one
 * the token's identity wrote. When GitHub would not name that identity, the
 * default token's bot is assumed (the usual token); another app's comment or
 * a person's is then never taken: a second comment is the lesser harm than
 * overwriting theirs.
 */
function chooseOwnComment(marked, login) {
    const byLogin = (wanted) => (c) => (c.user?.login ?? '').toLowerCase() === wanted.toLowerCase();
    return marked.find(byLogin(login ?? ACTIONS_BOT_LOGIN));
}
/**
 * Create the sticky comment once, then update it in place. Ours is the
 * comment that starts with the hidden `marker` AND was written by the
 * token's identity (see {@link viewerLogin}), so a comment quoting the marker,
 * or another app's comment that happens to start with it, is never edited.
 * A comment deleted between listing and updating is written afresh; a
 * request refused for a rate limit is sent again after the wait GitHub asks
 * for, and each request has a time limit (see {@link applyRequestPolicy}).
 * `@actions/github` is imported here, on demand, to keep cold start small.
 */
async function upsertStickyComment(target, marker, body, options = {}) {
    const { getOctokit } = await __webpack_require__.e(/* import() */ 351).then(__webpack_require__.bind(__webpack_require__, 61351));
    const octokit = getOctokit(target.token, { baseUrl: target.apiUrl });
    applyRequestPolicy(octokit, {
        clock: options.clock ?? systemClock,
        onWait: (ms) => options.info?.(`GitHub rate-limited a pull request comment request; trying again in ${Math.ceil(ms / 1000)} s.`),
        ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
    });
    const [owner = '', repo = ''] = target.repository.split('/');
    // Our bodies start with the marker; a comment that merely quotes it is not ours.
    // The project id is compared without case (a UUID, which earlier versions wrote as the input spelt it); the
    // filters after it are compared exactly, so matrix legs for group Smoke and group smoke keep one comment each.
    const idEnds = marker.search(/;| -->/);
    const startsWithMarker = (text) => {
        const head = (text ?? '').slice(0, marker.length);
        return head.slice(0, idEnds).toLowerCase() === marker.slice(0, idEnds).toLowerCase() && head.slice(idEnds) === marker.slice(idEnds);
    };
    const listMarked = async () => (await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: target.issueNumber, per_page: 100 })).filter((c) => startsWithMarker(c.body));
    const marked = await listMarked();
    // Who we are is asked only when there is something to choose from: a first run costs no extra request.
    const ours = marked.length > 0 ? chooseOwnComment(marked, await viewerLogin(octokit)) : undefined;
    if (ours) {
        try {
            await octokit.rest.issues.updateComment({ owner, repo, comment_id: ours.id, body });
            return 'updated';
        }
        catch (error) {
            if (!isNotFound(error))
                throw error;
        }
    }
    const { data: created } = await octokit.rest.issues.createComment({ owner, repo, issue_number: target.issueNumber, body });
    // Jobs that share the marker (matrix legs on one project and filters) may all have listed before any of them
    // wrote: each then created a comment, and all but the first would never be updated again. The later gives way.
    try {
        const first = chooseOwnComment(await listMarked(), created.user?.login ?? ACTIONS_BOT_LOGIN);
        if (first && first.id !== created.id) {
            await octokit.rest.issues.updateComment({ owner, repo, comment_id: first.id, body });
            await octokit.rest.issues.deleteComment({ owner, repo, comment_id: created.id });
            return 'updated';
        }
    }
    catch {
        // Ours is written; a twin that could not be merged is only untidy.
    }
    return 'created';
}
/** Octokit's RequestError for a 404, checked by shape (it may come from another realm under jest). */
function isNotFound(error) {
    return typeof error === 'object' && error !== null && error.status === 404;
}

;// CONCATENATED MODULE: ./src/ci/github/github-logger.ts


/** Remove line breaks so a value cannot start a new workflow-command line. */
function oneLine(text) {
    return text.replace(/[\r\n]+/g, ' ');
}
/**
 * `text` as one line with `##[` defused: a group's title or an info line, either of which may hold server values
 * (a project's name, a log section's name, a run's status).
 */
function defusedLine(text) {
    return defuseMarkers(oneLine(text));
}
/** `##[` broken by a zero-width space: the runner acts on the legacy `##[command]` form, and the log viewer draws it. */
function defuseMarkers(text) {
    return text.replace(/##\[/g, '#\u200B#[');
}
/**
 * Our own log lines interpolate server values (a project's name, a run's id
 * or status), and the runner executes any output line that starts with `::`,
 * or that holds the legacy `##[command]` form anywhere. So an info message is
 * printed as one line, one that would still start with `::` gets a
 * zero-width space in front (the runner does not trim it), and `##[` gets
 * one between the hashes.
 */
function plainLine(text) {
    const line = defusedLine(text);
    // The runner trims what .NET calls white space before looking for '::', which also counts NEL (U+0085) and, to
    // be safe, the information separators U+001C–U+001F; JavaScript's \s does not.
    // eslint-disable-next-line no-control-regex -- those separators are what the pattern is for
    return /^[\s\u0085\u001C-\u001F]*::/.test(line) ? `\u200B${line}` : line;
}
/**
 * The job log on GitHub Actions. Text from the remote platform is printed
 * between `::stop-commands::<random token>` and `::<token>::`, so a log line
 * such as `::add-mask::` or `::set-output` is shown, never executed, and
 * with `##[` defused, so it cannot open, close or fake a group. Info
 * lines, which may carry server values, go through plainLine; warnings,
 * errors and debug lines are escaped by `@actions/core` itself.
 */
const githubLogger = {
    info: (message) => core/* info */.pq(plainLine(message)),
    warning: (message) => core/* warning */.$e(message),
    error: (message) => core/* error */.z3(message),
    debug: (message) => core/* debug */.Yz(message),
    group: (title, fn) => core/* group */.Os(defusedLine(title), fn),
    untrustedSection: (title, lines) => {
        const token = (0,external_node_crypto_.randomUUID)();
        core/* startGroup */.Oh(defusedLine(title));
        core/* info */.pq(`::stop-commands::${token}`);
        // Stop-commands keeps `::` commands from running, but the runner still writes `##[group]`, `##[endgroup]` and
        // `##[error]` markers as they are, and the log viewer draws them: defused like our own lines. A CR would end the
        // line for the runner: it is a line break here too (removing it could join the halves of a redacted secret).
        for (const line of lines)
            for (const part of line.split('\r'))
                core/* info */.pq(defuseMarkers(part));
        core/* info */.pq(`::${token}::`);
        core/* endGroup */.N4();
    },
};

;// CONCATENATED MODULE: ./src/ci/github/results-path-claim.ts




/**
 * Notes in RUNNER_TEMP that this step writes its results to `dir`, and says
 * whether an earlier step of the same job already had: then this step
 * replaces that step's junit.xml and artifact, which a later step of the job
 * (a JUnit reporter, an upload) would otherwise silently never see. The
 * runner empties RUNNER_TEMP at the start of every job, so a note there
 * speaks of this job only, never of an earlier job on a reused workspace.
 * False when it cannot tell (no RUNNER_TEMP, a note that cannot be written).
 *
 * On Windows and macOS runners, whose file systems ignore letter case by
 * default, `Results` and `results` are one folder, so the note is keyed on
 * the path folded as they fold it (pathKey, as for an artifact's entries).
 * (On a case-sensitive volume there, two folders differing only in case
 * would get a needless warning; never a missed one.)
 */
function claimResultsPath(env, dir, platform = process.platform) {
    const temp = env['RUNNER_TEMP'];
    if (!temp)
        return false;
    const paths = platform === 'win32' ? (external_node_path_default()).win32 : (external_node_path_default()).posix;
    const resolved = paths.resolve(dir);
    const key = (0,external_node_crypto_.createHash)('sha256')
        .update(pathKey(resolved.split(paths.sep).join('/'), foldsNames(platform)))
        .digest('hex')
        .slice(0, 16);
    try {
        (0,external_node_fs_.writeFileSync)(external_node_path_default().join(temp, `testing-studio-results-path-${key}`), resolved, { flag: 'wx', mode: 0o600 });
        return false;
    }
    catch (error) {
        return error.code === 'EEXIST';
    }
}

// EXTERNAL MODULE: ./src/ci/github/pull-request-event.ts
var pull_request_event = __webpack_require__(61434);
;// CONCATENATED MODULE: ./src/ci/github/run-state.ts
/**
 * State keys (core.saveState) through which the main step tells the post
 * step what may need cleaning up. Kept in their own dependency-free file so
 * the post step can read them before loading anything.
 */
/** The id of a run that may still be running; cleared once the run is over or revoked. */
const RUN_STATE_KEY = 'run-id';
/**
 * The path of a file holding the note of a Create Run whose answer had not
 * arrived (see StartJournal); cleared once the platform knew its outcome.
 */
const START_NOTE_STATE_KEY = 'start-note';

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
;// CONCATENATED MODULE: ./src/ci/github/start-note.ts







/**
 * Keeps the note of a Create Run whose answer has not arrived (see
 * StartJournal) for the post step. The note goes in a file under RUNNER_TEMP
 * and the state holds only its path: the note lists the project's earlier
 * runs, which can be more than an environment variable (how the runner hands
 * state to the post step) may hold. Both writes are synchronous, so the note
 * is on disk before the request that it describes is sent.
 */
function startNoteStore(env, warn) {
    let current;
    return (note) => {
        const previous = current;
        current = undefined;
        if (note !== undefined) {
            const file = external_node_path_default().join(env['RUNNER_TEMP'] || external_node_os_default().tmpdir(), `testing-studio-start-${(0,external_node_crypto_.randomUUID)()}.json`);
            try {
                // 'wx': always a new file, never one an earlier step planted (or a link to one).
                (0,external_node_fs_.writeFileSync)(file, note, { flag: 'wx', mode: 0o600 });
                current = file;
            }
            catch (error) {
                // Only the clean-up after a killed job needs it: not a reason to stop the run.
                warn(`Could not save a note of Create Run for the post step (${(0,errors/* errorMessage */.gJ)(error)}); if the job is killed now, a run it starts is not revoked.`);
            }
        }
        if (current || previous)
            core/* saveState */.LZ(START_NOTE_STATE_KEY, current ?? '');
        if (previous)
            (0,external_node_fs_.rmSync)(previous, { force: true });
        return note === undefined || current !== undefined;
    };
}
/** The note at `file` (from the saved state), which the post step reads once and removes. */
function takeStartNote(file) {
    try {
        return readFileSync(file, 'utf8');
    }
    finally {
        rmSync(file, { force: true });
    }
}

;// CONCATENATED MODULE: ./src/ci/github/github-host.ts











/** GitHub refused a comment request for the token (a 401, or a 403 that is no rate limit); says why and what to do. */
class CommentRefusedError extends Error {
    name = 'CommentRefusedError';
}
/** The parts of Octokit's RequestError read here (checked by shape: it may come from another realm under jest). */
const refusedRequest = schemas/* object */.Ikc({ status: schemas/* number */.aig(), message: schemas/* string */.YjP(), response: schemas/* object */.Ikc({ data: schemas/* unknown */.L5J() }).optional() });
/** GitHub's error body, whose `message` is Octokit's without the documentation link. */
const githubErrorBody = schemas/* object */.Ikc({ message: schemas/* string */.YjP() });
/**
 * The refusal of a comment request, explained when it is about the token:
 * GitHub's own "Bad credentials" does not say which token, and "Resource not
 * accessible by integration" names neither the missing permission nor the
 * fork that withholds it. Anything else is returned as it is.
 */
function explainCommentRefusal(error, env, now) {
    const refused = refusedRequest.safeParse(error);
    if (!refused.success)
        return error;
    const { status, message, response } = refused.data;
    let why;
    if (status === 401)
        why = 'check github-token, which GitHub does not accept (expired or revoked?).';
    else if (status !== 403 || rateLimitWaitMs(error, now) !== undefined)
        return error;
    else if ((0,pull_request_event.isForkPullRequest)(env)) {
        why = "this pull request comes from a fork, whose runs GitHub gives a read-only token whatever 'permissions:' asks for; the job summary has the report.";
    }
    else
        why = "github-token may not write to pull requests; give the job 'permissions: pull-requests: write' (a personal or app token needs that permission itself), or set comment: false.";
    const said = githubErrorBody.safeParse(response?.data).data?.message ?? message;
    return new CommentRefusedError(`GitHub answered HTTP ${status} (${said}): ${why}`, { cause: error });
}
/** A link to the workflow run, for the reports. */
function jobUrl(env) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
    return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}
/** How long GitHub lets a job run on its own runners ("Usage limits": 6 hours, whatever timeout-minutes says). */
const HOSTED_JOB_LIMIT_MS = 6 * 3_600_000;
/**
 * The warning for a `timeout` a GitHub-hosted job cannot reach: GitHub
 * cancels the job at 6 h, so the step would see a cancel, not its timeout,
 * hours into the run. Said at the start rather than found out then. Silent on
 * self-hosted runners, whose jobs may run longer.
 */
function hostedJobLimitWarning(timeoutMs, env) {
    if (env['RUNNER_ENVIRONMENT'] !== 'github-hosted' || timeoutMs < HOSTED_JOB_LIMIT_MS)
        return undefined;
    return (`timeout is ${(0,errors/* formatTimeout */.BE)(timeoutMs)}, but GitHub-hosted runners stop a job after 6 h: the job will be cancelled first ` +
        '(the run revoked, status CANCELLED, its results not collected). Set timeout below 6h, leaving the job time to collect the results, ' +
        'or use a self-hosted runner.');
}
/** The CiHost for GitHub Actions. */
function createGitHubHost(options) {
    const { env, githubToken } = options;
    return {
        log: githubLogger,
        maskSecret: (value) => core/* setSecret */.Pq(value),
        writeSummary: async (markdown) => {
            await core/* summary */.z.addRaw(markdown, true).write();
        },
        upsertComment: async (marker, markdown) => {
            const issueNumber = (0,pull_request_event/* pullRequestNumber */.K)(env);
            if (issueNumber === undefined)
                return 'skipped';
            if (!githubToken)
                throw new Error("'github-token' is empty");
            if (!env['GITHUB_REPOSITORY'])
                throw new Error('GITHUB_REPOSITORY is not set');
            try {
                return await upsertStickyComment({
                    token: githubToken,
                    repository: env['GITHUB_REPOSITORY'],
                    issueNumber,
                    apiUrl: env['GITHUB_API_URL'] ?? 'https://api.github.com',
                }, marker, markdown, { info: (message) => githubLogger.info(message) });
            }
            catch (error) {
                throw explainCommentRefusal(error, env, Date.now());
            }
        },
        setOutputs: (outputs) => {
            for (const [name, value] of Object.entries(outputs))
                core/* setOutput */.uH(name, value);
        },
        uploadArtifact: (name, dir) => uploadFolder(name, dir, env),
        rememberRun: (runId) => core/* saveState */.LZ(RUN_STATE_KEY, runId ?? ''),
        rememberStartAttempt: startNoteStore(env, (message) => githubLogger.warning(message)),
        claimResultsPath: (dir) => claimResultsPath(env, dir),
    };
}

;// CONCATENATED MODULE: ./src/ci/github/mask-secret.ts

/**
 * Keeps `secret` out of everything the step writes: masked in the job log by
 * the runner (core.setSecret) and removed by `redactor` from messages,
 * summary, comment and files. Empty values are ignored. A value with line
 * breaks (a token saved with a stray newline, a key) has each trimmed line
 * removed too, as the runner masks it: log and report lines are redacted one
 * at a time, so the whole value would never match.
 */
function maskSecret(redactor, secret) {
    if (!secret)
        return;
    redactor.add(secret);
    for (const line of secret.split(/[\r\n]+/))
        if (line !== secret)
            redactor.add(line.trim());
    core/* setSecret */.Pq(secret);
}

;// CONCATENATED MODULE: ./src/ci/github/runner-proxy.ts


/**
 * The proxy a self-hosted runner exports to its steps (HTTP_PROXY,
 * HTTPS_PROXY, NO_PROXY), with any password in it masked in the job log and
 * added to `redactor` before anything can print it.
 */
function runnerProxy(env, redactor) {
    const proxy = proxySettingsFromEnv(env);
    for (const secret of proxySecrets(proxy))
        maskSecret(redactor, secret);
    return proxy;
}

;// CONCATENATED MODULE: ./src/ci/github/run-action.ts
















/**
 * The action, after the entrypoint's required-inputs check: mask secrets,
 * validate inputs, run, and turn one error into one failure. A cancel signal
 * (SIGINT/SIGTERM, SIGBREAK on Windows) aborts the run, which revokes it
 * remotely; a second signal exits at once.
 */
async function runAction(startedAt) {
    useLeanV8Tiers();
    useSmallYoungGeneration();
    const env = process.env;
    const redactor = new Redactor();
    for (const name of [inputs/* Inputs */.G0.ApiToken, inputs/* Inputs */.G0.GithubToken])
        maskSecret(redactor, core/* getInput */.V4(name));
    const cancel = abortOnCancelSignals({ warn: (message) => core/* warning */.$e(message), exit: (code) => process.exit(code) });
    let apiUrl;
    try {
        const proxy = runnerProxy(env, redactor);
        const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
        const settings = parseSettings((name) => core/* getInput */.V4(name), { workspace });
        apiUrl = settings.apiUrl;
        const host = redactingHost(createGitHubHost({ githubToken: settings.githubToken, env }), redactor);
        const platform = platformFromSettings(settings, {
            onSecret: (secret) => maskSecret(redactor, secret),
            debug: host.log.debug,
            info: host.log.info,
            warning: host.log.warning,
            proxy,
        });
        const plainHttp = plainHttpWarning(settings.apiUrl);
        if (plainHttp)
            host.log.warning(plainHttp);
        const tooLong = hostedJobLimitWarning(settings.timeoutMs, env);
        if (tooLong)
            host.log.warning(tooLong);
        const proxyLine = describeProxySettings(proxy);
        if (proxyLine)
            host.log.info(proxyLine);
        try {
            const outcome = await runTests({
                settings,
                host,
                redactor,
                platform,
                clock: systemClock,
                signal: cancel.signal,
                startedAt,
                tempDir: env['RUNNER_TEMP'] ?? settings.resultsPath,
                workspace,
                jobUrl: jobUrl(env),
                describeFailure: (error) => describeError(error, { apiUrl: settings.apiUrl }),
            });
            if (outcome.verdict === 'failed')
                core/* setFailed */.C1(outcome.message);
            else
                host.log.info(outcome.message);
        }
        finally {
            await platform.close();
        }
    }
    catch (error) {
        core/* setFailed */.C1(redactor.redactReadable(describeError(error, { apiUrl })));
        if (error instanceof Error && error.stack)
            core/* debug */.Yz(redactor.redactReadable(error.stack));
    }
    // Lingering keep-alive sockets or timers must not hold the step open; what was written must still reach the runner.
    await stdoutFlushed(STDOUT_FLUSH_MS);
    process.exit(process.exitCode ?? 0);
}
/** How long the step waits, at most, for its last log lines to be taken by the runner before it exits. */
const STDOUT_FLUSH_MS = 10_000;
/**
 * Resolves once everything written to stdout has been handed to the reader,
 * or after `ms`. A runner reads the step's output through a pipe, which Node
 * writes asynchronously on Linux and macOS: once the pipe is full (64 KiB,
 * a long run log while the runner is busy), writes queue in the process, and
 * process.exit drops the queue, the step's one `::error::` line with it.
 */
function stdoutFlushed(ms) {
    return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        timer.unref();
        process.stdout.write('', () => {
            clearTimeout(timer);
            resolve();
        });
    });
}


/***/ })

};
