-- Staff of the console (/console): agents, supervisors and admins. A password (argon2id, 15+
-- characters) and an authenticator app (TOTP) are both required to sign in; sessions are
-- their own table so a borrower's session can never reach the console.

CREATE TABLE staff_users (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,   -- lower-cased
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    password_hash   TEXT NOT NULL,
    totp_secret_enc BYTEA NOT NULL,         -- sealed by the app's vault
    totp_key_id     TEXT NOT NULL,
    totp_last_step  BIGINT,                 -- a TOTP step is accepted once
    failed_logins   BIGINT NOT NULL DEFAULT 0,
    locked_until_us BIGINT,
    created_at_us   BIGINT NOT NULL
);

CREATE TABLE staff_sessions (
    token_sha256  TEXT PRIMARY KEY,
    staff_id      BIGINT NOT NULL REFERENCES staff_users (id),
    created_at_us BIGINT NOT NULL,
    last_seen_us  BIGINT NOT NULL
);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);
