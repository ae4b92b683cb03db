-- Platform: a keyed digest of the SSN (finds a borrower already with us when their loans are
-- boarded, without decrypting anyone), boarding facts on loans, the prior servicer's payment
-- history, and the boarding batches already taken (boarding the same file twice changes nothing).

ALTER TABLE borrowers ADD COLUMN ssn_digest TEXT;
CREATE UNIQUE INDEX borrowers_by_ssn_digest ON borrowers (ssn_digest);

ALTER TABLE loans ADD COLUMN paid_to_date TEXT;
ALTER TABLE loans ADD COLUMN boarded_on TEXT;

CREATE TABLE prior_payments (
    loan_id      BIGINT NOT NULL REFERENCES loans (id),
    paid_on      TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0)
);
CREATE INDEX prior_payments_by_loan ON prior_payments (loan_id, paid_on);

CREATE TABLE boarding_batches (
    file_sha256   TEXT PRIMARY KEY,
    loans         BIGINT NOT NULL,
    boarded_on    TEXT NOT NULL,
    created_at_us BIGINT NOT NULL
);

CREATE INDEX audit_log_by_subject ON audit_log (subject);

-- Each loan's balances as of the business date they were last computed (by the write that
-- changed the loan, and nightly by close of business): reads are one indexed row.
CREATE TABLE loan_snapshots (
    loan_id          BIGINT PRIMARY KEY REFERENCES loans (id),
    as_of            TEXT NOT NULL,
    status           TEXT NOT NULL,
    principal_cents  BIGINT NOT NULL,
    interest_cents   BIGINT NOT NULL,
    fees_cents       BIGINT NOT NULL,
    amount_due_cents BIGINT NOT NULL,
    past_due_cents   BIGINT NOT NULL,
    next_due_date    TEXT,
    days_past_due    BIGINT NOT NULL,
    updated_at_us    BIGINT NOT NULL
);

-- Keys for the operator JSON API: only the SHA-256 of each token is kept.
CREATE TABLE api_clients (
    name          TEXT PRIMARY KEY,
    token_sha256  TEXT NOT NULL UNIQUE,
    created_at_us BIGINT NOT NULL,
    revoked_at_us BIGINT
);
