package com.mintreu.engine.web;

import com.mintreu.engine.config.ServerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import java.net.InetSocketAddress;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Undertow listener and its handler chain, outermost first: graceful shutdown (in-flight
 * requests finish), metrics, the client's address (trusted proxies), access log, security headers,
 * pages on another host sent to the public URL, then static files or the router.
 */
@Singleton
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("mintreu.access");
    /** Undertow's own size for its direct buffers (16 KiB less room for protocol framing). */
    private static final int BUFFER_BYTES = 16 * 1024 - 20;
    /**
     * Buffers kept in the shared queue. Undertow's builder keeps none there, so a request's read
     * buffer, taken on the IO thread and released on a worker, was dropped every time and the IO
     * thread zeroed a fresh 16 KiB one for the next request (a tenth of a warm API call's time).
     */
    private static final int POOLED_BUFFERS = 512;

    private final ServerConfig config;
    private final PluginWebAdapter plugins;
    private final GracefulShutdownHandler shutdown;
    private final Undertow undertow;
    private boolean started;

    @Inject
    WebServer(ServerConfig config, Router router, Templates templates, MeterRegistry metrics, PluginWebAdapter plugins) {
        this.config = config;
        this.plugins = plugins;
        HttpHandler files = StaticFiles.handler(templates);
        // browsers ask for /favicon.ico on their own: it is the theme's static/favicon.ico
        HttpHandler app = Handlers.path(router).addPrefixPath("/static", files).addExactPath("/favicon.ico", exchange -> {
            exchange.setRelativePath("/favicon.ico");
            files.handleRequest(exchange);
        });
        // with port 0 the public URL cannot name the real port, so there is no host to send pages to
        HttpHandler chain = config.port() == 0 ? app : new PublicHostRedirect(app, config.publicUrl());
        if (!BenchSwitch.off("securityHeaders")) {
            chain = new SecurityHeaders(chain);
        }
        if (config.secureCookies()) {
            chain = new Hsts(chain);
        }
        if (config.accessLog()) {
            // %U is the path without the query string: reset and verification tokens never reach the log
            chain = new AccessLogHandler(chain, ACCESS::info, "%a \"%m %U %H\" %s %b %Dms", WebServer.class.getClassLoader());
        }
        // before the access log and the router, so both (and every throttle) see the real client
        chain = new ClientAddress(config.trustedProxyRanges(), chain);
        HttpHandler timed = BenchSwitch.off("httpMetrics") ? chain : new RequestTimer(chain, metrics);
        this.shutdown = Handlers.gracefulShutdown(timed);
        this.undertow = Undertow.builder()
                .addHttpListener(config.port(), config.listenHost())
                .setWorkerThreads(config.workerThreads())
                .setByteBufferPool(new DefaultByteBufferPool(true, BUFFER_BYTES, POOLED_BUFFERS, 4))
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, config.maxBodyBytes())
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 16 * 1024)
                .setHandler(shutdown)
                .build();
    }

    /** Starts listening; call after the plugin host started, so the plugins' routes are mounted. */
    public synchronized void start() {
        plugins.mount();
        undertow.start();
        started = true;
        LOG.info("listening on http://{}:{}", config.listenHost(), port());
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    /** Stops accepting requests, lets in-flight ones finish within the grace period, then stops. */
    @Override
    public synchronized void close() {
        if (!started) {
            return;
        }
        started = false;
        shutdown.shutdown();
        try {
            if (!shutdown.awaitShutdown(config.shutdownGrace().toMillis())) {
                LOG.warn("requests still running after {}; stopping anyway", config.shutdownGrace());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
    }
}
