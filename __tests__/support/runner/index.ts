/**
 * A composite-action runner for tests: runs an `action.yml` as the GitHub Actions runner
 * would, with `@actions/expressions` for `${{ }}`, the runner's environment and file
 * commands, and the runner's handling of workflow commands in the log.
 *
 * @example
 * ```ts
 * const result = await runCompositeAction({
 *   action: 'actions/smoke',
 *   with: { environment: 'local' },
 *   run: { repository: 'owner/repo', sha, eventName: 'push', event: {}, token: 'ghs_x', apiUrl: gh.url },
 *   workspace, runnerTemp,
 * });
 * expect(result.outputs.result).toBe('passed');
 * expect(result.log.commands.filter((c) => c.command === 'error')).toEqual([]);
 * ```
 */
export { runCompositeAction, type CompositeRunOptions, type CompositeRunResult, type StepRecord, type WorkflowRun } from './composite.js';
export { loadCompositeAction, type ActionFile, type ActionStep } from './action-file.js';
export { exec, type ExecResult } from './exec.js';
export { evaluate, interpolate, condition, type Contexts, type JobStatus } from './expressions.js';
export { parseFileCommand } from './file-commands.js';
export { processLog, parseCommand, applyMasks, type ProcessedLog, type WorkflowCommand } from './workflow-commands.js';
