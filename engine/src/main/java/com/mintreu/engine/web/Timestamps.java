package com.mintreu.engine.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The one timestamp format on the wire: RFC 3339 UTC with milliseconds
 * ({@code 2026-12-04T10:15:25.123Z}). The database keeps epoch milliseconds (DESIGN.md), so a
 * record property named {@code ...At} (or {@code at}) holding a {@code long}/{@code Long} is such a time and is
 * written as that string, as is every {@link Instant}. A property that must stay a number (the
 * license client's signed answers, whose format is fixed in license/README-signatures.md) says so
 * with {@code @JsonFormat(shape = NUMBER)}.
 */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private Timestamps() {}

    /** Epoch milliseconds as the wire's string. */
    public static String iso(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }

    /** The same for a nullable time; null stays null. */
    public static String iso(Long epochMillis) {
        return epochMillis == null ? null : iso(epochMillis.longValue());
    }

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("mintreu-timestamps");
        m.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(FORMAT.format(value.truncatedTo(ChronoUnit.MILLIS)));
            }
        });
        m.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean, List<BeanPropertyWriter> props) {
                for (BeanPropertyWriter p : props) {
                    Class<?> type = p.getType().getRawClass();
                    boolean millis = type == long.class || type == Long.class;
                    JsonFormat format = p.getAnnotation(JsonFormat.class);
                    if (millis && (p.getName().endsWith("At") || p.getName().equals("at")) && (format == null || format.shape() != JsonFormat.Shape.NUMBER)) {
                        p.assignSerializer(MILLIS);
                    }
                }
                return props;
            }
        });
        return m;
    }

    private static final JsonSerializer<Object> MILLIS = new JsonSerializer<>() {
        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(iso(((Number) value).longValue()));
        }
    };
}
