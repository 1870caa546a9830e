package com.mintreu.engine.catalog;

import com.mintreu.api.money.Money;
import com.mintreu.api.money.MoneyText;
import com.mintreu.api.product.AttributeSpec;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import java.math.BigDecimal;
import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Input rules of the catalog: lengths, slugs, tags, prices, type attributes. Pure functions. */
final class ProductRules {

    static final int MAX_TITLE = 120;
    static final int MAX_SLUG = 80;
    static final int MAX_DESCRIPTION = 20_000;
    static final int MAX_TAGS = 10;
    static final int MAX_TAG = 30;
    static final int MAX_ATTRIBUTE = 500;
    static final int MAX_PLAN_NAME = 60;
    static final int MAX_GRANTS = 200;
    static final int MAX_INTERVAL_DAYS = 3650;
    static final int MAX_TRIAL_DAYS = 365;
    static final int MAX_VERSION = 40;
    static final int MAX_NOTES = 5_000;
    static final int MAX_REASON = 1_000;
    static final long MAX_PRICE_MINOR = 100_000_000_00L;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]*");

    /** A product's fields after normalization. */
    record Clean(String title, String slug, String description, String type, Map<String, String> attributes,
            List<String> categories, List<String> tags) {}

    private ProductRules() {}

    /** Checks and normalizes everything but the type's own attributes; throws 422 listing every bad field. */
    static Clean product(ProductInput in) {
        List<FieldError> errors = new ArrayList<>();
        String title = trim(in.title());
        if (title.isEmpty()) {
            errors.add(new FieldError("title", "is required"));
        } else if (title.length() > MAX_TITLE) {
            errors.add(new FieldError("title", "must be at most " + MAX_TITLE + " characters"));
        }
        String slug = trim(in.slug());
        if (slug.isEmpty()) {
            slug = slugOf(title);
        } else if (slug.length() > MAX_SLUG || !SLUG.matcher(slug).matches()) {
            errors.add(new FieldError("slug", "must be 1-" + MAX_SLUG + " of a-z, 0-9 and single dashes between them"));
        }
        if (slug.isEmpty() && !title.isEmpty()) {
            errors.add(new FieldError("slug", "cannot be derived from the title; give one of a-z, 0-9 and dashes"));
        }
        String description = in.description() == null ? "" : in.description().strip();
        if (description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        String type = trim(in.type());
        if (type.isEmpty()) {
            errors.add(new FieldError("type", "is required"));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (in.attributes() != null) {
            in.attributes().forEach((k, v) -> {
                if (v != null && v.length() > MAX_ATTRIBUTE) {
                    errors.add(new FieldError("attributes." + k, "must be at most " + MAX_ATTRIBUTE + " characters"));
                } else if (v != null && !v.isBlank()) {
                    attributes.put(k, v.strip());
                }
            });
        }
        Set<String> categories = new LinkedHashSet<>();
        if (in.categories() != null) {
            in.categories().forEach(c -> categories.add(trim(c).toLowerCase(Locale.ROOT)));
            categories.remove("");
        }
        Set<String> tags = new LinkedHashSet<>();
        if (in.tags() != null) {
            for (String raw : in.tags()) {
                String tag = tag(raw);
                if (tag.length() > MAX_TAG) {
                    errors.add(new FieldError("tags", "each tag must be at most " + MAX_TAG + " characters"));
                } else if (!tag.isEmpty()) {
                    tags.add(tag);
                }
            }
            if (tags.size() > MAX_TAGS) {
                errors.add(new FieldError("tags", "at most " + MAX_TAGS + " tags"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Clean(title, slug, description, type, attributes, List.copyOf(categories), List.copyOf(tags));
    }

    /** The type's declared attributes: unknown names, missing required ones, wrong kinds. */
    static List<FieldError> attributes(List<AttributeSpec> specs, Map<String, String> values, boolean forSubmit) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, AttributeSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        values.keySet().stream().filter(k -> !byName.containsKey(k))
                .forEach(k -> errors.add(new FieldError("attributes." + k, "is not an attribute of this product type")));
        for (AttributeSpec spec : specs) {
            String value = values.get(spec.name());
            if (value == null) {
                if (spec.required() && forSubmit) {
                    errors.add(new FieldError("attributes." + spec.name(), "is required"));
                }
                continue;
            }
            String problem = switch (spec.kind()) {
                case TEXT -> null;
                case NUMBER -> isNumber(value) ? null : "must be a number";
                case URL -> isHttpUrl(value) ? null : "must be an http(s) URL";
                case BOOLEAN -> value.equals("true") || value.equals("false") ? null : "must be true or false";
            };
            if (problem != null) {
                errors.add(new FieldError("attributes." + spec.name(), problem));
            }
        }
        return errors;
    }

    static PlanInput plan(PlanInput in) {
        List<FieldError> errors = new ArrayList<>();
        String name = trim(in.name());
        if (name.isEmpty() || name.length() > MAX_PLAN_NAME) {
            errors.add(new FieldError("name", "is required, at most " + MAX_PLAN_NAME + " characters"));
        }
        String currency = trim(in.currency()).toUpperCase(Locale.ROOT);
        if (in.priceMinor() == null) {
            errors.add(new FieldError("priceMinor", "is required (minor units, e.g. 1999 for 19.99)"));
        } else if (in.priceMinor() < 0 || in.priceMinor() > MAX_PRICE_MINOR) {
            errors.add(new FieldError("priceMinor", "must be between 0 and " + (isCurrency(currency)
                    ? MoneyText.format(new Money(MAX_PRICE_MINOR, currency)) : MAX_PRICE_MINOR + " minor units")));
        }
        if (!isCurrency(currency)) {
            errors.add(new FieldError("currency", "must be an ISO 4217 currency code such as EUR or USD"));
        }
        String grants = trim(in.grants());
        if (grants.length() > MAX_GRANTS) {
            errors.add(new FieldError("grants", "must be at most " + MAX_GRANTS + " characters"));
        }
        String interval = Recurrence.normalize(in.interval());
        Integer days = null;
        int trial = 0;
        if (!interval.isEmpty()) {
            if (!Recurrence.INTERVALS.contains(interval)) {
                errors.add(new FieldError("interval", "must be week, month, year or days (or empty for a one-time plan)"));
            }
            if (interval.equals("days")) {
                days = in.intervalDays();
                if (days == null || days < 1 || days > MAX_INTERVAL_DAYS) {
                    errors.add(new FieldError("intervalDays", "is required for an interval in days: 1 to " + MAX_INTERVAL_DAYS));
                }
            }
            trial = in.trialDays() == null ? 0 : in.trialDays();
            if (trial < 0 || trial > MAX_TRIAL_DAYS) {
                errors.add(new FieldError("trialDays", "must be 0 to " + MAX_TRIAL_DAYS + " days"));
            }
            if (in.priceMinor() != null && in.priceMinor() == 0) {
                errors.add(new FieldError("priceMinor", "a recurring plan needs a price above zero (use a trial to give time for free)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (interval.isEmpty()) {
            return new PlanInput(name, in.priceMinor(), currency, grants);
        }
        return new PlanInput(name, in.priceMinor(), currency, grants, interval, days, trial,
                trial > 0 && Boolean.TRUE.equals(in.trialRequiresPaymentMethod()), Boolean.TRUE.equals(in.seats()));
    }

    /** The recurrence a cleaned input describes; null for a one-time plan. */
    static Recurrence recurrence(PlanInput clean) {
        return clean.interval() == null ? null : new Recurrence(clean.interval(), clean.intervalDays(), clean.trialDays(),
                clean.trialRequiresPaymentMethod(), clean.seats());
    }

    static String version(String version) {
        String v = trim(version);
        if (v.isEmpty() || v.length() > MAX_VERSION || !VERSION.matcher(v).matches()) {
            throw ApiException.invalid(List.of(new FieldError("version", "is required: 1-" + MAX_VERSION
                    + " of letters, digits and . + _ -, starting with a letter or digit")));
        }
        return v;
    }

    static String notes(String notes) {
        String n = notes == null ? "" : notes.strip();
        if (n.length() > MAX_NOTES) {
            throw ApiException.invalid(List.of(new FieldError("notes", "must be at most " + MAX_NOTES + " characters")));
        }
        return n;
    }

    static String reason(String reason) {
        String r = trim(reason);
        if (r.isEmpty() || r.length() > MAX_REASON) {
            throw ApiException.invalid(List.of(new FieldError("reason", "is required, at most " + MAX_REASON + " characters")));
        }
        return r;
    }

    /** "Über Cool App!" becomes "uber-cool-app". */
    static String slugOf(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return slug;
    }

    /** Tags are lower case with single spaces: "  Game   Dev " is "game dev". */
    static String tag(String raw) {
        return raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s#,]+", " ").strip();
    }

    static boolean isCurrency(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
