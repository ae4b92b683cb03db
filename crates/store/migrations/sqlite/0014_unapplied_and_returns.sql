-- What a borrower is shown of money that pays nothing and of payments their bank returned
-- (issue 17).
--
-- Each snapshot keeps the loan's unapplied funds: money received beyond what the loan owed
-- (or after a charge-off), held as a credit until it is refunded. A migration cannot replay a
-- loan, so each snapshot takes its loan's balance in 2100-unapplied-funds from the journal: a
-- payment's excess is credited there, and the restating entries of a later replay reverse
-- what that replay took back, so the balance is the replay's `unapplied`. (A posting, or a
-- replay by close of business, writes the figure afresh; but paid-off and charged-off loans,
-- the only ones that hold such money, always take close of business's fast path, which would
-- never have refreshed theirs.)
ALTER TABLE loan_snapshots ADD COLUMN unapplied_cents INTEGER NOT NULL DEFAULT 0;
UPDATE loan_snapshots SET unapplied_cents = (
    SELECT COALESCE(SUM(CASE WHEN jl.side = 'C' THEN jl.amount_cents ELSE -jl.amount_cents END), 0)
    FROM journal_lines jl JOIN journal_entries je ON je.id = jl.entry_id
    WHERE je.loan_id = loan_snapshots.loan_id AND jl.account = '2100-unapplied-funds'
)
WHERE loan_id IN (
    SELECT je.loan_id FROM journal_lines jl JOIN journal_entries je ON je.id = jl.entry_id
    WHERE jl.account = '2100-unapplied-funds'
);

-- The business date a payment was returned, shown with the bank's reason. Payments returned
-- before this column existed take the date of their reversal in the loan's history.
ALTER TABLE payments ADD COLUMN returned_on TEXT;
UPDATE payments SET returned_on = (
    SELECT MIN(t.effective_date) FROM loan_transactions t
    WHERE t.kind = 'reversal' AND t.reverses_id = payments.txn_id
)
WHERE status = 'returned' AND txn_id IS NOT NULL;
