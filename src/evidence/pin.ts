/**
 * The rollback pin (issue #11, "make it stick"): a record, on GitHub itself, that an
 * environment runs the rollback target, rolled back from a bad revision. It is the
 * deployment the rollback gate creates (GITHUB.md, "Dispatch, deployments"): its payload
 * says `{"release-gates": {"rollback": {from, to, …}}}`, and the pin stands while that
 * deployment is the environment's current one with a `success` status.
 *
 * It clears when a newer deployment of the environment succeeds, when a newer commit
 * passes the environment's gates (the action posts `inactive` on the pin), or by hand:
 * an `inactive` status on the pin's deployment (README, "Rollback").
 */
import { z } from 'zod';
import type { DeploymentInfo, GitHubDeploys } from '../github/api.js';

/** release-gates' key in a deployment's payload. */
export const PAYLOAD_KEY = 'release-gates';

/** Deployments of an environment read to find the current one (newest first). */
export const DEPLOYMENTS_READ = 30;

const RollbackRecordSchema = z.object({
  /** The bad revision rolled back from. */
  from: z.string(),
  /** The rollback target now running. */
  to: z.string(),
  reason: z.string().default(''),
  /** `manual by @x`, or `monitor`. */
  trigger: z.string().default(''),
  /** The follow-up incident issue, once opened. */
  incident: z.number().optional(),
  /** The workflow run that rolled back. */
  run: z.string().optional(),
});

export type RollbackRecord = z.output<typeof RollbackRecordSchema>;

/** The payload of a rollback deployment. */
export function rollbackPayload(record: RollbackRecord): Record<string, unknown> {
  return { [PAYLOAD_KEY]: { rollback: record } };
}

/** The rollback a deployment's payload records, if any (GitHub may return the payload as a JSON string). */
export function rollbackIn(payload: unknown): RollbackRecord | undefined {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const ours = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[PAYLOAD_KEY] : undefined;
  const rollback = ours !== null && typeof ours === 'object' ? (ours as Record<string, unknown>).rollback : undefined;
  const parsed = RollbackRecordSchema.safeParse(rollback);
  return parsed.success ? parsed.data : undefined;
}

/** The deployment an environment runs now. */
export interface CurrentDeployment {
  deployment: DeploymentInfo;
  /** Its latest status: `success`, or `inactive` for a rollback whose pin was cleared. */
  state: string;
  /** Set when it is a rollback deployment. */
  rollback: RollbackRecord | undefined;
  /** Its latest status's description (the rollback's names its incident issue). */
  description: string;
}

/** A standing pin. */
export interface Pin extends RollbackRecord {
  environment: string;
  deploymentId: number;
  /** When the rollback deployment was created, ISO 8601. */
  since: string;
}

/**
 * The environment's current deployment: the newest whose latest status is `success`, or a
 * rollback deployment whose pin was cleared (`inactive`: it still runs). Also returns the
 * deployments read. Costs one request, plus one per deployment until the current one.
 */
export async function currentDeployment(
  api: GitHubDeploys,
  environment: string,
): Promise<{ current: CurrentDeployment | undefined; deployments: DeploymentInfo[] }> {
  const deployments = await api.listDeployments(environment, DEPLOYMENTS_READ);
  for (const deployment of deployments) {
    const [latest] = await api.listDeploymentStatuses(deployment.id);
    const rollback = rollbackIn(deployment.payload);
    if (latest?.state === 'success' || (latest?.state === 'inactive' && rollback)) {
      return { current: { deployment, state: latest.state, rollback, description: latest.description }, deployments };
    }
  }
  return { current: undefined, deployments };
}

/** The pin of a current deployment, when it stands. */
export function pinOf(current: CurrentDeployment | undefined): Pin | undefined {
  if (!current?.rollback || current.state !== 'success') return undefined;
  const incident = /incident #(\d+)/.exec(current.description)?.[1];
  return {
    ...current.rollback,
    ...(current.rollback.incident === undefined && incident ? { incident: Number(incident) } : {}),
    environment: current.deployment.environment,
    deploymentId: current.deployment.id,
    since: current.deployment.createdAt,
  };
}

/** The environment's standing pin, if any. */
export async function readPin(api: GitHubDeploys, environment: string): Promise<Pin | undefined> {
  return pinOf((await currentDeployment(api, environment)).current);
}

/** The first standing pin of `environments` that pins `sha` out, reading each environment once. */
export async function pinAgainst(api: GitHubDeploys, environments: readonly string[], sha: string): Promise<Pin | undefined> {
  for (const environment of new Set(environments)) {
    const pin = await readPin(api, environment);
    if (pin?.from === sha) return pin;
  }
  return undefined;
}

/** `production was rolled back from abc123 to def456 on 2026-…`: a pin in one line. */
export function describePin(pin: Pin): string {
  const incident = pin.incident === undefined ? '' : ` (incident #${pin.incident})`;
  return `${pin.environment} was rolled back from ${pin.from.slice(0, 12)} to ${pin.to.slice(0, 12)} on ${pin.since}${incident}`;
}

/** How to clear a pin by hand, with the deployment's id. */
export function clearByHand(pin: Pin): string {
  return `gh api -X POST repos/{owner}/{repo}/deployments/${pin.deploymentId}/statuses -f state=inactive -f description="rollback pin cleared by hand"`;
}

/**
 * Clears a standing pin after `sha` passed the environment's gates: `inactive` on the
 * pin's deployment, saying why. The bad revision and the target itself never clear it.
 * Returns the pin cleared, or undefined.
 */
export async function clearPinAfterPass(
  api: GitHubDeploys,
  environment: string,
  sha: string,
  logUrl: string | undefined,
): Promise<Pin | undefined> {
  const pin = await readPin(api, environment);
  if (!pin || pin.from === sha || pin.to === sha) return undefined;
  await api.createDeploymentStatus(pin.deploymentId, {
    state: 'inactive',
    description: `rollback pin cleared: ${sha.slice(0, 12)} passed the ${environment} gates`.slice(0, 140),
    logUrl,
  });
  return pin;
}
