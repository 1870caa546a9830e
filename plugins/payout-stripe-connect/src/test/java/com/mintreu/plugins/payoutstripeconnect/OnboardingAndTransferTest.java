package com.mintreu.plugins.payoutstripeconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payout.OnboardingRequest;
import com.mintreu.api.payout.PayeeStatus;
import com.mintreu.api.payout.PayoutRequest;
import com.mintreu.api.payout.PayoutResult;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Onboarding through account links and payouts as transfers, against the fake. */
class OnboardingAndTransferTest {

    @TempDir
    Path dir;
    ConnectTestbed bed;

    @BeforeEach
    void start() {
        bed = new ConnectTestbed(dir);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private URI onboard(String payee) {
        return bed.payouts.startOnboarding(new OnboardingRequest(payee, payee + "@example.com",
                URI.create("https://shop.example/account/payouts/setup/return"), URI.create("https://shop.example/account/payouts/setup")));
    }

    private String accountOf(String payee) {
        return bed.payouts.payee(payee).orElseThrow().accountRef();
    }

    @Test
    void theFirstOnboardingCreatesOneExpressAccountAndEveryCallAFreshLink() {
        URI first = onboard("usr_1");
        URI second = onboard("usr_1");

        assertThat(bed.stripe.requests("POST", "/v1/accounts")).singleElement().satisfies(r -> {
            assertThat(r.params()).containsEntry("type", "express").containsEntry("metadata[payee_id]", "usr_1")
                    .containsEntry("capabilities[transfers][requested]", "true").containsEntry("email", "usr_1@example.com");
            assertThat(r.header("Idempotency-Key")).isEqualTo("connect-account:usr_1");
        });
        assertThat(first).isNotEqualTo(second);
        assertThat(first.toString()).startsWith(bed.stripe.base() + "/setup/s/" + accountOf("usr_1") + "/");
        assertThat(bed.stripe.links()).allSatisfy(l -> {
            assertThat(l.get("return_url").asText()).isEqualTo("https://shop.example/account/payouts/setup/return");
            assertThat(l.get("refresh_url").asText()).isEqualTo("https://shop.example/account/payouts/setup");
        });
        assertThat(bed.payouts.onboardingOrigins()).contains(URI.create("https://connect.stripe.com"), bed.stripe.base());
    }

    @Test
    void thePayeeStatusIsWhatStripeHoldsNow() {
        assertThat(bed.payouts.payee("usr_2")).isEmpty();
        onboard("usr_2");
        String account = accountOf("usr_2");
        assertThat(bed.payouts.payee("usr_2")).contains(new PayeeStatus("usr_2", account, false, false));

        bed.stripe.completeOnboarding(account);

        assertThat(bed.payouts.payee("usr_2")).contains(new PayeeStatus("usr_2", account, true, true));
    }

    @Test
    void aPayoutIsOneTransferWithTheEnginesKeyAndACallRepeatedPaysOnce() {
        onboard("usr_3");
        bed.stripe.completeOnboarding(accountOf("usr_3"));
        PayoutRequest request = new PayoutRequest("pay_01abc", "usr_3", Money.of(4250, "EUR"), "payout:pay_01abc");

        PayoutResult first = bed.payouts.pay(request);
        PayoutResult again = bed.payouts.pay(request);

        assertThat(first.status()).isEqualTo(PayoutResult.Status.PAID);
        assertThat(again).isEqualTo(first);
        assertThat(bed.stripe.transfers()).singleElement().satisfies(t -> {
            assertThat(t.get("id").asText()).isEqualTo(first.reference());
            assertThat(t.get("amount").asLong()).isEqualTo(4250);
            assertThat(t.get("currency").asText()).isEqualTo("eur");
            assertThat(t.get("destination").asText()).isEqualTo(accountOf("usr_3"));
            assertThat(t.get("transfer_group").asText()).isEqualTo("pay_01abc");
            assertThat(t.get("metadata").get("payout_id").asText()).isEqualTo("pay_01abc");
        });
        assertThat(bed.stripe.requests("POST", "/v1/transfers")).hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo("payout:pay_01abc"));
    }

    @Test
    void anIdempotencyErrorIsAnUnknownOutcomeNeverAFailure() {
        onboard("usr_4");
        bed.stripe.completeOnboarding(accountOf("usr_4"));
        bed.payouts.pay(new PayoutRequest("pay_01k", "usr_4", Money.of(1000, "EUR"), "payout:pay_01k"));

        // the key's first request paid: answering FAILED would give the amount back and pay it twice
        assertThatThrownBy(() -> bed.payouts.pay(new PayoutRequest("pay_01k", "usr_4", Money.of(2000, "EUR"), "payout:pay_01k")))
                .isInstanceOf(ConnectCalls.Unknown.class).hasMessageContaining("HTTP 400").hasMessageContaining("same parameters");
        assertThat(bed.stripe.transfers()).hasSize(1);
    }

    @Test
    void aPayeeWithoutAccountOrWithoutPayoutsEnabledIsNotPaid() {
        PayoutResult none = bed.payouts.pay(new PayoutRequest("pay_01n", "usr_none", Money.of(1000, "EUR"), "payout:pay_01n"));
        assertThat(none.status()).isEqualTo(PayoutResult.Status.FAILED);
        assertThat(none.detail()).isEqualTo("the payee has not set up payouts with Stripe");

        onboard("usr_half");
        PayoutResult half = bed.payouts.pay(new PayoutRequest("pay_01h", "usr_half", Money.of(1000, "EUR"), "payout:pay_01h"));
        assertThat(half.status()).isEqualTo(PayoutResult.Status.FAILED);
        assertThat(half.detail()).contains("insufficient_capabilities_for_transfer");
        assertThat(bed.stripe.transfers()).isEmpty();
    }

    @Test
    void aWrongKeyIsAnUnknownOutcomeThatThrowsWithoutTheKey(@TempDir Path other) {
        onboard("usr_5");
        bed.stripe.completeOnboarding(accountOf("usr_5"));
        try (ConnectTestbed wrong = new ConnectTestbed(other, "sk_test_wrongwrongwrong")) {
            // the wrong bed has its own database, so give it the account by onboarding there first
            assertThatThrownBy(() -> wrong.payouts.startOnboarding(new OnboardingRequest("usr_5", null,
                    URI.create("https://shop.example/r"), URI.create("https://shop.example/f"))))
                    .isInstanceOf(ConnectCalls.Unknown.class).hasMessageContaining("HTTP 401").hasMessageNotContaining("sk_test_wrong");
        }
    }

    @Test
    void theConfigNamesEveryWrongFieldWithoutEchoingSecrets() {
        ConnectConfig bad = new ConnectConfig("pk_test_x", "nope", "also-nope", URI.create("http://api.example.com"), java.time.Duration.ofMillis(5));
        assertThat(bad.problems()).extracting(p -> p.field())
                .containsExactlyInAnyOrder("secretKey", "webhookSecret", "connectWebhookSecret", "apiBase", "timeout");
        assertThat(bad.problems()).noneMatch(p -> p.message().contains("pk_test_x") || p.message().contains("also-nope"));
        assertThat(bad.toString()).doesNotContain("pk_test_x", "nope");
        ObjectNode unused = FakeStripeConnect.fixture("account");
        assertThat(unused.get("object").asText()).isEqualTo("account");
    }
}
