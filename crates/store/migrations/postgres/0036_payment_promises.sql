-- What the review of a payment scheduled for a later date promised (issue 22, item 3). The
-- review tells the borrower what the payment does to the payments not yet due on its credit
-- date ("your next payment is still due", or "$242.84 of this payment counts toward your
-- payment due January 15"), projected by the same replay that posts it. Something may reach
-- the loan before then (another payment posts or is returned, the due date changes), so the
-- promise is kept with the payment and checked again at close of business the night before
-- its credit date. promised_ahead_cents: how much of it was to count toward payments not yet
-- due (0: none, the next payment still due; NULL: no review was kept, as for AutoPay drafts,
-- payments staff post, and payments made before this column); promised_ahead_due: the first
-- of them it was to count toward. promise_changed: what the borrower was told instead when the
-- promise no longer held, shown with the pending payment in the portal.
ALTER TABLE payments ADD COLUMN promised_ahead_cents BIGINT CHECK (promised_ahead_cents >= 0);
ALTER TABLE payments ADD COLUMN promised_ahead_due TEXT;
ALTER TABLE payments ADD COLUMN promise_changed TEXT;
