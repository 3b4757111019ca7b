/**
 * The example configs for runbooks 000–004 are valid, and docs/runbook-coverage.md stays
 * in step with them: every check it names exists in its config, and every check of a
 * config is named there (issue #4: "accounts for every step").
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/load.js';
import { GATE_NAMES, type RootConfig } from '../../src/config/schema/root.js';
import { CHECK_KINDS, type CheckEntry } from '../../src/checks/registry.js';

const DOC = 'docs/runbook-coverage.md';

interface Section {
  runbook: string;
  config: string;
  rows: { step: string; checks: string[] }[];
}

/** The doc's sections: each names its config and has a table whose last column names checks. */
function sections(): Section[] {
  const text = readFileSync(DOC, 'utf8');
  return text
    .split(/^## /m)
    .slice(1)
    .map((part) => {
      const config = /^Config: \[([^\]]+)\]/m.exec(part)?.[1] ?? '';
      const rows = part
        .split('\n')
        .filter((line) => line.startsWith('| ') && !line.startsWith('| section') && !line.startsWith('|---'))
        .map((line) => {
          const cells = line.split(' | ');
          const last = cells.at(-1) ?? '';
          return { step: cells.slice(0, 2).join(' — '), checks: [...last.matchAll(/`([^`]+)`/g)].map((m) => m[1]!) };
        });
      return { runbook: part.split('\n')[0]!, config, rows };
    });
}

/** Every check name of a config, by gate, and the rollback section's steps and verify checks. */
async function checkNames(file: string): Promise<string[]> {
  const loaded = await loadConfig(file);
  const nameOf = (entry: CheckEntry): string => (entry.config as { name?: string }).name ?? entry.kind.describe(entry.config);
  return [
    ...GATE_NAMES.flatMap((gate) => (loaded.config[gate]?.checks ?? []).map(nameOf)),
    ...rollbackNames(loaded.config.rollback, nameOf),
  ];
}

/** A rollback section's names: each step, `database restore`, and each check written in a `verify:`. */
function rollbackNames(rollback: RootConfig['rollback'], nameOf: (entry: CheckEntry) => string): string[] {
  if (!rollback) return [];
  const steps = [...rollback.steps, ...(rollback.restore ? [rollback.restore] : [])];
  const written = steps.flatMap((step) => (step.verify ?? []).flatMap((entry) => (typeof entry === 'string' ? [] : [nameOf(entry)])));
  return [
    ...rollback.steps.map((step, index) => step.name ?? `step ${index + 1}`),
    ...(rollback.restore ? ['database restore'] : []),
    ...written,
  ];
}

const kinds = new Set(CHECK_KINDS.map((kind) => kind.name));
/** The migrate gate's phases, as the doc names them (`migrate: apply`); each is a check of the gate. */
const MIGRATE_PHASES = ['plan', 'analyse', 'acknowledge', 'apply', 'rehearse'];

/** True when `check` names a phase of the migrate gate and the config has a migrate section. */
async function isMigratePhase(check: string, file: string): Promise<boolean> {
  const match = /^migrate: (\w+)$/.exec(check);
  return match !== null && MIGRATE_PHASES.includes(match[1] ?? '') && (await loadConfig(file)).config.migrate !== undefined;
}

describe('docs/runbook-coverage.md', () => {
  const all = sections();

  it('covers runbooks 000 to 004, each with a config', () => {
    expect(all.map((s) => s.runbook.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
    for (const section of all) expect(section.config).toMatch(/^examples\/.+\/release-gates\.yml$/);
  });

  it.each(sections().map((s) => [s.runbook, s] as const))(
    '%s: every row names its check, and every check exists',
    async (_name, section) => {
      const names = await checkNames(section.config);
      for (const row of section.rows) {
        expect({ step: row.step, named: row.checks.length > 0 }).toEqual({ step: row.step, named: true });
        for (const check of row.checks) {
          if (check.endsWith('(implied)') || kinds.has(check) || (await isMigratePhase(check, section.config))) continue;
          expect({ step: row.step, check, exists: names.includes(check) }).toEqual({ step: row.step, check, exists: true });
        }
      }
    },
  );

  it.each(sections().map((s) => [s.runbook, s] as const))('%s: every check of the config is accounted for', async (_name, section) => {
    const named = new Set(section.rows.flatMap((row) => row.checks));
    const names = await checkNames(section.config);
    expect(names.filter((name) => !named.has(name))).toEqual([]);
  });
});
