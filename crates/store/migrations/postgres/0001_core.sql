-- Servicer core schema (postgres). Money is integer cents; rates are integer millionths of a
-- percent; business dates are ISO text (YYYY-MM-DD sorts correctly); instants that are sorted
-- or compared are integer epoch microseconds (*_us).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE borrowers (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name     TEXT NOT NULL,
    email         TEXT,
    phone         TEXT,
    address       TEXT,
    zip           TEXT NOT NULL,
    -- AEAD ciphertexts with the id of the key that sealed them (never plaintext).
    ssn_enc       BYTEA,
    dob_enc       BYTEA,
    key_id        TEXT,
    created_at_us BIGINT NOT NULL
);

CREATE TABLE loans (
    id                             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_number                 TEXT NOT NULL UNIQUE,
    borrower_id                    BIGINT NOT NULL REFERENCES borrowers (id),
    amount_financed_cents          BIGINT NOT NULL,
    rate_micro_percent             BIGINT NOT NULL CHECK (rate_micro_percent >= 0),
    day_count                      TEXT NOT NULL,
    accrual_start                  TEXT NOT NULL,
    opening_principal_cents        BIGINT NOT NULL,
    opening_interest_cents         BIGINT NOT NULL,
    opening_fees_cents             BIGINT NOT NULL,
    opening_carry                  BIGINT NOT NULL,
    late_fee_fixed_cents           BIGINT NOT NULL,
    late_fee_percent_micro         BIGINT NOT NULL,
    late_fee_cap_cents             BIGINT,
    grace_period_days              BIGINT NOT NULL,
    nsf_fee_cents                  BIGINT,
    autopay_must_be_reestablished  BIGINT NOT NULL DEFAULT 0,
    created_at_us                  BIGINT NOT NULL
);
CREATE INDEX loans_by_borrower ON loans (borrower_id);

CREATE TABLE installments (
    loan_id      BIGINT NOT NULL REFERENCES loans (id),
    number       BIGINT NOT NULL,
    due_date     TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
    PRIMARY KEY (loan_id, number)
);

-- The append-only dated history each loan's state is replayed from.
CREATE TABLE loan_transactions (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    loan_id            BIGINT NOT NULL REFERENCES loans (id),
    effective_date     TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('payment', 'reversal', 'fee_waiver', 'charge_off')),
    amount_cents       BIGINT,
    extra_to           TEXT,
    reverses_id        BIGINT REFERENCES loan_transactions (id),
    insufficient_funds BIGINT NOT NULL DEFAULT 0,
    created_at_us      BIGINT NOT NULL
);
CREATE INDEX loan_transactions_by_loan ON loan_transactions (loan_id, effective_date, id);

CREATE TABLE journal_entries (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    loan_id        BIGINT REFERENCES loans (id),
    effective_date TEXT NOT NULL,
    kind           TEXT NOT NULL,
    created_at_us  BIGINT NOT NULL
);
CREATE INDEX journal_entries_by_loan ON journal_entries (loan_id);

CREATE TABLE journal_lines (
    entry_id     BIGINT NOT NULL REFERENCES journal_entries (id),
    line_no      BIGINT NOT NULL,
    account      TEXT NOT NULL,
    side         TEXT NOT NULL CHECK (side IN ('D', 'C')),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (entry_id, line_no)
);
CREATE INDEX journal_lines_by_account ON journal_lines (account, side);

CREATE TABLE idempotency_keys (
    key           TEXT PRIMARY KEY,
    request_hash  TEXT NOT NULL,
    response      TEXT NOT NULL,
    created_at_us BIGINT NOT NULL
);

CREATE TABLE jobs (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind           TEXT NOT NULL,
    job_key        TEXT NOT NULL UNIQUE,
    payload        TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts       BIGINT NOT NULL DEFAULT 0,
    run_at_us      BIGINT NOT NULL,
    lease_until_us BIGINT,
    last_error     TEXT,
    created_at_us  BIGINT NOT NULL
);
CREATE INDEX jobs_ready ON jobs (state, run_at_us);

-- One row per schedule slot: the insert that wins runs the slot, once across instances.
CREATE TABLE schedules (
    name          TEXT NOT NULL,
    slot          TEXT NOT NULL,
    claimed_at_us BIGINT NOT NULL,
    PRIMARY KEY (name, slot)
);

-- Append-only, hash-chained.
CREATE TABLE audit_log (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_us     BIGINT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
