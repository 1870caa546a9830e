package com.mintreu.engine.payout;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.util.Map;
import org.jsoup.nodes.Document;

/**
 * The pages without JavaScript: the admin runs payouts, downloads the run's CSV, marks a payout paid
 * (a missing reference is a message on the form and changes nothing); the seller sees their payout
 * and the entries behind it, and nobody else's.
 */
class PayoutPagesTest {

    @EngineTest
    void anAdminRunsPaysByCsvAndMarksPaidAndTheSellerSeesIt(TestEngine e) {
        TestUsers.User admin = TestUsers.signIn(e, "admin");
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        TestUsers.User other = TestUsers.signIn(e, "seller");
        Ledger ledger = e.engine().component().ledger();
        PayoutRunTest.sale(ledger, "page-" + seller.id(), seller.id(), 12345, "EUR", e.clock().millis());
        PayoutRunTest.sale(ledger, "page-" + other.id(), other.id(), 2000, "EUR", e.clock().millis());

        TestClient.Response ran = admin.client().submitForm("/admin/payouts", "form[action=/admin/payouts/run]", Map.of());
        assertThat(ran.status()).isEqualTo(303);
        Payout payout = e.engine().component().payoutService().all(PayoutStatus.PENDING, com.mintreu.engine.web.PageRequest.first(50)).stream()
                .filter(p -> p.sellerId().equals(seller.id())).findFirst().orElseThrow();

        TestClient.Response csv = admin.client().get("/admin/payouts/runs/" + payout.runId() + "/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("payee,amount,currency,reference,payee_kind\r\n")
                .contains(seller.id() + ",123.45,EUR," + payout.id() + ",seller\r\n");
        assertThat(seller.client().get("/admin/payouts/runs/" + payout.runId() + "/csv").status()).isEqualTo(403);

        String form = "form[action=/admin/payouts/" + payout.id() + "/paid]";
        TestClient.Response empty = admin.client().submitForm("/admin/payouts", form, Map.of("reference", "  "));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.html().select(".notice.error").text()).contains("reference");
        assertThat(e.engine().component().payoutService().find(payout.id()).orElseThrow().status()).isEqualTo(PayoutStatus.PENDING);

        TestClient.Response paid = admin.client().submitForm("/admin/payouts", form, Map.of("reference", "SEPA <2026> 77"));
        assertThat(paid.status()).isEqualTo(303);
        assertThat(e.engine().component().payoutService().find(payout.id()).orElseThrow().reference()).isEqualTo("SEPA <2026> 77");
        Document adminPage = admin.client().get("/admin/payouts").html();
        assertThat(adminPage.select(form)).as("a paid payout has no form").isEmpty();
        assertThat(adminPage.text()).contains("SEPA <2026> 77");

        Document mine = seller.client().get("/seller/payouts").html();
        assertThat(mine.text()).contains("paid").contains("SEPA <2026> 77").contains("sale page-" + seller.id());
        assertThat(mine.text()).doesNotContain("sale page-" + other.id());
        assertThat(other.client().get("/api/v1/seller/payouts/" + payout.id()).status()).isEqualTo(404);
        var json = seller.client().get("/api/v1/seller/payouts/" + payout.id()).json();
        assertThat(json.get("status").asText()).isEqualTo("paid");
        assertThat(json.at("/entries/0/amount/minor").asLong()).isEqualTo(12345);
        assertThat(json.get("entries")).hasSize(1);
        assertThat(seller.client().get("/api/v1/seller/payouts").json().at("/data/0/id").asText()).isEqualTo(payout.id());
        assertThat(other.client().get("/api/v1/seller/payouts").json().get("data").findValuesAsText("id")).doesNotContain(payout.id());
        assertThat(seller.client().get("/admin/payouts").status()).isEqualTo(403);

        Payout bounced = e.engine().component().payoutService().all(PayoutStatus.PENDING, com.mintreu.engine.web.PageRequest.first(50)).stream()
                .filter(p -> p.sellerId().equals(other.id())).findFirst().orElseThrow();
        String failForm = "form[action=/admin/payouts/" + bounced.id() + "/failed]";
        TestClient.Response noReason = admin.client().submitForm("/admin/payouts", failForm, Map.of("reason", ""));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.html().select(".notice.error").text()).contains("why the payout failed");
        TestClient.Response failed = admin.client().submitForm("/admin/payouts", failForm, Map.of("reason", "IBAN closed"));
        assertThat(failed.status()).isEqualTo(303);
        assertThat(ledger.balances(com.mintreu.engine.ledger.Accounts.seller(other.id())).get("EUR").available().minor()).isEqualTo(2000);
        assertThat(admin.client().get("/admin/payouts").html().text()).contains("IBAN closed");
    }
}
