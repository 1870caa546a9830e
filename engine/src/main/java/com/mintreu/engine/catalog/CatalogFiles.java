package com.mintreu.engine.catalog;

import com.mintreu.api.storage.ObjectContent;
import com.mintreu.api.storage.StorageBackend;
import com.mintreu.api.storage.StorageException;
import com.mintreu.api.storage.StoredObject;
import com.mintreu.engine.config.CatalogConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Principal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * Product images and release files in the storage backend. The object is written first and the
 * row after; a failed row insert deletes the object again, so a row never names a missing file.
 */
@Singleton
public final class CatalogFiles {

    private final Jdbi jdbi;
    private final ProductStore store;
    private final CatalogService catalog;
    private final PluginHost plugins;
    private final CatalogConfig config;
    private final Clock clock;

    @Inject
    CatalogFiles(Jdbi jdbi, ProductStore store, CatalogService catalog, PluginHost plugins, CatalogConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.store = store;
        this.catalog = catalog;
        this.plugins = plugins;
        this.config = config;
        this.clock = clock;
    }

    public long maxUploadBytes() {
        return config.maxUploadBytes();
    }

    public long maxImageBytes() {
        return config.maxImageBytes();
    }

    /** Stores a PNG, JPEG or WebP (checked by its first bytes, not by what the client claims). */
    public ProductImage addImage(Principal caller, String productId, InputStream data) throws IOException {
        jdbi.useHandle(h -> catalog.ownedProduct(h, caller, productId));
        byte[] bytes = data.readNBytes((int) config.maxImageBytes() + 1);
        if (bytes.length > config.maxImageBytes()) {
            throw upload(CatalogError.UPLOAD_TOO_LARGE, "image", "the image is larger than " + sizeText(config.maxImageBytes()));
        }
        if (bytes.length == 0) {
            throw upload(CatalogError.EMPTY_UPLOAD, "image", "the image file is empty");
        }
        String type = imageType(bytes).orElseThrow(() -> upload(CatalogError.UNSUPPORTED_IMAGE, "image",
                "the file is not a PNG, JPEG or WebP image"));
        String id = Ids.next("img");
        String key = "catalog/images/" + id;
        Backend backend = backend();
        StoredObject stored = put(backend, key, new ByteArrayInputStream(bytes), config.maxImageBytes(), "image");
        ProductImage image = new ProductImage(id, productId, key, type, stored.size(), stored.sha256(), clock.millis());
        insertOrDelete(backend, key, () -> jdbi.useTransaction(h -> {
            catalog.ownedProduct(h, caller, productId);
            store.insertImage(h, image);
            catalog.changed(h);
        }));
        return image;
    }

    /** Streams a release file into storage with the upload limit; records its size and SHA-256. */
    public Release addRelease(Principal caller, String productId, String version, String notes, String fileName, InputStream data) {
        String v = ProductRules.version(version);
        String n = ProductRules.notes(notes);
        String name = fileName == null || fileName.isBlank() ? "release-" + v : fileName.strip();
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        jdbi.useHandle(h -> {
            catalog.ownedProduct(h, caller, productId);
            if (store.versionExists(h, productId, v)) {
                throw upload(CatalogError.VERSION_EXISTS, "version", "version " + v + " already exists; give the new release its own version");
            }
        });
        String id = Ids.next("rel");
        String key = "catalog/releases/" + productId + "/" + id;
        Backend backend = backend();
        StoredObject stored = put(backend, key, data, config.maxUploadBytes(), "file");
        if (stored.size() == 0) {
            call(backend, "delete", () -> backend.storage().delete(key));
            throw upload(CatalogError.EMPTY_UPLOAD, "file", "the file is empty");
        }
        Release release = new Release(id, productId, v, n, name, key, stored.size(), stored.sha256(), clock.millis());
        insertOrDelete(backend, key, () -> jdbi.useTransaction(h -> {
            catalog.ownedProduct(h, caller, productId);
            if (store.versionExists(h, productId, v)) {
                throw upload(CatalogError.VERSION_EXISTS, "version", "version " + v + " already exists; give the new release its own version");
            }
            store.insertRelease(h, release);
            catalog.changed(h);
        }));
        return release;
    }

    /** An image of a published product, or of one the viewer manages; the caller closes the content. */
    public Optional<Media> image(String imageId, Optional<Principal> viewer) {
        Optional<ProductImage> image = jdbi.withHandle(h -> store.image(h, imageId).filter(i -> store.byId(h, i.productId())
                .filter(p -> p.isPublished() || CatalogService.mayManage(viewer, p)).isPresent()));
        if (image.isEmpty()) {
            return Optional.empty();
        }
        Backend backend = backend();
        return call(backend, "get", () -> backend.storage().get(image.get().storageKey()))
                .map(content -> new Media(image.get().contentType(), content));
    }

    /** Opens a release file (downloads). */
    public Optional<ObjectContent> openRelease(Release release) {
        Backend backend = backend();
        return call(backend, "get", () -> backend.storage().get(release.storageKey()));
    }

    /** An image's bytes and type. */
    public record Media(String contentType, ObjectContent content) {}

    static Optional<String> imageType(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0d && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
            return Optional.of("image/png");
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return Optional.of("image/jpeg");
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    private record Backend(String pluginId, StorageBackend storage) {}

    private Backend backend() {
        Optional<StorageBackend> storage = config.storage().isBlank()
                ? plugins.extensions(StorageBackend.class).stream().findFirst()
                : plugins.extension(StorageBackend.class, config.storage());
        StorageBackend s = storage.orElseThrow(() -> new ApiException(CatalogError.STORAGE_UNAVAILABLE,
                "no storage backend" + (config.storage().isBlank() ? "" : " '" + config.storage() + "'") + " is running"));
        return new Backend(plugins.pluginIdOf(s).orElse(s.id()), s);
    }

    private StoredObject put(Backend backend, String key, InputStream data, long max, String field) {
        try {
            return plugins.dispatcher().call(backend.pluginId(), "put", () -> backend.storage().put(key, data, max));
        } catch (PluginCallException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StorageException se && se.reason() == StorageException.Reason.TOO_LARGE) {
                throw upload(CatalogError.UPLOAD_TOO_LARGE, field, "the file is larger than " + sizeText(max));
            }
            if (causedBy(e, io.undertow.server.RequestTooBigException.class)) {
                throw upload(CommonError.PAYLOAD_TOO_LARGE, field, "the file is larger than " + sizeText(max));
            }
            throw new ApiException(CatalogError.PLUGIN_FAILED, "storing the file failed (" + e.code() + ")");
        }
    }

    /** An upload failure that names the form field it is about, so a page shows it beside that field. */
    private static ApiException upload(com.mintreu.engine.web.ErrorCode code, String field, String message) {
        return new ApiException(code, message, java.util.List.of(new com.mintreu.engine.web.ApiException.FieldError(field, message)), null);
    }

    /** "2 MiB", "512 KiB", "900 bytes": the limit as a person reads it. */
    static String sizeText(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private void insertOrDelete(Backend backend, String key, Runnable insert) {
        try {
            insert.run();
        } catch (RuntimeException e) {
            call(backend, "delete", () -> backend.storage().delete(key));
            throw e;
        }
    }

    private <T> T call(Backend backend, String operation, java.util.concurrent.Callable<T> call) {
        return catalog.call(backend.pluginId(), operation, call);
    }
}
