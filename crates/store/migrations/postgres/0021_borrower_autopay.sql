-- AutoPay by phone for a borrower who never enrolled in the portal (ADR 0022).
--
-- A saved payment method belongs to exactly one owner: a portal login (the person, reaching
-- every borrower record it links: added in the portal, or saved by phone for a borrower who
-- had enrolled), or a borrower who had not enrolled (saved by phone when AutoPay was set up
-- for them: borrower_id). A login reaches its own methods and those of the borrowers it
-- links, so a borrower who enrolls later finds the method in the portal; nothing moves.
-- autopays.login_id is the portal sign-in an AutoPay was set up under or for; NULL when it
-- was set up by phone for a borrower with none. The AutoPay is the loan's, and so its
-- borrower's. (SQLite rebuilds both tables for the same change.)
ALTER TABLE payment_methods ALTER COLUMN login_id DROP NOT NULL;
ALTER TABLE payment_methods ADD COLUMN borrower_id BIGINT REFERENCES borrowers (id);
ALTER TABLE payment_methods ADD CONSTRAINT payment_methods_one_owner
    CHECK ((login_id IS NULL) <> (borrower_id IS NULL));
CREATE INDEX payment_methods_by_borrower ON payment_methods (borrower_id, id);

ALTER TABLE autopays ALTER COLUMN login_id DROP NOT NULL;
