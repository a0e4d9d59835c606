-- Tawasul schema, version 6 (SQLite): every time a user is shown a requester's identity (a
-- request with its requester, a requester record, a phone search), one row per requester shown.
CREATE TABLE identity_access (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  requester_id INTEGER NOT NULL REFERENCES requesters(id),
  case_id INTEGER REFERENCES cases(id),
  via TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX identity_access_requester_idx ON identity_access(requester_id, id);
