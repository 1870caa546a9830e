package com.mintreu.engine.plugin;

import com.mintreu.plugins.helpdesk.BuiltinHelpdesk;
import com.mintreu.plugins.licenseed25519.Ed25519LicenseScheme;
import com.mintreu.plugins.licenseshort.ShortLicenseScheme;
import com.mintreu.plugins.paymentpaypal.PayPalGateway;
import com.mintreu.plugins.paymentsandbox.SandboxGateway;
import com.mintreu.plugins.paymentstripe.StripeGateway;
import com.mintreu.plugins.productdownload.DownloadProductType;
import com.mintreu.plugins.storagelocal.LocalStorage;
import java.nio.file.Path;

/** The real bundled plugins, zipped from their compiled classes, for engines that run the whole money path. */
public final class BundledTestPlugins {

    private BundledTestPlugins() {}

    /** Writes storage-local, product-download, license-ed25519, license-short, payment-sandbox and helpdesk-builtin into {@code pluginsDir}. */
    public static Path writeTo(Path pluginsDir) {
        zip("storage-local", LocalStorage.class, pluginsDir);
        zip("product-download", DownloadProductType.class, pluginsDir);
        zip("license-ed25519", Ed25519LicenseScheme.class, pluginsDir);
        zip("license-short", ShortLicenseScheme.class, pluginsDir);
        zip("payment-sandbox", SandboxGateway.class, pluginsDir);
        zip("helpdesk-builtin", BuiltinHelpdesk.class, pluginsDir);
        return pluginsDir;
    }

    /**
     * Writes payment-stripe into {@code pluginsDir}: not among the defaults, since it cannot start
     * without keys. Its libraries (stripe-java, gson) are not in the zip; the plugin class loader
     * finds them on the test class path, where the distribution's zip has them in {@code lib/}.
     */
    public static Path writeStripeTo(Path pluginsDir) {
        zip("payment-stripe", StripeGateway.class, pluginsDir);
        return pluginsDir;
    }

    /**
     * Writes payment-paypal into {@code pluginsDir}: off by default like Stripe (it needs keys);
     * its libraries (PayPal's SDK, OkHttp) come from the test class path, as for Stripe.
     */
    public static Path writePayPalTo(Path pluginsDir) {
        zip("payment-paypal", PayPalGateway.class, pluginsDir);
        return pluginsDir;
    }

    /** Writes assistant-llm into {@code pluginsDir}: shipped disabled, it needs a chat-completions endpoint. */
    public static Path writeAssistantLlmTo(Path pluginsDir) {
        zip("assistant-llm", com.mintreu.plugins.assistantllm.LlmAssistant.class, pluginsDir);
        return pluginsDir;
    }

    private static void zip(String id, Class<?> anyClass, Path pluginsDir) {
        TestPluginZip.plugin(id).requires(">=0.1.0").classesFrom(Path.of(TestPluginZip.location(anyClass))).writeTo(pluginsDir);
    }
}
