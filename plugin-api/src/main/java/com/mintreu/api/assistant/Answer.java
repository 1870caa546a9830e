package com.mintreu.api.assistant;

import java.util.List;

/**
 * What an {@link Assistant} answers.
 *
 * @param text    the answer, plain text (the engine escapes it; line breaks are kept, nothing else is formatted)
 * @param sources the passages the answer rests on, as links the page shows under it
 */
public record Answer(String text, List<Source> sources) {

    public Answer {
        sources = List.copyOf(sources);
    }

    /**
     * A link to one passage an answer used.
     *
     * @param title the passage's title
     * @param url   the passage's URL, exactly as in {@link Passage#url()}
     */
    public record Source(String title, String url) {

        public static Source of(Passage passage) {
            return new Source(passage.title(), passage.url());
        }
    }
}
