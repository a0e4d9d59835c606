-- Tawasul schema, version 7 (PostgreSQL): daily report totals, kept by a trigger on cases in
-- the transaction of every write, so reports read a few hundred rows however many requests
-- there are (decision 0011). A day is a local day of the installation's time zone: the app
-- writes the zone's UTC offsets (report_zone_offsets) and rebuilds the totals whenever the zone
-- or its rules change (report_zone holds what they were built for); with no report_zone row
-- the trigger does nothing and reports count raw rows.
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
);

-- The local day of an instant (microseconds); instants are after 1970-01-02, so division floors.
CREATE FUNCTION report_local_day(at BIGINT) RETURNS INTEGER LANGUAGE sql STABLE AS $fn$
  SELECT ((at + 1000000::BIGINT * (SELECT o.offset_s FROM report_zone_offsets o
                                   WHERE o.starts_at <= at ORDER BY o.starts_at DESC LIMIT 1))
          / 86400000000)::INTEGER
$fn$;

CREATE FUNCTION cases_report_totals() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
                 ('agent', COALESCE(NEW.created_by::TEXT, 'none'))) AS k(dim, value)
    WHERE nd IS NOT NULL
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
                 ('agent', COALESCE(OLD.created_by::TEXT, 'none'))) AS k(dim, value)
    WHERE od IS NOT NULL
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
                  COALESCE(NEW.created_by::TEXT, 'none'))) AS k(dim, ov, nv)
    CROSS JOIN LATERAL (VALUES (od, k.ov, -1), (nd, k.nv, 1)) AS x(day, value, n)
    WHERE x.day IS NOT NULL AND (k.ov IS DISTINCT FROM k.nv OR od IS DISTINCT FROM nd)
    ON CONFLICT (dim, day, value) DO UPDATE SET n = t.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER cases_report_totals
AFTER INSERT OR DELETE OR UPDATE OF created_at, category_id, unit_id, channel, type, status,
  site_id, created_by ON cases
FOR EACH ROW EXECUTE FUNCTION cases_report_totals();
