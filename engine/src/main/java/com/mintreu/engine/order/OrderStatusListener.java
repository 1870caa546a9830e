package com.mintreu.engine.order;

import org.jdbi.v3.core.Handle;

/**
 * Another feature's part of an order's state change, run inside the transaction that applied the
 * change and only in that one: a move that lost a race (the order was no longer in {@code from})
 * or that the state machine refused calls no listener. What a listener writes therefore commits or
 * rolls back with the order's change, exactly once per change. Contributed with {@code @IntoSet}.
 * It must only write its own feature's tables with {@code h}, and must not call a plugin or the network.
 */
public interface OrderStatusListener {

    void moved(Handle h, String orderId, OrderStatus from, OrderStatus to, long now);
}
