package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;

/** Products, their files and images. */
public record CatalogConfig(
        @Setting(help = "largest release file a seller may upload, in bytes") long maxUploadBytes,
        @Setting(help = "largest product image, in bytes") long maxImageBytes,
        @Setting(help = "id of the storage backend for releases and images; empty: the first one started") String storage) {

    static CatalogConfig defaults() {
        return new CatalogConfig(512L * 1024 * 1024, 2L * 1024 * 1024, "");
    }
}
