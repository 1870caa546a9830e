package com.mintreu.engine.plugin;

import com.mintreu.plugins.meterredis.RedisMeter;
import com.mintreu.plugins.productapi.ApiProductType;
import java.nio.file.Path;

/** The product-api plugin zip, for engines that sell API products (with {@link BundledTestPlugins} for the rest of the money path). */
public final class ApiTestPlugins {

    private ApiTestPlugins() {}

    public static Path writeProductApiTo(Path pluginsDir) {
        TestPluginZip.plugin("product-api").requires(">=0.1.0").classesFrom(Path.of(TestPluginZip.location(ApiProductType.class))).writeTo(pluginsDir);
        return pluginsDir;
    }

    /**
     * The meter-redis plugin zip. Its libraries (Lettuce, Netty, Reactor) are not in the zip; the
     * plugin class loader finds them on the test class path, where the distribution's zip has them in lib/.
     */
    public static Path writeMeterRedisTo(Path pluginsDir) {
        TestPluginZip.plugin("meter-redis").requires(">=0.1.0").classesFrom(Path.of(TestPluginZip.location(RedisMeter.class))).writeTo(pluginsDir);
        return pluginsDir;
    }
}
