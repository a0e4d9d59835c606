-- Tawasul schema, version 23 (SQLite): colleagues named in an internal note (@username). Each
-- row tells one user that a note on a request needs them, until they open the request.
CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  by_user_id INTEGER REFERENCES users(id),
  event_id INTEGER NOT NULL REFERENCES case_events(id),
  at BIGINT NOT NULL,
  seen_at BIGINT
);
CREATE INDEX mentions_user ON mentions (user_id, id);
CREATE INDEX mentions_unseen ON mentions (user_id, case_id) WHERE seen_at IS NULL;
