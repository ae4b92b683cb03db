-- Close of business (issue 6). A loan's snapshot carries what the nightly accrual needs to
-- advance it without replaying its history: the sub-cent carry, and the first date on which
-- anything but interest changes (a due date passing, a grace period ending, a reminder or
-- a statement). Loans with nothing due before the next business date take the fast path.
ALTER TABLE loan_snapshots ADD COLUMN carry_units INTEGER NOT NULL DEFAULT 0;
-- NULL: not known (written before this migration): the loan is replayed once.
ALTER TABLE loan_snapshots ADD COLUMN next_event_date TEXT;

-- One row per business date closed; the date rolls when every chunk is done.
CREATE TABLE cob_runs (
    business_date  TEXT PRIMARY KEY,
    next_date      TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('running', 'done')),
    loans_total    INTEGER NOT NULL,
    chunks_total   INTEGER NOT NULL,
    started_at_us  INTEGER NOT NULL,
    finished_at_us INTEGER
);

-- The run's work, in ranges of loan ids any instance may claim under a lease. A chunk's
-- loans, entries, alerts, statements and its 'done' are one transaction.
CREATE TABLE cob_chunks (
    business_date  TEXT NOT NULL REFERENCES cob_runs (business_date),
    chunk_no       INTEGER NOT NULL,
    first_loan     INTEGER NOT NULL,
    last_loan      INTEGER NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done')),
    claimed_by     TEXT,
    lease_until_us INTEGER,
    attempts       INTEGER NOT NULL DEFAULT 0,
    loans_done     INTEGER NOT NULL DEFAULT 0,
    replayed       INTEGER NOT NULL DEFAULT 0,
    accrued_cents  INTEGER NOT NULL DEFAULT 0,
    fees_cents     INTEGER NOT NULL DEFAULT 0,
    done_at_us     INTEGER,
    PRIMARY KEY (business_date, chunk_no)
);

-- Monthly statements: the figures as issued (JSON), rendered to HTML and PDF from them.
CREATE TABLE statements (
    id              INTEGER PRIMARY KEY,
    loan_id         INTEGER NOT NULL REFERENCES loans (id),
    statement_date  TEXT NOT NULL,
    due_date        TEXT NOT NULL,
    amount_due_cents INTEGER NOT NULL,
    delivery        TEXT NOT NULL CHECK (delivery IN ('electronic', 'print')),
    body            TEXT NOT NULL,
    created_at_us   INTEGER NOT NULL,
    UNIQUE (loan_id, due_date)
);
CREATE INDEX statements_by_date ON statements (statement_date, delivery);

-- Reports read the journal by kind and date (accruals by day).
CREATE INDEX journal_entries_by_date ON journal_entries (effective_date, kind);
