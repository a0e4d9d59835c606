-- Tawasul schema, version 19: requester attributes a profile defines ([[requester_attributes]],
-- e.g. 8940's role of the caller), kept on the requester as "key=value" lines
-- (domain::EncodeAttributes): the definitions live in the installation, so the set of keys
-- changes with the profile, not the schema.
ALTER TABLE requesters ADD COLUMN attributes TEXT NOT NULL DEFAULT '';
