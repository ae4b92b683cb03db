-- Staff passwords (ASVS V2.1.5, V2.1.6): a staff user changes their own password, giving the
-- current one; an admin resets another's to a temporary password, shown to the admin once.
--
-- must_change_password: 0, or 1 after an admin's reset. While it is 1, every console page of
-- the user takes them to choose their own password (signing out aside); choosing it sets it
-- back to 0. A 0/1 integer on both backends, as the other flags are.
ALTER TABLE staff_users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0;
