package com.mintreu.engine.message;

/**
 * One message of a conversation. A message an admin hid keeps its body (for the audit) but
 * {@link #shownBody()} is null for both sides.
 */
public record Message(String id, String conversationId, String authorId, Side side, String body, Long hiddenAt, long createdAt) {

    public boolean hidden() {
        return hiddenAt != null;
    }

    /** What the two sides see: the body, or null once hidden. */
    public String shownBody() {
        return hidden() ? null : body;
    }
}
