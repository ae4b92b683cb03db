-- Structured mailing addresses (issue 22, item 6; ADR 0029). A borrower's address is its
-- street line, an optional second line (apartment, suite, unit), city and state (the Postal
-- Service's two-letter code), each checked by the app (`domain::address`); `zip` holds the
-- address's ZIP code (`12345` or `12345-6789`), as it did beside the free text. The free-text
-- `address` is kept only for addresses from before this migration that the app could not read
-- into their parts when the server started: those rows have no `address_line1`, and staff see
-- them listed ("Addresses to review") until the borrower confirms their address in the portal
-- or it is corrected. A row written since has the parts and no free text.
ALTER TABLE borrowers ADD COLUMN address_line1 TEXT;
ALTER TABLE borrowers ADD COLUMN address_line2 TEXT;
ALTER TABLE borrowers ADD COLUMN address_city TEXT;
ALTER TABLE borrowers ADD COLUMN address_state TEXT;

-- The addresses still to be read or reviewed: few, so the list of them reads only these.
CREATE INDEX borrowers_address_to_review ON borrowers (id) WHERE address_line1 IS NULL;
