package com.mintreu.engine.assistant;

import com.mintreu.api.assistant.Answer;
import com.mintreu.api.assistant.Assistant;
import com.mintreu.api.assistant.Passage;
import com.mintreu.api.assistant.Question;
import javax.inject.Inject;

/**
 * The built-in answerer {@code assistant-retrieval}: no model, works offline. It quotes the best
 * passages as they are, each with its title, and links every one of them as a source.
 */
final class RetrievalAssistant implements Assistant {

    static final String ID = "assistant-retrieval";

    @Inject
    RetrievalAssistant() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Answer answer(Question question) {
        StringBuilder text = new StringBuilder("This is what the shop's help says about it:");
        for (Passage p : question.passages()) {
            text.append("\n\n“").append(p.text()).append("”\n— ").append(p.title());
        }
        return new Answer(text.toString(), question.passages().stream().map(Answer.Source::of).toList());
    }
}
