-- Refunds of money held for a borrower (issue 20, item 4): unapplied funds, an overpayment
-- after payoff. Deciding a refund appends a refund to the loan's history (the replay takes it
-- out of the unapplied funds, the books move it to refunds payable) and writes a row here,
-- 'pending' until the money leaves: an ACH credit ('ach', to a saved bank account) goes out in
-- the next day's file we originate ('sent', with that file's date and the credit's trace
-- number); a card refund ('card', to the card that paid: card_payment_id names the charge
-- refunded) goes through the card processor at once ('sent' when it accepts); a check
-- ('check') waits on the list of refund checks to mail. An ACH credit the borrower's bank
-- sends back is 'failed', with the return reason code, and listed for staff to decide again.
CREATE TABLE refunds (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,
    loan_id         BIGINT NOT NULL REFERENCES loans (id),
    txn_id          BIGINT NOT NULL REFERENCES loan_transactions (id),
    amount_cents    BIGINT NOT NULL CHECK (amount_cents > 0),
    method          TEXT NOT NULL CHECK (method IN ('ach', 'card', 'check')),
    method_id       BIGINT REFERENCES payment_methods (id),
    card_payment_id BIGINT REFERENCES payments (id),
    state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    decided_on      TEXT NOT NULL,
    requested_by    TEXT NOT NULL,
    note            TEXT NOT NULL,
    file_date       TEXT,
    trace_number    TEXT,
    return_code     TEXT,
    created_at_us   BIGINT NOT NULL,
    sent_at_us      BIGINT,
    failed_at_us    BIGINT,
    CHECK ((method = 'check') = (method_id IS NULL)),
    CHECK ((method = 'card') = (card_payment_id IS NOT NULL)),
    CHECK (method <> 'ach' OR state = 'pending' OR (file_date IS NOT NULL AND trace_number IS NOT NULL))
);
CREATE INDEX refunds_by_loan ON refunds (loan_id, id);
CREATE INDEX refunds_pending ON refunds (method, id) WHERE state = 'pending';
CREATE INDEX refunds_in_file ON refunds (file_date) WHERE file_date IS NOT NULL;
CREATE INDEX refunds_by_trace ON refunds (trace_number) WHERE trace_number IS NOT NULL;
