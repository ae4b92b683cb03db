-- What an agent takes by phone (issue 19): the bank accounts and cards borrowers give on a
-- call, and the evidence of every authorization given by phone.
--
-- phone_methods: a bank account or debit card a borrower gives an agent on a call. Saved
-- payment methods belong to a portal login (payment_methods.login_id), and a borrower who
-- never enrolled has none; these belong to the borrower, so anyone on file can pay by phone.
-- A bank account number is sealed by the app's vault as saved ones are (only its last four
-- in the clear); a card is the card processor's token, brand, last four and expiry, never the
-- number or the security code. A bank payment from one carries the sealed account on its
-- payment row (payments.bank_*), where the day's ACH file reads it; a card payment finds its
-- token through its authorization below.
CREATE TABLE phone_methods (
    id             INTEGER PRIMARY KEY,
    borrower_id    INTEGER NOT NULL REFERENCES borrowers (id),
    kind           TEXT NOT NULL CHECK (kind IN ('bank', 'card')),
    holder_name    TEXT NOT NULL,
    last4          TEXT NOT NULL,
    routing_number TEXT,
    account_type   TEXT CHECK (account_type IN ('checking', 'savings')),
    account_enc    BLOB,
    account_key_id TEXT,
    card_token     TEXT,
    card_brand     TEXT,
    card_expiry    TEXT,
    created_by     TEXT NOT NULL,
    created_at_us  INTEGER NOT NULL
);
CREATE INDEX phone_methods_by_borrower ON phone_methods (borrower_id, id);

-- The evidence of each authorization given by phone (a NACHA TEL debit, a card charge,
-- AutoPay turned on, changed or off): the script's version and the exact words the agent
-- read, who read them (staff_id), when they were shown and when the borrower agreed, the
-- call's recording reference when there is one, the written notice sent to the borrower
-- (its outbox row), and the last day it must be kept (two years on; an AutoPay's evidence is
-- also kept while its AutoPay lives and two years after, which autopays.cancelled_at_us
-- records). Rows are never updated or deleted. Each is about one payment or one AutoPay.
CREATE TABLE phone_authorizations (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('payment', 'autopay_enroll', 'autopay_change', 'autopay_cancel')),
    borrower_id       INTEGER NOT NULL REFERENCES borrowers (id),
    loan_id           INTEGER NOT NULL REFERENCES loans (id),
    payment_id        INTEGER UNIQUE REFERENCES payments (id),
    autopay_id        INTEGER REFERENCES autopays (id),
    phone_method_id   INTEGER REFERENCES phone_methods (id),
    method_words      TEXT NOT NULL,
    script_version    TEXT NOT NULL,
    script_text       TEXT NOT NULL,
    staff_id          INTEGER NOT NULL REFERENCES staff_users (id),
    script_read_at_us INTEGER NOT NULL,
    agreed_at_us      INTEGER NOT NULL,
    call_reference    TEXT,
    notice_outbox_id  INTEGER REFERENCES outbox (id),
    retain_until      TEXT NOT NULL,
    created_at_us     INTEGER NOT NULL,
    CHECK ((payment_id IS NULL) <> (autopay_id IS NULL))
);
CREATE INDEX phone_authorizations_by_borrower ON phone_authorizations (borrower_id, id);
CREATE INDEX phone_authorizations_by_autopay ON phone_authorizations (autopay_id) WHERE autopay_id IS NOT NULL;
