/**
 * Runs a composite `action.yml` the way the GitHub Actions runner does, for end-to-end
 * tests: inputs with their defaults, `${{ }}` in `env:`, `with:`, `if:` and `outputs:`
 * evaluated by `@actions/expressions`, each `run:` step in
 * `bash --noprofile --norc -eo pipefail`, with the runner's environment and file
 * commands. `uses:` steps are recorded (their evaluated `with:`), not run.
 *
 * Processes are spawned asynchronously: a test's local servers (the GitHub API) live in
 * the test process and must keep answering while a step runs.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SHELLS, loadCompositeAction, resolveInputs } from './action-file.js';
import { exec } from './exec.js';
import { condition, interpolate, type Contexts } from './expressions.js';
import { parseFileCommand } from './file-commands.js';
import { processLog, type ProcessedLog } from './workflow-commands.js';

/** The workflow run the action runs in. */
export interface WorkflowRun {
  /** `owner/repo`. */
  repository: string;
  /** `GITHUB_SHA`; on `pull_request` the test merge commit. */
  sha: string;
  eventName: string;
  /** The event payload, written to `GITHUB_EVENT_PATH`. */
  event: unknown;
  /** `github.token`. */
  token: string;
  /** `GITHUB_API_URL`. */
  apiUrl: string;
  runId?: string;
  runAttempt?: string;
  /** `GITHUB_JOB`, the job's id. */
  job?: string;
  ref?: string;
  actor?: string;
  serverUrl?: string;
}

export interface CompositeRunOptions {
  /** The action's `action.yml`, or its folder. */
  action: string;
  /** The caller's `with:` (strings, as a workflow passes them). */
  with?: Record<string, string>;
  run: WorkflowRun;
  /** `GITHUB_WORKSPACE`; steps run there. */
  workspace: string;
  /** `RUNNER_TEMP`, one per job; created when missing. */
  runnerTemp: string;
  /** The job's `env:` (workflow and job level), also the `env` context. */
  env?: Record<string, string>;
  /** Values masked in the log, as the `secrets` context is. */
  secrets?: string[];
  matrix?: Record<string, unknown>;
  strategy?: { 'job-index': number; 'job-total': number; 'fail-fast'?: boolean; 'max-parallel'?: number };
  /**
   * Kill a step after this long (default 240 s): only a hung step should reach it, even
   * on a busy machine running many bundles at once.
   */
  stepTimeoutMs?: number;
}

/** One step as it ran (or was skipped). */
export interface StepRecord {
  id: string | undefined;
  kind: 'run' | 'uses';
  /** The evaluated `if:`. */
  ran: boolean;
  outcome: 'success' | 'failure' | 'skipped';
  /** `run:` steps: the shell's exit code. */
  exitCode?: number;
  /** `run:` steps: the evaluated `env:`. */
  env?: Record<string, string>;
  /** `uses:` steps: what and with which evaluated inputs. */
  uses?: string;
  with?: Record<string, string>;
  outputs: Record<string, string>;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived, as the runner logs them. */
  output: string;
  /** The step's `$GITHUB_STEP_SUMMARY`. */
  summary: string;
  /** The raw `$GITHUB_OUTPUT` file. */
  outputFile: string;
  /** The full environment the step's process got. */
  processEnv?: Record<string, string>;
}

export interface CompositeRunResult {
  /** `success` unless a step failed (without `continue-on-error`). */
  conclusion: 'success' | 'failure';
  /** The first failing `run:` step's exit code, else 0. */
  exitCode: number;
  /** The action's evaluated `outputs:`. */
  outputs: Record<string, string>;
  steps: StepRecord[];
  /** stdout of every step, in order. */
  stdout: string;
  stderr: string;
  /** stdout and stderr as the runner processes them: commands run, masks applied. */
  log: ProcessedLog;
  /** Every step's summary, joined as the job summary shows them. */
  summary: string;
  /** The inputs with defaults applied. */
  inputs: Record<string, string>;
}

function record(values: Record<string, unknown> | undefined, contexts: Contexts): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, interpolate(value, contexts)]));
}

/** Runs a composite action to its end. */
export async function runCompositeAction(options: CompositeRunOptions): Promise<CompositeRunResult> {
  const { dir, file, action } = loadCompositeAction(options.action);
  const run = options.run;
  const temp = options.runnerTemp;
  const commandsDir = join(temp, '_runner_file_commands');
  mkdirSync(commandsDir, { recursive: true });
  mkdirSync(join(temp, '_github_workflow'), { recursive: true });
  const eventPath = join(temp, '_github_workflow', 'event.json');
  writeFileSync(eventPath, JSON.stringify(run.event, null, 2));

  const serverUrl = run.serverUrl ?? 'https://github.com';
  const github = {
    token: run.token,
    repository: run.repository,
    repository_owner: run.repository.split('/')[0],
    sha: run.sha,
    ref: run.ref ?? '',
    event_name: run.eventName,
    event: run.event,
    event_path: eventPath,
    run_id: run.runId ?? '1',
    run_number: '1',
    run_attempt: run.runAttempt ?? '1',
    job: run.job ?? 'job',
    actor: run.actor ?? 'octocat',
    workflow: 'e2e',
    workspace: options.workspace,
    action_path: dir,
    server_url: serverUrl,
    api_url: run.apiUrl,
  };
  const runner = { os: 'Linux', arch: 'X64', name: 'e2e-runner', temp, tool_cache: join(temp, '_tool'), environment: 'github-hosted' };
  const inputs = resolveInputs(file, action, options.with ?? {}, { github, runner, job: {}, strategy: {}, matrix: {}, env: {}, vars: {} });

  const env: Record<string, string> = { ...(options.env ?? {}) };
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const records: StepRecord[] = [];
  const status = { failed: false, cancelled: false };
  let exitCode = 0;
  const base: Record<string, string> = {
    PATH: [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    HOME: process.env.HOME ?? '/root',
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: run.repository,
    GITHUB_REPOSITORY_OWNER: github.repository_owner ?? '',
    GITHUB_SHA: run.sha,
    GITHUB_REF: github.ref,
    GITHUB_EVENT_NAME: run.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_RUN_ID: github.run_id,
    GITHUB_RUN_NUMBER: github.run_number,
    GITHUB_RUN_ATTEMPT: github.run_attempt,
    GITHUB_JOB: github.job,
    GITHUB_ACTOR: github.actor,
    GITHUB_WORKFLOW: github.workflow,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_SERVER_URL: serverUrl,
    GITHUB_API_URL: run.apiUrl,
    GITHUB_GRAPHQL_URL: `${run.apiUrl}/graphql`,
    RUNNER_TEMP: temp,
    RUNNER_OS: runner.os,
    RUNNER_ARCH: runner.arch,
    RUNNER_NAME: runner.name,
    RUNNER_TOOL_CACHE: runner.tool_cache,
  };

  for (const [index, step] of (action.runs?.steps ?? []).entries()) {
    const contexts: Contexts = {
      github: { ...github, action: step.id ?? `__run_${index + 1}` },
      inputs,
      steps,
      env,
      runner,
      job: { status: status.failed ? 'failure' : 'success' },
      strategy: options.strategy ?? {},
      matrix: options.matrix ?? {},
      vars: {},
    };
    const ran = condition(step.if, contexts, status);
    const rec: StepRecord = {
      id: step.id,
      kind: step.run !== undefined ? 'run' : 'uses',
      ran,
      outcome: 'skipped',
      outputs: {},
      stdout: '',
      stderr: '',
      output: '',
      summary: '',
      outputFile: '',
    };
    records.push(rec);
    if (!ran) {
      if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    if (step.uses !== undefined) {
      rec.uses = step.uses;
      rec.with = record(step.with, contexts);
      rec.outcome = 'success';
      if (step.id) steps[step.id] = { outputs: {}, outcome: 'success', conclusion: 'success' };
      continue;
    }
    const stepEnv = record(step.env, contexts);
    rec.env = stepEnv;
    const key = randomUUID();
    const files = {
      GITHUB_OUTPUT: join(commandsDir, `set_output_${key}`),
      GITHUB_STEP_SUMMARY: join(commandsDir, `step_summary_${key}`),
      GITHUB_ENV: join(commandsDir, `set_env_${key}`),
      GITHUB_PATH: join(commandsDir, `add_path_${key}`),
      GITHUB_STATE: join(commandsDir, `save_state_${key}`),
    };
    for (const path of Object.values(files)) writeFileSync(path, '');
    const script = join(temp, `${key}.sh`);
    writeFileSync(script, step.run ?? '');
    const processEnv = { ...base, ...env, ...stepEnv, ...files, GITHUB_ACTION: step.id ?? `__run_${index + 1}`, GITHUB_ACTION_PATH: dir };
    rec.processEnv = processEnv;
    const cwd = step['working-directory'] ? join(options.workspace, step['working-directory']) : options.workspace;
    const result = await exec([...(SHELLS[step.shell ?? 'bash'] ?? []), script], {
      cwd,
      env: processEnv,
      timeoutMs: options.stepTimeoutMs ?? 240_000,
    });
    rec.exitCode = result.code;
    rec.stdout = result.stdout;
    rec.stderr = result.stderr;
    rec.output = result.combined;
    rec.summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
    rec.outputFile = readFileSync(files.GITHUB_OUTPUT, 'utf8');
    rec.outputs = Object.fromEntries(parseFileCommand(rec.outputFile, 'GITHUB_OUTPUT'));
    for (const [name, value] of parseFileCommand(readFileSync(files.GITHUB_ENV, 'utf8'), 'GITHUB_ENV')) env[name] = value;
    const continueOnError = step['continue-on-error'] !== undefined && interpolate(step['continue-on-error'], contexts) === 'true';
    rec.outcome = result.code === 0 ? 'success' : 'failure';
    if (step.id)
      steps[step.id] = {
        outputs: rec.outputs,
        outcome: rec.outcome,
        conclusion: rec.outcome === 'failure' && continueOnError ? 'success' : rec.outcome,
      };
    if (rec.outcome === 'failure' && !continueOnError) {
      status.failed = true;
      exitCode ||= result.code;
    }
  }

  const final: Contexts = {
    github,
    inputs,
    steps,
    env,
    runner,
    job: {},
    strategy: options.strategy ?? {},
    matrix: options.matrix ?? {},
    vars: {},
  };
  const outputs = Object.fromEntries(
    Object.entries(action.outputs ?? {}).map(([name, output]) => [name, interpolate(output.value, final)]),
  );
  const stdout = records.map((r) => r.stdout).join('');
  const stderr = records.map((r) => r.stderr).join('');
  return {
    conclusion: status.failed ? 'failure' : 'success',
    exitCode,
    outputs,
    steps: records,
    stdout,
    stderr,
    log: processLog(records.map((r) => r.output).join(''), options.secrets ?? []),
    summary: records.map((r) => r.summary).join('\n'),
    inputs,
  };
}
