package com.mintreu.plugins.payoutstripeconnect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRejectedException.Reason;
import com.mintreu.api.payout.PayeeStatus;
import com.mintreu.api.payout.PayoutEvent;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a verified Stripe event into {@link PayoutEvent}s. Read with Jackson from the raw JSON, so
 * the fields used do not depend on stripe-java's API version:
 * <ul>
 *   <li>{@code account.updated} → {@link PayoutEvent.PayeeUpdated} for an account this plugin created
 *       (found by its id in the plugin's table; any other account is not ours and is ignored);</li>
 *   <li>{@code transfer.reversed} → {@link PayoutEvent.PayoutReversed} with the transfer's
 *       {@code amount_reversed} (the total so far) and the payout id from its metadata or
 *       {@code transfer_group};</li>
 *   <li>everything else ({@code transfer.created}, {@code transfer.updated}, ...) → nothing: the
 *       engine already knows the transfer from the answer to its own call.</li>
 * </ul>
 */
final class ConnectEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectEvents() {}

    static List<PayoutEvent> parse(byte[] body, Function<String, Optional<String>> payeeOfAccount) throws WebhookRejectedException {
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (IOException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, "signed body is not JSON");
        }
        String id = event == null ? null : event.path("id").asText(null);
        JsonNode object = event == null ? null : event.path("data").path("object");
        if (id == null || !"event".equals(event.path("object").asText()) || object == null || !object.isObject()) {
            throw new WebhookRejectedException(Reason.MALFORMED, "signed body is not a Stripe event");
        }
        return switch (event.path("type").asText()) {
            case "account.updated" -> payeeOfAccount.apply(object.path("id").asText("")).<List<PayoutEvent>>map(payee ->
                    List.of(new PayoutEvent.PayeeUpdated(id, new PayeeStatus(payee, object.path("id").asText(),
                            object.path("details_submitted").asBoolean(false), object.path("payouts_enabled").asBoolean(false)))))
                    .orElse(List.of());
            case "transfer.reversed" -> reversed(id, object);
            default -> List.of();
        };
    }

    private static List<PayoutEvent> reversed(String eventId, JsonNode transfer) throws WebhookRejectedException {
        String payoutId = transfer.path("metadata").path("payout_id").asText(null);
        if (payoutId == null) {
            payoutId = transfer.path("transfer_group").asText(null);
        }
        if (payoutId == null || !payoutId.startsWith("pay_")) {
            return List.of(); // a transfer the shop made by hand, not a payout
        }
        String currency = transfer.path("currency").asText("");
        long reversed = transfer.path("amount_reversed").asLong(-1);
        if (currency.length() != 3 || reversed <= 0) {
            throw new WebhookRejectedException(Reason.MALFORMED, "transfer.reversed " + eventId + " has no amount_reversed or currency");
        }
        return List.of(new PayoutEvent.PayoutReversed(eventId, payoutId, transfer.path("id").asText(null),
                Money.of(reversed, currency.toUpperCase(Locale.ROOT))));
    }
}
