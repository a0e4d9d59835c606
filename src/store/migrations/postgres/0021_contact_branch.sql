-- Tawasul schema, version 21 (PostgreSQL): the branch a contact was taken at (the unit of kind branch
-- chosen for a walk-in, else the nearest branch at or above the agent's unit), and a daily-totals
-- dimension 'branch' for requests, so a breakdown by branch reads the totals at any size.
ALTER TABLE contacts ADD COLUMN branch_id BIGINT REFERENCES units(id);

CREATE OR REPLACE FUNCTION cases_report_totals() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  od INTEGER;
  nd INTEGER;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM report_zone) THEN
    RETURN NULL;
  END IF;
  -- NULL before the coverage (1970-01-02): not counted, and reports then count raw rows.
  IF TG_OP <> 'INSERT' THEN
    od := report_local_day(OLD.created_at);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    nd := report_local_day(NEW.created_at);
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_day_totals AS t (dim, day, value, n)
    SELECT k.dim, nd, k.value, 1
    FROM (VALUES ('category', NEW.category_id::TEXT),
                 ('unit', COALESCE(NEW.unit_id::TEXT, 'none')),
                 ('channel', NEW.channel),
                 ('type', NEW.type),
                 ('status', NEW.status),
                 ('site', COALESCE(NEW.site_id::TEXT, 'none')),
                 ('agent', COALESCE(NEW.created_by::TEXT, 'none')),
                 ('pending', CASE WHEN NEW.unit_id IS NULL THEN NEW.suggested_unit_id::TEXT END),
                 ('branch', COALESCE(NEW.branch_id::TEXT, 'none')))
           AS k(dim, value)
    WHERE nd IS NOT NULL AND k.value IS NOT NULL
    ON CONFLICT (dim, day, value) DO UPDATE SET n = t.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_day_totals AS t (dim, day, value, n)
    SELECT k.dim, od, k.value, -1
    FROM (VALUES ('category', OLD.category_id::TEXT),
                 ('unit', COALESCE(OLD.unit_id::TEXT, 'none')),
                 ('channel', OLD.channel),
                 ('type', OLD.type),
                 ('status', OLD.status),
                 ('site', COALESCE(OLD.site_id::TEXT, 'none')),
                 ('agent', COALESCE(OLD.created_by::TEXT, 'none')),
                 ('pending', CASE WHEN OLD.unit_id IS NULL THEN OLD.suggested_unit_id::TEXT END),
                 ('branch', COALESCE(OLD.branch_id::TEXT, 'none')))
           AS k(dim, value)
    WHERE od IS NOT NULL AND k.value IS NOT NULL
    ON CONFLICT (dim, day, value) DO UPDATE SET n = t.n + EXCLUDED.n;
  ELSE
    -- Only the values that changed move: -1 under the old value, +1 under the new.
    INSERT INTO report_day_totals AS t (dim, day, value, n)
    SELECT k.dim, x.day, x.value, x.n
    FROM (VALUES ('category', OLD.category_id::TEXT, NEW.category_id::TEXT),
                 ('unit', COALESCE(OLD.unit_id::TEXT, 'none'), COALESCE(NEW.unit_id::TEXT, 'none')),
                 ('channel', OLD.channel, NEW.channel),
                 ('type', OLD.type, NEW.type),
                 ('status', OLD.status, NEW.status),
                 ('site', COALESCE(OLD.site_id::TEXT, 'none'), COALESCE(NEW.site_id::TEXT, 'none')),
                 ('agent', COALESCE(OLD.created_by::TEXT, 'none'),
                  COALESCE(NEW.created_by::TEXT, 'none')),
                 ('pending', CASE WHEN OLD.unit_id IS NULL THEN OLD.suggested_unit_id::TEXT END,
                  CASE WHEN NEW.unit_id IS NULL THEN NEW.suggested_unit_id::TEXT END),
                 ('branch', COALESCE(OLD.branch_id::TEXT, 'none'), COALESCE(NEW.branch_id::TEXT, 'none')))
           AS k(dim, ov, nv)
    CROSS JOIN LATERAL (VALUES (od, k.ov, -1), (nd, k.nv, 1)) AS x(day, value, n)
    WHERE x.day IS NOT NULL AND x.value IS NOT NULL AND (k.ov IS DISTINCT FROM k.nv OR od IS DISTINCT FROM nd)
    ON CONFLICT (dim, day, value) DO UPDATE SET n = t.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END
$fn$;

DROP TRIGGER cases_report_totals ON cases;
CREATE TRIGGER cases_report_totals
AFTER INSERT OR DELETE OR UPDATE OF created_at, category_id, unit_id, channel, type, status,
  site_id, created_by, suggested_unit_id, branch_id ON cases
FOR EACH ROW EXECUTE FUNCTION cases_report_totals();

-- The totals built before this version have no 'branch' rows: counted now from the requests.
INSERT INTO report_day_totals (dim, day, value, n)
SELECT 'branch', d, v, COUNT(*) FROM (
  SELECT report_local_day(created_at) AS d, COALESCE(branch_id::TEXT, 'none') AS v
  FROM cases WHERE EXISTS (SELECT 1 FROM report_zone)) x
WHERE d IS NOT NULL GROUP BY d, v;
