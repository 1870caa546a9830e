package com.mintreu.engine.assistant;

import com.mintreu.api.assistant.Passage;

/** A passage found for a question with its score on {@link PassageScore}'s scale (plus a bonus for help articles the search ranked). */
record Ranked(String title, String url, String text, double score) {

    Passage passage() {
        return new Passage(title, url, text);
    }
}
