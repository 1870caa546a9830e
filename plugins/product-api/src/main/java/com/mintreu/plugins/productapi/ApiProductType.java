package com.mintreu.plugins.productapi;

import com.mintreu.api.PluginContext;
import com.mintreu.api.product.AttributeSpec;
import com.mintreu.api.product.AttributeSpec.Kind;
import com.mintreu.api.product.EntitlementGrant;
import com.mintreu.api.product.FulfillmentRequest;
import com.mintreu.api.product.ProductDraft;
import com.mintreu.api.product.ProductType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * An API product: the buyer gets an {@code api_key} entitlement, whose keys they make on their
 * account page; the seller checks each call with the engine's verify endpoint (or, later, puts the
 * engine's gateway in front). The limits are frozen into the grant at purchase, so a seller who
 * changes them later does not change what was sold.
 */
@Extension
public final class ApiProductType implements ProductType {

    /** The id the engine stores on products of this type. */
    public static final String ID = "api";
    static final String MONTHLY_QUOTA = "monthlyQuota";
    static final String RATE_PER_SECOND = "ratePerSecond";
    static final String RATE_PER_MINUTE = "ratePerMinute";
    static final String OVERAGE = "overageMinorPerUnit";
    static final String UPSTREAM_URL = "upstreamUrl";
    private static final List<String> NUMBERS = List.of(MONTHLY_QUOTA, RATE_PER_SECOND, RATE_PER_MINUTE, OVERAGE);

    private volatile UpstreamSecrets secrets;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<? extends Record> configType() {
        return ProductApiConfig.class;
    }

    @Override
    public void start(PluginContext ctx) {
        secrets = new UpstreamSecrets(ctx.config(ProductApiConfig.class), ctx.secrets());
        DemoUpstream.register(ctx.web(), secrets, ctx.clock());
    }

    @Override
    public String displayName() {
        return "API";
    }

    @Override
    public List<AttributeSpec> attributes() {
        return List.of(
                new AttributeSpec(MONTHLY_QUOTA, "Monthly quota (units)", Kind.NUMBER, false,
                        "Units a buyer may use per calendar month (UTC); empty for no quota."),
                new AttributeSpec(RATE_PER_SECOND, "Rate limit per second", Kind.NUMBER, false, "Calls per second; empty for no limit."),
                new AttributeSpec(RATE_PER_MINUTE, "Rate limit per minute", Kind.NUMBER, false, "Calls per minute; empty for no limit."),
                new AttributeSpec(OVERAGE, "Overage price per unit (minor units)", Kind.NUMBER, false,
                        "Price of each unit beyond the quota, in the currency's smallest unit (cents); empty stops calls at the quota."),
                new AttributeSpec(UPSTREAM_URL, "Upstream base URL", Kind.URL, false,
                        "Where the marketplace's gateway sends calls (https://api.example.com/v1); empty if you verify keys yourself."));
    }

    /**
     * A plan's own limits (Basic: 1,000 units a month; Pro: 100,000 and a higher rate), which
     * replace the product's for buyers of that plan; the engine passes the merged values to
     * {@link #fulfill}, so they are frozen into the grant the same way.
     */
    @Override
    public List<AttributeSpec> planAttributes() {
        return attributes().stream().filter(a -> NUMBERS.contains(a.name())).toList();
    }

    @Override
    public List<Problem> validatePlan(Map<String, String> planAttributes) {
        List<Problem> problems = new ArrayList<>();
        for (String name : NUMBERS) {
            if (WholeNumbers.read(planAttributes, name).isInvalid()) {
                problems.add(new Problem(name, "must be a whole number of at least 1"));
            }
        }
        if (WholeNumbers.read(planAttributes, OVERAGE).value() != null && WholeNumbers.read(planAttributes, MONTHLY_QUOTA).value() == null) {
            problems.add(new Problem(OVERAGE, "an overage price needs a monthly quota on this plan to be beyond"));
        }
        return problems;
    }

    @Override
    public List<Problem> validate(ProductDraft draft) {
        List<Problem> problems = new ArrayList<>();
        if (draft.planCount() < 1) {
            problems.add(new Problem("plans", "add at least one plan (a price) before submitting"));
        }
        for (String name : NUMBERS) {
            if (WholeNumbers.read(draft.attributes(), name).isInvalid()) {
                problems.add(new Problem(name, "must be a whole number of at least 1"));
            }
        }
        if (WholeNumbers.read(draft.attributes(), OVERAGE).value() != null && WholeNumbers.read(draft.attributes(), MONTHLY_QUOTA).value() == null) {
            problems.add(new Problem(OVERAGE, "an overage price needs a monthly quota to be beyond"));
        }
        String url = draft.attributes().get(UPSTREAM_URL);
        if (url != null && !url.isBlank() && !httpUrl(url.strip())) {
            problems.add(new Problem(UPSTREAM_URL, "must be an absolute http or https URL"));
        }
        return problems;
    }

    /**
     * One {@code api_key} grant per line, carrying the limits as they are now. A value that is not
     * a positive whole number (stored before validation existed) is left out: no such limit, rather
     * than a paid order that cannot be fulfilled.
     */
    @Override
    public List<EntitlementGrant> fulfill(FulfillmentRequest line) {
        Map<String, String> data = new LinkedHashMap<>();
        for (String name : NUMBERS) {
            Long v = WholeNumbers.read(line.attributes(), name).value();
            if (v != null) {
                data.put(name, String.valueOf(v));
            }
        }
        if (data.containsKey(OVERAGE) && !data.containsKey(MONTHLY_QUOTA)) {
            data.remove(OVERAGE);
        }
        Optional.ofNullable(line.attributes().get(UPSTREAM_URL)).map(String::strip).filter(ApiProductType::httpUrl)
                .ifPresent(u -> data.put(UPSTREAM_URL, u));
        return List.of(new EntitlementGrant("api_key", data, null));
    }

    /** The secret the gateway adds upstream for calls to {@code productId}; never log it. */
    @Override
    public Optional<String> upstreamSecret(String productId) {
        UpstreamSecrets s = secrets;
        if (s == null) {
            throw new IllegalStateException("product-api is not started");
        }
        return Optional.of(s.forProduct(productId));
    }

    static boolean httpUrl(String raw) {
        try {
            URI u = new URI(raw);
            return u.isAbsolute() && List.of("http", "https").contains(u.getScheme()) && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
