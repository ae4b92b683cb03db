-- The language a person reads Servicer in (issue 22, item 17): the portal, the emails and
-- texts sent to the borrowers their login reaches, and their statements. Set from the
-- browser's language when they enroll, changed by their choice in the portal. A borrower
-- without a login reads English.
ALTER TABLE logins ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es'));
