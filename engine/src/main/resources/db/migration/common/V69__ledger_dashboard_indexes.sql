-- The seller dashboard reads the ledger entries of a seller's order lines (joined from order_lines by
-- seller) and the seller's own entries by booking time; without these both scan every entry.
CREATE INDEX ledger_entries_line ON ledger_entries (order_line_id);
CREATE INDEX ledger_entries_account_created ON ledger_entries (account, created_at);
