-- Tawasul schema, version 25 (SQLite): Open311 GeoReport v2. Client applications (a
-- municipality's app, a FixMyStreet-style site) each hold an API key that admins issue and
-- revoke; a report filed through one keeps the place it was reported at.
CREATE TABLE open311_clients (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  key_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);

CREATE TABLE open311_requests (
  case_id BIGINT PRIMARY KEY REFERENCES cases(id),
  client_id BIGINT NOT NULL REFERENCES open311_clients(id),
  latitude REAL,
  longitude REAL,
  address TEXT NOT NULL DEFAULT '',
  device_id TEXT NOT NULL DEFAULT '',
  media_url TEXT NOT NULL DEFAULT ''
);
