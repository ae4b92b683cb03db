-- The loan history learns three kinds (issue 20): 'interest_waiver' (accrued interest forgiven,
-- amount_cents), 'amendment' (a change of the loan's terms effective on the transaction's
-- date, ADR 0021: for a new due day, due_day, 1 to 28) and 'refund' (unapplied funds paid back,
-- amount_cents). A 'reversal' may now take back a waiver, an amendment or a refund as well as
-- a payment; reverses_id already names any transaction.
--
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt, keeping every row
-- and id (as 0021 rebuilt its tables). sqlx runs a migration in one transaction, where foreign
-- keys cannot be switched off; they are deferred to the commit instead. Dropping the table
-- leaves the payments that name their transaction, and the reversals that name the one they
-- reverse, pointing nowhere for a moment; the same rows put back under the same ids, into a
-- table of the same name, resolve each, and the commit checks that none is left. The copy is
-- a plain table (a rename would carry the other tables' references along with it). The new
-- column comes last, as PostgreSQL's ALTER TABLE adds it.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE loan_transactions_0028 AS SELECT * FROM loan_transactions;

DROP TABLE loan_transactions;

CREATE TABLE loan_transactions (
    id                 INTEGER PRIMARY KEY,
    loan_id            INTEGER NOT NULL REFERENCES loans (id),
    effective_date     TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('payment', 'reversal', 'fee_waiver', 'charge_off', 'interest_waiver', 'amendment', 'refund')),
    amount_cents       INTEGER,
    extra_to           TEXT,
    reverses_id        INTEGER REFERENCES loan_transactions (id),
    insufficient_funds INTEGER NOT NULL DEFAULT 0,
    created_at_us      INTEGER NOT NULL,
    due_day            INTEGER CHECK (due_day BETWEEN 1 AND 28)
);
INSERT INTO loan_transactions (id, loan_id, effective_date, kind, amount_cents, extra_to,
                               reverses_id, insufficient_funds, created_at_us, due_day)
SELECT id, loan_id, effective_date, kind, amount_cents, extra_to, reverses_id,
       insufficient_funds, created_at_us, NULL
FROM loan_transactions_0028;
CREATE INDEX loan_transactions_by_loan ON loan_transactions (loan_id, effective_date, id);

DROP TABLE loan_transactions_0028;
