-- Tawasul schema, version 24 (SQLite): written messages that came in (SMS now, email next).
-- Every message a gateway hands over is kept here with what became of it, whether it opened a
-- request, joined one, or was held back (a flood, a STOP word, text that could not be read):
-- none is dropped silently, and the admins' list reads this table.
CREATE TABLE inbound_messages (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  sender TEXT NOT NULL,
  recipient TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  case_id BIGINT REFERENCES cases(id),
  contact_id BIGINT REFERENCES contacts(id),
  external_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inbound_sender ON inbound_messages (sender, received_at);
CREATE INDEX inbound_received ON inbound_messages (received_at);

-- Numbers that sent a stop word: no SMS is queued to them until they send a start word.
CREATE TABLE sms_opt_outs (
  phone TEXT PRIMARY KEY,
  at BIGINT NOT NULL
);

-- A gateway's id of a message (a mailbox's "mail:NAME:UID") finds it again: a message fetched
-- twice is taken once.
CREATE INDEX inbound_external ON inbound_messages (external_id);

-- How far each mailbox has been read: the highest IMAP UID taken.
CREATE TABLE mailbox_cursors (
  name TEXT PRIMARY KEY,
  last_uid BIGINT NOT NULL
);

-- Requesters who write by email are found again by their address.
CREATE INDEX requesters_email ON requesters (email);
