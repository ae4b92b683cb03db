-- Twice-monthly and biweekly AutoPay (issue 20, item 3; ADR 0028), by the borrower's choice
-- where the loan's product allows it.
--
-- autopays.frequency             'monthly' (every AutoPay already here: once per installment,
--                                days_before_due before its due date), 'twice_monthly' or
--                                'biweekly'
-- autopays.twice_monthly_first,  the two days of the month a twice-monthly AutoPay drafts on
--          twice_monthly_second  (1 to 28; the app keeps them 10 days apart both ways)
-- autopays.biweekly_start        a biweekly AutoPay's first draft day; then every 14 days
-- payments.draft_on              a twice-monthly or biweekly draft's day: such drafts are one
--                                per AutoPay and day (payments_one_draft_a_day), as monthly
--                                drafts are one per AutoPay and installment (payments_one_draft,
--                                now for monthly drafts only: two drafts a month count toward
--                                one installment)
-- loans.autopay_twice_monthly,   whether the loan's product allows each (ADR 0026: a loan
--       autopay_biweekly         keeps its product's values as it was boarded or made)
--
-- The defaults are today's behaviour, so every AutoPay, draft and loan already here reads
-- exactly as before.
ALTER TABLE autopays ADD COLUMN frequency TEXT NOT NULL DEFAULT 'monthly'
    CHECK (frequency IN ('monthly', 'twice_monthly', 'biweekly'));
ALTER TABLE autopays ADD COLUMN twice_monthly_first BIGINT
    CHECK (twice_monthly_first BETWEEN 1 AND 28);
ALTER TABLE autopays ADD COLUMN twice_monthly_second BIGINT
    CHECK (twice_monthly_second BETWEEN 1 AND 28);
ALTER TABLE autopays ADD COLUMN biweekly_start TEXT;

ALTER TABLE payments ADD COLUMN draft_on TEXT;
DROP INDEX payments_one_draft;
CREATE UNIQUE INDEX payments_one_draft ON payments (autopay_id, installment_number)
    WHERE autopay_id IS NOT NULL AND retry_of IS NULL AND draft_on IS NULL;
CREATE UNIQUE INDEX payments_one_draft_a_day ON payments (autopay_id, draft_on)
    WHERE draft_on IS NOT NULL AND retry_of IS NULL;

ALTER TABLE loans ADD COLUMN autopay_twice_monthly BIGINT NOT NULL DEFAULT 0;
ALTER TABLE loans ADD COLUMN autopay_biweekly BIGINT NOT NULL DEFAULT 0;
