package com.mintreu.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Orders paid before the ledger existed are booked into it by the migration that creates it. */
class LedgerMigrationTest {

    static List<String> kinds() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void paidOrdersFromBeforeTheLedgerAreBookedAsSales(String kind, @TempDir Path dir) {
        TestDatabase db = TestDatabase.create(kind, dir);
        try {
            String dialect = kind.equals("sqlite") ? "sqlite" : "postgresql";
            flyway(db, dialect, lastBefore(db, dialect, 25)).migrate();
            Jdbi jdbi = Jdbi.create(db.jdbcUrl());
            long paidAt = 1_700_000_000_000L;
            jdbi.useHandle(h -> {
                h.execute("INSERT INTO users (id, email, display_name, password_hash, password_changed_at, created_at) VALUES ('usr_c', 'c@x.test', 'C', 'x', 0, 0)");
                order(h, "ord_paid", "fulfilled", paidAt);
                order(h, "ord_open", "pending", null);
                line(h, "oln_1", "ord_paid", "usr_s1", 1999, 200, 1799);
                line(h, "oln_2", "ord_paid", "usr_s2", 500, 0, 500);
                line(h, "oln_free", "ord_paid", "usr_s2", 0, 0, 0);
                line(h, "oln_3", "ord_open", "usr_s1", 900, 90, 810);
            });
            flyway(db, dialect, "latest").migrate();

            Map<String, Long> byAccount = jdbi.withHandle(h -> h.createQuery(
                            "SELECT account, SUM(amount_minor) AS s FROM ledger_entries GROUP BY account")
                    .map((rs, ctx) -> Map.entry(rs.getString("account"), rs.getLong("s"))).list())
                    .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(byAccount).containsOnly(Map.entry("customer", -2499L), Map.entry("platform:fees", 200L),
                    Map.entry("seller:usr_s1", 1799L), Map.entry("seller:usr_s2", 500L));
            List<String> keys = jdbi.withHandle(h -> h.createQuery("SELECT posting_key FROM ledger_postings ORDER BY posting_key").mapTo(String.class).list());
            assertThat(keys)
                    .containsExactly("sale:oln_1", "sale:oln_2");
            Long sellerAvailable = jdbi.withHandle(h -> h.createQuery(
                    "SELECT available_at FROM ledger_entries WHERE account = 'seller:usr_s1'").mapTo(Long.class).one());
            assertThat((long) sellerAvailable).as("held for the default 14 days").isEqualTo(paidAt + 14L * 24 * 3600 * 1000);
        } finally {
            db.cleanup().run();
        }
    }

    /** The newest migration older than the ledger's (its number depends on what landed before it). */
    private static String lastBefore(TestDatabase db, String dialect, int version) {
        return java.util.Arrays.stream(flyway(db, dialect, "latest").info().all())
                .filter(i -> i.getVersion() != null && i.getVersion().compareTo(org.flywaydb.core.api.MigrationVersion.fromVersion(String.valueOf(version))) < 0)
                .reduce((a, b) -> b).orElseThrow().getVersion().getVersion();
    }

    private static Flyway flyway(TestDatabase db, String dialect, String target) {
        return Flyway.configure(LedgerMigrationTest.class.getClassLoader()).dataSource(db.jdbcUrl(), null, null)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect)
                .target(target).load();
    }

    private static void order(org.jdbi.v3.core.Handle h, String id, String status, Long paidAt) {
        h.createUpdate("""
                INSERT INTO orders (id, customer_id, status, currency, subtotal_minor, discount_minor, total_minor, created_at, updated_at, paid_at)
                VALUES (:id, 'usr_c', :status, 'EUR', 0, 0, 0, 0, 0, :paid)""")
                .bind("id", id).bind("status", status).bind("paid", paidAt).execute();
    }

    private static void line(org.jdbi.v3.core.Handle h, String id, String order, String seller, long total, long fee, long share) {
        h.createUpdate("""
                INSERT INTO order_lines (id, order_id, position, product_id, plan_id, seller_id, product_type, title, plan_name, quantity,
                    unit_minor, discount_minor, total_minor, platform_fee_minor, seller_minor)
                VALUES (:id, :order, 0, 'prd', 'pln', :seller, 'download', 'T', 'P', 1, :total, 0, :total, :fee, :share)""")
                .bind("id", id).bind("order", order).bind("seller", seller).bind("total", total).bind("fee", fee).bind("share", share).execute();
    }
}
