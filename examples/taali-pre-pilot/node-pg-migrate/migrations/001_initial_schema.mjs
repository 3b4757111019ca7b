/**
 * Roles, candidates and their assessments (the alembic revision 001_initial_schema),
 * with node-pg-migrate's migration builder.
 * @param pgm {import('node-pg-migrate').MigrationBuilder}
 */
export const up = (pgm) => {
  pgm.createTable('roles', {
    id: 'id',
    title: { type: 'text', notNull: true },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.createTable('candidates', {
    id: 'id',
    full_name: { type: 'text', notNull: true },
    email: { type: 'text', notNull: true, unique: true },
  });
  pgm.createTable('assessments', {
    id: 'id',
    candidate_id: { type: 'integer', notNull: true, references: 'candidates' },
    status: { type: 'text', notNull: true, default: 'pending' },
    started_at: { type: 'timestamptz' },
  });
};

/** @param pgm {import('node-pg-migrate').MigrationBuilder} */
export const down = (pgm) => {
  pgm.dropTable('assessments');
  pgm.dropTable('candidates');
  pgm.dropTable('roles');
};
