package com.mintreu.engine.notify;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.mintreu.api.event.DomainEvent;
import com.mintreu.engine.web.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Domain events as outbox payloads: the record's JSON, instants as epoch milliseconds, the topic
 * being the event's {@code TYPE}. Reading trusts the outbox row for the event id and the time
 * (rows written before typed events carried neither), and ignores fields it does not know (a row
 * written by a newer node).
 */
final class EventCodec {

    private static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("epoch-millis")
                    .addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                        @Override
                        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                            gen.writeNumber(value.toEpochMilli());
                        }
                    })
                    .addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                            return Instant.ofEpochMilli(p.getLongValue());
                        }
                    }));

    /** Every event type by its topic, from the sealed interface: a new record is known without editing this. */
    private static final Map<String, Class<? extends DomainEvent>> TYPES = Arrays.stream(DomainEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(EventCodec::typeName, c -> c.asSubclass(DomainEvent.class)));

    private EventCodec() {}

    /** The topic of events of {@code type}: its {@code TYPE} constant. */
    static String typeName(Class<?> type) {
        try {
            return (String) type.getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " has no public static TYPE", e);
        }
    }

    static boolean isEventTopic(String topic) {
        return TYPES.containsKey(topic);
    }

    static String encode(DomainEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (IOException e) {
            throw new IllegalArgumentException("event " + event.type() + " is not serializable", e);
        }
    }

    /** The event of an outbox row; empty when the topic is no event type. */
    static Optional<DomainEvent> decode(String eventId, String topic, String payload, long createdAt) throws IOException {
        Class<? extends DomainEvent> type = TYPES.get(topic);
        if (type == null) {
            return Optional.empty();
        }
        ObjectNode tree = (ObjectNode) MAPPER.readTree(payload);
        tree.put("eventId", eventId);
        tree.put("occurredAt", createdAt);
        return Optional.of(MAPPER.treeToValue(tree, type));
    }
}
