-- Tawasul schema, version 14: each telephone system's caller-ID routing for outbound calls, as
-- lines of "PREFIX CALLER_ID" ("*" for the default), longest prefix first when read.
ALTER TABLE cti_sources ADD COLUMN caller_ids TEXT NOT NULL DEFAULT '';
