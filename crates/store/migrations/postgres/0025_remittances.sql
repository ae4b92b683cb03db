-- Money by mail and bank bill pay (issue 21): the files the bank sends and the items in them.
--
-- `remittance_files`: each file read, by the SHA-256 of its bytes (hex), so the same file read
-- again is recognised and changes nothing. `source` is 'lockbox' (the bank's lockbox file of
-- checks deposited) or 'ach' (bill-pay credits in an incoming NACHA file).
--
-- `remittance_items`: one row per check or credit, under `item_key`, which is what makes an
-- item the same item across re-sent files (`lockbox:{lockbox}:{deposit date}:{batch}:{item}`,
-- `ach:{trace}`): a file re-sent with a new header but the same items posts nothing twice. An
-- item is recorded 'received' with the file, in one transaction; then each item, in a
-- transaction of its own, is 'posted' (matched: it became a payment) or queued as an
-- 'exception' with its `reason`; staff resolve an exception ('resolved': applied to a loan or
-- split across loans) or send it back ('returned': listed for a refund check). A 'received'
-- item is one a crash left between the two steps: the next import of its file, or the worker's
-- sweep, finishes it. Only the state change from 'received' (or from 'exception') is ever
-- made, conditionally, so two workers or two staff cannot both act on one item.
--
-- The payer's bank account is never stored: `payer_last4` (to tell payers apart on screen)
-- and `payer_digest`, the vault's keyed digest of routing number, account and check number,
-- by which a check deposited twice is recognised. `account_number` is the loan account the
-- item names (coupon, memo or identification number), when it names exactly one; `loan_id`
-- the loan it was matched or applied to. `payoff_short_cents`: a payoff check short of the
-- payoff by a few cents that posted anyway (the day's report lists it). `resolution` is what
-- staff did, as JSON; the audit log has the same.
--
-- `remittance_postings`: each payment an item became (one when matched or applied, several
-- after a split).
CREATE TABLE remittance_files (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source         TEXT NOT NULL CHECK (source IN ('lockbox', 'ach')),
    name           TEXT NOT NULL,
    digest         TEXT NOT NULL UNIQUE,
    items          BIGINT NOT NULL,
    total_cents    BIGINT NOT NULL,
    imported_at_us BIGINT NOT NULL,
    actor          TEXT NOT NULL
);

CREATE TABLE remittance_items (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_id            BIGINT REFERENCES remittance_files (id),
    source             TEXT NOT NULL CHECK (source IN ('lockbox', 'ach')),
    item_key           TEXT NOT NULL UNIQUE,
    deposit_date       TEXT NOT NULL,
    lockbox            TEXT NOT NULL DEFAULT '',
    batch              TEXT NOT NULL DEFAULT '',
    item               TEXT NOT NULL DEFAULT '',
    amount_cents       BIGINT NOT NULL CHECK (amount_cents > 0),
    check_number       TEXT NOT NULL DEFAULT '',
    payer              TEXT NOT NULL DEFAULT '',
    payer_last4        TEXT,
    payer_digest       TEXT,
    memo               TEXT NOT NULL DEFAULT '',
    account_number     TEXT,
    loan_id            BIGINT REFERENCES loans (id),
    matched_by         TEXT CHECK (matched_by IN ('coupon', 'memo', 'ach', 'staff')),
    state              TEXT NOT NULL CHECK (state IN ('received', 'posted', 'exception', 'resolved', 'returned')),
    reason             TEXT CHECK (reason IN ('no_match', 'several_matches', 'mistyped_account', 'unknown_account', 'paid_off', 'charged_off', 'far_above_payoff', 'duplicate', 'stop')),
    payoff_short_cents BIGINT,
    resolution         TEXT,
    resolved_by        TEXT,
    resolved_at_us     BIGINT,
    received_at_us     BIGINT NOT NULL
);
-- The day's report and the queue filtered by deposit date; the open queue, oldest deposit
-- first; the items a crash left unfinished; an earlier item of the same check and amount; a
-- file's items in order.
CREATE INDEX remittance_items_by_deposit_date ON remittance_items (deposit_date, id);
CREATE INDEX remittance_items_open ON remittance_items (deposit_date, id) WHERE state = 'exception';
CREATE INDEX remittance_items_unfinished ON remittance_items (id) WHERE state = 'received';
CREATE INDEX remittance_items_by_payer ON remittance_items (payer_digest, amount_cents, id)
    WHERE payer_digest IS NOT NULL;
CREATE INDEX remittance_items_by_file ON remittance_items (file_id, id);

CREATE TABLE remittance_postings (
    item_id      BIGINT NOT NULL REFERENCES remittance_items (id),
    payment_id   BIGINT NOT NULL REFERENCES payments (id),
    loan_id      BIGINT NOT NULL REFERENCES loans (id),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (item_id, payment_id)
);
