-- Payments (one-time, AutoPay drafts, staff-posted), AutoPay authorizations, and the ACH
-- files sent and received. Each payment records who made it (`actor`: a login, an API client,
-- "ach" for drafts and retries) and from which address: the payment row is the record of it,
-- so posting one does not also take the audit chain's lock. A payment is `scheduled` until it is posted to the loan's history
-- (`posted`, with the transaction it became and its split at posting), `cancelled` by the
-- borrower before its cutoff, `declined` by the card processor, or `returned` by the bank.

-- AutoPay authorizations. Kept after cancellation (cancelled_at_us) for at least two years.
CREATE TABLE autopays (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    loan_id               BIGINT NOT NULL REFERENCES loans (id),
    login_id              BIGINT NOT NULL REFERENCES logins (id),
    method_id             BIGINT NOT NULL REFERENCES payment_methods (id),
    amount_kind           TEXT NOT NULL CHECK (amount_kind IN ('scheduled', 'fixed')),
    fixed_amount_cents    BIGINT,
    days_before_due       BIGINT NOT NULL CHECK (days_before_due BETWEEN 0 AND 15),
    authorization_text    TEXT NOT NULL,
    authorization_version TEXT NOT NULL,
    authorized_ip         TEXT NOT NULL,
    authorized_at_us      BIGINT NOT NULL,
    cancelled_at_us       BIGINT,
    cancel_reason         TEXT,
    reauthorization_required BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX autopays_by_loan ON autopays (loan_id, id);
-- At most one live AutoPay per loan.
CREATE UNIQUE INDEX autopays_one_live ON autopays (loan_id) WHERE cancelled_at_us IS NULL;

CREATE TABLE payments (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    confirmation       TEXT NOT NULL UNIQUE,
    loan_id            BIGINT NOT NULL REFERENCES loans (id),
    login_id           BIGINT REFERENCES logins (id),
    method_id          BIGINT REFERENCES payment_methods (id),
    autopay_id         BIGINT REFERENCES autopays (id),
    installment_number BIGINT,
    retry_of           BIGINT REFERENCES payments (id),
    channel            TEXT NOT NULL CHECK (channel IN ('web', 'phone', 'autopay', 'lockbox', 'mail', 'bill_pay', 'staff')),
    rail               TEXT NOT NULL CHECK (rail IN ('ach', 'card', 'check')),
    amount_cents       BIGINT NOT NULL CHECK (amount_cents > 0),
    extra_to           TEXT NOT NULL CHECK (extra_to IN ('principal', 'next_installment')),
    credit_date        TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('scheduled', 'posted', 'cancelled', 'declined', 'returned')),
    txn_id             BIGINT REFERENCES loan_transactions (id),
    split_fees_cents      BIGINT,
    split_interest_cents  BIGINT,
    split_principal_cents BIGINT,
    split_unapplied_cents BIGINT,
    card_authorization TEXT,
    decline_reason     TEXT,
    ach_file_date      TEXT,
    trace_number       TEXT,
    return_code        TEXT,
    -- A bank payment taken by phone from an account not saved in the portal: the account,
    -- sealed by the app as saved ones are (only for the debit; never shown again).
    bank_holder        TEXT,
    bank_routing       TEXT,
    bank_account_type  TEXT CHECK (bank_account_type IN ('checking', 'savings')),
    bank_account_enc   BYTEA,
    bank_key_id        TEXT,
    actor              TEXT NOT NULL,
    client_ip          TEXT,
    created_at_us      BIGINT NOT NULL,
    updated_at_us      BIGINT NOT NULL
);
CREATE INDEX payments_by_loan ON payments (loan_id, id);
-- Partial indexes: a payment posted by staff (most of them, at a lockbox servicer) has no
-- login, no trace number and is never scheduled, so it costs no entry in these.
CREATE INDEX payments_by_login ON payments (login_id, id) WHERE login_id IS NOT NULL;
CREATE INDEX payments_to_originate ON payments (rail, credit_date) WHERE status = 'scheduled';
CREATE UNIQUE INDEX payments_by_trace ON payments (trace_number) WHERE trace_number IS NOT NULL;
CREATE INDEX payments_in_file ON payments (ach_file_date) WHERE ach_file_date IS NOT NULL;
-- One draft per AutoPay and installment (retries are new rows pointing at the first).
CREATE UNIQUE INDEX payments_one_draft ON payments (autopay_id, installment_number)
    WHERE autopay_id IS NOT NULL AND retry_of IS NULL;

-- The debit files originated, one per business date (originating a date twice reuses it).
CREATE TABLE ach_files (
    file_date     TEXT PRIMARY KEY,
    entry_count   BIGINT NOT NULL,
    debit_cents   BIGINT NOT NULL,
    file_name     TEXT NOT NULL,
    created_at_us BIGINT NOT NULL
);

-- Return and notification-of-change files read, by content digest: a file read twice is
-- recognised and changes nothing.
CREATE TABLE ach_inbound_files (
    digest        TEXT PRIMARY KEY,
    file_name     TEXT NOT NULL,
    returns       BIGINT NOT NULL,
    corrections   BIGINT NOT NULL,
    created_at_us BIGINT NOT NULL
);
