-- Tawasul schema, version 22 (PostgreSQL): the member of staff who owns a request (claimed it or
-- was assigned it), for the worklists' "mine" and owner columns. No owner: anyone in the inbox
-- may take it.
ALTER TABLE cases ADD COLUMN owner_id BIGINT REFERENCES users(id);
CREATE INDEX cases_owner ON cases (owner_id, id) WHERE owner_id IS NOT NULL;
