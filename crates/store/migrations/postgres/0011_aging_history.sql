-- The delinquency aging as each close of business left it (issue 6), so the report can be
-- read as of any date that was closed: the snapshots hold only the latest state. One row per
-- days past due of the active loans; the app groups them into buckets, so a change of
-- buckets applies to the past as well.
CREATE TABLE cob_aging (
    business_date   TEXT NOT NULL REFERENCES cob_runs (business_date),
    days_past_due   BIGINT NOT NULL,
    loans           BIGINT NOT NULL,
    principal_cents BIGINT NOT NULL,
    balance_cents   BIGINT NOT NULL,
    past_due_cents  BIGINT NOT NULL,
    PRIMARY KEY (business_date, days_past_due)
);

-- Runs closed before this table existed recorded no aging; a run closed with no active
-- loans recorded an empty one. This tells the two apart.
ALTER TABLE cob_runs ADD COLUMN aging_recorded BOOLEAN NOT NULL DEFAULT FALSE;
