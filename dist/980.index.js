export const id = 980;
export const ids = [980,127];
export const modules = {

/***/ 770:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

module.exports = __webpack_require__(218);


/***/ }),

/***/ 218:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {



var net = __webpack_require__(9278);
var tls = __webpack_require__(4756);
var http = __webpack_require__(8611);
var https = __webpack_require__(5692);
var events = __webpack_require__(4434);
var assert = __webpack_require__(2613);
var util = __webpack_require__(9023);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
exports.debug = debug; // for test


/***/ }),

/***/ 3127:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubApi: () => (/* binding */ createGitHubApi)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./src/github/api.ts
var api = __webpack_require__(8943);
;// CONCATENATED MODULE: ./src/github/call.ts
/** Wraps Octokit calls so every failure is a {@link GitHubError} with GitHub's own message. */

/** Converts an Octokit error to a {@link GitHubError} carrying GitHub's own message. */
function wrap(error) {
    if (error instanceof api/* GitHubError */.y)
        return error;
    const status = typeof error.status === 'number' ? error.status : 0;
    const data = error.response?.data;
    const message = data && typeof data === 'object' && typeof data.message === 'string'
        ? data.message
        : error instanceof Error
            ? error.message
            : String(error);
    return new api/* GitHubError */.y(status, message);
}
async function call(work) {
    try {
        return await work();
    }
    catch (error) {
        throw wrap(error);
    }
}

;// CONCATENATED MODULE: ./src/github/deploys.ts

function commitInfo(raw) {
    return {
        sha: raw.sha,
        title: raw.commit.message.split('\n')[0] ?? '',
        date: raw.commit.committer?.date ?? raw.commit.author?.date ?? undefined,
    };
}
function deploymentInfo(raw) {
    return {
        id: raw.id,
        sha: raw.sha,
        ref: raw.ref,
        environment: raw.environment,
        payload: raw.payload,
        createdAt: raw.created_at,
        creator: raw.creator?.login,
    };
}
/** Pages of at most 100, stopping once `max` items are in. */
function pageSize(max) {
    return Math.max(1, Math.min(100, max));
}
function githubDeploys(octokit, repo) {
    const noRetry = { request: { retries: 0 } };
    return {
        getCommit: (ref) => call(async () => commitInfo((await octokit.rest.repos.getCommit({ ...repo, ref, per_page: 1 })).data)),
        listCommits: (from, max) => call(async () => {
            let seen = 0;
            const commits = await octokit.paginate(octokit.rest.repos.listCommits, { ...repo, sha: from, per_page: pageSize(max) }, (response, done) => {
                seen += response.data.length;
                if (seen >= max)
                    done();
                return response.data;
            });
            return commits.slice(0, max).map(commitInfo);
        }),
        compareCommits: (base, head) => call(async () => {
            const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}`, per_page: 100 });
            return { status: data.status, commits: data.commits.map(commitInfo) };
        }),
        listDeployments: (environment, max) => call(async () => {
            let seen = 0;
            const deployments = await octokit.paginate(octokit.rest.repos.listDeployments, { ...repo, environment, per_page: pageSize(max) }, (response, done) => {
                seen += response.data.length;
                if (seen >= max)
                    done();
                return response.data;
            });
            return deployments.slice(0, max).map(deploymentInfo);
        }),
        listDeploymentStatuses: (id) => call(async () => {
            const statuses = await octokit.paginate(octokit.rest.repos.listDeploymentStatuses, { ...repo, deployment_id: id, per_page: 100 });
            return statuses.map((status) => ({
                id: status.id,
                state: status.state,
                description: status.description,
                createdAt: status.created_at,
                logUrl: status.log_url ?? undefined,
            }));
        }),
        createDeployment: (input) => call(async () => {
            const { data, status } = await octokit.rest.repos.createDeployment({
                ...repo,
                ...noRetry,
                ref: input.sha,
                environment: input.environment,
                description: input.description,
                payload: input.payload,
                // GitHub would otherwise merge the default branch into the ref, or refuse the
                // deployment until every commit status is green (GITHUB.md).
                auto_merge: false,
                required_contexts: [],
                task: 'deploy',
                production_environment: input.environment === 'production',
            });
            if (status !== 201 || !('id' in data))
                throw new Error(`GitHub did not create the deployment: ${JSON.stringify(data)}`);
            return deploymentInfo(data);
        }),
        createDeploymentStatus: (id, input) => call(async () => {
            await octokit.rest.repos.createDeploymentStatus({
                ...repo,
                ...noRetry,
                deployment_id: id,
                state: input.state,
                description: input.description,
                ...(input.logUrl ? { log_url: input.logUrl } : {}),
                ...(input.environmentUrl ? { environment_url: input.environmentUrl } : {}),
            });
        }),
        createIssue: (input) => call(async () => {
            const { data } = await octokit.rest.issues.create({
                ...repo,
                ...noRetry,
                title: input.title,
                body: input.body,
                labels: input.labels,
            });
            return { number: data.number, htmlUrl: data.html_url };
        }),
        listPullRequestsForCommit: (sha) => call(async () => {
            const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 100 });
            return data.map((pull) => ({
                number: pull.number,
                title: pull.title,
                htmlUrl: pull.html_url,
                state: pull.state,
                merged: Boolean(pull.merged_at),
            }));
        }),
    };
}

;// CONCATENATED MODULE: ./src/github/reads.ts

function issueSummary(issue) {
    return {
        number: issue.number,
        title: issue.title,
        htmlUrl: issue.html_url,
        labels: issue.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))),
        isPullRequest: issue.pull_request !== undefined,
    };
}
function githubReads(octokit, repo) {
    return {
        getDefaultBranch: () => call(async () => (await octokit.rest.repos.get(repo)).data.default_branch),
        getBranchSha: (branch) => call(async () => (await octokit.rest.repos.getBranch({ ...repo, branch })).data.commit.sha),
        getCombinedStatus: (ref) => call(async () => {
            const { data } = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref, per_page: 100 });
            return {
                state: data.state,
                statuses: data.statuses.map((status) => ({
                    context: status.context,
                    state: status.state,
                    description: status.description ?? undefined,
                    targetUrl: status.target_url ?? undefined,
                })),
            };
        }),
        getPullRequest: (number) => call(async () => {
            const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
            return {
                number: data.number,
                author: data.user.login,
                headSha: data.head.sha,
                body: data.body ?? '',
            };
        }),
        listReviews: (number) => call(async () => {
            const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: number, per_page: 100 });
            return reviews.map((review) => ({
                id: review.id,
                user: review.user?.login ?? '',
                state: review.state,
                submittedAt: review.submitted_at ?? undefined,
                commitId: review.commit_id ?? undefined,
            }));
        }),
        listIssues: (query) => call(async () => {
            const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
                ...repo,
                state: query.state,
                per_page: 100,
                ...(query.labels?.length ? { labels: query.labels.join(',') } : {}),
            });
            return issues.map(issueSummary);
        }),
        searchIssues: (q) => call(async () => {
            const { data } = await octokit.rest.search.issuesAndPullRequests({ q, per_page: 100 });
            return { total: data.total_count, items: data.items.map(issueSummary) };
        }),
        listLabels: (issue) => call(async () => {
            const labels = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, { ...repo, issue_number: issue, per_page: 100 });
            return labels.map((label) => label.name);
        }),
        listLabelEvents: (issue) => call(async () => {
            const events = await octokit.paginate(octokit.rest.issues.listEvents, { ...repo, issue_number: issue, per_page: 100 });
            return events.flatMap((event) => {
                const name = event.label?.name;
                return event.event === 'labeled' && name ? [{ label: name, actor: event.actor.login, createdAt: event.created_at }] : [];
            });
        }),
    };
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
        detailsUrl: run.details_url ?? undefined,
        externalId: run.external_id ?? undefined,
        title: run.output.title ?? undefined,
        summary: run.output.summary ?? undefined,
        text: run.output.text ?? undefined,
        startedAt: run.started_at ?? undefined,
        app: run.app?.id !== undefined && run.app.slug !== undefined ? { id: run.app.id, slug: run.app.slug } : undefined,
    };
}
function toComment(comment) {
    return {
        id: comment.id,
        body: comment.body ?? '',
        author: comment.user ? { login: comment.user.login, type: comment.user.type } : undefined,
    };
}
/** Creates the API client. */
function createGitHubApi(options) {
    const { owner, repo, logger } = options;
    const octokit = (0,github/* getOctokit */.Q)(options.token, {
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        userAgent: 'release-gates',
        retry: { retryAfterBaseValue: options.retryBaseMs ?? 1000 },
        throttle: {
            ...(options.throttleId ? { id: options.throttleId } : {}),
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
        ...githubReads(octokit, repoParams),
        ...githubDeploys(octokit, repoParams),
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
            return comments.map(toComment);
        }),
        createComment: (issue, body) => call(async () => {
            const { data } = await octokit.rest.issues.createComment({ ...repoParams, ...noRetry, issue_number: issue, body });
            return toComment(data);
        }),
        updateComment: (id, body) => call(async () => {
            await octokit.rest.issues.updateComment({ ...repoParams, comment_id: id, body });
        }),
        deleteComment: (id) => call(async () => {
            await octokit.rest.issues.deleteComment({ ...repoParams, comment_id: id });
        }),
        dispatchWorkflow: (input) => call(async () => {
            const { data } = await octokit.rest.actions.createWorkflowDispatch({
                ...repoParams,
                ...noRetry,
                workflow_id: input.workflow,
                ref: input.ref,
                inputs: input.inputs,
                return_run_details: true,
            });
            const details = data;
            return { runUrl: typeof details?.html_url === 'string' ? details.html_url : undefined };
        }),
    };
}


/***/ })

};
