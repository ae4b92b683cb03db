-- Servicer core schema (sqlite). Money is integer cents; rates are integer millionths of a
-- percent; business dates are ISO text (YYYY-MM-DD sorts correctly); instants that are sorted
-- or compared are integer epoch microseconds (*_us).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE borrowers (
    id            INTEGER PRIMARY KEY,
    full_name     TEXT NOT NULL,
    email         TEXT,
    phone         TEXT,
    address       TEXT,
    zip           TEXT NOT NULL,
    -- AEAD ciphertexts with the id of the key that sealed them (never plaintext).
    ssn_enc       BLOB,
    dob_enc       BLOB,
    key_id        TEXT,
    created_at_us INTEGER NOT NULL
);

CREATE TABLE loans (
    id                             INTEGER PRIMARY KEY,
    account_number                 TEXT NOT NULL UNIQUE,
    borrower_id                    INTEGER NOT NULL REFERENCES borrowers (id),
    amount_financed_cents          INTEGER NOT NULL,
    rate_micro_percent             INTEGER NOT NULL CHECK (rate_micro_percent >= 0),
    day_count                      TEXT NOT NULL,
    accrual_start                  TEXT NOT NULL,
    opening_principal_cents        INTEGER NOT NULL,
    opening_interest_cents         INTEGER NOT NULL,
    opening_fees_cents             INTEGER NOT NULL,
    opening_carry                  INTEGER NOT NULL,
    late_fee_fixed_cents           INTEGER NOT NULL,
    late_fee_percent_micro         INTEGER NOT NULL,
    late_fee_cap_cents             INTEGER,
    grace_period_days              INTEGER NOT NULL,
    nsf_fee_cents                  INTEGER,
    autopay_must_be_reestablished  INTEGER NOT NULL DEFAULT 0,
    created_at_us                  INTEGER NOT NULL
);
CREATE INDEX loans_by_borrower ON loans (borrower_id);

CREATE TABLE installments (
    loan_id      INTEGER NOT NULL REFERENCES loans (id),
    number       INTEGER NOT NULL,
    due_date     TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    PRIMARY KEY (loan_id, number)
);

-- The append-only dated history each loan's state is replayed from.
CREATE TABLE loan_transactions (
    id                 INTEGER PRIMARY KEY,
    loan_id            INTEGER NOT NULL REFERENCES loans (id),
    effective_date     TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('payment', 'reversal', 'fee_waiver', 'charge_off')),
    amount_cents       INTEGER,
    extra_to           TEXT,
    reverses_id        INTEGER REFERENCES loan_transactions (id),
    insufficient_funds INTEGER NOT NULL DEFAULT 0,
    created_at_us      INTEGER NOT NULL
);
CREATE INDEX loan_transactions_by_loan ON loan_transactions (loan_id, effective_date, id);

CREATE TABLE journal_entries (
    id             INTEGER PRIMARY KEY,
    loan_id        INTEGER REFERENCES loans (id),
    effective_date TEXT NOT NULL,
    kind           TEXT NOT NULL,
    created_at_us  INTEGER NOT NULL
);
CREATE INDEX journal_entries_by_loan ON journal_entries (loan_id);

CREATE TABLE journal_lines (
    entry_id     INTEGER NOT NULL REFERENCES journal_entries (id),
    line_no      INTEGER NOT NULL,
    account      TEXT NOT NULL,
    side         TEXT NOT NULL CHECK (side IN ('D', 'C')),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (entry_id, line_no)
);
CREATE INDEX journal_lines_by_account ON journal_lines (account, side);

CREATE TABLE idempotency_keys (
    key           TEXT PRIMARY KEY,
    request_hash  TEXT NOT NULL,
    response      TEXT NOT NULL,
    created_at_us INTEGER NOT NULL
);

CREATE TABLE jobs (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    job_key        TEXT NOT NULL UNIQUE,
    payload        TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    run_at_us      INTEGER NOT NULL,
    lease_until_us INTEGER,
    last_error     TEXT,
    created_at_us  INTEGER NOT NULL
);
CREATE INDEX jobs_ready ON jobs (state, run_at_us);

-- One row per schedule slot: the insert that wins runs the slot, once across instances.
CREATE TABLE schedules (
    name          TEXT NOT NULL,
    slot          TEXT NOT NULL,
    claimed_at_us INTEGER NOT NULL,
    PRIMARY KEY (name, slot)
);

-- Append-only, hash-chained.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at_us     INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
