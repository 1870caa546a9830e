package com.mintreu.engine.order;

import static com.mintreu.engine.order.OrderStatus.CANCELED;
import static com.mintreu.engine.order.OrderStatus.EXPIRED;
import static com.mintreu.engine.order.OrderStatus.FAILED;
import static com.mintreu.engine.order.OrderStatus.FULFILLED;
import static com.mintreu.engine.order.OrderStatus.HELD;
import static com.mintreu.engine.order.OrderStatus.PAID;
import static com.mintreu.engine.order.OrderStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The order state machine's table, as the order README writes it down, and what it must guarantee on any path. */
class OrderStatusTest {

    /** The README's table, written out once more: a change to the code's table must be a change here too. */
    private static final Map<OrderStatus, Set<OrderStatus>> README = Map.of(
            PENDING, EnumSet.of(PAID, HELD, FAILED, EXPIRED, CANCELED),
            HELD, EnumSet.of(PAID, CANCELED),
            PAID, EnumSet.of(FULFILLED),
            FAILED, EnumSet.of(HELD),
            EXPIRED, EnumSet.of(HELD),
            FULFILLED, EnumSet.noneOf(OrderStatus.class),
            CANCELED, EnumSet.noneOf(OrderStatus.class));

    @Property
    void everyMoveIsAllowedExactlyWhenTheTableSaysSo(@ForAll OrderStatus from, @ForAll OrderStatus to) {
        assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(README.get(from).contains(to));
    }

    /**
     * Whatever events and admin actions arrive, in any order, an order that follows the table is
     * paid at most once (one {@code order.paid}, one fulfilment) and, once paid, is never held,
     * canceled, failed or expired (what it granted stays granted).
     */
    @Property
    void alongAnyPathPaidIsEnteredOnceAndNeverUndone(@ForAll @Size(max = 30) List<OrderStatus> attempts) {
        OrderStatus at = PENDING;
        int paidEntries = 0;
        boolean wasPaid = false;
        for (OrderStatus attempt : attempts) {
            if (!at.canMoveTo(attempt)) {
                continue; // a conflict: refused, recorded, not applied
            }
            at = attempt;
            if (at == PAID) {
                paidEntries++;
            }
            wasPaid |= at.isPaid();
            if (wasPaid) {
                assertThat(at).as("once paid, an order stays paid or fulfilled").isIn(PAID, FULFILLED);
            }
        }
        assertThat(paidEntries).isLessThanOrEqualTo(1);
    }

    @Property
    void nothingLeavesAFinalStateAndNothingReturnsToPending(@ForAll OrderStatus from) {
        assertThat(FULFILLED.canMoveTo(from)).isFalse();
        assertThat(CANCELED.canMoveTo(from)).isFalse();
        assertThat(from.canMoveTo(PENDING)).isFalse();
        assertThat(from.canMoveTo(from)).as("no move to itself").isFalse();
    }
}
