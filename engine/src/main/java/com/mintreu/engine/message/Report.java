package com.mintreu.engine.message;

/**
 * A report of a message to the admins. {@code status}: {@code open} until an admin hides the
 * message ({@code hidden}, which closes every open report of it) or dismisses the report ({@code dismissed}).
 */
public record Report(String id, String messageId, String reporterId, String reason, String status, long createdAt) {

    /** An open report as the admin's list shows it: the report, the reported message and its conversation. */
    public record Open(Report report, Message message, Conversation conversation) {}
}
