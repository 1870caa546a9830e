-- Full-text search on PostgreSQL: a tsvector column written by the catalog store on every product
-- save (title weight A, body weight B) and a GIN index. The 'simple' configuration (no stemming)
-- matches what SQLite's unicode61 tokenizer finds, so both databases rank the same way.
ALTER TABLE products ADD COLUMN search tsvector;
CREATE INDEX products_search ON products USING GIN (search);
