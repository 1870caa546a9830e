package com.mintreu.engine.entitlement;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.api.product.ProductType;
import com.mintreu.api.product.RevokedEntitlement;
import com.mintreu.engine.audit.AuditLog.Actor;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Release;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of entitlements: who sees which, what a download may take, revocation. Every lookup
 * by id is checked against the caller: another customer's id is a 404, as if it did not exist;
 * admins see all.
 */
@Singleton
public final class EntitlementService {

    private static final Logger LOG = LoggerFactory.getLogger(EntitlementService.class);

    private final EntitlementStore store;
    private final LicenseKeys licenses;
    private final EntitlementEvents events;
    private final Tx tx;
    private final OrderService orders;
    private final CatalogService catalog;
    private final PluginHost host;
    private final DownloadLinks links;
    private final Clock clock;

    @Inject
    EntitlementService(EntitlementStore store, LicenseKeys licenses, EntitlementEvents events, Tx tx, OrderService orders, CatalogService catalog,
            PluginHost host, DownloadLinks links, Clock clock) {
        this.store = store;
        this.licenses = licenses;
        this.events = events;
        this.tx = tx;
        this.orders = orders;
        this.catalog = catalog;
        this.host = host;
        this.links = links;
        this.clock = clock;
    }

    /**
     * The entitlements of an order the caller may see (404 otherwise), with links and keys. Only
     * the caller's own (all, for an admin): what a seller transferred to another customer is
     * theirs now, key included.
     */
    public List<EntitlementView> forOrder(Principal caller, String orderId) {
        orders.visibleTo(caller, orderId);
        return store.forOrder(orderId).stream().filter(e -> caller.isAdmin() || e.customerId().equals(caller.userId()))
                .map(e -> view(caller, e)).toList();
    }

    /** All of the caller's own entitlements, newest first. */
    public List<EntitlementView> forCustomer(Principal caller) {
        return forCustomer(caller, PageRequest.first(500)).data();
    }

    /** The caller's own entitlements, newest first. */
    public Page<EntitlementView> forCustomer(Principal caller, PageRequest page) {
        return store.forCustomer(caller.userId(), page).map(e -> view(caller, e));
    }

    /**
     * An entitlement by id, for a feature that keeps entitlement ids of its own (API keys). No rights
     * are checked here: the caller checks them against what it shows.
     */
    public Optional<Entitlement> find(String entitlementId) {
        return store.byId(entitlementId);
    }

    /** Entitlements of {@code kind} after {@code afterId} in id order, revoked ones too: for jobs that walk them in batches (usage billing). */
    public List<Entitlement> ofKind(String kind, String afterId, int limit) {
        return store.ofKind(kind, afterId, limit);
    }

    /** The entitlement of {@code kind} an order line granted, if any. */
    public Optional<Entitlement> byLine(String lineId, String kind) {
        return store.byLine(lineId, kind);
    }

    public EntitlementView visibleTo(Principal caller, String entitlementId) {
        return view(caller, owned(caller, entitlementId));
    }

    private Entitlement owned(Principal caller, String entitlementId) {
        return store.byId(entitlementId).filter(e -> e.customerId().equals(caller.userId()) || caller.isAdmin())
                .orElseThrow(() -> ApiException.notFound("entitlement " + entitlementId));
    }

    /** Links are minted only for the owner's own usable downloads; an admin sees the rest. */
    private EntitlementView view(Principal caller, Entitlement e) {
        boolean own = e.customerId().equals(caller.userId());
        boolean download = Entitlement.DOWNLOAD.equals(e.kind());
        String url = own && download && e.usableAt(clock.millis()) && e.uses() < e.maxDownloads() ? links.mint(e) : null;
        EntitlementView.LicenseInfo license = Entitlement.LICENSE.equals(e.kind()) ? licenses.describe(e.id()).orElse(null) : null;
        return new EntitlementView(e.id(), e.orderId(), e.productId(), e.title(), e.kind(), e.status().name().toLowerCase(java.util.Locale.ROOT),
                e.uses(), download ? e.maxDownloads() : null, e.expiresAt(), e.createdAt(), url, license, download ? e.updatesUntil() : null,
                download && e.updatesUntil() != null ? catalog.latestRelease(e.productId()).filter(r -> !e.coversRelease(r.createdAt()))
                        .map(Release::version).orElse(null) : null);
    }

    /**
     * Revokes a purchase (refund, chargeback): the entitlement, the others of its order line and
     * their license, which is audited as the engine's ({@code system}) doing.
     */
    public void revoke(String entitlementId, String reason) {
        revoke(entitlementId, reason, Actor.SYSTEM);
    }

    /** An admin revokes a purchase as {@link #revoke(String, String)} does, audited as theirs; 404 for an unknown id. */
    public EntitlementView revoke(Principal admin, String entitlementId, String reason) {
        revoke(entitlementId, reason, Actor.of(admin, "admin"));
        return visibleTo(admin, entitlementId);
    }

    /**
     * One transaction: the license first (it locks the license row, the order the license
     * lifecycle takes its locks in too, so a seller revoking at the same time cannot deadlock
     * with this), then the entitlements. Product types are told after commit.
     */
    private void revoke(String entitlementId, String reason, Actor actor) {
        store.byId(entitlementId).orElseThrow(() -> ApiException.notFound("entitlement " + entitlementId));
        List<Entitlement> revoked = tx.inTransaction(h -> {
            List<Entitlement> purchase = store.purchase(h, entitlementId);
            for (Entitlement e : purchase) {
                if (Entitlement.LICENSE.equals(e.kind())) {
                    licenses.revoke(e.id(), actor, reason);
                }
            }
            return revokeEach(h, purchase, reason);
        });
        tellProductTypes(revoked, reason);
    }

    /**
     * For the license lifecycle, in its transaction (joined): revokes the purchase of
     * {@code entitlementId} (the entitlement and the others of its order line: a license's download
     * goes with it) and returns those that were still active. It does not touch licenses; after
     * commit, call {@link #tellProductTypes}.
     */
    public List<Entitlement> revokePurchase(String entitlementId, String reason) {
        return tx.inTransaction(h -> revokeEach(h, store.purchase(h, entitlementId), reason));
    }

    /**
     * For the license lifecycle, in its transaction (joined): moves the purchase of
     * {@code entitlementId} (as in {@link #revokePurchase}) to another customer; returns the ids moved.
     * The order stays the buyer's; its page no longer shows what moved (see {@link #forOrder}).
     */
    public List<String> transferPurchase(String entitlementId, String toCustomerId) {
        return tx.inTransaction(h -> {
            List<String> moved = store.purchase(h, entitlementId).stream().map(Entitlement::id).toList();
            moved.forEach(id -> store.setCustomer(h, id, toCustomerId));
            return moved;
        });
    }

    /** Revokes each still-active entitlement (a racing revoker counts it once) and announces it. */
    private List<Entitlement> revokeEach(Handle h, List<Entitlement> purchase, String reason) {
        long now = clock.millis();
        List<Entitlement> revoked = new java.util.ArrayList<>();
        for (Entitlement e : purchase) {
            if (store.revoke(h, e.id(), reason, now)) {
                revoked.add(e);
                events.revoked(h, e, reason);
            }
        }
        return revoked;
    }

    /**
     * Tells each revoked entitlement's product type through the host, after the revocation
     * committed. A type that is gone or fails is logged: the engine's revocation already stands.
     * A manual grant has no order line, so no type fulfilled it and none is told.
     */
    public void tellProductTypes(List<Entitlement> revoked, String reason) {
        for (Entitlement e : revoked) {
            LOG.info("entitlement {} revoked: {}", e.id(), reason);
            if (e.orderId() == null) {
                continue;
            }
            Optional<String> typeId = orders.find(e.orderId()).flatMap(o -> o.lines().stream().filter(l -> l.id().equals(e.lineId())).findFirst())
                    .map(l -> l.productType());
            Optional<ProductType> type = typeId.flatMap(id -> host.extension(ProductType.class, id));
            if (type.isEmpty()) {
                LOG.warn("entitlement {} revoked, but its product type {} is not running to be told", e.id(), typeId.orElse("?"));
                continue;
            }
            try {
                host.call(type.get(), "revoke", t -> {
                    t.revoke(new RevokedEntitlement(e.id(), e.kind(), e.lineId(), reason, e.data()));
                    return null;
                });
            } catch (RuntimeException ex) {
                LOG.warn("product type {} failed to handle the revocation of {}: {}", type.get().id(), e.id(), ex.getMessage());
            }
        }
    }

    /**
     * Grants an entitlement without an order (a seller's manual license), in the caller's
     * transaction (joined): no order or line, so UNIQUE (line_id, kind) never stops a second manual
     * grant. The caller writes the license in the same transaction.
     */
    public Entitlement grantManual(String customerId, String productId, String title, String kind, Map<String, String> data, Long expiresAt) {
        Entitlement e = new Entitlement(Ids.next("ent"), customerId, null, null, productId, title, kind, data, Entitlement.Status.ACTIVE, 0,
                clock.millis(), expiresAt, null);
        tx.useTransaction(h -> {
            store.insert(h, e);
            events.granted(h, e);
        });
        return e;
    }

    /** What a verified link may serve. */
    record Download(Entitlement entitlement, Release release) {}

    /**
     * Checks a download link and the entitlement behind it, without taking a use. {@code releaseId}
     * (optional, not signed: the link authorises the purchase, which may have any release it covers)
     * picks an older release; without it the newest one the purchase covers is served.
     */
    Download download(String entitlementId, String exp, String kid, String sig, String releaseId) {
        switch (links.verify(entitlementId, exp, kid, sig)) {
            case INVALID -> throw new ApiException(EntitlementError.LINK_INVALID, "the link's signature does not match");
            case EXPIRED -> throw new ApiException(EntitlementError.LINK_EXPIRED, "the link has expired");
            case OK -> { }
        }
        Entitlement e = store.byId(entitlementId).filter(x -> Entitlement.DOWNLOAD.equals(x.kind()))
                .orElseThrow(() -> ApiException.notFound("download " + entitlementId));
        if (!e.usableAt(clock.millis())) {
            throw new ApiException(EntitlementError.ENTITLEMENT_INACTIVE, "this purchase is " + (e.status() == Entitlement.Status.REVOKED ? "revoked" : "expired"));
        }
        // the product's current release: a buyer keeps getting updates (a subscriber until the
        // subscription ended); the grant's releaseId records the one sold
        List<Release> releases = catalog.releases(e.productId());
        if (releases.isEmpty()) {
            throw new ApiException(EntitlementError.FILE_UNAVAILABLE, "the product has no file");
        }
        Release release = releaseId == null ? releases.getFirst()
                : releases.stream().filter(r -> r.id().equals(releaseId)).findFirst().orElseThrow(() -> ApiException.notFound("release " + releaseId));
        if (!e.coversRelease(release.createdAt())) {
            if (releaseId != null) {
                throw afterUpdates(e, release);
            }
            release = releases.stream().filter(r -> e.coversRelease(r.createdAt())).findFirst().orElseThrow(() -> afterUpdates(e, releases.getFirst()));
        }
        return new Download(e, release);
    }

    private static ApiException afterUpdates(Entitlement e, Release r) {
        String ended = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.format(java.time.Instant.ofEpochMilli(e.updatesUntil()).atOffset(java.time.ZoneOffset.UTC));
        return new ApiException(EntitlementError.RELEASE_AFTER_UPDATES,
                "This release (" + r.version() + ") came out after your subscription ended on " + ended);
    }

    /** Takes one download from the limit; throws when it is reached. */
    void takeDownload(Entitlement e) {
        if (!store.takeUse(e.id(), e.maxDownloads())) {
            throw new ApiException(EntitlementError.DOWNLOAD_LIMIT_REACHED, "all " + e.maxDownloads() + " downloads of this purchase are used");
        }
    }
}
