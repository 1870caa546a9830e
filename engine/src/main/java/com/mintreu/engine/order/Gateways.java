package com.mintreu.engine.order;

import com.mintreu.api.payment.PaymentGateway;
import com.mintreu.config.ConfigException;
import com.mintreu.config.ConfigProblem;
import com.mintreu.engine.config.OrdersConfig;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.plugin.PluginStatus;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running payment gateways, called only through the plugin dispatcher: what shoppers choose
 * from, in the order the admin arranged them ("Payment methods", {@link PaymentMethodSettings}),
 * which one is the default, and which origins their hosted pages need in the pages' CSP.
 */
@Singleton
public final class Gateways {

    private static final Logger LOG = LoggerFactory.getLogger(Gateways.class);

    /** A running gateway as the storefront shows it; {@code checkoutOrigins} are validated bare origins. */
    public record Info(String id, String displayName, Set<String> checkoutOrigins) {}

    /**
     * A payment method as the admin arranges it: a running gateway, or one the admin arranged whose
     * plugin does not run now ({@code state} {@code disabled}, {@code failed}, {@code stopped}, or
     * {@code missing} when no such plugin was found). {@code position} is 1-based over all of them;
     * {@code isDefault} marks the effective default.
     */
    public record Method(String id, String displayName, String state, int position, boolean isDefault) {

        public boolean running() {
            return state.equals("running");
        }
    }

    /** Who picked the default: {@code admin} (Payment methods), {@code config} ({@code orders.defaultGateway}), {@code only} (the only one running), {@code none}. */
    public record DefaultChoice(Optional<String> id, String source) {}

    private final PluginHost plugins;
    private final OrdersConfig config;
    private final PaymentMethodSettings settings;
    // display names and origins are constant after start (SPI contract): read once, not per page
    private volatile List<Info> started;

    @Inject
    Gateways(PluginHost plugins, OrdersConfig config, PaymentMethodSettings settings) {
        this.plugins = plugins;
        this.config = config;
        this.settings = settings;
    }

    /** The ids of the running gateways, sorted by id. */
    public List<String> ids() {
        return started().stream().map(Info::id).sorted().toList();
    }

    /**
     * The running gateways in the order shoppers see them: the admin's saved positions first, then
     * any gateway never arranged (a newly installed plugin) by display name.
     */
    public List<Info> running() {
        Map<String, Integer> rank = settings.current().rank();
        return started().stream().sorted(order(rank, Info::id, Info::displayName)).toList();
    }

    /** The display name of {@code gatewayId}: as it runs, else as it was last saved, else the id itself. */
    public String displayName(String gatewayId) {
        return started().stream().filter(i -> i.id().equals(gatewayId)).map(Info::displayName).findFirst()
                .or(() -> settings.current().positions().stream().filter(p -> p.gateway().equals(gatewayId))
                        .map(PaymentMethodSettings.Position::displayName).findFirst())
                .orElse(gatewayId);
    }

    /** Every payment method for the admin: the running gateways and those arranged earlier that do not run now, in their order. */
    public List<Method> methods() {
        PaymentMethodSettings.Saved saved = settings.current();
        Map<String, String> names = new HashMap<>();
        saved.positions().forEach(p -> names.put(p.gateway(), p.displayName()));
        started().forEach(i -> names.put(i.id(), i.displayName()));
        Set<String> running = new HashSet<>(started().stream().map(Info::id).toList());
        Map<String, String> pluginStates = new HashMap<>();
        for (PluginStatus s : plugins.statuses()) {
            pluginStates.put(s.id(), s.state().name().toLowerCase(Locale.ROOT));
        }
        Optional<String> def = defaultChoice().id();
        List<String> ids = names.keySet().stream().sorted(order(saved.rank(), Function.identity(), names::get)).toList();
        List<Method> out = new ArrayList<>();
        for (String id : ids) {
            // a gateway's plugin usually has the gateway's id; when not, all we know is that it does not run
            String state = running.contains(id) ? "running" : switch (pluginStates.getOrDefault(id, "missing")) {
                case "disabled", "failed", "stopped" -> pluginStates.get(id);
                default -> "missing";
            };
            out.add(new Method(id, names.get(id), state, out.size() + 1, def.filter(id::equals).isPresent()));
        }
        return out;
    }

    /**
     * Saves the admin's arrangement for every node: {@code order} lists payment method ids first to
     * last (those it leaves out follow in their current order, so nothing is ever dropped), and
     * {@code defaultGateway} is preselected (null or blank: no choice of the admin's, so
     * {@code orders.defaultGateway} or the only running gateway applies). Audited.
     *
     * @throws ApiException 422 naming {@code order} (an unknown or repeated id) or {@code defaultGateway} (not running)
     */
    public List<Method> arrange(List<String> order, String defaultGateway, Principal admin) {
        List<Method> current = methods();
        Map<String, Method> byId = new HashMap<>();
        current.forEach(m -> byId.put(m.id(), m));
        List<ApiException.FieldError> errors = new ArrayList<>();
        List<String> full = new ArrayList<>();
        for (String id : order == null ? List.<String>of() : order) {
            if (id == null || !byId.containsKey(id)) {
                errors.add(new ApiException.FieldError("order", "no payment method '" + id + "'; known: " + String.join(", ", byId.keySet().stream().sorted().toList())));
            } else if (full.contains(id)) {
                errors.add(new ApiException.FieldError("order", "'" + id + "' is listed twice"));
            } else {
                full.add(id);
            }
        }
        String chosen = defaultGateway == null || defaultGateway.isBlank() ? null : defaultGateway.strip();
        if (chosen != null && !(byId.containsKey(chosen) && byId.get(chosen).running())) {
            errors.add(new ApiException.FieldError("defaultGateway", "'" + chosen + "' is not a running payment method; running: "
                    + String.join(", ", ids())));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        current.stream().map(Method::id).filter(id -> !full.contains(id)).forEach(full::add);
        List<PaymentMethodSettings.Position> positions = new ArrayList<>();
        for (String id : full) {
            positions.add(new PaymentMethodSettings.Position(id, positions.size() + 1, byId.get(id).displayName()));
        }
        settings.save(positions, chosen, admin);
        return methods();
    }

    /** Saved position first (unsaved last), then display name, then id. */
    private static <T> Comparator<T> order(Map<String, Integer> rank, Function<T, String> id, Function<T, String> name) {
        return Comparator.<T>comparingInt(t -> rank.getOrDefault(id.apply(t), Integer.MAX_VALUE))
                .thenComparing(t -> name.apply(t).toLowerCase(Locale.ROOT)).thenComparing(id);
    }

    private List<Info> started() {
        List<Info> out = started;
        if (out == null) {
            out = plugins.extensions(PaymentGateway.class).stream().map(this::describe).toList();
            started = out;
        }
        return out;
    }

    /** Every origin a running gateway's hosted checkout declares: what {@code form-action} must allow besides the shop. */
    public Set<String> checkoutOrigins() {
        Set<String> out = new LinkedHashSet<>();
        running().forEach(i -> out.addAll(i.checkoutOrigins()));
        return out;
    }

    /** The default the admin saved on "Payment methods", running or not; empty when they never chose one. */
    public Optional<String> adminDefault() {
        return Optional.ofNullable(settings.current().defaultGateway());
    }

    /** The gateway preselected in the cart and used when a checkout names none (see {@link #defaultChoice()}). */
    public Optional<String> defaultId() {
        return defaultChoice().id();
    }

    /**
     * The default and who picked it, first that applies: the admin's choice while that gateway runs
     * (a stopped one keeps the choice saved for when it runs again), else {@code orders.defaultGateway},
     * else the only running gateway, else none (the buyer must choose).
     */
    public DefaultChoice defaultChoice() {
        String admin = settings.current().defaultGateway();
        if (admin != null && started().stream().anyMatch(i -> i.id().equals(admin))) {
            return new DefaultChoice(Optional.of(admin), "admin");
        }
        if (!config.defaultGateway().isBlank()) {
            return new DefaultChoice(Optional.of(config.defaultGateway()), "config");
        }
        List<String> ids = ids();
        return ids.size() == 1 ? new DefaultChoice(Optional.of(ids.getFirst()), "only") : new DefaultChoice(Optional.empty(), "none");
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
        if (!wanted.isBlank() && started().stream().noneMatch(i -> i.id().equals(wanted))) {
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

    /** True when the gateway runs and renews subscriptions itself ({@code capabilities().subscriptions()}): checkout then subscribes there. */
    public boolean managesSubscriptions(String id) {
        if (id == null) {
            return false;
        }
        return plugins.extension(PaymentGateway.class, id).map(g -> {
            try {
                return plugins.call(g, "capabilities", PaymentGateway::capabilities).subscriptions();
            } catch (PluginCallException e) {
                LOG.warn("payment gateway {} did not say what it can do ({}); no provider-managed subscriptions", id, e.getMessage());
                return false;
            }
        }).orElse(false);
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
