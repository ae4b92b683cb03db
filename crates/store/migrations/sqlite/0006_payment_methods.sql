-- A borrower's saved ways to pay. Bank account numbers are sealed by the app's vault (only the
-- last four in the clear); cards are the processor's token, brand, last four and expiry, never
-- the number or the CVV. Removed methods are kept (removed_at_us) for the payments made with
-- them.
CREATE TABLE payment_methods (
    id             INTEGER PRIMARY KEY,
    login_id       INTEGER NOT NULL REFERENCES logins (id),
    kind           TEXT NOT NULL CHECK (kind IN ('bank', 'card')),
    nickname       TEXT NOT NULL,
    holder_name    TEXT NOT NULL,
    routing_number TEXT,
    account_type   TEXT CHECK (account_type IN ('checking', 'savings')),
    account_enc    BLOB,
    account_key_id TEXT,
    last4          TEXT NOT NULL,
    card_token     TEXT,
    card_brand     TEXT,
    card_expiry    TEXT,
    created_at_us  INTEGER NOT NULL,
    removed_at_us  INTEGER
);
CREATE INDEX payment_methods_by_login ON payment_methods (login_id, id);
