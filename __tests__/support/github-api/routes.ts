/**
 * The route table: one handler per operationId of the fixture.
 */
import { ok, type Handler } from './http.js';
import { checkRoutes } from './routes-checks.js';
import { deployRoutes } from './routes-deploy.js';
import { issueRoutes } from './routes-issues.js';
import { repoRoutes } from './routes-repos.js';

const rateLimit: Handler = (ctx) => ok(ctx.limits.overview());

/** Handlers by operationId (`checks/create`, `issues/create-comment`, ...). */
export const routes: Record<string, Handler> = {
  ...checkRoutes,
  ...issueRoutes,
  ...repoRoutes,
  ...deployRoutes,
  'rate-limit/get': rateLimit,
};
