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
-- not kept, and its day was explained by hand already. (SQLite rebuilds both tables for the
-- same change.)
ALTER TABLE bank_transactions DROP CONSTRAINT bank_transactions_category_check;
ALTER TABLE bank_transactions ADD CONSTRAINT bank_transactions_category_check
    CHECK (category IN ('lockbox_deposit', 'ach_settlement', 'ach_return', 'incoming_credit', 'refund_settlement', 'refund_return', 'other'));
ALTER TABLE bank_day_explanations DROP CONSTRAINT bank_day_explanations_category_check;
ALTER TABLE bank_day_explanations ADD CONSTRAINT bank_day_explanations_category_check
    CHECK (category IN ('lockbox_deposit', 'ach_settlement', 'ach_return', 'incoming_credit', 'refund_settlement', 'refund_return', 'other'));

-- The business date a refund credit came back (state 'failed'); a day's returns of refund
-- credits are read by it.
ALTER TABLE refunds ADD COLUMN returned_on TEXT;
CREATE INDEX refunds_returned_on ON refunds (returned_on) WHERE returned_on IS NOT NULL;
