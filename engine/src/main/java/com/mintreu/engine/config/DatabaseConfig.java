package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Where the data lives: {@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}. */
public record DatabaseConfig(
        @Setting(help = "JDBC URL: jdbc:sqlite:./data/mintreu.db or jdbc:postgresql://host:5432/db") String url,
        @Setting(help = "database user (PostgreSQL)") String username,
        @Setting(help = "database password (PostgreSQL)", secret = true) String password,
        @Setting(help = "connections in the pool") int maxPoolSize,
        @Setting(help = "how long a SQLite writer waits for the lock") Duration busyTimeout) implements Validated {

    static DatabaseConfig defaults() {
        return new DatabaseConfig("jdbc:sqlite:./data/mintreu.db", "", "", 10, Duration.ofSeconds(10));
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (url != null && !url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            out.add(new Problem("url", "expected a jdbc:sqlite: or jdbc:postgresql: URL, got '" + url + "'"));
        }
        if (maxPoolSize < 1 || maxPoolSize > 200) {
            out.add(new Problem("maxPoolSize", "expected 1 to 200, got " + maxPoolSize));
        }
        return out;
    }

    public boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }
}
