// The monitor act: runbook 004's "Monitor for 30 minutes" (its probes, held to the
// runbook's alerting thresholds) against a local stand-in, run with the real bundle and
// a short window. No Prometheus here: the service is sampled over HTTP.
//
// 1. A healthy release: the 10 s window passes, with live progress in the log.
// 2. The release degrades 3 s into a second window (the stand-in switched at run time
//    into errors and slow answers): the window breaches early — it fails at once, without
//    waiting out the window —
//    and the PR comment it would post, with the chart and the reason, is written to
//    demo-monitor-report.md. Without a GitHub token, the rollback dispatch is recorded as
//    not made.
import { banner, expectExit, runBundle, startService } from './lib.mjs';

const CONFIG = 'examples/alias-initiative/probes.yml';
const SERVICE = 'examples/alias-initiative/service.mjs';
const REPORT = 'demo-monitor-report.md';
const WINDOW = { MONITOR_WINDOW: '10s', MONITOR_INTERVAL: '500ms', MONITOR_INITIAL_DELAY: '0s' };

export const title = 'monitor: runbook 004 watched for a window, healthy then degraded';

async function setMode(url, query) {
  const response = await fetch(`${url}/__admin/mode?${query}`, { method: 'POST' });
  if (response.status !== 200) throw new Error(`the stand-in refused ${query}`);
}

/** Runs the act; resolves true when both windows behave as designed. */
export async function run() {
  const service = await startService({}, SERVICE);
  let ok = true;
  try {
    const args = ['run', 'monitor', '--config', CONFIG, '--env', 'local'];
    const env = { API_BASE: service.url, ...WINDOW };
    banner(
      `monitor 1/2  A healthy release at ${service.url}: runbook 004's alerting thresholds, a 10 s window every 500 ms\n     MONITOR_WINDOW=10s MONITOR_INTERVAL=500ms release-gates run monitor --config ${CONFIG} --env local`,
    );
    ok = expectExit('the healthy window', await runBundle([...args, '--json', 'demo-monitor-evidence.json'], env), 0) && ok;

    banner(
      `monitor 2/2  The release degrades 3 s into the window (a quarter of the requests fail, answers take 400 ms).\n     The window must breach early, say which threshold and which samples, and draw the chart.`,
    );
    const degrade = setTimeout(() => void setMode(service.url, 'mode=degraded&error-rate=0.25&slow-ms=400'), 3000);
    try {
      ok = expectExit('the degraded window', await runBundle([...args, '--markdown', REPORT], env), 1) && ok;
    } finally {
      clearTimeout(degrade);
    }
  } finally {
    service.stop();
  }
  if (ok) {
    process.stdout.write(
      `\nmonitor: the healthy window passed (exit 0); the degraded one breached early (exit 1).\nEvidence record of the passing window, every sample in it: demo-monitor-evidence.json\nThe PR comment the breach would post, with the chart: ${REPORT}\n`,
    );
  }
  return ok;
}
