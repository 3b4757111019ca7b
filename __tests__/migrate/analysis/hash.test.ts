/**
 * The normalised content hash an acknowledgement binds to (issue #9, item 4): whitespace,
 * comments, keyword case and CRLF do not change it; any change of meaning does, constants
 * included (unlike libpg-query's fingerprint). Function and DO bodies count by their parse
 * trees too, and `parts` shows which statement changed.
 */
import { describe, expect, it } from '@jest/globals';
import { analyseSql } from '../../../src/migrate/analysis/index.js';

const BASE = `-- 016: archive old sessions
DELETE FROM public.sessions WHERE expires_at < now() - interval '30 days';
UPDATE leads SET status = 'archived' WHERE last_seen < '2025-01-01';
DO $$
BEGIN
    DELETE FROM import_staging WHERE batch_id = 7;
    EXECUTE 'TRUNCATE scratch';
END $$;
CREATE FUNCTION public.purge(p_org uuid) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE n int := 0;
BEGIN
    DELETE FROM leads WHERE org_id = p_org;
    GET DIAGNOSTICS n = ROW_COUNT;
    RAISE NOTICE 'purged % leads', n;
END $fn$;
CREATE FUNCTION public.clear() RETURNS void LANGUAGE sql AS $$ DELETE FROM cache WHERE stale $$;
`;

/** The same migration, reformatted: other whitespace, comments everywhere, keyword case, CRLF. */
const REFORMATTED = `/* Migration 016
   archive old sessions */
delete   from public.sessions   -- the old ones
  where expires_at < now() - interval '30 days'  ;

update LEADS set STATUS = 'archived'
 where LAST_SEEN < '2025-01-01';   -- unquoted names fold to lower case
do $$
begin
  -- staging first
  delete from import_staging where batch_id = 7;   execute 'TRUNCATE scratch';
end $$;

create function public.purge(p_org uuid) returns void language plpgsql as $fn$
declare
  n int := 0;  -- counter
begin
  delete from leads
   where org_id = p_org;
  get diagnostics n = row_count;
  raise notice 'purged % leads', n;
end $fn$;
create function public.clear() returns void language sql as $$
    delete from cache where stale   -- stale only
$$;
`.replaceAll('\n', '\r\n');

async function hash(sql: string): Promise<string> {
  return (await analyseSql(sql)).hash;
}

describe('the normalised content hash', () => {
  it('is sha256 of the normal form, the same for a reformatted copy (whitespace, comments, case, CRLF)', async () => {
    const base = await analyseSql(BASE);
    expect(base.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const reformatted = await analyseSql(REFORMATTED);
    expect(reformatted.hash).toBe(base.hash);
    expect(reformatted.parts.map((part) => part.hash)).toEqual(base.parts.map((part) => part.hash));
  });

  it('does not depend on startLine', async () => {
    expect(await hash(BASE)).toBe((await analyseSql(BASE, { startLine: 40 })).hash);
  });

  const changes: [string, string, string][] = [
    ['a constant', "interval '30 days'", "interval '31 days'"],
    ['a string constant', "'archived'", "'archive'"],
    ['a column', 'expires_at <', 'created_at <'],
    ['a table', 'DELETE FROM public.sessions', 'DELETE FROM public.session_log'],
    ['a schema', 'DELETE FROM public.sessions', 'DELETE FROM audit.sessions'],
    ['an operator of a WHERE', 'expires_at < now()', 'expires_at <= now()'],
    ['a WHERE dropped', " WHERE last_seen < '2025-01-01'", ''],
    ['a constant in a DO block', 'batch_id = 7', 'batch_id = 8'],
    ['the string a DO block EXECUTEs', "'TRUNCATE scratch'", "'TRUNCATE scratch2'"],
    ['a statement in a plpgsql function', 'DELETE FROM leads WHERE org_id = p_org', 'DELETE FROM leads WHERE org_id <> p_org'],
    ['a message a function raises', "'purged % leads'", "'deleted % leads'"],
    ['a declared default', 'n int := 0', 'n int := 1'],
    ['a SQL function body', 'WHERE stale $$', 'WHERE NOT stale $$'],
    ['a quoted identifier case', 'public.sessions', 'public."Sessions"'],
  ];

  it.each(changes)('changes when %s changes, and only that statement’s part changes', async (_what, from, to) => {
    expect(BASE.includes(from)).toBe(true);
    const base = await analyseSql(BASE);
    const changed = await analyseSql(BASE.replace(from, () => to));
    expect(changed.hash).not.toBe(base.hash);
    const differing = changed.parts.filter((part, index) => part.hash !== base.parts[index]?.hash);
    expect(differing).toHaveLength(1);
    expect(differing[0]?.line).toBe(base.parts.find((part) => part.text.includes(from))?.line);
  });

  it('changes when statements are reordered or one is added', async () => {
    const [first = '', second = ''] = ['SELECT 1;', 'SELECT 2;'];
    expect(await hash(`${first}\n${second}`)).not.toBe(await hash(`${second}\n${first}`));
    expect(await hash(first)).not.toBe(await hash(`${first}\n${first}`));
  });

  it('tells apart what libpg-query’s fingerprint does not (constants)', async () => {
    expect(await hash('DELETE FROM t WHERE id = 1')).not.toBe(await hash('DELETE FROM t WHERE id = 2'));
    expect(await hash('GRANT SELECT ON t TO reader')).not.toBe(await hash('GRANT SELECT ON t TO writer'));
  });

  it('gives each part its statement text and line', async () => {
    const analysis = await analyseSql('SELECT 1;\n\n  DELETE FROM t;\n', { startLine: 5 });
    expect(analysis.parts.map(({ text, line }) => ({ text, line }))).toEqual([
      { text: 'SELECT 1', line: 5 },
      { text: 'DELETE FROM t', line: 7 },
    ]);
  });

  it('hashes a statement that does not parse by its tokens: comments and spacing aside, its text counts', async () => {
    const broken = 'SELECT 1;\nCREATE TABLE broken (id int,);\n';
    const base = await analyseSql(broken);
    expect(base.unanalysable).toHaveLength(1);
    expect((await analyseSql('SELECT 1;\nCREATE   TABLE broken /* x */ (id int ,) ;')).hash).toBe(base.hash);
    expect((await analyseSql('SELECT 1;\nCREATE TABLE broken (id bigint,);')).hash).not.toBe(base.hash);
  });
});
