package com.mintreu.engine.assistant;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes what identifies a person or an account out of a question before it goes anywhere (the
 * search, an answerer plugin, a language model): e-mail addresses, the engine's prefixed ids
 * ({@code ord_...}, {@code lic_...}, {@code usr_...}), key- and token-looking strings, long
 * numbers (phone, card, account numbers) and the query part of links (signed download links carry
 * tokens there). Each is replaced by a placeholder so the question still reads as a sentence.
 *
 * <p>Errs on the side of removing: a long product code with digits is replaced too. Order matters:
 * e-mails before ids (an address may contain an underscore id), links before keys.
 */
final class Redactor {

    private record Rule(Pattern pattern, String placeholder) {}

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), "[email]"),
            // a link keeps where it points but never its query (signed download links, reset tokens)
            new Rule(Pattern.compile("(https?://[^\\s?#]+)[?#]\\S*"), "$1"),
            // the engine's ids: a short lower-case prefix, an underscore and a 26-character ULID
            new Rule(Pattern.compile("\\b[A-Za-z]{2,5}_[0-9A-Za-z]{26}\\b"), "[id]"),
            // API keys and tokens with a readable type prefix (mk_live_..., sk_test_..., whsec_...)
            new Rule(Pattern.compile("\\b[A-Za-z]{2,6}_(live_|test_)?[A-Za-z0-9]{12,}\\b"), "[key]"),
            // license keys in groups: ABCD-1234-EFGH-5678
            new Rule(Pattern.compile("\\b[A-Za-z0-9]{4,}(-[A-Za-z0-9]{4,}){2,}\\b"), "[key]"),
            // one long run of letters and digits mixed: hashes, tokens, base64 or base32 keys
            new Rule(Pattern.compile("\\b(?=[A-Za-z0-9+/=_-]*[0-9])(?=[A-Za-z0-9+/=_-]*[A-Za-z])[A-Za-z0-9+/=_-]{16,}"), "[key]"),
            // seven or more digits, maybe grouped: phone, card, IBAN-like and order numbers
            new Rule(Pattern.compile("\\+?\\d(?:[ .-]?\\d){6,}"), "[number]"));

    private Redactor() {}

    /** {@code text} with personal data replaced by placeholders ({@code [email]}, {@code [id]}, {@code [key]}, {@code [number]}). */
    static String redact(String text) {
        String out = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            out = m.replaceAll(rule.placeholder());
        }
        return out;
    }
}
