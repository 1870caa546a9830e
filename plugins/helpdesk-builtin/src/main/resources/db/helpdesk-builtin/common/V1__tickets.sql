-- Support tickets of helpdesk-builtin. The engine decides rights and makes the ids; these tables
-- only keep what was written. Times are epoch milliseconds of the engine clock. Booleans are
-- 0/1 integers so the same SQL runs on SQLite and PostgreSQL.
CREATE TABLE helpdesk_builtin_tickets (
    id                VARCHAR(40)  NOT NULL PRIMARY KEY,
    customer_id       VARCHAR(40)  NOT NULL,
    seller_id         VARCHAR(40),              -- null: no product, the ticket goes to the admins
    assignee_id       VARCHAR(40),
    link_kind         VARCHAR(16),              -- order | license | product, or null
    link_id           VARCHAR(40),
    product_id        VARCHAR(40),
    subject           VARCHAR(400) NOT NULL,
    status            VARCHAR(32)  NOT NULL,
    priority          VARCHAR(16)  NOT NULL,
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    first_response_at BIGINT,
    solved_at         BIGINT,
    closed_at         BIGINT
);
CREATE INDEX helpdesk_builtin_tickets_customer ON helpdesk_builtin_tickets (customer_id, id);
CREATE INDEX helpdesk_builtin_tickets_seller ON helpdesk_builtin_tickets (seller_id, id);

CREATE TABLE helpdesk_builtin_messages (
    id          VARCHAR(40) NOT NULL PRIMARY KEY,
    ticket_id   VARCHAR(40) NOT NULL REFERENCES helpdesk_builtin_tickets (id),
    author_id   VARCHAR(40) NOT NULL,
    side        VARCHAR(16) NOT NULL,
    internal    INTEGER     NOT NULL,
    body        TEXT        NOT NULL,
    created_at  BIGINT      NOT NULL
);
CREATE INDEX helpdesk_builtin_messages_ticket ON helpdesk_builtin_messages (ticket_id, created_at);

CREATE TABLE helpdesk_builtin_attachments (
    id           VARCHAR(40)  NOT NULL PRIMARY KEY,
    message_id   VARCHAR(40)  NOT NULL REFERENCES helpdesk_builtin_messages (id),
    position     INTEGER      NOT NULL,
    file_name    VARCHAR(255) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size         BIGINT       NOT NULL,
    storage_key  VARCHAR(512) NOT NULL
);
CREATE INDEX helpdesk_builtin_attachments_message ON helpdesk_builtin_attachments (message_id);
