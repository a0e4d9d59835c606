-- Tawasul schema, version 9 (SQLite): an attachment reaches staff who work on anonymized
-- referrals only once a dispatcher released it (docs/decisions/0018-what-a-unit-may-see.md).
-- released_at is microseconds since the epoch; NULL: withheld from them.
ALTER TABLE attachments ADD COLUMN released_at INTEGER;
ALTER TABLE attachments ADD COLUMN released_by INTEGER REFERENCES users(id);
