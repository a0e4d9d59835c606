-- Tawasul schema, version 7 (SQLite): daily report totals, kept by triggers on cases in the
-- transaction of every write, so reports read a few hundred rows however many requests there
-- are (decision 0011). A day is a local day of the installation's time zone: the app writes
-- the zone's UTC offsets (report_zone_offsets) and rebuilds the totals whenever the zone or its
-- rules change (report_zone holds what they were built for); with no report_zone row the
-- triggers do nothing and reports count raw rows.
CREATE TABLE report_zone (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  fingerprint TEXT NOT NULL,  -- zone name and a hash of its offsets (app/report_service.cpp)
  covers_from BIGINT NOT NULL,  -- requests created in [covers_from, covers_to) are bucketed
  covers_to BIGINT NOT NULL
);
-- The UTC offset in force from starts_at (microseconds since the epoch) until the next row.
CREATE TABLE report_zone_offsets (
  starts_at BIGINT PRIMARY KEY,
  offset_s INTEGER NOT NULL
);
-- Requests created on local day `day` (days since 1970-01-01) by dimension value: dim is
-- category, unit, channel, type, status, site or agent; value the breakdown's key (an id as
-- text, an enum's wire name, 'none' when unset). A request counts in its current values.
CREATE TABLE report_day_totals (
  dim TEXT NOT NULL,
  day INTEGER NOT NULL,
  value TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (dim, day, value)
) WITHOUT ROWID;

-- The local day of an instant x is (x + 1e6 * offset at x) / 86400e6, spelled out in each
-- trigger (SQLite has no SQL functions); instants are after 1970-01-02, so division floors.
-- Before that there is no offset, the day is NULL and the request is not counted (reports then
-- count raw rows: the store checks that no request lies outside the coverage).
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
        UNION ALL SELECT 'agent', COALESCE(CAST(NEW.created_by AS TEXT), 'none')) k
  WHERE d.day IS NOT NULL
  ON CONFLICT (dim, day, value) DO UPDATE SET n = n + excluded.n;
END;

-- Only the values that changed move: -1 under the old value, +1 under the new (the day moves
-- every value, should created_at ever change).
CREATE TRIGGER cases_report_update
AFTER UPDATE OF created_at, category_id, unit_id, channel, type, status, site_id, created_by
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
        UNION ALL SELECT 'agent', COALESCE(CAST(OLD.created_by AS TEXT), 'none'), COALESCE(CAST(NEW.created_by AS TEXT), 'none')) k
  WHERE d.od IS NOT NULL AND (k.ov IS NOT k.nv OR d.od IS NOT d.nd)
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
        UNION ALL SELECT 'agent', COALESCE(CAST(OLD.created_by AS TEXT), 'none'), COALESCE(CAST(NEW.created_by AS TEXT), 'none')) k
  WHERE d.nd IS NOT NULL AND (k.ov IS NOT k.nv OR d.od IS NOT d.nd)
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
        UNION ALL SELECT 'agent', COALESCE(CAST(OLD.created_by AS TEXT), 'none')) k
  WHERE d.day IS NOT NULL
  ON CONFLICT (dim, day, value) DO UPDATE SET n = n + excluded.n;
END;
