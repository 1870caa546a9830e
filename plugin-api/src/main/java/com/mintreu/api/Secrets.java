package com.mintreu.api;

/**
 * Keys a plugin uses for signing and MACs (webhook signatures, download links, tokens), derived
 * from the engine's master secret so the plugin never sees the master secret itself.
 */
public interface Secrets {

    /**
     * A 32-byte key for one purpose of this plugin: HMAC-SHA256 keyed by the engine master secret
     * over the plugin id and {@code purpose}. The same plugin id and purpose give the same key on
     * every node and every restart; different plugins or purposes give unrelated keys.
     * Returns a fresh copy each call. Must not be logged or sent to a client.
     *
     * @param purpose a short constant naming what the key is for, e.g. {@code "download-links"}
     */
    byte[] key(String purpose);
}
