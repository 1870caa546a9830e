-- Article search on SQLite: an FTS5 table (title and the body as plain text) written with every
-- save, ranked by bm25 with the title weighted above the body; the same tokenizer as the catalog.
CREATE VIRTUAL TABLE helpdesk_builtin_article_fts USING fts5(
    article_id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
