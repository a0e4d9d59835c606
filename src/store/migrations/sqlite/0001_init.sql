-- Tawasul schema, version 1 (SQLite). Times are BIGINT microseconds since the Unix
-- epoch (UTC); booleans are INTEGER 0/1; enums are their wire names (snake_case text).

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES units(id),
  code TEXT NOT NULL UNIQUE,
  name_ar TEXT NOT NULL,
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind TEXT NOT NULL,
  active INTEGER NOT NULL
);
CREATE INDEX units_parent_idx ON units(parent_id);

CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES categories(id),
  code TEXT NOT NULL UNIQUE,
  name_ar TEXT NOT NULL,
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  default_unit_id INTEGER REFERENCES units(id),
  active INTEGER NOT NULL
);
CREATE INDEX categories_parent_idx ON categories(parent_id);

CREATE TABLE sites (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  name_ar TEXT NOT NULL,
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  region TEXT NOT NULL,
  district TEXT NOT NULL,
  latitude REAL,
  longitude REAL,
  active INTEGER NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_id INTEGER REFERENCES units(id),
  language TEXT NOT NULL,
  active INTEGER NOT NULL,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE tokens (
  hash TEXT NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT
);
CREATE INDEX tokens_user_idx ON tokens(user_id);

-- A NULL phone (none given) is not unique-checked. The UNIQUE index also serves the prefix
-- search: phone >= prefix AND phone < prefix || char(127).
CREATE TABLE requesters (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  phone TEXT UNIQUE,
  email TEXT NOT NULL,
  national_id TEXT NOT NULL,
  language TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  tracking_code TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  category_id INTEGER NOT NULL REFERENCES categories(id),
  channel TEXT NOT NULL,
  requester_id INTEGER REFERENCES requesters(id),
  site_id INTEGER REFERENCES sites(id),
  description TEXT NOT NULL,
  priority TEXT NOT NULL,
  status TEXT NOT NULL,
  unit_id INTEGER REFERENCES units(id),
  public_answer TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL
);
-- Lists are newest first by id with a `id < cursor` page boundary: each filter column is
-- indexed together with id.
CREATE INDEX cases_status_idx ON cases(status, id);
CREATE INDEX cases_category_idx ON cases(category_id, id);
CREATE INDEX cases_unit_idx ON cases(unit_id, id);
CREATE INDEX cases_requester_idx ON cases(requester_id, id);
CREATE INDEX cases_site_idx ON cases(site_id, id);
CREATE INDEX cases_created_idx ON cases(created_at);

CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  at BIGINT NOT NULL,
  actor_id INTEGER REFERENCES users(id),
  kind TEXT NOT NULL,
  field TEXT NOT NULL,
  from_value TEXT NOT NULL,
  to_value TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX case_events_case_idx ON case_events(case_id, id);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  direction TEXT NOT NULL,
  requester_id INTEGER REFERENCES requesters(id),
  case_id INTEGER REFERENCES cases(id),
  agent_id INTEGER REFERENCES users(id),
  outcome TEXT NOT NULL,
  note TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX contacts_case_idx ON contacts(case_id, id);
CREATE INDEX contacts_requester_idx ON contacts(requester_id, id);

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  filename TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  uploaded_by INTEGER REFERENCES users(id),
  created_at BIGINT NOT NULL,
  content BLOB NOT NULL
);
CREATE INDEX attachments_case_idx ON attachments(case_id, id);
