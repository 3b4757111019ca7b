/** @param pgm {import('node-pg-migrate').MigrationBuilder} */
export const up = (pgm) => {
  pgm.createTable('candidate_applications', {
    id: 'id',
    role_id: { type: 'integer', notNull: true, references: 'roles' },
    candidate_id: { type: 'integer', notNull: true, references: 'candidates' },
    cv_text: { type: 'text' },
  });
};

/** @param pgm {import('node-pg-migrate').MigrationBuilder} */
export const down = (pgm) => {
  pgm.dropTable('candidate_applications');
};
