package com.mintreu.api.product;

import com.mintreu.api.Extension;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of product the marketplace can sell (a download, licensed software, an API product...):
 * what a seller fills in, what makes a listing valid, and what a buyer receives when an order
 * line is paid. The engine stores products and calls a type only through its plugin dispatcher.
 *
 * <p>Implementations must be stateless between calls (state lives in the engine's entitlements or
 * the plugin's own tables) and must not call back into the engine's HTTP API.
 */
public interface ProductType extends Extension {

    /** The name sellers and shoppers see, e.g. "Download" or "Licensed software". */
    String displayName();

    /** The extra fields of this type on the seller's product form, in display order. Default: none. */
    default List<AttributeSpec> attributes() {
        return List.of();
    }

    /**
     * Checks a seller's draft before it is saved or submitted for review. Called on every save;
     * must not perform slow I/O.
     *
     * @return every problem found, empty when the draft is acceptable
     */
    default List<Problem> validate(ProductDraft draft) {
        return List.of();
    }

    /**
     * Decides what the buyer of one paid order line receives. Called once per paid line after the
     * payment committed; may be called again after a crash, so it must return the same grants for
     * the same {@link FulfillmentRequest#lineId()} (the engine deduplicates by line and kind).
     */
    List<EntitlementGrant> fulfill(FulfillmentRequest line);

    /**
     * The fields each plan of a product of this type has of its own (an API's quota: Basic 1,000
     * calls, Pro 100,000), shown on the seller's plan form. A plan's values are frozen with the
     * order line: {@link #fulfill} sees them in {@link FulfillmentRequest#attributes()}, overriding
     * the product's attribute of the same name. Default: none.
     */
    default List<AttributeSpec> planAttributes() {
        return List.of();
    }

    /**
     * Checks a plan's own attributes (names from {@link #planAttributes()}; empty values already
     * removed) before the plan is saved. Problems name the attribute. Must not perform slow I/O.
     * Default: none.
     */
    default List<Problem> validatePlan(Map<String, String> planAttributes) {
        return List.of();
    }

    /**
     * The {@code LicenseScheme} id a license of a product with these attributes is issued with when
     * no order is involved (a seller issuing one by hand): the scheme {@link #fulfill} names in its
     * license grant. Default: empty, products of this type come without license keys.
     */
    default Optional<String> licenseScheme(Map<String, String> attributes) {
        return Optional.empty();
    }

    /**
     * Told that an entitlement this type granted was revoked (refund, chargeback, admin action),
     * so it can release outside resources. The engine has already marked it revoked. Default: nothing.
     */
    default void revoke(RevokedEntitlement entitlement) {}

    /**
     * The secret the engine's API gateway adds (header {@code X-Mintreu-Upstream-Secret}) to every
     * call it passes to the upstream of product {@code productId}, so the upstream can refuse calls
     * that did not come through the marketplace. Called by the gateway, which keeps the answer for
     * a few minutes; must be cheap and must never log the value. Default: empty, the type has no
     * upstream (the gateway then refuses the product's calls).
     */
    default Optional<String> upstreamSecret(String productId) {
        return Optional.empty();
    }

    /** One problem with a draft: the field (an attribute name, "title", "plans"...) and a message a seller understands. */
    record Problem(String field, String message) {}
}
