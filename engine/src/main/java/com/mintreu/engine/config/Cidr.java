package com.mintreu.engine.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IP address or a CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}), as {@code server.trustedProxies} lists them. */
public record Cidr(byte[] network, int prefixBits) {

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Parses {@code 192.0.2.1}, {@code 192.0.2.0/24}, {@code ::1} or {@code 2001:db8::/32}; throws IllegalArgumentException otherwise. */
    public static Cidr parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        InetAddress address = literal(slash < 0 ? t : t.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("expected an IP address or a CIDR range like 10.0.0.0/8, got '" + text + "'");
        }
        int max = address.getAddress().length * 8;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("expected a prefix length from 0 to " + max + " in '" + text + "'");
            }
        }
        return new Cidr(address.getAddress(), bits);
    }

    /**
     * The address written in {@code text} when it is an IPv4 or IPv6 literal, else null. Never asks
     * DNS: only text shaped like an address reaches {@link InetAddress#getByName}.
     */
    public static InetAddress literal(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }
}
