package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.util.ArrayList;
import java.util.List;

/** The knowledge assistant at /help/ask: who composes the answers and how many a day it gives. */
public record AssistantConfig(
        @Setting(help = "the Assistant that composes answers: assistant-retrieval (built in: quotes the best passages) or a started plugin's extension id such as assistant-llm")
        String answerer,
        @Setting(help = "answers a day (UTC) for the whole shop; questions beyond it are refused with 429 until midnight UTC")
        int dailyLimit,
        @Setting(help = "answers a day (UTC) for one signed-in customer, or for one IP address when nobody is signed in")
        int perVisitorDailyLimit,
        @Setting(help = "at most this many passages (help articles and product docs together) go into one answer")
        int maxPassages) implements Validated {

    static AssistantConfig defaults() {
        return new AssistantConfig("assistant-retrieval", 1000, 30, 4);
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (answerer == null || !answerer.matches("[a-z0-9-]{1,64}")) {
            out.add(new Problem("answerer", "expected an extension id (lower-case letters, digits, dashes), got " + answerer));
        }
        if (dailyLimit < 0) {
            out.add(new Problem("dailyLimit", "expected 0 (no answers) or more, got " + dailyLimit));
        }
        if (perVisitorDailyLimit < 1) {
            out.add(new Problem("perVisitorDailyLimit", "expected at least 1, got " + perVisitorDailyLimit));
        }
        if (maxPassages < 1 || maxPassages > 10) {
            out.add(new Problem("maxPassages", "expected 1 to 10, got " + maxPassages));
        }
        return out;
    }
}
