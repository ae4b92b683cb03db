-- The staff console's account work (issue 19): notes on borrowers' accounts and the checks
-- agents make of callers' identity.
--
-- Notes are evidence of what was said and done: never edited or removed (the triggers refuse
-- it), only amended by a later note that names the one it amends (`amends_note_id`). Pinning
-- is fixed when a note is written; an amendment takes the place of the note it amends, pinned
-- or not (domain::notes). `author` is the audit log's name of whoever wrote it (`staff:3`,
-- `client:crm`); `staff_id` names the staff user when one did.
CREATE TABLE notes (
    id             INTEGER PRIMARY KEY,
    borrower_id    INTEGER NOT NULL REFERENCES borrowers (id),
    kind           TEXT NOT NULL CHECK (kind IN ('call_in', 'call_out', 'email', 'letter', 'complaint')),
    pinned         INTEGER NOT NULL CHECK (pinned IN (0, 1)),
    body           TEXT NOT NULL,
    author         TEXT NOT NULL,
    staff_id       INTEGER REFERENCES staff_users (id),
    amends_note_id INTEGER REFERENCES notes (id),
    created_at_us  INTEGER NOT NULL
);
CREATE INDEX notes_by_borrower ON notes (borrower_id, id);

CREATE TRIGGER notes_no_update BEFORE UPDATE ON notes
BEGIN
    SELECT RAISE(ABORT, 'notes are never edited: write a note that amends it');
END;

CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes
BEGIN
    SELECT RAISE(ABORT, 'notes are never edited: write a note that amends it');
END;

-- Every attempt an agent made to verify a caller: who, for which borrower, passed or not,
-- when. A pass lasts 15 minutes for that agent and borrower; three failures in 15 minutes make
-- the agent wait (domain::verification). What the caller answered is never kept.
CREATE TABLE caller_verifications (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff_users (id),
    borrower_id INTEGER NOT NULL REFERENCES borrowers (id),
    passed      INTEGER NOT NULL CHECK (passed IN (0, 1)),
    at_us       INTEGER NOT NULL
);
CREATE INDEX caller_verifications_by_staff ON caller_verifications (staff_id, borrower_id, at_us);
-- Failed checks are counted per borrower, whoever made them (a caller who rings back and reaches
-- another agent does not get fresh tries).
CREATE INDEX caller_verifications_by_borrower ON caller_verifications (borrower_id, at_us);
