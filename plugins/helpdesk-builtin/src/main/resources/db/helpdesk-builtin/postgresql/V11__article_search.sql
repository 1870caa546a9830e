-- Article search on PostgreSQL: a weighted tsvector (title A, plain-text body B) written with every
-- save and a GIN index. 'simple' (no stemming) finds what SQLite's unicode61 tokenizer finds.
ALTER TABLE helpdesk_builtin_articles ADD COLUMN search tsvector;
CREATE INDEX helpdesk_builtin_articles_search ON helpdesk_builtin_articles USING GIN (search);
