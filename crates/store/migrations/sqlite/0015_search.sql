-- The console's borrower search (issue 19): one row per key a borrower is found by, so every
-- word of a search is one range of one index. A key is its kind's prefix and a folded value
-- (domain::search): `n:` a word of the name (accents and case folded), `p:` the phone's 10
-- digits, `e:` the email lower-cased, `z:` the ZIP code's first 5 digits, `a:` the last 4 of an
-- account number, `s:` a keyed digest of the SSN's last 4 (never the digits). `sort_name` is
-- the folded name, repeated in each row so a range of the index is already in name order.
--
-- The keys are written by the app in the transaction that writes what they come from
-- (boarding, the demo, a borrower's contact change). Names cannot be folded in SQL, so the
-- borrowers already here are indexed by the app when the server starts
-- (`App::index_borrowers_for_search`).
--
-- WITHOUT ROWID: the table is its primary key (a borrower's keys together, for the checks of
-- each further word of a search); the second index serves the ranges in key order.
CREATE TABLE borrower_search_keys (
    borrower_id INTEGER NOT NULL REFERENCES borrowers (id),
    key         TEXT NOT NULL,
    sort_name   TEXT NOT NULL,
    PRIMARY KEY (borrower_id, key)
) WITHOUT ROWID;
CREATE INDEX borrower_search_keys_by_key ON borrower_search_keys (key, sort_name, borrower_id);
