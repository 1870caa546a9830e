-- Keyset pages of the /api/v1 lists (engine/README.md): each list reads (filter, created_at, id) in
-- order from one index, so a page costs the same on the first page and the thousandth.
CREATE INDEX products_seller_created ON products (seller_id, created_at, id);
CREATE INDEX products_status_created ON products (status, created_at, id);
CREATE INDEX api_tokens_user_created ON api_tokens (user_id, created_at, id);
CREATE INDEX vouchers_created ON vouchers (created_at, code);
CREATE INDEX order_conflicts_created_id ON order_conflicts (created_at, id);
