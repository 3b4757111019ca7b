/**
 * A composite action's `action.yml`, read and checked as the runner would before it
 * runs anything: composite only, each step either `run:` (with `shell:`) or `uses:`, and
 * no `${{` inside a `run:` script (script injection, GITHUB.md "Runner contract").
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { interpolate, type Contexts } from './expressions.js';

export interface ActionInput {
  description?: string;
  required?: boolean;
  default?: unknown;
}

export interface ActionStep {
  id?: string;
  name?: string;
  if?: unknown;
  run?: string;
  shell?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'continue-on-error'?: unknown;
  'working-directory'?: string;
}

export interface ActionFile {
  inputs?: Record<string, ActionInput>;
  outputs?: Record<string, { value?: unknown }>;
  runs?: { using?: string; steps?: ActionStep[] };
}

export const SHELLS: Record<string, string[]> = {
  bash: ['bash', '--noprofile', '--norc', '-eo', 'pipefail'],
  sh: ['sh', '-e'],
};

/** Reads and checks a composite action; refuses a `run:` that holds `${{` (script injection). */
export function loadCompositeAction(path: string): { file: string; dir: string; action: ActionFile } {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'action.yml') : path;
  const action = parse(readFileSync(file, 'utf8')) as ActionFile;
  if (action.runs?.using !== 'composite') throw new Error(`${file}: runs.using is ${String(action.runs?.using)}, not composite`);
  for (const [index, step] of (action.runs.steps ?? []).entries()) {
    const where = `${file}: step ${index + 1}${step.id ? ` (${step.id})` : ''}`;
    if ((step.run === undefined) === (step.uses === undefined)) throw new Error(`${where}: a step needs exactly one of run: and uses:`);
    if (step.run !== undefined) {
      if (step.run.includes('${{')) {
        throw new Error(
          `${where}: script injection: run: contains "\${{", which the runner substitutes into the script text. Pass the value through env: instead.\n${step.run}`,
        );
      }
      if (!step.shell) throw new Error(`${where}: a composite run: step needs shell:`);
      if (!SHELLS[step.shell]) throw new Error(`${where}: shell ${step.shell} is not supported by this test runner`);
    }
  }
  return { file, dir: dirname(file), action };
}

/**
 * The `inputs` context: the caller's `with:`, else each input's `default` (evaluated, so
 * `${{ github.token }}` works). Unknown and missing required inputs are errors here
 * (warnings on GitHub), so a test cannot pass an input the action ignores.
 */
export function resolveInputs(file: string, action: ActionFile, given: Record<string, string>, contexts: Contexts): Record<string, string> {
  const declared = action.inputs ?? {};
  for (const name of Object.keys(given)) if (!(name in declared)) throw new Error(`${file}: unexpected input "${name}"`);
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(declared)) {
    const value = name in given ? given[name] : input.default !== undefined ? interpolate(input.default, contexts) : undefined;
    if (value === undefined && input.required) throw new Error(`${file}: input "${name}" is required and not supplied`);
    inputs[name] = value ?? '';
  }
  return inputs;
}
