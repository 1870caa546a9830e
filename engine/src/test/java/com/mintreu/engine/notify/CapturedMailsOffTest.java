package com.mintreu.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;

/** Outside the demo, without mail.keepUnsent, unsent mails go to the log only: nothing is stored, the page says why. */
@WithConfig("outbox: {pollInterval: 1h}\n")
class CapturedMailsOffTest {

    @EngineTest
    void nothingIsKeptUnlessASettingSaysSo(TestEngine e) throws Exception {
        assertThat(e.client().postJson("/api/v1/auth/register", Map.of("email", "off." + e.kind() + "@example.test",
                "password", "compiler notes 1952", "displayName", "Off")).status()).isEqualTo(201);
        e.engine().component().outboxDispatcher().deliverDue();
        long kept = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM captured_mails").mapTo(Long.class).one());
        assertThat(kept).isZero();
        var page = TestUsers.signIn(e, "admin").client().get("/admin/mails").html();
        assertThat(page.select("article.mail")).isEmpty();
        assertThat(page.select("main").text()).contains("only written to the engine's log").contains("mail.keepUnsent");
    }
}
