package com.mintreu.api.assistant;

import java.util.List;

/**
 * A question as an {@link Assistant} receives it.
 *
 * @param text     what the customer asked, plain text, personal data already replaced by placeholders
 *                 such as {@code [email]}; 1 to 1000 characters
 * @param passages the public passages found for it, best first; never empty
 * @param locale   the language the customer reads (a BCP 47 tag such as {@code de-AT}), or null when unknown
 */
public record Question(String text, List<Passage> passages, String locale) {

    public Question {
        passages = List.copyOf(passages);
    }
}
