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
import org.pf4j.Extension;

/**
 * Licensed software: the download of {@link DownloadProductType} plus a license key. The license
 * grant names the scheme ({@code license-ed25519}) by id only; the engine's license feature issues
 * the key through that scheme, so this plugin does not depend on it.
 */
@Extension
public final class SoftwareProductType implements ProductType {

    /** The id the engine stores on products of this type. */
    public static final String ID = "software";
    static final String LICENSE_DAYS = "licenseDays";
    static final String SCHEME = "license-ed25519";

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
        return specs;
    }

    @Override
    public List<Problem> validate(ProductDraft draft) {
        List<Problem> problems = new ArrayList<>(DownloadProductType.validateDownload(draft));
        PositiveInts.check(draft.attributes(), LICENSE_DAYS, problems);
        return problems;
    }

    /**
     * A download grant and a license grant. The license's expiry is left to the engine (days from
     * the payment), because fulfil may run again after a crash and must return the same grants.
     */
    @Override
    public List<EntitlementGrant> fulfill(FulfillmentRequest line) {
        Map<String, String> license = new LinkedHashMap<>();
        license.put("scheme", SCHEME);
        Integer days = PositiveInts.read(line.attributes(), LICENSE_DAYS, 0);
        if (days != null && days > 0) {
            license.put(LICENSE_DAYS, String.valueOf(days));
        }
        return List.of(DownloadProductType.downloadGrant(line), new EntitlementGrant("license", license, null));
    }
}
