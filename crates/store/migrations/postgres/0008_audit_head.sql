-- The audit chain's head: the newest record's hash in a one-row table. Appending locks this
-- row (UPDATE … RETURNING gives the latest committed head after waiting), so appends take
-- turns without an advisory lock and the head is read in the same statement that locks it.
-- Verification still walks audit_log itself; this row is only where the next append starts.
CREATE TABLE audit_head (
    one  INTEGER PRIMARY KEY CHECK (one = 1),
    hash TEXT NOT NULL
);
INSERT INTO audit_head (one, hash)
SELECT 1, COALESCE(
    (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
    '0000000000000000000000000000000000000000000000000000000000000000'
);
