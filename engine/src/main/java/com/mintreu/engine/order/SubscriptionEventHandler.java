package com.mintreu.engine.order;

import com.mintreu.api.payment.SubscriptionEvent;

/**
 * Applies a provider-managed subscription's webhook event (the subscription feature implements it:
 * the order feature cannot depend on it). Called after the gateway verified the webhook; it records
 * the event in the inbox itself ({@link OrderService#recordInbox}), in the transaction that applies it.
 */
public interface SubscriptionEventHandler {

    OrderService.EventResult apply(String gatewayId, SubscriptionEvent event);
}
