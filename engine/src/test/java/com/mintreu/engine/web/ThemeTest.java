package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThemeTest {

    @TempDir
    Path themes;

    @Test
    void aChildThemeOverridesOneTemplateAndInheritsTheRest() throws Exception {
        Path acme = Files.createDirectories(themes.resolve("acme/templates"));
        Files.writeString(themes.resolve("acme/theme.yaml"), "name: acme\nparent: default\n");
        Files.writeString(acme.resolve("home.peb"), """
                {% extends "layout" %}
                {% block content %}<h1 id="acme">Acme Software Store</h1>{% endblock %}
                """);
        Files.createDirectories(themes.resolve("acme/static/css"));
        Files.writeString(themes.resolve("acme/static/css/acme.css"), "body { color: #123; }");

        try (TestEngine engine = TestEngine.boot("sqlite", "engine: {theme: acme, themesDir: '" + themes + "'}")) {
            Response home = engine.client().get("/");
            assertThat(home.html().select("#acme").text()).isEqualTo("Acme Software Store");
            assertThat(home.html().select("header a.brand").text()).as("layout comes from the parent").isEqualTo("Mintreu");

            Response error = engine.client().get("/missing");
            assertThat(error.html().select("main h1").text()).as("error page inherited").isEqualTo("Not found");

            assertThat(engine.client().get("/static/css/acme.css").body()).contains("#123");
            assertThat(engine.client().get("/static/css/site.css").body()).as("parent static files").contains("--brand");
        }
    }

    @Test
    void userContentIsEscaped() {
        try (TestEngine engine = TestEngine.boot("sqlite", "")) {
            Response r = engine.client().get("/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
        }
    }
}
