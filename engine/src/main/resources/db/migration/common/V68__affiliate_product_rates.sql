-- A seller's own affiliate commission for one of their products, in basis points of what the customer
-- paid (1000 = 10 %). No row: the scheme's global rate applies.
CREATE TABLE affiliate_product_rates (
    product_id    TEXT PRIMARY KEY REFERENCES products (id),
    basis_points  INTEGER NOT NULL,
    updated_at    BIGINT NOT NULL
);
