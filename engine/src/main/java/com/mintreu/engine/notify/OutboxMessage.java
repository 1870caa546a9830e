package com.mintreu.engine.notify;

import com.fasterxml.jackson.databind.JsonNode;

/** One row of the outbox handed to its consumer; {@code attempt} counts from 1. */
public record OutboxMessage(String id, String topic, JsonNode payload, int attempt) {}
