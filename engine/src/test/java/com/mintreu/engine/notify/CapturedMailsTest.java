package com.mintreu.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;
import org.jsoup.nodes.Document;

/** Without SMTP and with mail.keepUnsent (the demo), the mails the shop would have sent are on an admin-only page. */
@WithConfig("mail: {keepUnsent: true}\noutbox: {pollInterval: 1h}\n")
class CapturedMailsTest {

    @EngineTest
    void theAdminReadsTheVerificationLinkNobodyElseCan(TestEngine e) throws Exception {
        String email = "grace." + e.kind() + "@example.test";
        TestClient grace = e.client();
        assertThat(grace.postJson("/api/v1/auth/register", Map.of("email", email, "password", "compiler notes 1952", "displayName", "Grace"))
                .status()).isEqualTo(201);
        e.engine().component().outboxDispatcher().deliverDue();
        e.engine().component().outboxDispatcher().deliverDue(); // a redelivery keeps the mail once

        TestClient admin = TestUsers.signIn(e, "admin").client();
        Response page = admin.get("/admin/mails");
        assertThat(page.status()).isEqualTo(200);
        Document d = page.html();
        assertThat(d.select("article.mail")).hasSize(1);
        assertThat(d.select("article.mail h2").text()).isEqualTo("Confirm your email address");
        assertThat(d.select("article.mail .muted").text()).startsWith("To " + email);
        String body = d.select("article.mail pre.mail-body").text();
        String link = body.substring(body.indexOf("/verify-email?token=")).split("\\s")[0];
        assertThat(grace.get(link).status()).as("the kept link works").isEqualTo(200);
        assertThat(admin.get("/admin").html().select("a[href=/admin/mails]")).hasSize(1);

        assertThat(TestUsers.signIn(e, "customer").client().get("/admin/mails").status()).isEqualTo(403);
        assertThat(TestUsers.signIn(e, "seller").client().get("/admin/mails").status()).isEqualTo(403);
        Response anonymous = e.client().get("/admin/mails");
        assertThat(anonymous.status()).isEqualTo(303);
        assertThat(anonymous.header("Location")).startsWith("/login");
        assertThat(grace.get("/admin/mails").status()).as("the mail's own recipient").isIn(303, 403);
        assertThat(e.client().get("/api/v1/admin/mails").status()).as("no API door either").isIn(401, 404);
    }
}
