-- Tawasul schema, version 16: topic tags on contacts too (a crisis tag counts across calls and
-- requests): a call or visit carries the registry's tags its agent put on it, and a request's
-- tags given at registration go on the contact logged with it.
CREATE TABLE contact_tags (
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  tag_id INTEGER NOT NULL REFERENCES tags(id),
  added_by INTEGER REFERENCES users(id),
  added_at BIGINT NOT NULL,
  PRIMARY KEY (contact_id, tag_id)
);
CREATE INDEX contact_tags_tag_idx ON contact_tags(tag_id, contact_id);
