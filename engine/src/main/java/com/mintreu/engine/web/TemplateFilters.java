package com.mintreu.engine.web;

import com.mintreu.api.money.Money;
import com.mintreu.api.money.MoneyText;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pebble filters every theme can use: {@code {{ price | money }}}, {@code {{ createdAt | datetime }}} and
 * {@code {{ status | words }}} (a status code as words: {@code IN_REVIEW} and {@code in_review} read "In review").
 */
final class TemplateFilters extends AbstractExtension {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("money", new Simple(v -> v instanceof Money m ? MoneyText.format(m) : String.valueOf(v)),
                "datetime", new Simple(v -> v instanceof Number n ? DATETIME.format(Instant.ofEpochMilli(n.longValue()))
                        : v instanceof Instant i ? DATETIME.format(i) : String.valueOf(v)),
                "words", new Simple(TemplateFilters::words));
    }


    static String words(Object code) {
        String s = String.valueOf(code).replace('_', ' ').strip().toLowerCase(Locale.ROOT);
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
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
