/**
 * Handlers: check runs and commit statuses.
 */
import { annotation, checkRun, combinedStatus, latestStatuses, status } from './objects-checks.js';
import { notFound, ok, paginate, unprocessable, validationFailed, type Ctx, type Handler } from './http.js';
import type { AnnotationRec, CheckRunRec, StatusRec } from './types.js';

interface CheckRunBody {
  name?: string;
  head_sha?: string;
  details_url?: string;
  external_id?: string;
  status?: string;
  started_at?: string;
  conclusion?: string;
  completed_at?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: AnnotationRec[] };
}

/** Rules GitHub applies beyond the JSON schema. Returns a response when violated. */
function checkRunRules(ctx: Ctx, b: CheckRunBody, existing?: CheckRunRec) {
  if (b.conclusion === 'stale') {
    return validationFailed(ctx.op.docsUrl, [
      {
        resource: 'CheckRun',
        code: 'invalid',
        field: 'conclusion',
        message: 'Only GitHub can set the stale conclusion.',
      },
    ]);
  }
  const completing = b.status === 'completed' || b.completed_at !== undefined;
  if (completing && !b.conclusion && !existing?.conclusion) {
    return validationFailed(ctx.op.docsUrl, [{ resource: 'CheckRun', code: 'missing_field', field: 'conclusion' }]);
  }
  return undefined;
}

function findRun(ctx: Ctx): CheckRunRec | undefined {
  return ctx.rec.checkRuns.find((r) => r.id === ctx.params.check_run_id);
}

const createCheckRun: Handler = (ctx) => {
  const b = ctx.body as CheckRunBody & { name: string; head_sha: string };
  const broken = checkRunRules(ctx, b);
  if (broken) return broken;
  if (!ctx.state.ensureCommit(ctx.rec, b.head_sha)) {
    return validationFailed(ctx.op.docsUrl, [{ resource: 'CheckRun', code: 'invalid', field: 'head_sha' }]);
  }
  const run = ctx.state.addCheckRun({
    repo: ctx.rec.fullName,
    headSha: b.head_sha,
    name: b.name,
    status: b.status ?? 'queued',
    conclusion: b.conclusion ?? null,
    startedAt: b.started_at,
    completedAt: b.completed_at,
    detailsUrl: b.details_url ?? null,
    externalId: b.external_id ?? '',
    output: b.output,
  });
  return ok(checkRun(ctx, ctx.rec, run), 201);
};

const updateCheckRun: Handler = (ctx) => {
  const run = findRun(ctx);
  if (!run) return notFound(ctx);
  const b = ctx.body as CheckRunBody;
  const broken = checkRunRules(ctx, b, run);
  if (broken) return broken;
  if (b.name !== undefined) run.name = b.name;
  if (b.details_url !== undefined) run.detailsUrl = b.details_url;
  if (b.external_id !== undefined) run.externalId = b.external_id;
  if (b.started_at !== undefined) run.startedAt = b.started_at;
  if (b.status !== undefined) run.status = b.status;
  if (b.conclusion !== undefined) {
    run.conclusion = b.conclusion;
    run.status = 'completed';
  }
  if (b.completed_at !== undefined) run.completedAt = b.completed_at;
  else if (run.status === 'completed' && run.completedAt === null) run.completedAt = ctx.state.now();
  if (b.output) {
    if (b.output.title !== undefined) run.output.title = b.output.title;
    if (b.output.summary !== undefined) run.output.summary = b.output.summary;
    if (b.output.text !== undefined) run.output.text = b.output.text;
    run.annotations.push(...(b.output.annotations ?? []));
  }
  return ok(checkRun(ctx, ctx.rec, run));
};

const getCheckRun: Handler = (ctx) => {
  const run = findRun(ctx);
  return run ? ok(checkRun(ctx, ctx.rec, run)) : notFound(ctx);
};

const listAnnotations: Handler = (ctx) => {
  const run = findRun(ctx);
  if (!run) return notFound(ctx);
  const page = paginate(
    ctx,
    run.annotations.map((a) => annotation(ctx.rec, run, a)),
  );
  return ok(page.items, 200, page.headers);
};

function commitFor(ctx: Ctx): string | undefined {
  return ctx.state.resolveRef(ctx.rec, String(ctx.params.ref))?.sha;
}

const listForRef: Handler = (ctx) => {
  const sha = commitFor(ctx);
  if (!sha) return unprocessable(ctx, `No commit found for SHA: ${String(ctx.params.ref)}`);
  let runs = ctx.rec.checkRuns.filter((r) => r.headSha === sha);
  if (typeof ctx.query.check_name === 'string') runs = runs.filter((r) => r.name === ctx.query.check_name);
  if (typeof ctx.query.status === 'string') runs = runs.filter((r) => r.status === ctx.query.status);
  if (ctx.query.filter !== 'all') {
    // `latest`: the most recent run of each name (names are not unique).
    const newest = new Map<string, CheckRunRec>();
    for (const r of runs) if ((newest.get(r.name)?.id ?? -1) < r.id) newest.set(r.name, r);
    runs = runs.filter((r) => newest.get(r.name) === r);
  }
  runs = [...runs].sort((a, b) => b.id - a.id);
  const page = paginate(ctx, runs);
  return ok({ total_count: runs.length, check_runs: page.items.map((r) => checkRun(ctx, ctx.rec, r)) }, 200, page.headers);
};

/** GitHub keeps at most this many statuses per SHA and context. */
const MAX_STATUSES_PER_CONTEXT = 1000;
/** Longest status description GitHub accepts. */
const MAX_STATUS_DESCRIPTION = 140;

const createStatus: Handler = (ctx) => {
  const sha = String(ctx.params.sha);
  const b = ctx.body as {
    state: StatusRec['state'];
    target_url?: string | null;
    description?: string | null;
    context?: string;
  };
  if (!ctx.state.ensureCommit(ctx.rec, sha)) return unprocessable(ctx, `No commit found for SHA: ${sha}`);
  const context = b.context ?? 'default';
  if ((b.description ?? '').length > MAX_STATUS_DESCRIPTION) {
    return validationFailed(ctx.op.docsUrl, [
      {
        resource: 'Status',
        code: 'custom',
        field: 'description',
        message: `description is too long (maximum is ${MAX_STATUS_DESCRIPTION} characters)`,
      },
    ]);
  }
  const same = ctx.rec.statuses.filter((s) => s.sha === sha && s.context.toLowerCase() === context.toLowerCase());
  if (same.length >= MAX_STATUSES_PER_CONTEXT) {
    return validationFailed(ctx.op.docsUrl, [
      {
        resource: 'Status',
        code: 'custom',
        field: 'context',
        message: 'This SHA and context has reached the maximum number of statuses.',
      },
    ]);
  }
  const s = ctx.state.addStatus({
    repo: ctx.rec.fullName,
    sha,
    state: b.state,
    context,
    description: b.description ?? null,
    targetUrl: b.target_url ?? null,
    creator: ctx.state.actor,
  });
  return ok(status(ctx, ctx.rec, s), 201);
};

const combined: Handler = (ctx) => {
  const sha = commitFor(ctx);
  if (!sha) return unprocessable(ctx, `No commit found for SHA: ${String(ctx.params.ref)}`);
  const all = latestStatuses(ctx.rec, sha);
  const page = paginate(ctx, all);
  return ok(combinedStatus(ctx, ctx.rec, sha, page.items, all), 200, page.headers);
};

const listStatuses: Handler = (ctx) => {
  const sha = commitFor(ctx);
  if (!sha) return unprocessable(ctx, `No commit found for SHA: ${String(ctx.params.ref)}`);
  const all = ctx.rec.statuses.filter((s) => s.sha === sha).sort((a, b) => b.id - a.id);
  const page = paginate(ctx, all);
  return ok(
    page.items.map((s) => status(ctx, ctx.rec, s)),
    200,
    page.headers,
  );
};

/** Check-run and status handlers by operationId. */
export const checkRoutes: Record<string, Handler> = {
  'checks/create': createCheckRun,
  'checks/update': updateCheckRun,
  'checks/get': getCheckRun,
  'checks/list-annotations': listAnnotations,
  'checks/list-for-ref': listForRef,
  'repos/create-commit-status': createStatus,
  'repos/get-combined-status-for-ref': combined,
  'repos/list-commit-statuses-for-ref': listStatuses,
};
