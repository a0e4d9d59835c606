-- Tawasul schema, version 10: limits against abuse, shared by every node (issue 10).
-- Failed log-ins per key ("user:NAME" or "addr:ADDRESS", an IPv6 address as its /64): the count
-- and when the next attempt may be made (microseconds since the epoch). Rows idle for a day are
-- deleted as failures are recorded, so the table stays small.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  next_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX login_throttle_updated_idx ON login_throttle(updated_at);
-- Messages per destination over the last hour and day (a portal must not send SMS to anyone
-- without bound).
CREATE INDEX outbox_recipient_idx ON outbox(recipient, created_at);
