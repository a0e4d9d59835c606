-- Tawasul schema, version 2 (SQLite): data-driven workflows. Requests carry their workflow and
-- state; meetings, callback attempts and the notification outbox are written by workflow actions
-- in the same transaction; the installation (settings, workflows, templates) lives in the store.
-- Existing rows keep their values: new columns default to '' / 0 / NULL.

ALTER TABLE cases ADD COLUMN workflow TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN parent_id INTEGER REFERENCES cases(id);
ALTER TABLE cases ADD COLUMN duplicate_of INTEGER REFERENCES cases(id);
ALTER TABLE cases ADD COLUMN closed_at BIGINT;
-- Inboxes list by state (any of a few) or by creator, newest first by id; an ascending index
-- is scanned backwards for `ORDER BY id DESC`.
CREATE INDEX cases_state_idx ON cases(state, id);
CREATE INDEX cases_created_by_idx ON cases(created_by, id);
CREATE INDEX cases_parent_idx ON cases(parent_id);
CREATE INDEX cases_duplicate_of_idx ON cases(duplicate_of);

ALTER TABLE requesters ADD COLUMN malicious_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE categories ADD COLUMN workflow TEXT NOT NULL DEFAULT '';

-- One meeting per public-meeting request; date and time are the installation's local ones.
CREATE TABLE meetings (
  case_id INTEGER PRIMARY KEY REFERENCES cases(id),
  date TEXT NOT NULL,
  time TEXT NOT NULL,
  place TEXT NOT NULL,
  outcome TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE callback_attempts (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  at BIGINT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  outcome TEXT NOT NULL
);
CREATE INDEX callback_attempts_case_idx ON callback_attempts(case_id, id);

-- Messages to requesters, queued with the action that causes them. Senders claim due rows
-- (status 'queued', next_attempt_at <= now) and record attempts, sent_at and last_error.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  case_id INTEGER REFERENCES cases(id),
  channel TEXT NOT NULL,
  template TEXT NOT NULL,
  recipient TEXT NOT NULL,
  language TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due_idx ON outbox(status, next_attempt_at);
CREATE INDEX outbox_case_idx ON outbox(case_id, id);

-- The installation's settings (country, time_zone, calendar, languages, ...).
CREATE TABLE installation (
  key TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);

-- Workflow sources (TOML), with the file they were loaded from for error messages.
CREATE TABLE workflows (
  name TEXT NOT NULL PRIMARY KEY,
  file TEXT NOT NULL,
  source TEXT NOT NULL
);

-- Notification templates: name × kind (sms | email_subject | email_body) × language → text.
CREATE TABLE templates (
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  language TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (name, kind, language)
);
