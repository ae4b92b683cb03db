-- The language a person reads Servicer in (issue 22, item 17): the portal, the emails and
-- texts sent to the borrowers their login reaches, and their statements. NULL until they
-- choose: set from the language they enroll in, or, for a login from before, from the
-- language they sign in to the portal in; changed by their choice in the portal. Read as
-- English while NULL, and for a borrower without a login.
ALTER TABLE logins ADD COLUMN language TEXT CHECK (language IS NULL OR language IN ('en', 'es'));
