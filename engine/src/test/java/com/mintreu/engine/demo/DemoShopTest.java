package com.mintreu.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code mintreu demo}'s seed: the users and products a newcomer sees, made once. */
class DemoShopTest {

    @Test
    void seedsOnceWithPublishedProductsAndWorkingLogins() throws Exception {
        Path plugins = BundledTestPlugins.writeTo(Files.createTempDirectory("demo-plugins-"));
        for (String kind : TestDatabase.kinds()) {
            try (TestEngine e = TestEngine.boot(kind, "engine: {pluginsDir: '" + plugins + "'}\n")) {
                assertThat(e.engine().component().demoShop().seed()).as(kind)
                        .containsExactly("pixel-icon-pack", "focus-timer-pro", "starter-wallpapers", "cloud-notes-sync");
                assertThat(e.engine().component().demoShop().seed()).as("a second run adds nothing").isEmpty();

                JsonNode listing = e.client().get("/api/v1/products?sort=newest").json().get("data");
                assertThat(listing.findValuesAsText("slug")).containsExactlyInAnyOrder("pixel-icon-pack", "focus-timer-pro", "starter-wallpapers",
                        "cloud-notes-sync");
                assertThat(e.client().get("/").html().select(".product-card img")).hasSize(4);
                assertThat(e.client().get("/products/cloud-notes-sync").html().select(".plan .price").eachText()).as("a monthly plan with a trial, a yearly plan")
                        .containsExactlyInAnyOrder("9.00 EUR / month, 14-day free trial (card required)", "90.00 EUR / year");
                JsonNode plans = e.client().get("/api/v1/products/cloud-notes-sync").json().findValue("plans");
                assertThat(plans.findValuesAsText("interval")).containsExactlyInAnyOrder("month", "year");
                assertThat(e.client().get("/media/" + listing.get(0).get("imageId").asText()).header("Content-Type")).isEqualTo("image/png");

                // the FAQ: shop-wide articles under their categories, and each product's own on its page
                var help = e.client().get("/help").html();
                assertThat(help.select("section h2").eachText()).containsExactly("Payments and refunds", "Licenses and downloads", "For developers");
                assertThat(help.select("section li a").eachText()).contains("How do I get a refund?", "Where are my license keys?",
                        "My download link does not work", "How do I use my API key?");
                assertThat(e.client().get("/products/focus-timer-pro").html().select("section.faq summary").eachText())
                        .containsExactlyInAnyOrder("How do I activate Focus Timer Pro?", "Can I move my license to a new computer?");
                assertThat(e.engine().component().helpSearch().search("refund my order", null, 3).getFirst().title()).isEqualTo("How do I get a refund?");
                assertThat(e.client().get("/api/v1/help/articles?limit=200").json().get("data").size()).as("seeded once").isEqualTo(10);

                for (DemoShop.Login login : DemoShop.LOGINS) {
                    TestClient c = e.client();
                    assertThat(c.postJson("/api/v1/auth/login", Map.of("email", login.email(), "password", login.password())).status())
                            .as(login.role()).isEqualTo(200);
                    assertThat(c.get("/api/v1/auth/me").json().toString()).contains(login.role().equals("customer") ? "customer" : login.role());
                    if (login.role().equals("affiliate")) {
                        assertThat(c.get("/api/v1/affiliate").json().get("code").asText()).as("a member of the program").matches("[a-z0-9]{10}");
                    }
                    if (login.role().equals("customer")) {
                        // the answered demo ticket, once, with the seller's answer
                        var tickets = c.get("/api/v1/tickets").json().get("data");
                        assertThat(tickets.size()).isEqualTo(1);
                        assertThat(tickets.get(0).get("subject").asText()).isEqualTo(DemoSupport.SUBJECT);
                        assertThat(tickets.get(0).get("status").asText()).isEqualTo("waiting_on_customer");
                        String page = c.get("/account/tickets/" + tickets.get(0).get("id").asText()).body();
                        assertThat(page).contains("one personal license covers all your own devices");
                    }
                    if (login.role().equals("seller")) {
                        assertThat(c.get("/seller/support").html().select("main table a").eachText()).contains(DemoSupport.SUBJECT);
                    }
                }
            }
        }
    }
}
