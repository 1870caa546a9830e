-- Full-text search on SQLite: an FTS5 table written by the catalog store on every product save
-- (title weighted above the body by bm25 at query time). unicode61 folds case and diacritics.
CREATE VIRTUAL TABLE product_fts USING fts5(
    product_id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
