-- The bank's BAI2 prior-day reports and the day's reconciliation with them (issue 21, item 5).
--
-- bank_reports: each report file read, by the SHA-256 of its bytes (read twice, it changes
-- nothing), with the as-of date and our own account number as the file gives them (the
-- first group's and account's; a file may report several, each listed below).
-- bank_report_accounts: each (as-of date, account) a report covered. One report per day and
-- account: a second, different file for a day already reported is refused, so no deposit is
-- booked twice (a correction is explained, not re-imported).
-- bank_transactions: every transaction detail (record 16) of a report with the line it was
-- on, its BAI type code and the category Servicer sorts it into (domain::reconcile::Category),
-- its amount as reported (positive; `credit` says which way it moved the account).
-- bank_day_explanations: what staff wrote about a day's difference in one category, with the
-- difference it explains (a later, different difference is not covered by it). Never
-- changed; a later explanation is added beside it.
CREATE TABLE bank_reports (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    digest          TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    as_of           TEXT NOT NULL,
    account_number  TEXT NOT NULL,
    sender          TEXT NOT NULL,
    created_on      TEXT NOT NULL,
    transactions    BIGINT NOT NULL,
    imported_at_us  BIGINT NOT NULL,
    actor           TEXT NOT NULL
);

CREATE TABLE bank_report_accounts (
    as_of           TEXT NOT NULL,
    account_number  TEXT NOT NULL,
    report_id       BIGINT NOT NULL REFERENCES bank_reports (id),
    PRIMARY KEY (as_of, account_number)
);

CREATE TABLE bank_transactions (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id          BIGINT NOT NULL REFERENCES bank_reports (id),
    line               BIGINT NOT NULL,
    as_of              TEXT NOT NULL,
    account_number     TEXT NOT NULL,
    type_code          BIGINT NOT NULL,
    category           TEXT NOT NULL CHECK (category IN ('lockbox_deposit', 'ach_settlement', 'ach_return', 'incoming_credit', 'other')),
    amount_cents       BIGINT NOT NULL,
    credit             BIGINT NOT NULL CHECK (credit IN (0, 1)),
    bank_reference     TEXT NOT NULL,
    customer_reference TEXT NOT NULL,
    text               TEXT NOT NULL,
    UNIQUE (report_id, line)
);
CREATE INDEX bank_transactions_by_day ON bank_transactions (as_of, category);

CREATE TABLE bank_day_explanations (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    as_of            TEXT NOT NULL,
    category         TEXT NOT NULL CHECK (category IN ('lockbox_deposit', 'ach_settlement', 'ach_return', 'incoming_credit', 'other')),
    difference_cents BIGINT NOT NULL,
    explanation      TEXT NOT NULL,
    actor            TEXT NOT NULL,
    at_us            BIGINT NOT NULL
);
CREATE INDEX bank_day_explanations_by_day ON bank_day_explanations (as_of, category, id);

-- A day's returns of our ACH debits are read by the day they were returned.
CREATE INDEX payments_returned_on ON payments (returned_on) WHERE returned_on IS NOT NULL;
