package com.mintreu.engine.order;

import com.mintreu.api.payment.PaymentGateway;
import com.mintreu.config.ConfigException;
import com.mintreu.config.ConfigProblem;
import com.mintreu.engine.config.OrdersConfig;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running payment gateways, called only through the plugin dispatcher: what shoppers choose
 * from, which one is the default, and which origins their hosted pages need in the pages' CSP.
 */
@Singleton
public final class Gateways {

    private static final Logger LOG = LoggerFactory.getLogger(Gateways.class);

    /** A running gateway as the storefront shows it; {@code checkoutOrigins} are validated bare origins. */
    public record Info(String id, String displayName, Set<String> checkoutOrigins) {}

    private final PluginHost plugins;
    private final OrdersConfig config;
    // display names and origins are constant after start (SPI contract): read once, not per page
    private volatile List<Info> running;

    @Inject
    Gateways(PluginHost plugins, OrdersConfig config) {
        this.plugins = plugins;
        this.config = config;
    }

    public List<String> ids() {
        return running().stream().map(Info::id).sorted().toList();
    }

    /** The running gateways, by display name. */
    public List<Info> running() {
        List<Info> out = running;
        if (out == null) {
            out = plugins.extensions(PaymentGateway.class).stream().map(this::describe)
                    .sorted(Comparator.comparing((Info i) -> i.displayName().toLowerCase(Locale.ROOT)).thenComparing(Info::id)).toList();
            running = out;
        }
        return out;
    }

    /** Every origin a running gateway's hosted checkout declares: what {@code form-action} must allow besides the shop. */
    public Set<String> checkoutOrigins() {
        Set<String> out = new LinkedHashSet<>();
        running().forEach(i -> out.addAll(i.checkoutOrigins()));
        return out;
    }

    /** The gateway a checkout uses when the buyer names none: {@code orders.defaultGateway}, else the only one running. */
    public Optional<String> defaultId() {
        if (!config.defaultGateway().isBlank()) {
            return Optional.of(config.defaultGateway());
        }
        List<String> ids = ids();
        return ids.size() == 1 ? Optional.of(ids.getFirst()) : Optional.empty();
    }

    /**
     * Called once the plugins have started: {@code orders.defaultGateway} must name a running
     * gateway. Refusing to start is deliberate: the operator said where payments go, and serving
     * with that gateway missing would fail (or misroute) every checkout that names none.
     *
     * @throws ConfigException naming the setting, the value and the gateways that do run
     */
    public void checkDefault() {
        String wanted = config.defaultGateway();
        if (!wanted.isBlank() && running().stream().noneMatch(i -> i.id().equals(wanted))) {
            List<String> ids = ids();
            throw new ConfigException(List.of(new ConfigProblem("orders.defaultGateway", "no payment gateway '" + wanted
                    + "' is running; running: " + (ids.isEmpty() ? "none" : String.join(", ", ids))
                    + " (a plugin that failed to start is listed by `mintreu plugins list`)")));
        }
    }

    public PaymentGateway require(String id) {
        return plugins.extension(PaymentGateway.class, id)
                .orElseThrow(() -> new ApiException(OrderError.UNKNOWN_GATEWAY, "no payment gateway '" + id + "' is running"));
    }

    /** True when the gateway runs and can charge a saved payment method ({@link com.mintreu.api.payment.RecurringCharges}). */
    public boolean chargesSavedMethods(String id) {
        return id != null && plugins.extension(PaymentGateway.class, id).map(g -> g instanceof com.mintreu.api.payment.RecurringCharges).orElse(false);
    }

    /** Calls the gateway; its failures (including timeouts) surface as {@link PluginCallException}. */
    public <R> R call(String gatewayId, String operation, PluginHost.ExtensionCall<PaymentGateway, R> call) {
        return plugins.call(require(gatewayId), operation, call);
    }

    private Info describe(PaymentGateway gateway) {
        String name = gateway.id();
        Set<String> origins = new LinkedHashSet<>();
        try {
            String declared = plugins.call(gateway, "displayName", PaymentGateway::displayName);
            if (declared != null && !declared.isBlank()) {
                name = declared.strip();
            }
            Set<URI> uris = plugins.call(gateway, "hostedCheckoutOrigins", PaymentGateway::hostedCheckoutOrigins);
            for (URI uri : uris == null ? Set.<URI>of() : uris) {
                Optional<String> origin = origin(uri);
                if (origin.isPresent()) {
                    origins.add(origin.get());
                } else {
                    LOG.warn("payment gateway {} declares '{}' as a checkout origin; ignored: expected http(s)://host[:port] without a path",
                            gateway.id(), uri);
                }
            }
        } catch (PluginCallException e) {
            LOG.warn("payment gateway {} did not describe itself ({}); shown by its id", gateway.id(), e.getMessage());
        }
        return new Info(gateway.id(), name, Set.copyOf(origins));
    }

    /**
     * {@code uri} as a CSP origin source ({@code scheme://host[:port]}), or empty unless it is a
     * bare http(s) origin: a path, query, user info or odd character could widen or break the policy.
     */
    static Optional<String> origin(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        String path = uri.getRawPath();
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null || !(path == null || path.isEmpty() || path.equals("/"))
                || !host.matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]")) {
            return Optional.empty();
        }
        return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }
}
