/**
 * Rehearse (pull requests, `mode: rehearse`): the pending migrations applied to a scratch
 * database that is created for the run and always dropped: what would run, the rows each
 * destructive statement touches there (a copy of the data when `rehearsal.data` gives a
 * dump), how long each migration took, and the down/up round-trip where the tool has a
 * down. The scratch database is first brought to the target's current revision, so the
 * rehearsal applies exactly what the real apply would.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { dumpFormat, restore } from '../../checks/backup/tools.js';
import { formatDuration } from '../../config/units.js';
import type { CheckContext } from '../../engine/check.js';
import type { CheckOutcome } from '../../engine/model.js';
import { describeDatabaseError } from '../../io/database.js';
import { serverOf, withDatabase } from '../../io/postgres-url.js';
import { createScratchDatabase, dropScratchDatabase, scratchName } from '../../io/scratch-database.js';
import { rowsText } from '../model.js';
import type { MigrateRun } from '../run.js';
import { scratchServer } from '../rehearsal/server.js';
import { ToolError, type Migration, type ToolContext } from '../tools/tool.js';
import { countRows } from './analyse.js';
import { describeRevisions } from './plan.js';

interface Rehearsed {
  id: string;
  applyMs: number;
  downMs?: number;
  upMs?: number;
  rows: { code: string; table: string | undefined; rows: number | undefined }[];
}

class Stop extends Error {}

export async function rehearsePhase(run: MigrateRun, context: CheckContext): Promise<CheckOutcome> {
  const state = run.state;
  const head = state?.heads[0];
  if (!state || !head) throw new Error('rehearse ran before plan');
  const settings = run.section.rehearsal ?? {};
  const details: string[] = [];
  const rehearsed: Rehearsed[] = [];
  const fail = (summary: string, measured: string): CheckOutcome => ({
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
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    return {
      status: 'unverified',
      summary: `rehearsal not possible: ${error.message}`,
      measured: 'no server',
      expected: 'a scratch database',
      details,
    };
  }
  run.options.secrets.add(server.url.password);
  const name = scratchName('rehearsal');
  const scratch = withDatabase(server.url, name);
  const { io } = run.options;
  try {
    try {
      await createScratchDatabase(io.database, server.url, name, context.signal);
    } catch (error) {
      return fail(
        `cannot create a scratch database on ${serverOf(server.url)}: ${describeDatabaseError(error).message}`,
        'no scratch database',
      );
    }
    details.push(`✓ scratch database ${name} on ${server.kind === 'configured' ? serverOf(server.url) : server.kind}`);
    if (settings.data) {
      const file = resolve(run.options.scope.cwd, settings.data);
      const isDirectory = (await stat(file).catch(() => undefined))?.isDirectory() ?? false;
      const format = await dumpFormat(file, isDirectory).catch(() => undefined);
      if (format === undefined || format === 'gzip')
        return fail(`the data copy ${settings.data} cannot be restored (missing or gzip-compressed)`, 'no data copy');
      context.progress(`restoring ${settings.data}`);
      const restored = await restore(file, format, scratch, false, {
        process: io.process,
        cwd: run.cwd,
        signal: context.signal,
        timeoutMs: 30 * 60_000,
      });
      if (!restored.ok) return fail(`restoring ${settings.data}: ${restored.failure}`, 'restore failed');
      details.push(`✓ restored the data copy ${settings.data} in ${formatDuration(restored.elapsedMs)}`);
    }
    const tool = run.toolContext(context.signal, context.progress, scratch.full);
    const step = async (
      what: string,
      work: (ctx: ToolContext) => Promise<{ ok: boolean; elapsedMs: number; shown: string; tail: string[]; exitCode: number | null }>,
    ): Promise<number> => {
      const result = await work(tool);
      if (!result.ok) {
        details.push(
          `✗ ${what}: ${result.shown} → ${result.exitCode === null ? 'did not start' : `exit ${result.exitCode}`}`,
          ...result.tail.map((line) => `    ${line}`),
        );
        throw new Stop(what);
      }
      return result.elapsedMs;
    };

    try {
      // Bring the scratch database to the target's current revision first.
      const pendingIds = new Set(state.pending.map((migration) => migration.id));
      const before = (await run.tool.state(tool)).pending.filter((migration) => !pendingIds.has(migration.id));
      const setup: Migration[] = run.tool.stepwise === false ? before.slice(-1) : before;
      for (const migration of setup)
        await step(`bringing the scratch database to ${describeRevisions(state.current)} (${migration.id})`, (ctx) =>
          run.tool.apply(migration, ctx),
        );
      if (setup.length) details.push(`✓ brought the scratch database to ${describeRevisions(state.current)} (${before.length} migrations)`);

      for (const pending of run.pending) {
        const migration = pending.migration;
        if (context.signal.aborted)
          return fail(`stopped before ${migration.id}: the gate's deadline passed or it was cancelled`, `${rehearsed.length} rehearsed`);
        const copy = { ...pending.analysed, findings: pending.analysed.findings.map((finding) => ({ ...finding })) };
        const database = await io.database.connect(scratch.full, { signal: context.signal });
        try {
          await countRows(database, [{ ...pending, analysed: copy }], true, context.signal);
        } finally {
          await database.close();
        }
        context.progress(`applying ${migration.id} to the scratch database`);
        const applyMs = await step(`applying ${migration.id}`, (ctx) => run.tool.apply(migration, ctx));
        const entry: Rehearsed = {
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
          roundTrip = `; down ${formatDuration(entry.downMs)}, up again ${formatDuration(entry.upMs)}`;
        }
        rehearsed.push(entry);
        details.push(
          `✓ ${migration.id} applied in ${formatDuration(applyMs)}${roundTrip}${rows.length ? `; on the scratch copy it ${rows.join(', ')}` : ''}`,
        );
      }
      const current = await run.tool.current(tool);
      const atHead = current.length === 1 && current[0] === head.id;
      details.push(`current ${describeRevisions(current)} on the scratch database; head ${head.id}`);
      const total = rehearsed.reduce((sum, entry) => sum + entry.applyMs, 0);
      return {
        status: atHead ? 'passed' : 'failed',
        summary: atHead
          ? `rehearsed ${rehearsed.length} migration${rehearsed.length === 1 ? '' : 's'} on a scratch database in ${formatDuration(total)}${rehearsed.some((entry) => entry.downMs !== undefined) ? ', each round-tripped down and up' : ''}`
          : `rehearsal: after the apply the scratch database is at ${describeRevisions(current)}, not the head ${head.id}`,
        measured: `${rehearsed.length} applied in ${formatDuration(total)}`,
        expected: `all ${state.pending.length} applied on a scratch database`,
        details,
        data: { server: server.kind, scratch: name, migrations: rehearsed },
      };
    } catch (error) {
      if (error instanceof Stop) return fail(`${error.message} failed`, `${rehearsed.length} of ${state.pending.length} applied`);
      if (error instanceof ToolError) return fail(error.message, 'tool failed');
      throw error;
    }
  } finally {
    const problem = await dropScratchDatabase(io.database, server.url, name);
    details.push(problem === undefined ? `✓ dropped scratch database ${name}` : `⚠ could not drop scratch database ${name}: ${problem}`);
    await server.stop();
  }
}
