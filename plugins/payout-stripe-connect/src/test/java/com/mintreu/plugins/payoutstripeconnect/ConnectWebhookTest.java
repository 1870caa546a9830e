package com.mintreu.plugins.payoutstripeconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payout.OnboardingRequest;
import com.mintreu.api.payout.PayeeStatus;
import com.mintreu.api.payout.PayoutEvent;
import com.mintreu.api.payout.PayoutRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signature checks (both endpoint secrets, tolerance both ways) and the events the engine gets. */
class ConnectWebhookTest {

    @TempDir
    Path dir;
    ConnectTestbed bed;
    String account;

    @BeforeEach
    void start() {
        bed = new ConnectTestbed(dir);
        bed.payouts.startOnboarding(new OnboardingRequest("usr_w", null, URI.create("https://shop.example/r"), URI.create("https://shop.example/f")));
        account = bed.payouts.payee("usr_w").orElseThrow().accountRef();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private String accountUpdated() {
        return FakeStripeConnect.event("evt_acct_1", "account.updated", bed.stripe.completeOnboarding(account), ConnectTestbed.NOW);
    }

    @Test
    void accountUpdatedSignedWithTheConnectSecretIsThePayeesNewStatus() throws Exception {
        assertThat(bed.payouts.parseWebhook(ConnectTestbed.signed(ConnectTestbed.CONNECT_WEBHOOK_SECRET, accountUpdated())))
                .containsExactly(new PayoutEvent.PayeeUpdated("evt_acct_1", new PayeeStatus("usr_w", account, true, true)));
    }

    @Test
    void anAccountThisPluginDidNotCreateIsIgnored() throws Exception {
        ObjectNode stranger = FakeStripeConnect.fixture("account");
        String body = FakeStripeConnect.event("evt_x", "account.updated", stranger, ConnectTestbed.NOW);
        assertThat(bed.payouts.parseWebhook(ConnectTestbed.signed(ConnectTestbed.WEBHOOK_SECRET, body))).isEmpty();
    }

    @Test
    void aReversedTransferNamesThePayoutAndTheTotalReversed() throws Exception {
        bed.stripe.completeOnboarding(account);
        String transfer = bed.payouts.pay(new PayoutRequest("pay_01rev", "usr_w", Money.of(3000, "USD"), "payout:pay_01rev")).reference();
        String created = FakeStripeConnect.event("evt_tc", "transfer.created", bed.stripe.transfer(transfer), ConnectTestbed.NOW);
        String reversed = FakeStripeConnect.event("evt_tr", "transfer.reversed", bed.stripe.reverse(transfer, 3000), ConnectTestbed.NOW);

        assertThat(bed.payouts.parseWebhook(ConnectTestbed.signed(ConnectTestbed.WEBHOOK_SECRET, created))).isEmpty();
        assertThat(bed.payouts.parseWebhook(ConnectTestbed.signed(ConnectTestbed.WEBHOOK_SECRET, reversed)))
                .containsExactly(new PayoutEvent.PayoutReversed("evt_tr", "pay_01rev", transfer, Money.of(3000, "USD")));
    }

    @Test
    void aMissingWrongOrForeignSignatureIsRefusedAsBadSignature() {
        String body = accountUpdated();
        assertThatThrownBy(() -> bed.payouts.parseWebhook(ConnectTestbed.webhook(null, body)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.reason()).isEqualTo(WebhookRejectedException.Reason.BAD_SIGNATURE));
        assertThatThrownBy(() -> bed.payouts.parseWebhook(ConnectTestbed.signed("whsec_someoneElse", body)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.reason()).isEqualTo(WebhookRejectedException.Reason.BAD_SIGNATURE));
        String signature = FakeStripeConnect.sign(ConnectTestbed.WEBHOOK_SECRET, ConnectTestbed.NOW, body);
        assertThatThrownBy(() -> bed.payouts.parseWebhook(ConnectTestbed.webhook(signature, body.replace("true", "false"))))
                .as("a changed body").isInstanceOfSatisfying(WebhookRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(WebhookRejectedException.Reason.BAD_SIGNATURE));
        assertThatThrownBy(() -> bed.payouts.parseWebhook(ConnectTestbed.webhook("t=abc,v1=00", body)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.reason()).isEqualTo(WebhookRejectedException.Reason.MALFORMED));
    }

    @Test
    void aTimestampOutsideFiveMinutesEitherWayIsStale() throws Exception {
        String body = accountUpdated();
        for (Duration skew : new Duration[] {Duration.ofSeconds(301), Duration.ofSeconds(-301)}) {
            String signature = FakeStripeConnect.sign(ConnectTestbed.WEBHOOK_SECRET, ConnectTestbed.NOW.minus(skew), body);
            assertThatThrownBy(() -> bed.payouts.parseWebhook(ConnectTestbed.webhook(signature, body)))
                    .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.reason()).isEqualTo(WebhookRejectedException.Reason.STALE_TIMESTAMP));
        }
        String inside = FakeStripeConnect.sign(ConnectTestbed.WEBHOOK_SECRET, ConnectTestbed.NOW.minusSeconds(299), body);
        assertThat(bed.payouts.parseWebhook(ConnectTestbed.webhook(inside, body))).hasSize(1);
    }
}
