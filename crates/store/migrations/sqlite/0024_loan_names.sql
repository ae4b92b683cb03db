-- Loans a borrower can tell apart (issue 22, item 11). `loans.product_name` is what the loan
-- is ("Home improvement loan"), set when it is originated here or boarded; NULL for a loan
-- without one (the portal then says "Loan ending 1015"). `loan_nicknames` is the name a
-- borrower gives a loan: per login, because a nickname is the person's own (two people who
-- reach the same loan name it each their own way), and absent when none was set (clearing
-- one deletes its row). The app keeps it 1 to 40 characters with no control characters.
ALTER TABLE loans ADD COLUMN product_name TEXT;

CREATE TABLE loan_nicknames (
    login_id      INTEGER NOT NULL REFERENCES logins (id),
    loan_id       INTEGER NOT NULL REFERENCES loans (id),
    nickname      TEXT NOT NULL,
    updated_at_us INTEGER NOT NULL,
    PRIMARY KEY (login_id, loan_id)
);
