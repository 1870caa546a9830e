-- Catalog: categories, products with their plans, tags, images and file releases.
-- Portable SQL for SQLite and PostgreSQL; full-text search is dialect-only (V4).

CREATE TABLE categories (
    id         TEXT PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at BIGINT NOT NULL
);

INSERT INTO categories (id, slug, name, position, created_at) VALUES
    ('cat_software', 'software', 'Software', 1, 0),
    ('cat_ebooks', 'ebooks', 'E-books', 2, 0),
    ('cat_templates', 'templates', 'Templates and themes', 3, 0),
    ('cat_audio', 'audio', 'Audio', 4, 0),
    ('cat_apis', 'apis', 'APIs and data', 5, 0);

-- price_minor/currency hold the cheapest plan, kept by the store when plans change: it is what
-- listings show and what price filters and sorts use.
CREATE TABLE products (
    id               TEXT PRIMARY KEY,
    seller_id        TEXT NOT NULL REFERENCES users (id),
    slug             TEXT NOT NULL UNIQUE,
    title            TEXT NOT NULL,
    description_md   TEXT NOT NULL,
    description_html TEXT NOT NULL,
    type_id          TEXT NOT NULL,
    attributes       TEXT NOT NULL,
    status           TEXT NOT NULL,
    reject_reason    TEXT,
    price_minor      BIGINT,
    currency         TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    submitted_at     BIGINT,
    published_at     BIGINT
);
CREATE INDEX products_seller ON products (seller_id);
CREATE INDEX products_status_published ON products (status, published_at);
CREATE INDEX products_status_price ON products (status, price_minor);

CREATE TABLE product_categories (
    product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    category_id TEXT NOT NULL REFERENCES categories (id),
    PRIMARY KEY (product_id, category_id)
);
CREATE INDEX product_categories_category ON product_categories (category_id);

CREATE TABLE product_tags (
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    PRIMARY KEY (product_id, tag)
);
CREATE INDEX product_tags_tag ON product_tags (tag);

CREATE TABLE plans (
    id          TEXT PRIMARY KEY,
    product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    price_minor BIGINT NOT NULL,
    currency    TEXT NOT NULL,
    grants      TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX plans_product ON plans (product_id);

CREATE TABLE product_images (
    id           TEXT PRIMARY KEY,
    product_id   TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    storage_key  TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX product_images_product ON product_images (product_id);

CREATE TABLE releases (
    id          TEXT PRIMARY KEY,
    product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    version     TEXT NOT NULL,
    notes       TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    size_bytes  BIGINT NOT NULL,
    sha256      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (product_id, version)
);
