-- Tawasul schema, version 11: the audit trail of administrative changes (issue 10). Who changed
-- a user, unit, category, site, template, workflow or the service levels, when, with the old and
-- new values. Tamper-evident: each row carries the SHA-256 of its own fields and of the row
-- before it (prev_hash), so an offline edit, insertion or deletion breaks the chain, which
-- `tawasul audit verify` reports. Ids are given by the writer (the last id + 1, under a lock),
-- never reused.
CREATE TABLE admin_audit (
  id BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_id BIGINT,
  entity TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  action TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
