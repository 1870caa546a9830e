package com.mintreu.engine.help;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;

/** A knowledge base that is not running: help answers 503 with a stable code, product pages and suggestions go on without it. */
@WithConfig(bundledPlugins = true, value = "help: {knowledgeBase: not-installed-kb}\n")
class KnowledgeBaseAwayTest {

    @EngineTest
    void helpIsUnavailableButNothingElseBreaks(TestEngine e) {
        var admin = com.mintreu.engine.testing.TestUsers.signIn(e, "admin");
        var seller = com.mintreu.engine.testing.TestUsers.signIn(e, "seller");
        var item = com.mintreu.engine.entitlement.Purchases.publish(seller.client(), seller.id(), admin.client(), "download",
                "Away Pack " + e.kind(), Map.of("maxDownloads", "2"), "away.zip", new byte[] {1});

        assertThat(e.client().get("/help").status()).isEqualTo(503);
        Response api = e.client().get("/api/v1/help/articles?q=refund");
        assertThat(api.status()).isEqualTo(503);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.json().get("code").asText()).isEqualTo("KNOWLEDGE_BASE_UNAVAILABLE");
        assertThat(seller.client().postJson("/api/v1/help/articles", Map.of("productId", item.productId(), "title", "t", "body", "b")).status())
                .isEqualTo(503);

        String slug = admin.client().get("/api/v1/seller/products/" + item.productId()).json().get("product").get("slug").asText();
        Response product = e.client().get("/products/" + slug);
        assertThat(product.status()).isEqualTo(200);
        assertThat(product.html().select("section.faq summary")).isEmpty();
        assertThat(e.engine().component().helpSearch().search("refund", item.productId(), 5)).isEmpty();
    }
}
