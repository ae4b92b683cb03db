-- Staff management in the console (issue 19): an admin deactivates a staff user instead of
-- deleting them (the audit log names them by id for as long as it is kept), and the list
-- shows when each last signed in.
--
-- deactivated_at_us: NULL while the user may sign in; set when an admin deactivates them (their
-- sessions are deleted in the same transaction) and cleared when one reactivates them.
-- last_signed_in_us: the last full sign-in (password and authenticator code); NULL for a user
-- who has not signed in since this column was added.
ALTER TABLE staff_users ADD COLUMN deactivated_at_us BIGINT;
ALTER TABLE staff_users ADD COLUMN last_signed_in_us BIGINT;
