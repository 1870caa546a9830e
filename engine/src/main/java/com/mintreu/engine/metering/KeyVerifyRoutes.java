package com.mintreu.engine.metering;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.inject.Inject;

/**
 * {@code POST /api/v1/keys/verify}: a seller's server asks whether an API key of one of their
 * products may make a call, and consumes its cost. Authenticated as the seller (an API token as
 * Bearer, or their session with a JSON body). Bad input is a 422 naming each field before anything
 * is looked up or counted; a malformed key is 422 {@code KEY_MALFORMED}; any well-formed key is
 * answered 200 with a code.
 */
final class KeyVerifyRoutes implements Routes {

    static final long MAX_COST = 1_000_000_000L;
    static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final KeyVerifier verifier;

    @Inject
    KeyVerifyRoutes(KeyVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/keys/verify", x -> {
            var seller = x.requireRole("seller");
            x.json(200, verifier.verify(seller, request(x.bodyJson(JsonNode.class))));
        }, x -> {
            // warm: a remembered token and key and the in-process meter answer on the IO thread
            var seller = x.rememberedCaller("seller").orElse(null);
            KeyVerifier.Answer answer = seller == null ? null : verifier.verifyFromMemory(seller, request(x.bodyJson(JsonNode.class)));
            if (answer == null) {
                return false;
            }
            x.json(200, answer);
            return true;
        });
    }

    /** The request, or a 422 listing every bad field. */
    static KeyVerifier.Request request(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid(List.of(new FieldError("", "the body must be a JSON object {key, cost, eventId}")));
        }
        for (var names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!List.of("key", "cost", "eventId").contains(name)) {
                throw new ApiException(CommonError.UNKNOWN_FIELD, "unknown field '" + name + "'; expected key, cost, eventId");
            }
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode key = body.get("key");
        if (key == null || !key.isTextual() || key.asText().isEmpty()) {
            errors.add(new FieldError("key", "required: the API key as a string"));
        }
        long cost = 1;
        JsonNode c = body.get("cost");
        if (c != null && !c.isNull()) {
            if (!c.isIntegralNumber() || !c.canConvertToLong() || c.asLong() < 0 || c.asLong() > MAX_COST) {
                errors.add(new FieldError("cost", "a whole number from 0 to " + MAX_COST + " (default 1)"));
            } else {
                cost = c.asLong();
            }
        }
        String eventId = null;
        JsonNode e = body.get("eventId");
        if (e != null && !e.isNull()) {
            if (!e.isTextual() || !EVENT_ID.matcher(e.asText()).matches()) {
                errors.add(new FieldError("eventId", "1 to 128 letters, digits, '.', '_', ':' or '-'"));
            } else {
                eventId = e.asText();
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new KeyVerifier.Request(key.asText(), cost, eventId);
    }
}
