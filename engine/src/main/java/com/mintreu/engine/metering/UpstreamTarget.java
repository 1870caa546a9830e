package com.mintreu.engine.metering;

import com.mintreu.engine.web.ApiException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a gateway call goes: the purchase's frozen {@code upstreamUrl} plus the rest of the path and
 * the query, after checking the upstream is not on this machine or a private network (the URL is the
 * seller's input; without the check any seller could make the marketplace call its own admin
 * ports or the cloud's metadata service). {@code allowPrivate} lifts the check (the demo's
 * upstream is on loopback).
 *
 * <p>Limit: the host is resolved here and again by the HTTP client, so a DNS name that changes
 * between the two (rebinding) is not caught; resolutions are kept {@value #CHECK_TTL_MS} ms.
 */
final class UpstreamTarget {

    static final long CHECK_TTL_MS = 30_000;

    private record Checked(boolean isPublic, long at) {}

    private final boolean allowPrivate;
    private final Map<String, Checked> hosts = new ConcurrentHashMap<>();

    UpstreamTarget(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The upstream URL for {@code rest} (raw, still percent-encoded; may be empty) and {@code query} (raw, or null). */
    URI resolve(String upstreamUrl, String rest, String query) {
        if (upstreamUrl == null || upstreamUrl.isBlank()) {
            throw new ApiException(GatewayError.UPSTREAM_NOT_CONFIGURED, "this purchase has no upstream URL; ask the seller");
        }
        URI base;
        try {
            base = URI.create(upstreamUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new ApiException(GatewayError.UPSTREAM_NOT_CONFIGURED, "the upstream URL of this purchase is not a URL");
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw new ApiException(GatewayError.UPSTREAM_NOT_CONFIGURED, "the upstream URL of this purchase is not an http(s) URL");
        }
        if (!allowPrivate && !isPublic(base.getHost())) {
            throw new ApiException(GatewayError.UPSTREAM_FORBIDDEN, "the upstream host is on loopback or a private network");
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String path = rest.isEmpty() ? basePath : strip(basePath) + "/" + rest;
        StringBuilder out = new StringBuilder(scheme).append("://").append(base.getRawAuthority()).append(path.isEmpty() ? "/" : path);
        if (query != null && !query.isEmpty()) {
            out.append('?').append(query);
        }
        try {
            return URI.create(out.toString());
        } catch (IllegalArgumentException e) {
            throw new ApiException(GatewayError.UPSTREAM_NOT_CONFIGURED, "the call's path does not make a valid upstream URL");
        }
    }

    private static String strip(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private boolean isPublic(String host) {
        long now = System.currentTimeMillis();
        Checked c = hosts.get(host);
        if (c == null || now - c.at() > CHECK_TTL_MS) {
            c = new Checked(allPublic(host), now);
            hosts.put(host, c);
        }
        return c.isPublic();
    }

    /** True when every address of {@code host} is a public unicast address; an unknown host is not public. */
    static boolean allPublic(String host) {
        try {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            InetAddress[] all = InetAddress.getAllByName(bare);
            for (InetAddress a : all) {
                if (!isPublic(a)) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 0.0.0.0/8 "this network", 100.64.0.0/10 carrier-grade NAT, 192.0.0.0/24 protocol assignments, 240.0.0.0/4 reserved
            return first != 0 && !(first == 100 && second >= 64 && second < 128) && !(first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    && first < 240;
        }
        if (a instanceof Inet6Address) {
            // fc00::/7 unique local addresses (the IPv6 private ranges); IPv4-mapped addresses come back as Inet4Address
            return (b[0] & 0xfe) != 0xfc;
        }
        return true;
    }
}
