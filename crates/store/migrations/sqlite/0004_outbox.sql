-- The notification outbox: a message is written in the transaction of the event that causes
-- it, under a unique key (so it is never written twice), and delivered from here. With no
-- email or text provider configured, messages stay here: `servicer outbox` lists them.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY,
    borrower_id   INTEGER REFERENCES borrowers (id),
    channel       TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'portal')),
    recipient     TEXT NOT NULL,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    message_key   TEXT NOT NULL UNIQUE,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    created_at_us INTEGER NOT NULL,
    sent_at_us    INTEGER
);
CREATE INDEX outbox_by_state ON outbox (state, id);
CREATE INDEX outbox_by_borrower ON outbox (borrower_id, id);
