-- Customer <-> seller pre-sale messages (engine/.../message/README.md). One conversation per
-- customer and product: the unique key makes racing first questions land in one conversation.
-- product_title and customer_name are copied at the first question so inboxes need no other
-- feature's tables; the seller is the product's seller at that moment.
CREATE TABLE message_conversations (
    id               TEXT PRIMARY KEY,
    product_id       TEXT NOT NULL,
    product_title    TEXT NOT NULL,
    customer_id      TEXT NOT NULL,
    customer_name    TEXT NOT NULL,
    seller_id        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    last_from        TEXT NOT NULL,          -- customer | seller: who wrote last ("unanswered" = customer)
    customer_unread  INTEGER NOT NULL,       -- 1 while the customer has not opened the seller's last message
    seller_unread    INTEGER NOT NULL,
    created_at       BIGINT NOT NULL,
    last_message_at  BIGINT NOT NULL,
    UNIQUE (customer_id, product_id)
);
CREATE INDEX message_conversations_customer ON message_conversations (customer_id, last_message_at, id);
CREATE INDEX message_conversations_seller ON message_conversations (seller_id, last_message_at, id);

-- A hidden message keeps its body for the audit; neither side is shown it again.
CREATE TABLE messages (
    id               TEXT PRIMARY KEY,
    conversation_id  TEXT NOT NULL REFERENCES message_conversations (id),
    author_id        TEXT NOT NULL,
    side             TEXT NOT NULL,          -- customer | seller
    body             TEXT NOT NULL,
    hidden_at        BIGINT,
    hidden_by        TEXT,
    created_at       BIGINT NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, created_at, id);

-- A report of a message to the admins; once per reporter and message.
CREATE TABLE message_reports (
    id           TEXT PRIMARY KEY,
    message_id   TEXT NOT NULL REFERENCES messages (id),
    reporter_id  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    status       TEXT NOT NULL,              -- open | hidden | dismissed
    created_at   BIGINT NOT NULL,
    decided_at   BIGINT,
    decided_by   TEXT,
    UNIQUE (message_id, reporter_id)
);
CREATE INDEX message_reports_status ON message_reports (status, created_at, id);
