/**
 * The {@link com.mintreu.api.payment.PaymentGateway} extension point: hosted checkout, verified
 * webhooks normalised to {@link com.mintreu.api.payment.PaymentEvent}s, reconciliation and refunds.
 * The engine owns the order state machine; a gateway only reports what the provider says.
 */
package com.mintreu.api.payment;
