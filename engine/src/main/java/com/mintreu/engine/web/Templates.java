package com.mintreu.engine.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.mintreu.engine.config.EngineConfig;
import com.mintreu.engine.config.EnginePaths;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Renders the active theme's Pebble templates. A theme is a folder with {@code theme.yaml}
 * ({@code name}, optional {@code parent}), {@code templates/*.peb} and {@code static/}; a child
 * theme overrides any subset of its parent's templates. The default theme is also on the
 * classpath, so the engine renders pages even without a themes folder.
 */
@Singleton
public final class Templates {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final PebbleEngine pebble;
    private final List<String> chain;
    private final EnginePaths paths;

    @Inject
    Templates(EngineConfig engine, EnginePaths paths) {
        this.paths = paths;
        this.chain = themeChain(engine.theme(), paths.themesDir());
        List<Loader<?>> loaders = new ArrayList<>();
        for (String theme : chain) {
            Path dir = paths.themesDir().resolve(theme).resolve("templates");
            if (Files.isDirectory(dir)) {
                FileLoader file = new FileLoader(dir.toString());
                file.setSuffix(".peb");
                loaders.add(file);
            }
            ClasspathLoader classpath = new ClasspathLoader(Templates.class.getClassLoader());
            classpath.setPrefix("themes/" + theme + "/templates");
            classpath.setSuffix(".peb");
            loaders.add(classpath);
        }
        this.pebble = new PebbleEngine.Builder().loader(new DelegatingLoader(loaders)).autoEscaping(true)
                .extension(new TemplateFilters())
                .strictVariables(false).build();
    }

    /** The theme names from the active one up to the root, e.g. [acme, default]. */
    public List<String> chain() {
        return chain;
    }

    public EnginePaths paths() {
        return paths;
    }

    public String render(String template, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            pebble.getTemplate(template).evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<String> themeChain(String theme, Path themesDir) {
        List<String> chain = new ArrayList<>();
        String current = theme;
        while (current != null && !current.isBlank() && !chain.contains(current) && chain.size() < 8) {
            chain.add(current);
            current = parentOf(current, themesDir);
        }
        if (!chain.contains("default")) {
            chain.add("default");
        }
        return List.copyOf(chain);
    }

    private static String parentOf(String theme, Path themesDir) {
        Path file = themesDir.resolve(theme).resolve("theme.yaml");
        try (InputStream in = Files.exists(file) ? Files.newInputStream(file)
                : Templates.class.getClassLoader().getResourceAsStream("themes/" + theme + "/theme.yaml")) {
            if (in == null) {
                return null;
            }
            JsonNode node = YAML.readTree(in);
            return node != null && node.hasNonNull("parent") ? node.get("parent").asText() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
