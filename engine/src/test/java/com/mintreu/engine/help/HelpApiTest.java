package com.mintreu.engine.help;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON list of articles: every published one exactly once across pages; drafts and hidden products' articles never. */
@WithConfig(bundledPlugins = true)
class HelpApiTest {

    private static List<String> pageThrough(TestClient c, String path) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 50; pages++) {
            JsonNode page = c.get(path + "&limit=1" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))).json();
            page.get("data").forEach(a -> ids.add(a.get("id").asText()));
            if (page.get("nextCursor").isNull()) {
                return ids;
            }
            cursor = page.get("nextCursor").asText();
        }
        throw new AssertionError("the pages never end");
    }

    @EngineTest
    void everyPublishedArticleOnceAndNothingHidden(TestEngine e) {
        HelpFixture f = HelpFixture.of(e);
        TestClient admin = f.admin().client();
        TestClient seller = f.seller().client();
        String first = HelpFixture.article(admin, null, "First", "one");
        String own = HelpFixture.article(seller, f.product().productId(), "About the pack", "two");
        // a product taken off the shop hides its articles; a draft is hidden too
        String hiddenProduct = HelpFixture.article(f.otherSeller().client(), f.otherProduct().productId(), "About noise", "three");
        assertThat(f.otherSeller().client().post("/api/v1/seller/products/" + f.otherProduct().productId() + "/withdraw", null, "").status())
                .isEqualTo(200);
        Map<String, Object> draft = new java.util.HashMap<>(Map.of("title", "Draft", "body", "four", "published", false));
        assertThat(admin.postJson("/api/v1/help/articles", draft).status()).isEqualTo(201);
        String last = HelpFixture.article(admin, null, "Last", "five");

        TestClient customer = f.customer().client();
        assertThat(customer.get("/api/v1/help/articles/" + hiddenProduct).status()).isEqualTo(404);
        assertThat(pageThrough(customer, "/api/v1/help/articles?x=1")).containsExactly(first, own, last);
        assertThat(pageThrough(customer, "/api/v1/help/articles?product=" + f.product().productId())).containsExactly(own);

        // the seller's own list holds their drafts too, and nobody else's
        seller.putJson("/api/v1/help/articles/" + own, Map.of("productId", f.product().productId(), "title", "About the pack", "body", "two",
                "published", false));
        assertThat(pageThrough(seller, "/api/v1/seller/help/articles?x=1")).containsExactly(own);
        assertThat(pageThrough(customer, "/api/v1/help/articles?x=1")).doesNotContain(own);
        assertThat(customer.get("/api/v1/help/articles/" + own).status()).isEqualTo(404);
        assertThat(seller.get("/api/v1/help/articles/" + own).json().get("published").asBoolean()).isFalse();
    }
}
