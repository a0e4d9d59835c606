-- Tawasul schema, version 5 (SQLite): topic tags, labels across categories (a crisis topic)
-- that reports count on their own.
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,  -- compared exactly, byte for byte
  created_at BIGINT NOT NULL
);

CREATE TABLE case_tags (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  tag_id INTEGER NOT NULL REFERENCES tags(id),
  added_by INTEGER REFERENCES users(id),
  added_at BIGINT NOT NULL,
  PRIMARY KEY (case_id, tag_id)
);
CREATE INDEX case_tags_tag_idx ON case_tags(tag_id, case_id);
