package com.mintreu.engine.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.db.Ids;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;

/** The store applies exactly the table's moves, on both databases; every other move is recorded as a conflict and changes nothing. */
class OrderStoreTransitionTest {

    @EngineTest
    void everyPairOfStatesIsAppliedOrRecordedAsAConflict(TestEngine e) {
        OrderStore store = new OrderStore(e.jdbi());
        String customer = TestUsers.signIn(e, "customer").id();
        long now = e.clock().millis();
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                String id = Ids.next("ord");
                e.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO orders (id, customer_id, status, currency, subtotal_minor, discount_minor, total_minor, created_at, updated_at)
                        VALUES (:id, :c, :s, 'EUR', 100, 0, 100, :now, :now)""")
                        .bind("id", id).bind("c", customer).bind("s", from.id()).bind("now", now).execute());

                OrderStore.Moved moved = e.jdbi().inTransaction(h -> store.transition(h, id, from, to, "test", now));

                String pair = e.kind() + ": " + from.id() + " -> " + to.id();
                OrderStatus after = store.find(id).orElseThrow().status();
                int conflicts = store.conflicts(id, com.mintreu.engine.web.PageRequest.first(10)).data().size();
                int events = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM order_events WHERE order_id = :id")
                        .bind("id", id).mapTo(Integer.class).one());
                if (from.canMoveTo(to)) {
                    assertThat(moved).as(pair).isEqualTo(OrderStore.Moved.APPLIED);
                    assertThat(after).as(pair).isEqualTo(to);
                    assertThat(events).as(pair).isEqualTo(1);
                    assertThat(conflicts).as(pair).isZero();
                } else {
                    assertThat(moved).as(pair).isEqualTo(OrderStore.Moved.CONFLICT);
                    assertThat(after).as(pair + " is never applied").isEqualTo(from);
                    assertThat(events).as(pair).isZero();
                    assertThat(store.conflicts(id, com.mintreu.engine.web.PageRequest.first(10)).data()).as(pair).singleElement()
                            .satisfies(c -> assertThat(c.fromStatus() + ">" + c.toStatus()).isEqualTo(from.id() + ">" + to.id()));
                }
            }
        }
    }

    @EngineTest
    void aMoveFromAStateTheOrderLeftMeanwhileIsStaleNotAConflict(TestEngine e) {
        OrderStore store = new OrderStore(e.jdbi());
        String customer = TestUsers.signIn(e, "customer").id();
        long now = e.clock().millis();
        String id = Ids.next("ord");
        e.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO orders (id, customer_id, status, currency, subtotal_minor, discount_minor, total_minor, created_at, updated_at)
                VALUES (:id, :c, 'canceled', 'EUR', 100, 0, 100, :now, :now)""").bind("id", id).bind("c", customer).bind("now", now).execute());

        OrderStore.Moved moved = e.jdbi().inTransaction(h -> store.transition(h, id, OrderStatus.PENDING, OrderStatus.PAID, "late", now));
        assertThat(moved).isEqualTo(OrderStore.Moved.STALE);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(store.conflicts(id, com.mintreu.engine.web.PageRequest.first(10)).data()).isEmpty();
    }
}
