package com.mintreu.engine.order;

import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginErrorCode;

/**
 * What a failed gateway call means for the buyer, from the dispatcher's code and the gateway's
 * {@link PaymentGatewayException.Reason}: wait and retry ({@code GATEWAY_TIMEOUT}), try later or
 * another gateway ({@code GATEWAY_UNAVAILABLE}), or another gateway because the shop must fix this
 * one ({@code GATEWAY_CONFIGURATION}).
 */
public final class GatewayFailure {

    private GatewayFailure() {}

    public static OrderError of(PluginCallException e) {
        if (e.code() == PluginErrorCode.PLUGIN_TIMEOUT || e.code() == PluginErrorCode.PLUGIN_INTERRUPTED) {
            return OrderError.GATEWAY_TIMEOUT;
        }
        if (e.code() == PluginErrorCode.PLUGIN_BUSY) {
            return OrderError.GATEWAY_UNAVAILABLE;
        }
        if (e.getCause() instanceof PaymentGatewayException p) {
            return switch (p.reason()) {
                case TIMEOUT -> OrderError.GATEWAY_TIMEOUT;
                case UNAVAILABLE, NOT_FOUND -> OrderError.GATEWAY_UNAVAILABLE;
                // the provider refuses this shop's request as it is: retrying the same way cannot help
                case CONFIGURATION, REJECTED -> OrderError.GATEWAY_CONFIGURATION;
            };
        }
        // the plugin threw something else: a bug or a broken setup only the operator can fix
        return OrderError.GATEWAY_CONFIGURATION;
    }
}
