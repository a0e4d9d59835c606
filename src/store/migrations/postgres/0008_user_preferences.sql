-- Tawasul schema, version 8 (PostgreSQL): each user's own calendar and digits for the dates and
-- numbers the web app shows them. '' means "as usual": the center's calendar, the language's
-- digits. calendar: gregorian | islamic-umalqura | persian; digits: latn | native.
ALTER TABLE users ADD COLUMN calendar TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN digits TEXT NOT NULL DEFAULT '';
