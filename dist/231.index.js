export const id = 231;
export const ids = [231];
export const modules = {

/***/ 8231:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  actionMain: () => (/* binding */ actionMain)
});

// EXTERNAL MODULE: ./src/config/load.ts + 1 modules
var load = __webpack_require__(9212);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/github/context.ts
var github_context = __webpack_require__(9556);
// EXTERNAL MODULE: ./src/evidence/pin.ts
var pin = __webpack_require__(666);
// EXTERNAL MODULE: ./src/gates/registry.ts + 42 modules
var registry = __webpack_require__(9691);
// EXTERNAL MODULE: ./src/gates/rollback/request.ts
var request = __webpack_require__(6876);
// EXTERNAL MODULE: ./src/github/identity.ts
var github_identity = __webpack_require__(7369);
// EXTERNAL MODULE: ./src/github/redacting.ts
var redacting = __webpack_require__(3656);
// EXTERNAL MODULE: ./src/gates/run.ts + 1 modules
var gates_run = __webpack_require__(8793);
// EXTERNAL MODULE: ./src/io/http.ts + 1 modules
var io_http = __webpack_require__(4997);
// EXTERNAL MODULE: ./src/io/output.ts
var io_output = __webpack_require__(2475);
// EXTERNAL MODULE: ./src/evidence/record.ts
var evidence_record = __webpack_require__(9784);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/github/api.ts
var github_api = __webpack_require__(8943);
// EXTERNAL MODULE: ./src/reporters/markdown/escape.ts
var markdown_escape = __webpack_require__(9991);
// EXTERNAL MODULE: ./src/reporters/markdown/monitor-chart.ts
var monitor_chart = __webpack_require__(2365);
// EXTERNAL MODULE: ./src/reporters/markdown/tables.ts
var tables = __webpack_require__(8461);
// EXTERNAL MODULE: ./src/evidence/identity.ts
var identity = __webpack_require__(4855);
// EXTERNAL MODULE: ./src/reporters/github/check-run.ts
var check_run = __webpack_require__(3996);
// EXTERNAL MODULE: ./src/reporters/github/sticky-comment.ts
var sticky_comment = __webpack_require__(6637);
;// CONCATENATED MODULE: ./src/reporters/github/comment-writer.ts
/**
 * Writing the one sticky comment of a pull request: at most one comment is ever created,
 * however the cells of a workflow run interleave, and the last write shows every cell's
 * latest result (issue #7). Every creation notifies the PR's subscribers, and deleting a
 * duplicate takes nothing back (GITHUB.md, "PR comments"), so a race must not create.
 *
 * The check runs on the commit are the ordering. Each cell creates its check run when
 * its first gate starts, so run ids order the cells, and the runs with a lower id than a
 * cell's own are all there once its run exists. In two steps around the completion of
 * the cell's last check run ({@link StickyComment.prepare}, then
 * {@link StickyComment.write}), reading only the runs of the token's own app:
 * 1. when a run records the comment's id, the cell updates that comment;
 * 2. otherwise only the creator writes it: the cell that owns the lowest-id run of this
 *    workflow run attempt (external ids start with `<run id>.<attempt>.`). Before it
 *    completes its run, it adopts this bot's comment from an earlier commit or creates
 *    one, and its completion records the id; then it lists the runs again and writes;
 * 3. any other cell completes its run, lists the runs again and updates the comment if
 *    an id is recorded by now, or leaves its result to the creator;
 * 4. whoever wrote lists again after its write and rewrites until the list matches what
 *    it wrote: the last write to land was checked against a list taken after it, and a
 *    cell that completes later lists, and writes, after that.
 *
 * Nothing is lost: a cell lists after completing, and the creator lists after recording,
 * so either the cell sees the id (and writes its own result) or it completed before the
 * creator's list (which shows it). One creation: one cell of a workflow run attempt owns
 * that attempt's lowest id. An earlier attempt or another workflow run never elects this
 * attempt's creator, so a cancelled run cannot block it. Two workflow runs that both find
 * no comment on the same PR at once could each create one (the example workflow runs
 * every cell in one workflow run, in a concurrency group per PR); the next creator keeps
 * the lowest and deletes the bot's duplicates. If the creator is cancelled before it
 * writes, the comment waits for the next run; the check runs and job summaries hold the
 * results.
 */



/** The release-gates check runs of the token's own app on the commit. */
async function ownRuns(w) {
    const runs = await w.api.listCheckRuns(w.headSha);
    return runs.filter((run) => (0,identity/* parseCheckRunName */.ex)(run.name) !== undefined && w.identity.owns(run));
}
function cellsKey(runs, own) {
    return JSON.stringify((0,sticky_comment/* cellsFromCheckRuns */.oT)(runs, own).map(({ gate, environment, status, title, url }) => ({ gate, environment, status, title, url })));
}
function bodyOf(w, runs) {
    return (0,sticky_comment/* commentBody */.I2)((0,sticky_comment/* cellsFromCheckRuns */.oT)(runs, w.own), {
        headSha: w.headSha,
        runUrl: w.runUrl,
        updatedAt: new Date(),
        environments: (0,sticky_comment/* environmentOrder */.CV)(runs, w.environments ?? []),
    });
}
/** True when this job owns the lowest-id run of its workflow run attempt. */
function isCreator(runs, attemptKey, ownRunIds) {
    const ids = [...runs.filter((run) => run.externalId?.startsWith(attemptKey)).map((run) => run.id), ...ownRunIds];
    return ids.length > 0 && ownRunIds.includes(Math.min(...ids));
}
/** This bot's sticky comments, lowest id first; a person's comment quoting the marker is not one. */
function ownComments(comments, identity) {
    return comments
        .filter((comment) => identity.wrote(comment) && comment.body.includes(sticky_comment/* COMMENT_MARKER */.JO))
        .map((comment) => comment.id)
        .sort((a, b) => a - b);
}
/** Updates a comment; undefined when it is gone (404: someone deleted it). */
async function update(w, id, runs) {
    try {
        await w.api.updateComment(id, bodyOf(w, runs));
        return { id, key: cellsKey(runs, w.own) };
    }
    catch (error) {
        if (!(error instanceof github_api/* GitHubError */.y) || error.status !== 404)
            throw error;
        w.logger.debug(`sticky comment ${id} is gone`);
        return undefined;
    }
}
/**
 * This bot's comment on the PR: the lowest id of its sticky comments, whose duplicates
 * (left by two workflow runs creating at once) are deleted; undefined when it has none.
 * Only this bot's comments are ever edited or deleted.
 */
async function adopt(w) {
    const [keep, ...duplicates] = ownComments(await w.api.listComments(w.issue), w.identity);
    for (const duplicate of duplicates) {
        await w.api
            .deleteComment(duplicate)
            .catch((error) => w.logger.debug(`deleting duplicate comment ${duplicate}: ${String(error)}`));
    }
    return keep;
}
/**
 * Creates the comment once. A create that answered 5xx may have happened (GITHUB.md,
 * "Rate limits"): the bot's comments are looked up before a second try.
 */
async function create(w, body) {
    try {
        return (await w.api.createComment(w.issue, body)).id;
    }
    catch (error) {
        if (!(error instanceof github_api/* GitHubError */.y) || !error.transient)
            throw error;
        w.logger.warning(`creating the PR comment failed (${error.status} ${error.message}); checking whether it was created`);
    }
    const adopted = await adopt(w);
    if (adopted === undefined)
        return (await w.api.createComment(w.issue, body)).id;
    await w.api.updateComment(adopted, body);
    return adopted;
}
/** The sticky comment as one job writes it: {@link prepare}, complete the job's last run, {@link write}. */
class StickyComment {
    w;
    prepared;
    constructor(w) {
        this.w = w;
    }
    /**
     * Before the job's last check run is completed: lists the runs and, as the creator with
     * no comment recorded, adopts this bot's comment or creates one.
     * @returns the comment id the completion must record, if any.
     * @throws GitHubError from GitHub; the reporter logs it and writes no comment.
     */
    async prepare() {
        const { w } = this;
        const runs = await ownRuns(w);
        const known = (0,sticky_comment/* knownCommentId */.mC)(runs);
        const creator = isCreator(runs, w.attemptKey, w.ownRunIds);
        if (known !== undefined) {
            this.prepared = { role: 'update', id: known, runs, creator };
            return undefined;
        }
        if (!creator) {
            this.prepared = { role: 'follower' };
            return undefined;
        }
        const adopted = await adopt(w);
        if (adopted !== undefined) {
            this.prepared = { role: 'adopted', id: adopted };
            return adopted;
        }
        const id = await create(w, bodyOf(w, runs));
        this.prepared = { role: 'created', id, key: cellsKey(runs, w.own) };
        return id;
    }
    /**
     * After the job's last check run is completed: writes the comment as its role says.
     * @returns its id, or undefined when this job left it to the creator.
     * @throws GitHubError from GitHub; the reporter logs it and the step goes on.
     */
    async write() {
        const { w, prepared } = this;
        if (!prepared)
            return undefined;
        let written;
        let runs;
        if (prepared.role === 'update') {
            runs = prepared.runs;
            written = await update(w, prepared.id, runs);
            if (!written && prepared.creator)
                written = await this.recreate();
        }
        else {
            runs = await ownRuns(w);
            if (prepared.role === 'created' && cellsKey(runs, w.own) === prepared.key)
                return prepared.id;
            const id = prepared.role === 'follower' ? (0,sticky_comment/* knownCommentId */.mC)(runs) : prepared.id;
            written = id === undefined ? undefined : await update(w, id, runs);
        }
        if (!written) {
            w.logger.debug('the PR comment is written by the cell with the lowest check run id of this workflow run');
            return undefined;
        }
        // A list taken before this write may lack a run created since (a cell that started
        // late): list once more after the write, and rewrite while the list changes. Each
        // round that rewrites needs another run to have completed meanwhile.
        for (let round = 0; round <= runs.length; round++) {
            runs = await ownRuns(w);
            if (cellsKey(runs, w.own) === written.key)
                break;
            written = (await update(w, written.id, runs)) ?? written;
        }
        return written.id;
    }
    /** The recorded comment was deleted: the creator adopts or creates one and records it, then lists again. */
    async recreate() {
        const { w } = this;
        const id = (await adopt(w)) ?? (await create(w, bodyOf(w, await ownRuns(w))));
        await w.record(id);
        const runs = await ownRuns(w);
        return (await update(w, id, runs)) ?? { id, key: cellsKey(runs, w.own) };
    }
}

;// CONCATENATED MODULE: ./src/reporters/github/create-once.ts
/**
 * Creating a check run at most once. A POST retried after a 5xx can create a duplicate
 * (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately), so after a failed create we look the run up by name and
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
            if (!(error instanceof github_api/* GitHubError */.y) || !error.transient || attempt >= CREATE_ATTEMPTS)
                throw error;
            logger.warning(`creating check run "${input.name}" failed (${error.status} ${error.message}); checking whether it was created`);
            await sleep(500 * attempt);
            const existing = (await api.listCheckRuns(input.headSha, input.name)).find((run) => run.externalId === input.externalId);
            if (existing)
                return existing;
        }
    }
}

;// CONCATENATED MODULE: ./src/reporters/github/index.ts
/**
 * Reports gates on GitHub: one check run per gate and environment, created in_progress
 * and completed at the end, and one sticky PR comment rebuilt from the commit's check
 * runs (see `comment-writer.ts`). With a read-only token (a fork's PR) it writes
 * annotations only, says why once, and never fails the step for a reporting problem:
 * the gate's result decides that.
 */











/** Status of a finished gate as a comment cell. */
function cellOf(result, url, lineLink) {
    return {
        name: (0,identity/* checkRunName */.$_)(result.gate, result.environment),
        gate: result.gate,
        environment: result.environment,
        status: result.status,
        title: (0,tables/* tally */.N4)(result),
        url,
        details: (0,check_run/* failuresText */.B2)(result, lineLink),
        ...((0,monitor_chart/* monitorCharts */.gP)(result).length > 0 ? { chart: true } : {}),
    };
}
/** The `permissions:` a job needs for a write (https://docs.github.com/rest/checks/runs, https://docs.github.com/rest/issues/comments). */
function permissionFor(what) {
    return /comment/.test(what) ? 'pull-requests: write' : /check run|annotations/.test(what) ? 'checks: write' : 'checks: read';
}
class GitHubReporter {
    options;
    started = new Map();
    /**
     * Makes this process's external ids unique. Matrix cells share GITHUB_RUN_ID and
     * GITHUB_JOB, so without it two cells on the same gate and environment would have the
     * same external id, and a create retried after a 5xx could adopt the sibling's run
     * (and overwrite its failure with our success).
     */
    nonce = (0,external_node_crypto_.randomUUID)().slice(0, 8);
    readOnlyReason;
    annotated = false;
    /** Ids of every check run this job created, for the comment's ordering. */
    runIds = [];
    identity;
    /** The sticky comment's id, once this job wrote it as its creator (recorded on its run). */
    commentId;
    constructor(options) {
        this.options = options;
        const { context, api } = options;
        this.identity = options.identity ?? new github_identity/* TokenIdentity */.u();
        if (!api)
            this.readOnly('no github-token was given');
        else if (context.isFork)
            this.readOnly(`this pull request comes from the fork ${context.pullRequest?.headRepository ?? ''}, so the token is read-only`);
    }
    /** The external id of a gate's check run: the job attempt, gate, environment and {@link nonce}. */
    externalId(gate, environment) {
        return `${this.options.context.runKey}:${gate}:${environment ?? ''}:${this.nonce}`;
    }
    /** The page of a gate's check run, once it was created (for the job summary's links). */
    checkRunUrl(gate, environment) {
        return this.started.get((0,identity/* checkRunName */.$_)(gate, environment))?.htmlUrl;
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
    /**
     * Runs a GitHub call; a failure is logged and never thrown. A refused write turns all
     * writes off, unless `onlyThis` (the PR comment: its permission is separate).
     */
    async attempt(what, work, onlyThis = false) {
        const outcome = await this.tryWrite(what, work, { onlyThis });
        return 'value' in outcome ? outcome.value : undefined;
    }
    /** {@link attempt}, telling why it failed; `quiet` leaves the logging to the caller. */
    async tryWrite(what, work, options = {}) {
        const api = this.options.api;
        if (!api || this.isReadOnly)
            return { reason: this.readOnlyReason ?? 'no token' };
        try {
            return { value: await work(api) };
        }
        catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            const reason = error instanceof github_api/* GitHubError */.y ? `GitHub answered ${error.status} "${error.message}"` : message;
            const denied = error instanceof github_api/* GitHubError */.y && error.readOnly;
            if (denied && options.onlyThis) {
                this.options.logger.warning(`release-gates could not ${what}: ${reason}; the job needs permissions: ${permissionFor(what)}. The check runs are written`);
            }
            else if (denied)
                this.readOnly(`GitHub refused to let release-gates ${what} (${reason}); the job needs permissions: ${permissionFor(what)}`);
            else if (!options.quiet)
                this.options.logger.warning(`release-gates could not ${what}: ${message}`);
            return { reason };
        }
    }
    /** A check run this job created: its app is the token's, and its id orders the cells. */
    created(run) {
        this.identity.learn(run);
        this.runIds.push(run.id);
    }
    /** Before a gate runs: its check run, in progress. */
    async gateStarted(gate, environment) {
        const name = (0,identity/* checkRunName */.$_)(gate, environment);
        const { context } = this.options;
        const run = await this.attempt(`create the check run "${name}"`, (api) => createCheckRunOnce(api, {
            name,
            headSha: context.headSha,
            externalId: this.externalId(gate, environment),
            detailsUrl: context.runUrl,
            output: { title: 'running', summary: `**${gate}** is running${environment ? ` against **${environment}**` : ''}.` },
        }, this.options.logger));
        if (!run)
            return;
        this.created(run);
        this.started.set(name, { id: run.id, htmlUrl: run.htmlUrl });
    }
    /** After a gate: its result is kept, completed at {@link finish}. */
    gateFinished(result) {
        const started = this.started.get((0,identity/* checkRunName */.$_)(result.gate, result.environment));
        if (started)
            started.result = result;
    }
    /** Completes a check run with its annotations; returns why it could not, if it could not. */
    async complete(started, result, quiet = false) {
        const output = (0,check_run/* checkRunOutput */.TN)(result, { ...this.options, headSha: this.options.context.headSha, commentId: this.commentId });
        const [first = [], ...rest] = (0,check_run/* batches */.Xy)((0,check_run/* annotationsFor */.gX)(result, this.options.configPath));
        const conclusion = (0,check_run/* conclusionFor */.H1)(result);
        const what = `complete the check run "${(0,identity/* checkRunName */.$_)(result.gate, result.environment)}"`;
        const done = await this.tryWrite(what, (api) => api.completeCheckRun(started.id, { conclusion, output: { ...output, annotations: first } }), { quiet });
        if ('reason' in done)
            return done.reason;
        for (const annotations of rest) {
            await this.attempt('add annotations', (api) => api.addAnnotations(started.id, { title: output.title, summary: output.summary, annotations }));
        }
        return undefined;
    }
    /**
     * After every gate: creates completed runs for gates that were not run and completes
     * every check run of this job; on a PR, the sticky comment is prepared before the last
     * run is completed (so that the completion records a new comment's id) and written
     * after it (see `comment-writer.ts`): a comment is never ahead of the check runs it is
     * rebuilt from. A check run whose completion failed after every retry gets one last
     * attempt at the very end; if that fails too, its URL and the reason are logged as a
     * warning, so that a person can see it and re-run the job rather than wait on a run
     * left in progress.
     */
    async finish(run) {
        for (const result of run.gates.filter((gate) => gate.status === 'skipped'))
            await this.reportNotRun(result);
        const finished = [...this.started.values()].filter((s) => s.result !== undefined);
        const unfinished = [];
        const complete = async (started) => {
            if ((await this.complete(started, started.result)) !== undefined)
                unfinished.push(started);
        };
        const last = finished.at(-1);
        for (const started of finished.slice(0, -1))
            await complete(started);
        const comment = last ? this.stickyComment(finished, last) : undefined;
        const prepared = comment
            ? await this.attempt('write the PR comment', async () => {
                this.commentId = await comment.prepare();
                return true;
            }, true)
            : undefined;
        if (last)
            await complete(last);
        if (comment && prepared)
            await this.attempt('write the PR comment', () => comment.write(), true);
        for (const started of unfinished)
            await this.lastAttempt(started);
        if (this.isReadOnly)
            this.annotateInLog(run);
    }
    /** The last attempt to complete a run; on failure, its URL and why, for a person to act on. */
    async lastAttempt(started) {
        if (this.isReadOnly)
            return;
        const reason = await this.complete(started, started.result, true);
        if (reason === undefined)
            return;
        const name = (0,identity/* checkRunName */.$_)(started.result.gate, started.result.environment);
        this.options.logger.warning(`release-gates: the check run "${name}" is left in progress${started.htmlUrl ? ` at ${started.htmlUrl}` : ''}: completing it failed after every retry (${reason}). Its result (${started.result.status}) is in this job's summary; re-run the job to complete the check run.`);
    }
    /** The sticky comment this job writes, on a PR with write access. */
    stickyComment(finished, last) {
        const { context, logger, api } = this.options;
        if (!api || !context.pullRequest || this.isReadOnly)
            return undefined;
        return new StickyComment({
            api,
            issue: context.pullRequest.number,
            headSha: context.headSha,
            runUrl: context.runUrl,
            identity: this.identity,
            attemptKey: (0,github_context/* attemptKeyOf */.CA)(context.runKey),
            ownRunIds: this.runIds,
            own: finished.map((s) => cellOf(s.result, s.htmlUrl, this.options.lineLink)),
            environments: this.options.environments ?? [],
            logger,
            record: async (commentId) => {
                this.commentId = commentId;
                await this.recordCommentId(last, last.result, commentId);
            },
        });
    }
    /** Records the sticky comment's id in a completed check run's summary (annotations stay). */
    async recordCommentId(started, result, commentId) {
        const output = (0,check_run/* checkRunOutput */.TN)(result, { ...this.options, headSha: this.options.context.headSha, commentId });
        await this.attempt('record the comment id on the check run', (api) => api.addAnnotations(started.id, output));
    }
    /** A gate not run because an earlier one failed: a completed run, in one request. */
    async reportNotRun(result) {
        const { context } = this.options;
        const name = (0,identity/* checkRunName */.$_)(result.gate, result.environment);
        const run = await this.attempt(`create the check run "${name}"`, (api) => createCheckRunOnce(api, {
            name,
            headSha: context.headSha,
            externalId: this.externalId(result.gate, result.environment),
            detailsUrl: context.runUrl,
            output: { title: (0,tables/* tally */.N4)(result), summary: (0,markdown_escape/* escapeInline */.VV)(result.reason ?? 'not run') },
            conclusion: (0,check_run/* conclusionFor */.H1)(result),
        }, this.options.logger));
        if (run)
            this.created(run);
    }
    /** Read-only mode: the failing checks as workflow-command annotations. */
    annotateInLog(run) {
        if (this.annotated)
            return;
        this.annotated = true;
        for (const result of run.gates) {
            for (const annotation of (0,check_run/* annotationsFor */.gX)(result, this.options.configPath)) {
                this.options.annotator.annotate(annotation.annotation_level === 'failure' ? 'error' : 'warning', annotation.message, {
                    file: annotation.path,
                    line: annotation.start_line,
                    ...(annotation.title ? { title: annotation.title } : {}),
                });
            }
        }
    }
}

// EXTERNAL MODULE: ./src/engine/model.ts
var model = __webpack_require__(1123);
;// CONCATENATED MODULE: ./src/reporters/job-summary.ts
/**
 * The job summary ($GITHUB_STEP_SUMMARY): the gates table and each gate's checks, the
 * same tables as the check runs and the comment. At most 1 MiB per step
 * (https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#adding-a-job-summary).
 */




/**
 * The step summary limit is 1 MiB of the file, so bytes of UTF-8, not characters: a
 * summary of CJK or emoji is 3 to 4 bytes a character. Keep well inside it.
 */
const MAX_SUMMARY_BYTES = 1_000_000;
/** Cuts text to `max` bytes of UTF-8, at a character boundary, saying so. */
function fitBytes(text, max) {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length <= max)
        return text;
    const note = `\n\n… job summary truncated at ${max} bytes; the full record is in the evidence artifact.`;
    let end = max - Buffer.byteLength(note, 'utf8');
    while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80)
        end--; // not inside a character
    return bytes.subarray(0, end).toString('utf8') + note;
}
function gateSection(result, lineLink, url) {
    const title = `${(0,markdown_escape/* escapeInline */.VV)(result.gate)}${result.environment ? ` · ${(0,markdown_escape/* escapeInline */.VV)(result.environment)}` : ''}`;
    const heading = `### ${(0,tables/* statusBadge */.Od)(result.status)} ${(0,markdown_escape/* link */.nf)(title, url)}: ${(0,markdown_escape/* escapeInline */.VV)((0,tables/* tally */.N4)(result))}`;
    if (result.status === 'skipped')
        return `${heading}\n\n${(0,markdown_escape/* escapeInline */.VV)(result.reason ?? 'not run')}`;
    const partial = (0,tables/* partialNote */.wY)(result);
    const failures = result.checks.filter(model/* needsAttention */.e_).map((check) => {
        const headline = (0,tables/* failureHeadline */.Ni)(check);
        const where = `${check.location.file}:${check.location.line}`;
        return `<details><summary>${(0,tables/* attentionHeading */.Dz)(check, (0,markdown_escape/* htmlText */.js)(check.name))} · <code>${(0,markdown_escape/* htmlText */.js)(where)}</code>${headline ? `: ${(0,markdown_escape/* htmlText */.js)(headline)}` : ''}</summary>\n\n${(0,markdown_escape/* codeBlock */.DV)((0,tables/* evidenceLines */.p1)(check).join('\n'))}\n\n</details>`;
    });
    return [
        heading,
        '',
        ...(partial ? [partial, ''] : []),
        (0,tables/* checksTable */.Et)(result, lineLink) + (0,monitor_chart/* monitorChartsSection */.l1)(result),
        ...(failures.length ? ['', ...failures] : []),
    ].join('\n');
}
/** The markdown of the job summary for a run. */
function jobSummary(run, context) {
    const urlOf = (gate) => context.checkRunUrl?.(gate.gate, gate.environment);
    const cells = run.gates.map((gate) => ({
        gate: gate.gate,
        environment: gate.environment,
        status: gate.status,
        title: (0,tables/* tally */.N4)(gate),
        url: urlOf(gate),
    }));
    const parts = [
        `## ${(0,tables/* statusBadge */.Od)(run.status)} · release-gates${context.headSha ? ` for \`${context.headSha.slice(0, 12)}\`` : ''}`,
        ...(context.notice ? ['', `> ${(0,markdown_escape/* escapeInline */.VV)(context.notice)}`] : []),
        ...(run.partial
            ? ['', `> **Partial run:** only checks matching ${run.partial.only.map((pattern) => (0,markdown_escape/* codeSpan */.SS)(pattern)).join(', ')} ran.`]
            : []),
        '',
        (0,tables/* gatesTable */.vF)(cells),
        ...run.gates.flatMap((gate) => ['', gateSection(gate, context.lineLink, urlOf(gate))]),
    ];
    return `${fitBytes(parts.join('\n'), MAX_SUMMARY_BYTES)}\n`;
}

// EXTERNAL MODULE: ./src/reporters/terminal/index.ts + 3 modules
var reporters_terminal = __webpack_require__(2977);
// EXTERNAL MODULE: ./src/secrets/registry.ts
var secrets_registry = __webpack_require__(3866);
// EXTERNAL MODULE: ./src/cli/exit-codes.ts
var exit_codes = __webpack_require__(8551);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(7264);
// EXTERNAL MODULE: ./src/io/guarded-output.ts
var guarded_output = __webpack_require__(8228);
;// CONCATENATED MODULE: ./src/action/core-io.ts
/**
 * The runner's side of the action through `@actions/core`: logging, annotations,
 * masking, outputs and the job summary. Untrusted text goes to the log inside
 * `::stop-commands::` so it cannot run workflow commands
 * (https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#stopping-and-starting-workflow-commands).
 */



/** stdout and stderr of the step, with workflow commands disabled inside untrusted text. */
const actionOutput = {
    out: (text) => (0,guarded_output/* guardedWrite */.m)((t) => process.stdout.write(t), text),
    err: (text) => (0,guarded_output/* guardedWrite */.m)((t) => process.stdout.write(t), text),
    isTTY: false,
    columns: 160,
};
/** Logger and annotator over `@actions/core`. */
const coreLog = {
    info: (message) => (0,guarded_output/* guardedWrite */.m)((t) => process.stdout.write(t), `${message}\n`),
    warning: (message) => core.warning(message),
    debug: (message) => core.debug(message),
    notice: (message) => core.notice(message),
    annotate: (level, message, where) => {
        const properties = {
            file: where.file,
            startLine: where.line,
            ...(where.column ? { startColumn: where.column } : {}),
            ...(where.title ? { title: where.title } : {}),
        };
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
    const gates = names.map(registry/* gateNamed */.H_);
    const config = input(env, 'CONFIG') || load/* DEFAULT_CONFIG_PATH */.Bi;
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    // A relative config is relative to the workspace (where the action's step runs), not
    // to wherever this process happens to start.
    const absolute = (0,external_node_path_.isAbsolute)(config) ? config : (0,external_node_path_.resolve)(workspace, config);
    const environment = input(env, 'ENVIRONMENT') || undefined;
    const slug = [...names, environment ?? 'default'].join('-').replace(/[^A-Za-z0-9._-]+/g, '-');
    return {
        gates,
        configFile: (0,external_node_path_.relative)(process.cwd(), absolute) || absolute,
        configInRepo: (0,external_node_path_.relative)(workspace, absolute).split('\\').join('/'),
        environment,
        token: input(env, 'GITHUB_TOKEN') || undefined,
        reportPath: (0,external_node_path_.join)(env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)(), 'release-gates', `evidence-${slug}.json`),
        artifactName: `release-gates-${slug}-${env.GITHUB_JOB ?? 'job'}`,
        inputs: Object.fromEntries(['mode', 'acknowledge'].flatMap((name) => input(env, name.toUpperCase()) ? [[name, input(env, name.toUpperCase())]] : [])),
        rollback: names.includes('rollback')
            ? {
                target: input(env, 'TARGET') || request/* LAST_KNOWN_GOOD */.NZ,
                reason: input(env, 'REASON'),
                dryRun: (0,request/* flag */.Jt)(input(env, 'DRY_RUN')),
                confirmDatabase: (0,request/* flag */.Jt)(input(env, 'CONFIRM_DATABASE')),
                restoreBackup: input(env, 'RESTORE_BACKUP') || undefined,
            }
            : undefined,
    };
}

;// CONCATENATED MODULE: ./src/action/run-action.ts
/**
 * The action: run the configured gates for one environment and report them on the
 * commit (check runs), the PR (sticky comment), the job summary, the step outputs and
 * the evidence record. The step's exit code follows the gates' result, never a
 * reporting problem.
 */




















/** Events whose runs gate a deployment: a pass there clears a rollback pin (issue #11). */
const DEPLOYING_EVENTS = new Set(['push', 'workflow_dispatch']);
/** After every gate passed for an environment: a standing rollback pin clears; a failure to clear is logged, never fatal. */
async function clearPin(api, environment, context) {
    try {
        const cleared = await (0,pin/* clearPinAfterPass */.S2)(api, environment, context.headSha, context.runUrl);
        if (cleared)
            coreLog.info(`release-gates: ${(0,pin/* describePin */.p5)(cleared)}; the rollback pin is cleared: ${context.headSha.slice(0, 12)} passed the ${environment} gates`);
    }
    catch (error) {
        coreLog.warning(`release-gates could not check the rollback pin of ${environment}: ${error instanceof Error ? error.message : String(error)}`);
    }
}
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
    await core.summary.addRaw(`## release-gates: configuration error\n\n${(0,markdown_escape/* codeBlock */.DV)(secrets.redact(error.message))}\n`).write();
}
/** Runs the action; returns the exit code. `gateOverride` is set by per-gate actions. */
async function runAction(env, gateOverride) {
    const secrets = new secrets_registry/* SecretRegistry */.ks();
    secrets.onAdd(mask);
    secrets.addFromEnvironment(env, new Set());
    const output = (0,io_output/* redacting */.q)(actionOutput, secrets);
    const startedAt = new Date();
    try {
        const settings = readSettings(env, gateOverride);
        secrets.add(settings.token);
        const context = (0,github_context/* readRunContext */.$p)(env);
        const loaded = await (0,load/* loadConfig */.Z9)(settings.configFile);
        // Octokit is one chunk, shared with the CLI, loaded when there is a token to use.
        const { createGitHubApi } = await Promise.all(/* import() */[__webpack_require__.e(239), __webpack_require__.e(127)]).then(__webpack_require__.bind(__webpack_require__, 3127));
        const api = settings.token
            ? (0,redacting/* redactingApi */.i)(createGitHubApi({
                token: settings.token,
                owner: context.owner,
                repo: context.repo,
                baseUrl: env.GITHUB_API_URL,
                logger: coreLog,
                ...(env.RELEASE_GATES_RETRY_BASE_MS ? { retryBaseMs: Number(env.RELEASE_GATES_RETRY_BASE_MS) } : {}),
            }), secrets)
            : undefined;
        const blob = `${context.serverUrl}/${context.owner}/${context.repo}/blob/${context.headSha}/${settings.configInRepo}`;
        let environmentUrl;
        // Learned from this job's own check runs; the checks count only that app's evidence.
        const identity = new github_identity/* TokenIdentity */.u();
        const reporter = new GitHubReporter({
            api,
            identity,
            context,
            configPath: settings.configInRepo,
            configDigest: loaded.source.digest,
            logger: coreLog,
            annotator: coreLog,
            lineLink: (check) => `${blob}#L${check.location.line}`,
            environments: Object.keys(loaded.config.environments ?? {}),
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
            scope: {
                cwd: process.cwd(),
                headSha: context.headSha,
                inputs: settings.inputs,
                event: { name: context.eventName, pullRequest: context.pullRequest },
                github: api
                    ? {
                        api,
                        owner: context.owner,
                        repo: context.repo,
                        eventName: context.eventName,
                        pullRequest: context.pullRequest,
                        runId: env.GITHUB_RUN_ID,
                        identity,
                    }
                    : undefined,
            },
            ...(settings.rollback
                ? {
                    rollback: {
                        ...settings.rollback,
                        from: undefined,
                        trigger: (0,request/* triggerOf */.ix)(env.GITHUB_ACTOR),
                        runUrl: context.runUrl,
                        repoUrl: `${context.serverUrl}/${context.owner}/${context.repo}`,
                    },
                }
                : {}),
            onGateStart: async (gate, checks, environment) => {
                // Redacted before it is escaped into markdown (escaping would hide a secret's form).
                environmentUrl = environment?.url === undefined ? undefined : secrets.redact(environment.url);
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
            notice: reporter.isReadOnly
                ? `${api ? 'Read-only token' : 'No GitHub token'}: results are in this summary and the annotations only.`
                : undefined,
            checkRunUrl: (gate, environment) => reporter.checkRunUrl(gate, environment),
        });
        const reports = (0,registry/* gateReports */.rR)(settings.gates, run);
        await core.summary.addRaw(secrets.redact(reports ? `${summary}\n${reports}\n` : summary)).write();
        // Only a config that can roll back has pins to clear (only the rollback gate makes them).
        const canClear = api && loaded.config.rollback && !settings.rollback && DEPLOYING_EVENTS.has(context.eventName);
        if (canClear && run.status === 'passed' && settings.environment) {
            await clearPin(api, settings.environment, context);
        }
        const record = (0,evidence_record/* buildEvidence */.KX)(run, { commit: context.headSha, configFile: settings.configInRepo, configDigest: loaded.source.digest, startedAt, finishedAt: new Date() }, secrets);
        await (0,evidence_record/* writeEvidence */.nP)(settings.reportPath, record);
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
