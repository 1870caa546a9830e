package com.mintreu.engine.web;

import com.mintreu.api.money.Money;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** Pebble filters every theme can use: {@code {{ price | money }}} and {@code {{ createdAt | datetime }}}. */
final class TemplateFilters extends AbstractExtension {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("money", new Simple(v -> v instanceof Money m ? format(m) : String.valueOf(v)),
                "datetime", new Simple(v -> v instanceof Number n ? DATETIME.format(Instant.ofEpochMilli(n.longValue()))
                        : v instanceof Instant i ? DATETIME.format(i) : String.valueOf(v)));
    }

    /** {@code 19.99 EUR}: the amount with the currency's own number of decimals, then the ISO code. */
    static String format(Money money) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(money.currency()).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(money.minor(), digits).toPlainString() + " " + money.currency();
    }

    private record Simple(java.util.function.Function<Object, String> f) implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
            return input == null ? "" : f.apply(input);
        }
    }
}
