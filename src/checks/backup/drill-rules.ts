/**
 * The restore drill's cross-field rules, checked by `release-gates validate` and when the
 * check is planned. The drill restores into a database it creates and drops; an existing
 * database (`into:`) only with `allow-existing-target: true`.
 */
import { formatPath, type ConfigPath } from '../../config/source.js';
import type { ConfigProblem } from '../../errors.js';
import type { PlanContext } from '../kind.js';
import type { BackupCheckConfig } from './schema.js';

/** Problems of `restore-drill:` across its fields (empty when none). */
export function drillProblems(config: BackupCheckConfig, path: ConfigPath, source: PlanContext['source']): ConfigProblem[] {
  const drill = config['restore-drill'];
  if (!drill) return [];
  const at = [...path, 'restore-drill'];
  if (drill.into !== undefined && drill.server !== undefined) {
    return [source.problem(at, `${formatPath(at)}: takes into: (an existing scratch database) or server: (where to create one), not both`)];
  }
  if (drill.into !== undefined && drill['allow-existing-target'] !== true) {
    const into = [...at, 'into'];
    return [
      source.problem(
        into,
        `${formatPath(into)}: refused: the drill would restore with pg_restore --clean over a database it did not create, which may be a live one. Remove into: so that the drill creates a scratch database and drops it after (server: says where), or, if this database is a disposable copy, add allow-existing-target: true`,
      ),
    ];
  }
  if (drill['allow-existing-target'] !== undefined && drill.into === undefined) {
    const allow = [...at, 'allow-existing-target'];
    return [source.problem(allow, `${formatPath(allow)}: applies only to into: (an existing database to restore over); remove it`)];
  }
  if (drill.into === undefined && drill.server === undefined && !('pg-dump' in config.backup)) {
    return [
      source.problem(
        at,
        `${formatPath(at)}: needs server: "\${DATABASE_URL}" (a scratch database is created there and dropped) or into: "\${SCRATCH_DATABASE_URL}" when the backup is not made by pg-dump`,
      ),
    ];
  }
  if (drill.expect !== undefined && drill.query === undefined) {
    return [
      source.problem(
        [...at, 'expect'],
        `${formatPath([...at, 'expect'])}: needs a query: to compare with (e.g. query: SELECT count(*) AS n FROM alembic_version)`,
      ),
    ];
  }
  return [];
}
