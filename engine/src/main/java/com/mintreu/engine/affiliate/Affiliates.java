package com.mintreu.engine.affiliate;

import com.mintreu.engine.admin.KillSwitch;
import com.mintreu.engine.admin.KillSwitches;
import com.mintreu.engine.config.AffiliatesConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.web.Exchange;
import io.undertow.server.handlers.Cookie;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * The affiliate program's rules: joining, logging a click on a link, and attributing an order at
 * checkout to the last click within the cookie window. Self-referral is refused (no attribution),
 * and lines of the affiliate's own products earn nothing (see {@link CommissionBooking}).
 */
@Singleton
public final class Affiliates {

    /** The first-party cookie holding the last click's id; read at checkout. */
    public static final String COOKIE = "mintreu_ref";
    private static final Pattern CODE = Pattern.compile("[a-z0-9]{4,32}");
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AffiliateStore store;
    private final AffiliatesConfig config;
    private final Clock clock;
    // salts the visitor hash of clicks; never stored, so a logged click cannot be traced back to an IP
    private final String visitorSalt = Tokens.random(32);

    private final KillSwitches switches;

    @Inject
    Affiliates(AffiliateStore store, AffiliatesConfig config, Clock clock, KillSwitches switches) {
        this.switches = switches;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /** The click id in the request's referral cookie, or null. */
    public static String referral(Exchange x) {
        Cookie c = x.raw().getRequestCookie(COOKIE);
        return c == null || c.getValue().isBlank() ? null : c.getValue();
    }

    /** Makes {@code userId} an affiliate with a fresh code (pending when approval is required); returns them as they are now. */
    public Affiliate join(String userId) {
        Optional<Affiliate> existing = store.byUser(userId);
        if (existing.isPresent()) {
            return existing.get();
        }
        store.insert(new Affiliate(Ids.next("aff"), userId, newCode(), config.requireApproval() ? "pending" : "active", clock.millis()));
        return store.byUser(userId).orElseThrow();
    }

    public Optional<Affiliate> ofUser(String userId) {
        return store.byUser(userId);
    }

    /**
     * Logs a click on {@code code}'s link; returns the click id for the referral cookie, or empty
     * when the code is unknown or its affiliate is not (yet) active, or referrals are switched off
     * ({@link KillSwitch#REFERRALS}: the link still leads on, but sets no cookie and logs nothing).
     */
    public Optional<String> click(String code, String productSlug, String ip, String userAgent) {
        if (code == null || !CODE.matcher(code).matches() || referralsOff()) {
            return Optional.empty();
        }
        Optional<Affiliate> a = store.byCode(code).filter(Affiliate::active);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        String id = Ids.next("acl");
        store.insertClick(id, a.get().id(), productSlug, Tokens.sha256(visitorSalt + "|" + ip + "|" + userAgent), clock.millis());
        return Optional.of(id);
    }

    /**
     * Attributes {@code order} (being placed in {@code h}'s transaction) to the click in the
     * referral cookie, when the click is within the window, its affiliate active, and the buyer is
     * not the affiliate. Nothing is attributed while {@link KillSwitch#REFERRALS} is engaged
     * (commissions of orders attributed before stay). Returns the affiliate id when attributed.
     */
    public Optional<String> attribute(Handle h, Order order, String clickId) {
        if (clickId == null || clickId.isBlank() || clickId.length() > 64 || referralsOff()) {
            return Optional.empty();
        }
        long now = clock.millis();
        Optional<AffiliateStore.Click> click = store.click(h, clickId)
                .filter(c -> c.createdAt() + Duration.ofDays(config.cookieDays()).toMillis() >= now);
        if (click.isEmpty()) {
            return Optional.empty();
        }
        Optional<Affiliate> a = store.byId(click.get().affiliateId()).filter(Affiliate::active)
                .filter(x -> !x.userId().equals(order.customerId())); // self-referral earns nothing
        if (a.isEmpty() || order.lines().stream().allMatch(l -> l.sellerId().equals(a.get().userId()))) {
            return Optional.empty(); // only the affiliate's own products: nothing to refer
        }
        store.attribute(h, order.id(), a.get().id(), clickId, now);
        return Optional.of(a.get().id());
    }

    /** True while an admin has switched referrals off: links lead on without a cookie, checkout attributes nothing. */
    boolean referralsOff() {
        return switches.isEngaged(KillSwitch.REFERRALS);
    }

    /** The affiliate an order is attributed to, if any. */
    public Optional<Affiliate> attributionOf(String orderId) {
        return store.attributedTo(orderId).flatMap(store::byId);
    }

    AffiliateStore.Stats stats(Affiliate a) {
        return store.stats(a.id());
    }

    /** The global commission as a percent for people, e.g. "10" or "12.5". */
    String globalRatePercent() {
        return java.math.BigDecimal.valueOf(config.rateBasisPoints(), 2).stripTrailingZeros().toPlainString();
    }

    int cookieMaxAgeSeconds() {
        return Math.toIntExact(Duration.ofDays(config.cookieDays()).toSeconds());
    }

    private static String newCode() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
