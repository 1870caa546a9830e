-- Payouts pay any payee's ledger account: seller:<user id> or affiliate:<affiliate id>. seller_id
-- keeps the payee's USER id (so seq stays per user and currency and the UNIQUE key still makes two
-- racing runs pay once); account records which balance the payout paid.
ALTER TABLE payouts ADD COLUMN account TEXT;
UPDATE payouts SET account = 'seller:' || seller_id;
CREATE INDEX payouts_account ON payouts (account, created_at);
