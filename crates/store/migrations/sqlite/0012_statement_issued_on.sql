-- The business date of the close of business that issued each statement (issue 17): the print
-- batch of a close is the paper statements that close issued. A statement's own date is the
-- end of its cycle, which can be a weekend or a holiday that no close has, so selecting the
-- batch by it left those statements unprinted. Statements issued before this column existed
-- take their statement date, which is what their batch was selected by.
ALTER TABLE statements ADD COLUMN issued_on TEXT;
UPDATE statements SET issued_on = statement_date;
CREATE INDEX statements_by_issue ON statements (issued_on, delivery);
