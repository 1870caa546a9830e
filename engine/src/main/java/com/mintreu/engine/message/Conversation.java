package com.mintreu.engine.message;

import java.util.Optional;

/**
 * A customer's questions to the seller of one product and the answers: one per customer and product.
 * {@code lastFrom} is who wrote last (a conversation whose customer wrote last is unanswered);
 * each side has an unread marker, set by the other side's message and cleared when it opens the thread.
 */
public record Conversation(String id, String productId, String productTitle, String customerId, String customerName, String sellerId,
        String subject, Side lastFrom, boolean customerUnread, boolean sellerUnread, long createdAt, long lastMessageAt) {

    /** A product a seller was asked about, for the inbox's filter. */
    public record Product(String id, String title) {}

    /** The side {@code userId} is on, or empty when it is not one of the two parties. */
    public Optional<Side> sideOf(String userId) {
        if (customerId.equals(userId)) {
            return Optional.of(Side.CUSTOMER);
        }
        if (sellerId.equals(userId)) {
            return Optional.of(Side.SELLER);
        }
        return Optional.empty();
    }

    public boolean unreadFor(Side side) {
        return side == Side.CUSTOMER ? customerUnread : sellerUnread;
    }

    /** The customer wrote last and the seller has not answered yet. */
    public boolean unanswered() {
        return lastFrom == Side.CUSTOMER;
    }
}
