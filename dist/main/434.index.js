export const id = 434;
export const ids = [434];
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


/***/ })

};
