package com.mintreu.engine.plugin;

import com.mintreu.plugins.storagelocal.LocalStorage;
import java.nio.file.Path;

/** Plugins the catalog tests need: the bundled storage-local, and a tiny "ebook" product type. */
public final class CatalogTestPlugins {

    static final String EBOOK = """
            package test.ebook;
            import com.mintreu.api.product.*;
            import java.util.List;
            @org.pf4j.Extension
            public class Ebook implements ProductType {
                public String id() { return "ebook"; }
                public void start(com.mintreu.api.PluginContext ctx) {}
                public void stop() {}
                public String displayName() { return "E-book"; }
                public List<AttributeSpec> attributes() {
                    return List.of(new AttributeSpec("pages", "Pages", AttributeSpec.Kind.NUMBER, true, "how many pages"));
                }
                public List<Problem> validate(ProductDraft d) {
                    return d.hasRelease() ? List.of() : List.of(new Problem("release", "upload the book first"));
                }
                public List<EntitlementGrant> fulfill(FulfillmentRequest line) { return List.of(); }
            }
            """;

    private CatalogTestPlugins() {}

    /** Writes both plugin zips into {@code pluginsDir} and returns it. */
    public static Path writeTo(Path pluginsDir) {
        TestPluginZip.plugin("storage-local").requires(">=0.1.0")
                .classesFrom(Path.of(TestPluginZip.location(LocalStorage.class))).writeTo(pluginsDir);
        TestPluginZip.plugin("ebook").source("test.ebook.Ebook", EBOOK).writeTo(pluginsDir);
        return pluginsDir;
    }
}
