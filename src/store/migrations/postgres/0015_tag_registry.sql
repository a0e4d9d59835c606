-- Tawasul schema, version 15: the tag registry. A tag is matched by a folded key (case, letter
-- forms, diacritics and digits folded by the app: domain::TagKey), carries names in Arabic,
-- Persian and English, a colour and a validity period, may be opened to agents at registration,
-- and may be closed. Existing tags are keyed by their lower case here (the app keys new ones);
-- tags that differed only in case become one, the oldest keeping every request.
ALTER TABLE tags ADD COLUMN tag_key TEXT NOT NULL DEFAULT '';
ALTER TABLE tags ADD COLUMN name_ar TEXT NOT NULL DEFAULT '';
ALTER TABLE tags ADD COLUMN name_fa TEXT NOT NULL DEFAULT '';
ALTER TABLE tags ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE tags ADD COLUMN colour TEXT NOT NULL DEFAULT '';
ALTER TABLE tags ADD COLUMN valid_from BIGINT;
ALTER TABLE tags ADD COLUMN valid_to BIGINT;
ALTER TABLE tags ADD COLUMN open_to_agents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tags ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
UPDATE tags SET tag_key = lower(name);
INSERT INTO case_tags (case_id, tag_id, added_by, added_at)
  SELECT ct.case_id, (SELECT MIN(k.id) FROM tags k WHERE k.tag_key = t.tag_key), ct.added_by,
         ct.added_at
  FROM case_tags ct JOIN tags t ON t.id = ct.tag_id
  WHERE t.id <> (SELECT MIN(k.id) FROM tags k WHERE k.tag_key = t.tag_key)
  ON CONFLICT (case_id, tag_id) DO NOTHING;
DELETE FROM case_tags WHERE tag_id IN
  (SELECT t.id FROM tags t WHERE t.id <> (SELECT MIN(k.id) FROM tags k WHERE k.tag_key = t.tag_key));
DELETE FROM tags WHERE id <> (SELECT MIN(k.id) FROM tags k WHERE k.tag_key = tags.tag_key);
CREATE UNIQUE INDEX tags_key_idx ON tags(tag_key);
