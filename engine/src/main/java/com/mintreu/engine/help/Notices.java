package com.mintreu.engine.help;

import com.mintreu.engine.web.Exchange;
import java.util.Map;

/** The notices after a redirect ({@code ?notice=saved}); an unknown one shows nothing, so a link cannot put words on the page. */
final class Notices {

    private static final Map<String, String> TEXT = Map.of("saved", "The article was saved.", "deleted", "The article was deleted.",
            "category-added", "The category was added.", "category-deleted", "The category was deleted; its articles have none now.");

    private Notices() {}

    static String of(Exchange x) {
        return TEXT.getOrDefault(x.query("notice").orElse(""), "");
    }
}
