package com.mintreu.engine.web;

import com.mintreu.engine.config.Cidr;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets the exchange's source address to the real client's, first in the handler chain, so that
 * throttles, the access log and everything else that asks for the client see one answer. Behind a
 * reverse proxy the peer is the proxy; only when the peer is listed in {@code server.trustedProxies}
 * are {@code X-Forwarded-For} (or, without it, {@code Forwarded: for=}) read, from the right: each
 * trusted hop is skipped and the right-most untrusted one is the client (hops to its left are
 * whatever the client wrote). From any other peer the headers are ignored, so nobody can pick
 * their own address. Every proxy in front of the engine must append to X-Forwarded-For.
 */
final class ClientAddress implements HttpHandler {

    /** Set when a request carried forwarding headers from a peer that is not a trusted proxy. */
    static final AttachmentKey<Boolean> UNTRUSTED_FORWARD = AttachmentKey.create(Boolean.class);

    private static final HttpString X_FORWARDED_FOR = HttpString.tryFromString("X-Forwarded-For");
    private static final HttpString FORWARDED = HttpString.tryFromString("Forwarded");

    private final List<Cidr> trusted;
    private final HttpHandler next;

    ClientAddress(List<Cidr> trusted, HttpHandler next) {
        this.trusted = List.copyOf(trusted);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        List<String> hops = hops(exchange);
        InetSocketAddress peer = exchange.getSourceAddress();
        if (!hops.isEmpty() && peer != null && peer.getAddress() != null) {
            if (trusted(peer.getAddress())) {
                InetAddress client = client(peer.getAddress(), hops);
                if (!client.equals(peer.getAddress())) {
                    exchange.setSourceAddress(new InetSocketAddress(client, 0));
                }
            } else {
                exchange.putAttachment(UNTRUSTED_FORWARD, true);
            }
        }
        next.handleRequest(exchange);
    }

    /** Walks the hops right to left from the trusted peer; a hop that is no IP literal ends the walk at the last known address. */
    InetAddress client(InetAddress peer, List<String> hops) {
        InetAddress current = peer;
        for (int i = hops.size() - 1; i >= 0 && trusted(current); i--) {
            InetAddress hop = Cidr.literal(strip(hops.get(i)));
            if (hop == null) {
                break;
            }
            current = hop;
        }
        return current;
    }

    private boolean trusted(InetAddress address) {
        return trusted.stream().anyMatch(c -> c.contains(address));
    }

    /** The forwarding chain, left (farthest) to right (nearest): X-Forwarded-For when present, else Forwarded's for= values. */
    static List<String> hops(HttpServerExchange exchange) {
        List<String> out = new ArrayList<>();
        HeaderValues xff = exchange.getRequestHeaders().get(X_FORWARDED_FOR);
        if (xff != null) {
            xff.forEach(line -> out.addAll(List.of(line.split(","))));
            return out;
        }
        HeaderValues forwarded = exchange.getRequestHeaders().get(FORWARDED);
        if (forwarded != null) {
            for (String line : forwarded) {
                for (String element : line.split(",")) {
                    for (String pair : element.split(";")) {
                        String p = pair.trim();
                        if (p.regionMatches(true, 0, "for=", 0, 4)) {
                            out.add(p.substring(4));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** {@code "[2001:db8::1]:4711"} to {@code 2001:db8::1}, {@code 192.0.2.1:80} to {@code 192.0.2.1}. */
    static String strip(String hop) {
        String h = hop.trim();
        if (h.length() >= 2 && h.startsWith("\"") && h.endsWith("\"")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : h.substring(1, close);
        }
        int colon = h.indexOf(':');
        return colon > 0 && colon == h.lastIndexOf(':') ? h.substring(0, colon) : h;
    }
}
