package com.mintreu.engine.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mintreu.api.money.Money;

/**
 * The engine's one JSON mapper. Strict on input: unknown fields, trailing tokens and
 * nulls for primitives are errors a client hears about, not silently dropped data. Times are
 * RFC 3339 UTC strings ({@link Timestamps}).
 */
public final class Json {

    public static final ObjectMapper MAPPER = builder().addModule(Timestamps.module()).build();

    /**
     * Writes times as epoch milliseconds: only for the license client protocol, whose signed
     * answers have that format fixed (license/README-signatures.md) and parsed by deployed clients.
     */
    public static final ObjectMapper EPOCH_MILLIS = builder().build();

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // 2.5 days or quantities is a client bug, not 2: a fraction for an integer field is a 422 naming it
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addMixIn(Money.class, MoneyJson.class);
    }

    /** Money is {@code {minor, currency}} on the wire; its isZero/isNegative helpers are not fields. */
    private interface MoneyJson {
        @JsonIgnore
        boolean isZero();

        @JsonIgnore
        boolean isNegative();
    }

    static {
        // ALLOW_COERCION_OF_SCALARS does not stop 42 or true from becoming "42"/"true" in a String
        // field; a number where text belongs is the client's mistake, so say so.
        for (ObjectMapper m : new ObjectMapper[] {MAPPER, EPOCH_MILLIS}) {
            m.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64).maxStringLength(1_000_000).build());
        }
    }

    private Json() {}
}
