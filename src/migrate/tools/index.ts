/** The one table of migration tools: the config's `tool:` picks the adapter. */
import type { MigrateSectionConfig } from '../../config/schema/root.js';
import { alembicTool } from './alembic.js';
import { commandTool } from './command.js';
import { dbmateTool } from './dbmate.js';
import { nodePgMigrateTool } from './node-pg-migrate.js';
import { prismaTool } from './prisma.js';
import { sqitchTool } from './sqitch.js';
import { supabaseTool } from './supabase.js';
import type { MigrationTool } from './tool.js';

/** The adapter for a migrate section (the schema guarantees each tool's required fields). */
export function toolFor(section: MigrateSectionConfig): MigrationTool {
  const command = section.command;
  /** What the adapters that read a migrations folder take. */
  const options = {
    ...(command ? { command } : {}),
    ...(section['migrations-dir'] ? { migrationsDir: section['migrations-dir'] } : {}),
  };
  switch (section.tool) {
    case 'alembic':
      return alembicTool({ ...(command ? { command } : {}), ...(section.python ? { python: section.python } : {}) });
    case 'dbmate':
      return dbmateTool(options);
    case 'sqitch':
      return sqitchTool(options);
    case 'node-pg-migrate':
      return nodePgMigrateTool(options);
    case 'supabase':
      return supabaseTool(options);
    case 'prisma':
      return prismaTool(options);
    case 'command':
      return commandTool({ sql: section.sql ?? '', apply: section.apply ?? [], ...(section.applied ? { applied: section.applied } : {}) });
  }
}
