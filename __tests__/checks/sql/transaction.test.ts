/**
 * `Database.transaction` (src/io/database.ts), which the `sql` kind runs every check in,
 * against a real server: settings and role are `SET LOCAL` (gone after the
 * transaction, on the same connection), values are bind parameters, a read-write
 * transaction commits only when asked, and an error rolls everything back.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pgDatabase, type Database } from '../../../src/io/database.js';
import { useSqlServer } from './sql-postgres.js';

const { pg } = useSqlServer();

let db: Database;
beforeAll(async () => {
  db = await pgDatabase.connect(pg().url('app'));
});
afterAll(async () => {
  await db.close();
});

const SESSION =
  "SELECT current_user::text AS who, current_setting('app.current_org_id', true) AS org, current_setting('transaction_read_only') AS ro";

describe('Database.transaction', () => {
  it('SET LOCAL settings and role hold inside, and are gone after, on the same connection', async () => {
    const inside = await db.transaction({ settings: { 'app.current_org_id': "o'1; RESET ROLE" }, role: 'app_user' }, (tx) =>
      tx.query(SESSION),
    );
    expect(inside.rows).toEqual([{ who: 'app_user', org: "o'1; RESET ROLE", ro: 'on' }]);
    const after = await db.transaction({}, (tx) => tx.query(SESSION));
    expect(after.rows).toEqual([{ who: 'postgres', org: '', ro: 'on' }]);
  });

  it('a read-write transaction is rolled back unless commit: true', async () => {
    await db.transaction({ readOnly: false }, (tx) => tx.query("INSERT INTO scratch (note) VALUES ('rolled back')"));
    await db.transaction({ readOnly: false, commit: true }, (tx) => tx.query("INSERT INTO scratch (note) VALUES ('committed')"));
    const notes = await pg().sql('app', "SELECT note FROM scratch WHERE note IN ('rolled back', 'committed')");
    expect(notes).toEqual([{ note: 'committed' }]);
  });

  it('an error in the work rolls back what it wrote, and the connection stays usable', async () => {
    const failing = db.transaction({ readOnly: false, commit: true }, async (tx) => {
      await tx.query("INSERT INTO scratch (note) VALUES ('half done')");
      await tx.query('SELECT 1/0');
    });
    await expect(failing).rejects.toMatchObject({ name: 'DatabaseError', code: '22012', message: 'ERROR 22012: division by zero' });
    expect(await pg().sql('app', "SELECT note FROM scratch WHERE note = 'half done'")).toEqual([]);
    expect((await db.query('SELECT 2 AS n')).rows).toEqual([{ n: 2 }]);
  });

  it('an unknown role fails the setup with the server’s error', async () => {
    await expect(db.transaction({ role: 'no_such_role' }, (tx) => tx.query('SELECT 1'))).rejects.toMatchObject({
      code: '22023',
      message: 'ERROR 22023: role "no_such_role" does not exist',
    });
  });
});
