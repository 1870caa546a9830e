package com.mintreu.engine.plugin;

import com.mintreu.plugins.productdownload.DownloadProductType;
import com.mintreu.plugins.storagelocal.LocalStorage;
import java.nio.file.Path;

/**
 * The plugins a product needs (storage-local, product-download) and, as the only license scheme,
 * a {@code license-short} whose {@code issue} always throws, as a scheme with an unreadable
 * signing key would (a real plugin; products pick it with {@code licenseScheme: license-short}).
 */
public final class BrokenLicenseSchemePlugins {

    /** The id of the failing scheme. */
    public static final String SCHEME = "license-short";

    static final String SOURCE = """
            package test.broken;
            import com.mintreu.api.license.*;
            import java.util.List;
            @org.pf4j.Extension
            public class BrokenScheme implements LicenseScheme {
                public String id() { return "license-short"; }
                public String keyFormatDescription() { return "none: this scheme fails to issue"; }
                public IssuedKey issue(LicenseClaims claims) { throw new LicenseException("the signing key is unreadable"); }
                public KeyCheck verify(String key) { return KeyCheck.malformed("never issued"); }
                public List<PublicKeyInfo> publicKeys() { return List.of(); }
            }
            """;

    private BrokenLicenseSchemePlugins() {}

    /** Writes the three plugin zips into {@code pluginsDir} and returns it. */
    public static Path writeTo(Path pluginsDir) {
        TestPluginZip.plugin("storage-local").requires(">=0.1.0")
                .classesFrom(Path.of(TestPluginZip.location(LocalStorage.class))).writeTo(pluginsDir);
        TestPluginZip.plugin("product-download").requires(">=0.1.0")
                .classesFrom(Path.of(TestPluginZip.location(DownloadProductType.class))).writeTo(pluginsDir);
        TestPluginZip.plugin(SCHEME).source("test.broken.BrokenScheme", SOURCE).writeTo(pluginsDir);
        return pluginsDir;
    }
}
