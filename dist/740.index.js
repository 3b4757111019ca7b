export const id = 740;
export const ids = [740];
export const modules = {

/***/ 2740:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  actionMain: () => (/* binding */ actionMain)
});

// EXTERNAL MODULE: ./src/config/load.ts
var load = __webpack_require__(1036);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/github/context.ts
/**
 * What a workflow run tells us about itself: repository, event, the commit under test
 * and the pull request, read from the runner's environment and event payload.
 */


function readEvent(path) {
    if (!path)
        return {};
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch (error) {
        throw new errors/* UsageError */.eb(`cannot read the event payload GITHUB_EVENT_PATH=${path}: ${error.message}`);
    }
}
/** The head SHA for an event, per GITHUB.md. */
function headShaFor(eventName, payload, githubSha) {
    if (eventName.startsWith('pull_request'))
        return payload.pull_request?.head?.sha ?? githubSha;
    if (eventName === 'merge_group')
        return payload.merge_group?.head_sha ?? githubSha;
    return githubSha;
}
/**
 * Reads the run context from the runner's environment.
 * @throws UsageError when GITHUB_REPOSITORY or the commit cannot be determined.
 */
function readRunContext(env) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo)
        throw new errors/* UsageError */.eb('GITHUB_REPOSITORY is not set (expected owner/repo; is this running in GitHub Actions?)');
    const eventName = env.GITHUB_EVENT_NAME ?? 'workflow_dispatch';
    const payload = readEvent(env.GITHUB_EVENT_PATH);
    const headSha = headShaFor(eventName, payload, env.GITHUB_SHA);
    if (!headSha)
        throw new errors/* UsageError */.eb(`cannot tell the commit under test for event ${eventName} (GITHUB_SHA is not set)`);
    const pr = payload.pull_request;
    const fullName = `${owner}/${repo}`;
    const headRepository = pr?.head?.repo?.full_name ?? fullName;
    const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
    const runId = env.GITHUB_RUN_ID;
    return {
        owner,
        repo,
        eventName,
        headSha,
        pullRequest: pr?.number === undefined
            ? undefined
            : {
                number: pr.number,
                body: pr.body ?? '',
                labels: (pr.labels ?? []).map((label) => label.name ?? '').filter(Boolean),
                author: pr.user?.login ?? '',
                headRepository,
            },
        isFork: pr !== undefined && headRepository.toLowerCase() !== fullName.toLowerCase(),
        serverUrl,
        runUrl: runId ? `${serverUrl}/${fullName}/actions/runs/${runId}` : undefined,
        runKey: [runId ?? 'local', env.GITHUB_RUN_ATTEMPT ?? '1', env.GITHUB_JOB ?? 'job'].join('.'),
    };
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
;// CONCATENATED MODULE: ./src/github/api.ts
/** A failed GitHub call, with the status and GitHub's message. */
class GitHubError extends Error {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
        this.name = 'GitHubError';
    }
    /** A read-only token: a fork's PR, or missing `permissions:` (GITHUB.md, "Forks and tokens"). */
    get readOnly() {
        return this.status === 403 && /not accessible by integration|write access|permission/i.test(this.message);
    }
    /** Worth trying again: a server error or a lost connection. */
    get transient() {
        return this.status >= 500 || this.status === 0;
    }
}

;// CONCATENATED MODULE: ./src/github/octokit.ts
/**
 * {@link GitHubApi} over `@actions/github` with `@octokit/plugin-retry` and
 * `@octokit/plugin-throttling`: 5xx retried with back-off, `retry-after` honoured on
 * primary and secondary rate limits. Creates run with `retries: 0`; the callers make
 * them idempotent (see `reporters/github/`).
 */




/** Retries of a rate-limited request before giving up. */
const RATE_LIMIT_RETRIES = 3;
function toInfo(run) {
    return {
        id: run.id,
        name: run.name,
        status: run.status,
        conclusion: run.conclusion,
        htmlUrl: run.html_url ?? undefined,
        externalId: run.external_id ?? undefined,
        title: run.output.title ?? undefined,
        summary: run.output.summary ?? undefined,
    };
}
/** Converts an Octokit error to a {@link GitHubError} carrying GitHub's own message. */
function wrap(error) {
    if (error instanceof GitHubError)
        return error;
    const status = typeof error.status === 'number' ? error.status : 0;
    const data = error.response?.data;
    const message = data && typeof data === 'object' && typeof data.message === 'string'
        ? data.message
        : error instanceof Error
            ? error.message
            : String(error);
    return new GitHubError(status, message);
}
async function call(work) {
    try {
        return await work();
    }
    catch (error) {
        throw wrap(error);
    }
}
/** Creates the API client. */
function createGitHubApi(options) {
    const { owner, repo, logger } = options;
    const octokit = (0,github/* getOctokit */.Q)(options.token, {
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        userAgent: 'release-gates',
        retry: { retryAfterBaseValue: options.retryBaseMs ?? 1000 },
        throttle: {
            onRateLimit: (retryAfter, request, _octokit, retryCount) => {
                logger.warning(`GitHub rate limit on ${request.method} ${request.url}; retrying after ${retryAfter} s`);
                return retryCount < RATE_LIMIT_RETRIES;
            },
            onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
                logger.warning(`GitHub secondary rate limit on ${request.method} ${request.url}; retrying after ${retryAfter} s`);
                return retryCount < RATE_LIMIT_RETRIES;
            },
        },
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
    const repoParams = { owner, repo };
    const noRetry = { request: { retries: 0 } };
    return {
        createCheckRun: (input) => call(async () => {
            const { data } = await octokit.rest.checks.create({
                ...repoParams,
                ...noRetry,
                name: input.name,
                head_sha: input.headSha,
                started_at: new Date().toISOString(),
                ...(input.conclusion
                    ? { status: 'completed', conclusion: input.conclusion, completed_at: new Date().toISOString() }
                    : { status: 'in_progress' }),
                external_id: input.externalId,
                ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
                output: input.output,
            });
            return toInfo(data);
        }),
        completeCheckRun: (id, input) => call(async () => {
            await octokit.rest.checks.update({
                ...repoParams,
                check_run_id: id,
                status: 'completed',
                conclusion: input.conclusion,
                completed_at: new Date().toISOString(),
                output: input.output,
            });
        }),
        addAnnotations: (id, output) => call(async () => {
            await octokit.rest.checks.update({ ...repoParams, check_run_id: id, output });
        }),
        listCheckRuns: (ref, checkName) => call(async () => {
            const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
                ...repoParams,
                ref,
                per_page: 100,
                filter: 'all',
                ...(checkName ? { check_name: checkName } : {}),
            });
            return runs.map(toInfo);
        }),
        listComments: (issue) => call(async () => {
            const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repoParams, issue_number: issue, per_page: 100 });
            return comments.map((comment) => ({ id: comment.id, body: comment.body ?? '' }));
        }),
        createComment: (issue, body) => call(async () => {
            const { data } = await octokit.rest.issues.createComment({ ...repoParams, ...noRetry, issue_number: issue, body });
            return { id: data.id, body: data.body ?? '' };
        }),
        updateComment: (id, body) => call(async () => {
            await octokit.rest.issues.updateComment({ ...repoParams, comment_id: id, body });
        }),
        deleteComment: (id) => call(async () => {
            await octokit.rest.issues.deleteComment({ ...repoParams, comment_id: id });
        }),
    };
}

// EXTERNAL MODULE: ./src/gates/run.ts + 3 modules
var gates_run = __webpack_require__(2114);
// EXTERNAL MODULE: ./src/io/http.ts
var io_http = __webpack_require__(742);
// EXTERNAL MODULE: ./src/io/output.ts
var io_output = __webpack_require__(2475);
// EXTERNAL MODULE: ./src/reporters/evidence.ts
var evidence = __webpack_require__(4993);
;// CONCATENATED MODULE: ./src/reporters/markdown/escape.ts
/**
 * Escaping for text that did not come from us (response bodies, PR text, check names)
 * before it goes into markdown: it must not break a table, open HTML, run code spans or
 * mention people (issue #3, "must not break out of the comment's markdown").
 */
const HTML = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Escapes text for inline markdown: HTML, `|`, backticks, emphasis, links and @mentions. */
function escapeInline(text) {
    return text
        .replace(/[&<>"]/g, (char) => HTML[char] ?? char)
        .replace(/([\\`*_[\]|#~])/g, '\\$1')
        .replace(/@/g, '&#64;')
        .replace(/\r?\n/g, ' ');
}
/** Escapes text for a table cell, cut to `max` characters. */
function escapeCell(text, max = 200) {
    const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
    return escapeInline(cut);
}
/** A fenced code block that the text cannot close, whatever backticks it holds. */
function codeBlock(text) {
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}text\n${text.replace(/@/g, '@\u200b')}\n${fence}`;
}
/** A link whose text is escaped and whose URL must be http(s). */
function escape_link(text, url) {
    if (!url || !/^https?:\/\//.test(url))
        return text;
    return `[${text}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}

;// CONCATENATED MODULE: ./src/reporters/markdown/tables.ts

/** Status as an emoji and a word; `in progress` for a check run still running. */
function statusBadge(status) {
    const emoji = { passed: '✅', failed: '❌', pending: '⏳', skipped: '⏭️', 'in progress': '🔄' }[status];
    return `${emoji} ${status}`;
}
/** One-line tally of a gate, e.g. `1 failed, 6 passed`; used as the check run's title. */
function tally(result) {
    if (result.status === 'skipped')
        return result.reason ?? 'not run';
    const order = ['failed', 'pending', 'passed', 'skipped'];
    const parts = order
        .map((status) => [status, result.checks.filter((check) => check.status === status).length])
        .filter(([, count]) => count > 0)
        .map(([status, count]) => `${count} ${status}`);
    return parts.join(', ') || 'no checks';
}
/** The table of a gate's checks: check, result, measured, expected, ms. */
function checksTable(result, lineLink = () => undefined) {
    const rows = result.checks.map((check) => `| ${escape_link(escapeCell(check.name, 80), lineLink(check))} | ${statusBadge(check.status)} | ${escapeCell(check.measured)} | ${escapeCell(check.expected)} | ${check.durationMs} |`);
    return ['| check | result | measured | expected | ms |', '|---|---|---|---|---:|', ...rows].join('\n');
}
/** Rows are gates, columns are environments, each cell links to its check run. */
function gatesTable(cells) {
    const environments = [...new Set(cells.map((cell) => cell.environment ?? '—'))];
    const gates = [...new Set(cells.map((cell) => cell.gate))];
    const header = `| gate | ${environments.map((env) => escapeCell(env, 40)).join(' | ')} |`;
    const rule = `|---|${environments.map(() => '---').join('|')}|`;
    const rows = gates.map((gate) => {
        const columns = environments.map((env) => {
            const cell = cells.find((c) => c.gate === gate && (c.environment ?? '—') === env);
            return cell ? escape_link(`${statusBadge(cell.status)} · ${escapeCell(cell.title, 60)}`, cell.url) : '';
        });
        return `| ${escapeCell(gate, 40)} | ${columns.join(' | ')} |`;
    });
    return [header, rule, ...rows].join('\n');
}

;// CONCATENATED MODULE: ./src/reporters/github/check-run.ts


/** Every release-gates check run name starts with this. */
const CHECK_RUN_PREFIX = 'release-gates / ';
/** GitHub accepts at most 50 annotations per request (GITHUB.md). */
const ANNOTATIONS_PER_REQUEST = 50;
/** `output.summary` and `output.text` are each at most 65,535 characters (GITHUB.md). */
const MAX_OUTPUT_CHARS = 65_535;
/** An annotation title is at most 255 characters (GITHUB.md). */
const MAX_ANNOTATION_TITLE = 255;
const COMMENT_ID = /<!-- release-gates:comment=(\d+) -->/;
/** `release-gates / smoke (staging)`, or `release-gates / smoke` without an environment. */
function checkRunName(gate, environment) {
    return `${CHECK_RUN_PREFIX}${gate}${environment ? ` (${environment})` : ''}`;
}
/** The gate and environment of a release-gates check run name, or undefined. */
function parseCheckRunName(name) {
    const match = /^release-gates \/ (\S+)(?: \((.+)\))?$/.exec(name);
    return match?.[1] ? { gate: match[1], environment: match[2] } : undefined;
}
/**
 * The conclusion for a gate result. A failing gate is never `neutral` (required checks
 * treat neutral as passing); a gate not run because an earlier one failed is
 * `cancelled`, for the same reason; a checklist waiting for a person is
 * `action_required`.
 */
function conclusionFor(result) {
    if (result.interrupted === 'cancelled' || result.status === 'skipped')
        return 'cancelled';
    if (result.status === 'passed')
        return 'success';
    if (result.status === 'pending')
        return 'action_required';
    return result.interrupted === 'deadline' ? 'timed_out' : 'failure';
}
/** The comment id a check run's summary records, if any. */
function commentIdIn(summary) {
    const match = summary ? COMMENT_ID.exec(summary) : null;
    return match?.[1] ? Number(match[1]) : undefined;
}
/** Cuts text to `max` characters, saying so. */
function fit(text, max, what) {
    if (text.length <= max)
        return text;
    const note = `\n\n… ${what} truncated at ${max} characters; the full record is in the evidence artifact.`;
    return text.slice(0, max - note.length) + note;
}
/** Title, summary (the checks table) and text (each failure's evidence). */
function checkRunOutput(result, context) {
    const header = [
        `**${escapeInline(result.gate)}**${result.environment ? ` against **${escapeInline(result.environment)}**` : ''}` +
            `${context.environmentUrl ? ` (${escapeInline(context.environmentUrl)})` : ''} for \`${context.headSha.slice(0, 12)}\`, config \`${context.configDigest.slice(0, 19)}…\``,
        '',
    ];
    const body = result.checks.length ? checksTable(result, context.lineLink) : escapeInline(result.reason ?? 'no checks');
    const marker = context.commentId === undefined ? '' : `\n<!-- release-gates:comment=${context.commentId} -->`;
    const summary = fit(header.join('\n') + body, MAX_OUTPUT_CHARS - marker.length, 'summary') + marker;
    const failures = result.checks
        .filter((check) => check.status === 'failed' || check.status === 'pending')
        .map((check) => [
        `### ${check.status === 'failed' ? '❌' : '⏳'} ${escapeInline(check.name)}`,
        `${escapeInline(check.summary)} (${escapeInline(`${check.location.file}:${check.location.line}`)})`,
        '',
        codeBlock([`measured: ${check.measured}`, `expected: ${check.expected}`, ...check.details].join('\n')),
    ].join('\n'));
    return {
        title: fit(tally(result), 1000, 'title'),
        summary,
        ...(failures.length ? { text: fit(failures.join('\n\n'), MAX_OUTPUT_CHARS, 'text') } : {}),
    };
}
/** One failure annotation per failing or pending check, at its config line. */
function annotationsFor(result, configPath) {
    return result.checks
        .filter((check) => check.status === 'failed' || check.status === 'pending')
        .map((check) => ({
        path: configPath,
        start_line: check.location.line,
        end_line: check.location.line,
        annotation_level: check.status === 'failed' ? 'failure' : 'warning',
        message: fit(`${check.summary}\nmeasured: ${check.measured}\nexpected: ${check.expected}`, 64_000, 'message'),
        title: `${result.gate}: ${check.name}`.slice(0, MAX_ANNOTATION_TITLE),
    }));
}
/** Splits annotations into requests of at most {@link ANNOTATIONS_PER_REQUEST}. */
function batches(items, size = ANNOTATIONS_PER_REQUEST) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}

;// CONCATENATED MODULE: ./src/reporters/github/create-once.ts
/**
 * Creating a check run at most once. A POST retried after a 5xx can create a duplicate
 * (GITHUB.md, "Rate limits"), so after a failed create we look the run up by name and
 * by the external id we gave it before trying again.
 */

/** Create attempts before giving up. */
const CREATE_ATTEMPTS = 3;
async function createCheckRunOnce(api, input, logger, sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))) {
    for (let attempt = 1;; attempt++) {
        try {
            return await api.createCheckRun(input);
        }
        catch (error) {
            if (!(error instanceof GitHubError) || !error.transient || attempt >= CREATE_ATTEMPTS)
                throw error;
            logger.warning(`creating check run "${input.name}" failed (${error.status} ${error.message}); checking whether it was created`);
            await sleep(500 * attempt);
            const existing = (await api.listCheckRuns(input.headSha, input.name)).find((run) => run.externalId === input.externalId);
            if (existing)
                return existing;
        }
    }
}

;// CONCATENATED MODULE: ./src/reporters/github/sticky-comment.ts
/**
 * The one sticky PR comment: a table of gates by environment, rebuilt from the
 * `release-gates / …` check runs on the commit so that parallel jobs converge
 * (PRODUCT.md, "Reporting contract"; GITHUB.md, "PR comments").
 */




/** Hidden marker that identifies the sticky comment. */
const COMMENT_MARKER = '<!-- release-gates:sticky-comment -->';
/** A comment body is at most 65,536 characters (GITHUB.md). */
const MAX_COMMENT_CHARS = 65_536;
const CONCLUSION_STATUS = {
    success: 'passed',
    neutral: 'passed',
    failure: 'failed',
    timed_out: 'failed',
    action_required: 'pending',
    cancelled: 'skipped',
    skipped: 'skipped',
    stale: 'skipped',
};
/**
 * Cells from the commit's check runs, the newest run per name (highest id); `own`
 * replaces the runs this job has just finished.
 */
function cellsFromCheckRuns(runs, own) {
    const cells = new Map();
    const latest = [...runs].sort((a, b) => a.id - b.id);
    for (const run of latest) {
        const parsed = parseCheckRunName(run.name);
        if (!parsed)
            continue;
        const status = run.status === 'completed' ? (CONCLUSION_STATUS[run.conclusion ?? ''] ?? 'failed') : 'in progress';
        cells.set(run.name, { ...parsed, status, title: run.title ?? run.status, url: run.htmlUrl });
    }
    for (const cell of own)
        cells.set(cell.name, cell);
    return [...cells.values()].sort((a, b) => (a.environment ?? '').localeCompare(b.environment ?? ''));
}
/** The comment body, within GitHub's limit; says so when rows had to be dropped. */
function commentBody(cells, context) {
    const head = `${COMMENT_MARKER}\n### release-gates for \`${context.headSha.slice(0, 12)}\`\n\n`;
    const foot = `\n\n<sub>Rebuilt from the \`release-gates / …\` check runs on ${context.headSha.slice(0, 12)} at ${context.updatedAt.toISOString()}${context.runUrl ? ` by ${escape_link('this run', context.runUrl)}` : ''}.</sub>\n`;
    let shown = [...cells];
    for (;;) {
        const dropped = cells.length - shown.length;
        const note = dropped ? `\n\n**Truncated:** ${dropped} of ${cells.length} results are not shown (comment limit ${MAX_COMMENT_CHARS} characters); see the check runs.` : '';
        const body = head + gatesTable(shown) + note + foot;
        if (body.length <= MAX_COMMENT_CHARS || shown.length === 0)
            return body.slice(0, MAX_COMMENT_CHARS);
        shown = shown.slice(0, Math.floor(shown.length * 0.9));
    }
}
/** The comment ids with the marker, lowest first. */
function markedIds(comments) {
    return comments
        .filter((comment) => comment.body.includes(COMMENT_MARKER))
        .map((comment) => comment.id)
        .sort((a, b) => a - b);
}
/**
 * Writes the sticky comment and returns its id. Tries `knownId` first (from a check
 * run's summary), then looks it up (paginated); creates it when missing, then lists
 * again and deletes every duplicate but the lowest id, because find-then-create is not
 * atomic (GITHUB.md).
 */
async function upsertComment(api, issue, body, knownId, logger) {
    if (knownId !== undefined) {
        try {
            await api.updateComment(knownId, body);
            return knownId;
        }
        catch (error) {
            if (!(error instanceof GitHubError) || error.status !== 404)
                throw error;
            logger.debug(`sticky comment ${knownId} is gone; looking it up`);
        }
    }
    const existing = markedIds(await api.listComments(issue))[0];
    if (existing !== undefined) {
        await api.updateComment(existing, body);
        return existing;
    }
    let created;
    try {
        created = (await api.createComment(issue, body)).id;
    }
    catch (error) {
        if (!(error instanceof GitHubError) || !error.transient)
            throw error;
        logger.warning(`creating the PR comment failed (${error.status} ${error.message}); checking whether it was created`);
    }
    const ids = markedIds(await api.listComments(issue));
    const keep = ids[0];
    if (keep === undefined) {
        created = (await api.createComment(issue, body)).id;
        return created;
    }
    for (const duplicate of ids.slice(1)) {
        await api.deleteComment(duplicate).catch((error) => logger.debug(`deleting duplicate comment ${duplicate}: ${String(error)}`));
    }
    if (keep !== created)
        await api.updateComment(keep, body);
    return keep;
}
/** The sticky comment id recorded by any release-gates check run, if one is. */
function knownCommentId(runs) {
    for (const run of [...runs].sort((a, b) => b.id - a.id)) {
        const id = parseCheckRunName(run.name) ? commentIdIn(run.summary) : undefined;
        if (id !== undefined)
            return id;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/reporters/github/index.ts






/** A comparable key of the comment's cells (without the time it was written). */
function cellsKey(runs, own) {
    return JSON.stringify(cellsFromCheckRuns(runs, own));
}
/** Status of a finished gate as a comment cell. */
function cellOf(result, url) {
    return { name: checkRunName(result.gate, result.environment), gate: result.gate, environment: result.environment, status: result.status, title: tally(result), url };
}
class GitHubReporter {
    options;
    started = new Map();
    readOnlyReason;
    annotated = false;
    constructor(options) {
        this.options = options;
        const { context, api } = options;
        if (!api)
            this.readOnly('no github-token was given');
        else if (context.isFork)
            this.readOnly(`this pull request comes from the fork ${context.pullRequest?.headRepository ?? ''}, so the token is read-only`);
    }
    /** True once writes are off; reports go to the job summary and annotations. */
    get isReadOnly() {
        return this.readOnlyReason !== undefined;
    }
    readOnly(reason) {
        if (this.readOnlyReason !== undefined)
            return;
        this.readOnlyReason = reason;
        this.options.annotator.notice(`release-gates: ${reason}. Writing the job summary and annotations only; no check runs or PR comment. The step still passes or fails on the gates' result.`);
    }
    /** Runs a GitHub call; a failure is logged (or turns writes off) and never thrown. */
    async attempt(what, work) {
        const api = this.options.api;
        if (!api || this.isReadOnly)
            return undefined;
        try {
            return await work(api);
        }
        catch (error) {
            if (error instanceof GitHubError && error.readOnly)
                this.readOnly(`GitHub answered ${error.status} "${error.message}" when ${what}`);
            else
                this.options.logger.warning(`release-gates could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
            return undefined;
        }
    }
    /** Before a gate runs: its check run, in progress. */
    async gateStarted(gate, environment) {
        const name = checkRunName(gate, environment);
        const { context } = this.options;
        const run = await this.attempt(`create the check run "${name}"`, (api) => createCheckRunOnce(api, {
            name,
            headSha: context.headSha,
            externalId: `${context.runKey}:${gate}:${environment ?? ''}`,
            detailsUrl: context.runUrl,
            output: { title: 'running', summary: `**${gate}** is running${environment ? ` against **${environment}**` : ''}.` },
        }, this.options.logger));
        if (run)
            this.started.set(name, { id: run.id, htmlUrl: run.htmlUrl });
    }
    /** After a gate: its result is kept, completed at {@link finish}. */
    gateFinished(result) {
        const started = this.started.get(checkRunName(result.gate, result.environment));
        if (started)
            started.result = result;
    }
    async complete(started, result, commentId) {
        const output = checkRunOutput(result, { ...this.options, headSha: this.options.context.headSha, commentId });
        const [first = [], ...rest] = batches(annotationsFor(result, this.options.configPath));
        const conclusion = conclusionFor(result);
        const done = await this.attempt(`complete the check run "${checkRunName(result.gate, result.environment)}"`, async (api) => {
            await api.completeCheckRun(started.id, { conclusion, output: { ...output, annotations: first } });
            return true;
        });
        for (const annotations of done ? rest : []) {
            await this.attempt('add annotations', (api) => api.addAnnotations(started.id, { title: output.title, summary: output.summary, annotations }));
        }
    }
    /**
     * After every gate. Completes the check runs, writes the sticky comment on a PR, and
     * creates completed runs for gates that were not run. Order: earlier gates complete
     * first; the comment is written from the commit's check runs; the last gate completes
     * with the comment's id recorded, so a later run can update it without a lookup
     * (4 requests for one gate when the comment exists). If other release-gates runs were
     * still in progress, the comment is rebuilt once more after ours completes, so that
     * parallel jobs converge.
     */
    async finish(run) {
        for (const result of run.gates.filter((gate) => gate.status === 'skipped'))
            await this.reportNotRun(result);
        const finished = [...this.started.values()].filter((s) => s.result !== undefined);
        const last = finished.at(-1);
        for (const started of finished.slice(0, -1))
            await this.complete(started, started.result);
        const pr = this.options.context.pullRequest;
        if (last && !pr)
            await this.complete(last, last.result);
        if (last && pr && !this.isReadOnly) {
            const own = finished.map((s) => cellOf(s.result, s.htmlUrl));
            const runs = (await this.listRuns()) ?? [];
            const written = await this.writeComment(pr.number, runs, own, knownCommentId(runs));
            await this.complete(last, last.result, written?.id);
            const ownNames = new Set(own.map((cell) => cell.name));
            const othersRunning = runs.some((r) => parseCheckRunName(r.name) && !ownNames.has(r.name) && r.status !== 'completed');
            if (written && othersRunning) {
                const again = await this.listRuns();
                if (again && cellsKey(again, []) !== written.key)
                    await this.writeComment(pr.number, again, [], written.id);
            }
        }
        if (this.isReadOnly)
            this.annotateInLog(run);
    }
    listRuns() {
        return this.attempt('list the check runs on the commit', (api) => api.listCheckRuns(this.options.context.headSha));
    }
    /** A gate not run because an earlier one failed: a completed run, in one request. */
    async reportNotRun(result) {
        const { context } = this.options;
        const name = checkRunName(result.gate, result.environment);
        await this.attempt(`create the check run "${name}"`, (api) => createCheckRunOnce(api, {
            name,
            headSha: context.headSha,
            externalId: `${context.runKey}:${result.gate}:${result.environment ?? ''}`,
            detailsUrl: context.runUrl,
            output: { title: tally(result), summary: escapeInline(result.reason ?? 'not run') },
            conclusion: conclusionFor(result),
        }, this.options.logger));
    }
    async writeComment(issue, runs, own, knownId) {
        const { context, logger } = this.options;
        const cells = cellsFromCheckRuns(runs, own);
        const body = commentBody(cells, { headSha: context.headSha, runUrl: context.runUrl, updatedAt: new Date() });
        const id = await this.attempt('write the PR comment', (api) => upsertComment(api, issue, body, knownId, logger));
        return id === undefined ? undefined : { id, key: JSON.stringify(cells) };
    }
    /** Read-only mode: the failing checks as workflow-command annotations. */
    annotateInLog(run) {
        if (this.annotated)
            return;
        this.annotated = true;
        for (const result of run.gates) {
            for (const annotation of annotationsFor(result, this.options.configPath)) {
                this.options.annotator.annotate(annotation.annotation_level === 'failure' ? 'error' : 'warning', annotation.message, {
                    file: annotation.path,
                    line: annotation.start_line,
                    ...(annotation.title ? { title: annotation.title } : {}),
                });
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/reporters/job-summary.ts



/** The step summary limit is 1 MiB; keep well inside it. */
const MAX_SUMMARY_CHARS = 1_000_000;
function gateSection(result, lineLink) {
    const heading = `### ${escapeInline(result.gate)}${result.environment ? ` · ${escapeInline(result.environment)}` : ''}: ${tally(result)}`;
    if (result.status === 'skipped')
        return `${heading}\n\n${escapeInline(result.reason ?? 'not run')}`;
    const failures = result.checks
        .filter((check) => check.status === 'failed' || check.status === 'pending')
        .map((check) => `<details><summary>${check.status === 'failed' ? '❌' : '⏳'} ${escapeInline(check.name)}: ${escapeInline(check.summary)}</summary>\n\n${codeBlock([`measured: ${check.measured}`, `expected: ${check.expected}`, `config: ${check.location.file}:${check.location.line}`, ...check.details].join('\n'))}\n\n</details>`);
    return [heading, '', checksTable(result, lineLink), ...(failures.length ? ['', ...failures] : [])].join('\n');
}
/** The markdown of the job summary for a run. */
function jobSummary(run, context) {
    const cells = run.gates.map((gate) => ({ gate: gate.gate, environment: gate.environment, status: gate.status, title: tally(gate) }));
    const parts = [
        `## release-gates${context.headSha ? ` for \`${context.headSha.slice(0, 12)}\`` : ''}: ${run.status}`,
        ...(context.notice ? ['', `> ${escapeInline(context.notice)}`] : []),
        '',
        gatesTable(cells),
        ...run.gates.flatMap((gate) => ['', gateSection(gate, context.lineLink)]),
    ];
    return `${fit(parts.join('\n'), MAX_SUMMARY_CHARS, 'job summary')}\n`;
}

// EXTERNAL MODULE: ./src/reporters/terminal/index.ts + 2 modules
var reporters_terminal = __webpack_require__(3967);
// EXTERNAL MODULE: ./src/secrets/registry.ts
var registry = __webpack_require__(3866);
// EXTERNAL MODULE: ./src/cli/exit-codes.ts
var exit_codes = __webpack_require__(8551);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
;// CONCATENATED MODULE: ./src/action/core-io.ts
/**
 * The runner's side of the action through `@actions/core`: logging, annotations,
 * masking, outputs and the job summary. Untrusted text goes to the log inside
 * `::stop-commands::` so it cannot run workflow commands (GITHUB.md, "Runner contract").
 */


const COMMAND_LIKE = /^\s*(::|##\[)/m;
/**
 * Writes text to the log; text holding something that looks like a workflow command is
 * wrapped in `::stop-commands::<token>` … `::<token>::`.
 */
function guardedWrite(write, text) {
    if (!COMMAND_LIKE.test(text)) {
        write(text);
        return;
    }
    const token = (0,external_node_crypto_.randomUUID)();
    write(`::stop-commands::${token}\n${text}${text.endsWith('\n') ? '' : '\n'}::${token}::\n`);
}
/** stdout and stderr of the step, with workflow commands disabled inside untrusted text. */
const actionOutput = {
    out: (text) => guardedWrite((t) => process.stdout.write(t), text),
    err: (text) => guardedWrite((t) => process.stdout.write(t), text),
    isTTY: false,
    columns: 160,
};
/** Logger and annotator over `@actions/core`. */
const coreLog = {
    info: (message) => guardedWrite((t) => process.stdout.write(t), `${message}\n`),
    warning: (message) => core.warning(message),
    debug: (message) => core.debug(message),
    notice: (message) => core.notice(message),
    annotate: (level, message, where) => {
        const properties = { file: where.file, startLine: where.line, ...(where.column ? { startColumn: where.column } : {}), ...(where.title ? { title: where.title } : {}) };
        if (level === 'error')
            core.error(message, properties);
        else if (level === 'warning')
            core.warning(message, properties);
        else
            core.notice(message, properties);
    },
};
/** Masks a value in the runner's log (`::add-mask::`); multi-line values line by line. */
function mask(value) {
    for (const line of value.split(/\r?\n/))
        if (line)
            core.setSecret(line);
}


// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/gates/registry.ts + 2 modules
var gates_registry = __webpack_require__(3130);
;// CONCATENATED MODULE: ./src/action/settings.ts
/**
 * The action's inputs, read once into a typed settings object (as actions/checkout's
 * input-helper does). Composite steps pass inputs through `env:` as `INPUT_*`.
 */





function input(env, name) {
    return (env[`INPUT_${name}`] ?? '').trim();
}
/**
 * Reads the inputs. `gateOverride` is the gate of a per-gate action (`actions/smoke`).
 * @throws UsageError for an unknown gate or an empty gate list.
 */
function readSettings(env, gateOverride) {
    const names = (gateOverride ?? input(env, 'GATES')).split(/[\s,]+/).filter(Boolean);
    if (names.length === 0)
        throw new errors/* UsageError */.eb('input "gates" is empty (expected gate names such as "preflight smoke")');
    const gates = names.map(gates_registry/* gateNamed */.H);
    const config = input(env, 'CONFIG') || load/* DEFAULT_CONFIG_PATH */.Bi;
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    const absolute = (0,external_node_path_.isAbsolute)(config) ? config : (0,external_node_path_.resolve)(config);
    const environment = input(env, 'ENVIRONMENT') || undefined;
    const slug = [...names, environment ?? 'default'].join('-').replace(/[^A-Za-z0-9._-]+/g, '-');
    return {
        gates,
        config,
        configInRepo: (0,external_node_path_.relative)(workspace, absolute).split('\\').join('/'),
        environment,
        token: input(env, 'GITHUB_TOKEN') || undefined,
        reportPath: (0,external_node_path_.join)(env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)(), 'release-gates', `evidence-${slug}.json`),
        artifactName: `release-gates-${slug}-${env.GITHUB_JOB ?? 'job'}`,
    };
}

;// CONCATENATED MODULE: ./src/action/run-action.ts
/**
 * The action: run the configured gates for one environment and report them on the
 * commit (check runs), the PR (sticky comment), the job summary, the step outputs and
 * the evidence record. The step's exit code follows the gates' result, never a
 * reporting problem.
 */
















/** Reports a config error as annotations at each problem and in the job summary. */
async function reportUserError(error, secrets) {
    if (error instanceof errors/* ConfigurationError */.j1) {
        for (const problem of error.problems) {
            const { file, line, column } = problem.location;
            coreLog.annotate('error', secrets.redact(problem.message), { file, line, column, title: 'release-gates config' });
        }
    }
    else {
        core.error(secrets.redact(error.message));
    }
    await core.summary.addRaw(`## release-gates: configuration error\n\n${codeBlock(secrets.redact(error.message))}\n`).write();
}
/** Runs the action; returns the exit code. `gateOverride` is set by per-gate actions. */
async function runAction(env, gateOverride) {
    const secrets = new registry/* SecretRegistry */.ks();
    secrets.onAdd(mask);
    secrets.addFromEnvironment(env, new Set());
    const output = (0,io_output/* redacting */.qG)(actionOutput, secrets);
    const startedAt = new Date();
    try {
        const settings = readSettings(env, gateOverride);
        secrets.add(settings.token);
        const context = readRunContext(env);
        const loaded = await (0,load/* loadConfig */.Z9)(settings.config);
        const api = settings.token
            ? createGitHubApi({ token: settings.token, owner: context.owner, repo: context.repo, baseUrl: env.GITHUB_API_URL, logger: coreLog, ...(env.RELEASE_GATES_RETRY_BASE_MS ? { retryBaseMs: Number(env.RELEASE_GATES_RETRY_BASE_MS) } : {}) })
            : undefined;
        const blob = `${context.serverUrl}/${context.owner}/${context.repo}/blob/${context.headSha}/${settings.configInRepo}`;
        let environmentUrl;
        const reporter = new GitHubReporter({
            api,
            context,
            configPath: settings.configInRepo,
            configDigest: loaded.source.digest,
            logger: coreLog,
            annotator: coreLog,
            lineLink: (check) => `${blob}#L${check.location.line}`,
            get environmentUrl() {
                return environmentUrl;
            },
        });
        const terminal = new reporters_terminal/* TerminalReporter */.s(output, { color: false });
        const http = new io_http/* UndiciHttpClient */.ki();
        const run = await (0,gates_run/* runGates */.A)({
            loaded,
            gates: settings.gates,
            environment: settings.environment,
            env,
            secrets,
            io: { http },
            onGateStart: async (gate, checks, environment) => {
                environmentUrl = environment?.url;
                terminal.gateStarted(gate, checks, environment);
                await reporter.gateStarted(gate.name, environment?.name);
            },
            onEvent: (gate, event) => terminal.event(gate, event),
            onGateFinished: (result) => {
                terminal.gateFinished(result);
                reporter.gateFinished(result);
            },
        }).finally(() => http.close());
        terminal.finished(run);
        await reporter.finish(run);
        const summary = jobSummary(run, {
            headSha: context.headSha,
            lineLink: (check) => `${blob}#L${check.location.line}`,
            notice: reporter.isReadOnly ? 'Read-only token: results are in this summary and the annotations only.' : undefined,
        });
        await core.summary.addRaw(secrets.redact(summary)).write();
        const record = (0,evidence/* buildEvidence */.KX)(run, { commit: context.headSha, configFile: settings.configInRepo, configDigest: loaded.source.digest, startedAt, finishedAt: new Date() }, secrets);
        await (0,evidence/* writeEvidence */.nP)(settings.reportPath, record);
        core.setOutput('result', run.status);
        core.setOutput('report', settings.reportPath);
        core.setOutput('artifact-name', settings.artifactName);
        const code = (0,exit_codes/* exitCodeFor */.Rr)(run.status);
        if (code !== 0)
            core.setFailed(`release-gates: ${run.gates.map((g) => `${g.gate} ${g.status}`).join(', ')}`);
        return code;
    }
    catch (error) {
        if ((0,errors/* isUserError */.iU)(error)) {
            await reportUserError(error, secrets).catch(() => undefined);
            core.setOutput('result', 'failed');
            return exit_codes/* EXIT_USAGE */.Ri;
        }
        core.error(`release-gates: internal error (a bug, not a problem with your config): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return exit_codes/* EXIT_BUG */.Ce;
    }
}

;// CONCATENATED MODULE: ./src/action/index.ts
/** Entry of the actions: `node dist/index.js action [gate]`. */

async function actionMain(gate) {
    return runAction(process.env, gate);
}


/***/ })

};
