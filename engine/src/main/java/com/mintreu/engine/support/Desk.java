package com.mintreu.engine.support;

import com.mintreu.api.helpdesk.Helpdesk;
import com.mintreu.api.helpdesk.HelpdeskException;
import com.mintreu.engine.config.SupportConfig;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The one door to the configured {@link Helpdesk}: every call goes through the plugin dispatcher
 * (timeout, stable codes), and the helpdesk's refusals become the engine's errors.
 */
@Singleton
final class Desk {

    private final PluginHost host;
    private final SupportConfig config;

    @Inject
    Desk(PluginHost host, SupportConfig config) {
        this.host = host;
        this.config = config;
    }

    /** Runs {@code call} on the helpdesk; NOT_FOUND becomes 404, CONFLICT 409, anything else 502/503. */
    <R> R call(String operation, PluginHost.ExtensionCall<Helpdesk, R> call) {
        Helpdesk desk = host.extension(Helpdesk.class, config.helpdesk())
                .orElseThrow(() -> new ApiException(SupportError.HELPDESK_UNAVAILABLE, "the helpdesk '" + config.helpdesk() + "' is not running"));
        try {
            return host.call(desk, operation, call);
        } catch (PluginCallException e) {
            if (e.getCause() instanceof HelpdeskException he) {
                throw switch (he.reason()) {
                    case NOT_FOUND -> ApiException.notFound("ticket");
                    case CONFLICT -> new ApiException(SupportError.TICKET_CONFLICT, he.getMessage());
                };
            }
            throw new ApiException(SupportError.HELPDESK_FAILED, "the helpdesk '" + config.helpdesk() + "' failed (" + e.code() + ")");
        }
    }
}
