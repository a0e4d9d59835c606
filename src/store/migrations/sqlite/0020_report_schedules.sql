-- Tawasul schema, version 20: figures sent to the organization. A schedule mails a unit's
-- monthly spreadsheet (the unit and the units below it, in the center's calendar's months) to its
-- recipients through the outbox; last_period is the month last queued, set in the transaction
-- that queues it, so each month goes once whatever the nodes and restarts. Files sent with an
-- email (the spreadsheet) are kept beside the outbox row, read only when the message is claimed.
CREATE TABLE report_schedules (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  recipients TEXT NOT NULL,
  language TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  last_period TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE TABLE outbox_files (
  message_id INTEGER NOT NULL PRIMARY KEY REFERENCES outbox(id),
  filename TEXT NOT NULL,
  media_type TEXT NOT NULL,
  content BLOB NOT NULL
);
