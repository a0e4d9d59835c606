-- Tawasul schema, version 12: every contact counts (issue 12). Calls reported by a PBX through
-- the CTI endpoint become contacts with their numbers, queue, the PBX's call id, and when they
-- were offered, answered and ended; visits record their branch; a contact has a topic and links
-- to every request registered or updated during it (contact_cases; the old case_id column stays
-- as the first such link, and existing links are copied). PBXs are CTI sources, each with its own
-- token (hashed); blocked callers are rejected and counted; missed and abandoned calls become one
-- callback task per number per day; call_events feeds the screen-pop over the live socket.
CREATE TABLE cti_sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  rotated_at BIGINT,
  revoked_at BIGINT
);

ALTER TABLE contacts ADD COLUMN from_number TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN to_number TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN queue TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN call_id TEXT;
ALTER TABLE contacts ADD COLUMN source_id BIGINT REFERENCES cti_sources(id);
ALTER TABLE contacts ADD COLUMN site_id BIGINT REFERENCES sites(id);
ALTER TABLE contacts ADD COLUMN category_id BIGINT REFERENCES categories(id);
ALTER TABLE contacts ADD COLUMN answered_at BIGINT;
ALTER TABLE contacts ADD COLUMN cause TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX contacts_call_idx ON contacts(source_id, call_id);
CREATE INDEX contacts_from_idx ON contacts(from_number, id);
CREATE INDEX contacts_started_idx ON contacts(started_at);

CREATE TABLE contact_cases (
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  link TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (contact_id, case_id, link)
);
CREATE INDEX contact_cases_case_idx ON contact_cases(case_id);
INSERT INTO contact_cases (contact_id, case_id, link, at)
  SELECT id, case_id, CASE outcome WHEN 'case_created' THEN 'registered' ELSE 'updated' END,
         started_at
  FROM contacts WHERE case_id IS NOT NULL;

CREATE TABLE call_events (
  id INTEGER PRIMARY KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  kind TEXT NOT NULL,
  at BIGINT NOT NULL,
  user_ids TEXT NOT NULL
);

CREATE TABLE blocked_numbers (
  number TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  expires_at BIGINT,
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  rejected BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE callback_tasks (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL,
  day TEXT NOT NULL,
  status TEXT NOT NULL,
  missed BIGINT NOT NULL,
  attempts BIGINT NOT NULL,
  first_contact_id BIGINT NOT NULL REFERENCES contacts(id),
  last_contact_id BIGINT NOT NULL REFERENCES contacts(id),
  note TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (number, day)
);
CREATE INDEX callback_tasks_status_idx ON callback_tasks(status, id);

-- Agents are matched to the PBX's users by extension, then phone, then username.
ALTER TABLE users ADD COLUMN extension TEXT NOT NULL DEFAULT '';

-- A caller is found by the last seven digits of the number however it is said.
ALTER TABLE requesters ADD COLUMN phone_tail TEXT;
UPDATE requesters SET phone_tail = substr(phone, -7) WHERE phone IS NOT NULL;
CREATE INDEX requesters_phone_tail_idx ON requesters(phone_tail);
