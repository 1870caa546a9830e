package com.mintreu.api.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An object opened for reading: its metadata and a stream of its bytes. The caller must close
 * it (try-with-resources), which closes the stream.
 *
 * @param object what is stored, including the size to send as {@code Content-Length}
 * @param stream the content, read once
 */
public record ObjectContent(StoredObject object, InputStream stream) implements AutoCloseable {

    /** Closes the stream. */
    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
