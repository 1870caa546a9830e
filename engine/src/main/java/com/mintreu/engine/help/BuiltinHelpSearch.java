package com.mintreu.engine.help;

import com.mintreu.engine.web.ApiException;
import java.util.List;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HelpSearch} over the knowledge base: what tickets and the assistant suggest. Hits link to
 * {@code /help/articles/<id>}. A knowledge base that is away suggests nothing rather than failing
 * the page that asked.
 */
final class BuiltinHelpSearch implements HelpSearch {

    private static final Logger LOG = LoggerFactory.getLogger(BuiltinHelpSearch.class);

    private final HelpService help;

    @Inject
    BuiltinHelpSearch(HelpService help) {
        this.help = help;
    }

    @Override
    public List<Hit> search(String text, String productId, int limit) {
        try {
            return help.search(text, productId, Math.clamp(limit, 1, 20)).stream()
                    .map(h -> new Hit(h.title(), HelpPages.articlePath(h.articleId()), h.excerpt(), h.score())).toList();
        } catch (ApiException e) {
            LOG.debug("no help suggestions: {}", e.getMessage());
            return List.of();
        }
    }
}
