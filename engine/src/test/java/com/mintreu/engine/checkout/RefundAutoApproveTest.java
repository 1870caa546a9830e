package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.RefundFixture.audited;
import static com.mintreu.engine.checkout.RefundFixture.deliver;
import static com.mintreu.engine.checkout.RefundFixture.entitlement;
import static com.mintreu.engine.checkout.RefundFixture.license;
import static com.mintreu.engine.checkout.RefundFixture.mailsTo;
import static com.mintreu.engine.checkout.RefundFixture.paid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.config.ConfigException;
import com.mintreu.engine.checkout.RefundFixture.Paid;
import com.mintreu.engine.config.ConfigLoader;
import com.mintreu.engine.config.RefundsConfig;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The auto-approve rule switched on (14 days): a request is approved and paid out at once only
 * when it comes within the days and nothing of its lines was downloaded or activated; otherwise it
 * waits for the seller as usual. Off by default ({@code RefundPagesTest} runs with the default).
 */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG + "orders:\n  refunds:\n    autoApprove: {enabled: true, withinDays: 14}\n")
class RefundAutoApproveTest {

    private static Response ask(Paid p, String lineId) {
        return p.customer().client().postJson("/api/v1/orders/" + p.orderId() + "/refunds",
                Map.of("lines", List.of(Map.of("lineId", lineId)), "reason", "not what I expected"));
    }

    @Test
    void offByDefaultAndBoundLikeEveryOtherSetting() {
        RefundsConfig.AutoApprove rule = ConfigLoader.parse("", Map.of()).orders().refunds().autoApprove();
        assertThat(rule.enabled()).isFalse();
        assertThat(rule.withinDays()).isEqualTo(14);
        assertThat(ConfigLoader.parse("orders: {refunds: {autoApprove: {enabled: true}}}", Map.of()).orders().refunds().autoApprove())
                .isEqualTo(new RefundsConfig.AutoApprove(true, 14));
        assertThatThrownBy(() -> ConfigLoader.parse("orders: {refunds: {autoApprove: {enabeld: true, withinDays: 0}}}", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("orders.refunds.autoApprove.enabeld")
                .hasMessageContaining("did you mean 'enabled'");
        assertThatThrownBy(() -> ConfigLoader.parse("orders: {refunds: {autoApprove: {withinDays: 0}}}", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("orders.refunds.autoApprove.withinDays");
    }

    @EngineTest
    void anUntouchedLineWithinTheDaysIsRefundedAtOnce(TestEngine e) {
        Paid p = paid(e, true);
        Response asked = ask(p, p.line1());
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        assertThat(asked.json().get("status").asText()).isEqualTo("succeeded");
        assertThat(asked.json().get("decisionNote").asText()).contains("approved automatically");
        String id = asked.json().get("id").asText();
        assertThat(audited(e, "refund.auto_approve", id)).isEqualTo(1);
        assertThat(mailsTo(e, p.customer(), "was approved")).isEqualTo(1);
        assertThat(mailsTo(e, p.seller(), "approved automatically")).isEqualTo(1);
        assertThat(mailsTo(e, p.seller(), "Approve or decline it")).as("nothing to decide").isZero();
        deliver(e);
        assertThat(license(p, p.line1())).isEqualTo("revoked/revoked");
        assertThat(license(p, p.line2())).isEqualTo("active/active");
    }

    @EngineTest
    void aDownloadedLineWaitsForTheSellerWhileItsUntouchedNeighbourDoesNot(TestEngine e) {
        Paid p = paid(e, true);
        String link = entitlement(p, p.line1(), "download").get("downloadUrl").asText();
        assertThat(e.client().get(link).status()).isEqualTo(200);
        Response downloaded = ask(p, p.line1());
        assertThat(downloaded.status()).as(downloaded.body()).isEqualTo(201);
        assertThat(downloaded.json().get("status").asText()).isEqualTo("requested");
        assertThat(mailsTo(e, p.seller(), "Approve or decline it")).isEqualTo(1);
        assertThat(ask(p, p.line2()).json().get("status").asText()).isEqualTo("succeeded");
    }

    @EngineTest
    void aLineWhoseLicenseWasActivatedWaitsEvenAfterTheMachineIsGone(TestEngine e) {
        Paid p = paid(e, true);
        String key = entitlement(p, p.line1(), "license").get("license").get("key").asText();
        Map<String, Object> machine = Map.of("key", key, "fingerprint", "fp-" + p.orderId());
        JsonNode activated = e.client().postJson("/api/v1/licenses/machines/activate", machine).json();
        assertThat(activated.get("ok").asBoolean()).as(activated.toString()).isTrue();
        assertThat(e.client().postJson("/api/v1/licenses/machines/deactivate", machine).json().get("ok").asBoolean()).isTrue();
        // both lines in one request: one was activated, so the whole request waits
        Response both = p.customer().client().postJson("/api/v1/orders/" + p.orderId() + "/refunds",
                Map.of("lines", List.of(Map.of("lineId", p.line2(), "amountMinor", 100), Map.of("lineId", p.line1(), "amountMinor", 100)),
                        "reason", "both"));
        assertThat(both.status()).as(both.body()).isEqualTo(201);
        assertThat(both.json().get("status").asText()).isEqualTo("requested");
        assertThat(ask(p, p.line1()).json().get("status").asText()).isEqualTo("requested");
        // "all that is left" is now line 2's rest alone (line 1 is held by the waiting requests), never used: approved
        Response rest = p.customer().client().postJson("/api/v1/orders/" + p.orderId() + "/refunds", Map.of("reason", "all of it"));
        assertThat(rest.status()).as(rest.body()).isEqualTo(201);
        assertThat(rest.json().get("status").asText()).isEqualTo("succeeded");
        assertThat(rest.json().get("lines").findValuesAsText("lineId")).containsExactly(p.line2());
        assertThat(rest.json().get("amountMinor").asLong()).isEqualTo(2400);
    }

    @EngineTest
    void aRequestAfterTheDaysWaitsForTheSeller(TestEngine e) {
        Paid p = paid(e, true);
        e.clock().advance(Duration.ofDays(14).plusMinutes(1));
        TestUsers.User customer = p.customer();
        // the test's session would have expired meanwhile; the customer signs in again (same account)
        e.jdbi().useHandle(h -> h.createUpdate("UPDATE sessions SET last_seen_at = :now, expires_at = :later WHERE user_id = :id")
                .bind("now", e.clock().millis()).bind("later", e.clock().millis() + 3_600_000).bind("id", customer.id()).execute());
        Response late = ask(p, p.line1());
        assertThat(late.status()).as(late.body()).isEqualTo(201);
        assertThat(late.json().get("status").asText()).isEqualTo("requested");
    }
}
