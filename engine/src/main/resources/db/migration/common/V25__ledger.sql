-- The append-only ledger. Every money movement is a posting: a balanced set of entries (their
-- amounts sum to zero per currency) between accounts ('customer', 'platform:fees', 'seller:<id>',
-- later 'gateway', 'affiliate:<id>', 'payout'). Rows are never updated or deleted; a correction is
-- a new posting that reverses an earlier one. Balances are sums over entries, never stored.
CREATE TABLE ledger_postings (
    id          TEXT PRIMARY KEY,
    posting_key TEXT NOT NULL UNIQUE,  -- what caused it, e.g. 'sale:<order line id>': booking twice is a no-op
    kind        TEXT NOT NULL,         -- sale | reversal | ...
    order_id    TEXT,
    reverses    TEXT REFERENCES ledger_postings (id),
    memo        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX ledger_postings_order ON ledger_postings (order_id);

CREATE TABLE ledger_entries (
    id            TEXT PRIMARY KEY,
    posting_id    TEXT NOT NULL REFERENCES ledger_postings (id),
    account       TEXT NOT NULL,
    amount_minor  BIGINT NOT NULL,     -- signed: what the account received (+) or gave (-)
    currency      TEXT NOT NULL,
    order_line_id TEXT,
    available_at  BIGINT NOT NULL,     -- before this, the amount counts as pending (the refund hold)
    created_at    BIGINT NOT NULL
);
CREATE INDEX ledger_entries_account ON ledger_entries (account, currency, available_at);
CREATE INDEX ledger_entries_posting ON ledger_entries (posting_id);

-- Orders paid before the ledger existed: one sale posting per line, held for the default 14 days.
INSERT INTO ledger_postings (id, posting_key, kind, order_id, reverses, memo, created_at)
SELECT 'lpo_' || l.id, 'sale:' || l.id, 'sale', l.order_id, NULL, 'sale (booked when the ledger was introduced)', o.paid_at
FROM order_lines l JOIN orders o ON o.id = l.order_id
WHERE o.status IN ('paid', 'fulfilled') AND o.paid_at IS NOT NULL AND l.total_minor > 0;

INSERT INTO ledger_entries (id, posting_id, account, amount_minor, currency, order_line_id, available_at, created_at)
SELECT 'len_' || l.id || '_c', 'lpo_' || l.id, 'customer', -l.total_minor, o.currency, l.id, o.paid_at, o.paid_at
FROM order_lines l JOIN orders o ON o.id = l.order_id
WHERE o.status IN ('paid', 'fulfilled') AND o.paid_at IS NOT NULL AND l.total_minor > 0;

INSERT INTO ledger_entries (id, posting_id, account, amount_minor, currency, order_line_id, available_at, created_at)
SELECT 'len_' || l.id || '_f', 'lpo_' || l.id, 'platform:fees', l.platform_fee_minor, o.currency, l.id, o.paid_at, o.paid_at
FROM order_lines l JOIN orders o ON o.id = l.order_id
WHERE o.status IN ('paid', 'fulfilled') AND o.paid_at IS NOT NULL AND l.total_minor > 0 AND l.platform_fee_minor <> 0;

INSERT INTO ledger_entries (id, posting_id, account, amount_minor, currency, order_line_id, available_at, created_at)
SELECT 'len_' || l.id || '_s', 'lpo_' || l.id, 'seller:' || l.seller_id, l.seller_minor, o.currency, l.id,
       o.paid_at + 1209600000, o.paid_at
FROM order_lines l JOIN orders o ON o.id = l.order_id
WHERE o.status IN ('paid', 'fulfilled') AND o.paid_at IS NOT NULL AND l.total_minor > 0 AND l.seller_minor <> 0;
