-- Loan products (issue 20, item 6; ADR 0026): what differs between notes is configuration,
-- not code. A loan keeps the values of its product as it was boarded or made (with the
-- boarding file's overrides), so a later change to the configuration never changes a loan
-- already on file. The late fee's fixed part, percentage, cap and grace period, the NSF fee
-- and the day count already have their columns (0001); these are the rest:
--
--   product                       the configured product's name (`standard` unless the
--                                 boarding file named another); the borrower's words for the
--                                 loan stay in `product_name` (0024)
--   waterfall                     the order a payment pays fees, interest and principal
--   late_fee_min_shortfall_cents  no late fee for an installment short by less (0: any)
--   extra_default                 where the part of a payment beyond the amount due goes
--                                 when the payer does not say
--   due_date_*                    the due-date change rule: allowed at all, by the borrower
--                                 in the portal, the window in days, how often (months), the
--                                 notice in days
--   refund_method                 how money held for the borrower is refunded
--
-- The defaults are today's behaviour, so every loan already here reads exactly as before.
ALTER TABLE loans ADD COLUMN product TEXT NOT NULL DEFAULT 'standard';
ALTER TABLE loans ADD COLUMN waterfall TEXT NOT NULL DEFAULT 'fees,interest,principal'
    CHECK (waterfall IN ('fees,interest,principal', 'fees,principal,interest',
        'interest,fees,principal', 'interest,principal,fees', 'principal,fees,interest',
        'principal,interest,fees'));
ALTER TABLE loans ADD COLUMN late_fee_min_shortfall_cents BIGINT NOT NULL DEFAULT 0
    CHECK (late_fee_min_shortfall_cents >= 0);
ALTER TABLE loans ADD COLUMN extra_default TEXT NOT NULL DEFAULT 'principal'
    CHECK (extra_default IN ('principal', 'next_installment'));
ALTER TABLE loans ADD COLUMN due_date_change_allowed BIGINT NOT NULL DEFAULT 1;
ALTER TABLE loans ADD COLUMN due_date_borrower_may BIGINT NOT NULL DEFAULT 1;
ALTER TABLE loans ADD COLUMN due_date_window_days BIGINT NOT NULL DEFAULT 15
    CHECK (due_date_window_days >= 0);
ALTER TABLE loans ADD COLUMN due_date_once_in_months BIGINT NOT NULL DEFAULT 12
    CHECK (due_date_once_in_months >= 0);
ALTER TABLE loans ADD COLUMN due_date_min_notice_days BIGINT NOT NULL DEFAULT 5
    CHECK (due_date_min_notice_days >= 0);
ALTER TABLE loans ADD COLUMN refund_method TEXT NOT NULL DEFAULT 'ach'
    CHECK (refund_method IN ('ach', 'original_method', 'check'));
