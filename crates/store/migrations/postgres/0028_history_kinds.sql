-- The loan history learns three kinds (issue 20): 'interest_waiver' (accrued interest forgiven,
-- amount_cents), 'amendment' (a change of the loan's terms effective on the transaction's
-- date, ADR 0021: for a new due day, due_day, 1 to 28) and 'refund' (unapplied funds paid back,
-- amount_cents). A 'reversal' may now take back a waiver, an amendment or a refund as well as
-- a payment; reverses_id already names any transaction. (SQLite rebuilds the table for the
-- same change.)
ALTER TABLE loan_transactions DROP CONSTRAINT loan_transactions_kind_check;
ALTER TABLE loan_transactions ADD CONSTRAINT loan_transactions_kind_check
    CHECK (kind IN ('payment', 'reversal', 'fee_waiver', 'charge_off', 'interest_waiver', 'amendment', 'refund'));
ALTER TABLE loan_transactions ADD COLUMN due_day BIGINT CHECK (due_day BETWEEN 1 AND 28);
