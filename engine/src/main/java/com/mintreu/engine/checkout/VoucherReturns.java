package com.mintreu.engine.checkout;

import com.mintreu.engine.order.OrderStatus;
import com.mintreu.engine.order.OrderStatusListener;
import java.util.EnumSet;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a voucher use back when its order ends unpaid (canceled, expired, failed), in the
 * transaction of that change, so a single-use voucher on an abandoned order is not lost to
 * everyone. If such an order is paid after all (a late payment held, then released), the use is
 * taken again.
 */
@Singleton
final class VoucherReturns implements OrderStatusListener {

    private static final Logger LOG = LoggerFactory.getLogger(VoucherReturns.class);
    private static final Set<OrderStatus> UNPAID_ENDS = EnumSet.of(OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.FAILED);

    private final VoucherStore vouchers;

    @Inject
    VoucherReturns(VoucherStore vouchers) {
        this.vouchers = vouchers;
    }

    @Override
    public void moved(Handle h, String orderId, OrderStatus from, OrderStatus to, long now) {
        if (UNPAID_ENDS.contains(to) && vouchers.giveBack(h, orderId, now)) {
            LOG.info("order {} is {}: its voucher use was given back", orderId, to.id());
        } else if (to == OrderStatus.PAID && vouchers.takeBack(h, orderId)) {
            LOG.info("order {} was paid after all: its voucher use was taken again", orderId);
        }
    }
}
