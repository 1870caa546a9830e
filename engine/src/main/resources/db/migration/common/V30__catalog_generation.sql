-- One number every catalog write increments in its own transaction. Each node's catalog cache
-- compares it with the number its entries were loaded under (see catalog/README.md).
CREATE TABLE catalog_generation (
    id    INTEGER PRIMARY KEY,
    value BIGINT  NOT NULL
);
INSERT INTO catalog_generation (id, value) VALUES (1, 0);
