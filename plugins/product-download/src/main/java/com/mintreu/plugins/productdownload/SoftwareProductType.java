package com.mintreu.plugins.productdownload;

import com.mintreu.api.product.AttributeSpec;
import com.mintreu.api.product.AttributeSpec.Kind;
import com.mintreu.api.product.EntitlementGrant;
import com.mintreu.api.product.FulfillmentRequest;
import com.mintreu.api.product.ProductDraft;
import com.mintreu.api.product.ProductType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Licensed software: the download of {@link DownloadProductType} plus a license key. The seller
 * picks the key scheme per product ({@code licenseScheme}); the license grant names it by id only and
 * the engine's license feature issues the key through that scheme, so this plugin does not depend on it.
 */
@Extension
public final class SoftwareProductType implements ProductType {

    /** The id the engine stores on products of this type. */
    public static final String ID = "software";
    static final String LICENSE_DAYS = "licenseDays";
    static final String LICENSE_SCHEME = "licenseScheme";
    /** Signed, self-verifying keys; the default, as before the seller could choose. */
    static final String DEFAULT_SCHEME = "license-ed25519";
    /** The schemes a seller may pick; both ship with the engine. */
    static final List<String> SCHEMES = List.of(DEFAULT_SCHEME, "license-short");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Licensed software";
    }

    @Override
    public List<AttributeSpec> attributes() {
        List<AttributeSpec> specs = new ArrayList<>(new DownloadProductType().attributes());
        specs.add(new AttributeSpec(LICENSE_DAYS, "License validity (days)", Kind.NUMBER, false,
                "How long the license key is valid after purchase; empty for a perpetual license."));
        specs.add(new AttributeSpec(LICENSE_SCHEME, "License key format", Kind.TEXT, false,
                "license-ed25519 (default): long signed keys software can check offline; license-short: "
                        + "XXXXX-XXXXX-XXXXX-XXXXX keys that are easy to type, checked online."));
        return specs;
    }

    @Override
    public List<Problem> validate(ProductDraft draft) {
        List<Problem> problems = new ArrayList<>(DownloadProductType.validateDownload(draft));
        PositiveInts.check(draft.attributes(), LICENSE_DAYS, problems);
        String scheme = draft.attributes().get(LICENSE_SCHEME);
        if (scheme != null && !scheme.isBlank() && !SCHEMES.contains(scheme.strip())) {
            problems.add(new Problem(LICENSE_SCHEME, "must be one of " + String.join(", ", SCHEMES)));
        }
        return problems;
    }

    /**
     * A download grant and a license grant. The license's expiry is left to the engine (days from
     * the payment), because fulfil may run again after a crash and must return the same grants.
     */
    @Override
    public List<EntitlementGrant> fulfill(FulfillmentRequest line) {
        Map<String, String> license = new LinkedHashMap<>();
        license.put("scheme", scheme(line.attributes()));
        Integer days = PositiveInts.read(line.attributes(), LICENSE_DAYS, 0);
        if (days != null && days > 0) {
            license.put(LICENSE_DAYS, String.valueOf(days));
        }
        return List.of(DownloadProductType.downloadGrant(line), new EntitlementGrant("license", license, null));
    }

    @Override
    public Optional<String> licenseScheme(Map<String, String> attributes) {
        return Optional.of(scheme(attributes));
    }

    /** The seller's scheme; blank or (for a product stored before validation) unknown falls back to the default. */
    static String scheme(Map<String, String> attributes) {
        String raw = attributes.get(LICENSE_SCHEME);
        return raw != null && SCHEMES.contains(raw.strip()) ? raw.strip() : DEFAULT_SCHEME;
    }
}
