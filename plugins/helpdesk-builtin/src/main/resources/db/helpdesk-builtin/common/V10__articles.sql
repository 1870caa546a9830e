-- FAQ and knowledge base articles (KnowledgeBase SPI). Portable SQL: TEXT ids, BIGINT epoch
-- milliseconds, INTEGER 0/1 flags. The search index is dialect SQL (V11).
CREATE TABLE helpdesk_builtin_categories (
    id       VARCHAR(64)  NOT NULL PRIMARY KEY,   -- hcat_...
    name     VARCHAR(200) NOT NULL,
    position INTEGER      NOT NULL
);

CREATE TABLE helpdesk_builtin_articles (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,  -- art_...; sorts by creation time
    product_id  VARCHAR(64),                        -- null: a shop-wide article
    category_id VARCHAR(64),                        -- no foreign key: deleting a category sets it null in code
    author_id   VARCHAR(64)  NOT NULL,
    title       VARCHAR(400) NOT NULL,
    body        TEXT         NOT NULL,              -- Markdown as written
    published   INTEGER      NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL
);

CREATE INDEX helpdesk_builtin_articles_product ON helpdesk_builtin_articles (product_id, id);
