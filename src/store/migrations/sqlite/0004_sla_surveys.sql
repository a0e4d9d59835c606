-- Tawasul schema, version 4 (SQLite): SLA clocks and their escalations, how staff are reached
-- for escalations, satisfaction surveys, post-call ratings and review flags.

-- One row per request and clock, written in the transaction of the change that moves it
-- (registration, an action, a PATCH). Business time is computed from these facts (domain/
-- sla_clock); next_check_at is when the escalation timer looks next (NULL: nothing to wait for),
-- and version lets the timer's write lose to any change made since it read the row.
CREATE TABLE sla_clocks (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  clock TEXT NOT NULL,                -- first_response | resolution
  policy TEXT NOT NULL,
  calendar TEXT NOT NULL,
  target_minutes INTEGER NOT NULL,
  warning_permille INTEGER NOT NULL,  -- the warning share × 1000 (no floats in the store)
  run TEXT NOT NULL,                  -- running | paused | stopped
  started_at BIGINT NOT NULL,
  pauses TEXT NOT NULL,               -- "from:to,from:to,from:" (µs); the last open while paused
  stopped_at BIGINT,
  next_check_at BIGINT,
  version INTEGER NOT NULL,
  PRIMARY KEY (case_id, clock)
);
CREATE INDEX sla_clocks_next_check_idx ON sla_clocks(next_check_at)
  WHERE next_check_at IS NOT NULL;

-- What the timer reported. The unique constraint is what makes "never reported twice" hold
-- across crashes, restarts and several nodes: a second report of the same mark fails and rolls
-- back its whole transaction (timeline event and messages included).
CREATE TABLE sla_escalations (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  clock TEXT NOT NULL,
  kind TEXT NOT NULL,                 -- warning | breach
  due_at BIGINT NOT NULL,
  reported_at BIGINT NOT NULL,
  CONSTRAINT sla_escalations_once UNIQUE (case_id, clock, kind)
);

-- How escalations reach staff (users have no address of their own yet).
CREATE TABLE staff_contacts (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  unit_manager INTEGER NOT NULL
);

-- A survey per closing; only the token's hash is kept. Answered once (answered_at set).
CREATE TABLE surveys (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  token_hash TEXT NOT NULL UNIQUE,
  language TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  answered_at BIGINT,
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX surveys_case_idx ON surveys(case_id);

-- Ratings the IVR collects after a call.
CREATE TABLE call_ratings (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER REFERENCES contacts(id),
  agent_id INTEGER REFERENCES users(id),
  phone TEXT NOT NULL,
  case_id INTEGER REFERENCES cases(id),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  created_at BIGINT NOT NULL
);
CREATE INDEX call_ratings_agent_idx ON call_ratings(agent_id, created_at);

-- A low rating's flag: open (resolved_at NULL) until a reopen or a dismissal; the history is
-- on the request's timeline.
CREATE TABLE case_reviews (
  case_id INTEGER PRIMARY KEY REFERENCES cases(id),
  source TEXT NOT NULL,               -- survey | call
  rating INTEGER NOT NULL,
  comment TEXT NOT NULL,
  reopenable INTEGER NOT NULL,
  flagged_at BIGINT NOT NULL,
  resolved_at BIGINT,
  resolution TEXT NOT NULL DEFAULT '' -- reopened | dismissed
);
CREATE INDEX case_reviews_open_idx ON case_reviews(case_id) WHERE resolved_at IS NULL;
