package com.mintreu.engine.payout;

import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.api.payout.OnboardingRequest;
import com.mintreu.api.payout.PayeeStatus;
import com.mintreu.api.payout.PayoutEvent;
import com.mintreu.api.payout.PayoutMethod;
import com.mintreu.api.payout.PayoutRequest;
import com.mintreu.api.payout.PayoutResult;
import com.mintreu.engine.config.PayoutsConfig;
import com.mintreu.engine.plugin.PluginHost;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The method {@code payouts.method} names: the built-in {@code payout-manual}, or a started plugin's
 * {@link PayoutMethod}, called through the plugin dispatcher (timeout, errors) like any plugin.
 */
@Singleton
final class PayoutMethods {

    private final ManualPayoutMethod manual;
    private final PluginHost plugins;
    private final PayoutsConfig config;

    @Inject
    PayoutMethods(ManualPayoutMethod manual, PluginHost plugins, PayoutsConfig config) {
        this.manual = manual;
        this.plugins = plugins;
        this.config = config;
    }

    /** The configured method's id, recorded on each payout. */
    String id() {
        return config.method();
    }

    /** Sends one payout; throws when the configured plugin is not running or fails (the payout stays pending). */
    PayoutResult pay(PayoutRequest request) {
        if (config.method().equals(manual.id())) {
            return manual.pay(request);
        }
        PayoutMethod method = plugins.extension(PayoutMethod.class, config.method())
                .orElseThrow(() -> new IllegalStateException("payout method " + config.method() + " is not running"));
        return plugins.call(method, "pay", m -> m.pay(request));
    }

    /** True when the configured method is the built-in manual one. */
    boolean manual() {
        return config.method().equals(manual.id());
    }

    /** The configured plugin method when it is running; empty for the manual one. */
    private Optional<PayoutMethod> plugin() {
        return manual() ? Optional.empty() : plugins.extension(PayoutMethod.class, config.method());
    }

    /** True when the configured method is running and needs payees to connect an account before they are paid. */
    boolean onboards() {
        return plugin().map(m -> plugins.call(m, "onboards", PayoutMethod::onboards)).orElse(false);
    }

    /** The provider's onboarding page for the payee (the plugin creates their account once). */
    URI startOnboarding(OnboardingRequest request) {
        PayoutMethod m = plugin().orElseThrow(() -> new IllegalStateException("payout method " + config.method() + " is not running"));
        return plugins.call(m, "startOnboarding", x -> x.startOnboarding(request));
    }

    /** The payee's status as the provider reports it now; empty when they never started. */
    Optional<PayeeStatus> payee(String payeeId) {
        return plugin().flatMap(m -> plugins.call(m, "payee", x -> x.payee(payeeId)));
    }

    /** Origins the "set up payouts" form may lead to (CSP form-action), as bare origins. */
    Set<String> onboardingOrigins() {
        return plugin().map(m -> plugins.call(m, "onboardingOrigins", PayoutMethod::onboardingOrigins)).orElse(Set.of()).stream()
                .filter(u -> ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getRawAuthority() != null)
                .map(u -> u.getScheme() + "://" + u.getRawAuthority()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The verified events of a webhook for method {@code methodId} (any running payout method, not
     * only the configured one: a transfer may be reversed after the shop switched methods).
     *
     * @return empty when no running payout method has that id or it takes no webhooks
     * @throws WebhookRejectedException when the method refused the webhook (bad signature, stale, unreadable)
     */
    Optional<List<PayoutEvent>> parseWebhook(String methodId, WebhookRequest raw) throws WebhookRejectedException {
        Optional<PayoutMethod> m = plugins.extension(PayoutMethod.class, methodId);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(plugins.call(m.get(), "parseWebhook", x -> x.parseWebhook(raw)));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof WebhookRejectedException rejected) {
                    throw rejected;
                }
                if (t instanceof UnsupportedOperationException) {
                    return Optional.empty();
                }
            }
            throw e;
        }
    }
}
