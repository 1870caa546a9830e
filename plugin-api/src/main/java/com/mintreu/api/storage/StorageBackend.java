package com.mintreu.api.storage;

import com.mintreu.api.Extension;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Stores opaque binary objects (release files, attachments, exports) by key. The engine picks one
 * backend by its {@link #id()} and calls it through the plugin dispatcher.
 *
 * <p>Keys are checked with {@link StorageKey#check(String)} by every method before any I/O, so a
 * key can never address anything outside the backend's own space. Objects are immutable once
 * written: {@link #put} of an existing key replaces it atomically (readers see the old or the new
 * object, never a mix). Implementations must be safe for concurrent use.
 */
public interface StorageBackend extends Extension {

    /**
     * Streams {@code data} into the object {@code key}, computing its size and SHA-256 on the way.
     * Reads until end of stream but never more than {@code maxBytes + 1} bytes; does not close
     * {@code data}.
     *
     * @param maxBytes the largest accepted object; larger input fails with {@link StorageException.Reason#TOO_LARGE}
     *                 and leaves neither a partial object nor a replaced one
     * @return what was stored
     * @throws StorageException for an invalid key ({@link StorageException.Reason#INVALID_KEY}),
     *                          too much data, or an I/O failure ({@link StorageException.Reason#IO})
     */
    StoredObject put(String key, InputStream data, long maxBytes);

    /**
     * Opens the object for reading. The caller closes the returned content.
     *
     * @return empty when there is no object with that key
     * @throws StorageException for an invalid key or an I/O failure
     */
    Optional<ObjectContent> get(String key);

    /**
     * Removes the object.
     *
     * @return true when an object was removed, false when there was none
     * @throws StorageException for an invalid key or an I/O failure
     */
    boolean delete(String key);

    /**
     * Whether an object with this key exists.
     *
     * @throws StorageException for an invalid key or an I/O failure
     */
    boolean exists(String key);

    /**
     * The object's key, size and SHA-256 without reading its content.
     *
     * @return empty when there is no object with that key
     * @throws StorageException for an invalid key or an I/O failure
     */
    Optional<StoredObject> stat(String key);

    /**
     * A URL that lets a client download the object directly for {@code ttl} (e.g. an S3
     * presigned URL). Empty by default, in which case the engine streams the object itself
     * behind its own signed links. Must not return a URL that outlives {@code ttl}.
     */
    default Optional<URI> presignedUrl(String key, Duration ttl) {
        return Optional.empty();
    }
}
