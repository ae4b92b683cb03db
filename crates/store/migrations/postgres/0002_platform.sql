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
