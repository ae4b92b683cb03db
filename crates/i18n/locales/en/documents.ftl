# The documents center, the letters and the statement, as pages and PDFs.

document-refused = No such document for this loan
letter-refused = No letter for this loan
letter-date-unreadable = Enter the payoff date as a date, like December 15, 2026
