package com.mintreu.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.TestEngine;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCommandTest {

    @TempDir
    Path dir;

    private Path config;
    private String out;
    private String err;

    @BeforeEach
    void writeConfig() throws Exception {
        config = dir.resolve("mintreu.yaml");
        Files.writeString(config, TestEngine.yaml("jdbc:sqlite:" + dir.resolve("mintreu.db"), dir, ""));
    }

    @Test
    void createsAVerifiedAdminWithThePasswordFromStdin() {
        int code = run("correct horse battery\n", "admin", "create", "--email", " Root@Example.com ", "--name", "Root", "--config", config.toString());
        assertThat(code).as(err).isZero();
        assertThat(out).contains("created admin root@example.com");
        assertThat(out + err).doesNotContain("correct horse battery");
        Jdbi jdbi = jdbi();
        List<String> roles = jdbi.withHandle(h -> h.createQuery(
                "SELECT r.role FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'root@example.com' ORDER BY r.role")
                .mapTo(String.class).list());
        assertThat(roles).containsExactly("admin", "customer");
        Long verified = one("SELECT email_verified_at FROM users WHERE email = 'root@example.com'", Long.class);
        assertThat(verified).isNotNull();
        String hash = one("SELECT password_hash FROM users", String.class);
        assertThat(hash).startsWith("$argon2id$");
    }

    @Test
    void promotesAnExistingAccount() {
        assertThat(run("first long password\n", "admin", "create", "--email", "ops@example.com", "--config", config.toString())).isZero();
        jdbi().useHandle(h -> h.execute("DELETE FROM user_roles WHERE role = 'admin'"));
        int code = run("second long password\n", "admin", "create", "--email", "ops@example.com", "--config", config.toString());
        assertThat(code).as(err).isZero();
        assertThat(out).contains("made ops@example.com an admin");
        Integer admins = one("SELECT COUNT(*) FROM user_roles WHERE role = 'admin'", Integer.class);
        assertThat(admins).isEqualTo(1);
    }

    @Test
    void badInputIsOneLineAndNonZero() {
        int weak = run("short\n", "admin", "create", "--email", "a@example.com", "--config", config.toString());
        assertThat(weak).isNotZero();
        assertThat(err.strip()).doesNotContain("\n").startsWith("mintreu: ").contains("password");
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");

        int badEmail = run("correct horse battery\n", "admin", "create", "--email", "not-an-email", "--config", config.toString());
        assertThat(badEmail).isNotZero();
        assertThat(err.strip()).doesNotContain("\n").contains("email");

        int empty = run("", "admin", "create", "--email", "b@example.com", "--config", config.toString());
        assertThat(empty).isNotZero();
        assertThat(err).contains("no password on stdin");
        Integer users = one("SELECT COUNT(*) FROM users", Integer.class);
        assertThat(users).isZero();
    }

    private int run(String stdin, String... args) {
        InputStream original = System.in;
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            var cli = MintreuCommand.commandLine();
            cli.setOut(new PrintWriter(o, true));
            cli.setErr(new PrintWriter(e, true));
            return cli.execute(args);
        } finally {
            System.setIn(original);
            out = o.toString();
            err = e.toString();
        }
    }

    private <T> T one(String sql, Class<T> type) {
        return jdbi().withHandle(h -> h.createQuery(sql).mapTo(type).one());
    }

    private Jdbi jdbi() {
        return Jdbi.create("jdbc:sqlite:" + dir.resolve("mintreu.db"));
    }
}
