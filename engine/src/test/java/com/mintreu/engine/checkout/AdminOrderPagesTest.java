package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.signedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The admin's order pages: every order with its customer's email, a status filter, and one order's lines, payments and history. */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class AdminOrderPagesTest {

    record Placed(TestUsers.User customer, String orderId, String reference) {}

    static Placed place(TestEngine e, long price) {
        String plan = publishedPlan(e, price);
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        JsonNode placed = checkout(customer.client(), plan, null, Map.of()).json();
        return new Placed(customer, placed.get("orderId").asText(), placed.get("paymentUrl").asText().replaceAll(".*/checkout/", ""));
    }

    static Response webhook(TestEngine e, String eventId, Placed p, long amount) {
        Map<String, String> event = signedEvent(eventId, "payment.succeeded", p.reference(), p.orderId(), amount, Instant.ofEpochMilli(e.clock().millis()));
        return e.client().post("/api/v1/webhooks/payment-sandbox", "application/json", event.get("body"),
                Map.of("Mintreu-Sandbox-Signature", event.get("signature")));
    }

    static Map<String, String> hidden(Element form) {
        Map<String, String> f = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> f.put(i.attr("name"), i.attr("value")));
        return f;
    }

    @EngineTest
    void adminsSeeEveryOrderWithEmailsAndDecideAHeldOneOnItsPage(TestEngine e) {
        Placed pending = place(e, 1200);
        Placed held = place(e, 4000);
        assertThat(webhook(e, "evt_admin_cheap_" + e.kind(), held, 400).status()).isEqualTo(200);
        String heldEmail = held.customer().id() + "@example.test";

        TestClient admin = TestUsers.signIn(e, "admin").client();
        Document all = admin.get("/admin/orders").html();
        assertThat(all.select("main nav strong").text()).as("opens on every order").isEqualTo("All");
        assertThat(all.select("table.orders tbody th a").eachText()).contains(pending.orderId(), held.orderId());
        assertThat(all.select("table.orders td.customer").eachText()).contains(heldEmail, pending.customer().id() + "@example.test")
                .allMatch(c -> c.contains("@"));
        assertThat(all.select("table.orders .state").eachText()).contains("Pending", "Held").noneMatch(s -> s.equals(s.toLowerCase()));

        Document onlyHeld = admin.get("/admin/orders?status=held").html();
        assertThat(onlyHeld.select("table.orders tbody th a").eachText()).contains(held.orderId()).doesNotContain(pending.orderId());
        assertThat(admin.get("/admin/orders?status=nonsense").status()).isEqualTo(200);

        String page = "/admin/orders/" + held.orderId();
        Document d = admin.get(page).html();
        assertThat(d.select("dl.facts .customer").text()).isEqualTo(heldEmail);
        assertThat(d.select("dl.facts .state").text()).isEqualTo("Held");
        assertThat(d.select("dl.facts").text()).contains("paid 4.00 EUR but the order total is 40.00 EUR");
        assertThat(d.select("#lines ~ table tbody tr")).hasSize(1);
        assertThat(d.select("#lines ~ table tfoot").text()).contains("40.00 EUR");
        assertThat(d.select("table.payments tbody tr").text()).contains("payment-sandbox", "4.00 EUR", "evt_admin_cheap_" + e.kind());
        assertThat(d.select("ol.events li").text()).contains("Pending → Held");

        Element release = d.selectFirst("form[action=" + page + "/release]");
        Response released = admin.postForm(release.attr("action"), hidden(release));
        assertThat(released.status()).isEqualTo(303);
        assertThat(released.header("Location")).isEqualTo(page + "?notice=released");
        Document after = admin.get(released.header("Location")).html();
        assertThat(after.select(".notice.ok").text()).startsWith("The order was released");
        assertThat(after.select("dl.facts .state").text()).isEqualTo("Paid");
        assertThat(after.select("form[action$=/release]")).as("nothing left to decide").isEmpty();

        assertThat(admin.get("/admin/orders/ord_missing").status()).isEqualTo(404);
        assertThat(held.customer().client().get(page).status()).isEqualTo(403);
        assertThat(held.customer().client().get("/admin/orders").status()).isEqualTo(403);
        assertThat(e.client().get(page).status()).as("anonymous: to the login page").isEqualTo(303);
    }
}
