-- Tawasul schema, version 13: a telephone extension names one agent at most, so a PBX's
-- "answered by 201" finds one person. Empty means none and may repeat.
CREATE UNIQUE INDEX users_extension_key ON users (extension) WHERE extension <> '';
