package com.mintreu.engine.help;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.A11y;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every help page, with content and with a failed form, passes the accessibility check. */
@WithConfig(bundledPlugins = true)
class HelpAccessibilityTest {

    @EngineTest
    void everyHelpPagePassesTheCheck(TestEngine e) {
        HelpFixture f = HelpFixture.of(e);
        TestClient admin = f.admin().client();
        TestClient seller = f.seller().client();
        assertThat(admin.postJson("/api/v1/admin/help/categories", Map.of("name", "Payments")).status()).isEqualTo(201);
        String global = HelpFixture.article(admin, null, "How do I get a refund?", "Ask within **14 days**.\n\n## Details\n\n- one\n- two");
        String own = HelpFixture.article(seller, f.product().productId(), "Which formats?", "WAV and FLAC. A refund is possible.");

        Map<String, Response> pages = new LinkedHashMap<>();
        TestClient customer = f.customer().client();
        for (String path : List.of("/help", "/help/search?q=refund", "/help/search?q=zeppelin", "/help/search?q=",
                "/help/search?q=refund&product=" + f.product().productId(), "/help/articles/" + global, "/help/articles/" + own, f.page(f.product()))) {
            pages.put(path, customer.get(path));
        }
        for (String path : List.of("/seller/help", "/seller/help/new", "/seller/help/" + own)) {
            pages.put(path, seller.get(path));
        }
        pages.put("422 /seller/help", seller.submitForm("/seller/help/new", "form[action=/seller/help]",
                Map.of("productId", f.product().productId(), "title", "", "body", "")));
        for (String path : List.of("/admin/help", "/admin/help/new", "/admin/help/" + global)) {
            pages.put(path, admin.get(path));
        }
        pages.put("422 /admin/help/categories", admin.submitForm("/admin/help", "form[action=/admin/help/categories]", Map.of("name", "")));
        pages.put("422 /admin/help", admin.submitForm("/admin/help/new", "form[action=/admin/help]", Map.of("title", "x".repeat(300), "body", "x")));

        Map<String, Object> failures = new LinkedHashMap<>();
        pages.forEach((path, r) -> {
            int expected = path.startsWith("422") ? 422 : 200;
            List<String> problems = r.status() == expected ? A11y.check(r.body()) : List.of("status " + r.status());
            if (!problems.isEmpty()) {
                failures.put(path, problems);
            }
        });
        assertThat(failures).as("help pages that fail the check").isEmpty();
    }
}
