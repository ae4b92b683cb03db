-- Terms amendments (issue 20, item 3; ADR 0021). A change of a loan's terms is a transaction of
-- its history (kind 'amendment', 0028), and a reversal may undo one. Whatever reads a loan's
-- schedule outside a replay (AutoPay's draft dates, the dashboard's headline, close of
-- business's cycle dates) reads the amendments of many loans at once, and most loans have
-- none: this index holds only the amendment and reversal rows, so that read touches nothing
-- for a loan without them.
CREATE INDEX loan_transactions_amendments ON loan_transactions (loan_id) WHERE kind IN ('amendment', 'reversal');
