-- Tawasul schema, version 17: the branch (a unit of kind branch) where a request was taken: the
-- registering agent's branch, or the one chosen for a walk-in. Reports break down by it.
ALTER TABLE cases ADD COLUMN branch_id INTEGER REFERENCES units(id);
