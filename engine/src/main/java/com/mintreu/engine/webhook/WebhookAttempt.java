package com.mintreu.engine.webhook;

/** One try of a message, as the delivery log shows it: the HTTP status (null when no answer came), how long it took, what went wrong. */
record WebhookAttempt(String id, String messageId, long attemptedAt, Integer statusCode, long durationMs, String error) {}
