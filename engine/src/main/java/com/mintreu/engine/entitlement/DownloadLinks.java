package com.mintreu.engine.entitlement;

import com.mintreu.engine.config.DownloadsConfig;
import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.security.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Signed download links: {@code /downloads/{id}?exp=E&kid=K&sig=S}, where S is the unpadded
 * base64url HMAC-SHA256, under {@code Secrets.derive("download-links:" + K)}, of the UTF-8 bytes
 * <pre>GET\n/downloads/{id}\n{id}\n{E}\n{K}</pre>
 * (method, path, entitlement id, expiry in epoch seconds, key id; {@code \n} = one LF byte, no
 * trailing newline). Only the configured key id and the retired ones still listed verify, and only
 * while E is at most {@code downloads.linkTtl} (plus {@link #CLOCK_SKEW} between nodes) away: the
 * engine never mints a longer link, so one that claims more was not made here, whoever holds the key.
 */
@Singleton
final class DownloadLinks {

    /** Why a link does not verify; the entitlement is only looked up for a link that does. */
    enum Check { OK, INVALID, EXPIRED }

    /** How far ahead another node's clock may be when it mints a link. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final DownloadsConfig config;
    private final String baseUrl;
    private final Secrets secrets;
    private final Clock clock;
    private final Set<String> acceptedKids;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

    @Inject
    DownloadLinks(DownloadsConfig config, ServerConfig server, Secrets secrets, Clock clock) {
        this.config = config;
        String url = server.publicUrl().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.secrets = secrets;
        this.clock = clock;
        Set<String> kids = new HashSet<>(config.previousKeyIds());
        kids.add(config.keyId());
        this.acceptedKids = Set.copyOf(kids);
    }

    /**
     * An absolute link (the configured public URL + path) for {@code e}, valid for the configured
     * lifetime or the product's shorter one.
     */
    String mint(Entitlement e) {
        Duration ttl = config.linkTtl();
        Integer hours = e.linkTtlHours();
        if (hours != null && Duration.ofHours(hours).compareTo(ttl) < 0) {
            ttl = Duration.ofHours(hours);
        }
        long exp = clock.instant().plus(ttl).getEpochSecond();
        String kid = config.keyId();
        return baseUrl + "/downloads/" + e.id() + "?exp=" + exp + "&kid=" + kid + "&sig=" + sign(e.id(), exp, kid);
    }

    /** Checks the signature first (constant time), then the expiry. */
    Check verify(String entitlementId, String exp, String kid, String sig) {
        if (exp == null || kid == null || sig == null || !acceptedKids.contains(kid) || !exp.matches("[0-9]{1,12}")) {
            return Check.INVALID;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        long expiry = Long.parseLong(exp);
        byte[] expected = Base64.getUrlDecoder().decode(sign(entitlementId, expiry, kid));
        if (!MessageDigest.isEqual(expected, given)) {
            return Check.INVALID;
        }
        long now = clock.instant().getEpochSecond();
        if (expiry > now + config.linkTtl().plus(CLOCK_SKEW).toSeconds()) {
            return Check.INVALID;
        }
        return now >= expiry ? Check.EXPIRED : Check.OK;
    }

    /** The exact bytes the signature covers; see the class comment. */
    static String signedString(String entitlementId, long exp, String kid) {
        return "GET\n/downloads/" + entitlementId + "\n" + entitlementId + "\n" + exp + "\n" + kid;
    }

    private String sign(String entitlementId, long exp, String kid) {
        byte[] key = keys.computeIfAbsent(kid, k -> secrets.derive("download-links:" + k));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal(signedString(entitlementId, exp, kid).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
