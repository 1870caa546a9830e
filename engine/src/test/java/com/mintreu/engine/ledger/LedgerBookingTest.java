package com.mintreu.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.money.Money;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The ledger in the database: postings booked once, balances derived, reversals exact, nothing updated. */
class LedgerBookingTest {

    private static final List<String> ACCOUNTS = List.of(Accounts.CUSTOMER, Accounts.PLATFORM_FEES, Accounts.seller("usr_a"),
            Accounts.seller("usr_b"), Accounts.seller("usr_c"));

    @EngineTest
    void reversalsBringEveryBalanceBackToWhereItWas(TestEngine e) {
        Ledger ledger = e.engine().component().ledger();
        Random random = new Random(42);
        for (int i = 0; i < 30; i++) {
            assertThat(ledger.post(randomSale(random, "before-" + i, e.clock().millis()))).isTrue();
        }
        Map<String, Map<String, Balance>> before = snapshot(ledger);

        List<String> later = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Posting p = randomSale(random, "later-" + i, e.clock().millis());
            assertThat(ledger.post(p)).isTrue();
            assertThat(ledger.post(p)).as("a key is booked once").isFalse();
            later.add(p.key());
        }
        assertThat(snapshot(ledger)).isNotEqualTo(before);

        for (String key : later) {
            assertThat(ledger.reverse(key, "refund")).isTrue();
            assertThat(ledger.reverse(key, "refund")).as("reversed once").isFalse();
        }
        assertThat(snapshot(ledger)).isEqualTo(before);
        assertThat(ledger.reverse("sale:no-such-line", "refund")).isFalse();
        assertThat(ledger.totals().values()).as("all entries sum to zero per currency").allMatch(v -> v == 0);
        assertThat(ledger.posting("reversal:later-0").orElseThrow().kind()).isEqualTo("reversal");
    }

    @EngineTest
    void pendingBecomesAvailableAfterTheHold(TestEngine e) {
        Ledger ledger = e.engine().component().ledger();
        long now = e.clock().millis();
        long hold = java.time.Duration.ofDays(14).toMillis();
        ledger.post(new Posting("sale:hold-test", "sale", null, "sale", List.of(
                new LedgerEntry(Accounts.CUSTOMER, Money.of(-1000, "EUR"), null, now),
                new LedgerEntry(Accounts.PLATFORM_FEES, Money.of(100, "EUR"), null, now),
                new LedgerEntry(Accounts.seller("usr_hold"), Money.of(900, "EUR"), null, now + hold))));
        assertThat(ledger.balances(Accounts.seller("usr_hold")).get("EUR")).isEqualTo(new Balance(Money.of(900, "EUR"), Money.of(0, "EUR")));
        e.clock().advance(java.time.Duration.ofMillis(hold));
        assertThat(ledger.balances(Accounts.seller("usr_hold")).get("EUR")).isEqualTo(new Balance(Money.of(0, "EUR"), Money.of(900, "EUR")));
        assertThat(ledger.entries(Accounts.seller("usr_hold"), null, 10)).singleElement()
                .satisfies(entry -> assertThat(entry.amount()).isEqualTo(Money.of(900, "EUR")));
    }

    /** A sale-like posting: a customer pays, a fee and one or two sellers share it; some shares still held. */
    private static Posting randomSale(Random random, String key, long now) {
        String currency = random.nextBoolean() ? "EUR" : "JPY";
        long total = random.nextInt(1_000_000);
        long fee = total * random.nextInt(3000) / 10_000;
        long first = (total - fee) / (1 + random.nextInt(3));
        List<LedgerEntry> entries = new ArrayList<>();
        entries.add(new LedgerEntry(Accounts.CUSTOMER, Money.of(-total, currency), null, now));
        entries.add(new LedgerEntry(Accounts.PLATFORM_FEES, Money.of(fee, currency), null, now));
        entries.add(new LedgerEntry(ACCOUNTS.get(2 + random.nextInt(3)), Money.of(first, currency), null, now + random.nextInt(2_000_000) - 1_000_000));
        entries.add(new LedgerEntry(ACCOUNTS.get(2 + random.nextInt(3)), Money.of(total - fee - first, currency), null, now + random.nextInt(2_000_000) - 1_000_000));
        return new Posting(key, "sale", null, "test sale", entries);
    }

    private static Map<String, Map<String, Balance>> snapshot(Ledger ledger) {
        Map<String, Map<String, Balance>> out = new LinkedHashMap<>();
        ACCOUNTS.forEach(a -> out.put(a, ledger.balances(a)));
        return out;
    }
}
