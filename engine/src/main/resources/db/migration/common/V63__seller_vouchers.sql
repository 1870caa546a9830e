-- Vouchers a seller makes for their own products: seller_id is NULL for the platform's (admin) vouchers.
-- A seller voucher discounts only lines of that seller's products. disabled_at ends a voucher for good
-- (checkout refuses it, and the race-safe use counter takes no use of it).
ALTER TABLE vouchers ADD COLUMN seller_id TEXT;
ALTER TABLE vouchers ADD COLUMN disabled_at BIGINT;
CREATE INDEX vouchers_seller ON vouchers (seller_id, created_at);
