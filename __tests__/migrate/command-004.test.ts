/**
 * Runbook 004's three Supabase migrations with the `command` tool: each file applied by
 * the real psql in its own transaction with its history row, in dependency order; they
 * are additive, so nothing needs an acknowledgement; the verify checks find the objects
 * and time the alias search. A second run has nothing pending.
 */
import { describe, expect, it } from '@jest/globals';
import { postgresForFile } from '../support/postgres.js';
import { phase, projectCopy, runMigrate } from './helpers.js';

const pg = postgresForFile();

describe('runbook 004 with the command tool and psql', () => {
  it('applies the three migrations in order, then has nothing pending', async () => {
    await pg.createDatabase(
      'alias',
      'CREATE SCHEMA supabase_migrations; CREATE TABLE supabase_migrations.schema_migrations (version text PRIMARY KEY, name text);',
    );
    const { dir } = projectCopy('alias-initiative');
    const env = { DATABASE_URL: pg.url('alias') };
    const run = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect(phase(run, 'analyse').summary).toContain('3 migrations analysed');
    expect(phase(run, 'acknowledge').summary).toBe('no pending migration needs an acknowledgement');
    const apply = phase(run, 'apply');
    expect(apply.status).toBe('passed');
    expect((apply.data as { timings: { id: string }[] }).timings.map((t) => t.id)).toEqual([
      '20251015120000_canonical_promotion_system',
      '20251015125000_alias_search_system',
      '20251015130000_analytics_system',
    ]);
    expect(phase(run, 'alias-initiative-objects-exist').status).toBe('passed');
    expect(phase(run, 'alias-search-under-500-ms').status).toBe('passed');
    expect(run.status).toBe('passed');
    const history = await pg.sql('alias', 'SELECT version FROM supabase_migrations.schema_migrations ORDER BY 1');
    expect(history.map((row) => row.version)).toEqual(['20251015120000', '20251015125000', '20251015130000']);

    const again = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect(phase(again, 'plan').summary).toBe(
      'current 20251015130000_analytics_system is the head 20251015130000_analytics_system: nothing to apply',
    );
    expect(again.status).toBe('passed');
  }, 240_000);
});
