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
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    borrower_id    BIGINT NOT NULL REFERENCES borrowers (id),
    kind           TEXT NOT NULL CHECK (kind IN ('bank', 'card')),
    holder_name    TEXT NOT NULL,
    last4          TEXT NOT NULL,
    routing_number TEXT,
    account_type   TEXT CHECK (account_type IN ('checking', 'savings')),
    account_enc    BYTEA,
    account_key_id TEXT,
    card_token     TEXT,
    card_brand     TEXT,
    card_expiry    TEXT,
    created_by     TEXT NOT NULL,
    created_at_us  BIGINT NOT NULL
);
CREATE INDEX phone_methods_by_borrower ON phone_methods (borrower_id, id);

-- The evidence of each authorization given by phone (a NACHA TEL debit, a card charge,
-- AutoPay turned on, changed or off): the script's version and the exact words the agent
-- read, who read them (staff_id), when they were shown and when the borrower agreed, the
-- call's recording reference when there is one, the written notice sent to the borrower
-- (its outbox row), and the last day it must be kept: two years after the authorization ends.
-- A payment's, and a turning off of AutoPay, end the day they are given; an AutoPay turned on
-- or changed by phone ends when it is cancelled or replaced, so its rows have no last day
-- (retain_until NULL) while it lives and get one, once, when it ends. Rows are never deleted,
-- and never updated but for that (the triggers refuse anything else). Each is about one
-- payment or one AutoPay.
CREATE TABLE phone_authorizations (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('payment', 'autopay_enroll', 'autopay_change', 'autopay_cancel')),
    borrower_id       BIGINT NOT NULL REFERENCES borrowers (id),
    loan_id           BIGINT NOT NULL REFERENCES loans (id),
    payment_id        BIGINT UNIQUE REFERENCES payments (id),
    autopay_id        BIGINT REFERENCES autopays (id),
    phone_method_id   BIGINT REFERENCES phone_methods (id),
    method_words      TEXT NOT NULL,
    script_version    TEXT NOT NULL,
    script_text       TEXT NOT NULL,
    staff_id          BIGINT NOT NULL REFERENCES staff_users (id),
    script_read_at_us BIGINT NOT NULL,
    agreed_at_us      BIGINT NOT NULL,
    call_reference    TEXT,
    notice_outbox_id  BIGINT REFERENCES outbox (id),
    retain_until      TEXT,
    created_at_us     BIGINT NOT NULL,
    CHECK ((payment_id IS NULL) <> (autopay_id IS NULL))
);
CREATE INDEX phone_authorizations_by_borrower ON phone_authorizations (borrower_id, id);
CREATE INDEX phone_authorizations_by_autopay ON phone_authorizations (autopay_id) WHERE autopay_id IS NOT NULL;

-- The one change a row may have: its last day to keep it set, from none, with nothing else
-- changed.
CREATE FUNCTION phone_authorizations_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.retain_until IS NULL AND NEW.retain_until IS NOT NULL
        AND ROW(
            NEW.id, NEW.kind, NEW.borrower_id, NEW.loan_id, NEW.payment_id, NEW.autopay_id,
            NEW.phone_method_id, NEW.method_words, NEW.script_version, NEW.script_text,
            NEW.staff_id, NEW.script_read_at_us, NEW.agreed_at_us, NEW.call_reference,
            NEW.notice_outbox_id, NEW.created_at_us
        ) IS NOT DISTINCT FROM ROW(
            OLD.id, OLD.kind, OLD.borrower_id, OLD.loan_id, OLD.payment_id, OLD.autopay_id,
            OLD.phone_method_id, OLD.method_words, OLD.script_version, OLD.script_text,
            OLD.staff_id, OLD.script_read_at_us, OLD.agreed_at_us, OLD.call_reference,
            OLD.notice_outbox_id, OLD.created_at_us
        ) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'phone authorizations are evidence: never changed or deleted (only an AutoPay''s last day to keep them is set, once, when it ends)';
END;
$$;

CREATE TRIGGER phone_authorizations_no_update_or_delete BEFORE UPDATE OR DELETE ON phone_authorizations
    FOR EACH ROW EXECUTE FUNCTION phone_authorizations_kept();
