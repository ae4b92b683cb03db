-- Secure messages in threads, answered by staff (issue 19).
--
-- A thread belongs to the login that started it and to the borrower that login reaches; a
-- login linked to several borrower records files its threads under the first of them (the
-- lowest id), so they show on that borrower's account. Its state is 'open' while it is on
-- the servicer's list; staff close it, and the borrower writing again reopens it.
-- waiting_since_us is the service clock: when the borrower's oldest unanswered message was
-- written (NULL once answered or closed); last_from_borrower_us is when they last wrote.
CREATE TABLE message_threads (
    id                    INTEGER PRIMARY KEY,
    login_id              INTEGER NOT NULL REFERENCES logins (id),
    borrower_id           INTEGER NOT NULL REFERENCES borrowers (id),
    subject               TEXT NOT NULL,
    state                 TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    assigned_staff_id     INTEGER REFERENCES staff_users (id),
    last_from_borrower_us INTEGER,
    waiting_since_us      INTEGER,
    created_at_us         INTEGER NOT NULL,
    updated_at_us         INTEGER NOT NULL
);

-- Each message written before threads existed becomes a thread of its own, under the
-- message's id (so the message's thread_id is its own id below): a message to the servicer
-- is an open thread, waiting since it was written.
INSERT INTO message_threads (id, login_id, borrower_id, subject, state, assigned_staff_id,
                             last_from_borrower_us, waiting_since_us, created_at_us, updated_at_us)
SELECT m.id, m.login_id,
       (SELECT MIN(k.borrower_id) FROM login_links k WHERE k.login_id = m.login_id),
       m.subject,
       CASE WHEN m.direction = 'to_servicer' THEN 'open' ELSE 'closed' END,
       NULL,
       CASE WHEN m.direction = 'to_servicer' THEN m.created_at_us END,
       CASE WHEN m.direction = 'to_servicer' THEN m.created_at_us END,
       m.created_at_us, m.created_at_us
FROM secure_messages m;

-- The inbox: open or closed threads, unassigned or someone's, by last activity; and a
-- borrower's threads on their account.
CREATE INDEX message_threads_by_state ON message_threads (state, updated_at_us, id);
CREATE INDEX message_threads_by_assignee ON message_threads (state, assigned_staff_id, updated_at_us, id);
CREATE INDEX message_threads_by_borrower ON message_threads (borrower_id, updated_at_us);
CREATE INDEX message_threads_by_login ON message_threads (login_id, updated_at_us);

-- Every message belongs to a thread; a reply names the staff user who wrote it (NULL for a
-- borrower's message or an API client's reply) and every message its author as the audit
-- log names actors ('login:7', 'staff:3', 'client:crm'). SQLite cannot add a NOT NULL column
-- without a default, so the table is rebuilt (nothing references it); the new columns come
-- last, as PostgreSQL's ALTER TABLE adds them.
CREATE TABLE secure_messages_threaded (
    id            INTEGER PRIMARY KEY,
    login_id      INTEGER NOT NULL REFERENCES logins (id),
    direction     TEXT NOT NULL CHECK (direction IN ('to_servicer', 'to_borrower')),
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at_us INTEGER NOT NULL,
    thread_id     INTEGER NOT NULL REFERENCES message_threads (id),
    staff_id      INTEGER REFERENCES staff_users (id),
    author        TEXT NOT NULL
);
INSERT INTO secure_messages_threaded (id, login_id, direction, subject, body, created_at_us,
                                      thread_id, staff_id, author)
SELECT id, login_id, direction, subject, body, created_at_us, id, NULL,
       CASE WHEN direction = 'to_servicer' THEN 'login:' || login_id ELSE 'servicer' END
FROM secure_messages;
DROP TABLE secure_messages;
ALTER TABLE secure_messages_threaded RENAME TO secure_messages;
CREATE INDEX secure_messages_by_login ON secure_messages (login_id, id);
CREATE INDEX secure_messages_by_thread ON secure_messages (thread_id, id);
