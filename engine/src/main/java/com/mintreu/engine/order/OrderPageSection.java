package com.mintreu.engine.order;

import com.mintreu.engine.web.Principal;
import java.util.Map;

/**
 * Adds to the model of the customer's order page, so other features (entitlements...) can show
 * their part of an order without the order feature depending on them. Contributed with
 * {@code @IntoSet}; called only after the caller was allowed to see the order.
 */
public interface OrderPageSection {

    Map<String, Object> model(Principal viewer, Order order);
}
