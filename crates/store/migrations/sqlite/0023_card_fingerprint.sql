-- The same debit card saved twice by one borrower (issue 22): two saves of one card get two
-- processor tokens, so the token cannot tell them apart. card_fingerprint is the vault's keyed
-- digest (HMAC) of the card number, made before the number goes to the processor; the number
-- itself is never stored. NULL for a card saved before this column, or given by phone (the
-- number is not at hand when it is saved): those are told apart by brand, last four and
-- expiry instead. The index refuses a second live card with the same fingerprint for one
-- portal login, so two saves racing each other (a double click) cannot both succeed.
ALTER TABLE payment_methods ADD COLUMN card_fingerprint TEXT;
CREATE UNIQUE INDEX payment_methods_one_live_card ON payment_methods (login_id, card_fingerprint)
    WHERE removed_at_us IS NULL AND card_fingerprint IS NOT NULL;
