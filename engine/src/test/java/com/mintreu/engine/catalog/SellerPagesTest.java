package com.mintreu.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The seller's and the admin's catalog pages as a browser uses them: every form sent with all its
 * fields, a form that is not accepted comes back with what was typed and a message beside the field
 * in the seller's words, an accepted one redirects with a notice.
 */
@WithConfig(value = "catalog: {maxUploadBytes: 4096, maxImageBytes: 2048}", bundledPlugins = true)
class SellerPagesTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0};

    /** What a browser sends of {@code form}: its inputs, the selected options and the textareas. */
    static Map<String, String> fields(Element form) {
        Map<String, String> f = new LinkedHashMap<>();
        form.select("input[name]:not([type=file])").forEach(i -> f.put(i.attr("name"), i.attr("value")));
        for (Element s : form.select("select[name]")) {
            Element chosen = s.selectFirst("option[selected]");
            f.put(s.attr("name"), (chosen == null ? s.selectFirst("option") : chosen).attr("value"));
        }
        form.select("textarea[name]").forEach(t -> f.put(t.attr("name"), t.wholeText()));
        return f;
    }

    /** Sends the form {@code selector} of the page at {@code path} with every field a browser would send, changed by {@code changes}. */
    static Response send(TestClient c, String path, String selector, Map<String, String> changes) {
        Element form = c.get(path).html().selectFirst(selector);
        assertThat(form).as(selector + " on " + path).isNotNull();
        Map<String, String> f = fields(form);
        f.putAll(changes);
        return c.postForm(form.attr("action"), f);
    }

    /** A multipart upload of the page's form {@code selector}, as a browser sends it. */
    static Response upload(TestClient c, String path, String selector, Map<String, String> changes, String fileField, String fileName,
            byte[] file) {
        Element form = c.get(path).html().selectFirst(selector);
        Map<String, String> f = fields(form);
        f.putAll(changes);
        String boundary = "----mintreu" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        f.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return c.postBytes(form.attr("action"), "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    static String createProduct(TestClient seller, String title, Map<String, String> more) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("title", title, "description", "fine", "type", "download"));
        values.putAll(more);
        Response created = send(seller, "/seller/products/new", "form.product-details", values);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        return created.header("Location").replaceAll("\\?.*", "");
    }

    /** The message shown beside the input {@code id}. */
    static String besideField(Document d, String id) {
        return d.select("#" + id + " ~ .field-error").text();
    }

    @EngineTest
    void aRejectedFormKeepsWhatTheSellerTyped(TestEngine e) {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        Response bad = send(seller, "/seller/products/new", "form.product-details", Map.of(
                "title", "x".repeat(300), "description", "My *long* notes that must survive", "type", "download", "tags", "one, two"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.html().select(".notice.error").text()).contains("Title: must be at most 120 characters");
        assertThat(besideField(bad.html(), "title")).isEqualTo("must be at most 120 characters");
        assertThat(bad.html().select("#description").text()).isEqualTo("My *long* notes that must survive");
        assertThat(bad.html().select("#tags").attr("value")).isEqualTo("one, two");

        String page = createProduct(seller, "Good Title", Map.of());
        assertThat(page).startsWith("/seller/products/prd_");
        Document shown = seller.get(page + "?notice=created").html();
        assertThat(shown.select("h1").text()).contains("Good Title");
        assertThat(shown.select(".notice.ok").text()).isEqualTo("The draft was created.");
        assertThat(shown.select(".state").text()).as("a status in words").isEqualTo("Draft");
        assertThat(seller.get(page + "?notice=%3Cscript%3E").html().select(".notice.ok")).as("only known notices").isEmpty();

        assertThat(TestUsers.signIn(e, "customer").client().get("/seller/products/new").status()).isEqualTo(403);
        assertThat(TestUsers.signIn(e, "seller").client().get(page).status()).as("another seller").isEqualTo(404);
    }

    @EngineTest
    void eachProductTypeHasItsOwnAttributeFieldsAndOnlyTheChosenOneIsRead(TestEngine e) {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        Document form = seller.get("/seller/products/new").html();
        assertThat(form.select("input[name=attr.download.maxDownloads]")).hasSize(1);
        assertThat(form.select("input[name=attr.software.maxDownloads]")).hasSize(1);

        // the download type's field comes first in the page and is left empty, as a browser sends it
        String page = createProduct(seller, "Licensed Tool", Map.of("type", "software", "attr.software.maxDownloads", "2",
                "attr.software.licenseDays", "30", "attr.download.linkTtlHours", "99"));
        String id = page.substring(page.lastIndexOf('/') + 1);
        var attributes = seller.get("/api/v1/seller/products/" + id).json().get("product").get("attributes");
        assertThat(attributes.get("maxDownloads").asText()).isEqualTo("2");
        assertThat(attributes.get("licenseDays").asText()).isEqualTo("30");
        assertThat(attributes.has("linkTtlHours")).as("another type's field is not read").isFalse();
        Document shown = seller.get(page).html();
        assertThat(shown.select("#attr-software-maxDownloads").attr("value")).isEqualTo("2");
        assertThat(shown.select("#attr-download-maxDownloads").attr("value")).isEmpty();

        Response saved = send(seller, page, "form.product-details", Map.of("attr.software.maxDownloads", "3"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.header("Location")).endsWith("?notice=saved");
        assertThat(seller.get(saved.header("Location")).html().select(".notice.ok").text()).isEqualTo("Your changes were saved.");
        assertThat(seller.get(page).html().select("#attr-software-maxDownloads").attr("value")).isEqualTo("3");

        Response wrong = send(seller, page, "form.product-details", Map.of("attr.software.maxDownloads", "many"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(besideField(wrong.html(), "attr-software-maxDownloads")).isNotEmpty();
        assertThat(wrong.html().select(".notice.error").text()).contains("Licensed software: Downloads per purchase").doesNotContain("attributes.");
        assertThat(wrong.html().select("#attr-software-maxDownloads").attr("value")).isEqualTo("many");
    }

    @EngineTest
    void detailErrorsStayOnTheFormBesideTheirField(TestEngine e) {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        createProduct(seller, "Taken Name", Map.of());
        Response duplicate = send(seller, "/seller/products/new", "form.product-details", Map.of("title", "Taken Name", "description", "mine",
                "type", "download", "tags", "a, b"));
        assertThat(duplicate.status()).as(duplicate.html().select(".notice.error").text()).isEqualTo(409);
        Document d = duplicate.html();
        assertThat(besideField(d, "slug")).contains("another product already uses 'taken-name'");
        assertThat(d.select("#title").attr("value")).isEqualTo("Taken Name");
        assertThat(d.select("#description").text()).isEqualTo("mine");

        String page = createProduct(seller, "Long Notes", Map.of());
        Response tooLong = send(seller, page, "form.product-details", Map.of("description", "y".repeat(20_001)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(besideField(tooLong.html(), "description")).isEqualTo("must be at most 20000 characters");
        assertThat(tooLong.html().select("#description").text()).hasSize(20_001);
        assertThat(tooLong.html().select("form.add-plan")).as("the rest of the page is still there").hasSize(1);
    }

    @EngineTest
    void plansTakeThePriceInTheCurrencysOwnUnits(TestEngine e) {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        String page = createProduct(seller, "Priced", Map.of());
        assertThat(send(seller, page, "form.add-plan", Map.of("name", "Yen", "price", "1500", "currency", "JPY")).status()).isEqualTo(303);
        assertThat(send(seller, page, "form.add-plan", Map.of("name", "Euro", "price", "19.99", "currency", "EUR")).status()).isEqualTo(303);
        Response added = send(seller, page, "form.add-plan", Map.of("name", "Dinar", "price", "1.25", "currency", "bhd"));
        assertThat(added.header("Location")).endsWith("?notice=plan-added");
        Document d = seller.get(page).html();
        assertThat(d.select("table.plan-list tbody tr").eachText()).containsExactlyInAnyOrder("Yen 1500 JPY Delete", "Euro 19.99 EUR Delete",
                "Dinar 1.250 BHD Delete");

        Response fraction = send(seller, page, "form.add-plan", Map.of("name", "Odd yen", "price", "12.5", "currency", "JPY", "grants", "all"));
        assertThat(fraction.status()).isEqualTo(422);
        Document f = fraction.html();
        assertThat(besideField(f, "plan-price")).contains("whole amount");
        assertThat(f.select("#plan-name").attr("value")).isEqualTo("Odd yen");
        assertThat(f.select("#plan-currency").attr("value")).isEqualTo("JPY");
        assertThat(f.select("#plan-grants").attr("value")).isEqualTo("all");

        Response tooMuch = send(seller, page, "form.add-plan", Map.of("name", "Rich", "price", "999999999999", "currency", "EUR"));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(besideField(tooMuch.html(), "plan-price")).isEqualTo("must be between 0 and 100000000.00 EUR");
        assertThat(tooMuch.html().select(".notice.error").text()).contains("Price: ").doesNotContain("priceMinor");
    }

    @EngineTest
    void everyWrongUploadIsAMessageOnTheForm(TestEngine e) {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        String page = createProduct(seller, "Uploads", Map.of());

        Response empty = upload(seller, page, "form.add-release", Map.of("version", "1.0", "notes", "first"), "file", "app.zip", new byte[0]);
        assertThat(empty.status()).as("not a 500").isEqualTo(400);
        assertThat(besideField(empty.html(), "rel-file")).isEqualTo("the file is empty");
        assertThat(empty.html().select("#rel-version").attr("value")).isEqualTo("1.0");
        assertThat(empty.html().select("#rel-notes").text()).isEqualTo("first");

        Response noVersion = upload(seller, page, "form.add-release", Map.of("version", ""), "file", "app.zip", new byte[10]);
        assertThat(noVersion.status()).isEqualTo(422);
        assertThat(besideField(noVersion.html(), "rel-version")).startsWith("is required");

        Response tooLarge = upload(seller, page, "form.add-release", Map.of("version", "1.0"), "file", "app.zip", new byte[5000]);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(besideField(tooLarge.html(), "rel-file")).startsWith("the file is larger than").contains("4");

        Response ok = upload(seller, page, "form.add-release", Map.of("version", "1.0"), "file", "app.zip", new byte[100]);
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.header("Location")).endsWith("?notice=release-added");
        Response again = upload(seller, page, "form.add-release", Map.of("version", "1.0"), "file", "app.zip", new byte[100]);
        assertThat(again.status()).isEqualTo(409);
        assertThat(besideField(again.html(), "rel-version")).startsWith("version 1.0 already exists");

        Response noFile = upload(seller, page, "form.add-image", Map.of(), "other", "x", new byte[1]);
        assertThat(besideField(noFile.html(), "img")).isEqualTo("choose an image to upload");
        Response gif = upload(seller, page, "form.add-image", Map.of(), "image", "a.gif", "GIF89a-not-allowed".getBytes(StandardCharsets.US_ASCII));
        assertThat(gif.status()).isEqualTo(415);
        assertThat(besideField(gif.html(), "img")).isEqualTo("the file is not a PNG, JPEG or WebP image");
        byte[] big = new byte[3000];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        Response bigImage = upload(seller, page, "form.add-image", Map.of(), "image", "a.png", big);
        assertThat(bigImage.status()).isEqualTo(413);
        assertThat(besideField(bigImage.html(), "img")).startsWith("the ").contains("larger than");
        assertThat(upload(seller, page, "form.add-image", Map.of(), "image", "a.png", PNG).header("Location")).endsWith("?notice=image-added");

        var details = seller.get("/api/v1/seller/products/" + page.substring(page.lastIndexOf('/') + 1)).json();
        assertThat(details.get("releases")).hasSize(1);
        assertThat(details.get("images")).hasSize(1);
    }

    @EngineTest
    void submitApproveAndRejectSayWhatHappened(TestEngine e) {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        String page = createProduct(seller, "Review Me", Map.of());
        Response noPlan = send(seller, page, "form.submit-review", Map.of());
        assertThat(noPlan.status()).isEqualTo(422);
        String summary = noPlan.html().select("form.submit-review .notice.error").text();
        assertThat(summary.split("at least one plan", -1)).as("said once: " + summary).hasSize(2);
        assertThat(summary).doesNotContain("plans:");

        send(seller, page, "form.add-plan", Map.of("name", "Basic", "price", "5", "currency", "EUR"));
        upload(seller, page, "form.add-release", Map.of("version", "1.0"), "file", "app.zip", new byte[100]);
        Response submitted = send(seller, page, "form.submit-review", Map.of());
        assertThat(submitted.header("Location")).endsWith("?notice=submitted");
        Document shown = seller.get(submitted.header("Location")).html();
        assertThat(shown.select(".notice.ok").text()).startsWith("Submitted for review");
        assertThat(shown.select(".state").text()).isEqualTo("In review");

        TestClient admin = TestUsers.signIn(e, "admin").client();
        Document review = admin.get("/admin/products?status=in_review").html();
        assertThat(review.select("section.review form[action$=/reject] button").attr("class")).isEqualTo("danger");
        assertThat(review.select("main nav a, main nav strong").eachText()).containsExactly("In review", "Published", "Rejected", "Draft");
        String id = page.substring(page.lastIndexOf('/') + 1);
        Response noReason = send(admin, "/admin/products?status=in_review", "form[action=/admin/products/" + id + "/reject]", Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.html().select("#reason-" + id + " ~ .field-error").text()).startsWith("is required");
        Response approved = send(admin, "/admin/products?status=in_review", "form[action=/admin/products/" + id + "/approve]", Map.of());
        assertThat(approved.header("Location")).endsWith("notice=approved");
        assertThat(admin.get(approved.header("Location")).html().select(".notice.ok").text()).contains("approved");
        assertThat(seller.get(page).html().select(".state").text()).isEqualTo("Published");
        assertThat(seller.get("/admin/products").status()).as("sellers do not review").isEqualTo(403);
    }
}
