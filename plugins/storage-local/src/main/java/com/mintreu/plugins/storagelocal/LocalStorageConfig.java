package com.mintreu.plugins.storagelocal;

import com.mintreu.api.config.Setting;
import java.nio.file.Path;

/**
 * {@code plugins.storage-local.config}.
 *
 * @param root  where objects live; blank means {@code <engine data>/plugins/storage-local/storage}
 * @param fsync whether each object is forced to disk before it becomes visible
 */
public record LocalStorageConfig(
        @Setting(help = "folder the objects are stored in; leave empty for <data dir>/plugins/storage-local/storage") Path root,
        @Setting(help = "force every object to disk before it becomes visible; slower, survives a power cut") boolean fsync) {

    static LocalStorageConfig defaults() {
        return new LocalStorageConfig(null, true);
    }
}
