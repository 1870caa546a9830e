package com.mintreu.api.payout;

import com.mintreu.api.Extension;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A way of sending a seller's money out of the marketplace (a bank transfer by hand, Stripe
 * Connect transfers, ...). The engine owns the payout: it decides the amount from the ledger, books
 * it, and moves the payout through its states from the {@link PayoutResult} this method returns.
 * A method only carries the money. It must be idempotent per {@link PayoutRequest#idempotencyKey()}:
 * the engine may call {@link #pay} again for the same payout after a crash, and the seller must be
 * paid once.
 */
public interface PayoutMethod extends Extension {

    /**
     * Sends (or prepares to send) one payout. Returns {@link PayoutResult.Status#PAID} when the
     * money left for certain, {@link PayoutResult.Status#PENDING} when it will be confirmed later (a
     * person must transfer it, a provider reports it by webhook), {@link PayoutResult.Status#FAILED}
     * when it will not be sent (the engine gives the amount back to the seller's balance).
     */
    PayoutResult pay(PayoutRequest request);

    /**
     * True when payees must connect an account with the provider before they can be paid (Stripe
     * Connect). The engine then pays only payees whose last known {@link PayeeStatus#payoutsEnabled()}
     * is true, and offers "set up payouts" on the payee's pages. False by default.
     */
    default boolean onboards() {
        return false;
    }

    /**
     * Starts (or resumes) a payee's onboarding and returns the provider's page to send them to.
     * Called from the payee's "set up payouts" form; it may create the payee's account at the
     * provider, and must create it at most once per payee however often it is called.
     *
     * @throws UnsupportedOperationException when {@link #onboards()} is false
     */
    default URI startOnboarding(OnboardingRequest request) {
        throw new UnsupportedOperationException(id() + " has no onboarding");
    }

    /**
     * The payee's status as the provider reports it now, or empty when the payee never started
     * onboarding. Called when the payee returns from the provider's page; it must not change anything.
     */
    default Optional<PayeeStatus> payee(String payeeId) {
        return Optional.empty();
    }

    /** Origins of the provider's onboarding pages ({@code https://connect.stripe.com}): the form that leads there must allow them. */
    default Set<URI> onboardingOrigins() {
        return Set.of();
    }

    /**
     * Verifies a webhook the engine received at {@code POST /webhooks/payouts/<method id>} and returns
     * its events (empty for events the engine need not act on). Must verify the signature before
     * reading anything and must not change state: the engine applies the events, each once.
     *
     * @throws WebhookRejectedException when the webhook is not signed by the provider, too old, or unreadable
     * @throws UnsupportedOperationException when this method takes no webhooks (the engine answers 404)
     */
    default List<PayoutEvent> parseWebhook(WebhookRequest request) throws WebhookRejectedException {
        throw new UnsupportedOperationException(id() + " takes no webhooks");
    }
}
