/**
 * A realistic migration corpus for bench/sql-analysis.mjs: files shaped like the migrations
 * of runbooks 000, 003 and 004 (tables with constraints, indexes, backfills, views, RLS
 * policies, plpgsql trigger and RPC functions, grants, comments, the odd destructive change),
 * each one different (names and constants vary with its number).
 */

/** The SQL of migration `n` (about 5 KB). */
export function migration(n) {
  const t = `tenant_items_${n}`;
  const parent = `tenant_groups_${n % 7}`;
  return `-- Migration ${String(n).padStart(4, '0')}: ${t} (generated for the benchmark)
BEGIN;

CREATE TABLE public.${t} (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL REFERENCES public.orgs (id) ON DELETE CASCADE,
    group_id bigint REFERENCES public.${parent} (id),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND ${100 + n}),
    status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'active', 'archived')),
    amount_cents integer NOT NULL DEFAULT 0,
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz
);

CREATE INDEX ${t}_org_idx ON public.${t} (org_id);
CREATE INDEX ${t}_status_idx ON public.${t} (status) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX ${t}_org_name_key ON public.${t} (org_id, lower(name));
COMMENT ON TABLE public.${t} IS 'Items of tenant group ${n % 7} (migration ${n})';

ALTER TABLE public.${parent} ADD COLUMN IF NOT EXISTS item_count integer NOT NULL DEFAULT 0;
ALTER TABLE public.${parent} ADD COLUMN IF NOT EXISTS last_item_at timestamptz;

INSERT INTO public.${t} (org_id, group_id, name, status, amount_cents)
SELECT g.org_id, g.id, g.name || ' default', 'active', ${n * 10}
FROM public.${parent} g
WHERE g.created_at > now() - interval '${(n % 90) + 1} days'
ON CONFLICT DO NOTHING;

UPDATE public.${parent} g
SET item_count = c.n, last_item_at = c.last_at
FROM (SELECT group_id, count(*) AS n, max(created_at) AS last_at FROM public.${t} GROUP BY group_id) c
WHERE c.group_id = g.id AND g.item_count IS DISTINCT FROM c.n;

CREATE OR REPLACE FUNCTION public.${t}_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    IF TG_OP = 'UPDATE' AND NEW.status = 'archived' AND OLD.status <> 'archived' THEN
        NEW.deleted_at := coalesce(NEW.deleted_at, now());
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ${t}_touch BEFORE UPDATE ON public.${t}
FOR EACH ROW EXECUTE FUNCTION public.${t}_touch();

CREATE OR REPLACE FUNCTION public.${t}_summary(p_org uuid, p_from date DEFAULT current_date - ${n % 30})
RETURNS TABLE (status text, items bigint, amount_cents bigint)
LANGUAGE sql STABLE SECURITY INVOKER AS $$
    SELECT i.status, count(*), coalesce(sum(i.amount_cents), 0)
    FROM public.${t} i
    WHERE i.org_id = p_org AND i.created_at::date >= p_from AND i.deleted_at IS NULL
    GROUP BY i.status
    ORDER BY 2 DESC
$$;

CREATE OR REPLACE VIEW public.${t}_active AS
SELECT i.id, i.org_id, i.name, i.amount_cents, g.name AS group_name
FROM public.${t} i
LEFT JOIN public.${parent} g ON g.id = i.group_id
WHERE i.status = 'active' AND i.deleted_at IS NULL;

ALTER TABLE public.${t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${t}_org_isolation ON public.${t}
    USING (org_id = current_setting('app.current_org_id', true)::uuid)
    WITH CHECK (org_id = current_setting('app.current_org_id', true)::uuid);

GRANT SELECT, INSERT, UPDATE ON public.${t} TO authenticated;
GRANT SELECT ON public.${t}_active TO authenticated;
GRANT EXECUTE ON FUNCTION public.${t}_summary(uuid, date) TO authenticated;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = '${t}_metadata_idx') THEN
        CREATE INDEX ${t}_metadata_idx ON public.${t} USING gin (metadata jsonb_path_ops);
    END IF;
END
$$;
${n % 5 === 0 ? `\nALTER TABLE public.${parent} DROP COLUMN IF EXISTS legacy_code_${n};\nDELETE FROM public.${parent}_audit WHERE created_at < now() - interval '${n} days';\n` : ''}
UPDATE alembic_version SET version_num = '${String(n).padStart(4, '0')}_${t}' WHERE alembic_version.version_num = '${String(n - 1).padStart(4, '0')}';

COMMIT;
`;
}
