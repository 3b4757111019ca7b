/**
 * `actions/migrate` end to end (issue #9): the real bundle through the composite action,
 * the runner's env contract and the local GitHub API, with the real alembic against a
 * real PostgreSQL. Runbook 000's migration 015 is refused on the pull request while no
 * label acknowledges it (the check run fails and names the label to add; a full dump
 * shows the database untouched); once a maintainer adds that label, the re-run applies
 * it, records who acknowledged it (the `labeled` event's actor), and writes the applied
 * migrations' marker into the check run for the rollback gate.
 */
import { describe, expect, it } from '@jest/globals';
import { migrationsIn } from '../../src/evidence/identity.js';
import { postgresForFile } from '../support/postgres.js';
import { fullDump, phase, projectCopy, runMigrate } from '../migrate/helpers.js';
import { HEAD_SHA, PR_NUMBER, githubState, readReport, runGate, runStep, withGitHub } from './harness.js';

const MIGRATION = 'backend/alembic/versions/015_role_first_applications_pause_reset.py';
const ID = '015_role_first_applications_pause_reset';
const CHECK_RUN = 'release-gates / migrate (local)';

const pg = postgresForFile();

describe('actions/migrate on a pull request, acknowledged by a label', () => {
  it(
    'refuses 015 until the label is added, then applies it and records who acknowledged it',
    () =>
      withGitHub(async (gh) => {
        await pg.createDatabase('e2e');
        const project = projectCopy('taali-pre-pilot', [MIGRATION]);
        const env = { DATABASE_URL: pg.url('e2e') };
        expect(phase(await runMigrate({ dir: project.dir, environment: 'local', env, inputs: { mode: 'apply' } }), 'apply').status).toBe(
          'passed',
        );
        await pg.sql('e2e', "INSERT INTO candidates (full_name, email) SELECT 'c' || n, 'c' || n || '@x' FROM generate_series(1, 42) n");
        project.addHeld();
        const run = () =>
          runGate({
            gh,
            workspace: project.dir,
            serviceUrl: 'http://127.0.0.1:1',
            action: 'migrate',
            environment: 'local',
            env,
            with: { config: 'release-gates.yml', mode: 'apply' },
          });

        const before = fullDump(pg, 'e2e');
        const refused = await run();
        expect(fullDump(pg, 'e2e')).toBe(before);
        expect(runStep(refused).exitCode).toBe(1);
        expect(refused.outputs.result).toBe('failed');
        const failing = githubState(gh)
          .checkRuns.filter((r) => r.name === CHECK_RUN)
          .at(-1);
        expect(failing).toMatchObject({ headSha: HEAD_SHA, status: 'completed', conclusion: 'failure' });
        const token = /to acknowledge: add the label (ack:\S+:[0-9a-f]{12}) /.exec(failing?.output.text ?? '')?.[1] ?? '';
        expect(token).toMatch(/^ack:015_role_first_applications_pause:[0-9a-f]{12}$/);
        expect(token.length).toBeLessThanOrEqual(50);
        expect(failing?.output.text).toContain('would delete 42 rows from candidates');
        expect(migrationsIn(failing?.output.summary ?? undefined)).toBeUndefined();

        gh.state.addLabel({ issueNumber: PR_NUMBER, label: token, actor: 'release-lead' });
        const applied = await run();
        expect(runStep(applied).exitCode).toBe(0);
        expect(applied.outputs.result).toBe('passed');
        const passing = githubState(gh)
          .checkRuns.filter((r) => r.name === CHECK_RUN)
          .at(-1);
        expect(passing).toMatchObject({ headSha: HEAD_SHA, conclusion: 'success' });
        expect(migrationsIn(passing?.output.summary ?? undefined)).toEqual([
          {
            id: ID,
            hash: expect.stringMatching(/^sha256:/),
            destructive: true,
            compatible: true,
            findings: expect.arrayContaining(['delete-without-where']),
          },
        ]);
        const record = readReport(applied.outputs.report ?? '') as {
          gates: { checks: { id: string; data?: { accepted?: unknown[] } }[] }[];
        };
        const ack = record.gates[0]?.checks.find((check) => check.id === 'acknowledge');
        expect(ack?.data?.accepted).toEqual([
          {
            migration: ID,
            hash: expect.stringMatching(/^sha256:/),
            environment: 'local',
            source: 'label',
            by: 'release-lead',
            where: `label on #${PR_NUMBER}`,
          },
        ]);
        expect(await pg.sql('e2e', 'SELECT count(*)::int AS n FROM candidates')).toEqual([{ n: 0 }]);
        // The live output of the tool is in the log, as @actions/exec echoes it.
        expect(applied.stdout).toContain(`[command]/usr/bin/alembic upgrade ${ID}`);
      }),
    300_000,
  );
});
