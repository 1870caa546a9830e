package com.mintreu.engine.assistant;

import com.mintreu.api.assistant.Answer;
import java.util.List;

/**
 * What a customer is shown for a question.
 *
 * @param text       the answer, plain text
 * @param sources    links to the passages it rests on; empty when nothing matched
 * @param answeredBy the id of the assistant that composed it
 * @param fallback   true when the configured answerer failed and the built-in retrieval answer is shown instead
 * @param found      false when no passage matched (the answer then says so and points to a ticket)
 */
record Reply(String text, List<Answer.Source> sources, String answeredBy, boolean fallback, boolean found) {

    /** Where a customer who is still stuck goes: a new support ticket. */
    static final String TICKET_URL = "/account/tickets/new";

    Reply {
        sources = List.copyOf(sources);
    }
}
