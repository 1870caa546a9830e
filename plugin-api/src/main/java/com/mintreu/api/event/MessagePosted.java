package com.mintreu.api.event;

import java.time.Instant;

/**
 * A customer or a seller wrote a message in a pre-sale conversation about a product (the first
 * question or any reply). Carries ids only: the text stays in the engine, where an admin can hide it.
 *
 * @param eventId        see {@link DomainEvent#eventId()}
 * @param occurredAt     see {@link DomainEvent#occurredAt()}
 * @param conversationId the conversation ({@code cnv_...}), one per customer and product
 * @param messageId      the new message ({@code cmsg_...})
 * @param productId      the product asked about
 * @param customerId     the customer who started the conversation
 * @param sellerId       the product's seller
 * @param from           who wrote it: {@code customer} or {@code seller}
 */
public record MessagePosted(String eventId, Instant occurredAt, String conversationId, String messageId, String productId, String customerId,
        String sellerId, String from) implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "message.posted";

    @Override
    public String type() {
        return TYPE;
    }
}
