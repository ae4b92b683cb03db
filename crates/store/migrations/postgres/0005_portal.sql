-- Borrower sign-in and the portal: logins (one per person; a login may reach the loans of
-- more than one borrower record, through login_links), sessions (only the SHA-256 of each
-- token is kept), one-time codes (only a keyed digest), throttling counters, remembered
-- devices, password-reset tokens, TOTP recovery codes, alert preferences, consent records
-- and secure messages.

CREATE TABLE logins (
    id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username               TEXT NOT NULL UNIQUE,   -- lower-cased
    password_hash          TEXT NOT NULL,          -- argon2id PHC string
    second_factor          TEXT NOT NULL CHECK (second_factor IN ('email', 'sms', 'totp')),
    totp_secret_enc        BYTEA,                   -- sealed by the app's vault
    totp_key_id            TEXT,
    totp_last_step         BIGINT,                -- a TOTP step is accepted once
    failed_logins          BIGINT NOT NULL DEFAULT 0,
    locked_until_us        BIGINT,
    paperless              BIGINT NOT NULL DEFAULT 0,
    created_at_us          BIGINT NOT NULL,
    password_changed_at_us BIGINT NOT NULL
);

CREATE TABLE login_links (
    login_id    BIGINT NOT NULL REFERENCES logins (id),
    borrower_id BIGINT NOT NULL UNIQUE REFERENCES borrowers (id),
    PRIMARY KEY (login_id, borrower_id)
);

CREATE TABLE sessions (
    token_sha256   TEXT PRIMARY KEY,
    login_id       BIGINT REFERENCES logins (id),
    -- 'enrolling' (identity checked, code not yet confirmed), 'enrolled' (code confirmed,
    -- choosing credentials), 'second_factor' (password checked), 'full'.
    stage          TEXT NOT NULL CHECK (stage IN ('enrolling', 'enrolled', 'second_factor', 'full')),
    borrower_id    BIGINT REFERENCES borrowers (id),
    created_at_us  BIGINT NOT NULL,
    last_seen_us   BIGINT NOT NULL,
    step_up_at_us  BIGINT,
    ip             TEXT NOT NULL,
    user_agent     TEXT NOT NULL
);
CREATE INDEX sessions_by_login ON sessions (login_id);

CREATE TABLE one_time_codes (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purpose       TEXT NOT NULL,     -- 'enroll', 'login', 'contact'
    subject       TEXT NOT NULL,     -- the session it belongs to (token digest)
    code_digest   TEXT NOT NULL,
    channel       TEXT NOT NULL,
    expires_at_us BIGINT NOT NULL,
    attempts      BIGINT NOT NULL DEFAULT 0,
    used_at_us    BIGINT,
    created_at_us BIGINT NOT NULL
);
CREATE INDEX one_time_codes_by_subject ON one_time_codes (subject, purpose, id);

-- Fixed windows: a key ("login:user:maria", "login:ip:203.0.113.9") counts attempts per window.
CREATE TABLE throttles (
    key             TEXT PRIMARY KEY,
    window_start_us BIGINT NOT NULL,
    attempts        BIGINT NOT NULL
);

CREATE TABLE remembered_devices (
    token_sha256  TEXT PRIMARY KEY,
    login_id      BIGINT NOT NULL REFERENCES logins (id),
    expires_at_us BIGINT NOT NULL,
    created_at_us BIGINT NOT NULL
);
CREATE INDEX remembered_devices_by_login ON remembered_devices (login_id);

CREATE TABLE password_resets (
    token_sha256  TEXT PRIMARY KEY,
    login_id      BIGINT NOT NULL REFERENCES logins (id),
    expires_at_us BIGINT NOT NULL,
    used_at_us    BIGINT,
    created_at_us BIGINT NOT NULL
);

CREATE TABLE recovery_codes (
    login_id    BIGINT NOT NULL REFERENCES logins (id),
    code_sha256 TEXT NOT NULL,
    used_at_us  BIGINT,
    PRIMARY KEY (login_id, code_sha256)
);

-- An absent row means the default for that alert and channel (see app::preferences).
CREATE TABLE alert_preferences (
    login_id BIGINT NOT NULL REFERENCES logins (id),
    alert    TEXT NOT NULL,
    channel  TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'portal')),
    enabled  BIGINT NOT NULL,
    PRIMARY KEY (login_id, alert, channel)
);

-- Consents given and withdrawn (E-SIGN for paperless, texts), kept as evidence: never edited.
CREATE TABLE consents (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login_id      BIGINT NOT NULL REFERENCES logins (id),
    kind          TEXT NOT NULL CHECK (kind IN ('esign', 'sms')),
    given         BIGINT NOT NULL,
    text_version  TEXT NOT NULL,
    text          TEXT NOT NULL,
    detail        TEXT NOT NULL,     -- the phone number for texts; how it was withdrawn
    ip            TEXT NOT NULL,
    at_us         BIGINT NOT NULL
);
CREATE INDEX consents_by_login ON consents (login_id, kind, id);

CREATE TABLE secure_messages (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login_id      BIGINT NOT NULL REFERENCES logins (id),
    direction     TEXT NOT NULL CHECK (direction IN ('to_servicer', 'to_borrower')),
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at_us BIGINT NOT NULL
);
CREATE INDEX secure_messages_by_login ON secure_messages (login_id, id);

-- Delivery attempts of the outbox.
ALTER TABLE outbox ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
ALTER TABLE outbox ADD COLUMN next_attempt_us BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN read_at_us BIGINT;
