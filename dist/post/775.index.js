export const id = 775;
export const ids = [775];
export const modules = {

/***/ 4775:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cleanUpAfterMainStep: () => (/* binding */ cleanUpAfterMainStep)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var lib_core = __webpack_require__(6421);
;// CONCATENATED MODULE: ./src/core/errors.ts
/**
 * Named errors. Every failure the action reports is one of these, so the
 * entrypoint can turn exactly one error into exactly one failure message and
 * nothing ever throws a raw string or a response body.
 */
/** A user-supplied input is missing or malformed. Always names the input. */
class InputError extends Error {
    input;
    expected;
    name = 'InputError';
    constructor(
    /** The input's name as the user writes it, e.g. `project-id`. */
    input, 
    /** What was expected, e.g. "a UUID". */
    expected) {
        super(`Input '${input}' is invalid: expected ${expected}.`);
        this.input = input;
        this.expected = expected;
    }
}
/** The project or platform is in a state that makes the requested run impossible. */
class ConfigurationError extends Error {
    name = 'ConfigurationError';
}
/** The server answered with a non-success HTTP status. */
class HttpError extends Error {
    method;
    url;
    status;
    detail;
    retryAfterMs;
    name = 'HttpError';
    constructor(
    /** HTTP method of the failed request. */
    method, 
    /** URL of the failed request (never contains credentials). */
    url, 
    /** HTTP status code. */
    status, 
    /** The server's `detail` field (or a short text excerpt), if any. */
    detail, 
    /**
     * The answer's Retry-After in milliseconds from when it arrived, if it
     * sent a valid one. Kept on the error so callers that retry on their own
     * (Create Run after a 429) can honour it like the client does.
     */
    retryAfterMs) {
        super(`${method} ${url} failed with HTTP ${status}${detail ? `: ${detail}` : ''}`);
        this.method = method;
        this.url = url;
        this.status = status;
        this.detail = detail;
        this.retryAfterMs = retryAfterMs;
    }
}
/**
 * 5xx answers that are permanent by definition: the server does not
 * implement the method (501 Not Implemented) or the HTTP version (505 HTTP
 * Version Not Supported). Asking again cannot change them.
 */
const PERMANENT_SERVER_ERRORS = new Set([501, 505]);
/**
 * HTTP statuses that say "try again later": 408 Request Timeout, 429 Too
 * Many Requests and every 5xx but the permanent ones. The one list behind
 * the client's retries and the status polling's tolerance, so the two agree.
 */
const TRANSIENT_HTTP_STATUSES = [
    408,
    429,
    ...Array.from({ length: 100 }, (_, i) => 500 + i).filter((status) => !PERMANENT_SERVER_ERRORS.has(status)),
];
/** Whether an HTTP status is one of {@link TRANSIENT_HTTP_STATUSES}. */
function isTransientHttpStatus(status) {
    return TRANSIENT_HTTP_STATUSES.includes(status);
}
/** The request never produced a response (DNS, refused, reset, TLS, aborted by the server). */
class NetworkError extends Error {
    method;
    url;
    code;
    maybeSent;
    name = 'NetworkError';
    constructor(method, url, 
    /** Low-level code such as ECONNRESET or UND_ERR_SOCKET. */
    code, 
    /**
     * True when the request may have reached the server before the failure
     * (anything but a failure to connect). Non-idempotent calls must not be
     * blindly retried in that case.
     */
    maybeSent, options) {
        const reading = options?.answeredStatus === undefined ? '' : ` while reading its HTTP ${options.answeredStatus} answer`;
        super(`${method} ${url} failed${reading}: ${code ?? 'network error'}`, options);
        this.method = method;
        this.url = url;
        this.code = code;
        this.maybeSent = maybeSent;
        this.answeredStatus = options?.answeredStatus;
    }
    /**
     * The 2xx status the server had answered with when the failure came
     * during the answer's body: the request was processed (for Create Run, a
     * run exists), only its answer was lost.
     */
    answeredStatus;
}
/**
 * A server certificate the runner does not accept, by code: OpenSSL's
 * verification results, such as `CERT_HAS_EXPIRED`,
 * `UNABLE_TO_VERIFY_LEAF_SIGNATURE` (a private CA, or a chain sent without
 * its intermediate), `SELF_SIGNED_CERT_IN_CHAIN`, `INVALID_CA` or
 * `HOSTNAME_MISMATCH`, and Node's `ERR_TLS_CERT_ALTNAME_INVALID`. The same
 * answer every time, until someone changes the certificate or the runner.
 */
const CERTIFICATE_FAILURE = /CERT|CRL|^UNABLE_TO_|^INVALID_CA$|^INVALID_PURPOSE$|^PATH_LENGTH_EXCEEDED$|^HOSTNAME_MISMATCH$/;
/** Whether `code` names a certificate the runner does not accept (see CERTIFICATE_FAILURE). */
function isCertificateFailure(code) {
    return CERTIFICATE_FAILURE.test(code);
}
/** Whether `code` names a TLS certificate or handshake problem (`ERR_TLS_…`, `ERR_SSL_…`): the client does not retry it. */
function isTlsFailure(code) {
    return isCertificateFailure(code) || /^ERR_TLS_|^ERR_SSL_/.test(code);
}
/**
 * Whether a failed call (after the client's own retries) may succeed if made
 * again later: a network error, or a status the client retries. A 501 or 505,
 * a 401, a certificate the runner does not trust, or an answer of the wrong
 * shape will not go away by asking again.
 */
function isTransientError(error) {
    // A rejected certificate stays rejected; other TLS errors (a record garbled by a middlebox) may pass.
    if (error instanceof NetworkError)
        return error.code === undefined || !isCertificateFailure(error.code);
    return error instanceof HttpError && isTransientHttpStatus(error.status);
}
/** A response body did not have the documented shape. */
class ResponseShapeError extends Error {
    url;
    problems;
    htmlPage;
    name = 'ResponseShapeError';
    constructor(url, 
    /** Human-readable list of what did not match. */
    problems, 
    /** The body was a web page: the URL most likely leads to a web app or a login page, not to the API. */
    htmlPage = false) {
        super(`Unexpected response from ${url}: ${problems}`);
        this.url = url;
        this.problems = problems;
        this.htmlPage = htmlPage;
    }
}
/** Whether `error` is the API answering 404 Not Found. */
function isNotFound(error) {
    return error instanceof HttpError && error.status === 404;
}
/** The run's id, when the fate names one. */
function fateRunId(fate) {
    return 'runId' in fate ? fate.runId : undefined;
}
/** What a stop did to a run that was in progress. */
function inProgressOutcome(fate) {
    switch (fate.kind) {
        case 'revoked':
            return 'the run was revoked.';
        case 'left-running':
            return 'the run was left running (revoke-on-cancel is false).';
        case 'revoke-failed':
            return 'the run could not be revoked and may still be running.';
        case 'ended-meanwhile':
            return `the run had ended ${fate.status} just before, so there was nothing to revoke.`;
        case 'gone':
            return 'the run no longer exists on the server (its revoke and its status both answered 404), so there was nothing to revoke.';
    }
}
const FOLLOW_UP = {
    revoke: 'The clean-up step at the end of the job looks for it and revokes it if it can tell which run it is.',
    'left-running': 'If it exists, it is left running (revoke-on-cancel is false).',
    'not-noted': 'It cannot be looked for later (the note for the clean-up step could not be saved), so if it exists it is left running.',
};
/** What a stop during an unanswered Create Run means for the run it may have started. */
function unansweredCreate(fate) {
    const what = fate.detail ?? "Create Run's outcome could not be learned in time, so a run may have been started.";
    return `${what} ${FOLLOW_UP[fate.later]}`;
}
/** The configured `timeout` (or the results-collection budget) passed before the step was done. */
class RunTimeoutError extends Error {
    timeoutMs;
    fate;
    name = 'RunTimeoutError';
    constructor(timeoutMs, fate) {
        super(timeoutMessage(`Timed out after ${formatTimeout(timeoutMs)}`, fate));
        this.timeoutMs = timeoutMs;
        this.fate = fate;
    }
    get runId() {
        return fateRunId(this.fate);
    }
}
/** The job was cancelled (SIGINT/SIGTERM) before the step was done. */
class RunCancelledError extends Error {
    fate;
    name = 'RunCancelledError';
    constructor(fate) {
        super(cancelMessage(fate));
        this.fate = fate;
    }
    get runId() {
        return fateRunId(this.fate);
    }
}
function timeoutMessage(prefix, fate) {
    switch (fate.kind) {
        case 'not-started':
            return `${prefix} before a run was started.`;
        case 'unknown':
            return `${prefix} while starting the run: ${unansweredCreate(fate)}`;
        case 'ended':
            return `${prefix} collecting the results of run ${fate.runId}, which ended ${fate.status}.`;
        case 'artifact':
            return `${prefix} fetching the artifact of run ${fate.runId}, which ended ${fate.status}: ${fate.verdict}`;
        case 'reporting':
            return `${prefix} publishing the reports of run ${fate.runId}, which ended ${fate.status}: ${fate.verdict}`;
        default:
            return `${prefix} waiting for run ${fate.runId} to finish; ${inProgressOutcome(fate)}${RAISE_TIMEOUT}`;
    }
}
/** What to do about a run that outlasted `timeout` (its job's `timeout-minutes` must then allow for it too). */
const RAISE_TIMEOUT = " If runs like it take longer, raise the step's 'timeout' input.";
function cancelMessage(fate) {
    switch (fate.kind) {
        case 'not-started':
            return 'Cancelled before a run was started.';
        case 'unknown':
            return `Cancelled while starting the run: ${unansweredCreate(fate)}`;
        case 'ended':
            return `Cancelled after run ${fate.runId} ended ${fate.status}, before its results were collected.`;
        case 'artifact':
            return `Cancelled while fetching the artifact of run ${fate.runId}, which ended ${fate.status}: ${fate.verdict}`;
        case 'reporting':
            return `Cancelled while publishing the reports of run ${fate.runId}, which ended ${fate.status}: ${fate.verdict}`;
        case 'ended-meanwhile':
            return `Cancelled as run ${fate.runId} ended ${fate.status}: there was nothing to revoke, and its results were not collected.`;
        default:
            return `Cancelled while run ${fate.runId} was in progress; ${inProgressOutcome(fate)}`;
    }
}
/** The run ended, but its results (stats, cases, suites) could not be read. */
class ResultsUnavailableError extends Error {
    runId;
    status;
    name = 'ResultsUnavailableError';
    constructor(runId, status, cause) {
        super(`Run ${runId} ended ${status}, but its results could not be collected: ${errors_errorMessage(cause)}`, { cause });
        this.runId = runId;
        this.status = status;
    }
}
/**
 * The run's status could no longer be read while it was in progress (an
 * answer that fails at once, such as 401, 404 or one of an unexpected shape,
 * or several transient failures in a row), so the step stopped following it.
 * Says what became of the run, like a timeout does.
 */
class RunLostError extends Error {
    fate;
    name = 'RunLostError';
    constructor(fate, cause) {
        super(`Stopped following run ${fate.runId}: its status could not be read (${errors_errorMessage(cause)}); ${inProgressOutcome(fate)}`, { cause });
        this.fate = fate;
    }
    get runId() {
        return this.fate.runId;
    }
}
/** Create Run failed ambiguously and we could not tell whether a run was started. */
class AmbiguousRunError extends Error {
    name = 'AmbiguousRunError';
}
/** An archive was unsafe or too large to extract. */
class UnsafeArchiveError extends Error {
    name = 'UnsafeArchiveError';
}
/** Formats a configured timeout (milliseconds) the way users write it: `90s`, `30m`, `1h 5m`. */
function formatTimeout(ms) {
    const totalSeconds = Math.round(ms / 1000);
    if (totalSeconds < 120)
        return `${totalSeconds}s`;
    const minutes = Math.floor(totalSeconds / 60);
    if (minutes < 60)
        return totalSeconds % 60 === 0 ? `${minutes}m` : `${minutes}m ${totalSeconds % 60}s`;
    const hours = Math.floor(minutes / 60);
    return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
}
/** The message of anything thrown: an Error's message, anything else as a string. */
function errors_errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
/**
 * Why a call bounded by a time budget failed, for a warning: its budget running out aborts it with the bare "The
 * operation was aborted due to timeout", which is said as what it means; any other error as `describe` puts it.
 */
function budgetedFailure(error, budgetMs, describe = errors_errorMessage) {
    return isAbortError(error) ? `no answer within ${budgetMs / 1000} s` : describe(error);
}
/** True for errors caused by an AbortSignal (deadline or cancellation). */
function isAbortError(error) {
    // By name, not `instanceof Error`: a DOMException is not an Error in every realm (jest's VM modules).
    const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
    return name === 'AbortError' || name === 'TimeoutError';
}

;// CONCATENATED MODULE: ./src/core/inputs.ts
/**
 * The action's input names and defaults, defined once. Kept free of
 * dependencies: the entrypoint imports it before anything heavy is loaded.
 */
/** Input names: the action's public interface (mirrored in action.yml). */
const Inputs = {
    Platform: 'platform',
    ApiUrl: 'api-url',
    ApiToken: 'api-token',
    ProjectId: 'project-id',
    Suites: 'suites',
    Group: 'group',
    Utterance: 'utterance',
    Description: 'description',
    Timeout: 'timeout',
    PollInterval: 'poll-interval',
    FailOn: 'fail-on',
    ResultsPath: 'results-path',
    UploadArtifact: 'upload-artifact',
    Comment: 'comment',
    GithubToken: 'github-token',
    ShowLogs: 'show-logs',
    RevokeOnCancel: 'revoke-on-cancel',
};
/** Defaults for optional inputs (mirrored in action.yml). */
const InputDefaults = {
    [Inputs.Platform]: 'testing-studio',
    [Inputs.Timeout]: '30m',
    [Inputs.PollInterval]: 'auto',
    [Inputs.FailOn]: 'failed',
    [Inputs.ResultsPath]: 'testing-studio-results',
    [Inputs.UploadArtifact]: 'true',
    [Inputs.Comment]: 'true',
    [Inputs.ShowLogs]: 'true',
    [Inputs.RevokeOnCancel]: 'true',
};
/** Inputs without a default; checked first so a missing one fails before anything heavy loads. */
const RequiredInputs = [Inputs.ApiUrl, Inputs.ApiToken, Inputs.ProjectId];

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

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core_core = __webpack_require__(8532);
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
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
        throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${suites}' ${problem}`);
    }
    if (info.isDirectory()) {
        let found;
        try {
            found = hasEntryToUpload(suites);
        }
        catch (error) {
            throw new InputError(Inputs.Suites, `a readable folder; '${suites}' cannot be read (${codeOf(error)})`);
        }
        if (!found)
            throw new InputError(Inputs.Suites, `a folder with at least one file to upload; '${suites}' has none`);
        return;
    }
    if (!info.isFile())
        throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${suites}' is neither`);
    if (!suites.toLowerCase().endsWith('.zip')) {
        throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${suites}' is a file whose name does not end in .zip`);
    }
    if (!startsWithZipSignature(suites))
        throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${suites}' is not a zip archive`);
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
        throw new InputError(Inputs.Suites, `${SUITES_EXPECTED} inside the workspace (${suites} leads to ${real} through a symlink; to upload from there, give that path itself)`);
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
        throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${file}' cannot be read (${codeOf(error)})`);
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
        throw new InputError(Inputs.ResultsPath, `${RESULTS_EXPECTED}; '${resultsPath}' is a file`);
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
        throw new InputError(Inputs.ResultsPath, `${RESULTS_EXPECTED}; '${resultsPath}' cannot be used (${unresolvable(error)})`);
    }
    if (!isInsideFolder(root, real)) {
        throw new InputError(Inputs.ResultsPath, `${RESULTS_EXPECTED} (${resultsPath} leads to ${real} through a symlink)`);
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
        return value === '' && name in InputDefaults ? InputDefaults[name] : value;
    };
    const parse = (name, schema) => {
        const result = schema.safeParse(raw(name));
        if (!result.success)
            throw new InputError(name, result.error.issues[0]?.message ?? 'a valid value');
        return result.data;
    };
    const optional = (name) => raw(name) || undefined;
    const resolve = (p) => external_node_path_default().resolve(context.workspace, p);
    const platform = parse(Inputs.Platform, inputSchemas.platform);
    const apiUrl = parse(Inputs.ApiUrl, inputSchemas.apiUrl);
    const apiToken = parse(Inputs.ApiToken, inputSchemas.apiToken);
    const projectId = parse(Inputs.ProjectId, inputSchemas.projectId);
    const suitesText = parse(Inputs.Suites, inputSchemas.relativePath);
    const suites = suitesText ? resolve(suitesText) : undefined;
    const onDisk = context.checkOnDisk !== false;
    if (suites !== undefined && onDisk)
        checkSuites(suites, context.workspace);
    const resultsPath = resolve(parse(Inputs.ResultsPath, inputSchemas.relativePath));
    if (!isInsideFolder(context.workspace, resultsPath)) {
        throw new InputError(Inputs.ResultsPath, 'a folder inside the workspace');
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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:v8"
var external_node_v8_ = __webpack_require__(8877);
// EXTERNAL MODULE: external "node:vm"
var external_node_vm_ = __webpack_require__(714);
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

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
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

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
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
function redirect_displayUrl(url) {
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
    const safe = new URL(redirect_displayUrl(url));
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
    const notSent = CONNECT_FAILURE_CODES.has(code) || isCertificateFailure(code) || duringConnect;
    const tls = isTlsFailure(code);
    if (!fromUndici && !notSent && !tls && !SOCKET_CODES.has(code))
        return undefined;
    return new NetworkError(at.method, redirect_displayUrl(at.url), code, !notSent, { cause: error });
}
/**
 * A network failure as far as the request had got: on a hop after a redirect,
 * or while a 2xx answer's body was read, the request itself was answered, so
 * it counts as sent (a request that must not be repeated is not retried), and
 * in the second case the failure says which status was lost with the body.
 */
function failureAt(error, at) {
    if (!(error instanceof NetworkError))
        return error;
    const answered = at.answeredStatus !== undefined && error.answeredStatus === undefined;
    if (!answered && (error.maybeSent || !at.redirected))
        return error;
    return new NetworkError(error.method, error.url, error.code, true, { cause: error.cause, answeredStatus: at.answeredStatus });
}
/** The low-level code of an error, looking into what it wraps. */
function errorCode(error) {
    for (const { code } of errorChain(error))
        if (typeof code === 'string')
            return code;
    return undefined;
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
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
            throw new ConfigurationError(`${variable} holds a user name or password with a '%' that is not percent-encoding: write a literal '%' as %25 (the value is not shown: it may hold a password).`);
        }
        return url;
    }
    throw new ConfigurationError(`${variable} is not a proxy URL such as http://proxy.example.com:3128 (its value is not shown: it may hold a password).`);
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
    const direct = new undici/* Agent */.g6(agentOptions);
    // A proxy agent ignores `connect`: it builds its sockets from proxyTls (to the
    // proxy) and requestTls (TLS through the tunnel), so the same socket options go there.
    const socketOptions = typeof agentOptions.connect === 'object' ? { proxyTls: agentOptions.connect, requestTls: agentOptions.connect } : {};
    // Both fields point at one proxy, so undici's own https → http fallback cannot apply.
    const through = (proxy) => proxy
        ? new undici/* EnvHttpProxyAgent */.J2({ ...agentOptions, ...socketOptions, httpProxy: proxy, httpsProxy: proxy, noProxy: noProxyForUndici(settings.noProxy ?? '') })
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
    if (isTransientHttpStatus(status))
        return new NetworkError(method, redirect_displayUrl(url), `PROXY_${status}`, false, { cause: error });
    const variable = proxyVariableFor(url);
    const hint = status === 407
        ? 'check the user and password in its URL'
        : status >= 500
            ? `it does not open tunnels (CONNECT); list ${url.hostname} in NO_PROXY if it is reachable directly, or use a proxy that does`
            : `list ${url.hostname} in NO_PROXY if it is reachable directly, or ask the proxy's admins to allow it`;
    return new ConfigurationError(`The proxy in ${variable} refused to connect to ${url.host} (HTTP ${status}): ${hint}.`);
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
    retryStatuses: TRANSIENT_HTTP_STATUSES,
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
            const res = await (0,undici/* request */.Em)(at.url, {
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
                throw new HttpError(at.method, redirect_displayUrl(at.url), res.statusCode, `more than ${MAX_REDIRECTS} redirects`);
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
            return { ok: false, error: new HttpError(at.method, redirect_displayUrl(at.url), res.statusCode, detail, retryAfterMs), retryAfterMs };
        }
        catch (error) {
            // Cancellation and deadline aborts surface as the caller's own reason, unwrapped.
            if (ctx.signal.aborted)
                throw ctx.signal.reason;
            // Like a socket timeout: the request may have been sent, so only an idempotent call is tried again.
            if (tooLong.signal.aborted)
                throw failureAt(new NetworkError(at.method, redirect_displayUrl(at.url), ATTEMPT_TIMEOUT, true, { cause: error }), at);
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
                if (!(error instanceof NetworkError))
                    throw error;
                failure = error;
                retryable = !(error.code !== undefined && isTlsFailure(error.code)) && (ex.idempotent || !error.maybeSent);
            }
            const outcome = failure instanceof HttpError ? String(failure.status) : (failure.code ?? 'network error');
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
            throw new ResponseShapeError(redirect_displayUrl(url), decoded.problem);
        try {
            return await read(decoded.body);
        }
        catch (error) {
            const problem = decoded.decodeFailure(error);
            throw problem === undefined ? error : new ResponseShapeError(redirect_displayUrl(url), problem);
        }
    }
    async function readJson(res, url, schema, maxBytes = MAX_JSON_BODY_BYTES) {
        // The cap counts decoded bytes: a small compressed body may expand enormously.
        const { text, truncated } = await readDecoded(res, url, (body) => readLimitedText(body, maxBytes));
        if (truncated)
            throw new ResponseShapeError(redirect_displayUrl(url), `body is larger than the limit of ${describeBytes(maxBytes)} for an API answer`);
        const json = tryParseJson(text);
        if (json === undefined) {
            const type = firstHeader(res.headers['content-type']) ?? 'no content type';
            // A body that starts like JSON is not quoted: it is the answer itself, cut short or with an odd value (a
            // Python NaN), and may hold a secret not known yet (Get Project's gitToken is learnt from the parsed answer).
            if (/^\s*[[{]/.test(text)) {
                throw new ResponseShapeError(redirect_displayUrl(url), `body is not valid JSON (${type}, ${describeBytes(Buffer.byteLength(text))}; not quoted, as it may hold secrets)`);
            }
            const start = excerpt(redact(text)) ?? 'empty body';
            const htmlPage = /html/i.test(type) || /^\s*<(!doctype html|html)/i.test(text);
            throw new ResponseShapeError(redirect_displayUrl(url), `body is not JSON (${type}): ${start}`, htmlPage);
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success)
            throw new ResponseShapeError(redirect_displayUrl(url), describeIssues(parsed.error.issues));
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
            const tooLarge = (size) => new ResponseShapeError(redirect_displayUrl(url), `body is ${size} the download limit of ${describeBytes(maxDownloadBytes)}; it was not saved`);
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
            if (ctx.signal.aborted || isAbortError(error))
                throw error;
            throw new AmbiguousRunError(`${what} and the project's runs could not be listed (${errors_errorMessage(error)}); ${fate}.`, {
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
                throw new AmbiguousRunError(`Create Run failed (${error.message}) and no new run was listed before the deadline; ` +
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
            log(`Could not list the project's runs to check for a duplicate the failed Create Run may have started (${errors_errorMessage(error)}).`);
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
                if (error instanceof ResponseShapeError || (error instanceof NetworkError && error.answeredStatus !== undefined && error.method === 'POST')) {
                    const fresh = await newRunsAfter(unreadableSuccess(error), 'a run was probably started');
                    return adoptAfterSuccess(error, fresh, log);
                }
                if (error instanceof HttpError && error.status === 429 && error.method === 'POST') {
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
                    throw new AmbiguousRunError(`Create Run failed (${error.message}) and ${fresh.length} new runs with the same filters appeared ` +
                        `(${runIds(fresh)}); cannot tell which one is ours, so none is followed.`);
                }
                if (retriedAfter !== undefined) {
                    log('No new run is listed.');
                    throw new AmbiguousRunError(`Create Run failed twice and no new run is listed: ${error.message}`);
                }
                retriedAfter = error.message;
                renote = true;
                // No new run is listed yet: when stopping, nothing more is sent, and the note stays for the clean-up step.
                stopIfStopping();
                const retryAfterMs = error instanceof HttpError ? error.retryAfterMs : undefined;
                if (!(await backoff(attempt, retryAfterMs, 'No new run is listed', clock.now() - failedAt))) {
                    throw new AmbiguousRunError(`Create Run failed (${error.message}) and no new run is listed; sending it again would start after the deadline. ` +
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
        const stop = isAbortError(error) || ctx.signal.aborted || (ctx.stopping?.aborted === true && error === ctx.stopping.reason);
        if (retriedAfter !== undefined && !stop && !(error instanceof AmbiguousRunError)) {
            throw new AmbiguousRunError(`Create Run failed (${retriedAfter}) and no new run is listed; sending it again then failed (${errors_errorMessage(error)}). ` +
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
    throw new AmbiguousRunError(`${unreadableSuccess(error)}; a run was probably created and could not be identified (${found}), so none is followed.`, { cause: error });
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
    throw new AmbiguousRunError(`${failure}; run ${listed.runId}, the one new run with our filters, is listed, but in a shape that cannot be followed (${run.problems}).`);
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
    if (error instanceof HttpError)
        return error.method === 'POST' && error.status >= 400 && error.status < 500 && error.status !== 408;
    return error instanceof NetworkError && error.method === 'POST' && !error.maybeSent;
}
/**
 * A failure after which the run may or may not exist: a 5xx or 408, a
 * connection lost after sending, or any failure after the POST was answered
 * with a redirect. A 429 is not one: the server did not process it.
 */
function isAmbiguous(error) {
    if (error instanceof HttpError)
        return error.method !== 'POST' || error.status >= 500 || error.status === 408;
    return error instanceof NetworkError && error.maybeSent;
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
        throw new AmbiguousRunError(`The saved Create Run note is for project ${note.projectId}, not ${projectId}; nothing is revoked.`);
    }
    const ageMs = clock.now() - note.sentAt;
    if (ageMs > START_NOTE_MAX_AGE_MS) {
        throw new AmbiguousRunError(`The unanswered Create Run was sent ${Math.round(ageMs / 60_000)} minutes ago: too long ago to tell a run it started ` +
            'from runs started since by others, so none is revoked.');
    }
    const before = new Set(note.before);
    for (;;) {
        const fresh = newRunsSince(await listRuns(client, projectId, ctx), before, note.filters);
        if (fresh.length > 1) {
            throw new AmbiguousRunError(`${fresh.length} runs with the same filters were started since the unanswered Create Run ` +
                `(${runIds(fresh)}); cannot tell which one it started, so none is revoked.`);
        }
        const [only] = fresh;
        if (only) {
            const run = readListedRun(only);
            if (!('problems' in run))
                return run;
            if (RUN_ID_PATTERN.test(only.runId))
                return { runId: only.runId };
            throw new ResponseShapeError(runsPathOf(projectId), `run ${JSON.stringify(only.runId.slice(0, 100))}: ${run.problems}`);
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
        throw new AmbiguousRunError('The saved Create Run note could not be read; cannot tell which run it started.');
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
            throw new ConfigurationError(`Project '${project.name}' (${projectId}) uses git storage, so suites cannot be uploaded ` +
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
                if (!(error instanceof ResponseShapeError))
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
            if (error instanceof HttpError && error.status === 404)
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
        if (error instanceof HttpError && error.status === 404)
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
        throw new InputError(Inputs.Platform, `one of ${PLATFORM_NAMES.join(', ')} (got '${name}')`);
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
    InputError,
    ConfigurationError,
    HttpError,
    NetworkError,
    ResponseShapeError,
    RunTimeoutError,
    RunCancelledError,
    RunLostError,
    ResultsUnavailableError,
    AmbiguousRunError,
    UnsafeArchiveError,
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
    if (error instanceof HttpError && HTTP_HINTS[error.status])
        return `${error.message} (${httpHint(error, context.apiUrl)})`;
    if (error instanceof NetworkError) {
        const hint = CERTIFICATE_HINTS.find(([code]) => code.test(error.code ?? ''))?.[1];
        if (hint)
            return `${error.message} (${hint})`;
    }
    // A web app (or a sign-in page in front of the API) answers every path with a page: the usual first-day mistake is
    // giving the address people open in a browser.
    if (error instanceof ResponseShapeError && error.htmlPage) {
        return `${error.message} (an HTML page, not the API's JSON: check that api-url is the API's base URL, not the web app's)`;
    }
    if (KNOWN.some((kind) => error instanceof kind))
        return error.message;
    return `Unexpected error: ${errors_errorMessage(error)}`;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
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
    info: (message) => lib_core/* info */.pq(plainLine(message)),
    warning: (message) => lib_core/* warning */.$e(message),
    error: (message) => lib_core/* error */.z3(message),
    debug: (message) => lib_core/* debug */.Yz(message),
    group: (title, fn) => lib_core/* group */.Os(defusedLine(title), fn),
    untrustedSection: (title, lines) => {
        const token = (0,external_node_crypto_.randomUUID)();
        lib_core/* startGroup */.Oh(defusedLine(title));
        lib_core/* info */.pq(`::stop-commands::${token}`);
        // Stop-commands keeps `::` commands from running, but the runner still writes `##[group]`, `##[endgroup]` and
        // `##[error]` markers as they are, and the log viewer draws them: defused like our own lines. A CR would end the
        // line for the runner: it is a line break here too (removing it could join the halves of a redacted secret).
        for (const line of lines)
            for (const part of line.split('\r'))
                lib_core/* info */.pq(defuseMarkers(part));
        lib_core/* info */.pq(`::${token}::`);
        lib_core/* endGroup */.N4();
    },
};

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
    lib_core/* setSecret */.Pq(secret);
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

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
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
            const file = path.join(env['RUNNER_TEMP'] || os.tmpdir(), `testing-studio-start-${randomUUID()}.json`);
            try {
                // 'wx': always a new file, never one an earlier step planted (or a link to one).
                writeFileSync(file, note, { flag: 'wx', mode: 0o600 });
                current = file;
            }
            catch (error) {
                // Only the clean-up after a killed job needs it: not a reason to stop the run.
                warn(`Could not save a note of Create Run for the post step (${errorMessage(error)}); if the job is killed now, a run it starts is not revoked.`);
            }
        }
        if (current || previous)
            core.saveState(START_NOTE_STATE_KEY, current ?? '');
        if (previous)
            rmSync(previous, { force: true });
        return note === undefined || current !== undefined;
    };
}
/** The note at `file` (from the saved state), which the post step reads once and removes. */
function takeStartNote(file) {
    try {
        return (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    finally {
        (0,external_node_fs_.rmSync)(file, { force: true });
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

;// CONCATENATED MODULE: ./src/ci/github/post-revoke.ts













/** Budget for revoking the run. */
const POST_REVOKE_BUDGET_MS = 10_000;
/**
 * Budget for finding the run an unanswered Create Run started, when only a
 * note was left: the platform looks for a run that appears late for a while
 * after the request (Testing Studio: LATE_RUN_WINDOW_MS, 15 s), and listing a
 * long history takes time of its own.
 */
const POST_FIND_BUDGET_MS = 20_000;
/**
 * Budget for reading a saved run's status before revoking it. Its own, and
 * short: a status endpoint that hangs or keeps failing must not use up the
 * time the revoke needs (then the revoke is sent anyway).
 */
const POST_STATUS_BUDGET_MS = 3_000;
/**
 * Revoke what the main step could not: the run it saved and never cleared
 * (it was killed before it could revoke), or else the run that an
 * unanswered Create Run started, found from the note it left. Never fails
 * the job: problems are warnings.
 */
async function cleanUpAfterMainStep(left) {
    const redactor = new Redactor();
    maskSecret(redactor, lib_core/* getInput */.V4(Inputs.ApiToken));
    // Read (and removed) first, so no note outlives the job whatever happens next. A saved run id wins: the note
    // can only be left beside one by a kill between saving the id and dropping the note.
    let note;
    if (left.startNoteFile) {
        try {
            note = takeStartNote(left.startNoteFile);
        }
        catch (error) {
            if (!left.runId) {
                lib_core/* warning */.$e(`Could not read the note of the main step's Create Run, so a run it started is not looked for: ${describeError(error)}`);
                return;
            }
        }
    }
    /** What is being done now, for the warning if it fails: which run, and the budget its call has. */
    const phase = left.runId
        ? { what: `run ${left.runId}`, budgetMs: POST_REVOKE_BUDGET_MS }
        : { what: 'the run an unanswered Create Run may have started', budgetMs: POST_FIND_BUDGET_MS };
    try {
        // Only what revoking needs is checked: the suites folder may be gone by now, and must not stop the revoke.
        const settings = parseSettings((name) => lib_core/* getInput */.V4(name), {
            workspace: process.env['GITHUB_WORKSPACE'] ?? process.cwd(),
            checkOnDisk: false,
        });
        if (!settings.revokeOnCancel) {
            lib_core/* info */.pq(left.runId
                ? `Run ${left.runId} may still be running (revoke-on-cancel is false).`
                : "A run the main step's unanswered Create Run may have started is not looked for (revoke-on-cancel is false).");
            return;
        }
        const platform = platformFromSettings(settings, {
            onSecret: (secret) => maskSecret(redactor, secret),
            debug: (message) => lib_core/* debug */.Yz(redactor.redactReadable(message)),
            info: (message) => githubLogger.info(redactor.redactReadable(message)),
            warning: (message) => githubLogger.warning(redactor.redactReadable(message)),
            proxy: runnerProxy(process.env, redactor),
        });
        try {
            const message = left.runId ? await revokeSaved(platform, left.runId) : await revokeFromNote(platform, note ?? '', phase);
            githubLogger.info(redactor.redactReadable(message));
        }
        finally {
            await platform.close();
        }
    }
    catch (error) {
        // The budget running out is not an unexpected error: said as what it means, not as describeError's "Unexpected error".
        lib_core/* warning */.$e(redactor.redactReadable(`Could not revoke ${phase.what}: ${budgetedFailure(error, phase.budgetMs, describeError)}`));
    }
}
/**
 * The main step was killed while the run was in progress; it may have ended
 * since. Its status is read first, so an ended run is neither revoked nor
 * said to be; if the status cannot be read, the revoke is still tried (this
 * is the backstop, and a revoke of an ended run is at worst refused).
 */
async function revokeSaved(platform, runId) {
    let statusError;
    const run = await platform.getRun(runId, budget(POST_STATUS_BUDGET_MS)).catch((error) => void (statusError = error));
    if (run && TERMINAL_STATES.has(run.state))
        return `Run ${runId}, which the main step left unfinished, already ended ${run.vendorStatus}; nothing to revoke.`;
    try {
        await platform.cancelRun(runId, budget(POST_REVOKE_BUDGET_MS));
    }
    catch (error) {
        // Deleted on the server: nothing is left running, which is what this step is for.
        if (isNotFound(error) && isNotFound(statusError))
            return `Run ${runId}, which the main step left unfinished, no longer exists on the server (404); nothing to revoke.`;
        throw error;
    }
    return `Revoked run ${runId}, which the main step left running.`;
}
function budget(ms) {
    return { signal: timeoutSignal(ms), deadline: Date.now() + ms };
}
async function revokeFromNote(platform, note, phase) {
    // "The one new run with its filters", not "the run it started": the API names no creator, so a run another job
    // started with the same filters at that moment would look the same (README, Cancellation and timeout).
    const run = await platform.findStartedRun(note, budget(phase.budgetMs));
    const which = "the one new run with the main step's filters since its unanswered Create Run";
    if (!run)
        return "No new run with the main step's filters appeared since its unanswered Create Run; nothing to revoke.";
    if (TERMINAL_STATES.has(run.state))
        return `Run ${run.id}, ${which}, already ended ${run.vendorStatus}.`;
    phase.what = `run ${run.id}, ${which}`;
    phase.budgetMs = POST_REVOKE_BUDGET_MS;
    await platform.cancelRun(run.id, budget(phase.budgetMs));
    return `Revoked run ${run.id}, ${which}.`;
}


/***/ })

};
