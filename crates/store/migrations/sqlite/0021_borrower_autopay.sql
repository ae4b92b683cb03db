-- AutoPay by phone for a borrower who never enrolled in the portal (ADR 0022).
--
-- A saved payment method belongs to exactly one owner: a portal login (the person, reaching
-- every borrower record it links: added in the portal, or saved by phone for a borrower who
-- had enrolled), or a borrower who had not enrolled (saved by phone when AutoPay was set up
-- for them: borrower_id). A login reaches its own methods and those of the borrowers it
-- links, so a borrower who enrolls later finds the method in the portal; nothing moves.
-- autopays.login_id is the portal sign-in an AutoPay was set up under or for; NULL when it
-- was set up by phone for a borrower with none. The AutoPay is the loan's, and so its
-- borrower's.
--
-- SQLite cannot drop a NOT NULL in place: both tables are rebuilt, keeping every row and id.
-- sqlx runs a migration in one transaction, where foreign keys cannot be switched off; they
-- are deferred to the commit instead (PRAGMA defer_foreign_keys lasts until this transaction
-- ends). Dropping a table deletes its rows first, which leaves the payments and the evidence
-- by phone that name them pointing nowhere for a moment; putting the same rows back under
-- the same ids, into a table of the same name, resolves each, and the commit checks that
-- none is left. The copies are plain tables (a rename would carry the other tables'
-- references along to the renamed table). The new column comes last, as PostgreSQL's
-- ALTER TABLE adds it.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE payment_methods_0021 AS SELECT * FROM payment_methods;
CREATE TABLE autopays_0021 AS SELECT * FROM autopays;

DROP TABLE autopays;
DROP TABLE payment_methods;

CREATE TABLE payment_methods (
    id             INTEGER PRIMARY KEY,
    login_id       INTEGER REFERENCES logins (id),
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
    removed_at_us  INTEGER,
    borrower_id    INTEGER REFERENCES borrowers (id),
    CHECK ((login_id IS NULL) <> (borrower_id IS NULL))
);
INSERT INTO payment_methods (id, login_id, kind, nickname, holder_name, routing_number,
                             account_type, account_enc, account_key_id, last4, card_token,
                             card_brand, card_expiry, created_at_us, removed_at_us, borrower_id)
SELECT id, login_id, kind, nickname, holder_name, routing_number, account_type, account_enc,
       account_key_id, last4, card_token, card_brand, card_expiry, created_at_us,
       removed_at_us, NULL
FROM payment_methods_0021;
CREATE INDEX payment_methods_by_login ON payment_methods (login_id, id);
CREATE INDEX payment_methods_by_borrower ON payment_methods (borrower_id, id);

-- AutoPay authorizations. Kept after cancellation (cancelled_at_us) for at least two years.
CREATE TABLE autopays (
    id                    INTEGER PRIMARY KEY,
    loan_id               INTEGER NOT NULL REFERENCES loans (id),
    login_id              INTEGER REFERENCES logins (id),
    method_id             INTEGER NOT NULL REFERENCES payment_methods (id),
    amount_kind           TEXT NOT NULL CHECK (amount_kind IN ('scheduled', 'fixed')),
    fixed_amount_cents    INTEGER,
    days_before_due       INTEGER NOT NULL CHECK (days_before_due BETWEEN 0 AND 15),
    authorization_text    TEXT NOT NULL,
    authorization_version TEXT NOT NULL,
    authorized_ip         TEXT NOT NULL,
    authorized_at_us      INTEGER NOT NULL,
    cancelled_at_us       INTEGER,
    cancel_reason         TEXT,
    reauthorization_required INTEGER NOT NULL DEFAULT 0
);
INSERT INTO autopays (id, loan_id, login_id, method_id, amount_kind, fixed_amount_cents,
                      days_before_due, authorization_text, authorization_version, authorized_ip,
                      authorized_at_us, cancelled_at_us, cancel_reason, reauthorization_required)
SELECT id, loan_id, login_id, method_id, amount_kind, fixed_amount_cents, days_before_due,
       authorization_text, authorization_version, authorized_ip, authorized_at_us,
       cancelled_at_us, cancel_reason, reauthorization_required
FROM autopays_0021;
CREATE INDEX autopays_by_loan ON autopays (loan_id, id);
-- At most one live AutoPay per loan.
CREATE UNIQUE INDEX autopays_one_live ON autopays (loan_id) WHERE cancelled_at_us IS NULL;

DROP TABLE autopays_0021;
DROP TABLE payment_methods_0021;
