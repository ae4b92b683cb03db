-- The account view lists what staff and API clients did on a borrower's account, leaving out
-- their reads (every view is audited, so a borrower's subject gathers far more reads than
-- actions). Through the subject index alone that list walked every read ever recorded on the
-- account, slower with each view; this index holds only the actions, so the list reads those.
-- The query's WHERE repeats this predicate exactly, so both planners can use it.
CREATE INDEX audit_log_staff_actions ON audit_log (subject, id)
    WHERE (actor LIKE 'staff:%' OR actor LIKE 'client:%') AND action NOT LIKE '%viewed';
