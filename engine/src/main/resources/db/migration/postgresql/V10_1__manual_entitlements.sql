-- Manual licenses: a seller issues a license without an order, so an entitlement may have no
-- order line. UNIQUE (line_id, kind) still holds for every line-based grant (NULLs never collide).
ALTER TABLE entitlements ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE entitlements ALTER COLUMN line_id DROP NOT NULL;
