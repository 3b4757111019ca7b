/**
 * Handlers: deployments, deployment statuses and workflow dispatch.
 */
import { ancestry } from './objects.js';
import { deployment, deploymentStatus, latestStatuses } from './objects-checks.js';
import { notFound, ok, paginate, unprocessable, validationFailed, type Ctx, type Handler } from './http.js';
import type { DeploymentRec } from './types.js';

function findDeployment(ctx: Ctx): DeploymentRec | undefined {
  return ctx.rec.deployments.find((d) => d.id === ctx.params.deployment_id);
}

const listDeployments: Handler = (ctx) => {
  const q = ctx.query;
  const list = ctx.rec.deployments
    .filter(
      (d) =>
        (typeof q.sha !== 'string' || d.sha === q.sha) &&
        (typeof q.ref !== 'string' || d.ref === q.ref) &&
        (typeof q.task !== 'string' || d.task === q.task) &&
        (typeof q.environment !== 'string' || d.environment === q.environment),
    )
    .sort((a, b) => b.id - a.id);
  const page = paginate(ctx, list);
  return ok(
    page.items.map((d) => deployment(ctx, ctx.rec, d)),
    200,
    page.headers,
  );
};

interface CreateDeploymentBody {
  ref: string;
  task?: string;
  auto_merge?: boolean;
  required_contexts?: string[];
  payload?: Record<string, unknown> | string;
  environment?: string;
  description?: string | null;
  transient_environment?: boolean;
  production_environment?: boolean;
}

/**
 * Create a deployment with GitHub's two surprises: `auto_merge` (default true) merges the
 * default branch into a ref that is behind it and answers 202 instead; and
 * `required_contexts` (default: every context) must all be `success`, else 409.
 */
const createDeployment: Handler = (ctx) => {
  const b = ctx.body as CreateDeploymentBody;
  const target = ctx.state.resolveRef(ctx.rec, b.ref);
  if (!target)
    return validationFailed(ctx.op.docsUrl, [
      {
        resource: 'Deployment',
        code: 'custom',
        field: 'ref',
        message: `No ref found for: ${b.ref}`,
      },
    ]);
  const defaultHead = ctx.rec.branches.get(ctx.rec.defaultBranch);
  const isBranch = ctx.rec.branches.has(b.ref) && b.ref !== ctx.rec.defaultBranch;
  if (b.auto_merge !== false && isBranch && defaultHead && !ancestry(ctx.rec, target.sha).some((c) => c.sha === defaultHead)) {
    ctx.state.addCommit({
      repo: ctx.rec.fullName,
      branch: b.ref,
      parents: [target.sha, defaultHead],
      message: `Merge ${ctx.rec.defaultBranch} into ${b.ref}`,
    });
    return ok({ message: `Auto-merged ${ctx.rec.defaultBranch} into ${b.ref} on deployment.` }, 202);
  }
  const statuses = latestStatuses(ctx.rec, target.sha);
  const required = b.required_contexts ?? statuses.map((s) => s.context);
  const failing = required.filter((name) => statuses.find((s) => s.context.toLowerCase() === name.toLowerCase())?.state !== 'success');
  if (failing.length > 0) {
    return {
      status: 409,
      body: {
        message: `Conflict: Commit status checks failed for ${b.ref}.`,
        errors: [
          {
            resource: 'Deployment',
            field: 'required_contexts',
            code: 'invalid',
            contexts: failing.map((name) => ({
              context: name,
              state: statuses.find((s) => s.context.toLowerCase() === name.toLowerCase())?.state ?? 'missing',
            })),
          },
        ],
        documentation_url: ctx.op.docsUrl,
        status: '409',
      },
    };
  }
  const environment = b.environment ?? 'production';
  const d = ctx.state.addDeployment({
    repo: ctx.rec.fullName,
    ref: b.ref,
    sha: target.sha,
    environment,
    task: b.task ?? 'deploy',
    payload: b.payload ?? {},
    description: b.description ?? null,
    creator: ctx.state.actor,
  });
  d.transient = b.transient_environment ?? false;
  d.production = b.production_environment ?? environment === 'production';
  return ok(deployment(ctx, ctx.rec, d), 201);
};

const listDeploymentStatuses: Handler = (ctx) => {
  const d = findDeployment(ctx);
  if (!d) return notFound(ctx);
  const page = paginate(
    ctx,
    [...d.statuses].sort((a, b) => b.id - a.id),
  );
  return ok(
    page.items.map((s) => deploymentStatus(ctx, ctx.rec, d, s)),
    200,
    page.headers,
  );
};

/** Longest deployment-status description GitHub accepts. */
const MAX_DESCRIPTION = 140;

const createDeploymentStatus: Handler = (ctx) => {
  const d = findDeployment(ctx);
  if (!d) return notFound(ctx);
  const b = ctx.body as {
    state: string;
    target_url?: string;
    log_url?: string;
    description?: string;
    environment?: string;
    environment_url?: string;
    auto_inactive?: boolean;
  };
  if ((b.description ?? '').length > MAX_DESCRIPTION) {
    return validationFailed(ctx.op.docsUrl, [
      {
        resource: 'DeploymentStatus',
        code: 'custom',
        field: 'description',
        message: `description is too long (maximum is ${MAX_DESCRIPTION} characters)`,
      },
    ]);
  }
  if (b.environment) d.environment = b.environment;
  const s = {
    id: ctx.state.nextId('deploymentStatus'),
    state: b.state,
    description: b.description ?? '',
    environment: d.environment,
    targetUrl: b.target_url ?? b.log_url ?? '',
    logUrl: b.log_url ?? b.target_url ?? '',
    environmentUrl: b.environment_url ?? '',
    creator: ctx.state.actor,
    createdAt: ctx.state.now(),
  };
  d.statuses.push(s);
  if (b.state === 'success' && b.auto_inactive !== false) {
    for (const other of ctx.rec.deployments) {
      if (
        other.id < d.id &&
        other.environment === d.environment &&
        !other.transient &&
        !other.production &&
        other.statuses.at(-1)?.state !== 'inactive'
      ) {
        other.statuses.push({
          ...s,
          id: ctx.state.nextId('deploymentStatus'),
          state: 'inactive',
          description: '',
        });
      }
    }
  }
  return ok(deploymentStatus(ctx, ctx.rec, d, s), 201);
};

const dispatch: Handler = (ctx) => {
  const b = ctx.body as {
    ref: string;
    inputs?: Record<string, unknown>;
    return_run_details?: boolean;
  };
  const ref = b.ref.replace(/^refs\/(heads|tags)\//, '');
  if (!ctx.rec.branches.has(ref) && !ctx.rec.tags.has(ref) && !ctx.rec.commits.has(b.ref)) {
    return unprocessable(ctx, `No ref found for: ${b.ref}`);
  }
  ctx.rec.dispatches.push({
    workflowId: String(ctx.params.workflow_id),
    ref: b.ref,
    inputs: b.inputs ?? {},
    at: ctx.state.now(),
  });
  if (!b.return_run_details) return { status: 204 };
  const id = ctx.state.nextId('checkRun');
  return ok({
    workflow_run_id: id,
    run_url: `${ctx.api}/repos/${ctx.rec.fullName}/actions/runs/${id}`,
    html_url: `https://github.com/${ctx.rec.fullName}/actions/runs/${id}`,
  });
};

/** Deployment and dispatch handlers by operationId. */
export const deployRoutes: Record<string, Handler> = {
  'repos/list-deployments': listDeployments,
  'repos/create-deployment': createDeployment,
  'repos/list-deployment-statuses': listDeploymentStatuses,
  'repos/create-deployment-status': createDeploymentStatus,
  'actions/create-workflow-dispatch': dispatch,
};
