package com.mintreu.engine.help;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;
import org.jsoup.nodes.Document;

/** A seller's FAQ articles through the pages: write, see on the product page, edit, delete; wrong input and someone else's things. */
@WithConfig(bundledPlugins = true)
class SellerHelpPagesTest {

    private static Map<String, String> fields(String productId, String title, String body) {
        return Map.of("productId", productId, "categoryId", "", "title", title, "body", body, "published", "on");
    }

    private static String idFrom(Response redirect) {
        String location = redirect.header("Location");
        return location.substring(location.indexOf('#') + 1);
    }

    @EngineTest
    void aSellerWritesEditsAndDeletesAnArticleShownOnTheProductPage(TestEngine e) {
        HelpFixture f = HelpFixture.of(e);
        TestClient seller = f.seller().client();

        Response created = seller.submitForm("/seller/help/new", "form[action=/seller/help]",
                fields(f.product().productId(), "Which formats are in the pack?", "WAV and **FLAC**, 24 bit."));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        String id = idFrom(created);
        assertThat(id).startsWith("art_");

        Document list = seller.get("/seller/help?notice=saved").html();
        assertThat(list.select("tr#" + id).text()).contains("Which formats are in the pack?", "Sound Pack", "published");
        assertThat(list.select("[role=status]").text()).isEqualTo("The article was saved.");

        Document product = f.customer().client().get(f.page(f.product())).html();
        assertThat(product.select("section.faq summary").eachText()).containsExactly("Which formats are in the pack?");
        assertThat(product.select("section.faq .description strong").text()).isEqualTo("FLAC");
        assertThat(product.select("section.faq form[action=/help/search] input[name=product]").attr("value")).isEqualTo(f.product().productId());
        assertThat(f.customer().client().get(f.page(f.otherProduct())).html().select("section.faq summary")).isEmpty();

        Response edited = seller.submitForm("/seller/help/" + id, "form[action=/seller/help/" + id + "]",
                fields(f.product().productId(), "Which audio formats are in the pack?", "WAV and FLAC."));
        assertThat(edited.status()).as(edited.body()).isEqualTo(303);
        Document article = f.customer().client().get("/help/articles/" + id).html();
        assertThat(article.select("h1").text()).isEqualTo("Which audio formats are in the pack?");
        assertThat(article.select("a[href=" + f.page(f.product()) + "]").text()).startsWith("Sound Pack");

        // a draft is the seller's own: customers get a 404 and the product page leaves it out
        Response draft = seller.submitForm("/seller/help/" + id, "form[action=/seller/help/" + id + "]",
                Map.of("productId", f.product().productId(), "categoryId", "", "title", "Draft", "body", "Not yet."));
        assertThat(draft.status()).isEqualTo(303);
        assertThat(f.customer().client().get("/help/articles/" + id).status()).isEqualTo(404);
        assertThat(seller.get("/help/articles/" + id).status()).isEqualTo(200);
        assertThat(f.customer().client().get(f.page(f.product())).html().select("section.faq summary")).isEmpty();

        Response deleted = seller.submitForm("/seller/help/" + id, "form[action=/seller/help/" + id + "/delete]", Map.of());
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(seller.get("/help/articles/" + id).status()).isEqualTo(404);
        assertThat(seller.get("/seller/help").html().select("tr#" + id)).isEmpty();
    }

    @EngineTest
    void wrongInputIsShownOnTheFormWith422AndNothingIsSaved(TestEngine e) {
        HelpFixture f = HelpFixture.of(e);
        TestClient seller = f.seller().client();
        String productId = f.product().productId();

        Response noTitle = seller.submitForm("/seller/help/new", "form[action=/seller/help]", fields(productId, "  ", "An answer"));
        assertThat(noTitle.status()).isEqualTo(422);
        Document page = noTitle.html();
        assertThat(page.select("[role=alert]").text()).contains("Nothing was saved", "Question or title");
        assertThat(page.select("#title").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("#body").text()).isEqualTo("An answer"); // what was typed stays

        Response longTitle = seller.submitForm("/seller/help/new", "form[action=/seller/help]", fields(productId, "x".repeat(201), "An answer"));
        assertThat(longTitle.status()).isEqualTo(422);
        assertThat(longTitle.html().select(".field-error").text()).contains("1 to 200 characters");

        Response noBody = seller.submitForm("/seller/help/new", "form[action=/seller/help]", fields(productId, "A question", ""));
        assertThat(noBody.status()).isEqualTo(422);
        Response noProduct = seller.submitForm("/seller/help/new", "form[action=/seller/help]", fields("", "A question", "An answer"));
        assertThat(noProduct.status()).isEqualTo(422);
        assertThat(noProduct.html().select(".field-error").text()).contains("choose the product");
        Response badCategory = seller.submitForm("/seller/help/new", "form[action=/seller/help]",
                Map.of("productId", productId, "categoryId", "hcat_nope", "title", "A question", "body", "An answer"));
        assertThat(badCategory.status()).isEqualTo(422);

        // another seller's product or an unknown one: 404, as if it did not exist
        assertThat(seller.submitForm("/seller/help/new", "form[action=/seller/help]", fields(f.otherProduct().productId(), "Mine?", "No.")).status())
                .isEqualTo(404);
        assertThat(seller.submitForm("/seller/help/new", "form[action=/seller/help]", fields("prd_nothing", "Mine?", "No.")).status())
                .isEqualTo(404);
        assertThat(seller.get("/seller/help").html().select("table.help-articles tbody tr")).isEmpty();

        // another seller's article: 404 to read in the seller's pages, to change and to delete
        String theirs = HelpFixture.article(f.otherSeller().client(), f.otherProduct().productId(), "Noise levels", "Loud.");
        assertThat(seller.get("/seller/help/" + theirs).status()).isEqualTo(404);
        String csrf = seller.get("/seller/help/new").html().select("input[name=_csrf]").attr("value");
        assertThat(seller.postForm("/seller/help/" + theirs, Map.of("_csrf", csrf, "productId", productId, "title", "Taken", "body", "x"))
                .status()).isEqualTo(404);
        assertThat(seller.postForm("/seller/help/" + theirs + "/delete", Map.of("_csrf", csrf)).status()).isEqualTo(404);
        assertThat(f.customer().client().get("/help/articles/" + theirs).html().select("h1").text()).isEqualTo("Noise levels");
        // a form without the CSRF token changes nothing
        assertThat(seller.postForm("/seller/help", fields(productId, "No token", "x")).status()).isEqualTo(403);
        // customers have no seller pages
        assertThat(f.customer().client().get("/seller/help").status()).isEqualTo(403);
    }

    @EngineTest
    void scriptsInMarkdownAreEscapedAndDangerousLinksRemoved(TestEngine e) {
        HelpFixture f = HelpFixture.of(e);
        String id = HelpFixture.article(f.seller().client(), f.product().productId(), "<script>alert('title')</script>",
                "Hi <script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) [ok](https://example.com)");

        for (String path : new String[] {"/help/articles/" + id, f.page(f.product())}) {
            Response r = f.customer().client().get(path);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("<script>alert", "<img src=x", "javascript:alert", "onerror=alert");
            Document d = r.html();
            assertThat(d.select("script")).allSatisfy(s -> assertThat(s.attr("src")).startsWith("/static/"));
            assertThat(d.select("a[href=https://example.com]").attr("rel")).contains("nofollow");
        }
        assertThat(f.customer().client().get("/help/articles/" + id).html().select("h1").text()).isEqualTo("<script>alert('title')</script>");
    }
}
