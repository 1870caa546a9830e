-- Answers the assistant gave per UTC day: one row per day for the whole shop (subject '*') and one per
-- visitor ('usr_...' for a signed-in customer, 'ip:' + a keyed hash of the address otherwise; the
-- address itself is never stored). A count is taken with a conditional UPDATE (used < cap), never
-- read-then-write, so concurrent questions on any node never pass the cap. day = epoch day (UTC).
CREATE TABLE assistant_usage (
    day      BIGINT NOT NULL,
    subject  TEXT NOT NULL,
    used     INTEGER NOT NULL,
    PRIMARY KEY (day, subject)
);
