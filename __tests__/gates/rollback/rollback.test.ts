/**
 * The rollback gate against the local GitHub API, with a history of commits and their
 * gate check runs (`history.ts`): the last known good is found from evidence and every
 * rejected candidate says why; a destructive migration since the target refuses the
 * rollback without confirm-database; an explicit target is still checked; a dry run
 * writes and runs nothing; steps run in order, stop at the first failure, and the record
 * (deployment, incident issue, PR comment, pin) is written whatever happened.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../src/config/load.js';
import { readPin, rollbackPayload } from '../../../src/evidence/pin.js';
import { RecordingLogger } from '../../../src/io/logger.js';
import { CONFIG_FILE, githubScope, runWithGitHub, useGitHubApi } from '../../checks/github/helpers.js';
import { withConfigFile } from '../../support/gate-run.js';
import { startPostgres } from '../../support/postgres.js';
import { BACKUP, BAD_PR, REPO, gateRun, seedHistory, type History } from './history.js';
import { request, runRollback, type RollbackRun } from './run.js';

const server = useGitHubApi();

/** Each command appends a line to $MARK, so the test sees what ran, in what order. */
const append = (what: string, value: string): string[] => [
  'node',
  '-e',
  `require('fs').appendFileSync(process.env.MARK, '${what} ' + process.argv[1] + '\\n')`,
  value,
];

function config(extra = ''): string {
  return `version: 1
environments:
  staging: { url: "http://127.0.0.1:9" }
  production: { url: "http://127.0.0.1:9" }
smoke:
  checks:
    - name: liveness
      http: GET /healthz
rollback:
  target: { gates: [preflight, smoke] }
  restore:
    command: ${JSON.stringify(append('restore', '{{backup}}'))}
    verify:
      - name: restored
        command: [node, -e, "process.exit(require('fs').readFileSync(process.env.MARK, 'utf8').includes('restore') ? 0 : 1)"]
  steps:
    - name: backend
      command: ${JSON.stringify(append('backend', '{{target}}'))}
${extra}    - name: frontend
      shell: bash
      command: echo "frontend $RELEASE_GATES_TARGET_SHA from $RELEASE_GATES_FROM_SHA" >> "$MARK"
`;
}

/** Seeds the history for the config, runs the rollback, and hands both to `check`. */
async function rollback(
  asked: Parameters<typeof request>[0] | ((history: History) => Parameters<typeof request>[0]),
  check: (result: RollbackRun & { history: History; marks: () => string[] }) => Promise<void> | void,
  yaml = config(),
): Promise<void> {
  await withConfigFile(yaml, 'rg-rollback-', async (loaded, dir) => {
    const history = seedHistory(server, loaded.source.digest);
    const mark = join(mkdtempSync(join(tmpdir(), 'rg-rollback-mark-')), 'ran');
    const result = await runRollback(loaded, server, request(typeof asked === 'function' ? asked(history) : asked), {
      env: { MARK: mark },
      cwd: dir,
    });
    const marks = (): string[] => (existsSync(mark) ? readFileSync(mark, 'utf8').trim().split('\n') : []);
    await check({ ...result, history, marks });
  });
}

function writes(): string[] {
  return server.requests.filter((entry) => entry.method !== 'GET').map((entry) => `${entry.method} ${entry.operation ?? entry.path}`);
}

describe('the rollback target', () => {
  it('is the last known good from gate evidence, and every rejected candidate says why', () =>
    rollback({ dryRun: true, confirmDatabase: true }, ({ phase, history }) => {
      const target = phase('rollback target');
      expect(target.status).toBe('passed');
      expect(target.summary).toContain(`last known good: ${history.T.slice(0, 12)} "good release"`);
      const data = target.data as {
        deployed: { sha: string; source: string };
        candidates: { sha: string; chosen: boolean; reason: string }[];
      };
      expect(data.deployed).toMatchObject({ sha: history.B, source: 'deployment' });
      expect(data.candidates.map((c) => [c.sha, c.chosen, c.reason])).toEqual([
        [history.F, false, 'smoke failed'],
        // Another app's success does not count: smoke has not run, as far as evidence goes.
        [history.X, false, 'smoke has not run'],
        [history.O, false, 'passed under config sha256:000000000000…, not the current one'],
        [history.D, false, 'smoke has not run'],
        [history.T, true, 'preflight and smoke passed under this config'],
      ]);
      expect(target.details).toContain(`✗ ${history.F.slice(0, 12)} "broken estimator": smoke failed`);
    }));

  it('an explicit target skips the search and is still checked: one whose gates failed is refused', () =>
    rollback(
      (history) => ({ target: history.F, dryRun: true }),
      ({ phase, history }) => {
        const target = phase('rollback target');
        expect(target.status).toBe('failed');
        expect(target.summary).toBe(
          `refused: the target ${history.F} (${history.F.slice(0, 12)}) failed the production gates: smoke failure; choose another target`,
        );
        expect(server.requestsTo('repos/list-commits')).toEqual([]);
      },
    ));

  it('an explicit target that passed under another config is rolled back to, saying its gates were not verified under this one', () =>
    rollback(
      (history) => ({ target: history.O.slice(0, 10), dryRun: true }),
      ({ phase, history }) => {
        const target = phase('rollback target');
        expect(target.status).toBe('passed');
        expect(target.summary).toBe(
          `explicit target ${history.O.slice(0, 10)}: ${history.O.slice(0, 12)} "config change"; its production gates: passed under config sha256:000000000000…, not the current one (not verified under this config: chosen by hand)`,
        );
        expect(server.requestsTo('repos/list-commits')).toEqual([]);
        expect(server.requestsTo('repos/compare-commits-with-basehead')).toHaveLength(1);
        // D's destructive migration is older than O: nothing risky since the target.
        expect(phase('database safety')).toMatchObject({ status: 'passed', data: { risky: [] } });
        expect(phase('database safety').measured).toContain('0046_add_col');
      },
    ));

  it('fails when no commit within the search passed, listing each, and says to pass a target', () =>
    rollback(
      { dryRun: true },
      ({ phase, history }) => {
        const target = phase('rollback target');
        expect(target.status).toBe('failed');
        expect(target.summary).toMatch(/^no last known good: none of the 2 commits before .* pass an explicit target$/);
        expect(target.measured).toBe(`${history.F.slice(0, 12)}: smoke failed; ${history.X.slice(0, 12)}: smoke has not run`);
        expect(phase('record')).toMatchObject({ status: 'skipped' });
      },
      config().replace('target: { gates: [preflight, smoke] }', 'target: { gates: [preflight, smoke], search: 2 }'),
    ));
});

describe('database safety', () => {
  it('refuses across a destructive migration without confirm-database, naming it and the options; nothing runs or is written', () =>
    rollback({}, ({ phase, marks, run }) => {
      const database = phase('database safety');
      expect(database.status).toBe('failed');
      expect(database.summary).toMatch(/^refused: migration 0045_drop_legacy \(destructive: drop-table; applied on [0-9a-f]{12}\)/);
      expect(database.summary).toContain('confirm-database');
      expect(database.measured).toMatch(/2 migrations since .*0045_drop_legacy .*0046_add_col \(backward compatible/);
      const options = database.details.filter((line) => line.startsWith('option '));
      expect(options).toHaveLength(3);
      expect(options[0]).toContain(`restore the backup ${BACKUP}`);
      expect(options[0]).toContain(`restore-backup: ${BACKUP}`);
      expect(options[1]).toContain('down migrations of 0045_drop_legacy');
      expect(options[2]).toContain('roll forward');
      expect(run.status).toBe('failed');
      expect(phase('step 1/2: backend').status).toBe('skipped');
      expect(phase('record').summary).toContain('nothing to record');
      expect(marks()).toEqual([]);
      expect(writes()).toEqual([]);
    }));

  it('a dry run with confirm-database resolves everything, shows each command as it would run, and writes nothing', () =>
    rollback({ dryRun: true, confirmDatabase: true }, ({ phase, marks, run, history }) => {
      expect(run.status).toBe('passed');
      expect(phase('database safety').summary).toMatch(/^confirmed \(confirm-database\): rolling the code back across migration 0045/);
      expect(phase('deployment started')).toMatchObject({
        status: 'skipped',
        summary: `dry run: would create a deployment of ${history.T.slice(0, 12)} to production`,
      });
      expect(phase('step 1/2: backend').summary).toMatch(new RegExp(`^dry run: would run node -e '.*' ${history.T}$`));
      expect(phase('step 2/2: frontend').summary).toContain(`dry run: would run bash -o pipefail -c`);
      expect(phase('database restore').summary).toBe(
        `not asked: the database is not restored (to restore ${BACKUP}, run again with restore-backup: ${BACKUP})`,
      );
      const record = phase('record');
      expect(record.status).toBe('skipped');
      expect((record.data as { incident: { markdown: string } }).incident.markdown).toContain('### Timeline');
      expect(marks()).toEqual([]);
      expect(writes()).toEqual([]);
    }));
});

describe('steps and the record', () => {
  it('runs the steps in order with the target filled in, then records a deployment, an incident issue, a PR comment and the pin', () =>
    rollback({ confirmDatabase: true }, async ({ phase, marks, run, history }) => {
      expect(run.status).toBe('passed');
      expect(marks()).toEqual([`backend ${history.T}`, `frontend ${history.T} from ${history.B}`]);
      const rec = server.state.repo(REPO);
      const deployment = rec.deployments.at(-1)!;
      expect(deployment).toMatchObject({ sha: history.T, environment: 'production' });
      expect(deployment.payload).toMatchObject({
        'release-gates': { rollback: { from: history.B, to: history.T, reason: 'error rate above 5%' } },
      });
      expect(deployment.statuses.map((status) => status.state)).toEqual(['in_progress', 'success']);
      expect(deployment.statuses.every((status) => status.logUrl === 'https://github.com/owner/repo/actions/runs/77')).toBe(true);
      const issue = [...rec.issues.values()].find((candidate) => candidate.title.startsWith('Rollback of production'))!;
      expect(issue.title).toBe(`Rollback of production: ${history.B.slice(0, 12)} → ${history.T.slice(0, 12)}`);
      expect(issue.labels).toEqual(['incident', 'rollback']);
      expect(issue.body).toContain('### Timeline');
      expect(issue.body).toContain('| **Trigger** | manual (Run workflow by @oncall) |');
      expect(issue.body).toContain(`shipped by #${BAD_PR}`);
      expect(issue.body).toContain('### Root cause');
      expect(issue.body).toContain('- [ ] Notify stakeholders with timestamp, impact, and current status.');
      expect(deployment.statuses.at(-1)?.description).toBe(
        `rolled back from ${history.B.slice(0, 12)} to ${history.T.slice(0, 12)} (incident #${issue.number})`,
      );
      const comments = rec.comments.filter((comment) => comment.issueNumber === BAD_PR);
      expect(comments).toHaveLength(1);
      expect(comments[0]!.body).toContain(`Follow-up: #${issue.number}`);
      expect(phase('record').summary).toBe(
        `recorded: incident #${issue.number}, deployment ${deployment.id} success (the rollback pin), comment on #${BAD_PR}`,
      );
      const api = githubScope(server, {}, new RecordingLogger())!.api;
      expect(await readPin(api, 'production')).toMatchObject({
        from: history.B,
        to: history.T,
        incident: issue.number,
        deploymentId: deployment.id,
      });
    }));

  it('stops at the first verify that does not pass, reports what did not run, and records the failure without a pin', () =>
    rollback(
      { confirmDatabase: true },
      async ({ phase, marks, run, history }) => {
        expect(run.status).toBe('failed');
        expect(phase('backend: backend answers')).toMatchObject({ status: 'failed' });
        expect(phase('step 2/2: frontend')).toMatchObject({
          status: 'skipped',
          summary: 'not run: "backend: backend answers" did not pass (failed)',
        });
        expect(marks()).toEqual([`backend ${history.T}`]);
        const deployment = server.state.repo(REPO).deployments.at(-1)!;
        expect(deployment.statuses.map((status) => status.state)).toEqual(['in_progress', 'failure']);
        const issue = [...server.state.repo(REPO).issues.values()].find((candidate) =>
          candidate.title.startsWith('Rollback of production'),
        )!;
        expect(issue.title).toContain('(failed)');
        expect(issue.body).toContain('| **Result** | stopped at "backend: backend answers" (failed): exit code: measured 3, expected 0 |');
        expect(issue.body).toMatch(/\| \| step 2\/2: frontend \| did not run \| \|/);
        expect(phase('record').status).toBe('passed');
        const api = githubScope(server, {}, new RecordingLogger())!.api;
        expect(await readPin(api, 'production')).toBeUndefined();
      },
      config('      verify:\n        - { name: backend answers, command: [node, -e, "process.exit(3)"] }\n'),
    ));

  it('a record GitHub refuses in part says which is missing, and the rest is still written', async () => {
    server.faults.add({ kind: 'read-only', method: 'POST', path: '/repos/{owner}/{repo}/issues' });
    await rollback({ confirmDatabase: true }, ({ phase, run }) => {
      const record = phase('record');
      expect(record.status).toBe('failed');
      expect(record.summary).toMatch(
        /^recorded only in part \(deployment \d+ success \(the rollback pin\), comment on #12\): .*403 "Resource not accessible by integration" when opening the incident issue/,
      );
      expect(run.status).toBe('failed');
      expect(
        server.state
          .repo(REPO)
          .deployments.at(-1)!
          .statuses.map((status) => status.state),
      ).toEqual(['in_progress', 'success']);
    });
  });

  it('restores the database only when restore-backup names the backup on record, before the steps', () =>
    rollback({ confirmDatabase: true, restoreBackup: 'backups/latest.dump' }, ({ phase, marks }) => {
      expect(phase('database restore')).toMatchObject({ status: 'failed' });
      expect(phase('database restore').summary).toContain(`does not name the backup on record, ${BACKUP}`);
      expect(marks()).toEqual([]);
    }).then(() =>
      rollback({ confirmDatabase: true, restoreBackup: BACKUP }, ({ phase, marks, run, history }) => {
        expect(run.status).toBe('passed');
        expect(phase('database restore').status).toBe('passed');
        expect(phase('database restore: restored').status).toBe('passed');
        expect(marks()).toEqual([`restore ${BACKUP}`, `backend ${history.T}`, `frontend ${history.T} from ${history.B}`]);
      }),
    ));

  it('without a GitHub token the target is not verified and nothing runs', () =>
    withConfigFile(config(), 'rg-rollback-notoken-', async (loaded) => {
      const { phase, run } = await runRollback(loaded, undefined, request({ confirmDatabase: true }));
      expect(run.status).toBe('failed');
      expect(phase('rollback target').status).toBe('unverified');
      expect(phase('step 1/2: backend').status).toBe('skipped');
      expect(phase('record').summary).toContain('nothing to record');
    }));
});

describe('the tool history', () => {
  it('shows which migrations since the target the tool still lists as applied', () =>
    rollback(
      { dryRun: true, confirmDatabase: true },
      ({ phase, history }) => {
        const database = phase('database safety');
        expect(database.details).toContain(
          `✗ 0045_drop_legacy (destructive: drop-table; applied on ${history.D.slice(0, 12)}); no longer in the tool history`,
        );
        expect(database.details.find((line) => line.startsWith('✓ 0046_add_col'))).toMatch(/still applied per the tool$/);
        expect(database.details).toContain("the tool's history lists 2 applied migrations: 0044_rls, 0046_add_col");
        expect(database.data).toMatchObject({ history: ['0044_rls', '0046_add_col'] });
      },
      config().replace(
        '  restore:\n',
        `  database:\n    history:\n      command: [node, -e, "console.log('0044_rls\\\\n0046_add_col (head)')"]\n  restore:\n`,
      ),
    ));
});

describe('the tool history from a sql check', () => {
  it('reads the applied ids from the rows of a query on the real database', async () => {
    const pg = await startPostgres();
    try {
      await pg.createDatabase(
        'app',
        "CREATE TABLE alembic_version (version_num text PRIMARY KEY); INSERT INTO alembic_version VALUES ('0046_add_col');",
      );
      const yaml = config().replace(
        '  restore:\n',
        '  database:\n    history: { sql: "SELECT version_num FROM alembic_version", database: "${HISTORY_DATABASE_URL}" }\n  restore:\n',
      );
      await withConfigFile(yaml, 'rg-rollback-sql-', async (loaded) => {
        seedHistory(server, loaded.source.digest);
        const { phase } = await runRollback(loaded, server, request({ dryRun: true, confirmDatabase: true }), {
          env: { HISTORY_DATABASE_URL: pg.url('app') },
        });
        const database = phase('database safety');
        expect(database.data).toMatchObject({ history: ['0046_add_col'] });
        expect(database.details.find((line) => line.startsWith('✓ 0046_add_col'))).toMatch(/still applied per the tool$/);
        expect(database.details.find((line) => line.startsWith('✗ 0045_drop_legacy'))).toMatch(/no longer in the tool history$/);
        // The URL's password never reaches the evidence.
        expect(JSON.stringify(database)).not.toContain(pg.password);
      });
    } finally {
      await pg.stop();
    }
  }, 120_000);
});

describe('the pin in the gates of the rolled-back revision', () => {
  const PINNED = `version: 1
environments:
  staging: { url: "http://127.0.0.1:9" }
  production: { url: "http://127.0.0.1:9", requires: [staging] }
preflight:
  checks: []
rollback:
  steps:
    - command: [node, -e, "0"]
`;

  it('environment-passed and the implied rollback-pin check fail for the bad revision, and pass for a newer commit', async () => {
    const loaded = parseConfig(CONFIG_FILE, PINNED);
    const history = seedHistory(server, loaded.source.digest);
    const newer = server.state.addCommit({ repo: REPO, branch: 'main', message: 'fix' }).sha;
    for (const sha of [history.B, newer]) gateRun(server, sha, 'smoke', 'success', loaded.source.digest, '', 'staging');
    // The record a rollback leaves: a deployment of the target, its payload the pin.
    const pin = server.state.addDeployment({
      repo: REPO,
      sha: history.T,
      environment: 'production',
      payload: rollbackPayload({ from: history.B, to: history.T, reason: 'smoke failing', trigger: 'manual by oncall' }),
    });
    pin.statuses.push({
      ...server.state.repo(REPO).deployments[0]!.statuses[0]!,
      id: server.state.nextId('deploymentStatus'),
      description: 'rolled back (incident #31)',
    });

    const bad = await runWithGitHub(PINNED, { server, headSha: history.B, environment: 'production' });
    expect(bad.run.gates[0]!.checks.map((check) => [check.kind, check.status])).toEqual([
      ['environment-passed', 'failed'],
      ['rollback-pin', 'failed'],
    ]);
    expect(bad.check('staging passed for this commit').summary).toContain(
      `production was rolled back from ${history.B.slice(0, 12)} to ${history.T.slice(0, 12)} on`,
    );
    expect(bad.check('staging passed for this commit').summary).toContain('(incident #31)');
    expect(bad.check('not the revision production was rolled back from').details[0]).toContain(
      `deployments/${pin.id}/statuses -f state=inactive`,
    );

    const fixed = await runWithGitHub(PINNED, { server, headSha: newer, environment: 'production' });
    expect(fixed.run.gates[0]!.checks.map((check) => [check.kind, check.status])).toEqual([
      ['environment-passed', 'passed'],
      ['rollback-pin', 'passed'],
    ]);
    expect(fixed.check('not the revision production was rolled back from').summary).toContain(`is not the rolled-back revision`);
  });
});
