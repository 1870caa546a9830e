package com.mintreu.engine.plugin;

import com.mintreu.plugins.licenseed25519.Ed25519LicenseScheme;
import com.mintreu.plugins.licenseshort.ShortLicenseScheme;
import com.mintreu.plugins.productdownload.DownloadProductType;
import com.mintreu.plugins.storagelocal.LocalStorage;
import java.nio.file.Path;

/** The real bundled plugins a purchase needs: storage-local, product-download and both license schemes. */
public final class EntitlementTestPlugins {

    private EntitlementTestPlugins() {}

    /** Writes the four plugin zips into {@code pluginsDir} and returns it. */
    public static Path writeTo(Path pluginsDir) {
        TestPluginZip.plugin("storage-local").requires(">=0.1.0")
                .classesFrom(Path.of(TestPluginZip.location(LocalStorage.class))).writeTo(pluginsDir);
        TestPluginZip.plugin("product-download").requires(">=0.1.0")
                .classesFrom(Path.of(TestPluginZip.location(DownloadProductType.class))).writeTo(pluginsDir);
        TestPluginZip.plugin("license-ed25519").requires(">=0.1.0")
                .classesFrom(Path.of(TestPluginZip.location(Ed25519LicenseScheme.class))).writeTo(pluginsDir);
        TestPluginZip.plugin("license-short").requires(">=0.1.0")
                .classesFrom(Path.of(TestPluginZip.location(ShortLicenseScheme.class))).writeTo(pluginsDir);
        return pluginsDir;
    }
}
