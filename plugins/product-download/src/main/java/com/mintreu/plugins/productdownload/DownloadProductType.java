package com.mintreu.plugins.productdownload;

import com.mintreu.api.product.AttributeSpec;
import com.mintreu.api.product.AttributeSpec.Kind;
import com.mintreu.api.product.EntitlementGrant;
import com.mintreu.api.product.FulfillmentRequest;
import com.mintreu.api.product.ProductDraft;
import com.mintreu.api.product.ProductType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * A file to download: the buyer gets a download grant for the product's latest release, limited
 * in count and in link lifetime. The engine signs and serves the links; this type only decides
 * the limits.
 */
@Extension
public final class DownloadProductType implements ProductType {

    /** The id the engine stores on products of this type. */
    public static final String ID = "download";
    static final String MAX_DOWNLOADS = "maxDownloads";
    static final String LINK_TTL_HOURS = "linkTtlHours";
    static final int DEFAULT_MAX_DOWNLOADS = 5;
    static final int DEFAULT_LINK_TTL_HOURS = 24;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Download";
    }

    @Override
    public List<AttributeSpec> attributes() {
        return List.of(
                new AttributeSpec(MAX_DOWNLOADS, "Downloads per purchase", Kind.NUMBER, false,
                        "How many times a buyer may download the file; " + DEFAULT_MAX_DOWNLOADS + " when empty."),
                new AttributeSpec(LINK_TTL_HOURS, "Link lifetime (hours)", Kind.NUMBER, false,
                        "How long each download link works; " + DEFAULT_LINK_TTL_HOURS + " when empty."));
    }

    @Override
    public List<Problem> validate(ProductDraft draft) {
        return validateDownload(draft);
    }

    /** Shared with {@link SoftwareProductType}, which is a download plus a license. */
    static List<Problem> validateDownload(ProductDraft draft) {
        List<Problem> problems = new ArrayList<>();
        if (draft.planCount() < 1) {
            problems.add(new Problem("plans", "add at least one plan (a price) before submitting"));
        }
        if (!draft.hasRelease()) {
            problems.add(new Problem("releases", "upload the file buyers will download"));
        }
        PositiveInts.check(draft.attributes(), MAX_DOWNLOADS, problems);
        PositiveInts.check(draft.attributes(), LINK_TTL_HOURS, problems);
        return problems;
    }

    /** One grant per line: buying two copies does not double the downloads of one file. */
    @Override
    public List<EntitlementGrant> fulfill(FulfillmentRequest line) {
        return List.of(downloadGrant(line));
    }

    static EntitlementGrant downloadGrant(FulfillmentRequest line) {
        if (line.releaseId() == null) {
            // validate requires a release; a product without one cannot have been sold, so fail loudly
            throw new IllegalStateException("product " + line.productId() + " has no release to grant for line " + line.lineId());
        }
        // a bad value saved before validation existed falls back to the default instead of blocking a paid order
        Integer max = PositiveInts.read(line.attributes(), MAX_DOWNLOADS, DEFAULT_MAX_DOWNLOADS);
        Integer ttl = PositiveInts.read(line.attributes(), LINK_TTL_HOURS, DEFAULT_LINK_TTL_HOURS);
        return new EntitlementGrant("download", Map.of(
                MAX_DOWNLOADS, String.valueOf(max == null ? DEFAULT_MAX_DOWNLOADS : max),
                LINK_TTL_HOURS, String.valueOf(ttl == null ? DEFAULT_LINK_TTL_HOURS : ttl),
                "releaseId", line.releaseId()), null);
    }
}
