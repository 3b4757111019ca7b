/**
 * The JSON evidence record: what ran, against which commit, config and environment, and
 * what each check measured (docs/evidence.md, "Where results go").
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { GateResult, GateStatus } from '../engine/model.js';
import type { RunResult } from '../gates/run.js';
import type { SecretRegistry } from '../secrets/registry.js';
import { VERSION } from '../version.js';

/** Identifies the record's format; bump on an incompatible change. */
export const EVIDENCE_SCHEMA = 'release-gates/evidence@1';

export interface EvidenceRecord {
  schema: typeof EVIDENCE_SCHEMA;
  tool: { name: 'release-gates'; version: string };
  /** The commit the gates ran for (the PR head SHA in a workflow), or null when unknown. */
  commit: string | null;
  configFile: string;
  /** `sha256:<hex>` of the config file; a result only counts for the same digest. */
  configDigest: string;
  environment: string | null;
  result: GateStatus;
  startedAt: string;
  finishedAt: string;
  /** Wall time of the whole run in milliseconds. */
  durationMs: number;
  /**
   * Present when `--check` ran only some checks: the patterns given. Such a record says
   * what those checks measured, never that a gate passed as a whole.
   */
  partial?: { only: string[] };
  gates: GateResult[];
}

/** Facts about the run that the gates do not know. */
export interface EvidenceContext {
  commit: string | null;
  configFile: string;
  configDigest: string;
  startedAt: Date;
  finishedAt: Date;
}

/** Builds the record, with every secret redacted. */
export function buildEvidence(run: RunResult, context: EvidenceContext, secrets: SecretRegistry): EvidenceRecord {
  return secrets.redactDeep({
    schema: EVIDENCE_SCHEMA,
    tool: { name: 'release-gates', version: VERSION },
    commit: context.commit,
    configFile: context.configFile,
    configDigest: context.configDigest,
    environment: run.environment ?? null,
    result: run.status,
    startedAt: context.startedAt.toISOString(),
    finishedAt: context.finishedAt.toISOString(),
    durationMs: context.finishedAt.getTime() - context.startedAt.getTime(),
    ...(run.partial ? { partial: run.partial } : {}),
    gates: run.gates,
  });
}

/** Writes the record as pretty JSON, creating the folder. */
export async function writeEvidence(file: string, record: EvidenceRecord): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
}
