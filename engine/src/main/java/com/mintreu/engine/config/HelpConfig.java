package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.util.ArrayList;
import java.util.List;

/** Help for customers: which knowledge base keeps the FAQ articles, and how many search finds. */
public record HelpConfig(
        @Setting(help = "the id of the KnowledgeBase extension that keeps and searches the articles (helpdesk-builtin's is helpdesk-builtin-kb)")
        String knowledgeBase,
        @Setting(help = "the most articles a help search shows, 1 to 50")
        int searchResults) implements Validated {

    static HelpConfig defaults() {
        return new HelpConfig("helpdesk-builtin-kb", 20);
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (knowledgeBase == null || knowledgeBase.isBlank()) {
            out.add(new Problem("knowledgeBase", "is required"));
        }
        if (searchResults < 1 || searchResults > 50) {
            out.add(new Problem("searchResults", "expected 1 to 50, got " + searchResults));
        }
        return out;
    }
}
