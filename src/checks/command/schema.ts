/**
 * Config schema of the `command` check kind: a program run with its arguments, or a
 * script run by a shell, and what it must show (runbook 003: `alembic heads`, and the
 * `python - <<'PY' … PY` settings dumps).
 */
import { z } from 'zod';
import { CheckCommon, Variables } from '../../config/schema/common.js';
import { OutputExpect } from '../output-expect.js';

/** Shells a script may name; each is run as `<shell> -c script` (`bash` with pipefail). */
export const SHELLS = ['bash', 'sh'] as const;

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
export const CommandCheck = z
  .strictObject({
    ...CheckCommon,
    command: z.union([z.string().min(1), z.array(z.string()).min(1)], {
      error: 'expected a command line like "alembic heads", a list like [alembic, heads], or a script with shell: bash',
    }),
    /** Runs `command` as a script with this shell. */
    shell: z.enum(SHELLS, { error: `expected a shell: ${SHELLS.join(' or ')}` }).optional(),
    /** Working directory, relative to the workspace. */
    cwd: z.string().min(1).optional(),
    /** Variables added to the command's environment (after the environment's `vars:`). */
    env: Variables.optional(),
    expect: OutputExpect.optional(),
  })
  .refine((config) => config.shell === undefined || typeof config.command === 'string', {
    error: 'with shell:, command is one script string (expected e.g. command: "alembic heads | grep head")',
    path: ['command'],
  });

export type CommandCheckConfig = z.output<typeof CommandCheck>;
