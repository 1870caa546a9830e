package com.mintreu.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.event.OrderPaid;
import com.mintreu.api.event.OrderRefunded;
import com.mintreu.api.event.RefundLine;
import com.mintreu.api.money.Money;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.entitlement.Purchases.Item;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Paid orders reach the ledger through the OrderPaid event; refunds give back exactly; the seller sees the balance. */
@WithConfig(bundledPlugins = true, value = "outbox: {pollInterval: 1h}\n")
class LedgerOrderTest {

    @EngineTest
    void aPaidOrderIsBookedOnceAndARefundGivesEveryPartBack(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        Item item = Purchases.publish(seller.client(), seller.id(), TestUsers.signIn(e, "admin").client(), "download", "Sound Pack",
                Map.of(), "pack.zip", new byte[] {1, 2, 3});
        String orderId = Purchases.paidOrder(e, customer.id(), item, item); // two lines of 15.00 EUR, 1.50 fee each
        e.engine().component().outboxDispatcher().deliverDue();

        Ledger ledger = e.engine().component().ledger();
        String account = Accounts.seller(seller.id());
        assertThat(ledger.balances(account).get("EUR")).isEqualTo(new Balance(Money.of(2700, "EUR"), Money.of(0, "EUR")));
        assertThat(entriesOf(e, orderId)).as("three entries per line").isEqualTo(6);
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);

        // a redelivered OrderPaid books nothing more
        EventSubscriberCall.ledger(e).on(new OrderPaid("evt_again", Instant.now(), orderId, customer.id()));
        assertThat(entriesOf(e, orderId)).isEqualTo(6);

        JsonNode balance = seller.client().get("/api/v1/seller/balance").json().get("data").get(0);
        assertThat(balance.get("pending").get("minor").asLong()).isEqualTo(2700);
        assertThat(seller.client().get("/seller/sales").body()).contains("27.00 EUR");

        // a third of one line refunded: 5.00 back, 0.50 of the fee and 4.50 of the share given back
        List<String> lines = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM order_lines WHERE order_id = :o ORDER BY position")
                .bind("o", orderId).mapTo(String.class).list());
        refund(e, "rfd_1", orderId, List.of(new RefundLine(lines.get(0), Money.of(500, "EUR"))));
        assertThat(ledger.balances(account).get("EUR").pending()).isEqualTo(Money.of(2250, "EUR"));
        assertThat(ledger.balances(Accounts.PLATFORM_FEES).get("EUR").total().minor()).isGreaterThanOrEqualTo(0);

        // the rest of that line, and the whole other line: the seller is back to zero, each exactly
        refund(e, "rfd_2", orderId, List.of(new RefundLine(lines.get(0), Money.of(1000, "EUR")), new RefundLine(lines.get(1), Money.of(1500, "EUR"))));
        assertThat(ledger.balances(account).get("EUR")).isEqualTo(new Balance(Money.of(0, "EUR"), Money.of(0, "EUR")));
        refund(e, "rfd_2", orderId, List.of(new RefundLine(lines.get(1), Money.of(1500, "EUR"))));
        assertThat(ledger.balances(account).get("EUR").total()).as("a redelivered refund books nothing").isEqualTo(Money.of(0, "EUR"));
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);
    }

    @EngineTest
    void theSellersShareBecomesAvailableAfterTheHold(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        Item item = Purchases.publish(seller.client(), seller.id(), TestUsers.signIn(e, "admin").client(), "download", "Font Pack",
                Map.of(), "fonts.zip", new byte[] {4, 5, 6});
        Purchases.paidOrder(e, TestUsers.signIn(e, "customer").id(), item);
        e.engine().component().outboxDispatcher().deliverDue();
        Ledger ledger = e.engine().component().ledger();
        assertThat(ledger.balances(Accounts.seller(seller.id())).get("EUR").pending()).isEqualTo(Money.of(1350, "EUR"));
        e.clock().advance(Duration.ofDays(14));
        assertThat(ledger.balances(Accounts.seller(seller.id())).get("EUR"))
                .isEqualTo(new Balance(Money.of(0, "EUR"), Money.of(1350, "EUR")));
    }

    private static void refund(TestEngine e, String refundId, String orderId, List<RefundLine> lines) {
        Outbox outbox = e.engine().component().outbox();
        e.jdbi().useTransaction(h -> {
            Outbox.Stamp stamp = outbox.stamp();
            outbox.publish(h, new OrderRefunded(stamp.eventId(), stamp.at(), refundId, orderId, lines));
        });
        e.engine().component().outboxDispatcher().deliverDue();
    }

    private static long entriesOf(TestEngine e, String orderId) {
        return e.jdbi().withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM ledger_entries le JOIN ledger_postings p ON p.id = le.posting_id WHERE p.order_id = :o""")
                .bind("o", orderId).mapTo(Long.class).one());
    }

    /** The engine's ledger subscriber, called as the dispatcher would. */
    private static final class EventSubscriberCall {
        static com.mintreu.api.event.EventSubscriber ledger(TestEngine e) {
            return e.engine().component().eventSubscribers().stream().filter(s -> s.id().equals("ledger")).findFirst().orElseThrow();
        }
    }
}
