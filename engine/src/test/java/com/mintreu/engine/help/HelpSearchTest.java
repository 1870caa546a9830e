package com.mintreu.engine.help;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;

/** Search over help articles on both databases: ranking, scope by product, odd input, the HelpSearch binding. */
@WithConfig(bundledPlugins = true)
class HelpSearchTest {

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @EngineTest
    void searchRanksTheArticleThatAnswersFirst(TestEngine e) {
        HelpFixture f = HelpFixture.of(e);
        TestClient admin = f.admin().client();
        HelpFixture.article(admin, null, "Paying with a card", "We take cards and bank transfers. A refund goes back to the card you paid with.");
        String refunds = HelpFixture.article(admin, null, "How do I get a refund?",
                "Open the order and ask for a refund within 14 days. Refunds reach you in 5 to 10 days.");
        HelpFixture.article(admin, null, "Where are my license keys?", "Your keys are under Orders, next to each product.");

        Response api = f.customer().client().get("/api/v1/help/articles?q=" + q("refund"));
        assertThat(api.status()).as(api.body()).isEqualTo(200);
        JsonNode hits = api.json().get("data");
        assertThat(hits.size()).isEqualTo(2);
        assertThat(hits.get(0).get("id").asText()).isEqualTo(refunds);
        assertThat(hits.get(0).get("excerpt").asText()).containsIgnoringCase("refund");
        assertThat(hits.get(0).get("score").asDouble()).isGreaterThan(hits.get(1).get("score").asDouble());

        Document page = f.customer().client().get("/help/search?q=" + q("How do I get my money back? refund")).html();
        assertThat(page.select("ol.help-results h3 a").first().attr("href")).isEqualTo("/help/articles/" + refunds);
        assertThat(page.select("ol.help-results p").eachText()).anySatisfy(t -> assertThat(t).contains("within 14 days"));

        // prefixes and case: "LICENSE" finds "license keys"; a word in no article finds nothing
        assertThat(f.customer().client().get("/api/v1/help/articles?q=LICEN").json().get("data").get(0).get("title").asText())
                .isEqualTo("Where are my license keys?");
        assertThat(f.customer().client().get("/api/v1/help/articles?q=zeppelin").json().get("data")).isEmpty();
        assertThat(f.customer().client().get("/help/search?q=zeppelin").html().text()).contains("No article matches");
    }

    @EngineTest
    void helpSearchFindsTheProductsAndTheShopWideArticlesButNoOtherProducts(TestEngine e) {
        HelpFixture f = HelpFixture.of(e);
        String global = HelpFixture.article(f.admin().client(), null, "Downloads stopped", "A download link expires after a day: open the order again.");
        String own = HelpFixture.article(f.seller().client(), f.product().productId(), "Sound Pack download is slow",
                "The pack is 2 GB: the download takes a while.");
        String other = HelpFixture.article(f.otherSeller().client(), f.otherProduct().productId(), "Noise Pack download", "Download it twice.");

        HelpSearch search = e.engine().component().helpSearch();
        List<HelpSearch.Hit> forProduct = search.search("my download does not work", f.product().productId(), 10);
        assertThat(forProduct).extracting(HelpSearch.Hit::url).containsExactlyInAnyOrder("/help/articles/" + global, "/help/articles/" + own);
        assertThat(forProduct).allSatisfy(h -> {
            assertThat(h.excerpt()).isNotBlank().hasSizeLessThanOrEqualTo(300);
            assertThat(h.score()).isPositive();
        });
        assertThat(search.search("download", null, 10)).extracting(HelpSearch.Hit::url).containsExactly("/help/articles/" + global);
        assertThat(search.search("download", f.otherProduct().productId(), 10)).extracting(HelpSearch.Hit::url)
                .containsExactlyInAnyOrder("/help/articles/" + global, "/help/articles/" + other);
        assertThat(search.search("download", null, 1)).hasSize(1);
        assertThat(search.search("download", "prd_unknown", 10)).extracting(HelpSearch.Hit::url).containsExactly("/help/articles/" + global);

        // the page search scoped to a product, as the product page's FAQ form asks
        Document page = f.customer().client().get("/help/search?product=" + f.product().productId() + "&q=download").html();
        assertThat(page.select("ol.help-results h3 a").eachAttr("href")).containsExactlyInAnyOrder("/help/articles/" + global, "/help/articles/" + own);
        // the suggestions the ticket form's script asks for
        JsonNode suggest = f.customer().client().get("/help/suggest?q=download&product=" + f.product().productId()).json();
        assertThat(suggest.get("data").findValuesAsText("url")).containsExactlyInAnyOrder("/help/articles/" + global, "/help/articles/" + own);
    }

    @EngineTest
    void oddInputNeverFailsAndIsNeverQuerySyntax(TestEngine e) {
        HelpFixture f = HelpFixture.of(e);
        String id = HelpFixture.article(f.admin().client(), null, "Café au lait and Ünïcode", "日本語 のテキスト and AND OR NOT near quotes");
        HelpSearch search = e.engine().component().helpSearch();
        TestClient c = f.customer().client();
        List<String> odd = List.of("\"", "\"\"\"", "*", "**", "AND", "OR", "NOT", "-", "--", "- café", "NEAR(a b)", "a:b", "title:café", "(", ")",
                "^", "'", "\\", "%", "_", "' OR 1=1 --", "\"; DROP TABLE helpdesk_builtin_articles; --", "{}", "[", "!", "&", "|", ":*",
                "café*", "\u0000", "\uD83D\uDE00", "x".repeat(5000), "word ".repeat(400), "   ", "");
        for (String text : odd) {
            String encoded = q(text.replace("\u0000", ""));
            assertThat(c.get("/help/search?q=" + encoded).status()).as(text).isEqualTo(200);
            assertThat(c.get("/api/v1/help/articles?q=" + encoded).status()).as(text).isEqualTo(200);
            assertThat(c.get("/help/suggest?q=" + encoded).status()).as(text).isEqualTo(200);
            assertThat(search.search(text, f.product().productId(), 5)).as(text).isNotNull();
        }
        // random text from all of the Basic Multilingual Plane up to CJK (seeded, so a failure repeats): never an error answer
        java.util.Random random = new java.util.Random(4_12_2026);
        for (int i = 0; i < 150; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(12); j >= 0; j--) {
                int cp = random.nextInt(0xA000);
                if (cp > 0x20 && !Character.isSurrogate((char) cp)) {
                    text.appendCodePoint(cp);
                }
                if (random.nextInt(3) == 0) {
                    text.append(' ');
                }
            }
            assertThat(c.get("/api/v1/help/articles?q=" + q(text.toString())).status()).as(text.toString()).isEqualTo(200);
        }
        // operators are plain words: AND finds the article that has the word "and"; unicode words match
        assertThat(search.search("AND", null, 5)).extracting(HelpSearch.Hit::url).containsExactly("/help/articles/" + id);
        assertThat(search.search("café", null, 5)).extracting(HelpSearch.Hit::url).containsExactly("/help/articles/" + id);
        assertThat(search.search("ünïcode", null, 5)).extracting(HelpSearch.Hit::url).containsExactly("/help/articles/" + id);
        assertThat(search.search("\"near\" -quotes", null, 5)).extracting(HelpSearch.Hit::url).containsExactly("/help/articles/" + id);
        long rows = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM helpdesk_builtin_articles").mapTo(Long.class).one());
        assertThat(rows).as("the table is still there, with its one article").isEqualTo(1L);
    }

    @EngineTest
    void theAdminWritesShopWideArticlesAndCategoriesShownOnHelp(TestEngine e) {
        HelpFixture f = HelpFixture.of(e);
        TestClient admin = f.admin().client();

        Response emptyName = admin.submitForm("/admin/help", "form[action=/admin/help/categories]", Map.of("name", " ", "position", "1"));
        assertThat(emptyName.status()).isEqualTo(422);
        assertThat(emptyName.html().select("[role=alert]").text()).contains("Name");
        Response badPosition = admin.submitForm("/admin/help", "form[action=/admin/help/categories]", Map.of("name", "Payments", "position", "first"));
        assertThat(badPosition.status()).isEqualTo(422);
        assertThat(badPosition.html().select("#cat-name").attr("value")).isEqualTo("Payments");
        assertThat(admin.submitForm("/admin/help", "form[action=/admin/help/categories]", Map.of("name", "Payments", "position", "1")).status())
                .isEqualTo(303);
        assertThat(admin.submitForm("/admin/help", "form[action=/admin/help/categories]", Map.of("name", "Account", "position", "0")).status())
                .isEqualTo(303);
        String payments = admin.get("/api/v1/help/categories").json().get("data").findValuesAsText("name").get(1);
        assertThat(payments).isEqualTo("Payments");
        String paymentsId = admin.get("/api/v1/help/categories").json().get("data").get(1).get("id").asText();

        Response created = admin.submitForm("/admin/help/new", "form[action=/admin/help]",
                Map.of("categoryId", paymentsId, "title", "Which cards do you take?", "body", "Visa and Mastercard.", "published", "on"));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        Document help = f.customer().client().get("/help").html();
        assertThat(help.select("section h2").eachText()).containsExactly("Payments");
        assertThat(help.select("section a").text()).isEqualTo("Which cards do you take?");
        assertThat(help.select("html").attr("lang")).isEqualTo("en");
        assertThat(help.select("h1")).hasSize(1);
        assertThat(help.select("label[for=help-q]")).hasSize(1);

        // a seller may not write shop-wide articles, nor reach the admin's pages
        assertThat(f.seller().client().postJson("/api/v1/help/articles", Map.of("title", "Mine", "body", "x")).status()).isEqualTo(403);
        assertThat(f.seller().client().get("/admin/help").status()).isEqualTo(403);

        // deleting the category keeps its article, without a category
        assertThat(admin.submitForm("/admin/help", "form[action=/admin/help/categories/" + paymentsId + "/delete]", Map.of()).status()).isEqualTo(303);
        assertThat(f.customer().client().get("/help").html().select("section a").text()).isEqualTo("Which cards do you take?");
    }

    @EngineTest
    void helpStaysReadableWhileSupportIsSwitchedOff(TestEngine e) {
        HelpFixture f = HelpFixture.of(e);
        String id = HelpFixture.article(f.admin().client(), null, "Refunds", "Ask within 14 days.");
        assertThat(f.admin().client().putJson("/api/v1/admin/switches/support", Map.of("engaged", true, "reason", "test")).status()).isEqualTo(200);
        assertThat(f.customer().client().get("/help").status()).isEqualTo(200);
        assertThat(f.customer().client().get("/help/articles/" + id).status()).isEqualTo(200);
        assertThat(e.engine().component().helpSearch().search("refunds", null, 5)).hasSize(1);
    }
}
