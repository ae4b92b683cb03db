-- Four eyes (issue 20, item 5): a staff action that needs a second person's approval is kept
-- as a request until a checker decides it.
--
-- `approval_requests`: one row per request. `reference` is what the maker's idempotency key
-- answers with (a retry of the same request finds this row). `kind` is the action
-- (`domain::approval::ActionKind`), `payload` the action's request as JSON
-- (`app::approvals::Action::to_json`), `amount_cents` the amount the thresholds were read
-- against (a waiver's or refund's amount, a reversed or moved payment's amount, 0 for a due
-- date), `summary` the action in plain words for the inbox. `maker` is the maker as the audit
-- log names them (`staff:3`), `maker_staff_id` the staff user when one made it; the same for
-- the checker. Staff ids are not foreign keys: an actor's id is what the audit log records.
--
-- A request is 'pending' until a checker approves or rejects it; only that change is ever
-- made, conditionally (`WHERE state = 'pending'`), so two checkers cannot both decide one.
-- An approved request's action then runs as the checker, and its `outcome` is recorded:
-- 'done' with the action's reference, or 'failed' with the refusal's message (the action is
-- re-checked against the loan as it is then). An approved request without an outcome is one
-- a crash interrupted: its checker may run it again (the action's own key makes that safe).
CREATE TABLE approval_requests (
    id                INTEGER PRIMARY KEY,
    reference         TEXT NOT NULL UNIQUE,
    kind              TEXT NOT NULL CHECK (kind IN ('waive_fees', 'waive_interest', 'undo_waiver', 'reverse_payment', 'move_payment', 'change_due_date', 'refund', 'phone_payment')),
    loan_id           INTEGER NOT NULL REFERENCES loans (id),
    amount_cents      INTEGER NOT NULL CHECK (amount_cents >= 0),
    summary           TEXT NOT NULL,
    payload           TEXT NOT NULL,
    maker             TEXT NOT NULL,
    maker_staff_id    INTEGER,
    state             TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
    checker           TEXT,
    checker_staff_id  INTEGER,
    reason            TEXT,
    outcome           TEXT CHECK (outcome IN ('done', 'failed')),
    outcome_reference TEXT,
    outcome_message   TEXT,
    created_at_us     INTEGER NOT NULL,
    decided_at_us     INTEGER,
    finished_at_us    INTEGER,
    CHECK (state = 'pending' OR (checker IS NOT NULL AND decided_at_us IS NOT NULL)),
    CHECK (outcome IS NULL OR state = 'approved')
);
-- The inbox (pending, oldest first); a maker's own requests, newest first.
CREATE INDEX approval_requests_pending ON approval_requests (id) WHERE state = 'pending';
CREATE INDEX approval_requests_by_maker ON approval_requests (maker, id);
