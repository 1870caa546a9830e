package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.util.ArrayList;
import java.util.List;

/** Customer to seller messages: how many a person may write, and how many may land in one seller's inbox, per hour. */
public record MessagesConfig(
        @Setting(help = "messages (questions and replies) one person may write per hour; more are refused with 429")
        int perUserPerHour,
        @Setting(help = "customer messages one seller's inbox takes per hour across all customers; more are refused with 429")
        int perInboxPerHour) implements Validated {

    static MessagesConfig defaults() {
        return new MessagesConfig(20, 200);
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (perUserPerHour < 1 || perUserPerHour > 10_000) {
            out.add(new Problem("perUserPerHour", "expected 1 to 10000, got " + perUserPerHour));
        }
        if (perInboxPerHour < 1 || perInboxPerHour > 100_000) {
            out.add(new Problem("perInboxPerHour", "expected 1 to 100000, got " + perInboxPerHour));
        }
        return out;
    }
}
