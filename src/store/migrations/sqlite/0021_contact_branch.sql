-- Tawasul schema, version 21 (SQLite): the branch a contact was taken at (the unit of kind branch
-- chosen for a walk-in, else the nearest branch at or above the agent's unit), and a daily-totals
-- dimension 'branch' for requests, so a breakdown by branch reads the totals at any size.
ALTER TABLE contacts ADD COLUMN branch_id INTEGER REFERENCES units(id);

DROP TRIGGER cases_report_insert;
DROP TRIGGER cases_report_update;
DROP TRIGGER cases_report_delete;

CREATE TRIGGER cases_report_insert AFTER INSERT ON cases
WHEN EXISTS (SELECT 1 FROM report_zone)
BEGIN
  INSERT INTO report_day_totals (dim, day, value, n)
  SELECT k.dim, d.day, k.value, 1
  FROM (SELECT (NEW.created_at + 1000000 * (SELECT o.offset_s FROM report_zone_offsets o
                WHERE o.starts_at <= NEW.created_at ORDER BY o.starts_at DESC LIMIT 1))
               / 86400000000 AS day) d,
       (SELECT 'category' AS dim, CAST(NEW.category_id AS TEXT) AS value
        UNION ALL SELECT 'unit', COALESCE(CAST(NEW.unit_id AS TEXT), 'none')
        UNION ALL SELECT 'channel', NEW.channel
        UNION ALL SELECT 'type', NEW.type
        UNION ALL SELECT 'status', NEW.status
        UNION ALL SELECT 'site', COALESCE(CAST(NEW.site_id AS TEXT), 'none')
        UNION ALL SELECT 'agent', COALESCE(CAST(NEW.created_by AS TEXT), 'none')
        UNION ALL SELECT 'pending', CASE WHEN NEW.unit_id IS NULL THEN CAST(NEW.suggested_unit_id AS TEXT) END
        UNION ALL SELECT 'branch', COALESCE(CAST(NEW.branch_id AS TEXT), 'none')) k
  WHERE d.day IS NOT NULL AND k.value IS NOT NULL
  ON CONFLICT (dim, day, value) DO UPDATE SET n = n + excluded.n;
END;

-- Only the values that changed move: -1 under the old value, +1 under the new (the day moves
-- every value, should created_at ever change).
CREATE TRIGGER cases_report_update
AFTER UPDATE OF created_at, category_id, unit_id, channel, type, status, site_id, created_by,
  suggested_unit_id, branch_id
ON cases
WHEN EXISTS (SELECT 1 FROM report_zone)
BEGIN
  INSERT INTO report_day_totals (dim, day, value, n)
  SELECT k.dim, d.od, k.ov, -1
  FROM (SELECT (OLD.created_at + 1000000 * (SELECT o.offset_s FROM report_zone_offsets o
               WHERE o.starts_at <= OLD.created_at ORDER BY o.starts_at DESC LIMIT 1))
             / 86400000000 AS od,
               (NEW.created_at + 1000000 * (SELECT o.offset_s FROM report_zone_offsets o
               WHERE o.starts_at <= NEW.created_at ORDER BY o.starts_at DESC LIMIT 1))
             / 86400000000 AS nd) d,
       (SELECT 'category' AS dim, CAST(OLD.category_id AS TEXT) AS ov, CAST(NEW.category_id AS TEXT) AS nv
        UNION ALL SELECT 'unit', COALESCE(CAST(OLD.unit_id AS TEXT), 'none'), COALESCE(CAST(NEW.unit_id AS TEXT), 'none')
        UNION ALL SELECT 'channel', OLD.channel, NEW.channel
        UNION ALL SELECT 'type', OLD.type, NEW.type
        UNION ALL SELECT 'status', OLD.status, NEW.status
        UNION ALL SELECT 'site', COALESCE(CAST(OLD.site_id AS TEXT), 'none'), COALESCE(CAST(NEW.site_id AS TEXT), 'none')
        UNION ALL SELECT 'agent', COALESCE(CAST(OLD.created_by AS TEXT), 'none'), COALESCE(CAST(NEW.created_by AS TEXT), 'none')
        UNION ALL SELECT 'pending', CASE WHEN OLD.unit_id IS NULL THEN CAST(OLD.suggested_unit_id AS TEXT) END,
                         CASE WHEN NEW.unit_id IS NULL THEN CAST(NEW.suggested_unit_id AS TEXT) END
        UNION ALL SELECT 'branch', COALESCE(CAST(OLD.branch_id AS TEXT), 'none'), COALESCE(CAST(NEW.branch_id AS TEXT), 'none')) k
  WHERE d.od IS NOT NULL AND k.ov IS NOT NULL AND (k.ov IS NOT k.nv OR d.od IS NOT d.nd)
  ON CONFLICT (dim, day, value) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_day_totals (dim, day, value, n)
  SELECT k.dim, d.nd, k.nv, 1
  FROM (SELECT (OLD.created_at + 1000000 * (SELECT o.offset_s FROM report_zone_offsets o
               WHERE o.starts_at <= OLD.created_at ORDER BY o.starts_at DESC LIMIT 1))
             / 86400000000 AS od,
               (NEW.created_at + 1000000 * (SELECT o.offset_s FROM report_zone_offsets o
               WHERE o.starts_at <= NEW.created_at ORDER BY o.starts_at DESC LIMIT 1))
             / 86400000000 AS nd) d,
       (SELECT 'category' AS dim, CAST(OLD.category_id AS TEXT) AS ov, CAST(NEW.category_id AS TEXT) AS nv
        UNION ALL SELECT 'unit', COALESCE(CAST(OLD.unit_id AS TEXT), 'none'), COALESCE(CAST(NEW.unit_id AS TEXT), 'none')
        UNION ALL SELECT 'channel', OLD.channel, NEW.channel
        UNION ALL SELECT 'type', OLD.type, NEW.type
        UNION ALL SELECT 'status', OLD.status, NEW.status
        UNION ALL SELECT 'site', COALESCE(CAST(OLD.site_id AS TEXT), 'none'), COALESCE(CAST(NEW.site_id AS TEXT), 'none')
        UNION ALL SELECT 'agent', COALESCE(CAST(OLD.created_by AS TEXT), 'none'), COALESCE(CAST(NEW.created_by AS TEXT), 'none')
        UNION ALL SELECT 'pending', CASE WHEN OLD.unit_id IS NULL THEN CAST(OLD.suggested_unit_id AS TEXT) END,
                         CASE WHEN NEW.unit_id IS NULL THEN CAST(NEW.suggested_unit_id AS TEXT) END
        UNION ALL SELECT 'branch', COALESCE(CAST(OLD.branch_id AS TEXT), 'none'), COALESCE(CAST(NEW.branch_id AS TEXT), 'none')) k
  WHERE d.nd IS NOT NULL AND k.nv IS NOT NULL AND (k.ov IS NOT k.nv OR d.od IS NOT d.nd)
  ON CONFLICT (dim, day, value) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER cases_report_delete AFTER DELETE ON cases
WHEN EXISTS (SELECT 1 FROM report_zone)
BEGIN
  INSERT INTO report_day_totals (dim, day, value, n)
  SELECT k.dim, d.day, k.value, -1
  FROM (SELECT (OLD.created_at + 1000000 * (SELECT o.offset_s FROM report_zone_offsets o
               WHERE o.starts_at <= OLD.created_at ORDER BY o.starts_at DESC LIMIT 1))
             / 86400000000 AS day) d,
       (SELECT 'category' AS dim, CAST(OLD.category_id AS TEXT) AS value
        UNION ALL SELECT 'unit', COALESCE(CAST(OLD.unit_id AS TEXT), 'none')
        UNION ALL SELECT 'channel', OLD.channel
        UNION ALL SELECT 'type', OLD.type
        UNION ALL SELECT 'status', OLD.status
        UNION ALL SELECT 'site', COALESCE(CAST(OLD.site_id AS TEXT), 'none')
        UNION ALL SELECT 'agent', COALESCE(CAST(OLD.created_by AS TEXT), 'none')
        UNION ALL SELECT 'pending', CASE WHEN OLD.unit_id IS NULL THEN CAST(OLD.suggested_unit_id AS TEXT) END
        UNION ALL SELECT 'branch', COALESCE(CAST(OLD.branch_id AS TEXT), 'none')) k
  WHERE d.day IS NOT NULL AND k.value IS NOT NULL
  ON CONFLICT (dim, day, value) DO UPDATE SET n = n + excluded.n;
END;

-- The totals built before this version have no 'branch' rows: they are counted now, in the
-- same transaction, from the requests as they stand (the zone's offsets are already there).
INSERT INTO report_day_totals (dim, day, value, n)
SELECT 'branch', d, v, COUNT(*) FROM (
  SELECT ((created_at + 1000000 * (SELECT o.offset_s FROM report_zone_offsets o
           WHERE o.starts_at <= created_at ORDER BY o.starts_at DESC LIMIT 1)) / 86400000000) AS d,
         COALESCE(CAST(branch_id AS TEXT), 'none') AS v
  FROM cases WHERE EXISTS (SELECT 1 FROM report_zone)) x
WHERE d IS NOT NULL GROUP BY d, v;
