-- A boarded loan's original terms (issue 22, item 13). A loan boarded from another servicer
-- keeps only its remaining installments (from the next due date), its balances as boarded and
-- its rate; its Truth in Lending disclosure is figured from the note as made: the disbursement
-- date, the first payment's date, the number of monthly installments, the regular payment and
-- the note's final payment when the transfer file gave one. Boarding writes them here with the
-- loan, and whether the borrower paid by AutoPay at the previous servicer (the notice of
-- servicing transfer says so; the loan's own flag is cleared once AutoPay is set up again). A
-- loan boarded before this migration has no row: its disclosure is not on file.
CREATE TABLE boarded_terms (
    loan_id                   INTEGER PRIMARY KEY REFERENCES loans (id),
    disbursement_date         TEXT NOT NULL,
    first_payment_date        TEXT NOT NULL,
    term_months               INTEGER NOT NULL CHECK (term_months > 0),
    payment_amount_cents      INTEGER NOT NULL CHECK (payment_amount_cents > 0),
    final_payment_cents       INTEGER CHECK (final_payment_cents > 0),
    autopay_at_prior_servicer INTEGER NOT NULL
);
