-- Tawasul schema, version 18 (SQLite): routing rules, and the unit they suggest for each request.
-- A rule names a category (with the categories below it), a site, a region of the site registry,
-- the branch a request was taken at and a channel, any of them unset, and the unit it suggests;
-- the most specific rule that holds wins (domain/routing.hpp), else the category's default unit.
CREATE TABLE routing_rules (
  id INTEGER PRIMARY KEY,
  category_id INTEGER REFERENCES categories(id),
  site_id INTEGER REFERENCES sites(id),
  region TEXT NOT NULL DEFAULT '',
  branch_id INTEGER REFERENCES units(id),
  channel TEXT NOT NULL DEFAULT '',
  unit_id INTEGER NOT NULL REFERENCES units(id),
  active INTEGER NOT NULL DEFAULT 1,
  note TEXT NOT NULL DEFAULT ''
);

-- The unit routing suggested when the request was registered or reclassified; the dispatcher
-- may refer elsewhere. Until it is referred, reports count it under that unit, apart, as "not
-- yet referred": the daily totals gain a dimension 'pending' (the suggested unit of requests
-- with no unit; no row for the others).
ALTER TABLE cases ADD COLUMN suggested_unit_id INTEGER REFERENCES units(id);

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
        UNION ALL SELECT 'pending', CASE WHEN NEW.unit_id IS NULL THEN CAST(NEW.suggested_unit_id AS TEXT) END) k
  WHERE d.day IS NOT NULL AND k.value IS NOT NULL
  ON CONFLICT (dim, day, value) DO UPDATE SET n = n + excluded.n;
END;

-- Only the values that changed move: -1 under the old value, +1 under the new (the day moves
-- every value, should created_at ever change).
CREATE TRIGGER cases_report_update
AFTER UPDATE OF created_at, category_id, unit_id, channel, type, status, site_id, created_by,
  suggested_unit_id
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
                         CASE WHEN NEW.unit_id IS NULL THEN CAST(NEW.suggested_unit_id AS TEXT) END) k
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
                         CASE WHEN NEW.unit_id IS NULL THEN CAST(NEW.suggested_unit_id AS TEXT) END) k
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
        UNION ALL SELECT 'pending', CASE WHEN OLD.unit_id IS NULL THEN CAST(OLD.suggested_unit_id AS TEXT) END) k
  WHERE d.day IS NOT NULL AND k.value IS NOT NULL
  ON CONFLICT (dim, day, value) DO UPDATE SET n = n + excluded.n;
END;
