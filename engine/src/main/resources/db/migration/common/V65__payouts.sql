-- Payouts to sellers (engine/.../payout/README.md). A run pays each seller's available balance per
-- currency as one payout; the ledger postings hold the money, these rows hold the state.
CREATE TABLE payout_runs (
    id            TEXT PRIMARY KEY,
    triggered_by  TEXT NOT NULL,          -- schedule | admin:<user id>
    created_at    BIGINT NOT NULL
);

-- seq numbers a seller's payouts per currency: a run reads the last seq before the balance and
-- inserts seq + 1, so two runs racing for the same seller collide on the unique key and one pays.
CREATE TABLE payouts (
    id               TEXT PRIMARY KEY,
    run_id           TEXT NOT NULL REFERENCES payout_runs (id),
    seller_id        TEXT NOT NULL,
    currency         TEXT NOT NULL,
    seq              INTEGER NOT NULL,
    amount_minor     BIGINT NOT NULL,
    method           TEXT NOT NULL,
    status           TEXT NOT NULL,         -- pending | paid | failed
    reference        TEXT,
    detail           TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    UNIQUE (seller_id, currency, seq)
);
CREATE INDEX payouts_run ON payouts (run_id, id);
CREATE INDEX payouts_seller ON payouts (seller_id, id);

-- The seller's ledger entries a payout covered (each entry is covered once).
CREATE TABLE payout_entries (
    entry_id   TEXT PRIMARY KEY,
    payout_id  TEXT NOT NULL REFERENCES payouts (id)
);
CREATE INDEX payout_entries_payout ON payout_entries (payout_id);
