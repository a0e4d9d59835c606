-- Tawasul schema, version 3 (PostgreSQL): delivering the outbox. Workers claim due rows
-- (FOR UPDATE SKIP LOCKED) by setting status 'sending' and pushing next_attempt_at to the end of
-- their lease, so a row whose worker died is due again once the lease runs out. The gateway's
-- reference and the SMS segment count are kept on the row; delivery reports find a row by id
-- (SMS) or gateway reference. Constant defaults: no table rewrite.
-- Statuses: queued → sending → sent → delivered | undeliverable; sending → queued (retry) | failed.

ALTER TABLE outbox ADD COLUMN segments INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN gateway_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_gateway_ref_idx ON outbox(gateway_ref);

-- Installation-wide secrets every node must share (e.g. the key that signs delivery-report
-- URLs), created once by whichever node asks first.
CREATE TABLE secrets (
  name TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);
