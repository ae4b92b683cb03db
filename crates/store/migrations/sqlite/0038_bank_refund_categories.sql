-- The bank reconciliation learns our refund credits (the ACH credits we originate to pay back
-- a borrower's credit balance, crates/app/src/refunds/ach.rs): two more categories of bank
-- transaction (domain::reconcile::Category), 'refund_settlement' (the bank's debit settling
-- the refund credits of a file we sent, BAI 466) and 'refund_return' (a refund credit a
-- borrower's bank sent back, put back into our account, BAI 168 and 257); and the business
-- date each refund credit came back, which that day's reconciliation expects from the bank.
--
-- Rows already imported keep the category they were given: their books were posted with it
-- (a transaction sorted 'other' was not booked), so a day imported before shows its refund
-- settlement under "Other" and the new line short by it, once, for staff to explain.
-- A refund that came back before has no returned_on: the business date it was read on was
-- not kept, and its day was explained by hand already.
--
-- SQLite cannot change a CHECK constraint in place: both tables are rebuilt, keeping every row
-- and id (as 0028 rebuilt loan_transactions). No table refers to either.
CREATE TABLE bank_transactions_0038 AS SELECT * FROM bank_transactions;

DROP TABLE bank_transactions;

CREATE TABLE bank_transactions (
    id                 INTEGER PRIMARY KEY,
    report_id          INTEGER NOT NULL REFERENCES bank_reports (id),
    line               INTEGER NOT NULL,
    as_of              TEXT NOT NULL,
    account_number     TEXT NOT NULL,
    type_code          INTEGER NOT NULL,
    category           TEXT NOT NULL CHECK (category IN ('lockbox_deposit', 'ach_settlement', 'ach_return', 'incoming_credit', 'refund_settlement', 'refund_return', 'other')),
    amount_cents       INTEGER NOT NULL,
    credit             INTEGER NOT NULL CHECK (credit IN (0, 1)),
    bank_reference     TEXT NOT NULL,
    customer_reference TEXT NOT NULL,
    text               TEXT NOT NULL,
    UNIQUE (report_id, line)
);
INSERT INTO bank_transactions (id, report_id, line, as_of, account_number, type_code, category,
                               amount_cents, credit, bank_reference, customer_reference, text)
SELECT id, report_id, line, as_of, account_number, type_code, category, amount_cents, credit,
       bank_reference, customer_reference, text
FROM bank_transactions_0038;
CREATE INDEX bank_transactions_by_day ON bank_transactions (as_of, category);

DROP TABLE bank_transactions_0038;

CREATE TABLE bank_day_explanations_0038 AS SELECT * FROM bank_day_explanations;

DROP TABLE bank_day_explanations;

CREATE TABLE bank_day_explanations (
    id               INTEGER PRIMARY KEY,
    as_of            TEXT NOT NULL,
    category         TEXT NOT NULL CHECK (category IN ('lockbox_deposit', 'ach_settlement', 'ach_return', 'incoming_credit', 'refund_settlement', 'refund_return', 'other')),
    difference_cents INTEGER NOT NULL,
    explanation      TEXT NOT NULL,
    actor            TEXT NOT NULL,
    at_us            INTEGER NOT NULL
);
INSERT INTO bank_day_explanations (id, as_of, category, difference_cents, explanation, actor, at_us)
SELECT id, as_of, category, difference_cents, explanation, actor, at_us
FROM bank_day_explanations_0038;
CREATE INDEX bank_day_explanations_by_day ON bank_day_explanations (as_of, category, id);

DROP TABLE bank_day_explanations_0038;

-- The business date a refund credit came back (state 'failed'); a day's returns of refund
-- credits are read by it.
ALTER TABLE refunds ADD COLUMN returned_on TEXT;
CREATE INDEX refunds_returned_on ON refunds (returned_on) WHERE returned_on IS NOT NULL;
