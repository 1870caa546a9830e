package com.mintreu.plugins.paymentpaypal;

import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.web.WebRequest;
import com.mintreu.api.web.WebResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;

/**
 * {@code GET /plugins/payment-paypal/return}: where PayPal sends the buyer after approving, with
 * {@code token} = the PayPal order id. It captures the order (server to server, with a
 * {@code PayPal-Request-Id} derived from the order, so a reload, a second tab and a retry all get
 * the first capture) and then sends the buyer to the shop's own return page.
 *
 * <p>It never tells the engine anything: the capture's result reaches the order through PayPal's
 * {@code PAYMENT.CAPTURE.*} webhook, or through reconciliation ({@code fetch}); both carry the
 * provider's word, and the engine's inbox and conditional transition make them one state change.
 * The shop page to go back to travels in the URL, signed with a key derived from the engine's
 * master secret, so the route is no open redirect.
 */
final class ReturnRoute {

    static final String PATH = "return";
    private static final Pattern PAYPAL_ORDER_ID = Pattern.compile("[A-Z0-9]{1,36}");

    private final PayPalApi api;
    private final byte[] key;
    private final URI self;
    private final Logger log;

    /** @param self the route's absolute URL, {@code <baseUrl>/plugins/payment-paypal/return} */
    ReturnRoute(PayPalApi api, byte[] key, URI self, Logger log) {
        this.api = api;
        this.key = key.clone();
        this.self = self;
        this.log = log;
    }

    /** The return URL given to PayPal for one checkout: this route, carrying the signed shop page. */
    String urlFor(URI shopReturn) {
        String to = shopReturn.toString();
        return self + "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&sig=" + sign(to);
    }

    /** This route for an already approved order (the buyer can finish paying without PayPal's page). */
    URI urlFor(URI shopReturn, String paypalOrderId) {
        return URI.create(urlFor(shopReturn) + "&token=" + URLEncoder.encode(paypalOrderId, StandardCharsets.UTF_8));
    }

    /** PayPal-Request-Id of the capture of {@code paypalOrderId}: the same on every path and every retry. */
    static String captureRequestId(String paypalOrderId) {
        return "capture-" + paypalOrderId;
    }

    WebResponse handle(WebRequest request) {
        String to = request.queryParam("to").orElse("");
        String sig = request.queryParam("sig").orElse("");
        if (to.isEmpty() || !MessageDigest.isEqual(sign(to).getBytes(StandardCharsets.US_ASCII), sig.getBytes(StandardCharsets.US_ASCII))) {
            return page(400, "This link is not valid", "<p>Go back to the shop and open your order to see its state.</p>");
        }
        String token = request.queryParam("token").orElse("");
        if (!PAYPAL_ORDER_ID.matcher(token).matches()) {
            return WebResponse.redirect(to);
        }
        try {
            api.captureOrder(token, captureRequestId(token));
        } catch (PaymentGatewayException e) {
            if (e.reason() == PaymentGatewayException.Reason.TIMEOUT || e.reason() == PaymentGatewayException.Reason.UNAVAILABLE) {
                log.warn("PayPal capture of {} on return failed: {}", token, e.getMessage());
                String again = escape(self + "?" + query(to, sig, token));
                return page(502, "PayPal did not answer", "<p>Your payment is not finished yet. Nothing is charged twice: "
                        + "trying again is safe.</p><p><a href=\"" + again + "\">Try again</a> &middot; <a href=\"" + escape(to)
                        + "\">Back to the shop</a></p>");
            }
            // ORDER_ALREADY_CAPTURED, INSTRUMENT_DECLINED, ORDER_NOT_APPROVED...: the webhook or
            // reconciliation reports the real state; the shop's page shows the order as it stands
            log.info("PayPal capture of {} on return: {}", token, e.getMessage());
        }
        return WebResponse.redirect(to);
    }

    private String query(String to, String sig, String token) {
        return "to=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&sig=" + sig + "&token=" + token;
    }

    private String sign(String to) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(to.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static WebResponse page(int status, String title, String body) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title><link rel=\"stylesheet\" href=\"/static/css/site.css\"></head><body><main><h1>" + title + "</h1>"
                + body + "</main></body></html>";
        return WebResponse.html(html).withStatus(status).withHeader("Cache-Control", "no-store");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
