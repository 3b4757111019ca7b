// The smoke act: runbook 003 (Release GO/NO-GO)'s "Health" and "Smoke tests" against a
// local stand-in service, run with the real bundle.
//
// 1. A healthy build: every check passes (readiness waits out a 1.5 s start-up).
// 2. A build with a regression: the estimator renamed `total_before_tax`. The gate fails
//    and says what it measured, what it expected and where the check is written; the PR
//    comment it would post is written to demo-report.md.
import { banner, expectExit, runBundle, startService } from './lib.mjs';

const CONFIG = 'examples/go-no-go/release-gates.yml';

export const title = 'smoke: the health and smoke checks of runbook 003';

/** Runs the act; resolves true when both runs behave as designed. */
export async function run() {
  const healthy = await startService({ STARTUP_MS: '1500' });
  const broken = await startService({ SERVICE_FAULT: 'estimate-schema' });
  let ok = true;
  try {
    banner(
      `smoke 1/2  Healthy build at ${healthy.url}: runbook 003 "Health" and "Smoke tests"\n     release-gates run smoke --config ${CONFIG} --env local`,
    );
    const args = ['run', 'smoke', '--config', CONFIG, '--env', 'local'];
    ok = expectExit('the healthy run', await runBundle([...args, '--json', 'demo-evidence.json'], { API_BASE: healthy.url }), 0) && ok;

    banner(
      `smoke 2/2  A build with a regression at ${broken.url}: the estimator renamed total_before_tax.\n     The gate must fail, say what it measured and expected, and point at the config line.`,
    );
    ok = expectExit('the regression', await runBundle([...args, '--markdown', 'demo-report.md'], { API_BASE: broken.url }), 1) && ok;
  } finally {
    healthy.stop();
    broken.stop();
  }
  if (ok) {
    process.stdout.write(
      '\nsmoke: the healthy build passed (exit 0) and the regression failed (exit 1).\nEvidence record of the passing run: demo-evidence.json\nThe PR comment the failing run would post: demo-report.md\n',
    );
  }
  return ok;
}
