import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 74296:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BE: () => (/* binding */ formatTimeout),
/* harmony export */   Bi: () => (/* binding */ RunCancelledError),
/* harmony export */   Dr: () => (/* binding */ NetworkError),
/* harmony export */   Fc: () => (/* binding */ TRANSIENT_HTTP_STATUSES),
/* harmony export */   G5: () => (/* binding */ isCertificateFailure),
/* harmony export */   Hj: () => (/* binding */ budgetedFailure),
/* harmony export */   Jl: () => (/* binding */ isTransientHttpStatus),
/* harmony export */   NE: () => (/* binding */ RunTimeoutError),
/* harmony export */   RD: () => (/* binding */ ResponseShapeError),
/* harmony export */   WJ: () => (/* binding */ AmbiguousRunError),
/* harmony export */   bV: () => (/* binding */ isTransientError),
/* harmony export */   c4: () => (/* binding */ isNotFound),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   gt: () => (/* binding */ isTlsFailure),
/* harmony export */   iJ: () => (/* binding */ RunLostError),
/* harmony export */   j$: () => (/* binding */ HttpError),
/* harmony export */   j1: () => (/* binding */ ConfigurationError),
/* harmony export */   np: () => (/* binding */ ResultsUnavailableError),
/* harmony export */   td: () => (/* binding */ UnsafeArchiveError),
/* harmony export */   zf: () => (/* binding */ isAbortError)
/* harmony export */ });
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
        super(`Run ${runId} ended ${status}, but its results could not be collected: ${errorMessage(cause)}`, { cause });
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
        super(`Stopped following run ${fate.runId}: its status could not be read (${errorMessage(cause)}); ${inProgressOutcome(fate)}`, { cause });
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
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
/**
 * Why a call bounded by a time budget failed, for a warning: its budget running out aborts it with the bare "The
 * operation was aborted due to timeout", which is said as what it means; any other error as `describe` puts it.
 */
function budgetedFailure(error, budgetMs, describe = errorMessage) {
    return isAbortError(error) ? `no answer within ${budgetMs / 1000} s` : describe(error);
}
/** True for errors caused by an AbortSignal (deadline or cancellation). */
function isAbortError(error) {
    // By name, not `instanceof Error`: a DOMException is not an Error in every realm (jest's VM modules).
    const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
    return name === 'AbortError' || name === 'TimeoutError';
}


/***/ }),

/***/ 89114:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G0: () => (/* binding */ Inputs),
/* harmony export */   p0: () => (/* binding */ InputDefaults),
/* harmony export */   zP: () => (/* binding */ RequiredInputs)
/* harmony export */ });
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


/***/ }),

/***/ 42613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 20181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 35317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 49140:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("constants");

/***/ }),

/***/ 76982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 24434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 79896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 91943:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs/promises");

/***/ }),

/***/ 58611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 65692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 69278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 34589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 16698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 37540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 77598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 53053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 40610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 78474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 73024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 51455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 37067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 32467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 44708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 98995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 77030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 48161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 76760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 41792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 80099:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 57075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 46466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 46193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 87997:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers");

/***/ }),

/***/ 41692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 73136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 57975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 73429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 78877:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");

/***/ }),

/***/ 30714:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:vm");

/***/ }),

/***/ 75919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 38522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 70857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 16928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 13193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 53557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 64756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 52018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 87016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 39023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 43106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		id: moduleId,
/******/ 		loaded: false,
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __nccwpck_require__(74296);
// EXTERNAL MODULE: ./src/core/inputs.ts
var inputs = __nccwpck_require__(89114);
;// CONCATENATED MODULE: ./src/ci/github/workflow-commands.ts
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
function readInput(name, env = process.env) {
    return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
/** Escape a command's data part. */
function escapeCommandData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
/** Report `message` as an error annotation and mark the step failed. */
function failStep(message) {
    process.stdout.write(`::error::${escapeCommandData(message)}\n`);
    process.exitCode = 1;
}

;// CONCATENATED MODULE: ./src/main.ts



/**
 * What a missing required input should have held. `api-token` comes from a
 * secret, which GitHub passes as an empty value where it withholds it (a run
 * for a fork's pull request gets none, a run Dependabot triggered only
 * Dependabot's own) and where none is defined under that name: the message
 * says which applies. The event is read only on this path, so a step with
 * its inputs set loads nothing for it.
 */
async function requiredValue(name, env) {
    if (name !== inputs/* Inputs */.G0.ApiToken)
        return 'a value (this input is required)';
    if (env['GITHUB_ACTOR'] === 'dependabot[bot]') {
        return 'a value (this input is required; if it comes from a secret: GitHub passes only Dependabot secrets to a run Dependabot triggered, so add it under Dependabot secrets too)';
    }
    const { isForkPullRequest } = await Promise.all(/* import() */[__nccwpck_require__.e(691), __nccwpck_require__.e(434)]).then(__nccwpck_require__.bind(__nccwpck_require__, 61434));
    if (isForkPullRequest(env)) {
        return ('a value (this input is required; if it comes from a secret: GitHub passes no secrets to a run for a pull request from a fork, ' +
            'so skip the step there with if: github.event.pull_request.head.repo.full_name == github.repository)');
    }
    return ("a value (this input is required; if it comes from a secret: that secret is empty or not defined under that name for this repository, its organisation or the job's environment)");
}
/**
 * GitHub Actions entrypoint. Fails fast, before loading anything heavy, when
 * a required input is missing; everything else (masking, validation, the
 * run, reports) is loaded on demand from run-action.
 */
async function main() {
    const startedAt = Math.round(performance.timeOrigin);
    const missing = inputs/* RequiredInputs */.zP.find((name) => !readInput(name));
    if (missing) {
        failStep(new errors/* InputError */.dz(missing, await requiredValue(missing, process.env)).message);
        return;
    }
    const { runAction } = await Promise.all(/* import() */[__nccwpck_require__.e(691), __nccwpck_require__.e(456), __nccwpck_require__.e(60)]).then(__nccwpck_require__.bind(__nccwpck_require__, 30060));
    await runAction(startedAt);
}
// What escapes main (a chunk that cannot be loaded, a throw before runAction's own handling) is still one failure,
// not an unhandled rejection's stack trace.
main().catch((error) => failStep(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`));

