package com.mintreu.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;

/** The seller's product form through the pages: bad input is shown next to what was typed, never lost. */
@WithConfig(bundledPlugins = true)
class SellerPagesTest {

    @EngineTest
    void aRejectedFormKeepsWhatTheSellerTyped(TestEngine e) {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        Response bad = seller.submitForm("/seller/products/new", "form[action='/seller/products']", Map.of(
                "title", "x".repeat(300), "description", "My *long* notes that must survive", "type", "download", "tags", "one, two"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.html().select(".notice.error").text()).contains("title");
        assertThat(bad.html().select("#description").text()).isEqualTo("My *long* notes that must survive");
        assertThat(bad.html().select("#tags").attr("value")).isEqualTo("one, two");

        Response good = seller.submitForm("/seller/products/new", "form[action='/seller/products']", Map.of(
                "title", "Good Title", "description", "fine", "type", "download"));
        assertThat(good.status()).isEqualTo(303);
        assertThat(good.header("Location")).startsWith("/seller/products/prd_");
        Response page = seller.get(good.header("Location"));
        assertThat(page.html().select("h1").text()).contains("Good Title");

        assertThat(TestUsers.signIn(e, "customer").client().get("/seller/products/new").status()).isEqualTo(403);
        assertThat(TestUsers.signIn(e, "seller").client().get(good.header("Location")).status()).as("another seller").isEqualTo(404);
    }
}
