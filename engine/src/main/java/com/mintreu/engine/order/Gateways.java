package com.mintreu.engine.order;

import com.mintreu.api.payment.PaymentGateway;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The running payment gateways, called only through the plugin dispatcher. */
@Singleton
public final class Gateways {

    private final PluginHost plugins;

    @Inject
    Gateways(PluginHost plugins) {
        this.plugins = plugins;
    }

    public List<String> ids() {
        return plugins.extensions(PaymentGateway.class).stream().map(PaymentGateway::id).sorted().toList();
    }

    public PaymentGateway require(String id) {
        return plugins.extension(PaymentGateway.class, id)
                .orElseThrow(() -> new ApiException(OrderError.UNKNOWN_GATEWAY, "no payment gateway '" + id + "' is running"));
    }

    /** Calls the gateway; its failures (including timeouts) surface as {@link PluginCallException}. */
    public <R> R call(String gatewayId, String operation, PluginHost.ExtensionCall<PaymentGateway, R> call) {
        return plugins.call(require(gatewayId), operation, call);
    }
}
