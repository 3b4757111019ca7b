// The rollback act: runbook 003 (Release GO/NO-GO)'s "Rollback", with the real bundle,
// against the example service and a local GitHub API (the test suite's, run with tsx)
// that holds a release history: each commit's gate check runs, a deployment, the PR
// that shipped the bad revision.
//
// 1. The example service is "deployed" at the bad revision (its estimator regressed).
// 2. The last known good is found from the recorded gate evidence: newer commits are
//    rejected (smoke failed; passed only under another config), and a destructive
//    migration since it refuses the rollback until confirm-database is given.
// 3. With it, the service is rolled back: restarted at the last known good revision.
// 4. The smoke checks verify it.
// 5. The incident issue it opened is shown (its markdown), with the deployment and the
//    PR comment it left on GitHub.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { banner, demoCredentials, expectExit, runBundle } from './lib.mjs';

const CONFIG = 'examples/go-no-go/release-gates.yml';
const DEPLOY = 'examples/go-no-go/deploy.mjs';

export const title = 'rollback: back to the last known good revision, from gate evidence';

const digestOf = (file) => `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
const digestMarker = (digest) => `<!-- release-gates:digest=${digest} -->`;
const migrationsMarker = (applied) => `<!-- release-gates:migrations=${JSON.stringify(applied)} -->`;
const backupsMarker = (backups) => `<!-- release-gates:backups=${JSON.stringify(backups)} -->`;

/** The history: good release, a destructive migration, a config change, a smoke failure, the bad release (deployed). */
function seed(digest) {
  const other = `sha256:${'0'.repeat(64)}`;
  const run = (commit, gate, conclusion, config = digest, extra = '') => ({
    commit,
    name: `release-gates / ${gate} (production)`,
    conclusion,
    summary: `${gate}: ${conclusion}\n${digestMarker(config)}${extra}`,
  });
  return {
    commits: [
      { key: 'good', message: 'Estimator: round totals to the cent' },
      { key: 'drop', message: 'Drop the legacy quotes table' },
      { key: 'config', message: 'Smoke: check the invoice queue too' },
      { key: 'flaky', message: 'Leads: new captcha provider' },
      { key: 'bad', message: 'Estimator: new pricing response' },
    ],
    checkRuns: [
      run('good', 'preflight', 'success'),
      run('good', 'migrate', 'success'),
      run('good', 'smoke', 'success'),
      run(
        'drop',
        'preflight',
        'success',
        digest,
        `\n${backupsMarker([{ name: 'backups/pre-0045.dump', check: 'database backup and restore drill', bytes: 48213 }])}`,
      ),
      run(
        'drop',
        'migrate',
        'success',
        digest,
        `\n${migrationsMarker([{ id: '0045_drop_legacy_quotes', hash: 'sha256:4f1c', destructive: true, findings: ['drop-table'] }])}`,
      ),
      run('drop', 'smoke', 'failure'),
      run('config', 'preflight', 'success', other),
      run('config', 'migrate', 'success', other),
      run('config', 'smoke', 'success', other),
      run('flaky', 'preflight', 'success'),
      run('flaky', 'migrate', 'success'),
      run('flaky', 'smoke', 'failure'),
      run('bad', 'preflight', 'success'),
      run('bad', 'migrate', 'success'),
      run('bad', 'smoke', 'success'),
    ],
    deployments: [{ commit: 'bad', environment: 'production', state: 'success' }],
    pulls: [{ number: 41, title: 'Estimator: new pricing response', merged: 'bad' }],
  };
}

/** Starts the GitHub stand-in with tsx; resolves with its URL, the commits' SHAs and a stop function. */
async function startGitHub(seedFile) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo/github-stand-in.ts', seedFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const started = JSON.parse(line);
    return { ...started, stop: () => child.kill('SIGTERM') };
  }
  throw new Error('the GitHub stand-in did not start');
}

function deploy(state, ...args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DEPLOY, '--state', state, ...args], {
      env: { ...process.env, ...demoCredentials },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`deploy.mjs exited ${code}`))));
  });
}

async function get(github, path) {
  const response = await fetch(`${github.url}${path}`, { headers: { authorization: 'token demo', accept: 'application/vnd.github+json' } });
  return response.json();
}

/** Runs the act; resolves true when every run behaves as designed. */
export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'release-gates-demo-rollback-'));
  const state = join(dir, 'deploy');
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seed(digestOf(CONFIG))));
  const github = await startGitHub(seedFile);
  const { good, bad } = github.shas;
  let ok = true;
  try {
    banner(`rollback 1/5  production runs the bad revision ${bad.slice(0, 12)} ("Estimator: new pricing response")`);
    mkdirSync(state, { recursive: true });
    writeFileSync(join(state, 'releases.json'), JSON.stringify({ [bad]: { SERVICE_FAULT: 'estimate-schema' } }));
    process.stdout.write(`${await deploy(state, '--revision', bad)}\n`);
    const url = `http://127.0.0.1:${readFileSync(join(state, 'service.port'), 'utf8').trim()}`;
    const estimate = await (
      await fetch(`${url}/v1/estimate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ beds: 2, baths: 1, cleaning_type: 'deep' }),
      })
    ).json();
    process.stdout.write(`POST /v1/estimate → ${JSON.stringify(estimate)}   (total_before_tax is gone)\n`);

    const env = {
      GITHUB_TOKEN: 'demo-token',
      GITHUB_REPOSITORY: 'owner/repo',
      GITHUB_API_URL: github.url,
      API_BASE: url,
      APP_DIR: 'examples/go-no-go',
      DEPLOY_STATE: state,
    };
    const args = ['rollback', '--config', CONFIG, '--env', 'production', '--reason', 'estimator lost total_before_tax'];
    banner(
      `rollback 2/5  The last known good, from the gates' evidence on each commit:\n     release-gates rollback --env production\n     A destructive migration since it: refused until confirmed, naming the options.`,
    );
    const evidence = join(dir, 'refused.json');
    ok = expectExit('the unconfirmed rollback', await runBundle([...args, '--json', evidence], env), 1) && ok;
    const target = JSON.parse(readFileSync(evidence, 'utf8')).gates[0].checks[0];
    process.stdout.write(
      `\nThe candidates it considered (evidence record, "${target.name}"):\n${target.details.map((line) => `  ${line}`).join('\n')}\n`,
    );

    banner(
      `rollback 3/5  Confirmed: release-gates rollback --env production --confirm-database\n     The deploy command restarts the service at the target; 4/5: the smoke checks verify it.`,
    );
    const incident = join(dir, 'incident.md');
    ok = expectExit('the confirmed rollback', await runBundle([...args, '--confirm-database', '--incident', incident], env), 0) && ok;
    const version = await (await fetch(`${url}/version`)).json();
    process.stdout.write(`\nGET /version → ${JSON.stringify(version)}\n`);
    ok = (version.revision === good || (process.stdout.write(`demo: expected the service at ${good}\n`), false)) && ok;

    const [deployment] = await get(github, '/repos/owner/repo/deployments?environment=production&per_page=1');
    const statuses = await get(github, `/repos/owner/repo/deployments/${deployment.id}/statuses`);
    const comments = await get(github, '/repos/owner/repo/issues/41/comments');
    banner('rollback 5/5  What it left on GitHub, and the incident issue it opened');
    process.stdout.write(
      `deployment ${deployment.id} of ${deployment.sha.slice(0, 12)} to production: ${statuses
        .map((s) => s.state)
        .reverse()
        .join(' → ')} ("${statuses[0].description}")\n` +
        `comment on PR #41: ${comments.length ? comments[0].body.split('\n')[1] : 'none'}\n\n`,
    );
    process.stdout.write(readFileSync(incident, 'utf8'));
  } finally {
    await deploy(state, '--stop').catch(() => undefined);
    github.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return ok;
}
