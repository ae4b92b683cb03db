-- Bank bill-pay credits we refuse (issue 21, item 4). A credit in an inbound ACH file that
-- names a valid account number which is not a loan of ours (R03), or a loan paid off (R23),
-- goes back to the bank that sent it as a return entry in the next file we originate. A row holds what that return must echo of the credit (its batch's SEC code,
-- company and description; its transaction code, receiving bank, account, amount, individual
-- fields and trace number; the bank that sent it), queued until a file carries it: then
-- 'sent', with that file's date and the return's own trace number.
--
-- The credits we keep (posted to a loan, or queued for staff) are remittance items (0025,
-- source 'ach'). A credit is one or the other under the same key, item_key
-- (`ach:{effective date}:{trace}`), so a file the bank sends again changes nothing.
CREATE TABLE ach_refusals (
    id               INTEGER PRIMARY KEY,
    item_key         TEXT NOT NULL UNIQUE,
    original_trace   TEXT NOT NULL,
    received_on      TEXT NOT NULL,
    sec              TEXT NOT NULL,
    company_name     TEXT NOT NULL,
    company_id       TEXT NOT NULL,
    description      TEXT NOT NULL,
    transaction_code TEXT NOT NULL CHECK (transaction_code IN ('22', '32', '42', '52')),
    paying_bank      TEXT NOT NULL,
    original_rdfi    TEXT NOT NULL,
    account_number   TEXT NOT NULL,
    individual_id    TEXT NOT NULL,
    individual_name  TEXT NOT NULL,
    amount_cents     INTEGER NOT NULL CHECK (amount_cents > 0),
    reason           TEXT NOT NULL CHECK (reason IN ('R03', 'R23')),
    loan_id          INTEGER REFERENCES loans (id),
    state            TEXT NOT NULL CHECK (state IN ('queued', 'sent')),
    file_date        TEXT,
    return_trace     TEXT,
    created_at_us    INTEGER NOT NULL,
    sent_at_us       INTEGER,
    CHECK (state = 'queued' OR (file_date IS NOT NULL AND return_trace IS NOT NULL))
);
CREATE INDEX ach_refusals_queued ON ach_refusals (id) WHERE state = 'queued';
CREATE INDEX ach_refusals_in_file ON ach_refusals (file_date) WHERE file_date IS NOT NULL;
